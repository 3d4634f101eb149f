"""Editions in order, and the troika derived from that order (never stored)."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from gfmd.models import Country, Edition
from gfmd.rules import can_read_records

TROIKA_POSITIONS = ("past", "present", "future")


@dataclass(frozen=True)
class TroikaSeat:
    position: str
    edition: Edition | None
    chairs: list[Country] = field(default_factory=list)

    @property
    def known(self) -> bool:
        return self.edition is not None and bool(self.chairs)

    @property
    def note(self) -> str:
        if self.edition is None:
            return {
                "past": _("No earlier edition: this is the first Forum."),
                "future": _("Successor not yet known: no later edition is recorded."),
            }.get(self.position, "")
        if not self.chairs:
            return _("%(edition)s has no chair government recorded yet.") % {
                "edition": self.edition
            }
        return ""


def _with_chairs(queryset):
    return queryset.select_related("venue_country").prefetch_related(
        Prefetch("chairs", queryset=Country.objects.order_by("name"))
    )


def editions_for_user(user):
    """Editions the user may list: all for staff and focal points, else public ones."""
    queryset = _with_chairs(Edition.objects.order_by("ordinal"))
    if can_read_records(user):
        return queryset
    return queryset.filter(is_public=True)


def troika_for_edition(edition: Edition) -> list[TroikaSeat]:
    """Past, present and future chairs around `edition`, from the order of editions."""
    # Both neighbours in one query (plus one for their chairs); `edition` comes from a
    # selector that already prefetched its chairs.
    before = Edition.objects.filter(ordinal__lt=edition.ordinal).order_by("-ordinal")
    after = Edition.objects.filter(ordinal__gt=edition.ordinal).order_by("ordinal")
    neighbours = _with_chairs(
        Edition.objects.filter(
            Q(ordinal=Subquery(before.values("ordinal")[:1]))
            | Q(ordinal=Subquery(after.values("ordinal")[:1]))
        )
    )
    past = future = None
    for neighbour in neighbours:
        if neighbour.ordinal < edition.ordinal:
            past = neighbour
        else:
            future = neighbour
    return [
        TroikaSeat("past", past, list(past.chairs.all()) if past else []),
        TroikaSeat("present", edition, list(edition.chairs.all())),
        TroikaSeat("future", future, list(future.chairs.all()) if future else []),
    ]


def current_edition(today=None) -> Edition | None:
    """The edition the Support Unit works on today: the latest one begun by this year."""
    today = today or timezone.localdate()
    begun = _with_chairs(Edition.objects.filter(year_start__lte=today.year))
    return (
        begun.order_by("-ordinal").first()
        or _with_chairs(Edition.objects).order_by("ordinal").first()
    )

"""Editions in order, and the troika derived from that order (never stored).

On a date (`troika_on`), the present seat is the edition whose chairmanship term
(EditionChair.term_start/term_end) contains that day; past and future are its neighbours
by ordinal. The future seat lists confirmed chairs as `chairs` and governments whose
candidature is offered, under consideration or endorsed as `candidates`: never as chairs.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, Q, Subquery, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from gfmd.enums import CANDIDATE_STATES
from gfmd.models import Candidature, Country, Edition, EditionChair
from gfmd.rules import can_read_records

TROIKA_POSITIONS = ("past", "present", "future")


@dataclass(frozen=True)
class TroikaSeat:
    position: str
    edition: Edition | None
    chairs: list[Country] = field(default_factory=list)
    candidates: list[Country] = field(default_factory=list)

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
        if not self.chairs and self.candidates:
            return _("Candidate(s), not yet confirmed: %(names)s.") % {
                "names": ", ".join(c.name for c in self.candidates)
            }
        if not self.chairs:
            return _("%(edition)s has no chair government recorded yet.") % {
                "edition": self.edition
            }
        return ""


def _chairs():
    return Prefetch("chairs", queryset=Country.objects.order_by("name"))


def _with_chairs(queryset):
    return queryset.select_related("venue_country").prefetch_related(_chairs())


def editions_for_user(user, *, chairs: bool = True):
    """Editions the user may list: all for staff and focal points, else public ones
    (`chairs=False`: without their chairs, for reports that read the edition's dates)."""
    queryset = Edition.objects.order_by("ordinal")
    if chairs:
        queryset = _with_chairs(queryset)
    if can_read_records(user):
        return queryset
    return queryset.filter(is_public=True)


def troika_for_edition(edition: Edition) -> list[TroikaSeat]:
    """Past, present and future chairs around `edition`, from the order of editions."""
    # Both neighbours in one query, then the three editions' chairs in one (those of
    # `edition` only if its selector has not read them already).
    before = Edition.objects.filter(ordinal__lt=edition.ordinal).order_by("-ordinal")
    after = Edition.objects.filter(ordinal__gt=edition.ordinal).order_by("ordinal")
    neighbours = Edition.objects.filter(
        Q(ordinal=Subquery(before.values("ordinal")[:1]))
        | Q(ordinal=Subquery(after.values("ordinal")[:1]))
    )
    past = future = None
    for neighbour in neighbours:
        if neighbour.ordinal < edition.ordinal:
            past = neighbour
        else:
            future = neighbour
    prefetch_related_objects([e for e in (past, edition, future) if e is not None], _chairs())
    return [
        TroikaSeat("past", past, list(past.chairs.all()) if past else []),
        TroikaSeat("present", edition, list(edition.chairs.all())),
        TroikaSeat(
            "future",
            future,
            list(future.chairs.all()) if future else [],
            _candidates(future) if future else [],
        ),
    ]


def current_edition(today=None) -> Edition | None:
    """The edition the Support Unit works on today: the one whose chairmanship term runs
    today, else the latest one begun by this year."""
    today = today or timezone.localdate()
    in_office = edition_in_office(today)
    if in_office is not None:
        return in_office
    begun = _with_chairs(Edition.objects.filter(year_start__lte=today.year))
    return (
        begun.order_by("-ordinal").first()
        or _with_chairs(Edition.objects).order_by("ordinal").first()
    )


def _candidates(edition: Edition) -> list[Country]:
    """Governments with an open candidature (not yet confirmed) for `edition`."""
    ids = Candidature.objects.filter(edition=edition, state__in=CANDIDATE_STATES).values(
        "country_id"
    )
    return list(Country.objects.filter(pk__in=ids).order_by("name"))


def edition_in_office(on: date) -> Edition | None:
    """The edition whose chairmanship term contains the day `on` (None between terms)."""
    link = (
        EditionChair.objects.filter(term_start__lte=on)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=on))
        .order_by("-term_start")
        .values("edition_id")[:1]
    )
    return _with_chairs(Edition.objects.filter(pk__in=Subquery(link))).first()


def troika_on(on: date) -> list[TroikaSeat] | None:
    """The troika on a date: previous, current and next chair around the chair in office."""
    edition = edition_in_office(on)
    return troika_for_edition(edition) if edition is not None else None

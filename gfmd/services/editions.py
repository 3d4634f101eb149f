"""Editions with their chair governments (one or several: joint chairmanship)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gfmd.models import Country, Edition, EditionChair
from gfmd.platform.services.activity import log_action
from gfmd.platform.services.records import record_save
from gfmd.platform.services.webhooks import webhook_emit


def _check_chairs(chairs: list[Country]) -> None:
    not_states = [c.name for c in chairs if not c.is_state]
    if not_states:
        raise ValidationError(
            {
                "chairs": _("Only states chair the Forum; not a state: %(names)s.")
                % {"names": ", ".join(not_states)}
            }
        )
    if len({c.pk for c in chairs}) != len(chairs):
        raise ValidationError({"chairs": _("A government is listed twice as chair.")})


@transaction.atomic
def edition_save(*, actor, edition: Edition, chairs: list[Country] | None = None) -> Edition:
    """Create or update an edition; when `chairs` is given, make them its chair set."""
    if chairs is not None:
        _check_chairs(chairs)
    creating = edition.pk is None
    record_save(actor=actor, instance=edition)
    if chairs is not None:
        edition_set_chairs(actor=actor, edition=edition, chairs=chairs)
    webhook_emit(
        "edition.changed",
        {
            "id": edition.pk,
            "ordinal": edition.ordinal,
            "title": edition.title,
            "created": creating,
            "chairs": sorted(edition.chairs.values_list("iso3", flat=True)),
        },
        obj=edition,
        perm="gfmd.view_edition",
    )
    return edition


@transaction.atomic
def edition_set_chairs(*, actor, edition: Edition, chairs: list[Country]) -> None:
    _check_chairs(chairs)
    current = {
        link.country_id: link
        for link in edition.chair_links.select_related("country", "candidature")
    }
    wanted = {c.pk: c for c in chairs}
    removed = [link for cid, link in current.items() if cid not in wanted]
    added = [
        EditionChair(edition=edition, country=c) for cid, c in wanted.items() if cid not in current
    ]
    held = [link.country.name for link in removed if hasattr(link, "candidature")]
    if held:
        raise ValidationError(
            {
                "chairs": _(
                    "Chairs confirmed through a candidature leave by its withdrawal or "
                    "hand-over, not here: %(names)s."
                )
                % {"names": ", ".join(held)}
            }
        )
    for link in removed:
        link.delete()
    EditionChair.objects.bulk_create(added)
    if removed or added:
        log_action(
            actor,
            edition,
            "edition.set_chairs",
            {
                "changes": {
                    "chairs": [
                        sorted(link.country.iso3 for link in current.values()),
                        sorted(c.iso3 for c in chairs),
                    ]
                }
            },
        )

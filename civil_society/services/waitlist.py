"""Released places and the waitlist: when a selected delegate's place is released, the first
waitlisted delegate moves up - from the same sector if the sector would fall below its
minimum, otherwise the first in waitlist order."""

from django.db import transaction
from django.utils.translation import gettext as _

from civil_society.enums import DelegateStatus
from civil_society.models import CSDEdition, Delegate, SelectionPolicy
from civil_society.selectors.selection import selected_in_sector, waitlist
from civil_society.services.delegates import delegate_set_status
from gfmd.platform.errors import ConflictError


@transaction.atomic
def delegate_release(*, actor, delegate: Delegate, reason: str = "") -> Delegate | None:
    """Release a selected delegate's place. Returns the delegate promoted in their stead."""
    CSDEdition.objects.select_for_update().filter(pk=delegate.csd_edition_id).first()
    delegate = Delegate.objects.select_related("application__organisation").get(pk=delegate.pk)
    if delegate.status != DelegateStatus.SELECTED:
        raise ConflictError(
            _("%(name)s holds no place to release.") % {"name": delegate.full_name},
            code="invalid_transition",
        )
    delegate_set_status(
        actor=actor,
        delegate=delegate,
        status=DelegateStatus.RELEASED,
        reason=reason,
        action="delegate.release",
    )
    return waitlist_promote(
        actor=actor,
        csd_edition=delegate.csd_edition,
        sector=delegate.application.organisation.sector,
    )


def next_on_waitlist(csd_edition: CSDEdition, sector: str) -> tuple[Delegate | None, str]:
    """Who moves up, and why. Read-only: the admin and the API show it before a release."""
    queue = list(waitlist(csd_edition))
    if not queue:
        return None, _("The waitlist is empty.")
    policy = SelectionPolicy.objects.filter(csd_edition=csd_edition).first()
    minimum = policy.sector_minimum(sector) if policy else 0
    if minimum and selected_in_sector(csd_edition, sector) < minimum:
        same_sector = [d for d in queue if d.application.organisation.sector == sector]
        if same_sector:
            return same_sector[0], _(
                "moved up to keep the sector minimum (%(minimum)d) for %(sector)s"
            ) % {
                "minimum": minimum,
                "sector": same_sector[0].application.organisation.get_sector_display(),
            }
    first = queue[0]
    return first, _("moved up from waitlist position %(position)d") % {
        "position": first.waitlist_position
    }


@transaction.atomic
def waitlist_promote(*, actor, csd_edition: CSDEdition, sector: str) -> Delegate | None:
    promoted, why = next_on_waitlist(csd_edition, sector)
    if promoted is None:
        return None
    return delegate_set_status(
        actor=actor,
        delegate=promoted,
        status=DelegateStatus.SELECTED,
        reason=why,
        action="delegate.promote",
    )

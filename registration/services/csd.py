"""Confirmed Civil Society Days delegates enter the meeting's registration without being
typed again: one participant per selected delegate, in the registration's CSD-delegate
category, for the delegate's organisation. Idempotent (the unique link to the delegate)."""

from django.db import transaction
from django.utils.translation import gettext as _

from civil_society.enums import DelegateStatus
from civil_society.models import Delegate
from gfmd.platform.errors import DomainError
from gfmd.platform.services.activity import log_action
from registration.enums import CategoryKind, ParticipantState
from registration.models import Participant, Registration
from registration.services.participants import participant_nominate


@transaction.atomic
def csd_delegates_feed(*, actor, registration: Registration) -> list[Participant]:
    """Add the edition's selected CSD delegates not yet registered; returns the new ones."""
    category = registration.categories.filter(kind=CategoryKind.CSD_DELEGATE).first()
    if category is None:
        raise DomainError(_("This registration has no category for CSD delegates."))
    known = Participant.objects.filter(
        registration=registration, csd_delegate__isnull=False
    ).values("csd_delegate_id")
    delegates = (
        Delegate.objects.filter(
            csd_edition__edition_id=registration.meeting.edition_id,
            status=DelegateStatus.SELECTED,
        )
        .exclude(pk__in=known)
        .select_related("application__organisation__organisation")
        .order_by("id")
    )
    added = [
        participant_nominate(
            actor=actor,
            registration=registration,
            category=category,
            organisation=delegate.application.organisation.organisation,
            csd_delegate=delegate,
            full_name=delegate.full_name,
            email=delegate.email,
            attendance_format=("in_person" if registration.in_person else "online"),
            submit=True,
        )
        for delegate in delegates
    ]
    if added:
        log_action(
            actor,
            registration,
            "registration.csd_delegates_fed",
            {"added": len(added), "state": ParticipantState.SUBMITTED},
        )
    return added

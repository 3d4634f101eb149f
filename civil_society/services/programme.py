"""Programme records with a rule beyond their own fields: CSD representatives at Friends of
the Forum meetings are selected delegates, registered through gfmd Attendance as observers."""

from django.db import transaction
from django.utils.translation import gettext as _

from civil_society.enums import DelegateStatus
from civil_society.models import Delegate, FriendsRepresentative
from gfmd.enums import AttendanceRole, MeetingBody
from gfmd.models import Attendance, Meeting
from gfmd.platform.errors import DomainError
from gfmd.platform.services.records import record_delete, record_save


def friends_representative_check(*, delegate: Delegate, meeting: Meeting) -> None:
    """The guards of a registration (the admin form shows them before saving)."""
    if meeting.body != MeetingBody.FRIENDS_OF_THE_FORUM:
        raise DomainError(
            _("CSD representatives attend Friends of the Forum meetings only."), field="meeting"
        )
    if meeting.edition_id != delegate.csd_edition.edition_id:
        raise DomainError(
            _(
                "The meeting belongs to another Forum edition than the delegate's "
                "Civil Society Days."
            ),
            field="meeting",
        )
    if delegate.status != DelegateStatus.SELECTED:
        raise DomainError(
            _("Only selected delegates of the CSD delegation can represent the CSD."),
            field="delegate",
        )
    organisation = delegate.application.organisation.organisation
    attendance = Attendance.objects.filter(meeting=meeting, organisation=organisation).first()
    if attendance is not None and attendance.role != AttendanceRole.OBSERVER:
        raise DomainError(
            _("%(organisation)s is already listed at this meeting as %(role)s.")
            % {"organisation": organisation, "role": attendance.get_role_display().lower()},
            field="meeting",
        )


@transaction.atomic
def friends_representative_register(
    *, actor, delegate: Delegate, meeting: Meeting
) -> FriendsRepresentative:
    """Register a selected delegate at a Friends of the Forum meeting of the same edition;
    their organisation is listed on the meeting as observer (once)."""
    delegate = Delegate.objects.select_related(
        "csd_edition", "application__organisation__organisation"
    ).get(pk=delegate.pk)
    friends_representative_check(delegate=delegate, meeting=meeting)
    organisation = delegate.application.organisation.organisation
    attendance = Attendance.objects.filter(meeting=meeting, organisation=organisation).first()
    if attendance is None:
        attendance = record_save(
            actor=actor,
            instance=Attendance(
                meeting=meeting, organisation=organisation, role=AttendanceRole.OBSERVER
            ),
        )
    return record_save(
        actor=actor,
        instance=FriendsRepresentative(delegate=delegate, meeting=meeting, attendance=attendance),
    )


@transaction.atomic
def friends_representative_remove(*, actor, representative: FriendsRepresentative) -> None:
    """Remove the registration; the observer listing goes when no other representative of the
    organisation remains at the meeting."""
    attendance = representative.attendance
    record_delete(actor=actor, instance=representative)
    if not FriendsRepresentative.objects.filter(attendance=attendance).exists():
        record_delete(actor=actor, instance=attendance)

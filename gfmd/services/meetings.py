"""Meetings: invitations to the focal points of every government and organisation listed."""

from datetime import date

from django.db import transaction
from django.db.models import Q

from gfmd.models import FocalPoint, Meeting
from gfmd.platform.services.activity import log_action
from gfmd.platform.services.notifications import notify


def _invitation_body(meeting: Meeting, body_name: str, role: str) -> str:
    place = "online" if meeting.is_virtual and not meeting.city else meeting.city
    when = meeting.start_date.isoformat()
    if meeting.end_date and meeting.end_date != meeting.start_date:
        when += f" to {meeting.end_date.isoformat()}"
    lines = [
        f"{body_name} is invited as {role} to: {meeting.title}",
        f"When: {when}",
        f"Where: {place}" + (f" ({meeting.virtual_link})" if meeting.virtual_link else ""),
        "",
        "Agenda:",
    ]
    lines += [f"  {item.position}. {item.title}" for item in meeting.agenda_items.all()]
    return "\n".join(lines)


@transaction.atomic
def meeting_send_invitations(*, actor, meeting: Meeting) -> int:
    """Queue one invitation per active focal point of each attending body. Safe to repeat."""
    attendances = list(meeting.attendances.select_related("country", "organisation").order_by("id"))
    today = date.today()
    countries = {a.country_id: a for a in attendances if a.country_id}
    organisations = {a.organisation_id: a for a in attendances if a.organisation_id}
    focal_points = (
        FocalPoint.objects.filter(
            Q(country_id__in=countries) | Q(organisation_id__in=organisations)
        )
        .filter(start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("user")
        .order_by("id")
    )
    meeting = Meeting.objects.prefetch_related("agenda_items").get(pk=meeting.pk)
    queued = 0
    for fp in focal_points:
        attendance = countries.get(fp.country_id) or organisations.get(fp.organisation_id)
        body = attendance.country or attendance.organisation
        queued += bool(
            notify(
                key=f"meeting-invitation:{meeting.pk}:{fp.user_id}",
                email=fp.user.email,
                user=fp.user,
                subject=f"Invitation: {meeting.title}",
                body=_invitation_body(meeting, str(body), attendance.get_role_display()),
            )
        )
    log_action(actor, meeting, "meeting.send_invitations", {"queued": queued})
    return queued

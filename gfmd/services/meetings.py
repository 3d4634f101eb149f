"""Meetings: invitations to the focal points of every government, organisation and
mechanism listed."""

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gfmd.models import FocalPoint, Meeting
from gfmd.platform.languages import saved_language
from gfmd.platform.services.activity import log_action
from gfmd.platform.services.notifications import notify


def _invitation(meeting: Meeting, attendance) -> tuple[str, str]:
    """Subject and body, in the active language (notify renders it in the recipient's)."""
    body_name = str(attendance.country or attendance.organisation or attendance.mechanism)
    place = _("online") if meeting.is_virtual and not meeting.city else meeting.city
    when = date_format(meeting.start_date, "DATE_FORMAT")
    if meeting.end_date and meeting.end_date != meeting.start_date:
        when = _("%(start)s to %(end)s") % {
            "start": when,
            "end": date_format(meeting.end_date, "DATE_FORMAT"),
        }
    where = _("Where: %(place)s") % {"place": place}
    if meeting.virtual_link:
        where += f" ({meeting.virtual_link})"
    lines = [
        _("%(body)s is invited as %(role)s to: %(meeting)s")
        % {"body": body_name, "role": attendance.get_role_display(), "meeting": meeting.title},
        _("When: %(dates)s") % {"dates": when},
        where,
        "",
        _("Agenda:"),
    ]
    lines += [f"  {item.position}. {item.title}" for item in meeting.agenda_items.all()]
    subject = _("Invitation: %(meeting)s") % {"meeting": meeting.title}
    return subject, "\n".join(lines)


@transaction.atomic
def meeting_send_invitations(*, actor, meeting: Meeting) -> int:
    """Queue one invitation per active focal point of each attending body. Safe to repeat."""
    attendances = list(
        meeting.attendances.select_related("country", "organisation", "mechanism").order_by("id")
    )
    today = date.today()
    countries = {a.country_id: a for a in attendances if a.country_id}
    organisations = {a.organisation_id: a for a in attendances if a.organisation_id}
    mechanisms = {a.mechanism_id: a for a in attendances if a.mechanism_id}
    focal_points = (
        FocalPoint.objects.filter(
            Q(country_id__in=countries)
            | Q(organisation_id__in=organisations)
            | Q(mechanism_id__in=mechanisms)
        )
        .filter(start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("user")
        .order_by("id")
    )
    meeting = Meeting.objects.prefetch_related("agenda_items").get(pk=meeting.pk)
    queued = 0
    for fp in focal_points:
        attendance = (
            countries.get(fp.country_id)
            or organisations.get(fp.organisation_id)
            or mechanisms.get(fp.mechanism_id)
        )
        queued += bool(
            notify(
                key=f"meeting-invitation:{meeting.pk}:{fp.user_id}",
                email=fp.user.email,
                user=fp.user,
                # in the recipient's language: preference, else this focal point's record
                language=saved_language(fp.user) or fp.language,
                render=lambda attendance=attendance: _invitation(meeting, attendance),
            )
        )
    log_action(actor, meeting, "meeting.send_invitations", {"queued": queued})
    return queued

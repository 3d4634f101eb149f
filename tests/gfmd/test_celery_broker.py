"""Celery through a real Redis broker and a real worker process."""

from datetime import date

import pytest

from gfmd.enums import AttendanceRole
from gfmd.models import Attendance
from gfmd.platform.enums import NotificationStatus
from gfmd.platform.models import Notification
from gfmd.services.meetings import meeting_send_invitations
from tests.conftest import wait_for
from tests.factories import FocalPointFactory, MeetingFactory, StaffFactory, country

pytestmark = [pytest.mark.slow]


def test_invitations_go_through_redis_and_worker_once_per_recipient(celery_worker):
    staff = StaffFactory()
    meeting = MeetingFactory()
    for iso3 in ("DEU", "MAR"):
        Attendance.objects.create(
            meeting=meeting, country=country(iso3), role=AttendanceRole.MEMBER
        )
    recipients = [
        FocalPointFactory(country=country(iso3), start_date=date(2020, 1, 1)).user
        for iso3 in ("DEU", "MAR", "MAR")
    ]

    queued = meeting_send_invitations(actor=staff, meeting=meeting)  # commits: autocommit
    again = meeting_send_invitations(actor=staff, meeting=meeting)

    assert (queued, again) == (3, 0)
    sent = wait_for(
        lambda: (
            Notification.objects.filter(status=NotificationStatus.SENT).count() == 3
            and list(celery_worker.iterdir())
        )
    )
    assert sent
    wait_for(lambda: len(list(celery_worker.iterdir())) >= 3)
    mails = sorted(p.read_text() for p in celery_worker.iterdir())
    assert len(mails) == 3
    assert sorted(Notification.objects.values_list("recipient_email", flat=True)) == sorted(
        u.email for u in recipients
    )
    assert all(f"Invitation: {meeting.title}" in m for m in mails)

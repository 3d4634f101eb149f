"""Celery fan-out at volume: one meeting invitation to 1,000 focal points goes through the
real Redis broker and a real worker process in under 30 s, exactly one email each."""

import re
import time
from datetime import date

import pytest
from django.contrib.auth import get_user_model

from gfmd.enums import AttendanceRole, FocalPointRole
from gfmd.models import Attendance, Country, FocalPoint
from gfmd.platform.enums import NotificationStatus
from gfmd.platform.models import Notification
from gfmd.services.countries import countries_load
from gfmd.services.meetings import meeting_send_invitations
from tests.conftest import wait_for
from tests.factories import MeetingFactory, StaffFactory

pytestmark = [pytest.mark.slow]

RECIPIENTS = 1_000
BUDGET_SECONDS = 30


def _focal_points(countries) -> list:
    User = get_user_model()
    users = User.objects.bulk_create(
        [User(username=f"fp{i:04d}", email=f"fp{i:04d}@example.org") for i in range(RECIPIENTS)]
    )
    FocalPoint.objects.bulk_create(
        [
            FocalPoint(
                user=user,
                country=countries[i % len(countries)],
                role=FocalPointRole.FOCAL_POINT,
                start_date=date(2020, 1, 1),
            )
            for i, user in enumerate(users)
        ]
    )
    return users


def _delivered(mailbox) -> list[str]:
    """The notification keys of every message the worker's file backend wrote."""
    keys = []
    for path in mailbox.iterdir():
        keys += re.findall(r"^X-GFMD-Notification: (\S+)$", path.read_text(), flags=re.M)
    return keys


def test_invitation_to_1000_focal_points_within_30s_once_each(celery_worker):
    if not Country.objects.exists():
        countries_load()  # a transactional test before this one may have flushed the list
    countries = list(Country.objects.filter(un_status="member").order_by("id"))
    staff = StaffFactory()
    meeting = MeetingFactory()
    Attendance.objects.bulk_create(
        [Attendance(meeting=meeting, country=c, role=AttendanceRole.MEMBER) for c in countries]
    )
    users = _focal_points(countries)

    started = time.monotonic()
    queued = meeting_send_invitations(actor=staff, meeting=meeting)  # commits, then enqueues
    wait_for(
        lambda: Notification.objects.filter(status=NotificationStatus.SENT).count() == RECIPIENTS,
        timeout=BUDGET_SECONDS + 15,
        interval=0.5,
    )
    elapsed = time.monotonic() - started
    keys = wait_for(lambda: (k := _delivered(celery_worker)) and len(k) >= RECIPIENTS and k)
    time.sleep(1)  # a duplicate would arrive right after; give it the chance to show
    keys = _delivered(celery_worker)

    print(f"\nfan-out: {queued} invitations queued and sent in {elapsed:.1f} s")
    assert queued == RECIPIENTS
    assert elapsed < BUDGET_SECONDS, f"{RECIPIENTS} emails took {elapsed:.1f} s"
    assert len(keys) == RECIPIENTS and len(set(keys)) == RECIPIENTS  # exactly one each
    expected = {f"meeting-invitation:{meeting.pk}:{u.pk}" for u in users}
    assert set(keys) == expected
    assert not Notification.objects.exclude(status=NotificationStatus.SENT).exists()

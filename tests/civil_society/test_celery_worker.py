"""Decision emails through a real Redis broker and a real worker process, once per delegate."""

import pytest

from civil_society.services.selection import proposal_confirm, proposal_run
from gfmd.platform.enums import NotificationStatus
from gfmd.platform.models import Notification
from gfmd.platform.queue import enqueue_on_commit
from tests.civil_society.factories import (
    CommitteeMemberFactory,
    CSDEditionFactory,
    PolicyFactory,
    candidate,
)
from tests.conftest import wait_for
from tests.factories import StaffFactory

pytestmark = [pytest.mark.slow]


def test_confirmation_emails_each_delegate_once_through_the_worker(celery_worker):
    staff = StaffFactory()
    csd = CSDEditionFactory()
    PolicyFactory(csd_edition=csd, places=1, waitlist_size=1)
    reviewer = CommitteeMemberFactory(csd_edition=csd)
    chosen = candidate(csd, score=9, reviewers=[reviewer])
    waiting = candidate(csd, score=6, reviewers=[reviewer])
    declined = candidate(csd, score=2, reviewers=[reviewer])

    proposal_confirm(actor=staff, proposal=proposal_run(actor=staff, csd_edition=csd))  # commits
    assert not Notification.objects.exists()  # rows are written by the worker, after commit

    wait_for(lambda: Notification.objects.filter(status=NotificationStatus.SENT).count() == 3)
    wait_for(lambda: len(list(celery_worker.iterdir())) >= 3)
    mails = [p.read_text() for p in celery_worker.iterdir()]
    assert sorted(Notification.objects.values_list("recipient_email", flat=True)) == sorted(
        d.email for d in (chosen, waiting, declined)
    )
    assert sum(f"Selected: {chosen.full_name}" in m for m in mails) == 1
    assert sum("waitlist at position 1" in m.replace("\n", " ") for m in mails) == 1

    # A redelivered decision task changes nothing: the worker finds the sent-marker.
    enqueue_on_commit(
        "civil_society.notify_delegate_decision", delegate_id=chosen.pk, status="selected"
    )
    log = next(celery_worker.parent.glob("worker*.log"))
    wait_for(lambda: log.read_text().count("civil_society.notify_delegate_decision") >= 8)
    wait_for(
        lambda: (
            "succeeded" in log.read_text().rsplit("civil_society.notify_delegate_decision", 1)[1]
        )
    )
    assert Notification.objects.count() == 3
    assert len(list(celery_worker.iterdir())) == 3

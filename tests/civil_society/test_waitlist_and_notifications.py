"""Released places move the waitlist up; decisions are emailed after commit, once."""

import pytest
from django.core import mail

from civil_society.enums import DelegateStatus, Sector
from civil_society.services.applications import application_withdraw
from civil_society.services.delegates import delegate_notify_decision
from civil_society.services.selection import proposal_confirm, proposal_run
from civil_society.services.waitlist import delegate_release
from gfmd.platform.errors import ConflictError
from gfmd.platform.models import Notification
from tests.civil_society.factories import candidate

pytestmark = pytest.mark.django_db


def _confirmed(csd, staff):
    return proposal_confirm(actor=staff, proposal=proposal_run(actor=staff, csd_edition=csd))


def _status(delegate):
    delegate.refresh_from_db()
    return delegate.status, delegate.waitlist_position


def test_released_place_goes_to_first_on_waitlist(csd, policy, reviewer, staff):
    policy.places, policy.waitlist_size = 1, 2
    policy.save()
    chosen = candidate(csd, score=9, reviewers=[reviewer])
    first = candidate(csd, score=7, reviewers=[reviewer])
    second = candidate(csd, score=6, reviewers=[reviewer])
    _confirmed(csd, staff)

    promoted = delegate_release(actor=staff, delegate=chosen, reason="visa refused")

    assert promoted == first
    assert _status(chosen) == (DelegateStatus.RELEASED, None)
    assert _status(first) == (DelegateStatus.SELECTED, None)
    assert _status(second) == (DelegateStatus.WAITLISTED, 1)  # moved up with the queue


def test_waitlist_is_renumbered_after_each_promotion(csd, policy, reviewer, staff):
    policy.places, policy.waitlist_size = 2, 5
    policy.save()
    chosen = [candidate(csd, score=9, reviewers=[reviewer]) for _ in range(2)]
    waiting = [candidate(csd, score=8 - i, reviewers=[reviewer]) for i in range(5)]
    _confirmed(csd, staff)
    assert [_status(d)[1] for d in waiting] == [1, 2, 3, 4, 5]

    delegate_release(actor=staff, delegate=chosen[0])
    assert [_status(d) for d in waiting[1:]] == [
        (DelegateStatus.WAITLISTED, position) for position in (1, 2, 3, 4)
    ]
    application_withdraw(actor=staff, application=waiting[2].application, reason="no visa")
    delegate_release(actor=staff, delegate=chosen[1])
    assert [_status(d)[1] for d in waiting] == [None, None, None, 1, 2]


def test_released_place_keeps_the_sector_minimum(csd, policy, reviewer, staff):
    policy.places, policy.waitlist_size, policy.sector_minimums = 2, 2, {"trade_union": 1}
    policy.save()
    candidate(csd, score=9, reviewers=[reviewer])
    union = candidate(csd, score=5, reviewers=[reviewer], sector=Sector.TRADE_UNION)
    dev_waiting = candidate(csd, score=8, reviewers=[reviewer])
    union_waiting = candidate(csd, score=4, reviewers=[reviewer], sector=Sector.TRADE_UNION)
    _confirmed(csd, staff)
    assert _status(dev_waiting) == (DelegateStatus.WAITLISTED, 1)
    assert _status(union_waiting) == (DelegateStatus.WAITLISTED, 2)

    promoted = delegate_release(actor=staff, delegate=union)

    assert promoted == union_waiting
    assert _status(dev_waiting) == (DelegateStatus.WAITLISTED, 1)
    assert _status(union_waiting) == (DelegateStatus.SELECTED, None)


def test_withdrawn_application_releases_its_place(csd, policy, reviewer, staff):
    policy.places = 1
    policy.save()
    chosen = candidate(csd, score=9, reviewers=[reviewer])
    waiting = candidate(csd, score=5, reviewers=[reviewer])
    _confirmed(csd, staff)

    application_withdraw(actor=staff, application=chosen.application, reason="funding")

    assert _status(chosen)[0] == DelegateStatus.RELEASED
    assert _status(waiting)[0] == DelegateStatus.SELECTED


def test_release_with_empty_waitlist_promotes_nobody(csd, policy, reviewer, staff):
    chosen = candidate(csd, score=9, reviewers=[reviewer])
    _confirmed(csd, staff)

    assert delegate_release(actor=staff, delegate=chosen) is None
    with pytest.raises(ConflictError, match="no place to release"):
        delegate_release(actor=staff, delegate=chosen)


def test_decisions_are_emailed_after_commit_once_each(
    csd, policy, reviewer, staff, django_capture_on_commit_callbacks
):
    policy.places, policy.waitlist_size = 1, 1
    policy.save()
    chosen = candidate(csd, score=9, reviewers=[reviewer])
    waiting = candidate(csd, score=6, reviewers=[reviewer])
    declined = candidate(csd, score=3, reviewers=[reviewer])
    proposal = proposal_run(actor=staff, csd_edition=csd)

    with django_capture_on_commit_callbacks(execute=False) as pending:
        proposal_confirm(actor=staff, proposal=proposal)
    assert mail.outbox == []  # nothing leaves before the commit
    with django_capture_on_commit_callbacks(execute=True):
        for callback in pending:
            callback()

    sent = {m.to[0]: m.subject for m in mail.outbox}
    assert sent == {
        chosen.email: f"Selected: {chosen.full_name}, {csd.title}",
        waiting.email: f"Waitlisted: {waiting.full_name}, {csd.title}",
        declined.email: f"Your application to {csd.title}",
    }
    # A redelivered task changes nothing: the notification key is the sent-marker.
    with django_capture_on_commit_callbacks(execute=True):
        again = delegate_notify_decision(delegate_id=chosen.pk, status=DelegateStatus.SELECTED)
    assert again is False
    assert len(mail.outbox) == 3
    assert Notification.objects.filter(key__startswith="csd-decision:").count() == 3


def test_promotion_is_emailed_and_stale_task_stays_quiet(
    csd, policy, reviewer, staff, django_capture_on_commit_callbacks
):
    policy.places = 1
    policy.save()
    chosen = candidate(csd, score=9, reviewers=[reviewer])
    waiting = candidate(csd, score=6, reviewers=[reviewer])
    with django_capture_on_commit_callbacks(execute=True):
        _confirmed(csd, staff)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        delegate_release(actor=staff, delegate=chosen)

    assert [(m.to[0], m.subject.split(":")[0]) for m in mail.outbox] == [
        (waiting.email, "Selected")
    ]
    # The waitlisted email task arriving late for a now-selected delegate sends nothing.
    assert delegate_notify_decision(delegate_id=waiting.pk, status="waitlisted") is False
    assert delegate_notify_decision(delegate_id=999999, status="selected") is False

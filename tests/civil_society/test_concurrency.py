"""Two writers at once: the row locks make the second see the first's result."""

import threading

import pytest
from django.db import connection

from civil_society.models import Delegate
from civil_society.services.selection import proposal_confirm, proposal_run
from civil_society.services.waitlist import delegate_release
from gfmd.platform.errors import ConflictError
from gfmd.platform.models import ActivityLog
from tests.civil_society.factories import (
    CommitteeMemberFactory,
    CSDEditionFactory,
    PolicyFactory,
    candidate,
)
from tests.factories import StaffFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _race(*calls):
    barrier = threading.Barrier(len(calls))
    results = []

    def run(call):
        try:
            barrier.wait()
            call()
            results.append("ok")
        except ConflictError:
            results.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return sorted(results)


def _setup(places=1, waitlist=2):
    staff = StaffFactory()
    csd = CSDEditionFactory()
    PolicyFactory(csd_edition=csd, places=places, waitlist_size=waitlist)
    reviewer = CommitteeMemberFactory(csd_edition=csd)
    people = [candidate(csd, score=s, reviewers=[reviewer]) for s in (9, 7, 5)]
    return staff, csd, people


def test_two_staff_confirming_at_once_confirm_once():
    staff, csd, people = _setup()
    proposal = proposal_run(actor=staff, csd_edition=csd)

    results = _race(
        lambda: proposal_confirm(actor=staff, proposal=proposal),
        lambda: proposal_confirm(actor=staff, proposal=proposal),
    )

    assert results == ["conflict", "ok"]
    assert ActivityLog.objects.filter(action="delegate.decide").count() == 3


def test_releasing_two_places_at_once_promotes_two_different_delegates():
    staff, csd, people = _setup(places=2, waitlist=1)
    candidate(csd, score=4, reviewers=[CommitteeMemberFactory(csd_edition=csd)])
    proposal_confirm(actor=staff, proposal=proposal_run(actor=staff, csd_edition=csd))
    selected = list(Delegate.objects.filter(status="selected"))
    assert len(selected) == 2

    results = _race(*(lambda d=d: delegate_release(actor=staff, delegate=d) for d in selected))

    assert results == ["ok", "ok"]
    assert Delegate.objects.filter(status="selected").count() == 1  # one on the waitlist
    assert Delegate.objects.filter(status="waitlisted").count() == 0
    assert ActivityLog.objects.filter(action="delegate.promote").count() == 1

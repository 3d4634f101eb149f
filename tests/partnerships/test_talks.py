"""The call for PfP talks: proposals, reviews (conflicts refused) and the selection by
the one selection engine (gfmd/platform/selection.py), with an explanation per verdict."""

import pytest
from django.utils import translation

from gfmd.platform.errors import ConflictError, DomainError
from partnerships.enums import TalkCallState, TalkOutcome
from partnerships.services.talks import (
    talk_propose,
    talk_review_submit,
    talk_selection_decide,
    talk_selection_run,
)
from tests.factories import OrganisationFactory, UserFactory
from tests.partnerships.factories import (
    TalkCallFactory,
    TalkProposalFactory,
    TalkReviewerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(db):
    return TalkCallFactory(places=2, waitlist_size=1, min_reviews=2, max_per_organisation=1)


def _scored(call, reviewers, scores, **fields):
    proposal = TalkProposalFactory(call=call, **fields)
    for reviewer, score in zip(reviewers, scores, strict=False):
        talk_review_submit(actor=reviewer.user, proposal=proposal, score=score)
    return proposal


def test_selection_ranks_caps_waitlists_and_explains(call, staff):
    reviewers = [TalkReviewerFactory(call=call), TalkReviewerFactory(call=call)]
    iom = OrganisationFactory(name="IOM")
    best = _scored(call, reviewers, [5, 5], organisation=iom)
    same_org = _scored(call, reviewers, [5, 4], organisation=iom)
    second = _scored(call, reviewers, [4, 4])
    third = _scored(call, reviewers, [3, 3])
    fourth = _scored(call, reviewers, [2, 2])
    unreviewed = _scored(call, reviewers[:1], [5])

    result = talk_selection_run(actor=staff, call=call)

    for p in (best, same_org, second, third, fourth, unreviewed):
        p.refresh_from_db()
    assert [best.outcome, second.outcome] == [TalkOutcome.SELECTED] * 2
    assert best.reason == "Selected on merit. Rank 1, average 5.00 from 2 review(s)."
    assert same_org.outcome == TalkOutcome.OUT
    assert same_org.reason.startswith("Not selected: IOM already has 1 talk(s)")
    assert third.outcome == TalkOutcome.WAITLISTED and third.waitlist_position == 1
    assert third.reason.startswith("Waitlisted at position 1: all 2 places went to")
    assert fourth.outcome == TalkOutcome.OUT
    assert fourth.reason.startswith("Not selected: rank 5 is below the last of 1 waitlist")
    assert unreviewed.reason == "Not eligible yet: 1 of 2 required review(s)."
    assert len(result.by_outcome("selected")) == 2
    call.refresh_from_db()
    assert call.state == TalkCallState.CLOSED


def test_explanations_are_written_in_the_active_language(call, staff):
    reviewers = [TalkReviewerFactory(call=call), TalkReviewerFactory(call=call)]
    proposal = _scored(call, reviewers, [4, 5])
    with translation.override("fr"):
        talk_selection_run(actor=staff, call=call)
    proposal.refresh_from_db()
    assert proposal.reason.startswith("Sélectionné")


def test_reviewer_from_the_proposing_organisation_is_refused(call):
    iom = OrganisationFactory()
    seat = TalkReviewerFactory(call=call, organisation=iom)
    proposal = TalkProposalFactory(call=call, organisation=iom)
    with pytest.raises(DomainError) as refused:
        talk_review_submit(actor=seat.user, proposal=proposal, score=5)
    assert refused.value.code == "conflict_of_interest"
    assert not proposal.reviews.exists()


def test_non_reviewer_cannot_review(call):
    with pytest.raises(DomainError):
        talk_review_submit(actor=UserFactory(), proposal=TalkProposalFactory(call=call), score=3)


def test_closed_call_takes_no_proposal_and_decided_takes_no_review(call, staff):
    seat = TalkReviewerFactory(call=call)
    proposal = TalkProposalFactory(call=call)
    talk_review_submit(actor=seat.user, proposal=proposal, score=3)
    talk_selection_run(actor=staff, call=call)
    with pytest.raises(ConflictError):
        talk_propose(
            actor=UserFactory(),
            call=call,
            title="Late",
            abstract="x",
            proponent_name="Late",
            proponent_email="late@example.org",
        )
    talk_selection_decide(actor=staff, call=call)
    with pytest.raises(ConflictError):
        talk_review_submit(actor=seat.user, proposal=proposal, score=4)
    with pytest.raises(ConflictError):
        talk_selection_run(actor=staff, call=call)


def test_selection_through_the_api(call, staff, api):
    reviewers = [TalkReviewerFactory(call=call), TalkReviewerFactory(call=call)]
    proposal = _scored(call, reviewers, [4, 4])
    response = api(staff).post(f"/api/v1/pfp/talk-calls/{call.pk}/select/")
    assert response.status_code == 200, response.content
    assert response.json()["selected"] == 1
    body = api(staff).get(f"/api/v1/pfp/talk-proposals/{proposal.pk}/").json()
    assert body["outcome"] == "selected" and body["reason"].startswith("Selected on merit.")

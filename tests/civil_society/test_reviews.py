"""Reviews: one per reviewer and application; conflicts of interest excluded automatically."""

import pytest
from django.db import IntegrityError, transaction

from civil_society.models import Review
from civil_society.services.reviews import review_submit
from civil_society.services.selection import proposal_confirm, proposal_run
from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.models import ActivityLog
from tests.civil_society.factories import (
    ApplicationFactory,
    CommitteeMemberFactory,
    DelegateFactory,
    cso_focal_point,
)
from tests.factories import FocalPointFactory

pytestmark = pytest.mark.django_db


def test_reviewer_scores_once_and_rescoring_updates(csd, reviewer):
    application = ApplicationFactory(csd_edition=csd)

    first = review_submit(actor=reviewer.user, application=application, score=6, comment="ok")
    second = review_submit(actor=reviewer.user, application=application, score=8)

    assert first.pk == second.pk
    assert Review.objects.get().score == 8
    assert ActivityLog.objects.filter(action="review.create").count() == 1
    assert ActivityLog.objects.filter(action="review.update").count() == 1


def test_reviewer_from_the_applying_organisation_is_excluded(csd, reviewer):
    # the reviewer's own organisation applies
    application = ApplicationFactory(
        csd_edition=csd, organisation=reviewer.organisation.csd_profile
    )

    with pytest.raises(DomainError, match="Conflict of interest") as caught:
        review_submit(actor=reviewer.user, application=application, score=10)

    assert caught.value.code == "conflict_of_interest"
    assert not Review.objects.exists()


def test_reviewer_who_is_focal_point_of_the_applicant_is_excluded(csd, reviewer):
    application = ApplicationFactory(csd_edition=csd)
    FocalPointFactory(user=reviewer.user, organisation=application.organisation.organisation)

    with pytest.raises(DomainError, match="focal point"):
        review_submit(actor=reviewer.user, application=application, score=10)


def test_database_refuses_a_conflicted_review(csd, reviewer):
    application = ApplicationFactory(csd_edition=csd)
    with (
        pytest.raises(IntegrityError, match="review_no_conflict_of_interest"),
        transaction.atomic(),
    ):
        Review.objects.create(
            application=application,
            reviewer=reviewer,
            reviewer_organisation=application.organisation.organisation,
            applicant_organisation=application.organisation.organisation,
            score=9,
        )


def test_database_refuses_a_second_review_by_the_same_reviewer(csd, reviewer):
    application = ApplicationFactory(csd_edition=csd)
    review_submit(actor=reviewer.user, application=application, score=5)
    with pytest.raises(IntegrityError, match="review_once_per_reviewer"), transaction.atomic():
        Review.objects.create(
            application=application,
            reviewer=reviewer,
            reviewer_organisation=reviewer.organisation,
            applicant_organisation=application.organisation.organisation,
            score=9,
        )


def test_database_refuses_a_score_out_of_range(csd, reviewer):
    review = review_submit(
        actor=reviewer.user, application=ApplicationFactory(csd_edition=csd), score=5
    )
    with pytest.raises(IntegrityError, match="review_score_range"), transaction.atomic():
        Review.objects.filter(pk=review.pk).update(score=11)


def test_only_reviewers_of_the_edition_review(csd, reviewer, staff):
    application = ApplicationFactory(csd_edition=csd)
    elsewhere = CommitteeMemberFactory()  # another edition's committee
    non_reviewer = CommitteeMemberFactory(csd_edition=csd, is_reviewer=False)

    for user in (
        staff,
        elsewhere.user,
        non_reviewer.user,
        cso_focal_point(application.organisation),
    ):
        with pytest.raises(DomainError, match="Only reviewers"):
            review_submit(actor=user, application=application, score=5)


def test_reviews_close_when_the_selection_is_confirmed(csd, policy, reviewer, staff):
    application = ApplicationFactory(csd_edition=csd)
    DelegateFactory(application=application)
    review_submit(actor=reviewer.user, application=application, score=5)
    proposal_confirm(actor=staff, proposal=proposal_run(actor=staff, csd_edition=csd))

    with pytest.raises(ConflictError, match="reviews are closed"):
        review_submit(actor=reviewer.user, application=application, score=9)

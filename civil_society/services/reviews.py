"""Reviews by the advisory committee. A reviewer from the applying organisation (or one who
is its focal point) is excluded automatically: the service refuses, the database too."""

from django.db import transaction
from django.utils.translation import gettext as _

from civil_society.enums import ApplicationStatus, ProposalStatus
from civil_society.models import AdvisoryCommitteeMember, Application, Review
from civil_society.rules import represented_organisation_ids
from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.services.records import record_save


def reviewer_seat(user, application: Application) -> AdvisoryCommitteeMember | None:
    return (
        AdvisoryCommitteeMember.objects.filter(
            csd_edition_id=application.csd_edition_id, user=user, is_reviewer=True
        )
        .select_related("organisation")
        .first()
    )


def conflict_of_interest(seat: AdvisoryCommitteeMember, application: Application) -> str | None:
    """Why `seat` may not review `application`, or None."""
    applicant = application.organisation.organisation
    if seat.organisation_id == applicant.pk:
        return _("the reviewer comes from %(organisation)s, the applying organisation") % {
            "organisation": applicant.name
        }
    if applicant.pk in represented_organisation_ids(seat.user):
        return _("the reviewer is a focal point of %(organisation)s, the applying organisation") % {
            "organisation": applicant.name
        }
    return None


@transaction.atomic
def review_submit(*, actor, application: Application, score: int, comment: str = "") -> Review:
    """Score (or re-score) an application as the acting committee member. One review each."""
    application = Application.objects.select_related(
        "organisation__organisation", "csd_edition"
    ).get(pk=application.pk)
    seat = reviewer_seat(actor, application)
    if seat is None:
        raise DomainError(
            _("Only reviewers of this edition's advisory committee review its applications."),
            code="not_a_reviewer",
        )
    conflict = conflict_of_interest(seat, application)
    if conflict:
        raise DomainError(
            _("Conflict of interest: %(conflict)s. This review is excluded.")
            % {"conflict": conflict},
            code="conflict_of_interest",
        )
    if application.status != ApplicationStatus.SUBMITTED:
        raise ConflictError(
            _("A withdrawn application is not reviewed."), code="invalid_transition"
        )
    if application.csd_edition.proposals.filter(status=ProposalStatus.CONFIRMED).exists():
        raise ConflictError(
            _("The selection is confirmed; reviews are closed."), code="selection_confirmed"
        )
    review = (
        Review.objects.select_for_update().filter(application=application, reviewer=seat).first()
    )
    if review is None:
        review = Review(
            application=application,
            reviewer=seat,
            reviewer_organisation_id=seat.organisation_id,
            applicant_organisation_id=application.organisation.organisation_id,
        )
    review.score = score
    review.comment = comment
    return record_save(actor=actor, instance=review)

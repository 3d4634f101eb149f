"""A call for PfP talks: proposals, reviews and the selection, run by the one selection
engine (gfmd/platform/selection.py) that the Civil Society Days' selection runs on.

The talk policy: merit order by average score (ties: more reviews, earlier proposal,
lower id), no reserved places, at most `max_per_organisation` talks per organisation (a
final cap, as in the CSD: its other proposals are not waitlisted)."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Avg, Count
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.selection import Cap, SelectionResult, Verdict, select
from gfmd.platform.services.activity import log_action
from gfmd.platform.services.records import record_save
from gfmd.platform.services.transitions import transition_run
from partnerships.enums import TALK_CALL_TRANSITIONS, TalkCallState, TalkOutcome
from partnerships.models import TalkCall, TalkProposal, TalkReview, TalkReviewer

TWO_PLACES = Decimal("0.01")


@transaction.atomic
def talk_propose(*, actor, call: TalkCall, **fields) -> TalkProposal:
    call = TalkCall.objects.select_for_update().get(pk=call.pk)
    if call.state != TalkCallState.OPEN:
        raise ConflictError(_("This call for talks is closed."), code="call_closed")
    proposal = TalkProposal(call=call, proponent=actor, **fields)
    return record_save(actor=actor, instance=proposal, action="talkproposal.submit")


def reviewer_seat(user, proposal: TalkProposal) -> TalkReviewer | None:
    return TalkReviewer.objects.filter(call_id=proposal.call_id, user=user).first()


@transaction.atomic
def talk_review_submit(*, actor, proposal: TalkProposal, score: int, comment: str = ""):
    """Score (or re-score) a proposal as one of the call's reviewers. A reviewer from the
    proposing organisation, or the proponent, is refused (conflict of interest)."""
    proposal = TalkProposal.objects.select_related("call").get(pk=proposal.pk)
    seat = reviewer_seat(actor, proposal)
    if seat is None:
        raise DomainError(
            _("Only the call's reviewers review its proposals."), code="not_a_reviewer"
        )
    if proposal.proponent_id == actor.pk or (
        seat.organisation_id and seat.organisation_id == proposal.organisation_id
    ):
        raise DomainError(
            _(
                "Conflict of interest: the reviewer proposed this talk or comes from its "
                "organisation. This review is excluded."
            ),
            code="conflict_of_interest",
        )
    if proposal.call.state == TalkCallState.DECIDED:
        raise ConflictError(
            _("The selection is decided; reviews are closed."), code="selection_confirmed"
        )
    review = TalkReview.objects.select_for_update().filter(proposal=proposal, reviewer=seat).first()
    review = review or TalkReview(proposal=proposal, reviewer=seat)
    review.score, review.comment = score, comment
    return record_save(actor=actor, instance=review)


@dataclass(frozen=True)
class TalkCandidate:
    proposal_id: int
    organisation_key: str
    organisation_name: str
    average_score: Decimal | None
    review_count: int
    submitted_at: datetime


class TalkPolicy:
    """The call's terms as the selection engine's policy."""

    def __init__(self, call: TalkCall):
        self.places = call.places
        self.waitlist_size = call.waitlist_size
        self.min_reviews = call.min_reviews
        self.max_per_organisation = call.max_per_organisation

    def candidate_key(self, c: TalkCandidate) -> int:
        return c.proposal_id

    def review_count(self, c: TalkCandidate) -> int:
        return c.review_count

    def effective(self, c: TalkCandidate) -> Decimal:
        return (c.average_score or Decimal(0)).quantize(TWO_PLACES)

    def sort_key(self, c: TalkCandidate):
        return (-self.effective(c), -c.review_count, c.submitted_at, c.proposal_id)

    def score_text(self, v: Verdict) -> str:
        c = v.candidate
        if c.average_score is None:
            return _("no reviews")
        return _("average %(average)s from %(count)d review(s)") % {
            "average": number_format(c.average_score, 2),
            "count": c.review_count,
        }

    def reserves(self) -> list:
        return []

    def caps(self) -> list[Cap]:
        return [
            Cap(
                key=lambda c: c.organisation_key,
                limit=self.max_per_organisation,
                blocked=lambda c, count, limit: (
                    _(
                        "%(organisation)s already has %(count)d talk(s), the most one "
                        "organisation may give."
                    )
                    % {"organisation": c.organisation_name, "count": count}
                ),
                final=lambda c, count, rank, score: (
                    _(
                        "Not selected: %(organisation)s already has %(count)d talk(s), the most "
                        "one organisation may give. Rank %(rank)d, %(score)s."
                    )
                    % {
                        "organisation": c.organisation_name,
                        "count": count,
                        "rank": rank,
                        "score": score,
                    }
                ),
            )
        ]


def talk_candidates(call: TalkCall) -> list[TalkCandidate]:
    rows = (
        TalkProposal.objects.filter(call=call)
        .annotate(average=Avg("reviews__score"), reviews_count=Count("reviews"))
        .select_related("organisation")
        .order_by("id")
    )
    return [
        TalkCandidate(
            proposal_id=p.pk,
            # No organisation: the proponent is their own (the cap counts per person).
            organisation_key=f"org:{p.organisation_id}"
            if p.organisation_id
            else f"person:{p.proponent_email.lower()}",
            organisation_name=p.organisation.name if p.organisation else p.proponent_name,
            average_score=(
                Decimal(str(p.average)).quantize(TWO_PLACES) if p.average is not None else None
            ),
            review_count=p.reviews_count,
            submitted_at=p.submitted_at,
        )
        for p in rows
    ]


@transaction.atomic
def talk_selection_run(*, actor, call: TalkCall) -> SelectionResult:
    """Close the call if open, select the talks and store each verdict with its reason;
    a new run replaces the previous verdicts until the call is decided."""
    call = TalkCall.objects.select_for_update().get(pk=call.pk)
    if call.state == TalkCallState.DECIDED:
        raise ConflictError(_("The selection is decided."), code="selection_confirmed")
    if call.state == TalkCallState.OPEN:
        transition_run(call, "close", actor=actor, table=TALK_CALL_TRANSITIONS, lock=False)
    result = select(TalkPolicy(call), talk_candidates(call))
    proposals = {p.pk: p for p in TalkProposal.objects.filter(call=call)}
    # Clear the positions first: the (call, position) uniqueness holds along the way.
    TalkProposal.objects.filter(call=call).update(waitlist_position=None, outcome="")
    for v in result.verdicts:
        p = proposals[v.candidate.proposal_id]
        p.outcome, p.rank = v.outcome, v.rank
        p.waitlist_position, p.reason = v.waitlist_position, v.reason
    TalkProposal.objects.bulk_update(
        proposals.values(), ["outcome", "rank", "waitlist_position", "reason"]
    )
    call.warnings = result.warnings
    call.save(update_fields=["warnings"])
    log_action(
        actor,
        call,
        "talkcall.select",
        {
            "selected": len(result.by_outcome(TalkOutcome.SELECTED)),
            "waitlisted": len(result.by_outcome(TalkOutcome.WAITLISTED)),
            "out": len(result.by_outcome(TalkOutcome.OUT)),
        },
    )
    return result


def talk_selection_decide(*, actor, call: TalkCall) -> TalkCall:
    """Make the stored verdicts the decision (the call is closed and selected)."""

    def prepare(call):
        if not call.proposals.exclude(outcome="").exists():
            raise DomainError(_("Run the selection first."), code="not_selected")
        return {}

    return transition_run(call, "decide", actor=actor, table=TALK_CALL_TRANSITIONS, prepare=prepare)

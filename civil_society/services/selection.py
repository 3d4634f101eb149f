"""Run the selection policy into a proposal, let staff adjust it, confirm it.

Confirmation turns each verdict into the delegate's status (selected, waitlisted with its
position, declined), schedules the decision emails after commit and records the partner
webhook event `csd.selection_confirmed` in the same transaction.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from civil_society.enums import (
    DelegateStatus,
    Outcome,
    ProposalStatus,
)
from civil_society.models import CSDEdition, ProposalEntry, SelectionPolicy, SelectionProposal
from civil_society.selection_policy import PolicyTerms, compute_selection
from civil_society.selectors.selection import candidates_for_edition
from civil_society.services.delegates import delegate_set_status
from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.services.activity import log_action
from gfmd.platform.services.transitions import Webhook, transition_run

OUTCOME_TO_STATUS = {
    Outcome.SELECTED: DelegateStatus.SELECTED,
    Outcome.WAITLISTED: DelegateStatus.WAITLISTED,
    Outcome.OUT: DelegateStatus.DECLINED,
}


def _lock_edition(csd_edition: CSDEdition) -> CSDEdition:
    return CSDEdition.objects.select_for_update().get(pk=csd_edition.pk)


@transaction.atomic
def proposal_run(*, actor, csd_edition: CSDEdition) -> SelectionProposal:
    """Propose a selection and a waitlist from the scores and the policy. A new run replaces
    the current draft; after confirmation there is no new run."""
    csd_edition = _lock_edition(csd_edition)
    policy = SelectionPolicy.objects.filter(csd_edition=csd_edition).first()
    if policy is None:
        raise DomainError(_("Set the selection policy of these Civil Society Days first."))
    if csd_edition.proposals.filter(status=ProposalStatus.CONFIRMED).exists():
        raise ConflictError(
            _("The selection is already confirmed; released places go to the waitlist."),
            code="selection_confirmed",
        )
    for draft in csd_edition.proposals.filter(status=ProposalStatus.DRAFT):
        transition_run(draft, "supersede", actor=actor, action="selectionproposal.supersede")
    terms = PolicyTerms.from_policy(policy)
    result = compute_selection(terms, candidates_for_edition(csd_edition))
    proposal = SelectionProposal.objects.create(
        csd_edition=csd_edition,
        places=terms.places,
        policy_snapshot={**terms.as_json(), "warnings": result.warnings},
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    ProposalEntry.objects.bulk_create(
        ProposalEntry(
            proposal=proposal,
            delegate_id=v.candidate.delegate_id,
            rank=v.rank,
            average_score=v.candidate.average_score,
            effective_score=v.effective_score if v.candidate.review_count else None,
            review_count=v.candidate.review_count,
            proposed_outcome=v.outcome,
            outcome=v.outcome,
            waitlist_position=v.waitlist_position,
            reason=v.reason,
        )
        for v in result.verdicts
    )
    log_action(
        actor,
        proposal,
        "selectionproposal.run",
        {
            "selected": len(result.by_outcome(Outcome.SELECTED)),
            "waitlisted": len(result.by_outcome(Outcome.WAITLISTED)),
            "out": len(result.by_outcome(Outcome.OUT)),
            "warnings": result.warnings,
        },
    )
    return proposal


def _compact_waitlist(proposal: SelectionProposal) -> None:
    entries = list(
        proposal.entries.filter(outcome=Outcome.WAITLISTED).order_by("waitlist_position", "id")
    )
    # Two passes keep the unique (proposal, position) constraint satisfied on the way.
    offset = len(entries) + 1000000
    for index, entry in enumerate(entries, start=1):
        entry.waitlist_position = offset + index
    ProposalEntry.objects.bulk_update(entries, ["waitlist_position"])
    for index, entry in enumerate(entries, start=1):
        entry.waitlist_position = index
    ProposalEntry.objects.bulk_update(entries, ["waitlist_position"])


@transaction.atomic
def proposal_adjust(*, actor, entry: ProposalEntry, outcome: str, note: str) -> ProposalEntry:
    """Staff override one verdict with a note. The selection may not exceed the places."""
    proposal = SelectionProposal.objects.select_for_update().get(pk=entry.proposal_id)
    entry = ProposalEntry.objects.select_for_update().get(pk=entry.pk)
    if proposal.status != ProposalStatus.DRAFT:
        raise ConflictError(_("Only a draft proposal can be adjusted."), code="invalid_transition")
    if outcome not in Outcome.values:
        raise DomainError(_("Unknown outcome."), field="outcome")
    if not note.strip():
        raise DomainError(_("Explain the adjustment in a note."), field="note")
    if outcome == entry.outcome:
        return entry
    if outcome == Outcome.SELECTED:
        taken = proposal.entries.filter(outcome=Outcome.SELECTED).count()
        if taken >= proposal.places:
            raise ConflictError(
                _("All %(places)d places are taken; move someone out first.")
                % {"places": proposal.places},
                code="places_full",
            )
    previous = entry.outcome
    entry.outcome = outcome
    entry.adjustment_note = note.strip()
    if outcome == Outcome.WAITLISTED:
        last = proposal.entries.filter(outcome=Outcome.WAITLISTED).aggregate(
            m=Max("waitlist_position")
        )
        entry.waitlist_position = (last["m"] or 0) + 1
    else:
        entry.waitlist_position = None
    entry.save(update_fields=["outcome", "adjustment_note", "waitlist_position"])
    _compact_waitlist(proposal)
    entry.refresh_from_db()
    log_action(
        actor,
        proposal,
        "selectionproposal.adjust",
        {
            "entry": entry.pk,
            "delegate": entry.delegate_id,
            "changes": {"outcome": [previous, outcome]},
            "note": note,
        },
    )
    return entry


@transaction.atomic
def proposal_confirm(*, actor, proposal: SelectionProposal) -> SelectionProposal:
    """Make the proposal the decision: delegates become selected, waitlisted or declined and
    are notified after commit. Delegates withdrawn since the run are skipped."""
    _lock_edition(proposal.csd_edition)
    outcome = {}

    def prepare(proposal):
        entries = list(
            proposal.entries.select_related("delegate").order_by(
                "outcome", "waitlist_position", "rank"
            )
        )
        selected = sum(1 for e in entries if e.outcome == Outcome.SELECTED)
        if selected > proposal.places:
            raise ConflictError(
                _("%(selected)d delegates are selected for %(places)d places.")
                % {"selected": selected, "places": proposal.places},
                code="places_full",
            )
        skipped = _decide_delegates(actor, entries)
        proposal.confirmed_by = actor if getattr(actor, "is_authenticated", False) else None
        proposal.confirmed_at = timezone.now()
        outcome.update(entries=entries, skipped=skipped)
        return {"skipped": skipped}

    return transition_run(
        proposal,
        "confirm",
        actor=actor,
        action="selectionproposal.confirm",
        prepare=prepare,
        fields=["confirmed_by", "confirmed_at"],
        # The partner event, in the confirmation's transaction (outbox).
        webhook=Webhook(
            "csd.selection_confirmed",
            lambda proposal, previous, step: _confirmed_payload(
                proposal, outcome["entries"], outcome["skipped"]
            ),
            "civil_society.view_delegation",
            about=lambda proposal: proposal.csd_edition,
        ),
    )


def _decide_delegates(actor, entries) -> list[int]:
    """Each verdict becomes the delegate's status; returns the delegates skipped (withdrawn
    or otherwise decided since the run)."""
    skipped = []
    for entry in entries:
        delegate = entry.delegate
        status = OUTCOME_TO_STATUS[Outcome(entry.outcome)]
        if delegate.status not in (DelegateStatus.NOMINATED, DelegateStatus.WAITLISTED):
            skipped.append(delegate.pk)
            continue
        if delegate.status == status == DelegateStatus.WAITLISTED:
            continue
        delegate_set_status(
            actor=actor,
            delegate=delegate,
            status=status,
            waitlist_position=entry.waitlist_position,
            reason=entry.adjustment_note or entry.reason,
            action="delegate.decide",
        )
    return skipped


def _confirmed_payload(proposal: SelectionProposal, entries, skipped: list[int]) -> dict:
    """Counts only: partner clients get the event when they may read the delegation of
    these CSD (the webhook's object is the CSD edition)."""
    left_out = set(skipped)
    counted = [e for e in entries if e.delegate_id not in left_out]
    csd_edition = proposal.csd_edition
    return {
        "csd_edition": csd_edition.pk,
        "edition": csd_edition.edition_id,
        "proposal": proposal.pk,
        "places": proposal.places,
        "selected": sum(1 for e in counted if e.outcome == Outcome.SELECTED),
        "waitlisted": sum(1 for e in counted if e.outcome == Outcome.WAITLISTED),
        "declined": sum(1 for e in counted if e.outcome == Outcome.OUT),
        "skipped": len(skipped),
        "confirmed_at": proposal.confirmed_at.isoformat(),
    }

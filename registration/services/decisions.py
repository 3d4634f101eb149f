"""Staff decisions on submitted participants: approve against the quotas (or waitlist,
explained), reject with a reason, bulk approve; and the waitlist moving up when a seat frees.

Approvals in one category are serialised by locking the category row, so two staff (or a
bulk run and a cancellation) never give away the same seat."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from gfmd.platform.services.transitions import lock_row
from registration.enums import PARTICIPANT_TRANSITIONS, ParticipantState
from registration.models import Participant, ParticipantCategory
from registration.selectors.quotas import seat_check
from registration.services.transitions import participant_move


@dataclass(frozen=True)
class Decision:
    participant: Participant
    outcome: str  # the state reached: approved or waitlisted
    explanation: str
    quotas: list
    changed: bool = True


def _lock_category(participant: Participant) -> None:
    ParticipantCategory.objects.select_for_update().filter(pk=participant.category_id).exists()


def _next_position(participant: Participant) -> int:
    top = Participant.objects.filter(
        category_id=participant.category_id, state=ParticipantState.WAITLISTED
    ).aggregate(top=Max("waitlist_position"))["top"]
    return (top or 0) + 1


@transaction.atomic
def participant_approve(*, actor, participant: Participant) -> Decision:
    """Approve if every quota that applies has a free seat; else waitlist (a submitted
    participant) or leave on the waitlist, and say which quota is full, with the counts."""
    _lock_category(participant)
    lock_row(participant, PARTICIPANT_TRANSITIONS)
    PARTICIPANT_TRANSITIONS.check(participant, "approve")
    check = seat_check(participant)
    if check.ok:
        explanation = check.explain_approved()

        def approve(obj):
            obj.explanation = explanation

        participant_move(
            actor=actor,
            participant=participant,
            name="approve",
            prepare=approve,
            fields=["explanation"],
            data={"quotas": check.as_list()},
            lock=False,
        )
        return Decision(participant, ParticipantState.APPROVED, explanation, check.as_list())
    if participant.state == ParticipantState.WAITLISTED:
        explanation = check.explain_waitlisted(participant.waitlist_position)
        return Decision(
            participant, ParticipantState.WAITLISTED, explanation, check.as_list(), changed=False
        )
    position = _next_position(participant)
    explanation = check.explain_waitlisted(position)

    def waitlist(obj):
        obj.waitlist_position = position
        obj.explanation = explanation

    participant_move(
        actor=actor,
        participant=participant,
        name="waitlist",
        prepare=waitlist,
        fields=["explanation"],
        data={"quotas": check.as_list()},
        lock=False,
    )
    return Decision(participant, ParticipantState.WAITLISTED, explanation, check.as_list())


@transaction.atomic
def participant_waitlist(*, actor, participant: Participant, reason: str = "") -> Participant:
    """Staff put a submitted participant on the waitlist (at the end) without a quota check."""
    _lock_category(participant)
    position = _next_position(participant)

    def waitlist(obj):
        obj.waitlist_position = position
        obj.explanation = _("Waitlisted by the Support Unit at position %(position)d.") % {
            "position": position
        }

    return participant_move(
        actor=actor,
        participant=participant,
        name="waitlist",
        reason=reason,
        prepare=waitlist,
        fields=["explanation"],
    )


@transaction.atomic
def participant_reject(*, actor, participant: Participant, reason: str) -> Participant:
    held_place = participant.state == ParticipantState.WAITLISTED
    participant = participant_move(
        actor=actor, participant=participant, name="reject", reason=reason
    )
    if held_place:
        waitlist_renumber(category_id=participant.category_id)
    return participant


def participants_bulk_approve(*, actor, participants) -> list[Decision]:
    """Approve each (in waitlist, then submission order), one transaction per participant,
    so one refusal does not undo the others; returns each outcome."""
    ordered = sorted(
        participants,
        key=lambda p: (p.waitlist_position or 0, p.submitted_at or p.created_at, p.pk),
    )
    return [participant_approve(actor=actor, participant=p) for p in ordered]


def waitlist_renumber(*, category_id: int) -> None:
    """Positions run 1..n again, in the same order (after someone left the waitlist)."""
    queue = list(
        Participant.objects.filter(category_id=category_id, state=ParticipantState.WAITLISTED)
        .order_by("waitlist_position", "id")
        .only("pk", "waitlist_position")
    )
    changed = [p for i, p in enumerate(queue, start=1) if p.waitlist_position != i]
    for index, participant in enumerate(queue, start=1):
        participant.waitlist_position = index
    if changed:
        Participant.objects.bulk_update(changed, ["waitlist_position"])


@transaction.atomic
def waitlist_promote(*, category, actor=None) -> list[Participant]:
    """A seat freed in the category: approve waitlisted participants in order, each one
    whose quotas now have room (a later delegation's may when an earlier one's is full)."""
    promoted = []
    waiting = Participant.objects.filter(
        category_id=category.pk, state=ParticipantState.WAITLISTED
    ).order_by("waitlist_position", "id")
    for participant in waiting:
        decision = participant_approve(actor=actor, participant=participant)
        if decision.changed:
            promoted.append(participant)
    if promoted:
        waitlist_renumber(category_id=category.pk)
    return promoted

"""The one function that moves a delegate between statuses (guarded by DELEGATE_TRANSITIONS)
and the decision notifications it schedules."""

from django.db import transaction
from django.utils import timezone

from civil_society.enums import DELEGATE_TRANSITIONS, NOTIFIED_STATUSES, DelegateStatus
from civil_society.models import Delegate
from gfmd.celery import enqueue_on_commit
from gfmd.errors import ConflictError
from gfmd.services.activity import log_action
from gfmd.services.notifications import notify

NOTIFY_TASK = "civil_society.notify_delegate_decision"


def check_transition(delegate: Delegate, status: str) -> None:
    if status not in DELEGATE_TRANSITIONS[DelegateStatus(delegate.status)]:
        raise ConflictError(
            f"{delegate.full_name} is {delegate.get_status_display().lower()}; cannot become "
            f"{DelegateStatus(status).label.lower()}.",
            code="invalid_transition",
        )


@transaction.atomic
def delegate_set_status(
    *,
    actor,
    delegate: Delegate,
    status: str,
    waitlist_position: int | None = None,
    reason: str = "",
    action: str = "delegate.set_status",
) -> Delegate:
    check_transition(delegate, status)
    previous = delegate.status
    delegate.status = status
    delegate.waitlist_position = waitlist_position if status == DelegateStatus.WAITLISTED else None
    delegate.decided_at = timezone.now()
    delegate.save(update_fields=["status", "waitlist_position", "decided_at"])
    log_action(
        actor,
        delegate,
        action,
        {"changes": {"status": [previous, status]}, "reason": reason},
    )
    if previous == DelegateStatus.WAITLISTED and status != DelegateStatus.WAITLISTED:
        waitlist_renumber(csd_edition_id=delegate.csd_edition_id)
    if status in NOTIFIED_STATUSES:
        enqueue_on_commit(NOTIFY_TASK, delegate_id=delegate.pk, status=status)
    return delegate


def waitlist_renumber(*, csd_edition_id: int) -> None:
    """Close the gap a delegate leaving the waitlist makes: positions run 1..n again, in
    the same order, in the caller's transaction."""
    queue = list(
        Delegate.objects.filter(csd_edition_id=csd_edition_id, status=DelegateStatus.WAITLISTED)
        .order_by("waitlist_position", "id")
        .only("pk", "waitlist_position")
    )
    if [d.waitlist_position for d in queue] == list(range(1, len(queue) + 1)):
        return
    # Two passes keep the unique (edition, position) constraint satisfied on the way.
    offset = len(queue) + 1_000_000
    for index, delegate in enumerate(queue, start=1):
        delegate.waitlist_position = offset + index
    Delegate.objects.bulk_update(queue, ["waitlist_position"])
    for index, delegate in enumerate(queue, start=1):
        delegate.waitlist_position = index
    Delegate.objects.bulk_update(queue, ["waitlist_position"])


DECISION_TEXT = {
    DelegateStatus.SELECTED: (
        "Selected: {name}, {edition}",
        "Dear {name},\n\nWe are pleased to tell you that you have been selected as a delegate "
        "of {organisation} to {edition}.\n\nThe GFMD Support Unit",
    ),
    DelegateStatus.WAITLISTED: (
        "Waitlisted: {name}, {edition}",
        "Dear {name},\n\nYour nomination by {organisation} to {edition} is on the waitlist at "
        "position {position}. We will write again if a place is released.\n\nThe GFMD "
        "Support Unit",
    ),
    DelegateStatus.DECLINED: (
        "Your application to {edition}",
        "Dear {name},\n\nWe regret that we cannot offer you a place at {edition} this time, "
        "among many strong nominations.\n\nThe GFMD Support Unit",
    ),
}


def delegate_notify_decision(*, delegate_id: int, status: str) -> bool:
    """Queue the decision email for a delegate's status, once (the key is the sent-marker).

    Stops quietly if the delegate is gone or no longer has that status (e.g. promoted from
    the waitlist before the worker ran: the 'selected' email follows separately).
    """
    delegate = (
        Delegate.objects.select_related("csd_edition", "application__organisation__organisation")
        .filter(pk=delegate_id)
        .first()
    )
    if delegate is None or delegate.status != status or status not in DECISION_TEXT:
        return False
    subject, body = DECISION_TEXT[DelegateStatus(status)]
    values = {
        "name": delegate.full_name,
        "edition": delegate.csd_edition.title,
        "organisation": delegate.application.organisation.organisation.name,
        "position": delegate.waitlist_position,
    }
    with transaction.atomic():
        created = notify(
            key=f"csd-decision:{delegate.pk}:{status}",
            email=delegate.email,
            subject=subject.format(**values),
            body=body.format(**values),
        )
    return created is not None

"""The one function that moves a delegate between statuses (through the transition engine,
along DELEGATE_TRANSITIONS) and the decision notifications it schedules."""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civil_society.enums import DELEGATE_TRANSITIONS, NOTIFIED_STATUSES, DelegateStatus
from civil_society.models import Delegate
from gfmd.platform.errors import DomainError
from gfmd.platform.queue import enqueue_on_commit
from gfmd.platform.services.notifications import notify
from gfmd.platform.services.transitions import lock_row, transition_run

NOTIFY_TASK = "civil_society.notify_delegate_decision"


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
    """Move a delegate to `status` along DELEGATE_TRANSITIONS (the step leading there)."""
    lock_row(delegate)
    step = DELEGATE_TRANSITIONS.leading_to(delegate.status, status)
    if step is None:
        raise DomainError(
            gettext("Unknown delegate status '%(status)s'.") % {"status": status},
            field="status",
        )

    def prepare(delegate):
        delegate.waitlist_position = (
            waitlist_position if status == DelegateStatus.WAITLISTED else None
        )
        delegate.decided_at = timezone.now()

    def schedule_email(delegate):
        if status in NOTIFIED_STATUSES:
            enqueue_on_commit(NOTIFY_TASK, delegate_id=delegate.pk, status=status)

    previous = delegate.status
    delegate = transition_run(
        delegate,
        step.name,
        actor=actor,
        action=action,
        reason=reason,
        lock=False,
        prepare=prepare,
        fields=["waitlist_position", "decided_at"],
        notify=schedule_email,
    )
    if previous == DelegateStatus.WAITLISTED and status != DelegateStatus.WAITLISTED:
        waitlist_renumber(csd_edition_id=delegate.csd_edition_id)
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


# Subject and body per status, marked lazily: `delegate_notify_decision` renders them in
# the recipient's language (named placeholders, filled after translation).
DECISION_TEXT = {
    DelegateStatus.SELECTED: (
        _("Selected: %(name)s, %(edition)s"),
        _(
            "Dear %(name)s,\n\nWe are pleased to tell you that you have been selected as a "
            "delegate of %(organisation)s to %(edition)s.\n\nThe GFMD Support Unit"
        ),
    ),
    DelegateStatus.WAITLISTED: (
        _("Waitlisted: %(name)s, %(edition)s"),
        _(
            "Dear %(name)s,\n\nYour nomination by %(organisation)s to %(edition)s is on the "
            "waitlist at position %(position)s. We will write again if a place is released."
            "\n\nThe GFMD Support Unit"
        ),
    ),
    DelegateStatus.DECLINED: (
        _("Your application to %(edition)s"),
        _(
            "Dear %(name)s,\n\nWe regret that we cannot offer you a place at %(edition)s this "
            "time, among many strong nominations.\n\nThe GFMD Support Unit"
        ),
    ),
}


def delegate_notify_decision(*, delegate_id: int, status: str, language: str | None = None) -> bool:
    """Queue the decision email for a delegate's status, once (the key is the sent-marker).

    Subject and body are rendered under `translation.override(language)`; without a
    language, in the active one (a delegate is not a user and has no saved preference yet).

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
    with translation.override(language or translation.get_language()):
        subject, body = str(subject) % values, str(body) % values
    with transaction.atomic():
        created = notify(
            key=f"csd-decision:{delegate.pk}:{status}",
            email=delegate.email,
            subject=subject,
            body=body,
        )
    return created is not None

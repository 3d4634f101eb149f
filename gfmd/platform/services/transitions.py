"""The transition engine: the one function every workflow's state change goes through.

`transition_run` locks the row, checks the guard in the object's `TransitionTable`
(`gfmd/platform/transitions.py`), lets the service check its own rules and set the fields
that travel with the step (`prepare`), saves with `update_fields`, writes the activity entry in one
shape (`{"from", "to", "reason", **extra}`), records the webhook event (outbox, same transaction)
and runs the notification hook, whose helpers (`notify`, `enqueue_on_commit`) send only after
commit. Everything runs in one transaction: a refusal anywhere leaves nothing written.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from gfmd.platform.errors import DomainError
from gfmd.platform.services.activity import log_action
from gfmd.platform.services.webhooks import webhook_emit
from gfmd.platform.transitions import TransitionTable, table_for


@dataclass(frozen=True)
class Webhook:
    """A partner event for the step: `payload(obj, previous_state, transition)` builds its data."""

    event: str
    payload: Callable
    perm: str | None = None
    # The object partner clients' read permission is checked on (default: the moved one).
    about: Callable | None = None


def lock_row(obj, table: TransitionTable | None = None):
    """Lock the row (FOR UPDATE) and re-read its state, so the guard sees the committed one.

    Only the state field is reloaded: related objects the caller selected stay cached."""
    table = table if table is not None else table_for(obj)
    locked = type(obj)._base_manager.select_for_update(of=("self",))
    obj.refresh_from_db(fields=[table.field], from_queryset=locked)
    return obj


def require_reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(gettext("Give the reason for %(what)s.") % {"what": what}, field="reason")
    return reason


@transaction.atomic
def transition_run(
    obj,
    name: str,
    *,
    actor,
    table: TransitionTable | None = None,
    action: str = "",
    reason: str = "",
    lock: bool = True,
    prepare: Callable | None = None,
    data: dict | None = None,
    fields=(),
    webhook: Webhook | None = None,
    notify: Callable | None = None,
):
    """Move `obj` along the transition `name` of its table; returns the saved object.

    `lock=False` when the service has already locked the row (with its parents, in its own
    order). `prepare(obj)` runs after the guard and may raise to refuse, set more fields
    (name them in `fields`) and return extra data for the activity entry.
    """
    table = table if table is not None else table_for(obj)
    if lock:
        lock_row(obj, table)
    step = table.check(obj, name)
    extra = dict(data or {})
    if prepare is not None:
        extra.update(prepare(obj) or {})
    previous = table.state(obj)
    setattr(obj, table.field, step.target)
    update_fields = [table.field, *fields]
    if hasattr(obj, "state_changed_at"):
        obj.state_changed_at = timezone.now()
        update_fields.append("state_changed_at")
    obj.save(update_fields=update_fields)
    log_action(
        actor,
        obj,
        action or f"{obj._meta.model_name}.{name}",
        {"from": previous or None, "to": step.target, "reason": reason, **extra},
    )
    if webhook is not None:
        webhook_emit(
            webhook.event,
            webhook.payload(obj, previous, step),
            obj=webhook.about(obj) if webhook.about else obj,
            perm=webhook.perm,
        )
    if notify is not None:
        notify(obj)
    return obj

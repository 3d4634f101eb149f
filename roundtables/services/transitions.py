"""The one guard every workflow uses: look the transition up in its table or refuse (409)."""

from django.utils import timezone

from gfmd.errors import ConflictError, DomainError
from gfmd.services.activity import log_action
from roundtables.enums import Transition


def check_transition(obj, table: dict, name: str) -> Transition:
    transition = table.get(name)
    if transition is None:
        raise DomainError(f"Unknown operation '{name}'.", code="unknown_transition")
    if obj.state not in transition.sources:
        labels = dict(type(obj)._meta.get_field("state").choices)
        allowed = " or ".join(str(labels[s]).lower() for s in transition.sources)
        raise ConflictError(
            f"Cannot {transition.label.lower()}: {obj} is {obj.get_state_display().lower()}; "
            f"this is possible only when {allowed}.",
            code="invalid_transition",
        )
    return transition


def require_reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(f"Give the reason for {what}.", field="reason")
    return reason


def apply_transition(
    *, actor, obj, transition: Transition, action: str, reason="", data=None, fields=()
) -> None:
    """Set the new state, save only what changed, and write the audit entry (from/to/why)."""
    previous = obj.state
    obj.state = transition.target
    update_fields = ["state", *fields]
    if hasattr(obj, "state_changed_at"):
        obj.state_changed_at = timezone.now()
        update_fields.append("state_changed_at")
    obj.save(update_fields=update_fields)
    log_action(
        actor,
        obj,
        action,
        {"from": previous, "to": transition.target, "reason": reason, **(data or {})},
    )

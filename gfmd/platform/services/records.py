"""Create, update and delete any governance record with validation and an audit entry.

Admin and API both save through these, so both validate alike and both leave history.
Records with workflow (states, transitions) get their own services instead.
"""

from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from gfmd.platform.errors import ConflictError
from gfmd.platform.security.auth_cache import forget_users
from gfmd.platform.services.activity import log_action


def _action(instance, verb: str) -> str:
    return f"{instance._meta.model_name}.{verb}"


def _field_values(instance) -> dict:
    values = {}
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.AutoField):
            continue
        values[field.attname] = field.value_from_object(instance)
    return values


def _forget_focal_point_users(instance, before: dict) -> None:
    """A record that grants its user roles (a model declaring `grants_user_roles = True`,
    such as a focal point) is what permissions read: the users' cached snapshots must go
    (gfmd/platform/security/auth_cache.py), the previous holder's too when the record moved."""
    if getattr(type(instance), "grants_user_roles", False):
        forget_users(u for u in (instance.user_id, before.get("user_id")) if u)


def _changes(before: dict, after: dict) -> dict:
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


@transaction.atomic
def record_save(*, actor, instance, action: str | None = None, exclude_clean=None):
    """Validate (fields, clean(), constraints) and save `instance`; log what changed."""
    creating = instance._state.adding or instance.pk is None
    before = {}
    if not creating:
        stored = type(instance)._default_manager.filter(pk=instance.pk).first()
        before = _field_values(stored) if stored else {}
    instance.full_clean(exclude=exclude_clean)
    instance.save()
    _forget_focal_point_users(instance, before)
    changes = _changes(before, _field_values(instance))
    if changes or creating:
        log_action(
            actor,
            instance,
            action or _action(instance, "create" if creating else "update"),
            {"changes": changes},
        )
    return instance


@transaction.atomic
def record_delete(*, actor, instance, action: str | None = None) -> None:
    """Delete `instance` unless other records depend on it (then a 409 naming them)."""
    snapshot = _field_values(instance)
    pk = instance.pk
    try:
        with transaction.atomic():
            instance.delete()
    except (ProtectedError, RestrictedError) as exc:
        blocking = getattr(exc, "protected_objects", None) or exc.restricted_objects
        blockers = sorted({str(o._meta.verbose_name) for o in blocking})[:5]
        raise ConflictError(
            _("%(record)s is still referenced by: %(blockers)s; remove those first.")
            % {"record": instance, "blockers": ", ".join(blockers)},
            code="protected",
        ) from exc
    instance.pk = pk
    _forget_focal_point_users(instance, snapshot)
    log_action(actor, instance, action or _action(instance, "delete"), {"deleted": snapshot})

"""The activity log: one helper writes it (`log_action`), one function checks it."""

import hashlib
import json
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, transaction
from django.utils import timezone

from gfmd.platform.counters import bump_write_generation
from gfmd.platform.enums import ActorKind
from gfmd.platform.models import ActivityLog
from gfmd.platform.search.index import mark_changed

GENESIS_HASH = "0" * 64
SECRET_MARKERS = ("password", "secret", "token", "api_key", "apikey", "authorization")
MASK = "***"
# Any 64-bit constant; serialises writers so each entry links to the true previous one.
_CHAIN_LOCK_ID = 0x6F6D_6667_6C6F_67


def _mask(value):
    if isinstance(value, dict):
        return {
            k: MASK if any(m in str(k).lower() for m in SECRET_MARKERS) else _mask(v)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_mask(v) for v in value]
    return value


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def describe_actor(actor) -> tuple[str, object, str]:
    """(kind, user or None, label) for a user, an API client or the system (None)."""
    if actor is None:
        return ActorKind.SYSTEM, None, "system"
    if getattr(actor, "is_authenticated", False):
        try:
            client = actor.partner_client  # a partner system's service account
        except ObjectDoesNotExist:
            return ActorKind.USER, actor, actor.get_username()
        return ActorKind.CLIENT, actor, client.activity_label
    label = getattr(actor, "activity_label", None) or str(actor)
    return ActorKind.CLIENT, getattr(actor, "user", None), label


def entry_hash(entry: ActivityLog) -> str:
    content = {
        "created_at": entry.created_at.isoformat(),
        "actor_kind": entry.actor_kind,
        "actor_user_id": entry.actor_user_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "content_type_id": entry.content_type_id,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "data": entry.data,
        "prev_hash": entry.prev_hash,
    }
    return hashlib.sha256(_canonical(content).encode()).hexdigest()


def log_action(actor, obj, action: str, data: dict | None = None) -> ActivityLog:
    """Append one entry for `obj`. Call inside the transaction that made the change."""
    kind, user, label = describe_actor(actor)
    payload = json.loads(_canonical(_mask(data or {})))
    # Inside the caller's transaction no savepoint (two round trips): an error here fails
    # the whole write, as it must; outside one, the lock, read and insert are one.
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_ID])
        previous = ActivityLog.objects.order_by("-id").values_list("hash", flat=True).first()
        entry = ActivityLog(
            created_at=timezone.now(),
            actor_kind=kind,
            actor_user=user,
            actor_label=label[:200],
            action=action,
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
            object_repr=str(obj)[:200],
            data=payload,
            prev_hash=previous or GENESIS_HASH,
        )
        entry.hash = entry_hash(entry)
        entry.save(force_insert=True)
    bump_write_generation()  # every kept ETag is stale (gfmd/platform/api/conditional.py)
    mark_changed(obj)  # every audited write is a change the search index follows
    return entry


# Entries written before the transition engine recorded a status change as
# {"changes": {"status": [from, to]}}; rows are never rewritten (the hash chain), so readers
# accept both shapes through `state_change`.
_LEGACY_STATE_KEYS = ("status", "state")


def state_change(data: dict) -> tuple[object, object] | None:
    """(from, to) if the entry records a state change, in either shape; else None."""
    if "to" in data:
        return data.get("from"), data["to"]
    changes = data.get("changes") or {}
    for key in _LEGACY_STATE_KEYS:
        if isinstance(changes.get(key), list) and len(changes[key]) == 2:
            return tuple(changes[key])
    return None


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_broken_id: int | None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.first_broken_id is None


def verify_chain(chunk_size: int = 2000, using: str = "default") -> ChainReport:
    """Recompute every hash in id order; name the first entry whose content or link broke."""
    previous = GENESIS_HASH
    checked = 0
    entries = ActivityLog.objects.using(using).order_by("id")
    for entry in entries.iterator(chunk_size=chunk_size):
        if entry.prev_hash != previous:
            return ChainReport(checked, entry.id, "link to the previous entry is broken")
        if entry_hash(entry) != entry.hash:
            return ChainReport(checked, entry.id, "content does not match its hash")
        previous = entry.hash
        checked += 1
    return ChainReport(checked, None)

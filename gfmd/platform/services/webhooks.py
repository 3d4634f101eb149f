"""Webhooks: an outbox written with the change, delivered by Celery, signed per the
Standard Webhooks specification (webhook-id, webhook-timestamp, webhook-signature).

Events and deliveries are rows in the caller's transaction, so a rolled-back change sends
nothing and a broker outage loses nothing: any `deliver_due_webhooks` run (kicked after
each commit, and every minute by beat) sends every delivery that is due. Retry waits live
in `next_attempt_at`, never in broker countdowns.
"""

import base64
import hashlib
import hmac
import json
import secrets
import time
from datetime import timedelta

import urllib3
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gfmd.platform.enums import WebhookDeliveryStatus as Status
from gfmd.platform.errors import DomainError
from gfmd.platform.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEvent
from gfmd.platform.queue import enqueue_on_commit
from gfmd.platform.services.activity import log_action
from gfmd.platform.services.notifications import notify
from gfmd.platform.services.webhook_targets import validate_webhook_url

DUE_TASK = "gfmd.deliver_due_webhooks"
_http = urllib3.PoolManager(retries=False)


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def mask_secret(secret: str) -> str:
    """What is shown after creation or rotation: enough to tell two secrets apart."""
    return f"whsec_...{secret[-4:]}" if secret else ""


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    content = f"{msg_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, content, hashlib.sha256).digest()).decode()


def webhook_emit(event_type: str, data: dict, *, obj=None, perm: str | None = None):
    """Record an event for every active endpoint that subscribed to it, in this transaction.

    Endpoints owned by a partner client get it only if the client may see `obj` under
    `perm` (the same rule as the API), so webhooks never leak what the API would hide.
    """
    endpoints = [
        e
        for e in WebhookEndpoint.objects.filter(is_active=True).select_related(
            "client__service_user"
        )
        if e.wants(event_type)
    ]
    if not endpoints:
        return None
    event = WebhookEvent.objects.create(
        event_type=event_type,
        payload={"type": event_type, "timestamp": timezone.now().isoformat(), "data": data},
    )
    now = timezone.now()
    WebhookDelivery.objects.bulk_create(
        WebhookDelivery(event=event, endpoint=e, next_attempt_at=now)
        for e in endpoints
        if e.client is None or perm is None or e.client.service_user.has_perm(perm, obj)
    )
    enqueue_on_commit(DUE_TASK)
    return event


def deliveries_due(limit: int = 200) -> list[int]:
    return list(
        WebhookDelivery.objects.filter(
            status__in=[Status.PENDING, Status.RETRYING], next_attempt_at__lte=timezone.now()
        )
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)[:limit]
    )


def _post(endpoint: WebhookEndpoint, event: WebhookEvent) -> tuple[int | None, str, str]:
    """POST once. Returns (status code or None, error, response excerpt)."""
    try:
        validate_webhook_url(endpoint.url)  # again at send time: DNS may have changed
    except DomainError as exc:
        return None, exc.detail, ""
    body = json.dumps(event.payload, separators=(",", ":"), sort_keys=True).encode()
    timestamp = int(time.time())
    headers = {
        "content-type": "application/json",
        "user-agent": "GFMD-Webhooks/1.0",
        "webhook-id": event.msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(endpoint.secret, event.msg_id, timestamp, body),
    }
    try:
        response = _http.request(
            "POST",
            endpoint.url,
            body=body,
            headers=headers,
            redirect=False,
            timeout=urllib3.Timeout(total=settings.WEBHOOKS_TIMEOUT_SECONDS),
            preload_content=False,
        )
        excerpt = response.read(500, decode_content=True).decode("utf-8", "replace")
        response.release_conn()
        return response.status, "", excerpt
    except urllib3.exceptions.HTTPError as exc:
        return None, f"{type(exc).__name__}: {exc}"[:500], ""


def webhook_deliver(*, delivery_id: int) -> str:
    """Attempt one delivery if it is still due. Another worker holding it is skipped."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("event", "endpoint")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status not in (Status.PENDING, Status.RETRYING):
            return "skipped"
        endpoint = delivery.endpoint
        if not endpoint.is_active:
            delivery.status = Status.CANCELLED
            delivery.save(update_fields=["status"])
            return "cancelled"
        started = time.monotonic()
        code, error, excerpt = _post(endpoint, delivery.event)
        latency = int((time.monotonic() - started) * 1000)
        WebhookAttempt.objects.create(
            delivery=delivery,
            status_code=code,
            latency_ms=latency,
            error=error,
            response_excerpt=excerpt,
        )
        return _record_outcome(delivery, endpoint, code, error)


def _record_outcome(delivery, endpoint, code, error) -> str:
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_status_code = code
    delivery.last_error = error or ("" if code and code < 300 else f"HTTP {code}")
    if code is not None and 200 <= code < 300:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = (
            Status.DELIVERED,
            now,
            None,
        )
        if endpoint.failing_since:
            WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failing_since=None)
    elif code == 410:
        delivery.status, delivery.next_attempt_at = Status.CANCELLED, None
        _disable(endpoint, "The receiver answered 410 Gone.")
    else:
        schedule = settings.WEBHOOKS_RETRY_SCHEDULE
        if delivery.attempts > len(schedule):
            delivery.status, delivery.next_attempt_at = Status.GAVE_UP, None
        else:
            delivery.status = Status.RETRYING
            delivery.next_attempt_at = now + timedelta(seconds=schedule[delivery.attempts - 1])
        if endpoint.failing_since is None:
            WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failing_since=now)
        elif now - endpoint.failing_since > timedelta(
            seconds=settings.WEBHOOKS_DISABLE_AFTER_FAILING_SECONDS
        ):
            _disable(endpoint, f"Failing since {endpoint.failing_since:%Y-%m-%d %H:%M} UTC.")
    delivery.save(
        update_fields=[
            "attempts",
            "last_status_code",
            "last_error",
            "status",
            "delivered_at",
            "next_attempt_at",
        ]
    )
    return delivery.status


def _disable(endpoint: WebhookEndpoint, reason: str) -> None:
    endpoint.is_active, endpoint.disabled_reason = False, reason[:300]
    endpoint.disabled_at = timezone.now()
    endpoint.save(update_fields=["is_active", "disabled_reason", "disabled_at"])
    WebhookDelivery.objects.filter(endpoint=endpoint).filter(
        Q(status=Status.PENDING) | Q(status=Status.RETRYING)
    ).update(status=Status.CANCELLED, next_attempt_at=None)
    log_action(None, endpoint, "webhook.disabled", {"reason": reason})
    contact = endpoint.client.contact_email if endpoint.client else ""
    recipients = [settings.GFMD_SUPPORT_EMAIL] + ([contact] if contact else [])
    for email in recipients:
        notify(
            key=f"webhook-disabled:{endpoint.pk}:{endpoint.disabled_at:%Y%m%d%H%M%S}:{email}",
            email=email,
            render=lambda: (
                _("Webhook endpoint disabled: %(url)s") % {"url": endpoint.url},
                _(
                    "The endpoint %(url)s was disabled. %(reason)s\n"
                    "Fix the receiver, then re-enable it in the admin or the API."
                )
                % {"url": endpoint.url, "reason": reason},
            ),
        )


@transaction.atomic
def webhook_endpoint_save(*, actor, endpoint: WebhookEndpoint) -> WebhookEndpoint:
    WEBHOOK_EVENT_TYPES = settings.GFMD_WEBHOOK_EVENT_TYPES
    from gfmd.platform.services.records import record_save

    validate_webhook_url(endpoint.url)
    unknown = [t for t in endpoint.event_types if t != "*" and t not in WEBHOOK_EVENT_TYPES]
    if unknown or not endpoint.event_types:
        raise DomainError(
            _("Subscribe to event types among: %(types)s.")
            % {"types": ", ".join(WEBHOOK_EVENT_TYPES)},
            field="event_types",
        )
    if not endpoint.secret:
        endpoint.secret = new_secret()
    return record_save(actor=actor, instance=endpoint)


@transaction.atomic
def webhook_endpoint_rotate_secret(*, actor, endpoint: WebhookEndpoint) -> str:
    """A new signing secret, effective for the next attempt. Returns it: the caller shows
    it once (the API's rotate-secret response, an admin message); reads show it masked."""
    endpoint.secret = new_secret()
    endpoint.save(update_fields=["secret"])
    log_action(actor, endpoint, "webhook.secret_rotated", {"secret": mask_secret(endpoint.secret)})
    return endpoint.secret


@transaction.atomic
def webhook_endpoint_enable(*, actor, endpoint: WebhookEndpoint) -> None:
    endpoint.is_active, endpoint.disabled_reason, endpoint.disabled_at = True, "", None
    endpoint.failing_since = None
    endpoint.save(update_fields=["is_active", "disabled_reason", "disabled_at", "failing_since"])
    log_action(actor, endpoint, "webhook.enabled", {})


@transaction.atomic
def webhook_endpoint_disable(*, actor, endpoint: WebhookEndpoint, reason: str) -> None:
    _disable(endpoint, reason or "Disabled by staff.")


@transaction.atomic
def webhook_redeliver(*, actor, delivery: WebhookDelivery) -> None:
    if not delivery.endpoint.is_active:
        raise DomainError(_("Enable the endpoint first."))
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=Status.PENDING, next_attempt_at=timezone.now()
    )
    log_action(actor, delivery.endpoint, "webhook.redeliver", {"event": str(delivery.event_id)})
    enqueue_on_commit(DUE_TASK)


@transaction.atomic
def webhook_send_test(*, actor, endpoint: WebhookEndpoint) -> WebhookEvent:
    event = WebhookEvent.objects.create(
        event_type="webhook.test",
        payload={
            "type": "webhook.test",
            "timestamp": timezone.now().isoformat(),
            "data": {"endpoint": endpoint.pk},
        },
    )
    WebhookDelivery.objects.create(event=event, endpoint=endpoint, next_attempt_at=timezone.now())
    enqueue_on_commit(DUE_TASK)
    return event

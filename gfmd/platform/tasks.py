"""Thin Celery tasks: reload by id, call a service, retry with backoff."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from gfmd.platform.enums import NotificationStatus
from gfmd.platform.models import Notification
from gfmd.platform.search.index import reindex
from gfmd.platform.services.notifications import (
    DeliveryFailed,
    notification_deliver,
    notifications_retry,
)
from gfmd.platform.services.translations import translations_remind_due
from gfmd.platform.services.webhooks import deliveries_due, webhook_deliver


@shared_task(name="gfmd.deliver_notification", bind=True, max_retries=4)
def deliver_notification(self, *, notification_id: int) -> str:
    try:
        return notification_deliver(notification_id=notification_id)
    except DeliveryFailed as exc:
        # 30 s, 2 min, 8 min, 32 min: well inside the broker's visibility timeout.
        raise self.retry(exc=exc, countdown=30 * 4**self.request.retries) from exc


@shared_task(name="gfmd.sweep_notifications")
def sweep_notifications() -> int:
    """Periodic: re-queue notifications left pending or failed (e.g. the broker was down)."""
    stale = timezone.now() - timedelta(minutes=10)
    due = Notification.objects.filter(
        status__in=[NotificationStatus.PENDING, NotificationStatus.FAILED], created_at__lt=stale
    ).order_by("id")[:500]
    return notifications_retry(notifications=list(due))


@shared_task(name="gfmd.deliver_due_webhooks")
def deliver_due_webhooks() -> int:
    """Send every webhook delivery that is due (kicked after commits and every minute)."""
    sent = 0
    for delivery_id in deliveries_due():
        webhook_deliver(delivery_id=delivery_id)
        sent += 1
    return sent


@shared_task(name="gfmd.purge_idempotency_keys")
def purge_idempotency_keys(days: int = 2) -> int:
    """Periodic: keys are honoured for a day or two; older ones are forgotten."""
    from gfmd.platform.models import IdempotencyKey

    cutoff = timezone.now() - timedelta(days=days)
    return IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()[0]


@shared_task(name="gfmd.remind_translations_due")
def translation_due_reminders(*, days_before: int = 3) -> int:
    """Periodic (celery beat, daily): remind translators of translations due soon."""
    return translations_remind_due(days_before=int(days_before))


@shared_task(name="gfmd.search_reindex")
def search_reindex(*, source: str, ids: list[int]) -> int:
    """Rewrite the search index rows of these records (queued after each audited write)."""
    return reindex(source, ids)

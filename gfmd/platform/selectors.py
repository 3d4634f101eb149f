"""Read queries of the platform's own records, scoped to the caller."""

from django.db.models import Prefetch

from gfmd.platform.models import (
    ActivityLog,
    Notification,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)
from gfmd.platform.roles import is_support_staff


def activity_for_user(user):
    if not is_support_staff(user):
        return ActivityLog.objects.none()
    return ActivityLog.objects.order_by("-id")


def webhook_endpoints_for_user(user):
    queryset = WebhookEndpoint.objects.select_related("client").order_by("id")
    if is_support_staff(user):
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    return queryset.filter(client__service_user=user)


def webhook_deliveries_for_user(user):
    queryset = (
        WebhookDelivery.objects.select_related("event", "endpoint__client")
        .prefetch_related(Prefetch("attempt_log", queryset=WebhookAttempt.objects.order_by("-id")))
        .order_by("-id")
    )
    if is_support_staff(user):
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    return queryset.filter(endpoint__client__service_user=user)


def notifications_for_user(user):
    if not is_support_staff(user):
        return Notification.objects.none()
    return Notification.objects.order_by("-id")

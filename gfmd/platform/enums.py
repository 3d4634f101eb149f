"""Choices of the platform kernel (activity log, notifications, webhooks)."""

from django.db import models


class ActorKind(models.TextChoices):
    USER = "user", "User"
    CLIENT = "client", "API client"
    SYSTEM = "system", "System"


class NotificationStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed (will retry)"
    GAVE_UP = "gave_up", "Gave up"


class WebhookDeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DELIVERED = "delivered", "Delivered"
    RETRYING = "retrying", "Failed, will retry"
    GAVE_UP = "gave_up", "Gave up"
    CANCELLED = "cancelled", "Cancelled (endpoint disabled)"

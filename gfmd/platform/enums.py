"""Choices of the platform kernel (activity log, notifications, webhooks)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActorKind(models.TextChoices):
    USER = "user", _("User")
    CLIENT = "client", _("API client")
    SYSTEM = "system", _("System")


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed (will retry)")
    GAVE_UP = "gave_up", _("Gave up")


class WebhookDeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    RETRYING = "retrying", _("Failed, will retry")
    GAVE_UP = "gave_up", _("Gave up")
    CANCELLED = "cancelled", _("Cancelled (endpoint disabled)")

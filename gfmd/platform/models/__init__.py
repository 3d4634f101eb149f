"""The platform's records. They keep the `gfmd` app label and their tables (gfmd_*): Django
gives a model the label of the installed app whose package contains its module."""

from gfmd.platform.models.activity import ActivityLog, Notification
from gfmd.platform.models.clients import PartnerClient
from gfmd.platform.models.feeds import CalendarFeedKey
from gfmd.platform.models.idempotency import IdempotencyKey
from gfmd.platform.models.preferences import UserPreference
from gfmd.platform.models.search import SearchEntry
from gfmd.platform.models.templates import DocumentTemplate
from gfmd.platform.models.translations import DocumentTranslation
from gfmd.platform.models.webhooks import (
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)

__all__ = [
    "ActivityLog",
    "CalendarFeedKey",
    "DocumentTemplate",
    "DocumentTranslation",
    "IdempotencyKey",
    "Notification",
    "PartnerClient",
    "SearchEntry",
    "UserPreference",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEvent",
]

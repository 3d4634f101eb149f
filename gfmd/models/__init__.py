from gfmd.models.activity import ActivityLog, Notification
from gfmd.models.clients import PartnerClient
from gfmd.models.countries import Country
from gfmd.models.editions import Edition, EditionChair
from gfmd.models.feeds import CalendarFeedKey
from gfmd.models.friends import FriendsParticipation
from gfmd.models.idempotency import IdempotencyKey
from gfmd.models.meetings import AgendaItem, Attendance, Meeting
from gfmd.models.organisations import Organisation
from gfmd.models.people import FocalPoint
from gfmd.models.steering import BalancePolicy, SteeringGroupMembership
from gfmd.models.webhooks import WebhookAttempt, WebhookDelivery, WebhookEndpoint, WebhookEvent

__all__ = [
    "ActivityLog",
    "AgendaItem",
    "Attendance",
    "BalancePolicy",
    "CalendarFeedKey",
    "Country",
    "Edition",
    "EditionChair",
    "FocalPoint",
    "FriendsParticipation",
    "IdempotencyKey",
    "Meeting",
    "Notification",
    "Organisation",
    "PartnerClient",
    "SteeringGroupMembership",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEvent",
]

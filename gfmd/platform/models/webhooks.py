import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from gfmd.platform.enums import WebhookDeliveryStatus


class WebhookEndpoint(models.Model):
    """A URL subscribed to event types. Owned by a partner client, or by staff (no client)."""

    client = models.ForeignKey(
        "gfmd.PartnerClient",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
        verbose_name=_("client"),
    )
    url = models.URLField(_("url"), max_length=500)
    description = models.CharField(_("description"), max_length=200, blank=True)
    event_types = models.JSONField(
        _("event types"), default=list, help_text=_('Event types, or ["*"] for all.')
    )
    secret = models.CharField(_("secret"), max_length=100, help_text=_("whsec_... signing secret."))
    is_active = models.BooleanField(_("is active"), default=True)
    disabled_reason = models.CharField(_("disabled reason"), max_length=300, blank=True)
    disabled_at = models.DateTimeField(_("disabled at"), null=True, blank=True)
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.url

    def wants(self, event_type: str) -> bool:
        return "*" in self.event_types or event_type in self.event_types


class WebhookEvent(models.Model):
    """The outbox: written in the same transaction as the change it announces."""

    id = models.UUIDField(_("id"), primary_key=True, default=uuid.uuid4, editable=False)
    event_type = models.CharField(_("event type"), max_length=60, db_index=True)
    payload = models.JSONField(_("payload"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("webhook event")
        verbose_name_plural = _("webhook events")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.event_type} {self.msg_id}"

    @property
    def msg_id(self) -> str:
        return f"msg_{self.id.hex}"


class WebhookDelivery(models.Model):
    """One event to one endpoint; retried on a schedule kept here, not in the broker."""

    event = models.ForeignKey(
        "gfmd.WebhookEvent",
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("event"),
    )
    endpoint = models.ForeignKey(
        "gfmd.WebhookEndpoint",
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("endpoint"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=WebhookDeliveryStatus.choices,
        default=WebhookDeliveryStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(
        _("last status code"), null=True, blank=True
    )
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        ordering = ["-id"]
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(fields=["event", "endpoint"], name="webhookdelivery_once"),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event_id} -> {self.endpoint_id} ({self.status})"


class WebhookAttempt(models.Model):
    delivery = models.ForeignKey(
        "gfmd.WebhookDelivery",
        on_delete=models.CASCADE,
        related_name="attempt_log",
        verbose_name=_("delivery"),
    )
    attempted_at = models.DateTimeField(_("attempted at"), auto_now_add=True)
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True, blank=True)
    latency_ms = models.PositiveIntegerField(_("latency ms"))
    error = models.CharField(_("error"), max_length=500, blank=True)
    response_excerpt = models.CharField(_("response excerpt"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("webhook attempt")
        verbose_name_plural = _("webhook attempts")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.attempted_at:%Y-%m-%d %H:%M:%S} {self.status_code or self.error}"

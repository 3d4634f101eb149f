from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from gfmd.platform.enums import ActorKind, NotificationStatus


class ActivityLog(models.Model):
    """Append-only audit trail of every change and workflow step.

    Each entry carries `hash` = SHA-256 over its own content and the previous entry's
    hash, so an edited or deleted row breaks the chain (`manage.py verify_activity_log`).
    On PostgreSQL a trigger also refuses UPDATE and DELETE. Foreign keys are not
    enforced (db_constraint=False) so that deleting a user or a record never rewrites
    history.
    """

    created_at = models.DateTimeField(_("created at"), db_index=True)
    actor_kind = models.CharField(_("actor kind"), max_length=10, choices=ActorKind.choices)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("actor user"),
    )
    actor_label = models.CharField(_("actor label"), max_length=200)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("content type"),
    )
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object repr"), max_length=200)
    data = models.JSONField(_("data"), default=dict, blank=True)
    prev_hash = models.CharField(_("prev hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("activity log entry")
        verbose_name_plural = _("activity log")
        indexes = [models.Index(fields=["content_type", "object_id", "-id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label}: {self.action}"


class Notification(models.Model):
    """One email to one recipient. `key` makes sending idempotent: the row is the sent-marker,
    so a retried or redelivered task never mails twice. Failures stay visible to staff."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    recipient_email = models.EmailField(_("recipient email"))
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recipient user"),
    )
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=NotificationStatus.choices,
        default=NotificationStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.subject} -> {self.recipient_email} ({self.status})"

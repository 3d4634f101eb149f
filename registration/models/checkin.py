"""Check-in: a participant present on a day (once per day), and the scans a device sent."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gfmd.platform.models.checks import CheckConstraint


class CheckInMethod(models.TextChoices):
    SCAN = "scan", _("Badge scan")
    SEARCH = "search", _("Name search")


class CheckIn(models.Model):
    registration = models.ForeignKey(
        "registration.Registration",
        on_delete=models.PROTECT,
        related_name="check_ins",
        verbose_name=_("registration"),
    )
    participant = models.ForeignKey(
        "registration.Participant",
        on_delete=models.PROTECT,
        related_name="check_ins",
        verbose_name=_("participant"),
    )
    day = models.DateField(_("day"))
    checked_in_at = models.DateTimeField(_("checked in at"))
    method = models.CharField(_("method"), max_length=10, choices=CheckInMethod.choices)
    badge_version = models.PositiveIntegerField(_("badge version"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("checked in by"),
    )

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-checked_in_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "day"],
                name="checkin_once_per_day",
                violation_error_message=_("This participant is already checked in for the day."),
            ),
            CheckConstraint(
                condition=Q(method__in=CheckInMethod.values), name="checkin_method_valid"
            ),
            CheckConstraint(
                condition=~Q(method=CheckInMethod.SCAN) | Q(badge_version__isnull=False),
                name="checkin_scan_has_badge_version",
            ),
        ]
        indexes = [models.Index(fields=["registration", "day"], name="checkin_day")]

    def __str__(self) -> str:
        return f"{self.participant} {self.day}"


class ScanOutcome(models.TextChoices):
    CHECKED_IN = "checked_in", _("Checked in")
    ALREADY = "already", _("Already checked in")
    REFUSED = "refused", _("Refused")


class OfflineScan(models.Model):
    """A scan a device made offline and sent in a batch: kept so a batch sent twice is
    applied once (unique per device and the device's own scan id)."""

    device = models.CharField(_("device"), max_length=64)
    scan_id = models.CharField(_("scan id"), max_length=64)
    code = models.CharField(_("code"), max_length=120)
    scanned_at = models.DateTimeField(_("scanned at"))
    outcome = models.CharField(_("outcome"), max_length=12, choices=ScanOutcome.choices)
    message = models.CharField(_("message"), max_length=300, blank=True)
    error_code = models.CharField(_("error code"), max_length=40, blank=True)
    check_in = models.ForeignKey(
        CheckIn,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("check-in"),
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("received by"),
    )
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        verbose_name = _("offline scan")
        verbose_name_plural = _("offline scans")
        ordering = ["device", "scanned_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["device", "scan_id"], name="offlinescan_once"),
            CheckConstraint(
                condition=Q(outcome__in=ScanOutcome.values), name="offlinescan_outcome_valid"
            ),
            CheckConstraint(
                condition=Q(outcome=ScanOutcome.REFUSED) | Q(check_in__isnull=False),
                name="offlinescan_applied_has_checkin",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.device}:{self.scan_id}"

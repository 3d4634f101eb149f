"""Documents made for participants: visa invitation letters and badges.

A visa letter is issued once per participant; a re-issue is a new row (new number, a
reason, the previous one marked superseded), so the history stays. A badge is one row
per participant whose `version` is the revocation counter signed into its QR code:
revoking or re-issuing bumps it, and every earlier printout stops verifying.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gfmd.platform.models.checks import CheckConstraint
from gfmd.platform.templating import TemplateKind, register_template_kind


def document_upload_to(instance, filename: str) -> str:
    # A random name, served only by permission-checked views (passport data inside).
    token = uuid.uuid4().hex
    return f"registration/documents/{token[:2]}/{token}.pdf"


class VisaLetter(models.Model):
    registration = models.ForeignKey(
        "registration.Registration",
        on_delete=models.PROTECT,
        related_name="visa_letters",
        verbose_name=_("registration"),
    )
    participant = models.ForeignKey(
        "registration.Participant",
        on_delete=models.PROTECT,
        related_name="visa_letters",
        verbose_name=_("participant"),
    )
    sequence = models.PositiveIntegerField(_("sequence"))
    number = models.CharField(_("number"), max_length=40)
    reissue_of = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reissued_as",
        verbose_name=_("re-issue of"),
    )
    reason = models.TextField(_("reason for re-issue"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    template_version = models.PositiveIntegerField(_("template version"))
    file = models.FileField(upload_to=document_upload_to, max_length=200)
    checksum = models.CharField("SHA-256", max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("issued by"),
    )
    issued_at = models.DateTimeField(_("issued at"))
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("visa invitation letter")
        verbose_name_plural = _("visa invitation letters")
        ordering = ["registration", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "sequence"], name="visaletter_sequence_unique"
            ),
            models.UniqueConstraint(
                fields=["registration", "number"], name="visaletter_number_unique"
            ),
            models.UniqueConstraint(
                fields=["participant"],
                condition=Q(reissue_of__isnull=True),
                name="visaletter_issued_once",
                violation_error_message=_("A letter was already issued to this participant."),
            ),
            models.UniqueConstraint(
                fields=["participant"],
                condition=Q(superseded_at__isnull=True),
                name="visaletter_one_current",
            ),
            CheckConstraint(
                condition=Q(reissue_of__isnull=True) | ~Q(reason=""),
                name="visaletter_reissue_has_reason",
                violation_error_message=_("Give the reason for the re-issue."),
                fields=["reason"],
            ),
            CheckConstraint(condition=Q(sequence__gte=1), name="visaletter_sequence_positive"),
            CheckConstraint(
                condition=Q(superseded_at__isnull=True) | Q(superseded_at__gte=F("issued_at")),
                name="visaletter_superseded_after_issue",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class Badge(models.Model):
    participant = models.OneToOneField(
        "registration.Participant",
        on_delete=models.PROTECT,
        related_name="badge",
        verbose_name=_("participant"),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        ordering = ["participant"]
        constraints = [
            CheckConstraint(condition=Q(version__gte=1), name="badge_version_positive"),
            CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoked_reason=""),
                name="badge_revocation_has_reason",
                violation_error_message=_("Give the reason for the revocation."),
                fields=["revoked_reason"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} v{self.version}"


class BatchState(models.TextChoices):
    PENDING = "pending", _("Pending")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class BadgeBatch(models.Model):
    """Badge sheets for a whole registration, made by a Celery task that counts its progress."""

    registration = models.ForeignKey(
        "registration.Registration",
        on_delete=models.CASCADE,
        related_name="badge_batches",
        verbose_name=_("registration"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=BatchState.choices, default=BatchState.PENDING
    )
    total = models.PositiveIntegerField(_("badges"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    file = models.FileField(upload_to=document_upload_to, blank=True, max_length=200)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("badge batch")
        verbose_name_plural = _("badge batches")
        ordering = ["-created_at", "-id"]
        constraints = [
            CheckConstraint(condition=Q(done__lte=F("total")), name="badgebatch_done_le_total"),
            CheckConstraint(
                condition=Q(state__in=BatchState.values), name="badgebatch_state_valid"
            ),
            CheckConstraint(
                condition=~Q(state=BatchState.DONE) | (~Q(file="") & Q(done=F("total"))),
                name="badgebatch_done_has_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration} {self.done}/{self.total}"


# The visa letter's template kind (gfmd/platform/templating.py): the placeholders staff
# may use in the admin's document templates, with the preview's sample values.
VISA_LETTER_KIND = "registration.visa_letter"
register_template_kind(
    TemplateKind(
        code=VISA_LETTER_KIND,
        label=_("Visa invitation letter"),
        placeholders={
            "name": _("Name as in passport"),
            "title": _("Title"),
            "function": _("Function"),
            "delegation": _("Government or organisation"),
            "nationality": _("Nationality"),
            "passport_number": _("Passport number"),
            "date_of_birth": _("Date of birth"),
            "passport_expires": _("Passport expiry date"),
            "meeting": _("Meeting"),
            "dates": _("Dates of the meeting"),
            "venue": _("Venue"),
            "number": _("Letter number"),
            "issue_date": _("Date of issue"),
        },
        samples={
            "name": "Ana María Núñez",
            "title": "Ms",
            "function": "Director",
            "delegation": "Ecuador",
            "nationality": "Ecuador",
            "passport_number": "A1234567",
            "date_of_birth": "1 March 1980",
            "passport_expires": "1 March 2032",
            "meeting": "GFMD Summit",
            "dates": "20-22 January 2030",
            "venue": "Geneva, Switzerland",
            "number": "GFMD-2030-0001",
            "issue_date": "1 December 2029",
        },
    )
)

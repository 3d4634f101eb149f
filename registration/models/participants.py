"""Nominated participants, and their passport data in a table of its own.

Passport data (nationality, passport number, date of birth) sit in `PassportData`, one row
per participant who needs a visa letter: only the Support Unit reads it, the purge task
deletes it a configurable number of days after the meeting, and nothing else joins it.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gfmd.platform.models.checks import CheckConstraint
from gfmd.platform.names import validate_visible_text, visible_text_constraint
from registration.enums import ACTIVE_STATES, AttendanceFormat, ParticipantState


class Participant(models.Model):
    """A person nominated for a meeting, in a category, for a delegation (or none)."""

    registration = models.ForeignKey(
        "registration.Registration",
        on_delete=models.PROTECT,
        related_name="participants",
        verbose_name=_("registration"),
    )
    category = models.ForeignKey(
        "registration.ParticipantCategory",
        on_delete=models.PROTECT,
        related_name="participants",
        verbose_name=_("category"),
    )
    country = models.ForeignKey(
        "gfmd.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("government"),
    )
    organisation = models.ForeignKey(
        "gfmd.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    full_name = models.CharField(
        _("name as in passport"), max_length=200, validators=[validate_visible_text]
    )
    title = models.CharField(_("title"), max_length=50, blank=True)
    function = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("email"))
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en-gb"
    )
    is_head_of_delegation = models.BooleanField(_("head of delegation"), default=False)
    attendance_format = models.CharField(
        _("attends"),
        max_length=10,
        choices=AttendanceFormat.choices,
        default=AttendanceFormat.IN_PERSON,
    )
    speaking_sessions = models.ManyToManyField(
        "roundtables.Session",
        blank=True,
        related_name="+",
        verbose_name=_("sessions the participant wishes to speak in"),
    )
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    visa_letter_needed = models.BooleanField(_("visa invitation letter needed"), default=False)
    state = models.CharField(
        _("state"), max_length=20, choices=ParticipantState.choices, default=ParticipantState.DRAFT
    )
    reason = models.TextField(_("reason"), blank=True)
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("Why the last decision came out as it did.")
    )
    waitlist_position = models.PositiveIntegerField(_("waitlist position"), null=True, blank=True)
    substitutes = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="substituted_by",
        verbose_name=_("substitutes"),
    )
    csd_delegate = models.ForeignKey(
        "civil_society.Delegate",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Civil Society Days delegate"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    state_changed_at = models.DateTimeField(_("state changed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["registration", "category__position", "full_name", "id"]
        constraints = [
            visible_text_constraint("full_name", "participant_full_name_visible"),
            CheckConstraint(
                condition=Q(state__in=ParticipantState.values), name="participant_state_valid"
            ),
            CheckConstraint(
                condition=Q(country__isnull=True) | Q(organisation__isnull=True),
                name="participant_one_delegation",
                violation_error_message=_(
                    "A participant belongs to one government or one organisation, not both."
                ),
            ),
            CheckConstraint(
                condition=Q(is_head_of_delegation=False)
                | Q(country__isnull=False)
                | Q(organisation__isnull=False),
                name="participant_head_has_delegation",
                violation_error_message=_("A head of delegation needs a delegation."),
                fields=["is_head_of_delegation"],
            ),
            CheckConstraint(
                condition=~Q(state=ParticipantState.REJECTED) | ~Q(reason=""),
                name="participant_rejection_has_reason",
                violation_error_message=_("Give the reason for the rejection."),
                fields=["reason"],
            ),
            CheckConstraint(
                condition=Q(state=ParticipantState.WAITLISTED, waitlist_position__isnull=False)
                | (~Q(state=ParticipantState.WAITLISTED) & Q(waitlist_position__isnull=True)),
                name="participant_waitlist_position",
                violation_error_message=_("Only a waitlisted participant has a waitlist position."),
                fields=["waitlist_position"],
            ),
            CheckConstraint(
                condition=Q(substitutes__isnull=True) | ~Q(substitutes=F("pk")),
                name="participant_not_own_substitute",
                violation_error_message=_("A participant cannot substitute themselves."),
                fields=["substitutes"],
            ),
            models.UniqueConstraint(
                fields=["registration", "country"],
                condition=Q(is_head_of_delegation=True, state__in=ACTIVE_STATES)
                & Q(country__isnull=False),
                name="participant_one_head_per_government",
                violation_error_message=_("This delegation already has a head of delegation."),
            ),
            models.UniqueConstraint(
                fields=["registration", "organisation"],
                condition=Q(is_head_of_delegation=True, state__in=ACTIVE_STATES)
                & Q(organisation__isnull=False),
                name="participant_one_head_per_organisation",
                violation_error_message=_("This delegation already has a head of delegation."),
            ),
            models.UniqueConstraint(
                fields=["registration", "csd_delegate"],
                condition=Q(csd_delegate__isnull=False),
                name="participant_csd_delegate_once",
                violation_error_message=_("This CSD delegate is already registered."),
            ),
        ]
        indexes = [
            models.Index(fields=["registration", "state", "category"], name="participant_queue"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def delegation(self):
        return self.country or self.organisation


class PassportData(models.Model):
    """Personal data for a visa invitation letter: Support Unit only, purged after the meeting."""

    participant = models.OneToOneField(
        "registration.Participant",
        on_delete=models.CASCADE,
        related_name="passport",
        verbose_name=_("participant"),
    )
    nationality = models.ForeignKey(
        "gfmd.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("nationality")
    )
    passport_number = models.CharField(_("passport number"), max_length=30)
    date_of_birth = models.DateField(_("date of birth"))
    passport_expires = models.DateField(_("passport expiry date"), null=True, blank=True)

    class Meta:
        verbose_name = _("passport data")
        verbose_name_plural = _("passport data")
        ordering = ["participant"]
        constraints = [
            CheckConstraint(
                condition=Q(passport_number__regex=r"^[A-Za-z0-9]{5,30}$"),
                name="passport_number_format",
                violation_error_message=_("A passport number has 5 to 30 letters and digits."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Passport data"))

    @property
    def masked_number(self) -> str:
        return mask(self.passport_number)


def mask(value: str) -> str:
    """Everything but the last two characters hidden ("X1234567" -> "******67")."""
    value = str(value or "")
    return "*" * max(len(value) - 2, 0) + value[-2:] if len(value) > 2 else "*" * len(value)


def credential_upload_to(instance, filename: str) -> str:
    # A random name: nothing about the delegation is guessable; served only by checked views.
    suffix = PurePath(filename).suffix.lower()[:8]
    token = uuid.uuid4().hex
    return f"registration/credentials/{token[:2]}/{token}{suffix}"

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower

from civil_society.enums import ApplicationSource, ApplicationStatus, DelegateStatus, Gender
from gfmd.platform.models.checks import CheckConstraint
from gfmd.platform.names import validate_visible_text, visible_text_constraint

SCORE_MIN = 0
SCORE_MAX = 10


class Application(models.Model):
    """An organisation's application to a CSD edition, nominating one or more delegates."""

    csd_edition = models.ForeignKey(
        "civil_society.CSDEdition", on_delete=models.PROTECT, related_name="applications"
    )
    organisation = models.ForeignKey(
        "civil_society.CivilSocietyOrganisation",
        on_delete=models.PROTECT,
        related_name="applications",
    )
    motivation = models.TextField()
    contact_email = models.EmailField(blank=True)
    status = models.CharField(
        max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    source = models.CharField(
        max_length=20, choices=ApplicationSource.choices, default=ApplicationSource.WEB
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="csd_applications_submitted",
    )
    external_ref = models.CharField(
        max_length=100, blank=True, help_text="The partner system's own id for this application."
    )
    submitted_at = models.DateTimeField()

    class Meta:
        ordering = ["csd_edition_id", "submitted_at", "id"]
        indexes = [
            # The review lists page an edition's applications newest first (cursor on
            # -id): without it PostgreSQL walks the whole primary key backwards.
            models.Index(fields=["csd_edition", "-id"], name="application_edition_newest"),
        ]
        constraints = [
            CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values),
                name="application_status_valid",
                violation_error_message="Unknown application status.",
            ),
            models.UniqueConstraint(
                fields=["csd_edition", "organisation"],
                condition=Q(status="submitted"),
                name="application_once_per_organisation_and_edition",
                violation_error_message="This organisation has already applied to these "
                "Civil Society Days.",
            ),
            models.UniqueConstraint(
                fields=["submitted_by", "external_ref"],
                condition=~Q(external_ref=""),
                name="application_external_ref_unique",
                violation_error_message="This partner reference has already been submitted.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} - {self.csd_edition}"


class Delegate(models.Model):
    """A person an application nominates. Selection, waitlist and notifications are per delegate.

    `csd_edition` repeats the application's edition so that the database can refuse a
    person (by email) selected twice for the same Civil Society Days.
    """

    application = models.ForeignKey(
        "civil_society.Application", on_delete=models.CASCADE, related_name="delegates"
    )
    csd_edition = models.ForeignKey(
        "civil_society.CSDEdition", on_delete=models.PROTECT, related_name="delegates"
    )
    position = models.PositiveSmallIntegerField(
        default=1, help_text="The application's order of preference (1 first)."
    )
    full_name = models.CharField(max_length=200, validators=[validate_visible_text])
    email = models.EmailField()
    gender = models.CharField(max_length=10, choices=Gender.choices, blank=True)
    country = models.ForeignKey("gfmd.Country", on_delete=models.PROTECT, related_name="+")
    expertise = models.TextField(blank=True)
    roundtable_interests = models.JSONField(
        default=list, blank=True, help_text="Themes or roundtables the delegate wants to join."
    )
    status = models.CharField(
        max_length=20, choices=DelegateStatus.choices, default=DelegateStatus.NOMINATED
    )
    waitlist_position = models.PositiveIntegerField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["application_id", "position", "id"]
        constraints = [
            visible_text_constraint("full_name", "delegate_full_name_visible"),
            CheckConstraint(
                condition=Q(status__in=DelegateStatus.values),
                name="delegate_status_valid",
                violation_error_message="Unknown delegate status.",
            ),
            CheckConstraint(
                condition=Q(gender__in=["", *Gender.values]),
                name="delegate_gender_valid",
                violation_error_message="Unknown gender value.",
            ),
            models.UniqueConstraint(
                "csd_edition",
                Lower("email"),
                condition=Q(status="selected"),
                name="delegate_selected_once_per_edition",
                violation_error_message="This person is already selected for these Civil "
                "Society Days.",
            ),
            models.UniqueConstraint(
                fields=["application", "position"],
                name="delegate_position_unique",
                violation_error_message="Another delegate of this application has this position.",
            ),
            CheckConstraint(
                condition=(Q(status="waitlisted") & Q(waitlist_position__isnull=False))
                | (~Q(status="waitlisted") & Q(waitlist_position__isnull=True)),
                name="delegate_waitlist_position_iff_waitlisted",
                violation_error_message="Only a waitlisted delegate has a waitlist position.",
            ),
            models.UniqueConstraint(
                fields=["csd_edition", "waitlist_position"],
                condition=Q(status="waitlisted"),
                name="delegate_waitlist_position_unique",
                violation_error_message="Another delegate holds this waitlist position.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.application.organisation})"


class Review(models.Model):
    """One advisory committee member's score and comment on one application.

    The two organisation columns copy the reviewer's and the applicant's organisation so the
    database refuses a conflicted review even if a service were bypassed.
    """

    application = models.ForeignKey(
        "civil_society.Application", on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        "civil_society.AdvisoryCommitteeMember", on_delete=models.PROTECT, related_name="reviews"
    )
    reviewer_organisation = models.ForeignKey(
        "gfmd.Organisation", on_delete=models.PROTECT, related_name="+", editable=False
    )
    applicant_organisation = models.ForeignKey(
        "gfmd.Organisation", on_delete=models.PROTECT, related_name="+", editable=False
    )
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["application_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"],
                name="review_once_per_reviewer",
                violation_error_message="This reviewer has already reviewed this application.",
            ),
            CheckConstraint(
                condition=Q(score__gte=SCORE_MIN) & Q(score__lte=SCORE_MAX),
                name="review_score_range",
                violation_error_message=f"A score lies between {SCORE_MIN} and {SCORE_MAX}.",
            ),
            CheckConstraint(
                condition=~Q(reviewer_organisation=F("applicant_organisation")),
                name="review_no_conflict_of_interest",
                violation_error_message="A reviewer cannot review an application from their "
                "own organisation (conflict of interest).",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} on {self.application}: {self.score}"

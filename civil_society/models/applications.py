from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civil_society.enums import ApplicationSource, ApplicationStatus, DelegateStatus, Gender
from gfmd.platform.models.checks import CheckConstraint
from gfmd.platform.names import validate_visible_text, visible_text_constraint

SCORE_MIN = 0
SCORE_MAX = 10


class Application(models.Model):
    """An organisation's application to a CSD edition, nominating one or more delegates."""

    csd_edition = models.ForeignKey(
        "civil_society.CSDEdition",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("CSD edition"),
    )
    organisation = models.ForeignKey(
        "civil_society.CivilSocietyOrganisation",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("organisation"),
    )
    motivation = models.TextField(verbose_name=_("motivation"))
    contact_email = models.EmailField(blank=True, verbose_name=_("contact email"))
    status = models.CharField(
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
        verbose_name=_("status"),
    )
    source = models.CharField(
        max_length=20,
        choices=ApplicationSource.choices,
        default=ApplicationSource.WEB,
        verbose_name=_("source"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="csd_applications_submitted",
        verbose_name=_("submitted by"),
    )
    external_ref = models.CharField(
        max_length=100,
        blank=True,
        help_text=_("The partner system's own id for this application."),
        verbose_name=_("external ref"),
    )
    submitted_at = models.DateTimeField(verbose_name=_("submitted at"))

    class Meta:
        ordering = ["csd_edition_id", "submitted_at", "id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [
            # The review lists page an edition's applications newest first (cursor on
            # -id): without it PostgreSQL walks the whole primary key backwards.
            models.Index(fields=["csd_edition", "-id"], name="application_edition_newest"),
        ]
        constraints = [
            CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values),
                name="application_status_valid",
                violation_error_message=_("Unknown application status."),
            ),
            models.UniqueConstraint(
                fields=["csd_edition", "organisation"],
                condition=Q(status="submitted"),
                name="application_once_per_organisation_and_edition",
                violation_error_message=_(
                    "This organisation has already applied to these Civil Society Days."
                ),
            ),
            models.UniqueConstraint(
                fields=["submitted_by", "external_ref"],
                condition=~Q(external_ref=""),
                name="application_external_ref_unique",
                violation_error_message=_("This partner reference has already been submitted."),
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
        "civil_society.Application",
        on_delete=models.CASCADE,
        related_name="delegates",
        verbose_name=_("application"),
    )
    csd_edition = models.ForeignKey(
        "civil_society.CSDEdition",
        on_delete=models.PROTECT,
        related_name="delegates",
        verbose_name=_("CSD edition"),
    )
    position = models.PositiveSmallIntegerField(
        default=1,
        help_text=_("The application's order of preference (1 first)."),
        verbose_name=_("position"),
    )
    full_name = models.CharField(
        max_length=200, validators=[validate_visible_text], verbose_name=_("full name")
    )
    email = models.EmailField(verbose_name=_("email"))
    gender = models.CharField(
        max_length=10, choices=Gender.choices, blank=True, verbose_name=_("gender")
    )
    country = models.ForeignKey(
        "gfmd.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    expertise = models.TextField(blank=True, verbose_name=_("expertise"))
    roundtable_interests = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Themes or roundtables the delegate wants to join."),
        verbose_name=_("roundtable interests"),
    )
    status = models.CharField(
        max_length=20,
        choices=DelegateStatus.choices,
        default=DelegateStatus.NOMINATED,
        verbose_name=_("status"),
    )
    waitlist_position = models.PositiveIntegerField(
        null=True, blank=True, verbose_name=_("waitlist position")
    )
    decided_at = models.DateTimeField(null=True, blank=True, verbose_name=_("decided at"))

    class Meta:
        ordering = ["application_id", "position", "id"]
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        constraints = [
            visible_text_constraint("full_name", "delegate_full_name_visible"),
            CheckConstraint(
                condition=Q(status__in=DelegateStatus.values),
                name="delegate_status_valid",
                violation_error_message=_("Unknown delegate status."),
            ),
            CheckConstraint(
                condition=Q(gender__in=["", *Gender.values]),
                name="delegate_gender_valid",
                violation_error_message=_("Unknown gender value."),
            ),
            models.UniqueConstraint(
                "csd_edition",
                Lower("email"),
                condition=Q(status="selected"),
                name="delegate_selected_once_per_edition",
                violation_error_message=_(
                    "This person is already selected for these Civil Society Days."
                ),
            ),
            models.UniqueConstraint(
                fields=["application", "position"],
                name="delegate_position_unique",
                violation_error_message=_(
                    "Another delegate of this application has this position."
                ),
            ),
            CheckConstraint(
                condition=(Q(status="waitlisted") & Q(waitlist_position__isnull=False))
                | (~Q(status="waitlisted") & Q(waitlist_position__isnull=True)),
                name="delegate_waitlist_position_iff_waitlisted",
                violation_error_message=_("Only a waitlisted delegate has a waitlist position."),
            ),
            models.UniqueConstraint(
                fields=["csd_edition", "waitlist_position"],
                condition=Q(status="waitlisted"),
                name="delegate_waitlist_position_unique",
                violation_error_message=_("Another delegate holds this waitlist position."),
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
        "civil_society.Application",
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("application"),
    )
    reviewer = models.ForeignKey(
        "civil_society.AdvisoryCommitteeMember",
        on_delete=models.PROTECT,
        related_name="reviews",
        verbose_name=_("reviewer"),
    )
    reviewer_organisation = models.ForeignKey(
        "gfmd.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("reviewer organisation"),
    )
    applicant_organisation = models.ForeignKey(
        "gfmd.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("applicant organisation"),
    )
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)],
        verbose_name=_("score"),
    )
    comment = models.TextField(blank=True, verbose_name=_("comment"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        ordering = ["application_id", "id"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"],
                name="review_once_per_reviewer",
                violation_error_message=_("This reviewer has already reviewed this application."),
            ),
            CheckConstraint(
                condition=Q(score__gte=SCORE_MIN) & Q(score__lte=SCORE_MAX),
                name="review_score_range",
                violation_error_message=_("A score lies between 0 and 10."),
            ),
            CheckConstraint(
                condition=~Q(reviewer_organisation=F("applicant_organisation")),
                name="review_no_conflict_of_interest",
                violation_error_message=_(
                    "A reviewer cannot review an application from their "
                    "own organisation (conflict of interest)."
                ),
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(reviewer)s on %(application)s: %(score)s") % {
            "reviewer": self.reviewer,
            "application": self.application,
            "score": self.score,
        }

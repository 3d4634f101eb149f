"""Recommendations of the government meeting and their follow-up over later editions.

A follow-up entry is never edited: a new status is a new entry (the history is the list of
entries). The entry's edition may not precede the recommendation's. The database holds
that across the two tables through the editions' ordinals, copied into both rows and kept
honest by composite foreign keys (`outcomes.dbconstraints.followup_constraints`):
(edition_id, edition_ordinal) -> gfmd_edition(id, ordinal) and (recommendation_id,
recommendation_ordinal) -> outcomes_recommendation(id, edition_ordinal), both ON UPDATE
CASCADE, plus a CheckConstraint edition_ordinal >= recommendation_ordinal.

A recommendation may name the outcome document it comes from (`outcome_document`): a
document of an outcome kind (roundtables.enums.OUTCOME_KINDS) of the same edition. The
model and the service check it; a trigger holds it in the database
(`outcomes.dbconstraints.recommendation_document_check`).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gfmd.platform.models.checks import CheckConstraint
from gfmd.platform.names import validate_visible_text
from outcomes.enums import Addressee, FollowUpStatus
from roundtables.enums import OUTCOME_KINDS


class Recommendation(models.Model):
    """A recommendation of the government meeting (the CSD's are in civil_society)."""

    edition = models.ForeignKey(
        "gfmd.Edition",
        on_delete=models.PROTECT,
        related_name="recommendations",
        verbose_name=_("edition"),
    )
    # Copy of edition.ordinal held by a composite foreign key (see the module docstring).
    edition_ordinal = models.PositiveSmallIntegerField(_("edition ordinal"), editable=False)
    session = models.ForeignKey(
        "roundtables.Session",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="government_recommendations",
        verbose_name=_("session"),
        help_text=_("The roundtable session the recommendation comes from, if any."),
    )
    outcome_document = models.ForeignKey(
        "roundtables.WorkingPaper",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
        verbose_name=_("outcome document"),
        help_text=_(
            "The outcome document of the same edition it comes from: a rapporteur report, "
            "the Chair's conclusions or the Report of Proceedings."
        ),
    )
    source_label = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_(
            "The outcome document it comes from when it has no session, e.g. "
            "the Chair's conclusions."
        ),
    )
    title = models.CharField(_("title"), max_length=300, validators=[validate_visible_text])
    title_fr = models.CharField(
        _("title (French)"), max_length=300, blank=True, validators=[validate_visible_text]
    )
    title_es = models.CharField(
        _("title (Spanish)"), max_length=300, blank=True, validators=[validate_visible_text]
    )
    text = models.TextField(_("text"))
    text_fr = models.TextField(_("text (French)"), blank=True)
    text_es = models.TextField(_("text (Spanish)"), blank=True)
    addressed_to = models.CharField(_("addressed to"), max_length=12, choices=Addressee.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-edition_ordinal", "id"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            CheckConstraint(
                condition=Q(addressed_to__in=Addressee.values), name="recommendation_addressee"
            ),
            CheckConstraint(
                condition=Q(session__isnull=False)
                | Q(outcome_document__isnull=False)
                | ~Q(source_label=""),
                name="recommendation_has_source",
                fields=["source_label"],
                violation_error_message=_(
                    "A recommendation comes from a session or an outcome document, or names "
                    "the source it comes from."
                ),
            ),
            models.UniqueConstraint(
                fields=["id", "edition_ordinal"], name="recommendation_id_ordinal"
            ),
        ]
        indexes = [models.Index(fields=["edition_ordinal", "id"], name="recommendation_since")]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        error = outcome_document_error(self)
        if error:
            raise ValidationError({"outcome_document": error})


def outcome_document_error(recommendation) -> str | None:
    """Why the recommendation's outcome document cannot be its source, or None."""
    document = recommendation.outcome_document
    if document is None:
        return None
    if document.kind not in OUTCOME_KINDS:
        return _(
            "Choose an outcome document: a rapporteur report, the Chair's conclusions or "
            "the Report of Proceedings."
        )
    if recommendation.edition_id is not None and document.edition_id != recommendation.edition_id:
        return _("The outcome document belongs to another edition than the recommendation.")
    return None


class FollowUp(models.Model):
    """What became of a recommendation by an edition, as reported by one government or body."""

    # PROTECT: entries are append-only (a database trigger refuses UPDATE and DELETE), so
    # a recommendation with follow-up history cannot be deleted either.
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        verbose_name=_("recommendation"),
    )
    recommendation_ordinal = models.PositiveSmallIntegerField(
        _("recommendation edition ordinal"), editable=False
    )
    edition = models.ForeignKey(
        "gfmd.Edition", on_delete=models.PROTECT, related_name="+", verbose_name=_("edition")
    )
    edition_ordinal = models.PositiveSmallIntegerField(_("edition ordinal"), editable=False)
    status = models.CharField(_("status"), max_length=12, choices=FollowUpStatus.choices)
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_fr = models.TextField(_("evidence (French)"), blank=True)
    evidence_es = models.TextField(_("evidence (Spanish)"), blank=True)
    reporting_country = models.ForeignKey(
        "gfmd.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reporting government"),
    )
    reporting_organisation = models.ForeignKey(
        "gfmd.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reporting body"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["recommendation_id", "edition_ordinal", "id"]
        verbose_name = _("follow-up entry")
        verbose_name_plural = _("follow-up entries")
        constraints = [
            CheckConstraint(
                condition=Q(status__in=FollowUpStatus.values), name="followup_status_valid"
            ),
            CheckConstraint(
                condition=(
                    Q(reporting_country__isnull=False) & Q(reporting_organisation__isnull=True)
                )
                | (Q(reporting_country__isnull=True) & Q(reporting_organisation__isnull=False)),
                name="followup_one_reporter",
                fields=["reporting_country"],
                violation_error_message=_(
                    "A follow-up entry is reported by exactly one government or one body."
                ),
            ),
            CheckConstraint(
                condition=Q(edition_ordinal__gte=F("recommendation_ordinal")),
                name="followup_not_before_recommendation",
                fields=["edition"],
                violation_error_message=_(
                    "A follow-up cannot come from an edition before the recommendation's."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["edition_ordinal", "recommendation"], name="followup_edition")
        ]

    def __str__(self) -> str:
        return f"{self.recommendation_id} @ {self.edition_id}: {self.status}"

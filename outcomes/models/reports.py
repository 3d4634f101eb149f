"""The GFMD contribution to the IMRF: a report for a period, made of sections.

A section's generated text and a staff edit are kept apart (`generated_*` and `edited_*`
columns): regenerating rewrites the generated columns of every section and never the
edited ones; a section edited by staff shows its edit (origin "edited") until staff revert
it. Each text exists in the three languages (generated once per language).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gfmd.platform.models.checks import CheckConstraint
from outcomes.enums import GenerationState, ReportState, SectionOrigin


class IMRFReport(models.Model):
    title = models.CharField(_("title"), max_length=300)
    year_from = models.PositiveSmallIntegerField(_("from year"))
    year_to = models.PositiveSmallIntegerField(_("to year"))
    state = models.CharField(
        _("state"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT
    )
    generation = models.CharField(
        _("generation"),
        max_length=8,
        choices=GenerationState.choices,
        default=GenerationState.IDLE,
    )
    progress = models.PositiveSmallIntegerField(_("progress (per cent)"), default=0)
    generation_error = models.TextField(_("generation error"), blank=True)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)
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
        ordering = ["-year_to", "-id"]
        verbose_name = _("IMRF report")
        verbose_name_plural = _("IMRF reports")
        constraints = [
            CheckConstraint(
                condition=Q(year_to__gte=F("year_from")),
                name="imrfreport_period_order",
                fields=["year_to"],
                violation_error_message=_("The period cannot end before it starts."),
            ),
            CheckConstraint(
                condition=Q(year_from__gte=2007) & Q(year_to__lte=2100),
                name="imrfreport_years",
                fields=["year_from"],
                violation_error_message=_("The period lies between 2007 and 2100."),
            ),
            CheckConstraint(condition=Q(progress__lte=100), name="imrfreport_progress"),
            CheckConstraint(condition=Q(state__in=ReportState.values), name="imrfreport_state"),
            CheckConstraint(
                condition=Q(generation__in=GenerationState.values), name="imrfreport_generation"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ReportSection(models.Model):
    report = models.ForeignKey(
        IMRFReport, on_delete=models.CASCADE, related_name="sections", verbose_name=_("report")
    )
    key = models.SlugField(_("key"), max_length=40)  # "introduction", "objective-07"
    position = models.PositiveSmallIntegerField(_("position"))
    objective = models.ForeignKey(
        "outcomes.Objective",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("GCM objective"),
    )
    origin = models.CharField(
        _("origin"),
        max_length=9,
        choices=SectionOrigin.choices,
        default=SectionOrigin.GENERATED,
    )
    heading = models.CharField(_("heading"), max_length=300)
    heading_fr = models.CharField(_("heading (French)"), max_length=300, blank=True)
    heading_es = models.CharField(_("heading (Spanish)"), max_length=300, blank=True)
    generated_body = models.TextField(_("generated text"), blank=True)
    generated_body_fr = models.TextField(_("generated text (French)"), blank=True)
    generated_body_es = models.TextField(_("generated text (Spanish)"), blank=True)
    edited_body = models.TextField(_("edited text"), blank=True)
    edited_body_fr = models.TextField(_("edited text (French)"), blank=True)
    edited_body_es = models.TextField(_("edited text (Spanish)"), blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    sources = models.JSONField(_("sources"), default=list, blank=True)
    # True when the last regeneration found nothing for this section (kept for its edit).
    stale = models.BooleanField(_("no longer generated"), default=False)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("edited by"),
    )
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)

    class Meta:
        ordering = ["report_id", "position", "id"]
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "key"],
                name="reportsection_key_once",
                violation_error_message=_("The report already has this section."),
            ),
            CheckConstraint(
                condition=(Q(origin=SectionOrigin.GENERATED) & Q(edited_body=""))
                | (Q(origin=SectionOrigin.EDITED) & ~Q(edited_body="")),
                name="reportsection_edit_matches_origin",
                fields=["edited_body"],
                violation_error_message=_("An edited section has an edited text, and only it."),
            ),
        ]

    def __str__(self) -> str:
        return self.heading

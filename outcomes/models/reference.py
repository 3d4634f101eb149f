"""Reference data: the Global Compact's 23 objectives and the migration-related SDG targets.

Loaded from `outcomes/data/` (provenance in its README) by an idempotent loader that the
first migration runs. Staff may add SDG targets; the 23 objectives are fixed by the
resolution.
"""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gfmd.platform.models.checks import CheckConstraint


class Objective(models.Model):
    """One of the 23 objectives of the Global Compact for Migration (A/RES/73/195, para 16)."""

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(23)]
    )
    short_title = models.CharField(_("short title"), max_length=80)
    short_title_fr = models.CharField(_("short title (French)"), max_length=80, blank=True)
    short_title_es = models.CharField(_("short title (Spanish)"), max_length=80, blank=True)
    title = models.TextField(_("title"))
    title_fr = models.TextField(_("title (French)"), blank=True)
    title_es = models.TextField(_("title (Spanish)"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("GCM objective")
        verbose_name_plural = _("GCM objectives")
        constraints = [
            CheckConstraint(
                condition=Q(number__gte=1) & Q(number__lte=23),
                name="objective_number_1_to_23",
                violation_error_message=_("The Global Compact has objectives 1 to 23."),
            ),
        ]

    def __str__(self) -> str:
        return _("Objective %(number)s: %(title)s") % {
            "number": self.number,
            "title": self.short_title,
        }


SDG_TARGET_CODE = r"^(1[0-7]|[1-9])\.([0-9]{1,2}|[a-z])$"


class SDGTarget(models.Model):
    """A Sustainable Development Goal target cited as migration-related (e.g. 10.7)."""

    code = models.CharField(
        _("target"),
        max_length=6,
        unique=True,
        validators=[
            RegexValidator(SDG_TARGET_CODE, _("Write a target as goal.target, e.g. 10.7."))
        ],
    )
    goal = models.PositiveSmallIntegerField(_("goal"))
    summary = models.CharField(_("summary"), max_length=200)
    summary_fr = models.CharField(_("summary (French)"), max_length=200, blank=True)
    summary_es = models.CharField(_("summary (Spanish)"), max_length=200, blank=True)

    class Meta:
        ordering = ["goal", "code"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")
        constraints = [
            CheckConstraint(
                condition=Q(code__regex=SDG_TARGET_CODE),
                name="sdgtarget_code_format",
                violation_error_message=_("Write a target as goal.target, e.g. 10.7."),
            ),
            CheckConstraint(
                condition=Q(goal__gte=1) & Q(goal__lte=17),
                name="sdgtarget_goal_1_to_17",
                violation_error_message=_("There are 17 Sustainable Development Goals."),
            ),
        ]

    def __str__(self) -> str:
        return f"SDG {self.code}"

"""Tagging content with GCM objectives and SDG targets, the per-edition policy and opt-outs.

One abstract tag row (`TagBase`), one concrete table per tagged model (`SessionTag`,
`PaperTag`, ... and, in other apps, `PracticeTag`): each row has a real foreign key to
its subject, so a deleted session takes its tags with it and a report joins a tag table
to its subject in one statement. A generic (content type, object id) table could not
hold a foreign key to its subject, and a report over it needs a query per subject kind
anyway.

The per-edition policy is data: an `EditionTagging` row per edition and scheme when
tagging with that scheme is on. The database holds every tag to it: a composite foreign
key (edition_id, scheme) -> EditionTagging(edition_id, scheme) (added by
`outcomes.dbconstraints.tag_constraints`, which each tag table's migration runs), so a
tag cannot be written for an edition whose policy is off, and the policy cannot be
switched off while tags of that scheme exist (the staff remove them first).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gfmd.platform.models.checks import CheckConstraint
from outcomes.enums import Scheme


class EditionTagging(models.Model):
    """Tagging with `scheme` is on for `edition` (no row: off)."""

    edition = models.ForeignKey(
        "gfmd.Edition",
        on_delete=models.CASCADE,
        related_name="tagging_schemes",
        verbose_name=_("edition"),
    )
    scheme = models.CharField(_("scheme"), max_length=3, choices=Scheme.choices)
    switched_on_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("switched on by"),
    )
    switched_on_at = models.DateTimeField(_("switched on at"), auto_now_add=True)

    class Meta:
        ordering = ["edition_id", "scheme"]
        verbose_name = _("edition tagging policy")
        verbose_name_plural = _("edition tagging policies")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "scheme"],
                name="editiontagging_unique",
                violation_error_message=_("This tagging is already on for the edition."),
            ),
            CheckConstraint(condition=Q(scheme__in=Scheme.values), name="editiontagging_scheme"),
        ]

    def __str__(self) -> str:
        return f"{self.edition}: {self.get_scheme_display()}"


class TagBase(models.Model):
    """A tag of one subject with one GCM objective or one SDG target.

    A concrete tag model adds `subject = models.ForeignKey(<model>, on_delete=CASCADE,
    related_name="tags")` and registers itself in `outcomes.registry` from its app's
    ready(). `edition` is the subject's edition, set by `tags_set` from the subject (null
    for content tied to no edition: the policy does not apply to it).
    """

    scheme = models.CharField(_("scheme"), max_length=3, choices=Scheme.choices)
    objective = models.ForeignKey(
        "outcomes.Objective",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("GCM objective"),
    )
    sdg_target = models.ForeignKey(
        "outcomes.SDGTarget",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("SDG target"),
    )
    edition = models.ForeignKey(
        "gfmd.Edition",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("edition"),
    )
    tagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("tagged by"),
    )
    tagged_at = models.DateTimeField(_("tagged at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["subject_id", "scheme", "objective__number", "sdg_target__code"]
        constraints = [
            CheckConstraint(
                condition=(
                    Q(scheme=Scheme.GCM, objective__isnull=False, sdg_target__isnull=True)
                    | Q(scheme=Scheme.SDG, sdg_target__isnull=False, objective__isnull=True)
                ),
                name="%(app_label)s_%(class)s_one_reference",
                violation_error_message=_(
                    "A tag names exactly one GCM objective or one SDG target."
                ),
            ),
            models.UniqueConstraint(
                fields=["subject", "objective"],
                name="%(app_label)s_%(class)s_objective_once",
                violation_error_message=_("This objective is already tagged."),
            ),
            models.UniqueConstraint(
                fields=["subject", "sdg_target"],
                name="%(app_label)s_%(class)s_target_once",
                violation_error_message=_("This SDG target is already tagged."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.objective or self.sdg_target)


class SessionTag(TagBase):
    subject = models.ForeignKey(
        "roundtables.Session",
        on_delete=models.CASCADE,
        related_name="tags",
        verbose_name=_("session"),
    )

    class Meta(TagBase.Meta):
        verbose_name = _("session tag")
        verbose_name_plural = _("session tags")


class PaperTag(TagBase):
    subject = models.ForeignKey(
        "roundtables.WorkingPaper",
        on_delete=models.CASCADE,
        related_name="tags",
        verbose_name=_("working paper"),
    )

    class Meta(TagBase.Meta):
        verbose_name = _("working paper tag")
        verbose_name_plural = _("working paper tags")


class InputTag(TagBase):
    subject = models.ForeignKey(
        "roundtables.Input",
        on_delete=models.CASCADE,
        related_name="tags",
        verbose_name=_("input"),
    )

    class Meta(TagBase.Meta):
        verbose_name = _("input tag")
        verbose_name_plural = _("input tags")


class CSDRecommendationTag(TagBase):
    subject = models.ForeignKey(
        "civil_society.Recommendation",
        on_delete=models.CASCADE,
        related_name="tags",
        verbose_name=_("CSD recommendation"),
    )

    class Meta(TagBase.Meta):
        verbose_name = _("CSD recommendation tag")
        verbose_name_plural = _("CSD recommendation tags")


class RecommendationTag(TagBase):
    subject = models.ForeignKey(
        "outcomes.Recommendation",
        on_delete=models.CASCADE,
        related_name="tags",
        verbose_name=_("recommendation"),
    )

    class Meta(TagBase.Meta):
        verbose_name = _("recommendation tag")
        verbose_name_plural = _("recommendation tags")


class ReportingOptOut(models.Model):
    """A government asked that its contributions are not counted in GCM reports.

    With no edition it holds for every edition. Every report source honours it (the
    registry hands each source the opted-out countries of each edition).
    """

    country = models.ForeignKey(
        "gfmd.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    edition = models.ForeignKey(
        "gfmd.Edition",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("edition"),
        help_text=_("Leave empty when the request holds for every edition."),
    )
    reason = models.TextField(_("reason"), blank=True)
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
        ordering = ["country__name", "edition__ordinal"]
        verbose_name = _("GCM reporting opt-out")
        verbose_name_plural = _("GCM reporting opt-outs")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "edition"],
                condition=Q(edition__isnull=False),
                name="optout_once_per_edition",
                violation_error_message=_("This government has already opted out for the edition."),
            ),
            models.UniqueConstraint(
                fields=["country"],
                condition=Q(edition__isnull=True),
                name="optout_once_for_all_editions",
                violation_error_message=_(
                    "This government has already opted out of every edition."
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(self.country)

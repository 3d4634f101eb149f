"""A practice of the Platform for Partnerships: a policy or practice drawn from the Forum's
work, submitted by a partner system or by staff, moderated, then public."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gfmd.platform.names import validate_visible_text, visible_text_constraint
from partnerships.enums import ContentLanguage, PracticeState


def image_upload_to(instance, filename: str) -> str:
    return f"practices/{filename}"


class Practice(models.Model):
    """Countries: a practice is global XOR has implementing countries. A many-to-many
    relation cannot be checked by a database constraint, so the rule lives in the services
    (practice_submit / practice_update refuse the mix) and the serializers; `is_global` is
    the column the public filter reads."""

    title = models.CharField(_("title"), max_length=300, validators=[validate_visible_text])
    title_fr = models.CharField(
        _("title (French)"), max_length=300, blank=True, validators=[validate_visible_text]
    )
    title_es = models.CharField(
        _("title (Spanish)"), max_length=300, blank=True, validators=[validate_visible_text]
    )
    summary = models.TextField(_("summary"), help_text=_("Who, what, where."))
    summary_fr = models.TextField(_("summary (French)"), blank=True)
    summary_es = models.TextField(_("summary (Spanish)"), blank=True)
    original_language = models.CharField(
        _("original language"),
        max_length=2,
        choices=ContentLanguage.choices,
        default=ContentLanguage.EN,
        help_text=_("The language the title and summary were written in."),
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("Languages the practice works in or has material in (codes)."),
    )
    is_global = models.BooleanField(_("global"), default=False)
    countries = models.ManyToManyField(
        "gfmd.Country", blank=True, related_name="practices", verbose_name=_("countries")
    )
    organisations = models.ManyToManyField(
        "gfmd.Organisation",
        blank=True,
        related_name="practices",
        verbose_name=_("partner organisations"),
    )
    other_partners = models.TextField(
        _("other partners"), blank=True, help_text=_("Partners not in the register.")
    )
    themes = models.ManyToManyField(
        "roundtables.Theme", blank=True, related_name="practices", verbose_name=_("themes")
    )
    source_edition = models.ForeignKey(
        "gfmd.Edition",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
        verbose_name=_("source edition"),
    )
    source_session = models.ForeignKey(
        "roundtables.Session",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
        verbose_name=_("source session"),
    )
    source_paper = models.ForeignKey(
        "roundtables.WorkingPaper",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
        verbose_name=_("source paper"),
    )
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    image = models.FileField(_("logo or image"), upload_to=image_upload_to, blank=True)
    image_checksum = models.CharField(_("image SHA-256"), max_length=64, blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=PracticeState.choices, default=PracticeState.SUBMITTED
    )
    state_changed_at = models.DateTimeField(_("state changed at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    external_ref = models.CharField(
        _("partner reference"),
        max_length=100,
        blank=True,
        help_text=_("The partner system's id; resubmitting it returns the same practice."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # Maintained by the database (trigger in migration 0001, PostgreSQL): the texts in
    # their languages' configurations, unaccented. Read by selectors/practices.py.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        permissions = [("moderate_practice", _("Can moderate practices"))]
        constraints = [
            visible_text_constraint("title", "practice_title_visible"),
            models.CheckConstraint(
                condition=Q(source_edition__isnull=False)
                | Q(source_session__isnull=False)
                | Q(source_paper__isnull=False),
                name="practice_has_gfmd_source",
                violation_error_message=_(
                    "Name the GFMD source: an edition, a session or a paper."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(state=PracticeState.RETURNED) | ~Q(return_reason=""),
                name="practice_returned_has_reason",
                violation_error_message=_("A returned practice needs the reason."),
            ),
            models.CheckConstraint(
                condition=~Q(state=PracticeState.PUBLISHED) | Q(published_at__isnull=False),
                name="practice_published_has_date",
            ),
            models.CheckConstraint(
                condition=Q(state__in=PracticeState.values), name="practice_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(original_language__in=ContentLanguage.values),
                name="practice_original_language_valid",
            ),
            models.UniqueConstraint(
                fields=["submitted_by", "external_ref"],
                condition=~Q(external_ref=""),
                name="practice_external_ref_unique",
                violation_error_message=_("This partner reference is already used."),
            ),
        ]
        indexes = [models.Index(fields=["state", "-id"], name="practice_state_id")]

    def __str__(self) -> str:
        return self.title

"""The edition's translation policy, as data: the languages a document must be published in
before its consultation opens (the Chair decides; the Support Unit records it)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gfmd.platform.models.checks import CheckConstraint
from gfmd.platform.translations import language_codes


class RequiredTranslation(models.Model):
    """One language in which an edition's working papers are consulted: consultation opens
    only once the translation of the current version into it is published."""

    edition = models.ForeignKey(
        "gfmd.Edition",
        on_delete=models.CASCADE,
        related_name="required_translations",
        verbose_name=_("edition"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)

    class Meta:
        ordering = ["edition_id", "language"]
        verbose_name = _("required translation")
        verbose_name_plural = _("required translations")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "language"],
                name="requiredtranslation_unique",
                violation_error_message=_("This language is already required for the edition."),
            ),
            CheckConstraint(
                condition=Q(language__in=language_codes()), name="requiredtranslation_language"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.edition}: {self.get_language_display()}"

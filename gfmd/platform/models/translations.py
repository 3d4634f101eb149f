"""A language version of a document version: the one translation record for every kind.

Generic relation, not a foreign key per kind: the platform holds no foreign key to a
domain table (it imports no domain app), and a new document kind (concept notes, outcome
reports, visa letter templates) then needs no migration here, only a `DocumentKind`
registered from its app (`gfmd/platform/translations.py`). The price, no database
foreign key to the document, is paid back by the services: they accept only registered
kinds, and documents versions are immutable and never deleted (PROTECT in their apps).
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from gfmd.platform.models.checks import CheckConstraint
from gfmd.platform.translations import (
    DOCUMENT_TEXT_MAX_CHARS,
    LIVE_STATES,
    WITH_CONTENT_STATES,
    WORKING_STATES,
    TranslationKind,
    TranslationState,
    language_codes,
)


def translation_upload_to(instance, filename: str) -> str:
    # A random name, never served from MEDIA_URL (only by permission-checked views).
    suffix = PurePath(filename).suffix.lower()[:8]
    token = uuid.uuid4().hex
    return f"translations/{token[:2]}/{token}{suffix}"


class DocumentTranslation(models.Model):
    """One language version of one document version, moved through TRANSLATION_TRANSITIONS."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("document kind")
    )
    object_id = models.PositiveBigIntegerField(_("document version id"))
    document = GenericForeignKey("content_type", "object_id")
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    kind = models.CharField(
        _("kind"), max_length=8, choices=TranslationKind.choices, default=TranslationKind.HUMAN
    )
    state = models.CharField(
        _("state"),
        max_length=14,
        choices=TranslationState.choices,
        default=TranslationState.REQUESTED,
    )
    state_changed_at = models.DateTimeField(null=True, blank=True)
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("translator"),
    )
    translator_name = models.CharField(
        _("translation service"),
        max_length=200,
        blank=True,
        help_text=_("An external translator or service, when no user account translates."),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    file = models.FileField(upload_to=translation_upload_to, blank=True, max_length=200)
    original_filename = models.CharField(max_length=200, blank=True)
    media_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    checksum = models.CharField("SHA-256", max_length=64, blank=True)
    text = models.TextField(
        _("text"),
        blank=True,
        help_text=_("The translated text, or the text extracted from DOCX/ODT."),
    )
    note = models.TextField(_("note"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        ordering = ["content_type_id", "object_id", "language", "id"]
        verbose_name = _("document translation")
        verbose_name_plural = _("document translations")
        indexes = [models.Index(fields=["content_type", "object_id"], name="doctr_document_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"],
                condition=Q(state__in=LIVE_STATES),
                name="doctr_one_live_per_language",
                violation_error_message=_(
                    "This version already has a translation into this language."
                ),
            ),
            CheckConstraint(
                condition=Q(state__in=TranslationState.values), name="doctr_state_valid"
            ),
            CheckConstraint(condition=Q(kind__in=TranslationKind.values), name="doctr_kind_valid"),
            CheckConstraint(
                condition=Q(language__in=language_codes()), name="doctr_language_valid"
            ),
            CheckConstraint(
                condition=Q(translator__isnull=True) | Q(translator_name=""),
                name="doctr_translator_user_or_name",
                violation_error_message=_(
                    "Name a translator's account or an external service, not both."
                ),
            ),
            CheckConstraint(
                condition=~Q(state__in=WORKING_STATES)
                | Q(kind=TranslationKind.ORIGINAL)
                | Q(translator__isnull=False)
                | ~Q(translator_name=""),
                name="doctr_working_has_translator",
                violation_error_message=_("Assign a translator before the translation starts."),
            ),
            CheckConstraint(
                condition=~Q(state__in=WITH_CONTENT_STATES) | ~Q(file="") | ~Q(text=""),
                name="doctr_reviewed_has_content",
                violation_error_message=_(
                    "A translation under review or published has a file or text."
                ),
            ),
            CheckConstraint(
                condition=~Q(state=TranslationState.PUBLISHED)
                | (Q(approved_by__isnull=False) & Q(approved_at__isnull=False)),
                name="doctr_published_has_approver",
                violation_error_message=_("A published translation names who approved it."),
            ),
            CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("translator")),
                name="doctr_approver_not_translator",
                violation_error_message=_("The translator cannot approve their own translation."),
            ),
            CheckConstraint(
                condition=LessThanOrEqual(Length("text"), DOCUMENT_TEXT_MAX_CHARS),
                name="doctr_text_bounded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_language_display()} ({self.get_kind_display()}) #{self.pk}"

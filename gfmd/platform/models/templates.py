"""A staff-edited template of a generated document (a visa letter today, reports later).

One row per kind and language; editing it bumps `version`, which every issued document
records, and the activity log keeps each change. The kind is a code registered by its app
(`gfmd/platform/templating.py`), not a choice list here, so a new kind needs no platform
migration; `clean()` refuses an unregistered kind and a template outside the sandbox.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

from gfmd.platform.models.checks import CheckConstraint
from gfmd.platform.templating import (
    BODY_MAX_CHARS,
    SUBJECT_MAX_CHARS,
    TemplateError,
    template_kind,
    validate_template,
)


def letterhead_upload_to(instance, filename: str) -> str:
    # A random name: letterheads are read by the renderer, never served from MEDIA_URL.
    token = uuid.uuid4().hex
    suffix = ".png" if filename.lower().endswith(".png") else ".jpg"
    return f"letterheads/{token[:2]}/{token}{suffix}"


class DocumentTemplate(models.Model):
    kind = models.CharField(_("kind"), max_length=60)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX_CHARS, blank=True)
    body = models.TextField(
        _("body"),
        help_text=_(
            "Plain text; a blank line starts a new paragraph. Placeholders such as "
            "{{ name }} are replaced when a document is made."
        ),
    )
    letterhead = models.FileField(
        _("letterhead"), upload_to=letterhead_upload_to, blank=True, max_length=200
    )
    letterhead_checksum = models.CharField("SHA-256", max_length=64, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        ordering = ["kind", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "language"],
                name="doctpl_one_per_kind_language",
                violation_error_message=_("A template of this kind exists in this language."),
            ),
            CheckConstraint(
                condition=Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="doctpl_language_valid",
            ),
            CheckConstraint(condition=~Q(kind=""), name="doctpl_kind_set"),
            CheckConstraint(condition=Q(version__gte=1), name="doctpl_version_positive"),
            CheckConstraint(
                condition=LessThanOrEqual(Length("body"), BODY_MAX_CHARS),
                name="doctpl_body_bounded",
                fields=["body"],
                violation_error_message=_("The body is too long."),
            ),
        ]

    def __str__(self):
        kind = template_kind(self.kind)
        return f"{kind.label if kind else self.kind} ({self.language}) v{self.version}"

    def clean(self):
        kind = template_kind(self.kind)
        if kind is None:
            raise ValidationError({"kind": _("Unknown document kind.")})
        errors = {}
        for name in ("subject", "body"):
            try:
                validate_template(getattr(self, name), kind)
            except TemplateError as exc:
                errors[name] = str(exc)
        if errors:
            raise ValidationError(errors)

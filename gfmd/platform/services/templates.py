"""Document templates: saving (versioned, letterhead checked) and rendering to PDF."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.models import DocumentTemplate
from gfmd.platform.pdf import image_data_uri, render_pdf
from gfmd.platform.services.records import record_save
from gfmd.platform.templating import TemplateError, render_template, template_kind
from gfmd.platform.uploads import check_image

LETTER_LAYOUT = "platform/pdf/letter.html"


@dataclass(frozen=True)
class RenderedDocument:
    template: DocumentTemplate
    subject: str
    body: str
    pdf: bytes


@transaction.atomic
def document_template_save(*, actor, template: DocumentTemplate, letterhead=None):
    """Validate and save a template; an edit bumps its version (issued documents keep theirs)."""
    if template.pk is not None:
        stored = DocumentTemplate.objects.select_for_update().filter(pk=template.pk).first()
        if stored is not None:
            template.version = stored.version + 1
    if letterhead is not None:
        checked = check_image(letterhead, field="letterhead")
        template.letterhead.save(checked.name, ContentFile(checked.content), save=False)
        template.letterhead_checksum = checked.checksum
    if isinstance(actor, get_user_model()):
        template.updated_by = actor
    return record_save(actor=actor, instance=template)


def document_template_for(*, kind: str, language: str) -> DocumentTemplate:
    """The template of `kind` in `language`, else in English; a 409 if neither exists."""
    candidates = {language, settings.LANGUAGE_CODE}
    found = {
        t.language: t for t in DocumentTemplate.objects.filter(kind=kind, language__in=candidates)
    }
    template = found.get(language) or found.get(settings.LANGUAGE_CODE)
    if template is None:
        registered = template_kind(kind)
        raise ConflictError(
            _("There is no template for %(kind)s yet: the Support Unit adds one in the admin.")
            % {"kind": registered.label if registered else kind},
            code="no_template",
        )
    return template


def _letterhead_uri(template: DocumentTemplate) -> str:
    if not template.letterhead:
        return ""
    with template.letterhead.open("rb") as handle:
        content = handle.read()
    content_type = "image/png" if content.startswith(b"\x89PNG") else "image/jpeg"
    return image_data_uri(content, content_type)


def document_render(
    *, template: DocumentTemplate, values: dict, layout: str = LETTER_LAYOUT, extra=None
) -> RenderedDocument:
    """Fill the template with `values` (its kind's placeholders only) and make the PDF."""
    kind = template_kind(template.kind)
    if kind is None:
        raise DomainError(_("Unknown document kind."), code="unknown_kind")
    try:
        subject = render_template(template.subject, kind, values).strip()
        body = render_template(template.body, kind, values).strip()
    except TemplateError as exc:  # saved before a rule tightened: say so, never a 500
        raise ConflictError(str(exc), code="invalid_template") from None
    context = {
        "language": template.language,
        "subject": subject,
        "paragraphs": [p.strip() for p in body.split("\n\n") if p.strip()],
        "letterhead": _letterhead_uri(template),
        **(extra or {}),
    }
    return RenderedDocument(template, subject, body, render_pdf(layout, context))


def document_preview(*, template: DocumentTemplate) -> bytes:
    """The template filled with its kind's sample values (admin preview)."""
    kind = template_kind(template.kind)
    samples = kind.samples if kind else {}
    return document_render(template=template, values=samples).pdf

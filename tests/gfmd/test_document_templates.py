"""Document templates: the sandbox, versions, language fallback, PDF text, the admin."""

import io

import pypdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from PIL import Image

from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.models import ActivityLog, DocumentTemplate
from gfmd.platform.pdf import html_to_pdf
from gfmd.platform.services.templates import (
    document_render,
    document_template_for,
    document_template_save,
)
from gfmd.platform.templating import (
    TemplateError,
    TemplateKind,
    register_template_kind,
    render_template,
)

pytestmark = pytest.mark.django_db

KIND = TemplateKind(
    code="tests.letter",
    label="Test letter",
    placeholders={"name": "Name", "meeting": "Meeting", "passport_number": "Passport"},
    samples={"name": "Ana Sample", "meeting": "GFMD Summit", "passport_number": "X1"},
)
register_template_kind(KIND)


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 100), (0, 60, 120)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def make(staff, language="en-gb", body="Dear {{ name }},\n\nWelcome to {{ meeting }}."):
    template = DocumentTemplate(
        kind=KIND.code, language=language, subject="To {{ name }}", body=body
    )
    return document_template_save(actor=staff, template=template)


@pytest.mark.parametrize(
    "source",
    [
        "{% load static %}",
        "{% include 'admin/base.html' %}",
        "{% extends 'admin/base.html' %}",
        "{% debug %}",
        "{% if name %}x{% endif %}",
        "{{ name.__class__ }}",
        "{{ name.upper }}",
        "{{ secret_key }}",
        "{{ name|safe }}",
        "{{ name|default:settings }}",
    ],
)
def test_sandbox_refuses_tags_attributes_and_unknown_placeholders(source):
    with pytest.raises(TemplateError):
        render_template(source, KIND, {"name": "Ana"})


def test_sandbox_renders_whitelisted_placeholders_and_filters():
    text = render_template(
        "{{ name|upper }} at {{ meeting|default:'the meeting' }}", KIND, {"name": "Élise"}
    )
    assert text == "ÉLISE at the meeting"


def test_invalid_template_is_a_validation_error_on_its_field(staff):
    template = DocumentTemplate(kind=KIND.code, language="fr", subject="ok", body="{% load x %}")
    with pytest.raises(ValidationError) as caught:
        document_template_save(actor=staff, template=template)
    assert set(caught.value.message_dict) == {"body"}
    assert not DocumentTemplate.objects.filter(kind=KIND.code).exists()


def test_unregistered_kind_refused(staff):
    with pytest.raises(ValidationError) as caught:
        document_template_save(
            actor=staff, template=DocumentTemplate(kind="nope", language="fr", body="x")
        )
    assert "kind" in caught.value.message_dict


def test_one_template_per_kind_and_language_in_the_database(staff):
    make(staff)
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentTemplate.objects.create(kind=KIND.code, language="en-gb", body="x")


def test_language_outside_the_project_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentTemplate.objects.create(kind=KIND.code, language="de", body="x")


def test_edit_bumps_version_records_editor_and_logs(staff):
    template = make(staff)
    assert template.version == 1 and template.updated_by == staff
    template.body = "Changed {{ name }}"
    document_template_save(actor=staff, template=template)
    template.refresh_from_db()
    assert template.version == 2
    actions = list(
        ActivityLog.objects.filter(object_id=str(template.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["documenttemplate.create", "documenttemplate.update"]


def test_language_falls_back_to_english_and_missing_kind_is_a_conflict(staff):
    english = make(staff)
    french = make(staff, language="fr", body="Madame, Monsieur {{ name }}")
    assert document_template_for(kind=KIND.code, language="fr") == french
    assert document_template_for(kind=KIND.code, language="es") == english
    with pytest.raises(ConflictError):
        document_template_for(kind="tests.other", language="fr")


def test_rendered_pdf_holds_the_values_escaped(staff):
    template = make(staff)
    document = document_render(
        template=template,
        values={"name": "Ana <b>Núñez</b>", "meeting": "GFMD Summit 2026"},
        extra={"reference": "REF-0001"},
    )
    text = pdf_text(document.pdf)
    assert document.pdf.startswith(b"%PDF")
    assert "Ana <b>Núñez</b>" in text  # printed as text, not interpreted as HTML
    assert "GFMD Summit 2026" in text and "REF-0001" in text and "To Ana" in text


def test_letterhead_must_be_a_real_image(staff):
    template = make(staff)
    fake = SimpleUploadedFile("head.png", b"%PDF-1.4 not an image", content_type="image/png")
    with pytest.raises(DomainError):
        document_template_save(actor=staff, template=template, letterhead=fake)
    image = SimpleUploadedFile("head.png", png_bytes(), content_type="image/png")
    document_template_save(actor=staff, template=template, letterhead=image)
    template.refresh_from_db()
    assert template.letterhead.name.endswith(".png") and len(template.letterhead_checksum) == 64
    document = document_render(template=template, values={"name": "Ana"})
    reader = pypdf.PdfReader(io.BytesIO(document.pdf))
    assert list(reader.pages[0].images), "the letterhead is embedded"


def test_renderer_fetches_no_file_or_network_url(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(png_bytes())
    pdf = html_to_pdf(f'<p>x</p><img src="file://{secret}"><img src="http://127.0.0.1:9/a.png">')
    assert not list(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].images)


def test_admin_add_refuses_an_unsafe_template_and_saves_a_valid_one(client, staff):
    client.force_login(staff)
    url = "/admin/gfmd/documenttemplate/add/"
    data = {"kind": KIND.code, "language": "es", "subject": "", "body": "{% include 'x' %}"}
    response = client.post(url, data)
    assert response.status_code == 200 and "not valid" in response.content.decode()
    assert not DocumentTemplate.objects.filter(kind=KIND.code).exists()
    data["body"] = "Estimado/a {{ name }}"
    data["letterhead_upload"] = SimpleUploadedFile("l.png", png_bytes(), content_type="image/png")
    assert client.post(url, data).status_code == 302
    template = DocumentTemplate.objects.get(kind=KIND.code)
    assert template.letterhead_checksum and template.updated_by == staff
    preview = client.get(f"/admin/gfmd/documenttemplate/{template.pk}/preview/")
    assert preview["Content-Type"] == "application/pdf"
    assert "Estimado/a Ana Sample" in pdf_text(preview.content)


@pytest.mark.parametrize("role", ["focal_point", "outsider"])
def test_admin_templates_are_staff_only(client, staff, role, request):
    template = make(staff)
    client.force_login(request.getfixturevalue(role))
    for url in (
        "/admin/gfmd/documenttemplate/",
        f"/admin/gfmd/documenttemplate/{template.pk}/preview/",
    ):
        assert client.get(url).status_code in (302, 403)

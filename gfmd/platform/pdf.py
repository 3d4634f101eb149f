"""HTML to PDF with WeasyPrint, and images and QR codes embedded as data URIs.

Every layout is a trusted Django template of the project (gfmd/templates/platform/pdf/,
or an app's templates); staff-edited text only enters it as escaped values
(gfmd/platform/templating.py). WeasyPrint fetches nothing from the network or the disk
here: the URL fetcher accepts `data:` URIs only, so a value or a stored file can never
make the renderer read /etc/passwd or call an internal address.
"""

import base64
import io

import segno
from django.http import FileResponse, Http404
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from gfmd.platform.errors import DomainError


def html_to_document(html: str):
    """A laid-out WeasyPrint document (fonts: the system's, via fontconfig)."""
    import weasyprint  # loads pango through cffi: only where a PDF is made
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False, timeout=1)
    return weasyprint.HTML(string=html, url_fetcher=fetcher).render()


def html_to_pdf(html: str) -> bytes:
    return html_to_document(html).write_pdf()


def documents_to_pdf(documents) -> bytes:
    """One PDF of the pages of several laid-out documents (long runs rendered in parts)."""
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf()


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a project layout template (autoescaped) and make it a PDF."""
    return html_to_pdf(render_to_string(template_name, context))


def image_data_uri(content: bytes, content_type: str) -> str:
    return f"data:{content_type};base64,{base64.b64encode(content).decode('ascii')}"


def qr_data_uri(payload: str) -> str:
    """A QR code (SVG, error correction M) of `payload` as a data URI for an <img>."""
    if not payload:
        raise DomainError(_("A QR code needs a payload."))
    return segno.make(payload, error="m", micro=False).svg_data_uri(scale=4, border=2)


def pdf_download(content_or_file, filename: str) -> FileResponse:
    """A PDF download (bytes, or a stored file), never kept by a shared cache."""
    if isinstance(content_or_file, bytes):
        handle = io.BytesIO(content_or_file)
    else:
        try:
            handle = content_or_file.storage.open(content_or_file.name, "rb")
        except FileNotFoundError:
            raise Http404(_("The stored file is missing; please tell the Support Unit.")) from None
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response

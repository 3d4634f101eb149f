"""The IMRF report as HTML, PDF and DOCX, in English, French or Spanish.

A section shows its staff edit when it has one, else its generated text; in French or
Spanish an empty column falls back to the English text (as the API does). The PDF is the
HTML below laid out by the platform's WeasyPrint engine (gfmd/platform/pdf.py).
"""

import io
from html import escape

from django.utils import translation
from django.utils.translation import gettext as _

from outcomes.enums import SectionOrigin

SUFFIX = {"en": "", "fr": "_fr", "es": "_es"}
# Print layout of the PDF (browsers showing the HTML export read it too).
_STYLE = (
    "@page{size:A4;margin:2cm}body{font-family:sans-serif;font-size:10.5pt;line-height:1.4}"
    "h1{font-size:18pt}h2{font-size:13pt;margin-top:1.2em}"
)


def section_text(section, language: str) -> tuple[str, str]:
    suffix = SUFFIX[language]
    base = "edited_body" if section.origin == SectionOrigin.EDITED else "generated_body"
    heading = getattr(section, f"heading{suffix}") or section.heading
    body = getattr(section, f"{base}{suffix}") or getattr(section, base)
    return heading, body


def _title(report) -> str:
    return _("GFMD contribution to the IMRF, %(year_from)s-%(year_to)s") % {
        "year_from": report.year_from,
        "year_to": report.year_to,
    }


def _status(report) -> str:
    return _("Status: %(state)s") % {"state": report.get_state_display()}


def report_html(report, sections, language: str) -> str:
    with translation.override(language):
        parts = [
            f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">',
            f"<title>{escape(_title(report))}</title>",
            f"<style>{_STYLE}</style></head><body>",
            f"<h1>{escape(_title(report))}</h1><p>{escape(_status(report))}</p>",
        ]
        for section in sections:
            heading, body = section_text(section, language)
            parts.append(f"<h2>{escape(heading)}</h2>")
            parts.extend(f"<p>{escape(line)}</p>" for line in body.split("\n") if line.strip())
        parts.append("</body></html>")
        return "\n".join(parts)


def report_pdf(report, sections, language: str) -> bytes:
    from gfmd.platform.pdf import html_to_pdf  # loads WeasyPrint: only where a PDF is made

    return html_to_pdf(report_html(report, sections, language))


def report_docx(report, sections, language: str) -> bytes:
    from docx import Document  # only the export needs python-docx

    with translation.override(language):
        document = Document()
        document.core_properties.title = _title(report)
        document.core_properties.language = language
        document.add_heading(_title(report), level=0)
        document.add_paragraph(_status(report))
        for section in sections:
            heading, body = section_text(section, language)
            document.add_heading(heading, level=1)
            for line in body.split("\n"):
                if line.strip():
                    style = "List Bullet" if line.startswith("- ") else None
                    document.add_paragraph(line[2:] if style else line, style=style)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

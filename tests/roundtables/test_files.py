"""Upload checks: by content (magic bytes, zip entries), size limit, text extraction."""

import io
import zipfile

import pytest

from gfmd.platform.errors import DomainError
from roundtables.services import files
from tests.roundtables.factories import PDF_BYTES, docx_bytes, odt_bytes, upload


def _zip(entries: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_check_upload_identifies_by_content_not_name():
    assert files.check_upload(upload("paper.odt", PDF_BYTES)).content_type == files.PDF
    assert files.check_upload(upload("a.pdf", docx_bytes("x"))).content_type == files.DOCX
    assert files.check_upload(upload("a.bin", odt_bytes("x"))).content_type == files.ODT


@pytest.mark.parametrize(
    "content",
    [
        _zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}),  # ODS, not ODT
        _zip({"readme.txt": "hello"}),  # a zip, but no document
        b"<html><script>alert(1)</script></html>",
    ],
)
def test_check_upload_refuses_other_documents(content):
    with pytest.raises(DomainError, match="Only PDF, DOCX and ODT"):
        files.check_upload(upload("paper.docx", content))


def test_check_upload_size_limit_is_a_constant(monkeypatch):
    assert files.MAX_UPLOAD_BYTES == 20 * 1024 * 1024
    monkeypatch.setattr(files, "MAX_UPLOAD_BYTES", len(PDF_BYTES) - 1)
    with pytest.raises(DomainError, match="limit"):
        files.check_upload(upload("a.pdf", PDF_BYTES))


def test_text_extraction_keeps_paragraphs():
    checked = files.check_upload(upload("a.docx", docx_bytes("One", "Two")))
    assert checked.text == "One\nTwo"
    assert files.check_upload(upload("b.odt", odt_bytes("Alpha", "Beta"))).text == "Alpha\nBeta"


def test_stored_name_is_sanitised():
    checked = files.check_upload(upload("../../etc/pass wd<>.pdf", PDF_BYTES))
    assert "/" not in checked.name and "<" not in checked.name

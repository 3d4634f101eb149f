"""Uploaded documents: type checked by content (magic bytes), size-limited, checksummed."""

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from gfmd.errors import DomainError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # 20 MiB per document

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx", ODT: ".odt"}


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    name: str
    content_type: str
    checksum: str
    text: str  # extracted text (DOCX, ODT); empty for PDF

    @property
    def size(self) -> int:
        return len(self.content)


def _zip_kind(content: bytes) -> str | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = set(archive.namelist())
        if "word/document.xml" in names:
            return DOCX
        if "mimetype" in names and archive.read("mimetype").strip() == ODT.encode():
            return ODT
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    return None


def _xml_text(xml: bytes, paragraph_tag: str) -> str:
    root = ElementTree.fromstring(xml)
    paragraphs = []
    for element in root.iter():
        if element.tag.endswith(paragraph_tag):
            paragraphs.append("".join(t for t in element.itertext()).strip())
    return "\n".join(p for p in paragraphs if p)


def extract_text(content: bytes, content_type: str) -> str:
    """Plain text of a DOCX or ODT (paragraph per line), so versions can be compared."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        if content_type == DOCX:
            return _xml_text(archive.read("word/document.xml"), "}p")
        if content_type == ODT and "content.xml" in archive.namelist():
            return _xml_text(archive.read("content.xml"), "}p")
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        return ""
    return ""


def _safe_name(name: str) -> str:
    name = re.sub(r"[^\w.\- ]+", "_", (name or "document").rsplit("/", 1)[-1]).strip() or "document"
    return name[:200]


def check_upload(upload, *, field: str = "file") -> CheckedFile:
    """Read an uploaded file and accept it only if it is a PDF, DOCX or ODT within the limit."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise DomainError(_too_big(size), field=field)
    content = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise DomainError(_too_big(len(content)), field=field)
    if not content:
        raise DomainError("The file is empty.", field=field)
    if content.startswith(b"%PDF"):
        content_type = PDF
    elif content.startswith(b"PK"):
        content_type = _zip_kind(content)
    else:
        content_type = None
    if content_type is None:
        raise DomainError(
            "Only PDF, DOCX and ODT documents are accepted (checked by content, not by name).",
            field=field,
        )
    return CheckedFile(
        content=content,
        name=_safe_name(getattr(upload, "name", "")),
        content_type=content_type,
        checksum=hashlib.sha256(content).hexdigest(),
        text=extract_text(content, content_type),
    )


def _too_big(size: int) -> str:
    return (
        f"The file is {size / 1024 / 1024:.1f} MiB; the limit is "
        f"{MAX_UPLOAD_BYTES // 1024 // 1024} MiB."
    )

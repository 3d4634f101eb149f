"""Uploaded documents: type checked by content (magic bytes), size-limited, checksummed.

Platform level: working paper versions, inputs and document translations all upload
through `check_upload`; it imports no domain app."""

import hashlib
import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from gfmd.platform import documents
from gfmd.platform.errors import DomainError

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # 20 MiB per document

PDF = "application/pdf"
DOCX = documents.DOCX
ODT = documents.ODT
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
        raise DomainError(_("The file is empty."), field=field)
    content_type, text = None, ""
    if content.startswith(b"%PDF"):
        content_type = PDF
    elif content.startswith(b"PK"):
        # DOCX/ODT: the archive and its text part are read within documents.py's budgets.
        archive = documents.open_archive(content, field=field)
        if archive is not None:
            content_type = documents.document_kind(archive, field=field)
        if content_type is not None:
            text = documents.extract_text(archive, content_type, field=field)
    if content_type is None:
        raise DomainError(
            _("Only PDF, DOCX and ODT documents are accepted (checked by content, not by name)."),
            field=field,
        )
    return CheckedFile(
        content=content,
        name=_safe_name(getattr(upload, "name", "")),
        content_type=content_type,
        checksum=hashlib.sha256(content).hexdigest(),
        text=text,
    )


def _too_big(size: int) -> str:
    return _("The file is %(size).1f MiB; the limit is %(limit)d MiB.") % {
        "size": size / 1024 / 1024,
        "limit": MAX_UPLOAD_BYTES // 1024 // 1024,
    }


MAX_IMAGE_BYTES = 2 * 1024 * 1024  # a letterhead or logo
MAX_IMAGE_PIXELS = 25_000_000
IMAGE_TYPES = {"PNG": ("image/png", ".png"), "JPEG": ("image/jpeg", ".jpg")}


def check_image_upload(upload, *, field: str = "image") -> CheckedFile:
    """Accept a PNG or JPEG image (checked by decoding it) within the size limits."""
    from PIL import Image, UnidentifiedImageError

    content = upload.read(MAX_IMAGE_BYTES + 1)
    if len(content) > MAX_IMAGE_BYTES:
        raise DomainError(
            _("The image is larger than %(limit)d MiB.")
            % {"limit": MAX_IMAGE_BYTES // 1024 // 1024},
            field=field,
        )
    refused = DomainError(
        _("Only PNG and JPEG images are accepted (checked by content, not by name)."), field=field
    )
    try:
        with Image.open(io.BytesIO(content), formats=tuple(IMAGE_TYPES)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise refused
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise refused from None
    content_type, suffix = IMAGE_TYPES[kind]
    name = _safe_name(getattr(upload, "name", "") or "image").rsplit(".", 1)[0] + suffix
    return CheckedFile(
        content=content,
        name=name,
        content_type=content_type,
        checksum=hashlib.sha256(content).hexdigest(),
        text="",
    )

"""Uploaded documents: type checked by content (magic bytes), size-limited, checksummed.

Platform level: working paper versions, inputs and document translations all upload
through `check_upload`; it imports no domain app."""

import hashlib
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


# Images (logos, pictures): raster only, checked by content, re-encoded.

MAX_IMAGE_BYTES = 2 * 1024 * 1024  # 2 MiB
MIN_IMAGE_SIDE, MAX_IMAGE_SIDE = 16, 4096
# Magic bytes of the raster formats accepted; SVG (markup that can carry scripts) never.
IMAGE_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
}
IMAGE_TYPES = {"PNG": ("image/png", ".png"), "JPEG": ("image/jpeg", ".jpg")}


def check_image(upload, *, field: str = "image") -> CheckedFile:
    """Accept a PNG, JPEG or GIF within the size and dimension bounds and return it
    re-encoded (PNG, or JPEG for photographs): metadata, trailing data and anything
    hidden in the original bytes are dropped. SVG and every other type are refused."""
    from io import BytesIO

    from PIL import Image, UnidentifiedImageError

    size = getattr(upload, "size", None)
    if size is not None and size > MAX_IMAGE_BYTES:
        raise DomainError(_image_too_big(size), field=field)
    content = upload.read(MAX_IMAGE_BYTES + 1)
    if len(content) > MAX_IMAGE_BYTES:
        raise DomainError(_image_too_big(len(content)), field=field)
    if not content:
        raise DomainError(_("The file is empty."), field=field)
    kind = next((k for magic, k in IMAGE_MAGIC.items() if content.startswith(magic)), None)
    refused = _("Only PNG, JPEG and GIF images are accepted (checked by content; no SVG).")
    if kind is None:
        raise DomainError(refused, field=field)
    try:
        with Image.open(BytesIO(content)) as image:
            if image.format not in ("PNG", "JPEG", "GIF"):
                raise DomainError(refused, field=field)
            width, height = image.size
            if not (min(width, height) >= MIN_IMAGE_SIDE and max(width, height) <= MAX_IMAGE_SIDE):
                raise DomainError(
                    _(
                        "The image is %(width)dx%(height)d pixels; each side must be between "
                        "%(min)d and %(max)d."
                    )
                    % {
                        "width": width,
                        "height": height,
                        "min": MIN_IMAGE_SIDE,
                        "max": MAX_IMAGE_SIDE,
                    },
                    field=field,
                )
            image.load()
            out_format = "JPEG" if image.format == "JPEG" else "PNG"
            converted = image.convert("RGB" if out_format == "JPEG" else "RGBA")
            buffer = BytesIO()
            converted.save(buffer, format=out_format)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise DomainError(_("The image could not be read."), field=field) from exc
    content_type, extension = IMAGE_TYPES[out_format]
    encoded = buffer.getvalue()
    stem = _safe_name(getattr(upload, "name", "")).rsplit(".", 1)[0] or "image"
    return CheckedFile(
        content=encoded,
        name=f"{stem}{extension}",
        content_type=content_type,
        checksum=hashlib.sha256(encoded).hexdigest(),
        text="",
    )


def _image_too_big(size: int) -> str:
    return _("The image is %(size).1f MiB; the limit is %(limit)d MiB.") % {
        "size": size / 1024 / 1024,
        "limit": MAX_IMAGE_BYTES // 1024 // 1024,
    }

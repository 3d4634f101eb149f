"""Text of DOCX/ODT uploads, read within fixed budgets (decompression bombs, XML attacks).

Platform level: every document kind (paper versions, inputs, translations) reads uploads
through it.

A DOCX or ODT is a ZIP of XML parts. Before anything is unpacked, the central directory
is checked: number of members, declared uncompressed size and compression ratio. Then
only the parts we need (ODT's `mimetype`, the XML that holds the text) are streamed
through a byte budget, counted as they come out of the decompressor, because declared
sizes can lie. The XML goes to defusedxml's SAX parser with DTDs, entities and external
references forbidden (whatever the expat version), and the handler counts elements and
characters. The budgets bound the work: the worst accepted file is extracted in well
under a second (tests/roundtables/test_documents.py measures the CPU time).
"""

import io
import zipfile
from xml.sax import SAXException
from xml.sax.handler import ContentHandler

from defusedxml import DefusedXmlException
from defusedxml.expatreader import DefusedExpatParser
from django.utils.translation import gettext as _

from gfmd.platform.errors import DomainError

MiB = 1024 * 1024
MAX_MEMBERS = 2_000  # parts in the archive (a long report with images has a few hundred)
MAX_UNCOMPRESSED_BYTES = 100 * MiB  # all parts together, as declared
MAX_RATIO = 100  # declared uncompressed size / file size (real documents: under 20)
MAX_XML_BYTES = 3 * MiB  # the text part, counted while unpacked (a 100-page DOCX: ~1-2 MiB)
# Elements, text runs and processing instructions: each costs a Python callback, so this
# (not the byte count) bounds the parser's work: ~19,000 paragraphs of a real DOCX.
MAX_XML_EVENTS = 150_000
# Extracted text stored with a document (each kind bounds its text column with a DB check
# of the same size: roundtables.enums.MAX_VERSION_TEXT_CHARS, DOCUMENT_TEXT_MAX_CHARS).
MAX_TEXT_CHARS = 1_000_000
CHUNK = 64 * 1024

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
TEXT_PART = {DOCX: "word/document.xml", ODT: "content.xml"}
CENTRAL_DIRECTORY_ENTRY = b"PK\x01\x02"
COMPRESSIONS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
# A part zipfile cannot read: corrupt (CRC, truncated), an unknown compression method,
# or encrypted (RuntimeError: a password is required).
_UNREADABLE = (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError)


def _mib(size: int) -> str:
    return f"{size / MiB:.1f}".removesuffix(".0")


def open_archive(content: bytes, *, field: str) -> zipfile.ZipFile | None:
    """The ZIP, once its central directory passed the limits; None when it is not a ZIP."""
    # zipfile parses every central directory entry up front and each one starts with this
    # signature: counting it bounds that work before the parse starts.
    members = content.count(CENTRAL_DIRECTORY_ENTRY)
    if members > MAX_MEMBERS:
        raise DomainError(
            _("The document has too many parts (%(count)d); at most %(limit)d are accepted.")
            % {"count": members, "limit": MAX_MEMBERS},
            field=field,
            code="document_too_complex",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return None
    if any(info.compress_type not in COMPRESSIONS for info in infos):
        # bzip2/LZMA parts are unpacked whole per chunk read (no output limit) and reach
        # ratios of 1,000,000:1; Word and LibreOffice write only stored or deflated parts.
        raise DomainError(
            _("The document uses a compression method that DOCX and ODT files do not use."),
            field=field,
            code="document_unsupported_compression",
        )
    declared = sum(info.file_size for info in infos)
    if declared > MAX_UNCOMPRESSED_BYTES:
        raise DomainError(
            _("The document unpacks to %(size)s MiB; at most %(limit)s MiB are accepted.")
            % {"size": _mib(declared), "limit": _mib(MAX_UNCOMPRESSED_BYTES)},
            field=field,
            code="document_too_large",
        )
    if declared > MAX_RATIO * max(len(content), 1):
        raise DomainError(
            _(
                "The document is compressed %(ratio)d to 1; files compressed more than "
                "%(limit)d to 1 are refused (they can exhaust the server when unpacked)."
            )
            % {"ratio": declared // max(len(content), 1), "limit": MAX_RATIO},
            field=field,
            code="document_too_compressed",
        )
    return archive


def _too_large_part(field: str, limit: int) -> DomainError:
    return DomainError(
        _("The document's text part unpacks to more than %(limit)s MiB; it is not accepted.")
        % {"limit": _mib(limit)},
        field=field,
        code="document_too_large",
    )


def _stream(archive: zipfile.ZipFile, name: str, *, budget: int, field: str):
    """Yield the member's bytes in chunks; refuse once more than `budget` bytes came out."""
    info = archive.getinfo(name)
    if info.file_size > budget:
        raise _too_large_part(field, budget)
    seen = 0
    with archive.open(info) as member:
        while chunk := member.read(CHUNK):
            seen += len(chunk)
            if seen > budget:
                raise _too_large_part(field, budget)
            yield chunk


def _read(archive: zipfile.ZipFile, name: str, *, budget: int, field: str) -> bytes:
    return b"".join(_stream(archive, name, budget=budget, field=field))


def document_kind(archive: zipfile.ZipFile, *, field: str) -> str | None:
    """DOCX (has word/document.xml), ODT (its mimetype part says so) or None."""
    names = set(archive.namelist())
    if TEXT_PART[DOCX] in names:
        return DOCX
    if "mimetype" in names:
        try:
            mimetype = _read(archive, "mimetype", budget=256, field=field)
        except DomainError:
            return None  # a mimetype part this long names no document type
        except _UNREADABLE:
            return None
        if mimetype.strip() == ODT.encode():
            return ODT
    return None


class _Parser(DefusedExpatParser):
    def reset(self):
        super().reset()
        # One callback per run of text, not one per character reference or line.
        self._parser.buffer_text = True


class _ParagraphText(ContentHandler):
    """Collects each paragraph's text (DOCX `w:p`, ODT `text:p`), one per line."""

    def __init__(self, field: str):
        super().__init__()
        self.field = field
        self.events = 0
        self.chars = 0
        self.depth = 0
        self.current: list[str] = []
        self.paragraphs: list[str] = []

    def _too_complex(self):
        raise DomainError(
            _("The document's XML has more than %(limit)d elements and text runs.")
            % {"limit": MAX_XML_EVENTS},
            field=self.field,
            code="document_too_complex",
        )

    # The callbacks below run once per element or text run: kept to a few operations.
    def startElement(self, name, attrs):
        self.events += 1
        if self.events > MAX_XML_EVENTS:
            self._too_complex()
        if name[-2:] == ":p" or name == "p":
            self.depth += 1

    def endElement(self, name):
        if self.depth and (name[-2:] == ":p" or name == "p"):
            self.depth -= 1
            if self.depth == 0:
                text = "".join(self.current).strip()
                if text:
                    if self.paragraphs:
                        self._add_chars(1)  # the line break that joins it to the last one
                    self.paragraphs.append(text)
                self.current = []

    def characters(self, content):
        self.events += 1
        if self.events > MAX_XML_EVENTS:
            self._too_complex()
        if self.depth:
            self._add_chars(len(content))
            self.current.append(content)

    def processingInstruction(self, target, data):
        self.events += 1
        if self.events > MAX_XML_EVENTS:
            self._too_complex()

    def _add_chars(self, count: int):
        self.chars += count
        if self.chars > MAX_TEXT_CHARS:
            raise DomainError(
                _("The document has more than %(limit)d characters of text.")
                % {"limit": MAX_TEXT_CHARS},
                field=self.field,
                code="document_too_large",
            )


def extract_text(archive: zipfile.ZipFile, content_type: str, *, field: str) -> str:
    """Plain text of a DOCX or ODT (a paragraph per line), so versions can be compared.

    A malformed text part gives no text (the file is still kept, as before); a part that
    breaks a budget or declares a DTD or entities is refused with a DomainError."""
    handler = _ParagraphText(field)
    parser = _Parser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    parser.setContentHandler(handler)
    try:
        xml = _read(archive, TEXT_PART[content_type], budget=MAX_XML_BYTES, field=field)
        # One feed: expat rescans an unfinished token (a long comment, tag or attribute) on
        # every later feed, which makes chunked parsing quadratic in the token's length.
        parser.feed(xml)
        parser.close()
    except DefusedXmlException as exc:
        raise DomainError(
            _(
                "The document's XML declares a DTD, entities or external references; "
                "such documents are not accepted."
            ),
            field=field,
            code="document_unsafe_xml",
        ) from exc
    except (SAXException, KeyError, *_UNREADABLE):
        return ""
    return "\n".join(handler.paragraphs)

"""DOCX/ODT uploads within budgets: decompression bombs, hostile XML, extraction time.

Every check runs where every upload goes (services/files.py::check_upload), so paper
versions and input attachments get the same answer; both API paths are tested.
"""

import io
import os
import time
import zipfile

import pytest

from gfmd.platform.errors import DomainError
from roundtables.enums import PaperState
from roundtables.models import Input
from roundtables.services import documents, files
from tests.roundtables.factories import docx_bytes, odt_bytes, set_state, upload

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(xml: bytes, *, extra: dict | None = None, level: int = 9) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
        for name, content in (extra or {}).items():
            archive.writestr(name, content, compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


def _document(body: str) -> bytes:
    xml = f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    return xml.encode()


def _bomb() -> bytes:
    """~60 MB of paragraphs that deflate to ~150 KB (the report's 58 KB DOCX gave 60 MB)."""
    paragraph = "<w:p><w:r><w:t>" + "A" * 1000 + "</w:t></w:r></w:p>"
    return _docx(_document(paragraph * 60_000))


def _refused(callable_, match: str) -> DomainError:
    with pytest.raises(DomainError, match=match) as caught:
        callable_()
    return caught.value


# --- decompression limits ---------------------------------------------------------------


def test_decompression_bomb_is_refused_before_unpacking():
    content = _bomb()
    assert len(content) < 200 * 1024
    started = time.process_time()
    error = _refused(lambda: files.check_upload(upload("report.docx", content)), "compressed")
    assert time.process_time() - started < 0.1  # decided from the central directory
    assert error.field == "file" and error.code == "document_too_compressed"


def test_declared_total_size_is_capped(monkeypatch):
    monkeypatch.setattr(documents, "MAX_UNCOMPRESSED_BYTES", 10_000)
    content = _docx(_document("<w:p><w:t>x</w:t></w:p>"), extra={"media/a.bin": os.urandom(20_000)})
    error = _refused(lambda: files.check_upload(upload("a.docx", content)), "unpacks to")
    assert error.code == "document_too_large"


def test_text_part_is_streamed_within_a_byte_budget(monkeypatch):
    # Compressible, but under the ratio limit thanks to an incompressible image.
    xml = _document("<w:p><w:t>Remittances</w:t></w:p>" * 3000)
    content = _docx(xml, extra={"media/image1.png": os.urandom(len(xml))})
    assert files.check_upload(upload("a.docx", content)).text.count("\n") == 2999
    monkeypatch.setattr(documents, "MAX_XML_BYTES", len(xml) - 1)
    error = _refused(lambda: files.check_upload(upload("a.docx", content)), "text part")
    assert error.code == "document_too_large"


def test_a_central_directory_that_understates_sizes_gets_no_more_than_it_declares():
    """Declared sizes are not trusted: a part that lies about its size yields no text."""
    xml = _document("<w:p><w:t>" + "B" * 200_000 + "</w:t></w:p>")
    content = bytearray(_docx(xml, extra={"media/a.bin": os.urandom(50_000)}))
    # Patch the part's uncompressed size in its central directory entry to 100 bytes.
    name = b"word/document.xml"
    entry = content.index(b"PK\x01\x02")
    while content[entry + 46 : entry + 46 + len(name)] != name:
        entry = content.index(b"PK\x01\x02", entry + 4)
    content[entry + 24 : entry + 28] = (100).to_bytes(4, "little")
    assert zipfile.ZipFile(io.BytesIO(bytes(content))).getinfo(name.decode()).file_size == 100
    checked = files.check_upload(upload("liar.docx", bytes(content)))
    assert checked.content_type == files.DOCX and len(checked.text) < 100


def test_too_many_parts_are_refused_before_the_directory_is_parsed(monkeypatch):
    monkeypatch.setattr(documents, "MAX_MEMBERS", 10)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", _document(""))
        for i in range(20):
            archive.writestr(f"media/{i}.png", b"")
    error = _refused(lambda: files.check_upload(upload("a.docx", buffer.getvalue())), "parts")
    assert error.code == "document_too_complex"


def test_xml_event_budget(monkeypatch):
    monkeypatch.setattr(documents, "MAX_XML_EVENTS", 100)
    content = docx_bytes(*["x"] * 60)
    error = _refused(lambda: files.check_upload(upload("a.docx", content)), "elements")
    assert error.code == "document_too_complex"


def test_extracted_text_is_bounded(monkeypatch):
    monkeypatch.setattr(documents, "MAX_TEXT_CHARS", 9)
    assert files.check_upload(upload("a.odt", odt_bytes("1234", "5678"))).text == "1234\n5678"
    _refused(lambda: files.check_upload(upload("a.odt", odt_bytes("1234", "56789"))), "characters")


def test_odt_mimetype_part_is_read_within_a_budget():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", documents.ODT + " " * 5_000)  # ratio fine, far too long
        archive.writestr("content.xml", b"<x/>")
        archive.writestr("media/a.bin", os.urandom(1000), compress_type=zipfile.ZIP_STORED)
    _refused(lambda: files.check_upload(upload("a.odt", buffer.getvalue())), "Only PDF, DOCX")


def _patch_member(content: bytes, name: bytes, *, flags: int | None = None, method=None):
    """Set a member's flag bits or compression method in its local and central headers."""
    data = bytearray(content)
    for signature, flag_at, method_at, name_at in (
        (b"PK\x03\x04", 6, 8, 30),
        (b"PK\x01\x02", 8, 10, 46),
    ):
        at = data.index(signature)
        while data[at + name_at : at + name_at + len(name)] != name:
            at = data.index(signature, at + 4)
        if flags is not None:
            data[at + flag_at : at + flag_at + 2] = flags.to_bytes(2, "little")
        if method is not None:
            data[at + method_at : at + method_at + 2] = method.to_bytes(2, "little")
    return bytes(data)


def test_encrypted_text_part_gives_no_text_not_an_error():
    content = _patch_member(docx_bytes("Secret"), b"word/document.xml", flags=1)
    checked = files.check_upload(upload("a.docx", content))
    assert checked.content_type == files.DOCX and checked.text == ""


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA, 99])
def test_compression_other_than_stored_or_deflate_is_refused(method):
    if method == 99:
        content = _patch_member(docx_bytes("x"), b"word/document.xml", method=99)
    else:  # bzip2 and LZMA unpack a whole chunk at once: a bomb needs no declared size
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", method) as archive:
            archive.writestr("word/document.xml", _document("<w:p><w:t>x</w:t></w:p>"))
            archive.writestr("media/a.bin", os.urandom(2000))
        content = buffer.getvalue()
    error = _refused(lambda: files.check_upload(upload("a.docx", content)), "compression method")
    assert error.code == "document_unsupported_compression"


def test_unreadable_odt_mimetype_is_not_a_document():
    content = _patch_member(odt_bytes("x"), b"mimetype", flags=1)
    _refused(lambda: files.check_upload(upload("a.odt", content)), "Only PDF, DOCX")


# --- hostile XML (defusedxml) -----------------------------------------------------------

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    + f']><w:document xmlns:w="{W}"><w:body><w:p><w:t>&lol9;</w:t></w:p></w:body></w:document>'
).replace("&lol0;", "&lol;")
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    f'<w:document xmlns:w="{W}"><w:body><w:p><w:t>&xxe;</w:t></w:p></w:body></w:document>'
)
EXTERNAL_DTD = (
    '<?xml version="1.0"?><!DOCTYPE d SYSTEM "http://127.0.0.1:9/evil.dtd">'
    f'<w:document xmlns:w="{W}"><w:body><w:p><w:t>x</w:t></w:p></w:body></w:document>'
)


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD])
def test_entities_and_dtds_are_refused_in_docx(xml):
    content = _docx(xml.encode(), extra={"media/a.bin": os.urandom(2000)})
    error = _refused(lambda: files.check_upload(upload("a.docx", content)), "DTD, entities")
    assert error.code == "document_unsafe_xml"


def test_entities_are_refused_in_odt():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", documents.ODT)
        archive.writestr("content.xml", BILLION_LAUGHS.replace("w:", "text:"))
    _refused(lambda: files.check_upload(upload("a.odt", buffer.getvalue())), "DTD, entities")


# --- both upload paths answer 400 in the JSON error format, nothing written ---------------


def test_version_upload_of_a_bomb_is_a_400_and_stores_nothing(world, api, settings):
    paper = set_state(world.paper, PaperState.DRAFTING)
    before = paper.versions.count()
    response = api(world.users["cochair"]).post(
        f"/api/v1/papers/{paper.pk}/versions/",
        {"file": upload("report.docx", _bomb())},
        format="multipart",
    )
    assert response.status_code == 400
    body = response.json()
    assert "compressed" in body["fields"]["file"][0] and body["type"]
    assert paper.versions.count() == before
    versions_dir = settings.MEDIA_ROOT / "roundtables" / "versions"
    assert not versions_dir.exists() or not any(p.is_file() for p in versions_dir.rglob("*"))


def test_input_attachment_bomb_is_a_400_and_stores_nothing(world, api, settings):
    paper = set_state(world.paper, PaperState.CONSULTATION)
    response = api(world.users["friend"]).post(
        f"/api/v1/papers/{paper.pk}/inputs/",
        {"text": "Our evidence", "attachment": upload("evidence.docx", _bomb())},
        format="multipart",
    )
    assert response.status_code == 400
    assert "compressed" in response.json()["fields"]["attachment"][0]
    assert not Input.objects.filter(paper=paper).exists()
    inputs_dir = settings.MEDIA_ROOT / "roundtables" / "inputs"
    assert not inputs_dir.exists() or not any(p.is_file() for p in inputs_dir.rglob("*"))


def test_input_attachment_with_entities_is_a_400(world, api):
    paper = set_state(world.paper, PaperState.CONSULTATION)
    content = _docx(BILLION_LAUGHS.encode(), extra={"media/a.bin": os.urandom(2000)})
    response = api(world.users["friend"]).post(
        f"/api/v1/papers/{paper.pk}/inputs/",
        {"text": "Our evidence", "attachment": upload("evidence.docx", content)},
        format="multipart",
    )
    assert response.status_code == 400
    assert "DTD, entities" in response.json()["fields"]["attachment"][0]


# --- the worst accepted file is extracted in well under a second --------------------------


def _worst_docx(shape: str) -> bytes:
    """A DOCX at the budgets: just under MAX_XML_EVENTS callbacks of the given shape, the
    longest text accepted, the text part padded to MAX_XML_BYTES (with one long comment: a
    long token is what chunked parsing handles worst) and the ratio just under MAX_RATIO."""
    events = documents.MAX_XML_EVENTS - 1000  # the long paragraph below is ~250 runs
    head = _document("")[: -len("</w:body></w:document>")]
    tail = b"</w:body></w:document>"
    if shape == "attributes":  # one element carrying the whole budget in attributes
        count = (documents.MAX_XML_BYTES - len(head) - len(tail) - 100) // 13
        body = ("<a " + " ".join(f'b{i:08x}=""' for i in range(count)) + "/>").encode()
    else:
        unit, per_unit = {
            "elements": ("<a/>", 1),
            "paragraphs": ("<w:p>x</w:p>", 2),  # start + text, and the paragraph bookkeeping
            "text runs": ("<a/>&#60;", 2),
            "instructions": ("<?a?>", 1),
        }[shape]
        body = (unit * (events // per_unit)).encode()
        body += ("<w:p>" + "T" * (documents.MAX_TEXT_CHARS - 2 * events) + "</w:p>").encode()
    xml = head + body
    padding = documents.MAX_XML_BYTES - len(xml) - len(tail) - 20
    if padding > 0:
        xml += b"<!--" + b" " * padding + b"-->"
    xml += tail
    assert documents.MAX_XML_BYTES - 100 <= len(xml) <= documents.MAX_XML_BYTES
    compressed = len(_docx(xml))
    image = max(0, len(xml) // (documents.MAX_RATIO - 5) - compressed)
    return _docx(xml, extra={"media/image1.png": os.urandom(image)})


@pytest.mark.parametrize(
    "shape", ["elements", "paragraphs", "text runs", "instructions", "attributes"]
)
def test_worst_accepted_file_is_extracted_well_under_a_second(shape):
    content = _worst_docx(shape)
    started = time.process_time()
    checked = files.check_upload(upload("worst.docx", content))
    cpu = time.process_time() - started
    print(f"worst accepted DOCX ({shape}, {len(content)} bytes): {cpu:.3f} s CPU")
    assert checked.content_type == files.DOCX
    assert len(checked.text) <= documents.MAX_TEXT_CHARS
    assert cpu < 0.5


# --- the stored text is bounded, whatever its source -------------------------------------


def test_text_revision_over_the_bound_is_a_400(world, api):
    paper = set_state(world.paper, PaperState.DRAFTING)
    before = paper.versions.count()
    response = api(world.users["cochair"]).post(
        f"/api/v1/papers/{paper.pk}/versions/",
        {"text": "x" * (documents.MAX_TEXT_CHARS + 1)},
        format="json",
    )
    assert response.status_code == 400
    assert "at most" in response.json()["fields"]["text"][0]
    assert paper.versions.count() == before


def test_database_refuses_a_version_text_over_the_bound(world):
    from django.db import IntegrityError, transaction

    from roundtables.models import PaperVersion

    paper = set_state(world.paper, PaperState.DRAFTING)
    with pytest.raises(IntegrityError, match="paperversion_text_bounded"), transaction.atomic():
        PaperVersion.objects.create(
            paper=paper,
            number=99,
            kind="text",
            text="x" * (documents.MAX_TEXT_CHARS + 1),
            checksum="0" * 64,
        )


# --- the admin's upload form goes through the same checks ---------------------------------


def test_admin_upload_form_refuses_a_bomb_and_accepts_a_document(world, client, settings):
    paper = set_state(world.paper, PaperState.DRAFTING)
    before = paper.versions.count()
    client.force_login(world.users["staff"])
    url = f"/admin/roundtables/workingpaper/{paper.pk}/add-version/"
    assert client.get(url).status_code == 200

    refused = client.post(url, {"file": upload("report.docx", _bomb()), "note": "x"})
    assert refused.status_code == 400
    assert b"compressed" in refused.content
    assert paper.versions.count() == before
    versions_dir = settings.MEDIA_ROOT / "roundtables" / "versions"
    assert not versions_dir.exists() or not any(p.is_file() for p in versions_dir.rglob("*"))

    unsafe = _docx(BILLION_LAUGHS.encode(), extra={"media/a.bin": os.urandom(2000)})
    refused = client.post(url, {"file": upload("lol.docx", unsafe)})
    assert refused.status_code == 400 and b"DTD, entities" in refused.content

    added = client.post(url, {"file": upload("draft.docx", docx_bytes("One", "Two"))})
    assert added.status_code == 302
    assert paper.versions.order_by("-number").first().text == "One\nTwo"


def test_admin_upload_form_needs_the_add_version_right(world, client):
    team = world.users["team"]
    team.is_staff = True  # may log into the admin, but does not manage the paper
    team.save()
    client.force_login(team)
    url = f"/admin/roundtables/workingpaper/{world.paper.pk}/add-version/"
    assert client.get(url).status_code == 403

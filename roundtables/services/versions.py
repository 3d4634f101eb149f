"""Paper versions: immutable, numbered, checksummed uploads or text revisions."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.pdftext import extract_pdf_text
from gfmd.platform.queue import enqueue_on_commit
from gfmd.platform.search.index import mark_changed
from gfmd.platform.services.activity import log_action
from gfmd.platform.services.webhooks import webhook_emit
from gfmd.platform.uploads import PDF
from roundtables.enums import EDITABLE_STATES, PaperState, VersionKind
from roundtables.models import PaperVersion, WorkingPaper
from roundtables.services.documents import MAX_TEXT_CHARS
from roundtables.services.files import check_upload


def _next_number(paper: WorkingPaper) -> int:
    return (paper.versions.aggregate(n=Max("number"))["n"] or 0) + 1


def _stage(paper: WorkingPaper) -> dict:
    """Where a new version belongs: made in consultation, it is released to those consulted."""
    return {"stage": paper.state, "released": paper.state == PaperState.CONSULTATION}


def version_release_latest(paper: WorkingPaper) -> PaperVersion | None:
    """Put the latest version out for consultation (paper_open_consultation, paper locked)."""
    latest = paper.versions.order_by("-number").first()
    if latest is not None and not latest.released:
        latest.released = True
        latest.save(update_fields=["released"])
    return latest


def _lock_editable(paper: WorkingPaper) -> WorkingPaper:
    paper = WorkingPaper.objects.select_for_update(of=("self",)).get(pk=paper.pk)
    if paper.state not in EDITABLE_STATES:
        raise ConflictError(
            _(
                "The paper is %(state)s; versions are added only while it is planned, drafting "
                "or in consultation."
            )
            % {"state": paper.get_state_display().lower()},
            code="paper_closed",
        )
    return paper


def _log(actor, version: PaperVersion) -> None:
    log_action(
        actor,
        version.paper,
        "paper.add_version",
        {
            "version": version.number,
            "kind": version.kind,
            "stage": version.stage,
            "released": version.released,
            "checksum": version.checksum,
            "size": version.size,
            "note": version.note,
        },
    )
    webhook_emit(
        "paper.version_created",
        {
            "id": version.pk,
            "paper": version.paper_id,
            "number": version.number,
            "kind": version.kind,
            "content_type": version.content_type,
            "size": version.size,
            "checksum": version.checksum,
            "created_at": version.created_at.isoformat(),
        },
        obj=version,
        perm="roundtables.view_paperversion",
    )


@transaction.atomic
def version_add_file(*, actor, paper: WorkingPaper, upload, note: str = "") -> PaperVersion:
    checked = check_upload(upload)
    paper = _lock_editable(paper)
    version = PaperVersion(
        paper=paper,
        number=_next_number(paper),
        kind=VersionKind.FILE,
        **_stage(paper),
        original_filename=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        text=checked.text,
        checksum=checked.checksum,
        note=note,
        author=actor if getattr(actor, "is_authenticated", False) else None,
    )
    version.file.save(checked.name, ContentFile(checked.content), save=False)
    storage, name = version.file.storage, version.file.name
    try:
        version.save(force_insert=True)
    except Exception:
        storage.delete(name)
        raise
    _log(actor, version)
    if checked.content_type == PDF:  # DOCX/ODT text was read above; a PDF's is read later
        enqueue_on_commit("roundtables.extract_version_text", version_id=version.pk)
    return version


def version_extract_pdf_text(*, version_id: int) -> int:
    """Store the text of a PDF version (the third mark set once on a version, after the
    two of the model's docstring); the search index follows. Returns its length."""
    version = PaperVersion.objects.filter(pk=version_id, content_type=PDF, text="").first()
    if version is None:
        return 0
    with version.file.open("rb") as handle:
        text = extract_pdf_text(handle.read())
    if text.strip():
        with transaction.atomic():
            PaperVersion.objects.filter(pk=version.pk, text="").update(text=text)
            mark_changed(version)
    return len(text)


@transaction.atomic
def version_add_text(*, actor, paper: WorkingPaper, text: str, note: str = "") -> PaperVersion:
    if not (text or "").strip():
        raise DomainError(_("A text revision needs text."), field="text")
    if len(text) > MAX_TEXT_CHARS:  # the same bound as text extracted from a document
        raise DomainError(
            _("A text revision has at most %(limit)d characters.") % {"limit": MAX_TEXT_CHARS},
            field="text",
        )
    paper = _lock_editable(paper)
    encoded = text.encode("utf-8")
    version = PaperVersion.objects.create(
        paper=paper,
        number=_next_number(paper),
        kind=VersionKind.TEXT,
        **_stage(paper),
        text=text,
        content_type="text/plain; charset=utf-8",
        size=len(encoded),
        checksum=hashlib.sha256(encoded).hexdigest(),
        note=note,
        author=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _log(actor, version)
    return version

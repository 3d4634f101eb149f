"""Badges: one per participant, a signed QR code of (badge, version), single PDFs and
printable sheets (8 per A4), revocation, and sheets for a whole registration made by a
Celery task that counts its progress in a BadgeBatch row."""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gfmd.platform.errors import ConflictError
from gfmd.platform.pdf import documents_to_pdf, html_to_document, html_to_pdf, qr_data_uri
from gfmd.platform.queue import enqueue_on_commit
from gfmd.platform.services.activity import log_action
from gfmd.platform.services.transitions import require_reason
from gfmd.platform.signing import sign_reference, verify_reference
from registration.enums import AttendanceFormat, ParticipantState
from registration.models import Badge, BadgeBatch, BatchState, Participant, Registration

BADGE_PURPOSE = "badge"
PER_SHEET = 8
BATCH_CHUNK = 80  # badges rendered between two progress updates (10 sheets)
LAYOUT = "registration/pdf/badges.html"


@dataclass(frozen=True)
class BadgeFace:
    name: str
    delegation: str
    category: str
    colour: str
    meeting: str
    qr: str
    language: str


def badge_payload(badge: Badge) -> str:
    return sign_reference(purpose=BADGE_PURPOSE, object_id=badge.pk, version=badge.version)


def badge_for(participant: Participant) -> Badge:
    """The participant's badge (made on first use); only an approved participant has one."""
    if participant.state != ParticipantState.APPROVED:
        raise ConflictError(
            _("A badge is made only for an approved participant."), code="not_approved"
        )
    badge, _created = Badge.objects.get_or_create(participant=participant)
    if badge.revoked_at is not None:
        raise ConflictError(
            _("This participant's badge is revoked; re-issue it first."), code="badge_revoked"
        )
    return badge


def badge_from_code(code: str) -> tuple[Badge, int]:
    """The badge a scanned code names and the version it carries (signature checked)."""
    ref = verify_reference(code, purpose=BADGE_PURPOSE)
    badge = (
        Badge.objects.select_related("participant__registration__meeting")
        .filter(pk=ref.object_id)
        .first()
    )
    if badge is None:
        raise ConflictError(_("This badge is unknown."), code="badge_unknown")
    return badge, ref.version


def badge_refusal(badge: Badge, version: int) -> tuple[str, str] | None:
    """Why a scanned badge is not valid now (code, message), or None if it is."""
    participant = badge.participant
    if participant.state == ParticipantState.SUBSTITUTED:
        return "badge_substituted", _(
            "Badge refused: %(name)s was substituted; the new participant has their own badge."
        ) % {"name": participant.full_name}
    if participant.state == ParticipantState.CANCELLED:
        return "badge_cancelled", _(
            "Badge refused: the registration of %(name)s was cancelled."
        ) % {"name": participant.full_name}
    if participant.state != ParticipantState.APPROVED:
        return "not_approved", _("Badge refused: %(name)s is not an approved participant.") % {
            "name": participant.full_name
        }
    if badge.revoked_at is not None or version != badge.version:
        return "badge_revoked", _(
            "Badge refused: this badge of %(name)s was revoked (a newer one may exist)."
        ) % {"name": participant.full_name}
    return None


@transaction.atomic
def badge_revoke(*, actor, participant: Participant, reason: str) -> Badge | None:
    """Revoke the participant's badge: every printed copy stops verifying. None if no badge.

    Cancelling or substituting a participant refuses their badge at check-in anyway
    (`badge_refusal` reads the state); this is for a lost or stolen badge, or to call
    from those transitions so the revocation shows in the badge's own record."""
    reason = require_reason(reason, _("the revocation"))
    badge = Badge.objects.select_for_update().filter(participant=participant).first()
    if badge is None:
        return None
    badge.version += 1
    badge.revoked_at = timezone.now()
    badge.revoked_reason = reason
    badge.save(update_fields=["version", "revoked_at", "revoked_reason"])
    log_action(actor, participant, "participant.badge_revoked", {"reason": reason})
    return badge


@transaction.atomic
def badge_reissue(*, actor, participant: Participant) -> Badge:
    """A new version of the badge (after a loss): earlier printouts no longer verify."""
    badge = Badge.objects.select_for_update().filter(participant=participant).first()
    if badge is None:
        return badge_for(participant)
    badge.version += 1
    badge.revoked_at = None
    badge.revoked_reason = ""
    badge.save(update_fields=["version", "revoked_at", "revoked_reason"])
    log_action(actor, participant, "participant.badge_reissued", {"version": badge.version})
    return badge_for(participant)


def _face(badge: Badge) -> BadgeFace:
    participant = badge.participant
    delegation = participant.delegation
    return BadgeFace(
        name=participant.full_name,
        delegation=str(delegation) if delegation else "",
        # each badge in its holder's language, even on a sheet of several languages
        category=participant.category.name_in(participant.language),
        colour=participant.category.colour,
        meeting=participant.registration.meeting.title,
        qr=qr_data_uri(badge_payload(badge)),
        language=participant.language,
    )


def _html(faces: list[BadgeFace], *, sheet: bool, title: str) -> str:
    size = PER_SHEET if sheet else 1
    pages = [faces[i : i + size] for i in range(0, len(faces), size)]
    language = translation.get_language() if sheet else faces[0].language
    return render_to_string(
        LAYOUT, {"pages": pages, "sheet": sheet, "title": title, "language": language}
    )


def badge_pdf(*, participant: Participant) -> bytes:
    badge = badge_for(participant)
    badge.participant = participant
    with translation.override(participant.language):
        return html_to_pdf(_html([_face(badge)], sheet=False, title=participant.full_name))


def badges_for_sheets(registration: Registration):
    """Approved in-person participants with their badge (made here if missing), in list order."""
    participants = Participant.objects.filter(
        registration=registration,
        state=ParticipantState.APPROVED,
        attendance_format=AttendanceFormat.IN_PERSON,
    )
    missing = participants.filter(badge__isnull=True).values_list("pk", flat=True)
    Badge.objects.bulk_create([Badge(participant_id=pk) for pk in missing], ignore_conflicts=True)
    return (
        Badge.objects.filter(participant__in=participants, revoked_at__isnull=True)
        .select_related(
            "participant__category",
            "participant__country",
            "participant__organisation",
            "participant__registration__meeting",
        )
        .order_by("participant__category__position", "participant__full_name", "participant_id")
    )


def badge_sheets_pdf(badges) -> bytes:
    return html_to_pdf(_html([_face(b) for b in badges], sheet=True, title=_("Badges")))


@transaction.atomic
def badge_batch_start(*, actor, registration: Registration) -> BadgeBatch:
    batch = BadgeBatch.objects.create(
        registration=registration,
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    log_action(actor, batch, "badgebatch.create", {"registration": registration.pk})
    enqueue_on_commit("registration.badge_batch_run", batch_id=batch.pk)
    return batch


def badge_batch_run(*, batch_id: int) -> BadgeBatch | None:
    """Render the sheets chunk by chunk, saving progress after each; one file at the end."""
    with transaction.atomic():
        batch = BadgeBatch.objects.select_for_update().filter(pk=batch_id).first()
        if batch is None or batch.state in (BatchState.DONE, BatchState.RUNNING):
            return batch  # gone, finished, or another worker has it
        badges = list(badges_for_sheets(batch.registration))
        batch.state, batch.total, batch.done = BatchState.RUNNING, len(badges), 0
        batch.save(update_fields=["state", "total", "done"])
    try:
        documents = []
        for start in range(0, len(badges), BATCH_CHUNK):
            chunk = badges[start : start + BATCH_CHUNK]
            html = _html([_face(b) for b in chunk], sheet=True, title=_("Badges"))
            documents.append(html_to_document(html))
            BadgeBatch.objects.filter(pk=batch.pk).update(done=start + len(chunk))
        if documents:
            pdf = documents_to_pdf(documents)
        else:
            pdf = html_to_pdf(_html([], sheet=True, title=_("Badges")))
    except Exception as exc:  # recorded for staff; the task itself retries nothing
        BadgeBatch.objects.filter(pk=batch.pk).update(
            state=BatchState.FAILED, error=str(exc)[:1000], finished_at=timezone.now()
        )
        raise
    batch.refresh_from_db()
    batch.file.save(f"badges-{batch.registration_id}-{batch.pk}.pdf", ContentFile(pdf), save=False)
    batch.state, batch.done, batch.finished_at = BatchState.DONE, batch.total, timezone.now()
    batch.save(update_fields=["file", "state", "done", "finished_at"])
    return batch

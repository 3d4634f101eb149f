"""Check-in: a scanned badge (or a name found by staff) marks the participant present for
the day, once; the first check-in of a delegation feeds the meeting's attendance record.
Offline devices send batches of scans, each applied once (by device and scan id), in the
order they were made, with the outcome of every scan reported back."""

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from gfmd.enums import AttendanceRole
from gfmd.models import Attendance
from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.services.activity import log_action
from registration.enums import CategoryKind, ParticipantState
from registration.models import (
    CheckIn,
    CheckInMethod,
    OfflineScan,
    Participant,
    ScanOutcome,
)
from registration.services.badges import badge_from_code, badge_refusal

MAX_BATCH = 500


@dataclass(frozen=True)
class CheckInResult:
    check_in: CheckIn
    created: bool  # False: the participant was already checked in that day
    message: str


def _role(participant: Participant) -> str:
    if participant.category.kind == CategoryKind.GOVERNMENT:
        return AttendanceRole.MEMBER
    return AttendanceRole.OBSERVER


def attendance_record(participant: Participant) -> None:
    """Mark the participant's government or organisation as attended at the meeting (once)."""
    body = (
        {"country_id": participant.country_id}
        if participant.country_id
        else {"organisation_id": participant.organisation_id}
        if participant.organisation_id
        else None
    )
    if body is None:  # media, guests, the Support Unit: no delegation to record
        return
    meeting_id = participant.registration.meeting_id
    attendance, created = Attendance.objects.get_or_create(
        meeting_id=meeting_id, **body, defaults={"role": _role(participant), "attended": True}
    )
    if not created and attendance.attended is not True:
        attendance.attended = True
        attendance.save(update_fields=["attended"])


def _already(check_in: CheckIn) -> str:
    return _("%(name)s was already checked in at %(time)s.") % {
        "name": check_in.participant.full_name,
        "time": time_format(timezone.localtime(check_in.checked_in_at), "H:i"),
    }


@transaction.atomic
def participant_check_in(
    *, actor, participant: Participant, method: str, at: datetime | None = None, badge=None
) -> CheckInResult:
    """Check the participant in for the day of `at` (default now); idempotent per day."""
    at = at or timezone.now()
    day = timezone.localdate(at)
    participant = (
        Participant.objects.select_for_update(of=("self",))
        .select_related("registration", "category")
        .get(pk=participant.pk)
    )
    existing = CheckIn.objects.filter(participant=participant, day=day).first()
    if existing is not None:
        existing.participant = participant
        return CheckInResult(existing, False, _already(existing))
    if participant.state != ParticipantState.APPROVED:
        raise ConflictError(
            _("%(name)s is not an approved participant and cannot be checked in.")
            % {"name": participant.full_name},
            code="not_approved",
        )
    check_in = CheckIn.objects.create(
        registration=participant.registration,
        participant=participant,
        day=day,
        checked_in_at=at,
        method=method,
        badge_version=badge.version if badge is not None else None,
        checked_in_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    attendance_record(participant)
    log_action(
        actor, participant, "participant.checked_in", {"day": day.isoformat(), "method": method}
    )
    return CheckInResult(
        check_in, True, _("%(name)s is checked in.") % {"name": participant.full_name}
    )


def badge_check_in(*, actor, code: str, at: datetime | None = None) -> CheckInResult:
    """Check in the holder of a scanned badge; a revoked, cancelled or substituted badge is
    refused (409 with the reason), a forged one too (400)."""
    badge, version = badge_from_code(code)
    refusal = badge_refusal(badge, version)
    if refusal is not None:
        raise ConflictError(refusal[1], code=refusal[0])
    return participant_check_in(
        actor=actor, participant=badge.participant, method=CheckInMethod.SCAN, at=at, badge=badge
    )


@dataclass(frozen=True)
class ScanReport:
    scan_id: str
    outcome: str
    message: str
    error_code: str
    participant_id: int | None
    replayed: bool  # True: this scan was received before; its first outcome is returned


def _report(scan: OfflineScan, participant_id, replayed: bool) -> ScanReport:
    return ScanReport(
        scan.scan_id, scan.outcome, scan.message, scan.error_code, participant_id, replayed
    )


def _apply(*, actor, device: str, item: dict) -> ScanReport:
    stored = (
        OfflineScan.objects.filter(device=device, scan_id=item["scan_id"])
        .select_related("check_in")
        .first()
    )
    if stored is not None:
        return _report(stored, stored.check_in.participant_id if stored.check_in else None, True)
    scan = OfflineScan(
        device=device,
        scan_id=item["scan_id"],
        code=item["code"][:120],
        scanned_at=item["scanned_at"],
        received_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    participant_id = None
    try:
        with transaction.atomic():
            result = badge_check_in(actor=actor, code=item["code"], at=item["scanned_at"])
        scan.check_in = result.check_in
        scan.outcome = ScanOutcome.CHECKED_IN if result.created else ScanOutcome.ALREADY
        scan.message = result.message[:300]
        participant_id = result.check_in.participant_id
    except DomainError as exc:
        scan.outcome, scan.message, scan.error_code = (
            ScanOutcome.REFUSED,
            exc.detail[:300],
            exc.code,
        )
    try:
        with transaction.atomic():
            scan.save()
    except IntegrityError:  # the same scan, sent again concurrently: report the stored one
        stored = OfflineScan.objects.get(device=device, scan_id=item["scan_id"])
        return _report(stored, stored.check_in.participant_id if stored.check_in else None, True)
    return _report(scan, participant_id, False)


def offline_batch_apply(*, actor, device: str, scans: list[dict]) -> list[ScanReport]:
    """Apply a device's offline scans in the order they were made (scanned_at, then the
    order sent); each scan once, whatever how often the batch is sent."""
    if not device.strip():
        raise DomainError(_("Name the device that made the scans."), field="device")
    if len(scans) > MAX_BATCH:
        raise DomainError(
            _("Send at most %(max)d scans per batch.") % {"max": MAX_BATCH}, field="scans"
        )
    ids = [item["scan_id"] for item in scans]
    if len(set(ids)) != len(ids):
        raise DomainError(_("Each scan in a batch needs its own scan id."), field="scans")
    ordered = sorted(enumerate(scans), key=lambda pair: (pair[1]["scanned_at"], pair[0]))
    reports = {index: _apply(actor=actor, device=device, item=item) for index, item in ordered}
    return [reports[index] for index in range(len(scans))]

"""Check-in: once per participant per day, attendance recorded once, revoked badges
refused with the reason, offline batches applied once each in order with conflicts."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction

from gfmd.enums import AttendanceRole
from gfmd.models import Attendance
from gfmd.platform.errors import ConflictError, DomainError
from registration.enums import ParticipantState
from registration.models import CheckIn, OfflineScan
from registration.services.badges import badge_for, badge_payload, badge_revoke
from registration.services.checkin import (
    badge_check_in,
    offline_batch_apply,
    participant_check_in,
)
from tests.registration.test_letters_world import build_world

pytestmark = pytest.mark.django_db
NINE_TWELVE = datetime(2030, 1, 20, 9, 12, tzinfo=UTC)


@pytest.fixture
def world(db):
    return build_world(templates=False)


def code_for(participant):
    return badge_payload(badge_for(participant))


def test_check_in_twice_records_one_check_in_and_one_attendance(world, staff):
    participant = world.participant("Ana Núñez")
    colleague = world.participant("Luis Vera")
    first = badge_check_in(actor=staff, code=code_for(participant), at=NINE_TWELVE)
    assert first.created and "Ana Núñez" in first.message
    again = badge_check_in(
        actor=staff, code=code_for(participant), at=NINE_TWELVE + timedelta(hours=2)
    )
    assert not again.created and again.check_in == first.check_in
    assert "already checked in at 09:12" in again.message
    badge_check_in(actor=staff, code=code_for(colleague), at=NINE_TWELVE)
    assert CheckIn.objects.filter(participant=participant).count() == 1
    attendance = Attendance.objects.get(meeting=world.registration.meeting)
    assert attendance.country.iso3 == "ECU" and attendance.attended is True
    assert attendance.role == AttendanceRole.MEMBER


def test_next_day_is_a_new_check_in(world, staff):
    participant = world.participant()
    badge_check_in(actor=staff, code=code_for(participant), at=NINE_TWELVE)
    later = badge_check_in(
        actor=staff, code=code_for(participant), at=NINE_TWELVE + timedelta(days=1)
    )
    assert later.created and CheckIn.objects.filter(participant=participant).count() == 2
    assert Attendance.objects.filter(meeting=world.registration.meeting).count() == 1


def test_existing_attendance_row_is_marked_attended(world, staff):
    Attendance.objects.create(
        meeting=world.registration.meeting,
        organisation=world.iom,
        role=AttendanceRole.INVITED_GUEST,
    )
    participant = world.participant("Olu Ade", category=world.observer)
    participant_check_in(actor=staff, participant=participant, method="search", at=NINE_TWELVE)
    attendance = Attendance.objects.get(organisation=world.iom)
    assert attendance.attended is True and attendance.role == AttendanceRole.INVITED_GUEST


def test_media_check_in_records_no_attendance(world, staff):
    participant_check_in(
        actor=staff, participant=world.participant("Press", category=world.media), method="search"
    )
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ("revoke", "badge_revoked"),
        (ParticipantState.CANCELLED, "badge_cancelled"),
        (ParticipantState.SUBSTITUTED, "badge_substituted"),
    ],
)
def test_revoked_cancelled_or_substituted_badge_refused(world, staff, change, code):
    participant = world.participant("Ana Núñez")
    scanned = code_for(participant)
    if change == "revoke":
        badge_revoke(actor=staff, participant=participant, reason="Lost")
    else:
        participant.state = change
        participant.save(update_fields=["state"])
    with pytest.raises(ConflictError) as refused:
        badge_check_in(actor=staff, code=scanned)
    assert refused.value.code == code and "Ana Núñez" in refused.value.detail
    assert not CheckIn.objects.exists() and not Attendance.objects.exists()


def test_forged_code_refused(world, staff):
    scanned = code_for(world.participant())
    with pytest.raises(DomainError) as refused:
        badge_check_in(actor=staff, code=scanned[:-2] + "xx")
    assert refused.value.code == "invalid_signature"


def test_database_allows_one_check_in_per_participant_per_day(world, staff):
    result = participant_check_in(actor=staff, participant=world.participant(), method="search")
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckIn.objects.create(
            registration=world.registration,
            participant=result.check_in.participant,
            day=result.check_in.day,
            checked_in_at=result.check_in.checked_in_at,
            method="search",
        )


def test_offline_batch_applied_once_in_order_with_conflicts(world, staff):
    ana, luis, gone = world.participant("Ana"), world.participant("Luis"), world.participant("Gone")
    gone_code = code_for(gone)
    badge_revoke(actor=staff, participant=gone, reason="Stolen")
    at = NINE_TWELVE
    scans = [
        # sent out of order: the later scan of Ana is the duplicate, not the earlier one
        {"scan_id": "s2", "code": code_for(ana), "scanned_at": at + timedelta(minutes=5)},
        {"scan_id": "s1", "code": code_for(ana), "scanned_at": at},
        {"scan_id": "s3", "code": gone_code, "scanned_at": at + timedelta(minutes=1)},
        {"scan_id": "s4", "code": "not-a-code", "scanned_at": at + timedelta(minutes=2)},
        {"scan_id": "s5", "code": code_for(luis), "scanned_at": at + timedelta(minutes=3)},
    ]
    reports = offline_batch_apply(actor=staff, device="door-1", scans=scans)
    assert [r.scan_id for r in reports] == ["s2", "s1", "s3", "s4", "s5"]
    assert [r.outcome for r in reports] == [
        "already",
        "checked_in",
        "refused",
        "refused",
        "checked_in",
    ]
    assert reports[2].error_code == "badge_revoked" and reports[3].error_code == "invalid_signature"
    assert "09:12" in reports[0].message
    assert CheckIn.objects.get(participant=ana).checked_in_at == at
    again = offline_batch_apply(actor=staff, device="door-1", scans=scans)
    assert all(r.replayed for r in again)
    assert [r.outcome for r in again] == [r.outcome for r in reports]
    assert CheckIn.objects.count() == 2 and OfflineScan.objects.count() == 5
    assert Attendance.objects.count() == 1


def test_offline_batch_rejects_duplicate_scan_ids_and_blank_device(world, staff):
    scan = {"scan_id": "a", "code": "x", "scanned_at": NINE_TWELVE}
    with pytest.raises(DomainError):
        offline_batch_apply(actor=staff, device="d", scans=[scan, scan])
    with pytest.raises(DomainError):
        offline_batch_apply(actor=staff, device=" ", scans=[scan])
    assert not OfflineScan.objects.exists()

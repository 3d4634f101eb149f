"""Badges: PDF text (name, delegation, category), sheets of 8, signed QR, revocation, and
sheets for a whole registration in a Celery task with progress."""

import pytest
from django.db import IntegrityError, transaction

from gfmd.platform.errors import ConflictError, DomainError
from registration.enums import AttendanceFormat, ParticipantState
from registration.models import Badge, BadgeBatch, BatchState
from registration.services.badges import (
    badge_batch_run,
    badge_batch_start,
    badge_for,
    badge_from_code,
    badge_payload,
    badge_pdf,
    badge_refusal,
    badge_reissue,
    badge_revoke,
)
from tests.registration.test_letters_world import build_world, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db):
    return build_world(templates=False)


def test_single_badge_shows_name_delegation_and_category(world):
    participant = world.participant("Ana Núñez")
    text = pdf_text(badge_pdf(participant=participant))
    assert "Ana Núñez" in text and "Ecuador" in text and "Government delegation" in text
    observer = world.participant("Olu Ade", category=world.observer)
    text = " ".join(pdf_text(badge_pdf(participant=observer)).split())  # long names wrap
    assert "International Organization for Migration" in text and "Observer organisation" in text


def test_badge_only_for_an_approved_participant(world):
    with pytest.raises(ConflictError):
        badge_pdf(participant=world.participant("Sub", state=ParticipantState.SUBMITTED))
    assert not Badge.objects.exists()


def test_qr_payload_names_the_badge_and_version_and_tampering_is_refused(world):
    badge = badge_for(world.participant())
    payload = badge_payload(badge)
    found, version = badge_from_code(payload)
    assert found == badge and version == 1 and badge_refusal(found, version) is None
    forged = payload.replace(f"{badge.pk}.1:", f"{badge.pk + 1}.1:")
    with pytest.raises(DomainError) as refused:
        badge_from_code(forged)
    assert refused.value.code == "invalid_signature"


def test_revocation_stops_old_printouts_and_reissue_gives_a_new_version(world, staff):
    participant = world.participant()
    badge = badge_for(participant)
    old = badge_payload(badge)
    with pytest.raises(DomainError):
        badge_revoke(actor=staff, participant=participant, reason="")
    badge_revoke(actor=staff, participant=participant, reason="Lost at the venue")
    found, version = badge_from_code(old)
    assert badge_refusal(found, version)[0] == "badge_revoked"
    with pytest.raises(ConflictError):
        badge_pdf(participant=participant)
    badge = badge_reissue(actor=staff, participant=participant)
    assert badge.version == 3 and badge.revoked_at is None
    found, version = badge_from_code(old)
    assert badge_refusal(found, version)[0] == "badge_revoked"  # still the old printout
    assert badge_refusal(*badge_from_code(badge_payload(badge))) is None


@pytest.mark.parametrize(
    ("state", "code"),
    [
        (ParticipantState.CANCELLED, "badge_cancelled"),
        (ParticipantState.SUBSTITUTED, "badge_substituted"),
    ],
)
def test_cancel_or_substitution_refuses_the_badge(world, state, code):
    participant = world.participant()
    badge = badge_for(participant)
    payload = badge_payload(badge)
    participant.state = state
    participant.save(update_fields=["state"])
    found, version = badge_from_code(payload)
    refusal = badge_refusal(found, version)
    assert refusal[0] == code and participant.full_name in refusal[1]


def test_database_refuses_revocation_without_reason_and_two_badges(world):
    participant = world.participant()
    badge = badge_for(participant)
    with pytest.raises(IntegrityError), transaction.atomic():
        Badge.objects.filter(pk=badge.pk).update(revoked_at=badge.created_at)
    with pytest.raises(IntegrityError), transaction.atomic():
        Badge.objects.create(participant=participant)


def test_sheet_batch_counts_progress_and_prints_eight_per_page(
    world, staff, django_capture_on_commit_callbacks
):
    names = [f"Delegate {i:02d}" for i in range(10)]
    for name in names:
        world.participant(name)
    world.participant("Online Only", attendance_format=AttendanceFormat.ONLINE)
    world.participant("Not Yet", state=ParticipantState.SUBMITTED)
    with django_capture_on_commit_callbacks() as callbacks:
        batch = badge_batch_start(actor=staff, registration=world.registration)
    assert len(callbacks) == 1 and batch.state == BatchState.PENDING
    batch = badge_batch_run(batch_id=batch.pk)
    assert (batch.state, batch.done, batch.total) == (BatchState.DONE, 10, 10)
    import io

    import pypdf

    content = batch.file.read()
    assert len(pypdf.PdfReader(io.BytesIO(content)).pages) == 2  # 8 + 2
    text = pdf_text(content)
    assert all(name in text for name in names)
    assert "Online Only" not in text and "Not Yet" not in text
    assert badge_batch_run(batch_id=batch.pk).pk == batch.pk  # a second run changes nothing
    assert BadgeBatch.objects.get().done == 10

"""Visa invitation letters: issued once, numbered, re-issued only with a reason, in the
participant's language, the PDF holding the name, passport number and number."""

import pytest
from django.db import IntegrityError, transaction

from gfmd.platform.errors import ConflictError
from gfmd.platform.models import ActivityLog
from registration.enums import ParticipantState
from registration.models import VisaLetter
from registration.services.letters import visa_letter_issue, visa_letters_issue_due
from tests.registration.test_letters_world import build_world, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db):
    return build_world()


def test_letter_pdf_holds_name_passport_number_and_meeting(world, staff):
    participant = world.visa_applicant("Ana Núñez", passport="AB1234567", title="Ms")
    letter = visa_letter_issue(actor=staff, participant=participant)
    text = pdf_text(letter.file.read())
    assert "Ms Ana Núñez" in text
    assert "AB1234567" in text
    assert letter.number in text
    assert "GFMD Summit 2030" in text and "Geneva, Switzerland" in text
    assert letter.number.endswith("-0001") and letter.language == "en-gb"
    assert letter.issued_by == staff and len(letter.checksum) == 64


def test_letter_in_participants_language_with_english_fallback(world, staff):
    french = world.visa_applicant("Jean Dupont", passport="FR1234567", language="fr")
    spanish = world.visa_applicant("Luz Pérez", passport="ES1234567", language="es")
    fr_letter = visa_letter_issue(actor=staff, participant=french)
    es_letter = visa_letter_issue(actor=staff, participant=spanish)
    fr_text = pdf_text(fr_letter.file.read())
    assert fr_letter.language == "fr" and "Numéro de passeport" in fr_text
    assert "janvier 2030" in fr_text  # dates in the letter's language
    assert es_letter.language == "en-gb"  # no Spanish template yet
    assert "Passport number: ES1234567" in pdf_text(es_letter.file.read())


def test_letter_issued_once_reissue_needs_reason_and_keeps_history(world, staff):
    participant = world.visa_applicant()
    first = visa_letter_issue(actor=staff, participant=participant)
    with pytest.raises(ConflictError) as refused:
        visa_letter_issue(actor=staff, participant=participant)
    assert refused.value.code == "already_issued"
    with pytest.raises(ConflictError):
        visa_letter_issue(actor=staff, participant=participant, reason="   ")
    second = visa_letter_issue(actor=staff, participant=participant, reason="Passport renewed")
    first.refresh_from_db()
    assert first.superseded_at is not None and second.superseded_at is None
    assert second.reissue_of == first and second.reason == "Passport renewed"
    assert second.number != first.number and second.sequence == first.sequence + 1
    assert list(participant.visa_letters.order_by("sequence")) == [first, second]
    assert second.number in pdf_text(second.file.read())


def test_letter_refused_unless_approved_requested_and_passport_known(world, staff):
    submitted = world.visa_applicant("Sub Mitted", state=ParticipantState.SUBMITTED)
    no_request = world.participant("No Request")
    no_passport = world.participant("No Passport", visa_letter_needed=True)
    codes = []
    for participant in (submitted, no_request, no_passport):
        with pytest.raises(ConflictError) as refused:
            visa_letter_issue(actor=staff, participant=participant)
        codes.append(refused.value.code)
    assert codes == ["not_approved", "not_requested", "no_passport_data"]
    assert not VisaLetter.objects.exists()


def test_activity_log_has_no_passport_number(world, staff):
    participant = world.visa_applicant(passport="SECRET9876")
    visa_letter_issue(actor=staff, participant=participant)
    entry = ActivityLog.objects.get(action="participant.visa_letter_issued")
    assert "SECRET9876" not in str(entry.data) and entry.data["number"]


def test_issue_due_issues_each_owed_letter_once(world, staff):
    world.visa_applicant("One", passport="ONE12345")
    world.visa_applicant("Two", passport="TWO12345")
    world.participant("Three")
    assert len(visa_letters_issue_due(actor=staff, registration=world.registration)) == 2
    assert visa_letters_issue_due(actor=staff, registration=world.registration) == []
    numbers = set(VisaLetter.objects.values_list("sequence", flat=True))
    assert numbers == {1, 2}


def test_database_keeps_numbers_unique_and_one_first_issue(world, staff):
    participant = world.visa_applicant()
    letter = visa_letter_issue(actor=staff, participant=participant)
    other = world.visa_applicant("Other", passport="OTH12345")
    clone = dict(
        registration=world.registration,
        language="en-gb",
        template_version=1,
        file="x.pdf",
        checksum="0" * 64,
        issued_at=letter.issued_at,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        VisaLetter.objects.create(
            participant=other, sequence=letter.sequence, number="N-2", **clone
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        VisaLetter.objects.create(participant=participant, sequence=9, number="N-9", **clone)
    with pytest.raises(IntegrityError), transaction.atomic():  # a re-issue without a reason
        letter.superseded_at = letter.issued_at
        letter.save()
        VisaLetter.objects.create(
            participant=participant, sequence=10, number="N-10", reissue_of=letter, **clone
        )


def test_no_template_is_a_conflict_not_a_crash(staff):
    world = build_world(templates=False)
    with pytest.raises(ConflictError) as refused:
        visa_letter_issue(actor=staff, participant=world.visa_applicant())
    assert refused.value.code == "no_template"


def test_starting_templates_pass_the_sandbox_in_three_languages(db):
    from gfmd.platform.models import DocumentTemplate
    from registration.models.documents import VISA_LETTER_KIND

    templates = DocumentTemplate.objects.filter(kind=VISA_LETTER_KIND)  # from the migration
    assert {t.language for t in templates} == {"en-gb", "fr", "es"}
    for template in templates:
        template.full_clean()

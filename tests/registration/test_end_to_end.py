"""The issue's end-to-end path, each step through the door a person would use: staff open
registration (API), a partner system nominates over OAuth2 and uploads the Note Verbale,
staff accept the credential and approve in the admin (actions of the review queue), the
visa letter and the badge PDFs carry the right text, the badge is scanned twice and the
attendance is recorded once."""

from datetime import date

import pytest

from gfmd.enums import MeetingBody
from gfmd.models import Attendance
from registration.models import Badge, CheckIn, Credential, Participant
from registration.services.badges import badge_payload
from tests.factories import MeetingFactory, StaffFactory, country
from tests.registration.test_api import _partner
from tests.registration.test_letters_world import letter_templates, pdf_text
from tests.roundtables.factories import PDF_BYTES, upload

pytestmark = pytest.mark.django_db


def _open_registration(staff_api) -> tuple[int, int]:
    meeting = MeetingFactory(
        body=MeetingBody.FORUM,
        title="GFMD Summit 2031",
        start_date=date(2031, 1, 20),
        end_date=date(2031, 1, 22),
        city="Geneva",
        country=country("CHE"),
    )
    registration = staff_api.post(
        "/api/v1/registrations/",
        {
            "meeting": meeting.pk,
            "opens_at": "2020-01-01T00:00:00Z",
            "closes_at": "2030-12-20T00:00:00Z",
            "late_change_deadline": "2030-12-30T00:00:00Z",
        },
        format="json",
    )
    assert registration.status_code == 201, registration.content
    registration_id = registration.json()["id"]
    category = staff_api.post(
        "/api/v1/registration-categories/",
        {
            "registration": registration_id,
            "code": "gov",
            "name": "Government delegation",
            "name_fr": "Délégation gouvernementale",
            "kind": "government",
            "colour": "#AA0000",
        },
        format="json",
    )
    assert category.status_code == 201, category.content
    quota = staff_api.post(
        "/api/v1/registration-quotas/",
        {
            "category": category.json()["id"],
            "scope": "per_delegation",
            "seats": 2,
            "plus_head_of_delegation": True,
        },
        format="json",
    )
    assert quota.status_code == 201, quota.content
    return registration_id, category.json()["id"]


def _admin_action(client, model: str, action: str, pk: int) -> str:
    response = client.post(
        f"/admin/registration/{model}/",
        {"action": action, "_selected_action": [pk]},
        follow=True,
    )
    assert response.status_code == 200
    return " ".join(str(m) for m in response.context["messages"])


def test_open_nominate_credentials_approve_documents_check_in_twice(api, client):
    staff = StaffFactory()
    staff_api = api(staff)
    letter_templates()
    registration_id, category_id = _open_registration(staff_api)

    partner = _partner(staff, iso3="DEU")
    nominated = partner.post(
        "/api/v1/participants/",
        {
            "registration": registration_id,
            "category": category_id,
            "country": "DEU",
            "full_name": "Anna Schmidt",
            "title": "Dr",
            "email": "anna@example.org",
            "language": "en-gb",
            "is_head_of_delegation": True,
            "visa_letter_needed": True,
            "passport": {
                "nationality": "DEU",
                "passport_number": "C01X00T47",
                "date_of_birth": "1975-03-02",
            },
            "submit": True,
        },
        format="json",
        headers={"Idempotency-Key": "e2e-nominate"},
    )
    assert nominated.status_code == 201, nominated.content
    person_id = nominated.json()["id"]
    uploaded = partner.post(
        "/api/v1/credentials/",
        {
            "registration": registration_id,
            "country": "DEU",
            "kind": "note_verbale",
            "file": upload("nv.pdf", PDF_BYTES),
        },
        format="multipart",
    )
    assert uploaded.status_code == 201, uploaded.content

    # Staff work in the admin: accept the Note Verbale, approve from the review queue.
    client.force_login(staff)
    _admin_action(client, "credential", "accept_selected", uploaded.json()["id"])
    assert Credential.objects.get().state == "accepted"
    messages = _admin_action(client, "participant", "approve_selected", person_id)
    assert "Approved: a seat was free" in messages
    person = Participant.objects.get(pk=person_id)
    assert person.state == "approved"

    issued = staff_api.post("/api/v1/visa-letters/issue/", {"participant": person_id})
    assert issued.status_code == 201, issued.content
    letter = staff_api.get(f"/api/v1/visa-letters/{issued.json()['id']}/download/")
    text = pdf_text(b"".join(letter.streaming_content) if letter.streaming else letter.content)
    assert "Dear Dr Anna Schmidt" in text
    assert "GFMD Summit 2031 in Geneva, Switzerland" in text
    assert "Passport number: C01X00T47 (Germany)" in text

    badge = staff_api.post("/api/v1/badges/issue/", {"participant": person_id})
    assert badge.status_code == 201, badge.content
    printed = staff_api.get(f"/api/v1/badges/{badge.json()['id']}/pdf/")
    text = pdf_text(b"".join(printed.streaming_content) if printed.streaming else printed.content)
    for words in ("Anna Schmidt", "Germany", "Government delegation", "GFMD Summit 2031"):
        assert words in text
    assert "C01X00T47" not in text  # no passport data on a badge

    code = badge_payload(Badge.objects.get(pk=badge.json()["id"]))
    first = staff_api.post("/api/v1/check-ins/scan/", {"code": code}, format="json")
    assert first.status_code == 201, first.content
    second = staff_api.post("/api/v1/check-ins/scan/", {"code": code}, format="json")
    assert second.status_code == 200
    assert "Anna Schmidt was already checked in at" in second.json()["message"]
    assert CheckIn.objects.filter(participant_id=person_id).count() == 1
    attendance = Attendance.objects.get(meeting__registration=registration_id)
    assert attendance.country.iso3 == "DEU" and attendance.attended is True

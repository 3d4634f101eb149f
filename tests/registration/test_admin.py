"""The review queue in the admin: filters, bulk approve with explained outcomes, reject
with a reason, substitution, quotas at a glance, passport data for staff only."""

from datetime import date

import pytest

from registration.models import Participant
from registration.services.credentials import credential_upload
from registration.services.participants import Passport, participant_nominate
from tests.factories import FocalPointFactory, StaffFactory, country
from tests.roundtables.factories import PDF_BYTES, upload

pytestmark = pytest.mark.django_db

QUEUE = "/admin/registration/participant/"


def _nominate(summit, staff, name, iso3="DEU", **extra):
    return participant_nominate(
        actor=staff,
        registration=summit.registration,
        category=summit.government,
        country=country(iso3),
        full_name=name,
        email=f"{name.split()[0].lower()}@example.org",
        submit=True,
        **extra,
    )


@pytest.fixture
def staff_client(client):
    staff = StaffFactory()
    client.force_login(staff)
    client.staff = staff
    return client


def test_bulk_approve_explains_each_outcome(summit, staff_client):
    people = [_nominate(summit, staff_client.staff, n) for n in ("Ann A", "Ben B", "Cem C")]
    response = staff_client.post(
        QUEUE,
        {"action": "approve_selected", "_selected_action": [p.pk for p in people]},
        follow=True,
    )
    text = response.content.decode()
    assert "Approved: a seat was free" in text
    assert "Waitlisted at position 1: the quota Government delegation, Germany is full" in text
    states = sorted(Participant.objects.values_list("state", flat=True))
    assert states == ["approved", "approved", "waitlisted"]


def test_reject_asks_for_a_reason_first(summit, staff_client):
    person = _nominate(summit, staff_client.staff, "Ann A")
    form = staff_client.post(QUEUE, {"action": "reject_selected", "_selected_action": [person.pk]})
    assert form.status_code == 200 and b"reason-form" in form.content
    person.refresh_from_db()
    assert person.state == "submitted"

    staff_client.post(
        QUEUE,
        {
            "action": "reject_selected",
            "_selected_action": [person.pk],
            "confirm": "1",
            "reason": "Not accredited",
        },
    )
    person.refresh_from_db()
    assert person.state == "rejected" and person.reason == "Not accredited"


def test_substitution_in_the_admin_keeps_the_seat(summit, staff_client):
    person = _nominate(summit, staff_client.staff, "Ann A", is_head_of_delegation=True)
    url = f"/admin/registration/participant/{person.pk}/substitute/"
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(
        url, {"full_name": "Bea Deputy", "email": "bea@example.org", "reason": "Travel"}
    )
    assert response.status_code == 302
    new = Participant.objects.get(substitutes=person)
    assert new.is_head_of_delegation and new.state == "submitted"


def test_filters_missing_credentials_and_visa(summit, staff_client):
    _nominate(summit, staff_client.staff, "Ann A")
    _nominate(
        summit,
        staff_client.staff,
        "Pierre P",
        iso3="FRA",
        visa_letter_needed=True,
        passport=Passport(country("FRA"), "12AB34567", date(1970, 1, 1)),
    )
    credential_upload(
        actor=staff_client.staff,
        registration=summit.registration,
        kind="note_verbale",
        upload=upload("nv.pdf", PDF_BYTES),
        country=country("DEU"),
    )

    missing = staff_client.get(QUEUE + "?credentials=missing").content.decode()
    assert "Pierre P" in missing and "Ann A" not in missing
    sent = staff_client.get(QUEUE + "?credentials=sent").content.decode()
    assert "Ann A" in sent and "Pierre P" not in sent
    visa = staff_client.get(QUEUE + "?visa_letter_needed__exact=1").content.decode()
    assert "Pierre P" in visa and "Ann A" not in visa


def test_quotas_at_a_glance(summit, staff_client):
    _nominate(summit, staff_client.staff, "Ann A")
    page = staff_client.get(
        f"/admin/registration/registration/{summit.registration.pk}/change/"
    ).content.decode()
    assert 'id="quota-usage"' in page and "each delegation (fullest shown)" in page


def test_passport_data_shown_to_staff_only(summit, staff_client, client):
    person = _nominate(
        summit,
        staff_client.staff,
        "Pierre P",
        iso3="FRA",
        visa_letter_needed=True,
        passport=Passport(country("FRA"), "12AB34567", date(1970, 1, 1)),
    )
    page = staff_client.get(f"/admin/registration/participant/{person.pk}/change/")
    assert b"12AB34567" in page.content
    # A focal point (even with admin access) never sees passport data.
    focal = FocalPointFactory(country=country("FRA")).user
    focal.is_staff = True
    focal.save()
    client.force_login(focal)
    response = client.get(f"/admin/registration/participant/{person.pk}/change/")
    assert response.status_code in (200, 302, 403) and b"12AB34567" not in response.content
    assert b"Pierre P" in staff_client.get(QUEUE).content

"""The registration API end to end: a partner client nominates over OAuth2 (scopes,
Idempotency-Key), uploads credentials, staff approve; If-Match on updates; exports without
passport data unless staff ask; the participant list's visibility and Chatham House; a
response in French and Spanish."""

import base64
import csv
import io
from datetime import date
from urllib.parse import urlencode

import pytest
from django.test import Client
from rest_framework.test import APIClient

from gfmd.services.clients import partner_client_register
from registration.enums import ParticipantState
from registration.models import Credential, Participant, PassportData
from registration.services.participants import Passport, participant_nominate
from tests.factories import FocalPointFactory, StaffFactory, country
from tests.roundtables.factories import PDF_BYTES, upload

pytestmark = pytest.mark.django_db


def _bearer(client, secret):
    basic = base64.b64encode(f"{client.application.client_id}:{secret}".encode()).decode()
    response = Client().post(
        "/oauth/token/",
        urlencode({"grant_type": "client_credentials"}),
        content_type="application/x-www-form-urlencoded",
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )
    assert response.status_code == 200, response.content
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['access_token']}")
    return api


def _partner(staff, iso3="DEU", scopes=("registrations:read", "registrations:write")):
    return _bearer(
        *partner_client_register(
            actor=staff,
            name=f"{iso3} portal {len(scopes)}",
            scopes=list(scopes),
            country=country(iso3),
        )
    )


def _nomination(summit, name="Anna Schmidt", **extra):
    return {
        "registration": summit.registration.pk,
        "category": summit.government.pk,
        "country": "DEU",
        "full_name": name,
        "email": f"{name.split()[0].lower()}@example.org",
        "language": "fr",
        **extra,
    }


def test_partner_client_end_to_end(summit, api):
    staff = StaffFactory()
    partner = _partner(staff)

    created = partner.post(
        "/api/v1/participants/",
        _nomination(
            summit,
            is_head_of_delegation=True,
            visa_letter_needed=True,
            passport={
                "nationality": "DEU",
                "passport_number": "C01X00T47",
                "date_of_birth": "1975-03-02",
            },
            submit=True,
        ),
        format="json",
        headers={"Idempotency-Key": "nominate-1"},
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["state"] == "submitted" and "passport" not in body
    replay = partner.post(
        "/api/v1/participants/",
        _nomination(
            summit,
            is_head_of_delegation=True,
            visa_letter_needed=True,
            passport={
                "nationality": "DEU",
                "passport_number": "C01X00T47",
                "date_of_birth": "1975-03-02",
            },
            submit=True,
        ),
        format="json",
        headers={"Idempotency-Key": "nominate-1"},
    )
    assert replay.json()["id"] == body["id"] and Participant.objects.count() == 1

    uploaded = partner.post(
        "/api/v1/credentials/",
        {
            "registration": summit.registration.pk,
            "country": "DEU",
            "kind": "note_verbale",
            "file": upload("nv.pdf", PDF_BYTES),
        },
        format="multipart",
    )
    assert uploaded.status_code == 201, uploaded.content
    credential = Credential.objects.get()
    assert credential.state == "pending" and credential.content_type == "application/pdf"

    # The partner cannot decide; staff can.
    refused = partner.post(f"/api/v1/participants/{body['id']}/approve/", {}, format="json")
    assert refused.status_code == 403
    staff_api = api(staff)
    assert staff_api.post(f"/api/v1/credentials/{credential.pk}/accept/").status_code == 200
    decided = staff_api.post(f"/api/v1/participants/{body['id']}/approve/", {}, format="json")
    assert decided.status_code == 200, decided.content
    assert decided.json()["outcome"] == "approved"
    assert decided.json()["quotas"][0]["label"].endswith("head of delegation of Germany")

    listed = partner.get("/api/v1/participants/")
    assert [p["state"] for p in listed.json()["results"]] == ["approved"]


def test_read_scope_cannot_nominate(summit):
    partner = _partner(StaffFactory(), scopes=("registrations:read",))
    response = partner.post("/api/v1/participants/", _nomination(summit), format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "This token lacks the 'registrations:write' scope."
    assert partner.get("/api/v1/participants/").status_code == 200


def test_partner_of_another_country_sees_nothing_of_germany(summit):
    staff = StaffFactory()
    participant = participant_nominate(
        actor=staff,
        registration=summit.registration,
        category=summit.government,
        country=country("DEU"),
        full_name="Anna Schmidt",
        email="anna@example.org",
    )
    france = _partner(staff, iso3="FRA")
    assert france.get(f"/api/v1/participants/{participant.pk}/").status_code == 404
    assert france.get("/api/v1/participants/").json()["results"] == []
    refused = france.post("/api/v1/participants/", _nomination(summit), format="json")
    assert refused.status_code == 400 and refused.json()["fields"].get("country")


def test_update_honours_if_match(summit, api):
    germany = FocalPointFactory(country=country("DEU")).user
    client = api(germany)
    created = client.post("/api/v1/participants/", _nomination(summit), format="json").json()
    url = f"/api/v1/participants/{created['id']}/"
    etag = client.get(url).headers["ETag"]

    stale = client.patch(
        url, {"function": "Ambassador"}, format="json", headers={"If-Match": '"x"'}
    )
    assert stale.status_code == 412
    fresh = client.patch(url, {"function": "Ambassador"}, format="json", headers={"If-Match": etag})
    assert fresh.status_code == 200 and fresh.json()["function"] == "Ambassador"


def test_reject_needs_a_reason_in_the_error_format(summit, api):
    staff = StaffFactory()
    participant = participant_nominate(
        actor=staff,
        registration=summit.registration,
        category=summit.government,
        country=country("DEU"),
        full_name="Anna Schmidt",
        email="anna@example.org",
        submit=True,
    )
    response = api(staff).post(f"/api/v1/participants/{participant.pk}/reject/", {}, format="json")
    assert response.status_code == 400 and "reason" in response.json()["fields"]
    participant.refresh_from_db()
    assert participant.state == ParticipantState.SUBMITTED


def _with_passport(summit, staff):
    return participant_nominate(
        actor=staff,
        registration=summit.registration,
        category=summit.government,
        country=country("DEU"),
        full_name="Anna Schmidt",
        email="anna@example.org",
        visa_letter_needed=True,
        passport=Passport(country("DEU"), "C01X00T47", date(1975, 3, 2)),
    )


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_export_has_no_passport_data_by_default(summit, api):
    staff = StaffFactory()
    _with_passport(summit, staff)
    germany = FocalPointFactory(country=country("DEU")).user

    for user in (staff, germany):
        rows = _csv(api(user).get("/api/v1/participants/export/?file_format=csv"))
        assert rows[1][0] == "Anna Schmidt"
        assert "C01X00T47" not in str(rows) and "Passport number" not in rows[0]
    # A focal point asking for passport data does not get them.
    rows = _csv(api(germany).get("/api/v1/participants/export/?include=passport"))
    assert "C01X00T47" not in str(rows)
    # Staff who ask do.
    rows = _csv(api(staff).get("/api/v1/participants/export/?include=passport"))
    assert rows[0][-3:] == ["Nationality", "Passport number", "Date of birth"]
    assert rows[1][-2:] == ["C01X00T47", "1975-03-02"]
    xlsx = api(staff).get("/api/v1/participants/export/?file_format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_passport_data_in_the_api_only_for_staff_who_ask(summit, api):
    staff = StaffFactory()
    participant = _with_passport(summit, staff)
    germany = FocalPointFactory(country=country("DEU")).user

    staff_rows = api(staff).get("/api/v1/participants/?include=passport").json()["results"]
    assert staff_rows[0]["passport"]["passport_number"] == "C01X00T47"
    assert "passport" not in api(staff).get("/api/v1/participants/").json()["results"][0]
    one = api(staff).get(f"/api/v1/participants/{participant.pk}/?include=passport").json()
    assert one["passport"]["nationality"] == "DEU"
    mine = api(germany).get(f"/api/v1/participants/{participant.pk}/?include=passport").json()
    assert "passport" not in mine
    assert PassportData.objects.count() == 1


def test_participant_list_follows_category_visibility_and_chatham_house(summit, api):
    staff = StaffFactory()
    for category, who in ((summit.government, {"country": country("DEU")}), (summit.media, {})):
        p = participant_nominate(
            actor=staff,
            registration=summit.registration,
            category=category,
            full_name=f"Person {category.code}",
            email=f"{category.code}@example.org",
            submit=True,
            **who,
        )
        api(staff).post(f"/api/v1/participants/{p.pk}/approve/", {}, format="json")
    url = f"/api/v1/registrations/{summit.registration.pk}/participant-list/"

    public = api().get(url).json()["results"]
    assert [e["category"] for e in public] == ["Media"]
    assert public[0]["name"] is None  # Chatham House (the default): no names
    france = FocalPointFactory(country=country("FRA")).user
    assert len(api(france).get(url).json()["results"]) == 2

    summit.registration.chatham_house = False
    summit.registration.save()
    public = api().get(url).json()["results"]
    assert public[0]["name"] == "Person media"


def test_participant_list_names_categories_in_the_reader_language(summit, api):
    summit.media.name_fr = "Médias"
    summit.media.save()
    staff = StaffFactory()
    person = participant_nominate(
        actor=staff,
        registration=summit.registration,
        category=summit.media,
        full_name="Person media",
        email="media@example.org",
        submit=True,
    )
    api(staff).post(f"/api/v1/participants/{person.pk}/approve/", {}, format="json")
    url = f"/api/v1/registrations/{summit.registration.pk}/participant-list/"
    french = api().get(url, headers={"Accept-Language": "fr"}).json()["results"]
    assert french == [{"category": "Médias", "delegation": None, "name": None, "function": None}]
    assert api().get(url).json()["results"][0]["category"] == "Media"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Les participants de cette catégorie appartiennent à un gouvernement."),
        ("es", "Los participantes de esta categoría pertenecen a un gobierno."),
    ],
)
def test_errors_in_french_and_spanish(summit, api, language, expected):
    response = api(StaffFactory()).post(
        "/api/v1/participants/",
        {**_nomination(summit), "country": None},
        format="json",
        headers={"Accept-Language": language},
    )
    assert response.status_code == 400
    assert response.json()["fields"]["country"] == [expected]


def test_a_quota_without_a_delegation_needs_no_null_fields(summit, api):
    # DRF makes a unique constraint's fields required; country and organisation have a
    # default instead, so an overall quota is just category, scope and seats.
    staff = api(StaffFactory())
    created = staff.post(
        "/api/v1/registration-quotas/",
        {"category": summit.media.pk, "scope": "overall", "seats": 20},
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert (created.json()["country"], created.json()["organisation"]) == (None, None)
    twice = staff.post(
        "/api/v1/registration-quotas/",
        {"category": summit.media.pk, "scope": "overall", "seats": 30},
        format="json",
    )
    assert twice.status_code == 400  # quota_default_once still holds
    germany = staff.post(
        "/api/v1/registration-quotas/",
        {"category": summit.media.pk, "scope": "per_delegation", "seats": 3, "country": "DEU"},
        format="json",
    )
    assert germany.status_code == 201 and germany.json()["country"] == "DEU"

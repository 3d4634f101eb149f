"""The letters, badges and check-in API: permission matrix (staff only), responses, query
counts on the lists, and a response in French."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gfmd.services.clients import partner_client_register
from registration.models import CheckIn
from registration.services.badges import badge_for, badge_payload
from registration.services.checkin import participant_check_in
from registration.services.letters import visa_letter_issue
from tests.factories import FocalPointFactory, country
from tests.registration.test_letters_world import build_world, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def users(staff, focal_point, org_focal_point, outsider, world):
    ecuador = FocalPointFactory(country=country("ECU")).user  # the participants' own government
    client, _secret = partner_client_register(
        actor=None, name="Ecuador portal", scopes=["read", "write"], country=country("ECU")
    )
    return {
        "staff": staff,
        "own_focal_point": ecuador,
        "other_focal_point": focal_point,
        "org_focal_point": org_focal_point,
        "outsider": outsider,
        "partner_client": client.service_user,
        "anonymous": None,
    }


def endpoints(world, staff):
    participant = world.visa_applicant()
    letter = visa_letter_issue(actor=staff, participant=participant)
    badge = badge_for(participant)
    batch_reg = world.registration.pk
    return [
        ("get", "/api/v1/visa-letters/", None),
        ("get", f"/api/v1/visa-letters/{letter.pk}/", None),
        ("get", f"/api/v1/visa-letters/{letter.pk}/download/", None),
        (
            "post",
            "/api/v1/visa-letters/issue/",
            {"participant": participant.pk, "reason": "x"},
        ),
        ("get", "/api/v1/badges/", None),
        ("get", f"/api/v1/badges/{badge.pk}/pdf/", None),
        ("post", "/api/v1/badges/issue/", {"participant": participant.pk}),
        ("get", "/api/v1/badge-batches/", None),
        ("post", "/api/v1/badge-batches/", {"registration": batch_reg}),
        ("get", "/api/v1/check-ins/", None),
        ("post", "/api/v1/check-ins/scan/", {"code": badge_payload(badge)}),
        ("post", "/api/v1/check-ins/participant/", {"participant": participant.pk}),
        (
            "get",
            f"/api/v1/check-ins/candidates/?registration={batch_reg}&q=Ana",
            None,
        ),
        (
            "post",
            "/api/v1/check-ins/offline-batch/",
            {
                "device": "d1",
                "scans": [{"scan_id": "1", "code": "x", "scanned_at": "2030-01-20T09:00:00Z"}],
            },
        ),
        # last: it revokes the badge the scans above use
        ("post", f"/api/v1/badges/{badge.pk}/revoke/", {"reason": "Lost"}),
    ]


ROLES = [
    "staff",
    "own_focal_point",
    "other_focal_point",
    "org_focal_point",
    "outsider",
    "partner_client",
    "anonymous",
]


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_staff_only(world, users, staff, api, role):
    client = api(users[role])
    for method, url, body in endpoints(world, staff):
        response = getattr(client, method)(url, body, format="json")
        if role == "staff":
            assert response.status_code in (200, 201), (url, response.content[:300])
        elif role == "anonymous":  # a list or action: 401/403; an object: hidden (404)
            assert response.status_code in (401, 403, 404), url
        else:
            assert response.status_code in (403, 404), (role, url, response.status_code)


def test_scan_twice_over_the_api_then_revoked_badge(world, staff, api):
    client = api(staff)
    participant = world.participant("Ana Núñez")
    code = badge_payload(badge_for(participant))
    first = client.post("/api/v1/check-ins/scan/", {"code": code}, format="json")
    second = client.post("/api/v1/check-ins/scan/", {"code": code}, format="json")
    assert first.status_code == 201 and second.status_code == 200
    assert "already checked in at" in second.json()["message"]
    assert CheckIn.objects.count() == 1
    badge = participant.badge
    revoke = client.post(f"/api/v1/badges/{badge.pk}/revoke/", {"reason": "Lost"}, format="json")
    assert revoke.status_code == 200 and revoke.json()["is_revoked"] is True
    refused = client.post("/api/v1/check-ins/scan/", {"code": code}, format="json")
    assert refused.status_code == 409 and "revoked" in refused.json()["detail"]
    forged = client.post("/api/v1/check-ins/scan/", {"code": code + "x"}, format="json")
    assert forged.status_code == 400


def test_reissue_over_the_api_needs_a_reason(world, staff, api):
    client = api(staff)
    participant = world.visa_applicant()
    url = "/api/v1/visa-letters/issue/"
    assert client.post(url, {"participant": participant.pk}, format="json").status_code == 201
    refused = client.post(url, {"participant": participant.pk}, format="json")
    assert (
        refused.status_code == 409
        and refused.json()["type"].endswith("already_issued")
        or (refused.status_code == 409)
    )
    again = client.post(
        url, {"participant": participant.pk, "reason": "New passport"}, format="json"
    )
    assert again.status_code == 201 and again.json()["reason"] == "New passport"
    listed = client.get(f"/api/v1/visa-letters/?participant={participant.pk}").json()
    assert [row["is_current"] for row in listed["results"]] == [True, False]
    download = client.get(f"/api/v1/visa-letters/{again.json()['id']}/download/")
    assert download["Content-Type"] == "application/pdf"
    assert "AB1234567" in pdf_text(b"".join(download.streaming_content))


def test_response_in_french(world, staff, api):
    client = api(staff)
    participant = world.participant("Ana Núñez")
    code = badge_payload(badge_for(participant))
    client.post("/api/v1/check-ins/scan/", {"code": code}, format="json")
    again = client.post(
        "/api/v1/check-ins/scan/",
        {"code": code},
        format="json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert "déjà" in again.json()["message"]


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/visa-letters/",
        "/api/v1/badges/",
        "/api/v1/check-ins/",
        "/api/v1/badge-batches/",
    ],
)
def test_list_query_counts_do_not_grow(world, staff, api, url):
    client = api(staff)

    def add(n, start):
        for i in range(start, start + n):
            p = world.visa_applicant(f"Person {i:03d}", passport=f"PP{i:06d}")
            visa_letter_issue(actor=staff, participant=p)
            badge_for(p)
            participant_check_in(actor=staff, participant=p, method="search")
            from registration.services.badges import badge_batch_start

            badge_batch_start(actor=staff, registration=world.registration)

    add(1, 0)
    _count(client, url)  # the caller's groups, read once and kept on the user
    one = _count(client, url)
    add(4, 1)
    assert _count(client, url) == one

"""What partners rely on when they sync applications: Idempotency-Key on submission and
cursor pages through applications and reviews."""

import pytest

from civil_society.models import Application, Delegate, Review
from gfmd.platform.models import IdempotencyKey
from tests.civil_society.factories import (
    ApplicationFactory,
    CSOFactory,
    PartnerSystemUserFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/csd/applications/"


def _application(csd, profile, motivation="Grassroots organising."):
    return {
        "csd_edition": csd.pk,
        "organisation": profile.pk,
        "motivation": motivation,
        "delegates": [{"full_name": "Ana Silva", "email": "ana@example.org", "country": "BRA"}],
    }


def _post(client, payload, key):
    return client.post(URL, payload, format="json", headers={"Idempotency-Key": key})


def test_retry_with_the_same_key_replays_the_first_response(csd, api):
    client = api(PartnerSystemUserFactory())
    payload = _application(csd, CSOFactory())

    first = _post(client, payload, "retry-1")
    again = _post(client, payload, "retry-1")

    assert first.status_code == 201, first.content
    assert again.status_code == 201 and again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert Application.objects.count() == 1 and Delegate.objects.count() == 1


def test_same_key_with_a_different_body_is_422(csd, api):
    client = api(PartnerSystemUserFactory())
    profile = CSOFactory()
    assert _post(client, _application(csd, profile), "key-2").status_code == 201

    response = _post(client, _application(csd, profile, "Another text."), "key-2")

    assert response.status_code == 422
    assert response.json()["type"] == "idempotency_key_reused"
    assert Application.objects.get().motivation == "Grassroots organising."


def test_keys_are_per_user(csd, staff, api):
    partner = PartnerSystemUserFactory()
    first = _post(api(partner), _application(csd, CSOFactory()), "shared-key")
    second = _post(api(staff), _application(csd, CSOFactory()), "shared-key")

    assert first.status_code == second.status_code == 201
    assert first.json()["id"] != second.json()["id"]
    assert Application.objects.count() == 2
    assert IdempotencyKey.objects.filter(key="shared-key").count() == 2


def test_refused_submission_stores_no_key(csd, api):
    client = api(PartnerSystemUserFactory())
    bad = {**_application(csd, CSOFactory()), "delegates": []}

    assert _post(client, bad, "bad-1").status_code == 400
    assert not IdempotencyKey.objects.filter(key="bad-1").exists()
    assert _post(client, _application(csd, CSOFactory()), "bad-1").status_code == 201


def _walk(client, url):
    """Follow `next` links; returns the ids in page order and the pages seen."""
    ids, pages = [], []
    while url:
        body = client.get(url).json()
        assert "count" not in body  # cursor pages: no COUNT over the table
        pages.append(body)
        ids += [row["id"] for row in body["results"]]
        url = body["next"]
    return ids, pages


def test_applications_are_cursor_paged_newest_first(csd, staff, api):
    created = [ApplicationFactory(csd_edition=csd).pk for _ in range(5)]
    client = api(staff)

    ids, pages = _walk(client, f"{URL}?page_size=2")
    assert ids == sorted(created, reverse=True) and len(pages) == 3
    # a row added while paging does not shift the pages already handed out
    second = client.get(pages[0]["next"]).json()
    ApplicationFactory(csd_edition=csd)
    assert client.get(pages[0]["next"]).json()["results"] == second["results"]


def test_reviews_are_cursor_paged(csd, staff, api):
    created = [ReviewFactory(application__csd_edition=csd).pk for _ in range(3)]

    ids, _ = _walk(api(staff), "/api/v1/csd/reviews/?page_size=2")

    assert (
        ids
        == sorted(created, reverse=True)
        == sorted(Review.objects.values_list("pk", flat=True), reverse=True)
    )

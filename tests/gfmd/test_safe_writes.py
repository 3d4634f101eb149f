"""ETag / If-Match (412, 428) and Idempotency-Key replay."""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from gfmd.models import Edition, Organisation
from gfmd.platform.models import ActivityLog, IdempotencyKey
from tests.factories import EditionFactory, OrganisationFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(staff, api):
    return api(staff)


def test_detail_carries_etag_and_honours_if_none_match(client):
    edition = EditionFactory()
    first = client.get(f"/api/v1/editions/{edition.pk}/")
    assert first.status_code == 200 and first["ETag"].startswith('"')
    again = client.get(f"/api/v1/editions/{edition.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_edition_update_without_if_match_is_428(client):
    edition = EditionFactory()
    response = client.patch(f"/api/v1/editions/{edition.pk}/", {"title": "x"}, format="json")
    assert response.status_code == 428
    assert response.json()["type"] == "precondition_required"


def test_stale_if_match_is_412_and_changes_nothing(client):
    edition = EditionFactory(title="GFMD 2014")
    etag = client.get(f"/api/v1/editions/{edition.pk}/")["ETag"]
    assert (
        client.patch(
            f"/api/v1/editions/{edition.pk}/",
            {"title": "First writer"},
            format="json",
            HTTP_IF_MATCH=etag,
        ).status_code
        == 200
    )

    second = client.patch(
        f"/api/v1/editions/{edition.pk}/",
        {"title": "Second writer"},
        format="json",
        HTTP_IF_MATCH=etag,
    )

    assert second.status_code == 412 and second.json()["type"] == "precondition_failed"
    assert Edition.objects.get(pk=edition.pk).title == "First writer"


def test_update_returns_new_etag_usable_for_next_update(client):
    edition = EditionFactory()
    etag = client.get(f"/api/v1/editions/{edition.pk}/")["ETag"]
    response = client.patch(
        f"/api/v1/editions/{edition.pk}/", {"title": "A"}, format="json", HTTP_IF_MATCH=etag
    )
    assert (
        client.patch(
            f"/api/v1/editions/{edition.pk}/",
            {"title": "B"},
            format="json",
            HTTP_IF_MATCH=response["ETag"],
        ).status_code
        == 200
    )


def test_other_records_accept_updates_without_if_match_but_check_it_when_sent(client):
    org = OrganisationFactory()
    assert (
        client.patch(
            f"/api/v1/organisations/{org.pk}/", {"acronym": "A"}, format="json"
        ).status_code
        == 200
    )
    assert (
        client.patch(
            f"/api/v1/organisations/{org.pk}/",
            {"acronym": "B"},
            format="json",
            HTTP_IF_MATCH='"stale"',
        ).status_code
        == 412
    )


def test_idempotency_key_replays_first_response_and_creates_once(client):
    payload = {"name": "UN Women", "acronym": "UNW", "kind": "un_agency"}
    first = client.post(
        "/api/v1/organisations/", payload, format="json", HTTP_IDEMPOTENCY_KEY="abc-123"
    )
    second = client.post(
        "/api/v1/organisations/", payload, format="json", HTTP_IDEMPOTENCY_KEY="abc-123"
    )

    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json() == first.json() and second["Idempotent-Replayed"] == "true"
    assert Organisation.objects.filter(acronym="UNW").count() == 1
    assert ActivityLog.objects.filter(action="organisation.create").count() == 1


def test_idempotency_key_with_different_body_is_422(client):
    client.post(
        "/api/v1/organisations/",
        {"name": "A", "kind": "other"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k1",
    )
    response = client.post(
        "/api/v1/organisations/",
        {"name": "B", "kind": "other"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k1",
    )
    assert response.status_code == 422 and response.json()["type"] == "idempotency_key_reused"


def test_failed_request_does_not_burn_the_key(client):
    bad = client.post(
        "/api/v1/organisations/",
        {"name": "", "kind": "other"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k2",
    )
    assert bad.status_code == 400 and not IdempotencyKey.objects.exists()


def test_keys_are_per_user(api):
    one, two = StaffFactory(), StaffFactory()
    for user, name in ((one, "Org one"), (two, "Org two")):
        api(user).post(
            "/api/v1/organisations/",
            {"name": name, "kind": "other"},
            format="json",
            HTTP_IDEMPOTENCY_KEY="same",
        )
    assert Organisation.objects.filter(name__startswith="Org ").count() == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_retries_with_same_key_create_once():
    staff = StaffFactory()
    results = []
    barrier = threading.Barrier(2)

    def post():
        client = APIClient()
        client.force_authenticate(staff)
        barrier.wait()
        results.append(
            client.post(
                "/api/v1/organisations/",
                {"name": "Race", "kind": "other"},
                format="json",
                HTTP_IDEMPOTENCY_KEY="race",
            ).status_code
        )
        connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [201, 201]
    assert Organisation.objects.filter(name="Race").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_writers_with_the_same_etag_one_wins_one_gets_412():
    staff = StaffFactory()
    edition = EditionFactory(title="Start")
    reader = APIClient()
    reader.force_authenticate(staff)
    etag = reader.get(f"/api/v1/editions/{edition.pk}/")["ETag"]
    results = []
    barrier = threading.Barrier(2)

    def patch(title):
        client = APIClient()
        client.force_authenticate(staff)
        barrier.wait()
        results.append(
            client.patch(
                f"/api/v1/editions/{edition.pk}/",
                {"title": title},
                format="json",
                HTTP_IF_MATCH=etag,
            ).status_code
        )
        connection.close()

    threads = [threading.Thread(target=patch, args=(t,)) for t in ("One", "Two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == [200, 412]
    assert Edition.objects.get(pk=edition.pk).title in ("One", "Two")

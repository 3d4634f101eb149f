"""Every write the schema marks with If-Match or Idempotency-Key honours it.

Walks docs/openapi.yaml (not a list of views) against the demo data (the `demo` fixture,
loaded once for the module): a stale If-Match is a 412 and a reused Idempotency-Key a 422,
both before the body is even validated, so an empty body is enough to tell whether the
operation goes through the safe-write mixins.
"""

from pathlib import Path

import pytest
import yaml
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from gfmd.platform.models import IdempotencyKey

pytestmark = pytest.mark.django_db
SCHEMA = yaml.safe_load((Path(__file__).parents[2] / "docs" / "openapi.yaml").read_text())


def _operations(header):
    for path, item in SCHEMA["paths"].items():
        for method, operation in item.items():
            names = {p.get("name") for p in operation.get("parameters", [])}
            if header in names:
                yield method.upper(), path


IF_MATCH = sorted(_operations("If-Match"))
IDEMPOTENT = sorted(_operations("Idempotency-Key"))


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _callers():
    """The demo's staff account first, then every other demo account."""
    users = get_user_model().objects.filter(is_active=True)
    return sorted(users, key=lambda u: (u.username != "staff", u.pk))


def _concrete(path, client):
    """`path` with `{id}` filled from the first row of the collection above it."""
    if "{" not in path:
        return path
    head, tail = path.split("{", 1)
    listing = client.get(head)
    if listing.status_code != 200:
        return None
    body = listing.json()
    rows = body["results"] if isinstance(body, dict) else body
    if not rows:
        return None
    return head + str(rows[0]["id"]) + tail.split("}", 1)[1]


def _first_reaching(method, path, send):
    """The response of the first demo account whose request gets past 403/404."""
    for user in _callers():
        client = _client(user)
        url = _concrete(path, client)
        if url is None:
            continue
        response = send(client, url, user)
        if response.status_code not in (403, 404):
            return client, url, response
    pytest.fail(f"no demo account reaches {method} {path}: add demo data for it")


def test_schema_marks_the_writes_partners_rely_on():
    assert ("PATCH", "/api/v1/sessions/{id}/") in IF_MATCH
    assert ("POST", "/api/v1/sessions/") in IDEMPOTENT
    assert ("PUT", "/api/v1/csd/applications/{id}/") in IF_MATCH
    assert ("POST", "/api/v1/papers/{id}/inputs/") in IDEMPOTENT


@pytest.mark.parametrize(("method", "path"), IF_MATCH)
def test_stale_if_match_is_412_and_writes_nothing(demo, method, path):
    def send(client, url, user):
        return client.generic(method, url, "{}", "application/json", HTTP_IF_MATCH='"stale"')

    client, url, response = _first_reaching(method, path, send)
    assert response.status_code == 412, (method, url, response.content[:300])
    assert response.json()["type"] == "precondition_failed"
    etag = client.get(url)["ETag"]
    # The current ETag is accepted (it gets past the precondition to validation or success).
    current = client.generic(method, url, "{}", "application/json", HTTP_IF_MATCH=etag)
    assert current.status_code not in (412, 428), (method, url, current.content[:300])


@pytest.mark.parametrize(("method", "path"), IDEMPOTENT)
def test_reused_idempotency_key_is_422(demo, method, path):
    def send(client, url, user):
        key = f"reused-{user.pk}-{path}"
        IdempotencyKey.objects.get_or_create(
            user=user, key=key[:200], defaults={"fingerprint": "another request"}
        )
        return client.post(url, {}, format="json", HTTP_IDEMPOTENCY_KEY=key[:200])

    _, url, response = _first_reaching(method, path, send)
    assert response.status_code == 422, (method, url, response.content[:300])
    assert response.json()["type"] == "idempotency_key_reused"

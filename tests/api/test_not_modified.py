"""Cheap 304s (gfmd/platform/api/conditional.py) on a real Redis: a conditional GET whose ETag
still holds is answered before the body is built, and any audited write, by anyone,
makes the next one a 200 with the new ETag. If-Match on writes keeps the ETags a GET
gives."""

import os
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from gfmd.platform.security import auth_cache
from tests.factories import EditionFactory, MeetingFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "gfmd.config.cache.ReusingRedisCache",
            "LOCATION": os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"),
            "KEY_PREFIX": f"test-304-{uuid.uuid4().hex[:10]}",
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def _session(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def _get(client, url, etag=None):
    headers = {"HTTP_IF_NONE_MATCH": etag} if etag else {}
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **headers)
    return response, len(ctx.captured_queries)


def test_detail_304_from_redis_takes_fewer_queries_and_changes_after_a_write(redis_cache):
    edition = EditionFactory()
    url = f"/api/v1/editions/{edition.pk}/"
    reader, writer = _session(StaffFactory()), _session(StaffFactory())
    full, full_queries = _get(reader, url)
    assert full.status_code == 200
    cheap, cheap_queries = _get(reader, url, full["ETag"])
    assert cheap.status_code == 304 and cheap["ETag"] == full["ETag"]
    assert cheap_queries < full_queries
    assert cheap_queries == 0  # user, groups and the ETag all from Redis

    # another user changes it, with the ETag the reader's GET gave (If-Match unchanged)
    changed = writer.patch(url, {"title": "Renamed"}, format="json", HTTP_IF_MATCH=full["ETag"])
    assert changed.status_code == 200, changed.json()
    again, _ = _get(reader, url, full["ETag"])
    assert again.status_code == 200 and again.json()["title"] == "Renamed"
    assert again["ETag"] == changed["ETag"] != full["ETag"]
    assert _get(reader, url, again["ETag"])[0].status_code == 304


def test_list_carries_etag_and_its_304_follows_writes(redis_cache):
    edition = EditionFactory()
    MeetingFactory(edition=edition)
    url = f"/api/v1/meetings/?edition={edition.pk}"
    reader, writer = _session(StaffFactory()), _session(StaffFactory())
    full, full_queries = _get(reader, url)
    assert full.status_code == 200 and full["ETag"].startswith('"')
    cheap, cheap_queries = _get(reader, url, full["ETag"])
    assert cheap.status_code == 304 and cheap_queries < full_queries
    assert writer.delete(f"/api/v1/meetings/{full.json()['results'][0]['id']}/").status_code == 204
    after, _ = _get(reader, url, full["ETag"])
    assert after.status_code == 200 and after.json()["count"] == 0


def test_an_etag_is_kept_per_caller(redis_cache):
    edition = EditionFactory()
    url = f"/api/v1/editions/{edition.pk}/"
    first, other = _session(StaffFactory()), _session(StaffFactory())
    full, _ = _get(first, url)
    # the other caller has nothing kept: built in full, then a 304 by comparing the payload
    response, queries = _get(other, url, full["ETag"])
    assert response.status_code == 304 and queries > 0


def test_losing_access_drops_kept_etags(redis_cache):
    url = f"/api/v1/meetings/{MeetingFactory().pk}/"
    staff = StaffFactory()
    reader = _session(staff)
    full, _ = _get(reader, url)
    assert _get(reader, url, full["ETag"])[0].status_code == 304
    staff.groups.clear()
    auth_cache.forget_user(staff.pk)  # what the user admin does after a group change
    response, _ = _get(reader, url, full["ETag"])
    assert response.status_code in (403, 404)  # outside reach: the usual answer, no 304


def test_without_redis_the_body_is_built_and_compared(staff, api):
    edition = EditionFactory()
    client = api(staff)
    url = f"/api/v1/editions/{edition.pk}/"
    full = client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, HTTP_IF_NONE_MATCH=full["ETag"])
    assert response.status_code == 304
    assert any('FROM "gfmd_edition"' in q["sql"] for q in ctx.captured_queries)


def test_an_unchanged_entry_is_not_written_again_and_a_changed_one_is(redis_cache, monkeypatch):
    from django.core.cache import caches

    from gfmd.platform.api import conditional

    edition = EditionFactory()
    url = f"/api/v1/editions/{edition.pk}/"
    reader, writer = _session(StaffFactory()), _session(StaffFactory())
    writes = []
    backend = type(caches["default"])
    real_set = backend.set

    def counting_set(self, key, *args, **kwargs):
        if conditional.ENTRY_KEY.split("%")[0] in key:
            writes.append(args[0])
        return real_set(self, key, *args, **kwargs)

    monkeypatch.setattr(backend, "set", counting_set)
    first, _ = _get(reader, url)
    assert len(writes) == 1  # the first 200 keeps its entry
    _get(reader, url)
    assert _get(reader, url, first["ETag"])[0].status_code == 304
    assert len(writes) == 1  # the same generation and ETag: not written again
    writer.patch(url, {"title": "Renamed"}, format="json", HTTP_IF_MATCH=first["ETag"])
    again, _ = _get(reader, url)
    assert len(writes) == 2 and writes[-1][1] == again["ETag"] != first["ETag"]

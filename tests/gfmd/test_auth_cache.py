"""The verified user from Redis (gfmd/platform/security/auth_cache.py): session and bearer token
requests read no user, group, focal-point or token row once cached, and every change that
permissions read reaches the next request. Real Redis (TEST_REDIS_URL), PostgreSQL."""

import base64
import os
import time
import uuid
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from oauth2_provider.models import AccessToken
from redis.connection import Connection
from rest_framework.test import APIClient

from gfmd.models import FocalPoint
from gfmd.platform.roles import SUPPORT_UNIT_GROUP
from gfmd.platform.security import auth_cache
from gfmd.services.clients import partner_client_register, partner_client_revoke
from tests.factories import FocalPointFactory, StaffFactory, country

pytestmark = pytest.mark.django_db

STAFF_ONLY = "/api/v1/activity/"
RECORDS = "/api/v1/countries/?page_size=1"
AUTH_TABLES = ('"auth_user"', '"auth_group"', '"gfmd_focalpoint"', '"oauth2_provider_accesstoken"')


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "gfmd.config.cache.ReusingRedisCache",
            "LOCATION": os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"),
            "KEY_PREFIX": f"test-auth-{uuid.uuid4().hex[:10]}",
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    assert auth_cache.redis_cache() is not None
    return auth_cache.redis_cache()


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _auth_queries(client, url, **headers) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **headers)
    sql = [q["sql"] for q in ctx.captured_queries]
    return response.status_code, [s for s in sql if any(t in s for t in AUTH_TABLES)]


def _admin_save_user(admin: Client, user, **changes):
    """The user admin's change form, posted as a browser would, with `changes` applied."""
    page = admin.get(f"/admin/auth/user/{user.pk}/change/")
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    for key in ("groups", "user_permissions", "last_login", "date_joined"):
        data.pop(key, None)
    data.update(
        {
            "date_joined_0": "2020-01-01",
            "date_joined_1": "00:00:00",
            "focal_points-TOTAL_FORMS": 0,
            "focal_points-INITIAL_FORMS": 0,
            "groups": [g.pk for g in user.groups.all()],
        }
    )
    data.update(changes)
    data = {k: v for k, v in data.items() if v is not False}  # unchecked boxes are absent
    response = admin.post(f"/admin/auth/user/{user.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""


def test_session_request_reads_no_user_group_or_focal_point_row_once_cached(redis_cache):
    staff = StaffFactory()
    FocalPointFactory(user=staff, country=country("DEU"))
    client = _logged_in(staff)
    status, first = _auth_queries(client, STAFF_ONLY)
    assert status == 200 and first  # filled from the database
    status, second = _auth_queries(client, STAFF_ONLY)
    assert status == 200 and second == []


def test_a_known_session_is_read_with_its_user_in_one_round_trip(redis_cache, monkeypatch):
    sent = []
    original = Connection.send_packed_command

    def counting(self, command, check_health=True):
        packed = command if isinstance(command, bytes) else b"".join(command)
        sent.append(packed.split(b"\r\n")[2].decode())
        return original(self, command, check_health)

    client = _logged_in(StaffFactory())
    assert [client.get(RECORDS).status_code for _ in range(2)] == [200, 200]
    monkeypatch.setattr(Connection, "send_packed_command", counting)
    assert client.get(RECORDS).status_code == 200
    # the session, the user's snapshot and the list's kept ETag; the throttle's lease
    # (1/100 of the limit) was taken by the first request
    assert sent == ["MGET"]


def test_a_session_is_still_checked_against_the_user_this_worker_saw(redis_cache):
    staff, focal = StaffFactory(), FocalPointFactory(country=country("DEU")).user
    client = _logged_in(focal)
    assert client.get(STAFF_ONLY).status_code == 403
    # whatever this worker remembered, the session's own user is the one served
    auth_cache._session_users[client.cookies["sessionid"].value] = staff.pk
    _logged_in(staff).get(STAFF_ONLY)
    assert client.get(STAFF_ONLY).status_code == 403
    assert client.get(RECORDS).status_code == 200


def test_without_redis_the_stock_path_reads_the_user(staff):
    client = _logged_in(staff)
    client.get(STAFF_ONLY)
    status, queries = _auth_queries(client, STAFF_ONLY)
    assert status == 200 and any('"auth_user"' in q for q in queries)


def test_removed_from_support_unit_in_admin_is_refused_on_next_request(redis_cache):
    target, admin = StaffFactory(), StaffFactory()
    client = _logged_in(target)
    assert [client.get(STAFF_ONLY).status_code for _ in range(2)] == [200, 200]
    _admin_save_user(_logged_in(admin), target, groups=[])
    assert client.get(STAFF_ONLY).status_code == 403


def test_added_to_support_unit_in_admin_is_allowed_on_next_request(redis_cache):
    admin = StaffFactory()
    target = FocalPointFactory(country=country("DEU")).user
    client = _logged_in(target)
    assert [client.get(STAFF_ONLY).status_code for _ in range(2)] == [403, 403]
    group = Group.objects.get(name=SUPPORT_UNIT_GROUP)
    _admin_save_user(_logged_in(admin), target, groups=[group.pk])
    assert client.get(STAFF_ONLY).status_code == 200


def test_deactivated_in_admin_is_signed_out_on_next_request(redis_cache):
    target, admin = StaffFactory(), StaffFactory()
    client = _logged_in(target)
    assert [client.get(RECORDS).status_code for _ in range(2)] == [200, 200]
    _admin_save_user(_logged_in(admin), target, is_active=False)
    assert client.get(RECORDS).status_code == 403


def test_password_change_ends_other_sessions_on_next_request(redis_cache):
    target = StaffFactory()
    other_session = _logged_in(target)
    assert [other_session.get(RECORDS).status_code for _ in range(2)] == [200, 200]
    target.set_password("another-pass-456")
    target.save()  # every Django path (admin, password views, changepassword) ends here
    assert other_session.get(RECORDS).status_code == 403
    assert _logged_in(target).get(RECORDS).status_code == 200


def test_logout_ends_the_session_and_drops_the_snapshot(redis_cache):
    target = StaffFactory()
    client = _logged_in(target)
    assert [client.get(RECORDS).status_code for _ in range(2)] == [200, 200]
    key = auth_cache.USER_GEN_KEY % target.pk
    before = redis_cache.get(key, 0)
    client.post("/admin/logout/")
    assert redis_cache.get(key, 0) > before
    assert client.get(RECORDS).status_code == 403


def test_focal_point_removed_through_the_api_is_refused_on_next_request(redis_cache):
    fp = FocalPointFactory(country=country("DEU"))
    client = _logged_in(fp.user)
    assert [client.get(RECORDS).status_code for _ in range(2)] == [200, 200]
    staff = APIClient()
    staff.force_login(StaffFactory())
    assert staff.delete(f"/api/v1/focal-points/{fp.pk}/").status_code == 204
    assert client.get(RECORDS).status_code == 403


def test_focal_point_ended_through_the_api_is_refused_on_next_request(redis_cache):
    fp = FocalPointFactory(country=country("DEU"))
    client = _logged_in(fp.user)
    assert [client.get(RECORDS).status_code for _ in range(2)] == [200, 200]
    staff = APIClient()
    staff.force_login(StaffFactory())
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = staff.patch(f"/api/v1/focal-points/{fp.pk}/", {"end_date": yesterday})
    assert response.status_code == 200, response.json()
    assert client.get(RECORDS).status_code == 403


def test_invalidation_is_repeated_after_commit(redis_cache, django_capture_on_commit_callbacks):
    user = StaffFactory()
    key = auth_cache.USER_GEN_KEY % user.pk
    with django_capture_on_commit_callbacks(execute=True):
        auth_cache.forget_user(user.pk)
        assert redis_cache.get(key) == 1
    assert redis_cache.get(key) == 2


# --- bearer tokens -----------------------------------------------------------------------


def _client_token(staff, scopes=("read",)):
    client, secret = partner_client_register(
        actor=staff, name="Ministry portal", scopes=list(scopes), country=country("DEU")
    )
    basic = base64.b64encode(f"{client.application.client_id}:{secret}".encode()).decode()
    response = Client().post(
        "/oauth/token/",
        urlencode({"grant_type": "client_credentials"}),
        content_type="application/x-www-form-urlencoded",
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )
    return client, secret, response.json()["access_token"]


def _bearer(token) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def test_token_request_reads_no_token_or_user_row_once_cached(redis_cache):
    _, _, token = _client_token(StaffFactory())
    api = _bearer(token)
    status, first = _auth_queries(api, RECORDS)
    assert status == 200 and any("oauth2_provider_accesstoken" in q for q in first)
    status, second = _auth_queries(api, RECORDS)
    assert status == 200 and second == []


def test_token_revoked_at_the_revocation_endpoint_is_401_on_next_request(redis_cache):
    client, secret, token = _client_token(StaffFactory())
    api = _bearer(token)
    assert [api.get(RECORDS).status_code for _ in range(2)] == [200, 200]
    basic = base64.b64encode(f"{client.application.client_id}:{secret}".encode()).decode()
    revoked = Client().post(
        "/oauth/revoke/",
        urlencode({"token": token}),
        content_type="application/x-www-form-urlencoded",
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )
    assert revoked.status_code == 200
    response = api.get(RECORDS)
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")


def test_client_revoked_by_staff_is_401_on_next_request(redis_cache):
    staff = StaffFactory()
    client, _, token = _client_token(staff)
    api = _bearer(token)
    assert [api.get(RECORDS).status_code for _ in range(2)] == [200, 200]
    partner_client_revoke(actor=staff, client=client)
    assert api.get(RECORDS).status_code == 401


def test_token_expiry_is_checked_on_every_request(redis_cache):
    _, _, token = _client_token(StaffFactory())
    AccessToken.objects.filter(token_checksum=auth_cache.token_checksum(token)).update(
        expires=timezone.now() + timedelta(seconds=2)
    )
    api = _bearer(token)
    assert [api.get(RECORDS).status_code for _ in range(2)] == [200, 200]
    key = auth_cache.TOKEN_KEY % auth_cache.token_checksum(token)
    assert redis_cache.touch(key, 300)  # even an entry that outlived its token
    time.sleep(2.2)
    assert api.get(RECORDS).status_code == 401


def test_client_focal_point_moved_is_seen_on_next_request(redis_cache):
    """The service account's bodies are cached like anyone's: a change reaches the token."""
    staff = StaffFactory()
    client, _, token = _client_token(staff)
    api = _bearer(token)
    assert [api.get(RECORDS).status_code for _ in range(2)] == [200, 200]
    staff_api = APIClient()
    staff_api.force_login(staff)
    fp = FocalPoint.objects.get(user=client.service_user)
    assert staff_api.delete(f"/api/v1/focal-points/{fp.pk}/").status_code == 204
    assert api.get(RECORDS).status_code == 403


def test_redis_replies_are_parsed_by_hiredis(redis_cache):
    # requirements.txt pins hiredis: redis-py then parses every reply in C (the
    # per-request MGET included); without it, it falls back to its Python parser.
    from redis.utils import HIREDIS_AVAILABLE

    assert HIREDIS_AVAILABLE
    redis_cache.get_many(["a", "b"])
    pool = redis_cache._cache.get_client(write=False).connection_pool
    connection = pool.get_connection()
    try:
        assert type(connection._parser).__name__.startswith("_Hiredis"), type(connection._parser)
    finally:
        pool.release(connection)

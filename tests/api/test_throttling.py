"""Per-caller limits (gfmd/platform/api/throttling.py) on a real Redis: the same limits, scopes and
429 as DRF's throttles, counted in one round trip per request."""

import os
import uuid
from types import SimpleNamespace

import pytest
from django.test import Client
from redis.connection import Connection
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

from gfmd.platform.api.throttling import retry_after
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/editions/"  # anonymous callers may list editions


@pytest.fixture
def redis_cache(settings, monkeypatch):
    settings.CACHES = {
        "default": {
            "BACKEND": "gfmd.config.cache.ReusingRedisCache",
            "LOCATION": os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"),
            "KEY_PREFIX": f"test-throttle-{uuid.uuid4().hex[:10]}",
        }
    }
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "4/min"})


@pytest.fixture
def round_trips(monkeypatch):
    """Every command (or pipeline) redis-py sends that touches a throttle counter, by its
    first word (the same request also reads the session and its cheap-304 ETag)."""
    sent = []
    original = Connection.send_packed_command

    def counting(self, command, check_health=True):
        packed = command if isinstance(command, bytes) else b"".join(command)
        if b"throttle_" in packed:
            sent.append(packed.split(b"\r\n")[2].decode())
        return original(self, command, check_health)

    monkeypatch.setattr(Connection, "send_packed_command", counting)
    return sent


def test_anonymous_limit_per_ip_with_retry_after(redis_cache):
    client = Client(REMOTE_ADDR="203.0.113.7")
    assert [client.get(URL).status_code for _ in range(4)] == [200, 200, 200, 429]
    response = client.get(URL)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 120
    assert response.json()["type"] == "throttled"
    assert Client(REMOTE_ADDR="203.0.113.8").get(URL).status_code == 200  # another IP


def test_user_limit_per_account(redis_cache):
    first, second = Client(), Client()
    first.force_login(StaffFactory())
    second.force_login(StaffFactory())
    assert [first.get(URL).status_code for _ in range(5)] == [200, 200, 200, 200, 429]
    assert second.get(URL).status_code == 200
    # the same account from another address is the same budget
    again = Client(REMOTE_ADDR="198.51.100.1")
    again.cookies = first.cookies
    assert again.get(URL).status_code == 429


def test_anonymous_callers_held_to_the_lower_rate_as_before(redis_cache, monkeypatch):
    # DRF's user throttle counted anonymous callers by IP too
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "5/min", "user": "2/min"})
    client = Client(REMOTE_ADDR="203.0.113.12")
    assert [client.get(URL).status_code for _ in range(3)] == [200, 200, 429]


def test_refused_requests_do_not_count(redis_cache, settings):
    from django.core.cache import caches

    client = Client(REMOTE_ADDR="203.0.113.9")
    statuses = [client.get(URL).status_code for _ in range(6)]
    assert statuses == [200, 200, 200, 429, 429, 429]
    cache = caches["default"]
    raw = cache._cache.get_client(write=False)
    counters = [int(raw.get(k)) for k in raw.keys(cache.make_key("throttle_anon_*"))]
    assert counters == [3]


def test_throttle_is_one_redis_round_trip(redis_cache, round_trips):
    client = Client(REMOTE_ADDR="203.0.113.10")
    client.get(URL)  # loads the script once (NOSCRIPT -> SCRIPT LOAD)
    round_trips.clear()
    assert client.get(URL).status_code == 200
    assert round_trips == ["EVALSHA"]


def test_a_lease_serves_a_share_of_the_limit_without_redis(redis_cache, round_trips, monkeypatch):
    from django.core.cache import caches

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "1000/min"})
    client = Client()
    client.force_login(StaffFactory())
    assert client.get(URL).status_code == 200  # takes a lease of 10 (1/100 of the limit)
    round_trips.clear()
    assert [client.get(URL).status_code for _ in range(9)] == [200] * 9
    assert round_trips == []  # spent from the lease
    assert client.get(URL).status_code == 200
    assert round_trips == ["EVALSHA"]  # the next lease
    cache = caches["default"]
    raw = cache._cache.get_client(write=False)
    counters = [int(raw.get(k)) for k in raw.keys(cache.make_key("throttle_user_*"))]
    assert counters == [20]  # leased requests count, spent or not


def test_leases_never_grant_past_the_limit(redis_cache, monkeypatch):
    from gfmd.platform.api import throttling

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/min", "user": "1005/min"})
    monkeypatch.setattr(throttling, "clock", lambda: 1_800_000_030.0)  # one window
    request = SimpleNamespace(user=StaffFactory(), META={})
    throttle = throttling.UserThrottle()
    assert sum(throttle.allow_request(request, None) for _ in range(1100)) == 1005
    # 100 leases of 10, then the 5 left, then none. Leases dropped unspent (another
    # worker's, say) still count: fewer requests, never more.
    request = SimpleNamespace(user=StaffFactory(), META={})
    allowed = 0
    for i in range(1100):
        if i % 7 == 0:
            throttling._leases.clear()
        allowed += throttle.allow_request(request, None)
    assert 0 < allowed < 1005


def test_drf_throttle_took_two_round_trips(redis_cache, round_trips, monkeypatch):
    """What the project's class replaces: DRF's list of timestamps, read then written."""
    from gfmd.api.views import EditionViewSet

    monkeypatch.setattr(EditionViewSet, "throttle_classes", [AnonRateThrottle])
    client = Client(REMOTE_ADDR="203.0.113.11")
    client.get(URL)
    round_trips.clear()
    assert client.get(URL).status_code == 200
    assert round_trips == ["GET", "SET"]


def test_retry_after_is_when_the_weighted_count_falls_below_the_limit():
    # 3 of 3 in this window, 10 s into it: 50 s to its end, then 20 s until 3 * (1 - t/60) <= 2
    assert retry_after(3, 60, 10, 3, 0) == pytest.approx(70)
    # the previous window's 6 at weight 5/6 plus 0 now: wait until 6 * w <= 2, w = 1/3
    assert retry_after(3, 60, 10, 0, 6) == pytest.approx(30)

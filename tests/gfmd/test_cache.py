"""The Redis cache backend: Django's, with one redis-py client per pool reused across calls."""

import os
import uuid

from gfmd.config.cache import ReusingRedisCache


def test_redis_cache_reuses_its_client_and_round_trips_values():
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    cache = ReusingRedisCache(url, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    cache.set("throttle", [1.5, 2.5], timeout=30)
    assert cache.get("throttle") == [1.5, 2.5]
    assert cache.incr("counter", 1) if cache.add("counter", 1) else False
    assert cache.get("counter") == 2
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is client
    assert cache._cache.get_client(write=False) is cache._cache.get_client(write=False)
    cache.delete_many(["throttle", "counter"])
    assert cache.get("throttle") is None

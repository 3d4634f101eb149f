"""Django's Redis cache backend, reusing one redis-py client per connection pool.

Django builds a new `redis.Redis` for every cache call, and each one copies redis-py's
table of response callbacks: about a third of a millisecond per API request, which makes
two or three cache calls (throttling, the session). The connection pools are Django's own.
"""

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import transaction


class ReusingRedisCacheClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)  # a random replica for reads
        clients = self.__dict__.setdefault("_clients", {})
        if index not in clients:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(
                    self._servers[index], **self._pool_options
                )
            clients[index] = self._client(connection_pool=self._pools[index])
        return clients[index]


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient


# --- counters the request path reads (gfmd/security/auth_cache.py, gfmd/api/conditional.py)

WRITE_GENERATION_KEY = "gfmd:api:writes"


def redis_cache() -> RedisCache | None:
    """The default cache when it is Redis: shared by every worker, so a counter bumped in
    one is seen by all (the per-process memory cache is not)."""
    cache = caches["default"]
    return cache if isinstance(cache, RedisCache) else None


def incr_counter(cache: RedisCache, key: str) -> None:
    # Redis INCR creates a missing counter; Django's cache stores ints as plain integers,
    # so cache.get() reads it back.
    cache._cache.get_client(write=True).incr(cache.make_and_validate_key(key))


def bump_counter(key: str) -> None:
    """Bump now and again once the current transaction commits: a request that read the
    counter in between may have read rows from before the commit."""
    cache = redis_cache()
    if cache is None:
        return
    incr_counter(cache, key)
    transaction.on_commit(lambda: incr_counter(cache, key))


def bump_write_generation() -> None:
    """Every ETag kept for a cheap 304 (gfmd/api/conditional.py) is stale. Called by
    `log_action`, so by every audited write, and by a change of a user's roles."""
    bump_counter(WRITE_GENERATION_KEY)

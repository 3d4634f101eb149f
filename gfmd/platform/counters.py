"""Counters shared by every worker, kept in Redis: the generations the verified-user cache
(gfmd/platform/security/auth_cache.py) and the cheap 304s (gfmd/platform/api/conditional.py)
read. Without Redis as the cache (development, most tests) nothing is counted.
"""

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import transaction

WRITE_GENERATION_KEY = "gfmd:api:writes"

# Keys a layer will read for a signed-in request, fetched with the user's snapshot in one
# MGET (gfmd/platform/security/auth_cache.py): each maker gives (request, user id) -> keys.
_prefetchers = []


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
    """Every ETag kept for a cheap 304 (gfmd/platform/api/conditional.py) is stale. Called by
    `log_action`, so by every audited write, and by a change of a user's roles."""
    bump_counter(WRITE_GENERATION_KEY)


def prefetch_with_user(maker):
    """Register `maker(request, user_id) -> keys` (a decorator)."""
    _prefetchers.append(maker)
    return maker


def keys_to_prefetch(request, user_id) -> list[str]:
    return [key for maker in _prefetchers for key in maker(request, user_id)]


def prefetched(request, keys) -> dict | None:
    """{key: value} of `keys` as the request's snapshot MGET found them (a missing key is
    absent), or None when that MGET did not ask for all of them."""
    asked, found = getattr(request, "_gfmd_prefetched", ((), None))
    if found is None or not all(key in asked for key in keys):
        return None
    return {key: found[key] for key in keys if key in found}

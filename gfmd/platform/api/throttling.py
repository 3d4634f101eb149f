"""Per-caller request limits in one Redis round trip.

DRF's `SimpleRateThrottle` keeps a list of the timestamps of the caller's requests in
the last period, reads it and writes it back on every request: two round trips and a
list that grows with the limit (1,200 entries at the production user limit). Here the
same limits, scopes and keys (per user account, a partner client being its own service
account; per client IP for anonymous callers) are counted with a sliding window counter:
one counter per fixed window, and the previous window's count weighted by the share of
it still inside the sliding period. A Lua script reads both counters and counts the
request only when it is allowed, so a refused request costs nothing against the budget
(as with DRF's log) and the whole check is one EVALSHA.

With another cache backend (the per-process memory cache of development and of most
tests) the same counter is kept with the cache's `get_many`, `add` and `incr`.

The 429 is DRF's `Throttled`: the project's JSON error body (`"type": "throttled"`) and a
`Retry-After` header with the seconds until the weighted count falls below the limit.
"""

import math
import time

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

# KEYS: current window, previous window. ARGV: limit, weight of the previous window,
# expiry of the current window's counter. Returns {allowed, current, previous}.
SLIDING_WINDOW_LUA = """
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
if previous * tonumber(ARGV[2]) + current >= tonumber(ARGV[1]) then
  return {0, current, previous}
end
current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
return {1, current, previous}
"""


def _redis_script(cache: RedisCache):
    """The script, registered once per redis-py client (EVALSHA; loaded on NOSCRIPT)."""
    client = cache._cache.get_client(write=True)
    script = getattr(client, "_gfmd_sliding_window", None)
    if script is None:
        script = client._gfmd_sliding_window = client.register_script(SLIDING_WINDOW_LUA)
    return script


def retry_after(limit: int, duration: int, elapsed: float, current: int, previous: int) -> float:
    """Seconds until `previous * (1 - t/duration) + current` allows one more request."""
    if current >= limit:
        # this window's count alone is too many: wait for it to become the previous one
        # and lose enough weight
        return (duration - elapsed) + duration * (1 - (limit - 1) / current)
    if previous <= 0:
        return 1.0
    return max(1.0, duration * (1 - (limit - 1 - current) / previous) - elapsed)


class SlidingWindowMixin:
    """`allow_request` and `wait` for a DRF `SimpleRateThrottle` subclass."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        now = time.time()
        window = int(now // self.duration)
        self.elapsed = now - window * self.duration
        weight = 1 - self.elapsed / self.duration
        keys = (f"{key}:{window}", f"{key}:{window - 1}")
        cache = caches["default"]
        if isinstance(cache, RedisCache):
            allowed, self.current, self.previous = _redis_script(cache)(
                keys=[cache.make_and_validate_key(k) for k in keys],
                args=[self.num_requests, repr(weight), 2 * self.duration],
            )
        else:
            counts = cache.get_many(keys)
            self.current, self.previous = counts.get(keys[0], 0), counts.get(keys[1], 0)
            allowed = self.previous * weight + self.current < self.num_requests
            if allowed and not cache.add(keys[0], 1, 2 * self.duration):
                cache.incr(keys[0])
        return bool(allowed)

    def wait(self):
        wait = retry_after(
            self.num_requests, self.duration, self.elapsed, self.current, self.previous
        )
        return math.ceil(max(wait, 1.0))


class AnonThrottle(SlidingWindowMixin, AnonRateThrottle):
    """Anonymous callers, per client IP (scope `anon`).

    DRF's `UserRateThrottle` counted anonymous callers too (by IP, under `user`), so they
    were held to the lower of the two rates in two counters; here one counter, at that
    lower rate, so an anonymous request is one round trip as well."""

    def __init__(self):
        super().__init__()
        user_rate = self.THROTTLE_RATES.get(UserThrottle.scope)
        if self.rate is not None and user_rate and getattr(UserThrottle, "rate", None) is None:
            num, duration = self.parse_rate(user_rate)
            if num / duration < self.num_requests / self.duration:
                self.num_requests, self.duration = num, duration


class UserThrottle(SlidingWindowMixin, UserRateThrottle):
    """Authenticated callers, per user account (scope `user`); a partner client is its
    own service account. Anonymous callers are `AnonThrottle`'s."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)

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

A request takes a *lease* of 1/LEASE_SHARE of the limit (at least one request): the
script counts the whole lease at once and the worker spends the rest of it without
asking Redis, until the lease is used or its window ends. A signed-in user within limits
thus costs one round trip per lease, not per request; what a worker leased but did not
spend still counts, so a caller served by N workers may be refused up to N - 1 leases
((N - 1) % of the limit) short of it. Under LEASE_SHARE requests per period the lease is
one request, counted exactly as before (the anonymous limit, and every test's small
limits).

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

LEASE_SHARE = 100
MAX_LEASES = 10_000  # per process; past it the leases are dropped (they still count)

# KEYS: current window, previous window. ARGV: limit, weight of the previous window,
# expiry of the current window's counter, requests wanted. Grants as many of them as would
# each have been allowed one by one (the room left, rounded up), at least one, or none.
# Returns {granted, current, previous}.
SLIDING_WINDOW_LUA = """
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
local room = tonumber(ARGV[1]) - previous * tonumber(ARGV[2]) - current
if room <= 0 then
  return {0, current, previous}
end
local granted = math.min(tonumber(ARGV[4]), math.ceil(room))
current = redis.call('INCRBY', KEYS[1], granted)
if current == granted then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
return {granted, current, previous}
"""

clock = time.time  # (tests hold it still)

# {current window's Redis key: requests of this worker's lease not yet spent}
_leases: dict[str, int] = {}


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
        now = clock()
        window = int(now // self.duration)
        self.elapsed = now - window * self.duration
        weight = 1 - self.elapsed / self.duration
        keys = (f"{key}:{window}", f"{key}:{window - 1}")
        cache = caches["default"]
        if isinstance(cache, RedisCache):
            current_key = cache.make_and_validate_key(keys[0])
            left = _leases.get(current_key)
            if left:
                _leases[current_key] = left - 1
                return True
            lease = max(1, self.num_requests // LEASE_SHARE)
            allowed, self.current, self.previous = _redis_script(cache)(
                keys=[current_key, cache.make_and_validate_key(keys[1])],
                args=[self.num_requests, repr(weight), 2 * self.duration, lease],
            )
            if allowed > 1:
                if len(_leases) >= MAX_LEASES:
                    _leases.clear()
                _leases[current_key] = allowed - 1
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

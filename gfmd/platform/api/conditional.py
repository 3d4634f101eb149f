"""Cheap 304s: a conditional GET answered from Redis without building the body.

Every response of a list or a detail this mixin covers carries an ETag (details keep the
one `safe_writes.etag_for` makes of their payload, so If-Match on writes is unchanged;
lists get a hash of their bytes). After a 200, Redis keeps, for this caller and this
URL, the ETag and the *write generation* read before the body was built. The write
generation is one counter that every audited write bumps after it commits
(`gfmd.platform.services.activity.log_action`: every write in the service is audited) and that a
change to what a user may see bumps too (`gfmd.platform.security.auth_cache.forget_user`). A GET
whose If-None-Match holds that ETag while the generation is unchanged is a 304 after
authentication, view permission and throttling, before the queryset is touched.

What it does not see: a write that writes no activity entry, and time passing. The
entry's key holds the date (payloads that depend on "today"), it lives
`ENTRY_SECONDS`, and views whose payloads change without an audited write (delivery
statuses written by tasks, for instance) set `not_modified_cache = False`. Object
permissions are not re-checked for a 304 (it carries no data); a change of the caller's
roles bumps the generation anyway. Without Redis nothing is kept and every GET is built.
"""

import hashlib
from datetime import date

from rest_framework import status
from rest_framework.response import Response

from gfmd.platform.counters import (
    WRITE_GENERATION_KEY,
    prefetch_with_user,
    prefetched,
    redis_cache,
)

ENTRY_KEY = "gfmd:api:etag:%s"
ENTRY_SECONDS = 600
CACHED_ACTIONS = ("list", "retrieve")


def etag_of_bytes(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:40] + '"'


def if_none_match(request) -> list[str]:
    header = request.META.get("HTTP_IF_NONE_MATCH", "")
    return [c.strip().removeprefix("W/") for c in header.split(",") if c.strip()]


def entry_key(request, user_pk) -> str:
    """The Redis key of the kept (generation, ETag) of this caller, URL and day."""
    parts = (
        str(user_pk if user_pk is not None else "-"),
        request.scheme,
        request.META.get("HTTP_HOST", ""),  # absolute links in the body
        request.get_full_path(),
        request.META.get("HTTP_ACCEPT", ""),
        request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
        date.today().isoformat(),
    )
    return ENTRY_KEY % hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


@prefetch_with_user
def _prefetch(request, user_id) -> list[str]:
    # read with the user's snapshot: the view then reads them without a round trip
    if request.method not in ("GET", "HEAD"):
        return []
    return [WRITE_GENERATION_KEY, entry_key(request, user_id)]


class NotModified(Exception):
    def __init__(self, etag: str):
        self.etag = etag


class NotModifiedMixin:
    """For list and retrieve: ETag on every 200, 304 from Redis when it still holds."""

    not_modified_cache = True

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self._write_generation = self._etag_entry = None
        if (
            not self.not_modified_cache
            or request.method not in ("GET", "HEAD")
            or getattr(self, "action", None) not in CACHED_ACTIONS
        ):
            return
        cache = redis_cache()
        if cache is None:
            return
        user = request.user
        self._etag_key = entry_key(request, user.pk if user and user.is_authenticated else None)
        keys = [WRITE_GENERATION_KEY, self._etag_key]
        found = prefetched(request._request, keys)
        if found is None:
            found = cache.get_many(keys)
        self._write_generation = found.get(WRITE_GENERATION_KEY, 0)
        entry = self._etag_entry = found.get(self._etag_key)
        candidates = if_none_match(request)
        fresh = entry is not None and entry[0] == self._write_generation
        if fresh and (entry[1] in candidates or "*" in candidates):
            raise NotModified(entry[1])

    def handle_exception(self, exc):
        if isinstance(exc, NotModified):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": exc.etag})
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if (
            getattr(self, "_write_generation", None) is None
            or response.status_code not in (status.HTTP_200_OK, status.HTTP_304_NOT_MODIFIED)
            or getattr(response, "streaming", False)
        ):
            return response
        etag = response.get("ETag")  # a detail's, from its payload (safe_writes.etag_for)
        if etag is None and response.status_code == status.HTTP_200_OK:
            if hasattr(response, "render"):
                response.render()
            etag = etag_of_bytes(response.content)
            response["ETag"] = etag
            if etag in if_none_match(request):
                response = Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
                response = super().finalize_response(request, response, *args, **kwargs)
        if etag is None:
            return response
        entry = (self._write_generation, etag)
        # An unchanged entry is not written again (a client polling one list): one Redis
        # round trip less; it then lives ENTRY_SECONDS from its first write, not its last.
        if getattr(self, "_etag_entry", None) != entry:
            redis_cache().set(self._etag_key, entry, ENTRY_SECONDS)
        return response

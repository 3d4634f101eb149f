"""The verified user of a request from Redis: session cookie and OAuth2 bearer token.

Stock Django loads the user row on every request (and the rules then read the user's
groups and focal points: two more queries), and DRF's OAuth2 authentication loads the
token, then the client and its service account. With Redis as the cache, each user's
*snapshot* is kept there instead: the fields the request path reads (not the password nor
`last_login`, which stay deferred and load on access), the session auth hash, group
names and focal-point periods (what `gfmd/rules.py` and the apps' rules read), and
whether the account is a partner client's. One MGET fetches the snapshot with its two
generation counters, the user's and a global one; a snapshot filled under other
generations is refilled from the database.

Still verified on every request: the session's auth hash must equal the snapshot's
(anything else goes through Django's own `get_user`, which checks the fallback secrets and
flushes a stale session), an inactive user gets nothing, and a token's expiry is compared
with the clock; a token's entry never outlives the token.

Invalidated (the user's generation bumped after commit, `forget_user`) by:
- logout (Django's `user_logged_out` signal; the session itself is flushed anyway);
- a password change: `PasswordChangeHook` is a password "validator" whose
  `password_changed` Django calls whenever a new password is saved;
- deactivation, staff flags and group changes made in the user admin
  (`gfmd/admin/governance.py`) and a partner client's revocation
  (`gfmd/services/clients.py`);
- focal-point assignment (`gfmd/platform/services/records.py` for every create, change and
  delete, admin and API alike; an organisation merge moving focal points,
  `civil_society/services/organisations.py`).
Token entries are dropped by DOT's revocation (`RevokingValidator.revoke_token`) and by a
client's revocation; they expire with the token. A token deleted any other way (DOT's
admin, `cleartokens`) stays usable for at most TOKEN_SECONDS (5 minutes).

Reaches (chairs, co-chairs, Steering Group...) are not cached: `roundtables.rules`
computes them per request from the memberships, as before. Without Redis (the memory
cache of development and most tests) this module stays out of the way: per-process
copies could not be invalidated across workers.
"""

import hashlib
from datetime import date

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBSession
from django.db import connection, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from gfmd.platform.counters import (
    bump_counter,
    bump_write_generation,
    keys_to_prefetch,
    redis_cache,
)
from gfmd.platform.languages import supported_language

USER_KEY = "gfmd:auth:user:%s"
USER_GEN_KEY = "gfmd:auth:gen:%s"
ALL_GEN_KEY = "gfmd:auth:gen"
TOKEN_KEY = "gfmd:auth:token:%s"
SNAPSHOT_SECONDS = 600
TOKEN_SECONDS = 300
# Fields a request reads; the rest (password, last_login) stay deferred.
USER_FIELDS = frozenset(
    {"id", "username", "first_name", "last_name", "email", "is_active", "is_staff"}
    | {"is_superuser", "date_joined"}
)


def forget_user(user_id, *, everyone: bool = False) -> None:
    """Make the next request of `user_id` (or of everybody) reload the user from the
    database; what they may see changed, so kept ETags go too."""
    bump_counter(ALL_GEN_KEY if everyone else USER_GEN_KEY % user_id)
    bump_write_generation()


def forget_users(user_ids) -> None:
    for user_id in set(user_ids):
        forget_user(user_id)


def forget_tokens(checksums) -> None:
    cache = redis_cache()
    if cache is None:
        return
    keys = [TOKEN_KEY % c for c in checksums if c]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


def token_checksum(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- the snapshot ---------------------------------------------------------------------


def _load_snapshot(user_id) -> dict | None:
    from gfmd.platform.models import PartnerClient, UserPreference

    user = get_user_model()._default_manager.filter(pk=user_id).first()
    if user is None:
        return None
    return {
        "fields": {name: getattr(user, name) for name in USER_FIELDS},
        "hash": user.get_session_auth_hash(),
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "focal_points": list(
            user.focal_points.values_list(
                "country_id", "organisation_id", "start_date", "end_date", "mechanism_id"
            )
        ),
        "has_client": PartnerClient.objects.filter(service_user_id=user.pk).exists(),
        # the saved language (gfmd/platform/languages.py), so no request queries it
        "language": UserPreference.objects.filter(user_id=user.pk)
        .values_list("language", flat=True)
        .first(),
    }


def snapshot_for(user_id, also=()) -> tuple[dict | None, dict]:
    """(the user's snapshot, what the MGET found): one MGET; a missing or outdated
    snapshot is refilled. `also`: more keys read in the same MGET."""
    cache = redis_cache()
    keys = [USER_KEY % user_id, USER_GEN_KEY % user_id, ALL_GEN_KEY, *also]
    found = cache.get_many(keys)
    generations = (found.get(keys[1], 0), found.get(keys[2], 0))
    entry = found.get(keys[0])
    if entry is not None and entry[0] == generations:
        return entry[1], found
    snapshot = _load_snapshot(user_id)
    if snapshot is not None:
        # Filled under the generations read before the rows: a change committed since
        # has bumped one of them, so this entry is already outdated, never stale.
        cache.set(keys[0], (generations, snapshot), SNAPSHOT_SECONDS)
    return snapshot, found


def _from_db(model, values: dict):
    """An instance as the ORM builds it from a row of these columns (others deferred)."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(connection.alias, names, [values[n] for n in names])


def user_from_snapshot(snapshot: dict):
    User = get_user_model()
    user = _from_db(User, snapshot["fields"])
    user._gfmd_group_names = frozenset(snapshot["groups"])
    today = date.today()
    countries, organisations, mechanisms = set(), set(), set()
    for row in snapshot["focal_points"]:
        country_id, organisation_id, start, end = row[:4]
        mechanism_id = row[4] if len(row) > 4 else None  # snapshots cached before mechanisms
        if start <= today and (end is None or end >= today):
            if country_id:
                countries.add(country_id)
            if organisation_id:
                organisations.add(organisation_id)
            if mechanism_id:
                mechanisms.add(mechanism_id)
    user._gfmd_bodies = (
        today,
        frozenset(countries),
        frozenset(organisations),
        frozenset(mechanisms),
    )
    user._gfmd_per_request = True  # built for this request: nothing on it is left over
    user._gfmd_language = supported_language(snapshot.get("language"))
    if not snapshot["has_client"]:
        # `hasattr(user, "partner_client")` (gfmd.rules) answers without a query
        User.partner_client.related.set_cached_value(user, None)
    return user


# --- sessions -------------------------------------------------------------------------

_model_backends: dict[str, bool] = {}
# per process: {session key: the user it verified as}, to read a known session with its
# user's snapshot (a session key never changes hands: login gives a new one)
_session_users: dict[str, object] = {}
MAX_SESSIONS = 10_000


def _is_model_backend(path: str) -> bool:
    if path not in _model_backends:
        _model_backends[path] = path in settings.AUTHENTICATION_BACKENDS and isinstance(
            auth.load_backend(path), ModelBackend
        )
    return _model_backends[path]


def get_user(request):
    """Django's `auth.get_user` with the user read from the snapshot when the session
    verifies against it; anything unusual takes Django's own path. The snapshot's MGET
    also reads what the request's other layers will (`keys_to_prefetch`) and, for a
    session this worker has seen, the session itself: one round trip for all three."""
    if redis_cache() is None:
        return auth.get_user(request)
    session = request.session
    early = _with_session(request, session)
    try:
        user_id = get_user_model()._meta.pk.to_python(session[auth.SESSION_KEY])
        backend_path = session[BACKEND_SESSION_KEY]
    except KeyError:
        return AnonymousUser()
    session_hash = session.get(HASH_SESSION_KEY)
    if not session_hash or not _is_model_backend(backend_path):
        return auth.get_user(request)
    if early is not None and early[0] == user_id:
        _user_id, snapshot, also, found = early
    else:
        also = keys_to_prefetch(request, user_id)
        snapshot, found = snapshot_for(user_id, also)
    request._gfmd_prefetched = (also, found)
    if (
        snapshot is None
        or not snapshot["fields"]["is_active"]
        or not constant_time_compare(session_hash, snapshot["hash"])
    ):
        return auth.get_user(request)  # no user, inactive, or a hash to check the slow way
    if len(_session_users) >= MAX_SESSIONS:
        _session_users.clear()
    _session_users[session.session_key] = user_id
    user = user_from_snapshot(snapshot)
    user.backend = backend_path
    return user


def _with_session(request, session):
    """(user id, snapshot, keys asked, found) read with the session's own cache entry, for
    a session this worker verified before; None otherwise (the session is then loaded as
    Django loads it). The caller still checks that the session names that user."""
    key = session.session_key
    user_id = _session_users.get(key) if key else None
    if (
        user_id is None
        or not isinstance(session, CachedDBSession)
        or session._cache is not redis_cache()
        or hasattr(session, "_session_cache")  # already loaded
    ):
        return None
    also = [session.cache_key, *keys_to_prefetch(request, user_id)]
    snapshot, found = snapshot_for(user_id, also)
    data = found.get(session.cache_key)
    if not isinstance(data, dict):
        return None  # not in the cache: Django's load reads the database
    session._session_cache = data  # as SessionBase keeps what load() returned
    return user_id, snapshot, also, found


class CachedAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware with `get_user` above (same lazy `request.user`)."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: get_user(request))


# --- bearer tokens --------------------------------------------------------------------


def token_entry(token: str):
    """(user, access token) for a cached, unexpired token; None: take the slow path."""
    cache = redis_cache()
    if cache is None:
        return None
    entry = cache.get(TOKEN_KEY % token_checksum(token))
    if entry is None or entry["expires"] <= timezone.now():
        return None
    snapshot, _found = snapshot_for(entry["as_user"])
    if snapshot is None or not snapshot["fields"]["is_active"]:
        return None
    from oauth2_provider.models import get_access_token_model

    return user_from_snapshot(snapshot), _from_db(get_access_token_model(), entry)


def remember_token(token: str, user, access_token) -> None:
    cache = redis_cache()
    if cache is None:
        return
    remaining = (access_token.expires - timezone.now()).total_seconds()
    if remaining < 1:
        return
    snapshot_for(user.pk)  # the next request finds the user too
    cache.set(
        TOKEN_KEY % token_checksum(token),
        {
            "id": access_token.pk,  # the columns `token_entry` builds the token from
            "user_id": access_token.user_id,
            "as_user": user.pk,  # a client's service account when the token has no user
            "application_id": access_token.application_id,
            "expires": access_token.expires,
            "scope": access_token.scope,
        },
        min(TOKEN_SECONDS, int(remaining)),
    )


# --- Django's hooks -------------------------------------------------------------------


def on_logged_out(sender, request, user, **kwargs):
    if user is not None:
        forget_user(user.pk)


class PasswordChangeHook:
    """In AUTH_PASSWORD_VALIDATORS for Django's `password_changed` hook (called whenever a
    user's new password is saved): the snapshot's session hash must go with the old one.
    It validates nothing."""

    def validate(self, password, user=None):
        return None

    def password_changed(self, password, user=None):
        if user is not None and user.pk is not None:
            forget_user(user.pk)

    def get_help_text(self):
        return _("Changing your password signs you out of your other sessions.")

"""Brute-force limits on every login path, in one place (django-axes underneath).

Axes counts failed logins per account and per client IP (AXES_LOCKOUT_PARAMETERS) and locks
either out for a cool-off once it reaches the limit; every further attempt while locked
restarts the cool-off, so a guesser that keeps going stays locked (backoff). The three
login paths all go through here:

- the admin login form: Django's `authenticate()` -> `AxesStandaloneBackend` and Axes'
  middleware, which calls `lockout_response` below;
- HTTP Basic on the API: `LimitedBasicAuthentication` checks before hashing the password;
- the OAuth token endpoint: `LimitedTokenView` counts wrong client secrets per client id.

Staff see and lift lockouts in the admin (Axes' "Access attempts": delete the row).
"""

import base64
import binascii

from axes.backends import AxesStandaloneBackend
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.signals import user_login_failed
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from oauth2_provider.views import TokenView
from rest_framework import exceptions
from rest_framework.authentication import BasicAuthentication

from gfmd.platform.languages import activate_saved_language
from gfmd.platform.security.two_factor import requires_two_factor


def retry_after_seconds(request=None) -> int:
    cool_off = get_cool_off(request)
    return max(1, int(cool_off.total_seconds())) if cool_off else 3600


def locked_message() -> str:
    return _("Too many failed login attempts. Try again in %(minutes)d minutes.") % {
        "minutes": max(1, retry_after_seconds() // 60)
    }


def client_ip(request) -> str | None:
    """The client address: REMOTE_ADDR, or the header a trusted proxy sets
    (LOGIN_CLIENT_IP_HEADER, e.g. HTTP_X_REAL_IP) when the service runs behind one."""
    header = settings.LOGIN_CLIENT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR")


def is_locked(request, username: str | None) -> bool:
    """Whether the account or the client IP is locked out. One indexed query in the usual
    case (no recent failure for either); Axes' full check only when there was one."""
    request._login_limits_checked = True  # LoginLimitBackend need not ask again
    if not settings.AXES_ENABLED:
        return False
    recent = AccessAttempt.objects.filter(
        Q(username=username) | Q(ip_address=client_ip(request)),
        attempt_time__gte=timezone.now() - get_cool_off(request),
    )
    if not recent.exists():
        return False
    return not AxesProxyHandler.is_allowed(request, {"username": username})


def record_failure(request, username: str | None, sender=None) -> None:
    """Count a failed login the way Django's own authenticate() reports one."""
    user_login_failed.send(
        sender=sender or __name__, credentials={"username": username}, request=request
    )


def lockout_response(request, original_response=None, credentials=None):
    """Axes' AXES_LOCKOUT_CALLABLE: 429 with Retry-After; JSON in the API's error format
    outside the admin, the admin's own page with a clear message inside it."""
    wait = retry_after_seconds(request)
    if request.path.startswith("/admin/"):
        response = render(
            request,
            "gfmd/login_locked.html",
            {
                **admin.site.each_context(request),
                "message": locked_message(),
                "title": _("Login temporarily locked"),
            },
            status=429,
        )
    else:
        response = JsonResponse(
            {"type": "login_locked", "detail": locked_message(), "fields": {}}, status=429
        )
    response["Retry-After"] = str(wait)
    return response


class LoginLocked(exceptions.Throttled):
    default_code = "login_locked"

    def __init__(self, wait: int):
        super().__init__(
            wait=wait, detail=_("Too many failed login attempts."), code="login_locked"
        )


class LimitedBasicAuthentication(BasicAuthentication):
    """HTTP Basic with the login limits: a locked account or IP gets 429 + Retry-After
    before the password is even checked; a wrong password counts as a failure (Django's
    authenticate() sends the signal Axes listens to)."""

    def authenticate_credentials(self, userid, password, request=None):
        http_request = getattr(request, "_request", request)
        if is_locked(http_request, userid):
            raise LoginLocked(retry_after_seconds(http_request))
        try:
            user, auth = super().authenticate_credentials(userid, password, http_request)
        except exceptions.AuthenticationFailed:
            if getattr(http_request, "axes_locked_out", False):
                raise LoginLocked(retry_after_seconds(http_request)) from None
            raise
        if requires_two_factor(user):
            raise exceptions.AuthenticationFailed(
                _("Your account requires two-factor authentication: HTTP Basic is not accepted.")
            )
        activate_saved_language(user)  # a saved preference beats Accept-Language
        return user, auth


def _client_id(request) -> str | None:
    """The client id of a token request: HTTP Basic (RFC 6749 2.3.1) or the form body."""
    auth = request.META.get("HTTP_AUTHORIZATION", "")
    if auth.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(auth[6:].strip(), validate=True).decode()
        except (binascii.Error, UnicodeDecodeError):
            return None
        return decoded.partition(":")[0] or None
    return request.POST.get("client_id") or None


class LimitedTokenView(TokenView):
    """/oauth/token/ with the login limits, counted per client id and per IP."""

    def post(self, request, *args, **kwargs):
        client_id = _client_id(request)
        if is_locked(request, client_id):
            return lockout_response(request)
        response = super().post(request, *args, **kwargs)
        if response.status_code == 401:
            record_failure(request, client_id, sender=type(self))
            if getattr(request, "axes_locked_out", False):
                return lockout_response(request)
        return response


class LoginLimitBackend(AxesStandaloneBackend):
    """Axes' check before any password backend. A call without a request (manage.py,
    the test client's login()) is no HTTP login path and is not limited."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or getattr(request, "_login_limits_checked", False):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

"""Middleware: requests no view can handle safely are refused early in the API's error
format; database outages answer 503 (retry later), never 500, and Django reconnects by
itself once PostgreSQL is back (CONN_HEALTH_CHECKS), so the service needs no restart.
Two of Django's and django-csp's middleware do less per request here: the message storage
is made when first used, and the CSP header is built once per process."""

import base64
import binascii
import logging

from csp.constants import HEADER as CSP_HEADER
from csp.constants import HEADER_REPORT_ONLY as CSP_HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.core.exceptions import (
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.signals import setting_changed
from django.db import InterfaceError, OperationalError, connections
from django.dispatch import receiver
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse, QueryDict
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject, empty
from django.utils.translation import gettext as _

from gfmd.config.db import is_stale_plan
from gfmd.platform.api.parsers import NUL, nul_message
from gfmd.platform.languages import saved_language

logger = logging.getLogger(__name__)


def database_unavailable(exception) -> JsonResponse | None:
    """The 503 for a database outage (or a plan a migration made stale), else None."""
    if not isinstance(exception, OperationalError | InterfaceError) and not is_stale_plan(
        exception
    ):
        return None
    logger.warning("Database unavailable: %s", exception)
    for connection in connections.all(initialized_only=True):
        connection.close_if_unusable_or_obsolete()
    response = JsonResponse(
        {
            "type": "service_unavailable",
            "detail": _("The database is unavailable; retry shortly."),
            "fields": {},
        },
        status=503,
    )
    response["Retry-After"] = "5"
    return response


class DatabaseUnavailableMiddleware:
    """A view's database error is a 503 (`handler500` does the same for one met in a
    middleware: a session or user read from the database)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return database_unavailable(exception)


def error_response(status: int, kind: str, detail: str, fields: dict | None = None):
    """The API's one error format, for errors found before a view runs."""
    return JsonResponse({"type": kind, "detail": detail, "fields": fields or {}}, status=status)


def _speaks_json(request) -> bool:
    return request.path_info.startswith(JSON_PREFIXES)


JSON_PREFIXES = ("/api/", "/oauth/")


class RequestGuardMiddleware:
    """Refuse, before anything reads them, requests no view can handle safely:

    - a NUL character in the path, the query string, a header (the HTTP Basic user name
      reaches a query before any view runs) or a form body: PostgreSQL cannot compare
      text containing NUL, so it was a 500 wherever such a value met a lookup. JSON and
      multipart bodies are checked by the API's parsers (gfmd/platform/api/parsers.py).
    - a body over DATA_UPLOAD_MAX_MEMORY_SIZE (multipart file parts aside): 413 in the
      API's error format instead of Django's HTML 400 page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # It runs before the session and the user are known: its refusals speak the
        # language of Accept-Language (or the language cookie), else English.
        with translation.override(translation.get_language_from_request(request)):
            try:
                problem = self._nul_problem(request)
            except RequestDataTooBig:
                return _localised(self._too_big(request))
            except SuspiciousOperation as exc:  # too many form fields
                return _localised(self._bad_request(request, _suspicious_message(exc), {}))
            if problem is not None:
                return _localised(self._bad_request(request, nul_message(), problem))
        return self.get_response(request)

    def process_exception(self, request, exception):
        with translation.override(translation.get_language_from_request(request)):
            if isinstance(exception, RequestDataTooBig):
                return _localised(self._too_big(request))
            if isinstance(exception, TooManyFieldsSent | TooManyFilesSent) and _speaks_json(
                request
            ):
                return _localised(
                    error_response(400, "parse_error", _suspicious_message(exception))
                )
        return None

    @staticmethod
    def _nul_problem(request) -> dict | None:
        """None if the request is free of NUL, else the `fields` of the error to send."""
        if NUL in request.path:
            return {}
        for key, values in request.GET.lists():
            if NUL in key or any(NUL in v for v in values):
                return {key.replace(NUL, ""): [nul_message()]}
        for name, value in request.META.items():
            if name.startswith("HTTP_") and NUL in str(value):
                return {}
        if _basic_credentials(request.META.get("HTTP_AUTHORIZATION", "")).count(b"\x00"):
            return {}
        max_size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if (
            max_size is not None
            and request.content_type != "multipart/form-data"  # file parts have their own limit
            and _content_length(request) > max_size
        ):
            raise RequestDataTooBig()
        if request.content_type == "application/x-www-form-urlencoded":
            for key, values in QueryDict(request.body, encoding=request.encoding).lists():
                if NUL in key or any(NUL in v for v in values):
                    return {key.replace(NUL, ""): [nul_message()]}
        return None

    @staticmethod
    def _bad_request(request, detail: str, fields: dict):
        if _speaks_json(request):
            return error_response(400, "validation_error", detail, fields)
        return HttpResponseBadRequest(detail, content_type="text/plain; charset=utf-8")

    @staticmethod
    def _too_big(request):
        detail = _("The request body exceeds the %(size)d-byte limit.") % {
            "size": settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        }
        if _speaks_json(request):
            return error_response(413, "request_too_large", detail)
        return HttpResponse(detail, status=413, content_type="text/plain; charset=utf-8")


def _suspicious_message(exc: Exception) -> str:
    if isinstance(exc, TooManyFieldsSent):
        return _("The request has too many fields.")
    if isinstance(exc, TooManyFilesSent):
        return _("The request has too many files.")
    return str(exc)


def _localised(response):
    """Content-Language and Vary on a response written in the active language."""
    response.headers.setdefault("Content-Language", translation.get_language())
    patch_vary_headers(response, ("Accept-Language",))
    return response


class UserLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, with the user's saved language first (after
    AuthenticationMiddleware): preference, else the switcher's cookie, else
    Accept-Language, else English. Answers carry Content-Language and
    `Vary: Accept-Language` (LocaleMiddleware.process_response). The thread's language is
    restored afterwards, so code run after a request (tests, eager tasks) is not left in
    the last caller's language."""

    def __call__(self, request):
        previous = translation.get_language()
        try:
            return super().__call__(request)
        finally:
            if previous:
                translation.activate(previous)
            else:
                translation.deactivate()

    def process_request(self, request):
        language = saved_language(getattr(request, "user", None))
        if language is None:
            language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _basic_credentials(header: str) -> bytes:
    scheme, _sep, encoded = header.strip().partition(" ")
    if scheme.lower() != "basic":
        return b""
    try:
        return base64.b64decode(encoded.strip(), validate=False)
    except (binascii.Error, ValueError):
        return b""


class LazyMessageMiddleware(MessageMiddleware):
    """Django's, with the message storage made when first used: an API request never uses
    it, and making it (cookie and session storages) cost every request ~0.05 ms."""

    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        messages = getattr(request, "_messages", None)
        if isinstance(messages, SimpleLazyObject) and messages._wrapped is empty:
            return response  # never used: nothing to store
        return super().process_response(request, response)


# Attributes by which a view changes its response's policy (django-csp's decorators).
_CSP_PER_RESPONSE = tuple(
    f"_csp_{kind}{suffix}" for kind in ("config", "update", "replace") for suffix in ("", "_ro")
)


class StaticCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the headers built once per process for responses that
    take the policy as the settings write it (no nonce used, no per-view decorator); the
    others go through django-csp itself. Building the policy from the settings cost ~0.09
    ms of every request. Same headers, same exemptions and excluded prefixes."""

    _built = None

    def process_response(self, request, response):
        if (
            getattr(request, "_csp_nonce", None) is not None
            or any(getattr(response, name, None) is not None for name in _CSP_PER_RESPONSE)
            or (settings.DEBUG and response.status_code in (500, 404))
        ):
            return super().process_response(request, response)
        if StaticCSPMiddleware._built is None:
            StaticCSPMiddleware._built = _csp_headers()
        path = request.path_info
        for header, exempt, text, prefixes in StaticCSPMiddleware._built:
            if (
                text
                and header not in response
                and getattr(response, exempt, False) is False
                and not path.startswith(prefixes)
            ):
                response[header] = text
        # as django-csp: a nonce asked for after the header is written is an error
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


def _csp_headers() -> tuple:
    out = []
    for header, exempt, name, report_only in (
        (CSP_HEADER, "_csp_exempt", "CONTENT_SECURITY_POLICY", False),
        (CSP_HEADER_REPORT_ONLY, "_csp_exempt_ro", "CONTENT_SECURITY_POLICY_REPORT_ONLY", True),
    ):
        policy = getattr(settings, name, None) or {}
        prefixes = tuple(policy.get("EXCLUDE_URL_PREFIXES", None) or ())
        out.append((header, exempt, build_policy(report_only=report_only), prefixes))
    return tuple(out)


@receiver(setting_changed)
def _forget_csp_headers(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        StaticCSPMiddleware._built = None

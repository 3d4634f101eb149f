"""Plain Django views outside the API: the health check for load balancers, the 404
and 500 pages, and the admin's language switcher."""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from gfmd.platform.languages import supported_language
from gfmd.platform.services.preferences import preference_set_language


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception:
        return "unavailable"


def _broker() -> str:
    if not settings.CELERY_BROKER_URL:
        return "eager"  # no broker configured: tasks run in-process
    from gfmd.config.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception:
        return "unavailable"


def health(request):
    """200 when the database and the broker answer, 503 otherwise. No authentication and
    no details beyond ok/unavailable, so load balancers may call it freely."""
    checks = {"database": _database(), "broker": _broker()}
    healthy = all(v in ("ok", "eager") for v in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "degraded", **checks}, status=200 if healthy else 503
    )


def not_found(request, exception=None):
    """handler404: a URL no route matches (`/api/v1/themes/0.5/`) is a 404 in the API's
    error format under /api/ and /oauth/, Django's page elsewhere."""
    from django.utils.translation import gettext as _
    from django.views.defaults import page_not_found

    from gfmd.config.middleware import JSON_PREFIXES, error_response

    if request.path_info.startswith(JSON_PREFIXES):
        return error_response(404, "not_found", _("Not found."))
    return page_not_found(request, exception)


def server_error(request):
    """handler500: a database outage met outside a view (the session or the user read
    from the database in a middleware, when Redis does not hold them) is the same 503 a
    view's is (gfmd.config.middleware.database_unavailable); anything else, Django's 500
    page."""
    import sys

    from django.views.defaults import server_error as django_server_error

    from gfmd.config.middleware import database_unavailable

    response = database_unavailable(sys.exc_info()[1])
    return response if response is not None else django_server_error(request)


@require_POST
def set_language(request):
    """Django's set_language (cookie, redirect to `next`); a logged-in user's choice is
    also saved as their preference, so the API and their emails follow it."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if user.is_authenticated and supported_language(language) == language:
        preference_set_language(actor=user, user=user, language=language)
    return response

"""Database outages answer 503 (retry later), never 500; Django reconnects by itself once
PostgreSQL is back (CONN_HEALTH_CHECKS), so the service needs no restart."""

import logging

from django.db import InterfaceError, OperationalError, connections
from django.http import JsonResponse

from gfmd.db import is_stale_plan

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
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
                "detail": "The database is unavailable; retry shortly.",
                "fields": {},
            },
            status=503,
        )
        response["Retry-After"] = "5"
        return response

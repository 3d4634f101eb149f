"""Plain Django views outside the API: the health check for load balancers."""

from django.db import connection
from django.http import JsonResponse


def health(request):
    """200 when the database answers, 503 otherwise. No authentication, no details leaked."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception:
        database = "unavailable"
    status = 200 if database == "ok" else 503
    return JsonResponse(
        {"status": "ok" if status == 200 else "degraded", "database": database}, status=status
    )

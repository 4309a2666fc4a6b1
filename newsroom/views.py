import logging

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """200 when the database and the cache answer; 503 naming the failing part otherwise."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as exc:  # any driver error means the database is not usable
        logger.error("healthz: database check failed: %s", exc)
        checks["database"] = "failing"
    try:
        cache.set("healthz", "ok", 10)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "failing"
    except Exception as exc:  # any client error means the cache is not usable
        logger.error("healthz: cache check failed: %s", exc)
        checks["cache"] = "failing"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "failing", **checks}, status=200 if healthy else 503)


def minimal(request):
    """The benchmark's ceiling: the same middleware and server, no work."""
    return HttpResponse("ok", content_type="text/plain")

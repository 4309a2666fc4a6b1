import logging
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
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


DATABASE_DOWN_ERRORS = (OperationalError, InterfaceError)


def server_error(request):
    """handler500: a database that cannot be reached is an outage, not a bug.

    Django calls this inside its `except` block for any uncaught exception, from a
    view or a middleware. An OperationalError or InterfaceError (PostgreSQL down,
    restarting, refusing connections) answers 503 with Retry-After, so proxies and
    clients retry; anything else is the usual 500 page. Neither page touches the
    database (no request context, so no context processors).
    """
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN_ERRORS):
        logger.error("database unavailable, answering 503: %s: %s", type(error).__name__, error)
        body = loader.get_template("503.html").render({"site_name": settings.SITE_NAME})
        response = HttpResponse(body, status=503)
        response["Retry-After"] = str(settings.NEWSROOM_DATABASE_RETRY_AFTER)
        add_never_cache_headers(response)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render({"site_name": settings.SITE_NAME}))

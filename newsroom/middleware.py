"""Project-wide middleware: a request id and one log line per request."""

import logging
import os
import re
import time

logger = logging.getLogger("newsroom.requests")

# A request id from the proxy is reused only when it looks like one.
REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def request_id(incoming):
    """The request's id: X-Request-ID from the proxy when it looks like one, else a new one."""
    return incoming if incoming and REQUEST_ID_PATTERN.match(incoming) else os.urandom(16).hex()


def log_request(request_id, method, path, status, started):
    """The access log's line for one request (`started`: its time.perf_counter())."""
    if logger.isEnabledFor(logging.INFO):
        logger.info(
            "request_id=%s method=%s path=%s status=%s duration_ms=%.1f",
            request_id, method, path, status, (time.perf_counter() - started) * 1000,
        )


class RequestLogMiddleware:
    """Give every request an id (X-Request-ID from the proxy, or a new one),
    return it in the response, and log method, path, status and time to stdout.
    (A page-cache hit served before Django's handler, pagecache.PageCacheHits, does
    the same with the same two functions.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request.request_id = request_id(request.META.get("HTTP_X_REQUEST_ID", ""))
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        log_request(request.request_id, request.method, request.path, response.status_code, started)
        return response

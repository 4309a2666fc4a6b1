"""Project-wide middleware: a request id and one log line per request."""

import logging
import re
import time
import uuid

logger = logging.getLogger("newsroom.requests")

# A request id from the proxy is reused only when it looks like one.
REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestLogMiddleware:
    """Give every request an id (X-Request-ID from the proxy, or a new one),
    return it in the response, and log method, path, status and time to stdout."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if REQUEST_ID_PATTERN.match(incoming) else uuid.uuid4().hex
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = (time.perf_counter() - started) * 1000
        response["X-Request-ID"] = request.request_id
        logger.info(
            "request_id=%s method=%s path=%s status=%s duration_ms=%.1f",
            request.request_id,
            request.method,
            request.path,
            response.status_code,
            duration_ms,
        )
        return response

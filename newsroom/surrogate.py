"""What a page tells an HTTP cache in front of Django (Varnish, deploy/varnish/newsroom.vcl).

Only a fetch that announces `Surrogate-Capability` (the cache in front sends it for what it may
store) gets the marks, and only for a page the page cache stored or served (newsroom/pagecache.py),
so a page is kept there exactly when it is kept here, and never longer:

- `Surrogate-Control: max-age=N`: the seconds the stored page has left (it already ends at the
  next scheduled publish); with `content="ESI/1.0"` when the page has a form;
- `xkey: article:12 section:3 site ...`: the page's invalidation keys, which every version bump
  purges (newsroom/purge.py);
- the form's CSRF input replaced by `<esi:include src="/_esi/csrf-token"/>`, which the cache
  answers per reader with the input holding its CSRF cookie's secret (Django accepts the
  unmasked secret as a token).
"""

import re

from django.utils import timezone

CAPABILITY_HEADER = "HTTP_SURROGATE_CAPABILITY"
CSRF_INCLUDE = b'<esi:include src="/_esi/csrf-token"/>'
# The whole hidden input is the include: Varnish finds ESI tags between elements, not inside
# another element's attribute. The VCL answers it with the same input (Django's csrf_input).
CSRF_INPUT = re.compile(rb'<input type="hidden" name="csrfmiddlewaretoken" value="[^"]*">')
_UNSAFE = re.compile(r"[^A-Za-z0-9:._-]")


def header_key(key):
    """An invalidation key as it is written in `xkey` and in a purge: no spaces or commas."""
    return _UNSAFE.sub("_", key)


def mark(request, response, entry):
    """Mark `response`, built from or stored as the page cache's `entry`, for the cache in front."""
    if "ESI/1.0" not in request.META.get(CAPABILITY_HEADER, ""):
        return
    seconds = int(entry["expires_at"] - timezone.now().timestamp())
    if seconds < 1:
        return
    control = f"max-age={seconds}"
    if len(entry["body"]) > 1:  # the stored page has a CSRF token placeholder
        response.content = CSRF_INPUT.sub(CSRF_INCLUDE, response.content)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        control += ', content="ESI/1.0"'
    response["Surrogate-Control"] = control
    response["xkey"] = " ".join(sorted(header_key(key) for key in entry["versions"]))

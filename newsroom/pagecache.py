"""The shared page cache for anonymous readers.

A page is stored once per URL in the default cache (Redis in production) with
the *versions* of the invalidation keys it depends on ("article:12",
"tag:3", "articles:any", ...). Views name their keys with `add_cache_keys()`;
signal receivers bump a key's version when what it stands for changes, and a
page whose stored versions no longer match is rebuilt. Nothing needs a manual
purge, and an unrelated story's page stays warm.

A page also never outlives the next moment at which a scheduled story goes
live or an embargo lifts (see `next_transition`), so scheduled stories appear
on time with a warm cache.

CSRF: a cached page must not carry one reader's token to another. The token in
a stored page is replaced by a placeholder, and every response served from the
cache gets a fresh token for its own reader (and the CSRF cookie with it).
"""

import hashlib
import re
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

KEY_PREFIX = "pagecache"
ANY_ARTICLE = "articles:any"
SITE = "site"
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"\x00csrf-token\x00"


def add_cache_keys(request, *keys):
    """Declare the invalidation keys the page being built depends on."""
    declared = getattr(request, "page_cache_keys", None)
    if declared is None:
        declared = request.page_cache_keys = set()
    declared.update(keys)


def bump(*keys):
    """Mark every cached page that depends on one of `keys` as stale."""
    if keys:
        cache.set_many({_version_key(key): uuid.uuid4().hex for key in set(keys)}, None)


def _version_key(key):
    return f"{KEY_PREFIX}:v:{key}"


def _current_versions(keys):
    version_keys = {_version_key(key): key for key in keys}
    found = cache.get_many(list(version_keys))
    missing = {vk: uuid.uuid4().hex for vk in version_keys if vk not in found}
    if missing:
        # First use (or evicted): start a version; a page stored now is valid for it.
        cache.set_many(missing, None)
        found.update(missing)
    return {version_keys[vk]: version for vk, version in found.items()}


def next_transition():
    """Epoch seconds of the next scheduled publish or embargo lift, or None.

    Cached until that moment, keyed by the version of ANY_ARTICLE so any story
    change recomputes it.
    """
    from articles.models import Article

    version = _current_versions([ANY_ARTICLE])[ANY_ARTICLE]
    key = f"{KEY_PREFIX}:next-transition"
    stored = cache.get(key)
    now = time.time()
    if stored and stored["version"] == version and (stored["at"] is None or stored["at"] > now):
        return stored["at"]
    at = Article.objects.next_transition()
    at = at.timestamp() if at else None
    cache.set(key, {"version": version, "at": at}, None if at is None else max(1, int(at - now) + 1))
    return at


def _eligible(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(settings.PAGE_CACHE_EXCLUDED_PREFIXES)
        # Signed-in readers (or anyone with a session or pending messages) get live pages.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _canonical_etag(body):
    return '"%s"' % hashlib.sha256(body).hexdigest()[:32]


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD requests from the shared cache. Must come after
    CsrfViewMiddleware and AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not _eligible(request):
            return self.get_response(request)
        entry_key = f"{KEY_PREFIX}:page:{hashlib.sha256(request.get_full_path().encode()).hexdigest()}"
        entry = cache.get(entry_key)
        if entry and entry["expires_at"] > time.time() and _current_versions(entry["versions"]) == entry["versions"]:
            return self._respond(request, entry, hit=True)

        response = self.get_response(request)
        if not self._storable(request, response):
            return response
        keys = getattr(request, "page_cache_keys", None) or {ANY_ARTICLE}
        body = CSRF_FIELD.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
        now = time.time()
        expires_at = now + settings.PAGE_CACHE_SECONDS
        transition = next_transition()
        if transition is not None:
            expires_at = min(expires_at, transition)
        entry = {
            "status": response.status_code,
            "headers": {
                name: value for name, value in response.items()
                if name.lower() in ("content-type", "content-language", "x-robots-tag")
            },
            "body": body,
            "etag": _canonical_etag(body),
            "versions": _current_versions(keys | {SITE}),
            "expires_at": expires_at,
            "stored_at": int(now),
        }
        if expires_at - now >= 1:
            cache.set(entry_key, entry, int(expires_at - now))
        return self._respond(request, entry, hit=False, response=response)

    def _storable(self, request, response):
        # CsrfViewMiddleware sets its cookie outside this middleware; any other cookie is personal.
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "")
        return not any(word in cache_control for word in ("private", "no-cache", "no-store"))

    def _respond(self, request, entry, hit, response=None):
        conditional = get_conditional_response(
            request,
            etag=entry["etag"],
            last_modified=entry["stored_at"],
            response=HttpResponse(status=200),
        )
        if conditional.status_code == 304:
            result = conditional
        else:
            body = entry["body"]
            if CSRF_PLACEHOLDER in body:
                body = body.replace(CSRF_PLACEHOLDER, get_token(request).encode())
            result = HttpResponse(body, status=entry["status"])
            for name, value in entry["headers"].items():
                result[name] = value
            if response is not None:
                for name, value in response.items():
                    result.setdefault(name, value)
                result.cookies = response.cookies
        result["ETag"] = entry["etag"]
        result["X-Page-Cache"] = "hit" if hit else "miss"
        # The HTML carries a per-reader CSRF token: browsers may keep it, shared proxies may not.
        patch_cache_control(result, private=True, max_age=0, must_revalidate=True)
        # Both validators describe this stored copy: a rebuilt page is a new one.
        result["Last-Modified"] = http_date(entry["stored_at"])
        return result

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
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils import timezone
from django.utils.http import http_date

KEY_PREFIX = "pagecache"
# Part of every stored page's key: bump it when the entry's layout changes, so a
# deploy never reads pages stored by the previous release.
ENTRY_FORMAT = 2
ANY_ARTICLE = "articles:any"
SITE = "site"
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"\x00csrf-token\x00"


def _now():
    """Epoch seconds from Django's clock: the same "now" that decides what is published."""
    return timezone.now().timestamp()


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
    now = _now()
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


# Headers that belong to one response, not to the stored page.
PER_RESPONSE_HEADERS = {"content-length", "set-cookie", "date", "etag", "last-modified", "x-page-cache", "cache-control", "expires"}


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD requests from the shared cache.

    It sits right after WhiteNoise, outside the session, CSRF, auth and
    message middleware, so a hit costs one cache round trip and almost no
    Python: the stored page carries the headers those middleware added (CSP,
    X-Frame-Options, Vary...). Only the CSRF token is per reader: for a page
    with a form, Django's CsrfViewMiddleware is run on the hit to read or
    create the reader's CSRF cookie, and its token fills the placeholder.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)
        # Per process: which invalidation keys each URL depended on last time,
        # so a hit fetches the page and the keys' versions in one MGET.
        self.known_keys = {}

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not _eligible(request):
            return self.get_response(request)
        entry_key = f"{KEY_PREFIX}:page{ENTRY_FORMAT}:{hashlib.sha256(request.get_full_path().encode()).hexdigest()}"
        entry = self._fresh_entry(entry_key)
        if entry is not None:
            return self._serve(request, entry)

        response = self.get_response(request)
        if not self._storable(response):
            return response
        keys = getattr(request, "page_cache_keys", None) or {ANY_ARTICLE}
        body = CSRF_FIELD.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
        now = _now()
        expires_at = now + settings.PAGE_CACHE_SECONDS
        transition = next_transition()
        if transition is not None:
            expires_at = min(expires_at, transition)
        entry = {
            "status": response.status_code,
            "headers": [(name, value) for name, value in response.items() if name.lower() not in PER_RESPONSE_HEADERS],
            "body": body,
            "etag": _canonical_etag(body),
            "versions": _current_versions(keys | {SITE}),
            "expires_at": expires_at,
            "stored_at": int(now),
        }
        if expires_at - now >= 1:
            cache.set(entry_key, entry, int(expires_at - now))
            self._remember(entry_key, entry)
        self._validators(entry, response, hit=False)
        return get_conditional_response(
            request, etag=entry["etag"], last_modified=entry["stored_at"], response=response
        )

    def _fresh_entry(self, entry_key):
        """The stored page if it is still current, in one cache round trip when
        this process has seen the URL before."""
        known = self.known_keys.get(entry_key, ())
        found = cache.get_many([entry_key, *(_version_key(key) for key in known)])
        entry = found.get(entry_key)
        if entry is None or entry["expires_at"] <= _now():
            return None
        versions = {key: found.get(_version_key(key)) for key in entry["versions"]}
        missing = [key for key, version in versions.items() if version is None]
        if missing:
            versions.update(_current_versions(missing))
            self._remember(entry_key, entry)
        return entry if versions == entry["versions"] else None

    def _remember(self, entry_key, entry):
        if len(self.known_keys) > 50_000:
            self.known_keys.clear()
        self.known_keys[entry_key] = tuple(entry["versions"])

    def _storable(self, response):
        # The CSRF cookie is per reader and re-issued on every hit; any other cookie is personal.
        if response.status_code != 200 or response.streaming:
            return False
        if any(name != settings.CSRF_COOKIE_NAME for name in response.cookies):
            return False
        cache_control = response.get("Cache-Control", "")
        return not any(word in cache_control for word in ("private", "no-cache", "no-store"))

    def _serve(self, request, entry):
        conditional = get_conditional_response(request, etag=entry["etag"], last_modified=entry["stored_at"])
        if conditional is not None:
            self._validators(entry, conditional, hit=True)
            return conditional
        body = entry["body"]
        uses_csrf = CSRF_PLACEHOLDER in body
        if uses_csrf:
            self.csrf.process_request(request)
            body = body.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(body, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["Content-Length"] = str(len(body))
        self._validators(entry, response, hit=True)
        if uses_csrf:
            self.csrf.process_response(request, response)
        return response

    def _validators(self, entry, response, hit):
        response["ETag"] = entry["etag"]
        # Both validators describe this stored copy: a rebuilt page is a new one.
        response["Last-Modified"] = http_date(entry["stored_at"])
        response["X-Page-Cache"] = "hit" if hit else "miss"
        # The HTML carries a per-reader CSRF token: browsers may keep it, shared proxies may not.
        patch_cache_control(response, private=True, max_age=0, must_revalidate=True)

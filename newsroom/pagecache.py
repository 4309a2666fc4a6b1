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

Races: a version bump happens when the change is saved and again when its
transaction commits, and a version records when its bump happened: a page is not
stored when one of its own keys was bumped during its build (or within
PAGE_CACHE_CLOCK_MARGIN before it), so a page built from data that was about to
change is never kept as current, while edits elsewhere never stop a page from
being stored.

Keys: a page is stored per path and per the query parameters its view reads, as the view
declares them with `reads_query()`; any other parameter (`?utm_source=...`) is dropped
before the view runs, so junk query strings all share the page without them instead of
each storing a copy. Requests for a host outside ALLOWED_HOSTS are never looked up or
stored: they go down the stack, where CommonMiddleware answers them as Django does (400).

CSRF: a cached page must not carry one reader's token to another. The token in
a stored page is replaced by a placeholder, and every response served from the
cache gets a fresh masked token for its own reader (and the CSRF cookie with it).
"""

import functools
import hashlib
import operator
import re
import secrets
import time
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest, get_path_info, get_script_name
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, CsrfViewMiddleware
from django.middleware.security import SecurityMiddleware
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, urlencode
from django.utils.module_loading import import_string

from . import purge, surrogate
from .middleware import log_request
from .middleware import request_id as request_id_for

KEY_PREFIX = "pagecache"
# Part of every stored page's and version's key: bump it when their layout changes, so a
# deploy never reads what the previous release stored.
ENTRY_FORMAT = 4
ANY_ARTICLE = "articles:any"
SITE = "site"
# A version is the time of its bump in microseconds, shifted left by this many random bits.
VERSION_RANDOM_BITS = 11
# While one request builds a page, the others asking for it poll for it this often (and
# give up and build it themselves after PAGE_CACHE_BUILD_WAIT). The lock outlives a
# builder that died at most this long.
BUILD_POLL_SECONDS = 0.01
BUILD_LOCK_SECONDS = 30
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


def reads_query(*names):
    """Declare the query parameters a cached view reads (on a view function or class):
    `@reads_query("q", "section", "page")`. Its pages are keyed by these alone and the view
    sees no other parameter; a view that declares none is one page per path."""

    def declare(view):
        view.page_cache_query = tuple(sorted(set(names)))
        return view

    return declare


def _query_read_by(view):
    """The parameters `view` (a URL pattern's callable) declared with reads_query()."""
    declared = getattr(view, "page_cache_query", None)
    if declared is None:  # a class-based view's as_view() function carries its class
        declared = getattr(getattr(view, "view_class", None), "page_cache_query", ())
    return declared


def _page_number(value):
    """Page 1, asked for as "1" or "", is the page without a number. Any other value goes to
    the view as it is: the view decides what it means (a value that is not a page number is a
    404, which is never stored), so no reading here can disagree with the view's."""
    return None if value in ("", "1") else value


# How a declared parameter's value is written in the key (and passed to the view).
QUERY_NORMALISERS = {"page": _page_number, "p": _page_number}  # p: the sitemaps' page


def canonical_query(query, names):
    """The query string of `names` in `query` (a QueryDict): sorted, each parameter once with
    the value a view reads (QueryDict.get: the last one), normalised (QUERY_NORMALISERS)."""
    pairs = []
    for name in names:
        values = query.getlist(name)
        if values:
            value = QUERY_NORMALISERS.get(name, str)(values[-1])
            if value is not None:
                pairs.append((name, value))
    return urlencode(pairs)


def now_and_after_commit(action):
    """Run `action` now, and again when the current transaction (if any) commits: whatever
    a reader cached in between was read from the data before the commit."""
    action()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(action)


def bump(*keys):
    """Mark every cached page that depends on one of `keys` as stale (now and after commit)."""
    keys = set(keys)
    if keys:
        def bump_now():
            cache.set_many({_version_key(key): _new_version() for key in keys}, None)
            purge.purge(keys)  # the HTTP cache in front, if any (newsroom/purge.py)

        now_and_after_commit(bump_now)


def _new_version(at=None):
    """A version: when the bump happened (read back by _bumped_at) and random low bits, so two
    servers bumping in the same microsecond still differ. An int: Django's Redis serializer
    stores it as is, so reading it back costs no unpickling."""
    microseconds = time.time_ns() // 1000 if at is None else at
    return microseconds << VERSION_RANDOM_BITS | secrets.randbits(VERSION_RANDOM_BITS)


def _bumped_at(version):
    """Seconds since the epoch of the bump that made `version` (0 for a first version)."""
    return (version >> VERSION_RANDOM_BITS) / 1e6


def _version_key(key):
    # Versions are read as bump times: ENTRY_FORMAT in the key keeps a release from reading
    # the versions of a release that wrote them differently.
    return f"{KEY_PREFIX}:v{ENTRY_FORMAT}:{key}"


def _current_versions(keys):
    """The versions of `keys`, starting any that is missing."""
    version_keys = {_version_key(key): key for key in keys}
    found = cache.get_many(list(version_keys))
    # First use (or evicted): a version of time 0, as no bump made it; a page stored now is valid for it.
    missing = {vk: _new_version(at=0) for vk in version_keys if vk not in found}
    if missing:
        cache.set_many(missing, None)
        found.update(missing)
    return {version_keys[vk]: found[vk] for vk in version_keys}


@functools.cache
def _content_next_transition():
    """The content's own answer to "when does something next go live?"
    (settings.PAGE_CACHE_NEXT_TRANSITION, a dotted path): the project layer imports no app."""
    return import_string(settings.PAGE_CACHE_NEXT_TRANSITION)


def next_transition(since=None):
    """Epoch seconds of the first scheduled publish or embargo lift after `since` (Django's
    now by default), or None.

    A page must expire by the first transition after its build *began*: a story that went
    live while the page was being built may be missing from it. Cached with the moment it
    was computed for, keyed by the version of ANY_ARTICLE so any story change recomputes it;
    the cached answer serves a later `since` until it passes.
    """
    since = _now() if since is None else since
    version = _current_versions([ANY_ARTICLE])[ANY_ARTICLE]
    key = f"{KEY_PREFIX}:next-transition:{ENTRY_FORMAT}"
    stored = cache.get(key)
    fresh = stored and stored["version"] == version
    if fresh and stored["since"] <= since and (stored["at"] is None or stored["at"] > since):
        return stored["at"]
    at = _content_next_transition()(datetime.fromtimestamp(since, tz=UTC))
    at = at.timestamp() if at else None
    if not fresh or since >= stored["since"]:
        timeout = None if at is None else max(1, int(at - since) + 1)
        cache.set(key, {"version": version, "since": since, "at": at}, timeout)
    return at


def _lifetime(keys, started, since):
    """For something built from `keys` (a page or a fragment), whose build began at `started`
    (wall clock) and `since` (Django's clock): (now, the versions to store with it, when it
    expires, whether to store it at all).

    It expires after PAGE_CACHE_SECONDS or at the next scheduled transition, whichever comes
    first, and is not stored when one of its keys was bumped during the build: it may show
    data from before the bump. The margin covers clocks that differ between app servers."""
    now = _now()
    expires_at = now + settings.PAGE_CACHE_SECONDS
    transition = next_transition(since)
    if transition is not None:
        expires_at = min(expires_at, transition)
    versions = _current_versions(set(keys) | {SITE})
    bumped_during_build = max(map(_bumped_at, versions.values())) >= started - settings.PAGE_CACHE_CLOCK_MARGIN
    return now, versions, expires_at, expires_at - now >= 1 and not bumped_during_build


def build_clock():
    """Read before any data a build reads: (wall clock for bump times, Django's clock for
    publish times), for store_fragment()."""
    return time.time(), _now()


def _fragment_key(name):
    return f"{KEY_PREFIX}:fragment{ENTRY_FORMAT}:{hashlib.sha256(name.encode()).hexdigest()}"


def cached_fragment(request, name):
    """The value store_fragment() kept under `name`, if every key it was built from is still
    at its version and it has not expired; else None. Its keys are added to the page being
    built (add_cache_keys): a page made from a fragment depends on what the fragment does."""
    if not settings.PAGE_CACHE_SECONDS:
        return None
    entry, _ = _fresh_entry(_fragment_key(name))
    if entry is None:
        return None
    add_cache_keys(request, *entry["versions"])
    return entry["value"]


def store_fragment(name, value, keys, clock):
    """Keep `value` (anything the cache can pickle), a part of pages built from `keys`, under
    `name` for cached_fragment(): as long as a page would be kept (see _lifetime), with the
    clock its build began at (build_clock())."""
    if not settings.PAGE_CACHE_SECONDS:
        return
    now, versions, expires_at, keep = _lifetime(keys, *clock)
    if keep:
        entry_key = _fragment_key(name)
        entry = {"value": value, "versions": versions, "expires_at": expires_at}
        cache.set(entry_key, entry, int(expires_at - now))
        _remember(entry_key, entry)


def page_key(path_and_query):
    """The cache key of the page stored for a path (with its canonical query string)."""
    return f"{KEY_PREFIX}:page{ENTRY_FORMAT}:{hashlib.sha256(path_and_query.encode()).hexdigest()}"


def _eligible(request):
    excluded_prefixes, root_files = _not_pages()
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(excluded_prefixes)
        and request.path not in root_files
        # Signed-in readers (or anyone with a session or pending messages) get live pages.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _canonical_etag(body):
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


@functools.cache
def _not_pages():
    """Paths never looked up: the excluded prefixes, static files and media (served by
    WhiteNoise and the web server), and the files WhiteNoise serves at the site's root
    (favicon.ico: every browser asks for them, and a lookup would only cost a round trip)."""
    prefixes = (*settings.PAGE_CACHE_EXCLUDED_PREFIXES, settings.STATIC_URL, settings.MEDIA_URL)
    root = getattr(settings, "WHITENOISE_ROOT", None)
    files = frozenset(
        "/" + path.relative_to(root).as_posix() for path in Path(root).rglob("*") if path.is_file()
    ) if root else frozenset()
    return prefixes, files


# Random bytes below 248 (4 × 62) map evenly onto the 62 allowed characters; the rest are dropped.
_CSRF_BYTE_TO_CHAR = bytes(CSRF_ALLOWED_CHARS[b % len(CSRF_ALLOWED_CHARS)].encode()[0] for b in range(256))
_CSRF_REJECTED_BYTES = bytes(range(256 - 256 % len(CSRF_ALLOWED_CHARS), 256))
# Each allowed character to its index, and the sum of two indexes back to a character.
_CSRF_CHAR_TO_INDEX = bytes.maketrans(CSRF_ALLOWED_CHARS.encode(), bytes(range(len(CSRF_ALLOWED_CHARS))))
_CSRF_SUM_TO_CHAR = bytes(CSRF_ALLOWED_CHARS[i % len(CSRF_ALLOWED_CHARS)].encode()[0] for i in range(256))


def _random_csrf_string():
    """CSRF_SECRET_LENGTH characters drawn uniformly from CSRF_ALLOWED_CHARS, as Django's
    own _get_new_csrf_string() makes them, from one read of the OS's random source
    instead of one a character (this runs on every cache hit with a form)."""
    chars = b""
    while len(chars) < CSRF_SECRET_LENGTH:
        chars += secrets.token_bytes(40).translate(_CSRF_BYTE_TO_CHAR, _CSRF_REJECTED_BYTES)
    return chars[:CSRF_SECRET_LENGTH].decode()


def _masked_csrf_token(secret):
    """The secret masked as django.middleware.csrf.get_token() masks it: a fresh random
    mask, then each secret character shifted by its mask character (BREACH)."""
    mask = _random_csrf_string()
    indexes = (value.encode().translate(_CSRF_CHAR_TO_INDEX) for value in (secret, mask))
    return mask + bytes(map(operator.add, *indexes)).translate(_CSRF_SUM_TO_CHAR).decode()


# Headers that belong to one response, not to the stored page.
PER_RESPONSE_HEADERS = {
    "content-length", "set-cookie", "date", "etag", "last-modified", "x-page-cache", "cache-control", "expires",
}


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD requests from the shared cache.

    It sits right after SecurityMiddleware (which still redirects plain http and
    adds its headers to every response), outside CSP, WhiteNoise, session, CSRF,
    auth and messages, so a hit costs one cache round trip and little Python: the
    stored page carries the headers the inner middleware added (CSP,
    X-Frame-Options, Vary...). Only the CSRF token is per reader: for a page with
    a form, the reader's CSRF cookie is read (or created) as CsrfViewMiddleware
    does it, and a freshly masked token fills the placeholder. (So the CSRF secret
    must live in its cookie: CSRF_USE_SESSIONS is not supported.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not _eligible(request):
            return self.get_response(request)
        try:
            request.get_host()
        except DisallowedHost:
            # Neither served nor stored: CommonMiddleware answers it as for any request.
            return self.get_response(request)
        entry_key = page_key(self._path_and_query(request))
        entry, _ = _fresh_entry(entry_key)
        if entry is not None:
            return self._serve(request, entry)
        # A story that breaks is asked for by many readers at once: one request builds the
        # page, the others wait for it rather than each building it too.
        lock_key = f"{entry_key}:building"
        if cache.add(lock_key, 1, BUILD_LOCK_SECONDS):
            try:
                return self._build(request, entry_key)
            finally:
                cache.delete(lock_key)
        entry = self._wait_for_build(entry_key, lock_key)
        if entry is not None:
            return self._serve(request, entry)
        return self._build(request, entry_key)

    def _path_and_query(self, request):
        """The path and the canonical query string of the parameters its view reads (_build
        gives the view only those, so the page matches its key)."""
        if not request.META.get("QUERY_STRING"):
            return request.path
        names = _query_read(request.path_info)
        query = request.page_cache_query = canonical_query(request.GET, names) if names else ""
        return f"{request.path}?{query}" if query else request.path

    def _wait_for_build(self, entry_key, lock_key):
        """Poll until the page another request is building is stored; None when it will not
        be (the builder finished without storing it, or gave up)."""
        deadline = time.monotonic() + settings.PAGE_CACHE_BUILD_WAIT
        while time.monotonic() < deadline:
            time.sleep(BUILD_POLL_SECONDS)
            entry, building = _fresh_entry(entry_key, also=lock_key)
            if entry is not None or building is None:
                return entry
        return None

    def _build(self, request, entry_key):
        started, since = build_clock()
        if hasattr(request, "page_cache_query"):
            request.GET = QueryDict(request.page_cache_query)
        response = self.get_response(request)
        if not self._storable(response):
            return response
        keys = getattr(request, "page_cache_keys", None) or {ANY_ARTICLE}
        body = CSRF_FIELD.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
        now, versions, expires_at, keep = _lifetime(keys, started, since)
        patch_cache_control(response, private=True, max_age=0, must_revalidate=True)
        if CSRF_PLACEHOLDER in body:
            patch_vary_headers(response, ("Cookie",))  # as CsrfViewMiddleware does: stored, not redone per hit
        entry = {
            "status": response.status_code,
            "headers": [(name, value) for name, value in response.items() if name.lower() not in PER_RESPONSE_HEADERS],
            # Split where each reader's CSRF token goes: a hit joins, it never searches.
            "body": body.split(CSRF_PLACEHOLDER),
            "etag": _canonical_etag(body),
            "versions": versions,
            "expires_at": expires_at,
            "stored_at": int(now),
            "last_modified": http_date(int(now)),
            "cache_control": response["Cache-Control"],
        }
        if keep:
            cache.set(entry_key, entry, int(expires_at - now))
            _remember(entry_key, entry)
            surrogate.mark(request, response, entry)
        self._validators(entry, response, hit=False)
        return get_conditional_response(
            request, etag=entry["etag"], last_modified=entry["stored_at"], response=response
        )

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
        body, csrf_secret = _hit_body(request, entry)
        response = HttpResponse(body, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["Content-Length"] = str(len(body))
        self._validators(entry, response, hit=True)
        surrogate.mark(request, response, entry)
        if csrf_secret is not None:
            response.set_cookie(settings.CSRF_COOKIE_NAME, csrf_secret, **_csrf_cookie_options())
        return response

    def _validators(self, entry, response, hit):
        for name, value in _validator_headers(entry, hit):
            response[name] = value


def _validator_headers(entry, hit):
    return (
        ("ETag", entry["etag"]),
        # Both validators describe this stored copy: a rebuilt page is a new one.
        ("Last-Modified", entry["last_modified"]),
        ("X-Page-Cache", "hit" if hit else "miss"),
        # The HTML carries a per-reader CSRF token: browsers may keep it, shared proxies may not.
        ("Cache-Control", entry["cache_control"]),
    )


# Per process: which invalidation keys each URL depended on last time, so a hit fetches the
# page and the keys' versions in one MGET; and the query parameters each path's view reads.
_KNOWN_KEYS = {}
_QUERY_READ = {}
_CSRF = CsrfViewMiddleware(lambda request: None)


def _query_read(path_info):
    names = _QUERY_READ.get(path_info)
    if names is None:
        try:
            names = _query_read_by(resolve(path_info).func)
        except Resolver404:
            names = ()
        if len(_QUERY_READ) > 50_000:
            _QUERY_READ.clear()
        _QUERY_READ[path_info] = names
    return names


def _fresh_entry(entry_key, also=None):
    """The stored page if it is still current (or None), and the value of the cache key
    `also` (if given), in one cache round trip when this process has seen the URL before."""
    known = _KNOWN_KEYS.get(entry_key, ())
    found = cache.get_many([entry_key, *(_version_key(key) for key in known), *([also] if also else [])])
    entry, extra = found.get(entry_key), found.get(also)
    if entry is None or entry["expires_at"] <= _now():
        return None, extra
    versions = {key: found.get(_version_key(key)) for key in entry["versions"]}
    missing = [key for key, version in versions.items() if version is None]
    if missing:
        versions.update(_current_versions(missing))
        _remember(entry_key, entry)
    return (entry if versions == entry["versions"] else None), extra


def _remember(entry_key, entry):
    if len(_KNOWN_KEYS) > 50_000:
        _KNOWN_KEYS.clear()
    _KNOWN_KEYS[entry_key] = tuple(entry["versions"])


def _hit_body(request, entry):
    """The stored body for this reader, and the CSRF secret to set in the reader's cookie
    (None for a page without a form): a freshly masked token fills each placeholder."""
    parts = entry["body"]
    if len(parts) == 1:
        return parts[0], None
    _CSRF.process_request(request)  # reads the reader's CSRF cookie, if valid
    if request.META.get("CSRF_COOKIE") is None:
        request.META["CSRF_COOKIE"] = _random_csrf_string()
    secret = request.META["CSRF_COOKIE"]
    return _masked_csrf_token(secret).encode().join(parts), secret


def _csrf_cookie_options():
    """The reader's CSRF cookie, set or renewed on every hit with a form, as CsrfViewMiddleware sets it."""
    return {
        "max_age": settings.CSRF_COOKIE_AGE,
        "domain": settings.CSRF_COOKIE_DOMAIN,
        "path": settings.CSRF_COOKIE_PATH,
        "secure": settings.CSRF_COOKIE_SECURE,
        "httponly": settings.CSRF_COOKIE_HTTPONLY,
        "samesite": settings.CSRF_COOKIE_SAMESITE,
    }


class PageCacheHits:
    """WSGI: serve a current stored page before Django's handler runs.

    A page-cache hit needs none of what Django builds for a request (the request object,
    the request_started/finished signals that check database connections, eighteen
    middleware calls, the response object): this wrapper of the WSGI application answers
    a plain anonymous GET of a page this process has served before with one cache round
    trip, and hands every other request to Django untouched. It keeps what the middleware
    in front of the page cache does, with their own code: ALLOWED_HOSTS (get_host()), the
    HTTPS redirect (is_secure()), SecurityMiddleware's headers and RequestLogMiddleware's
    request id and log line. Conditional requests (If-None-Match, If-Modified-Since) and
    HEAD go to Django, which answers them from the same stored page.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        started = time.perf_counter()
        hit = _hit(environ)
        if hit is None:
            return self.application(environ, start_response)
        path, headers, body = hit
        request_id = request_id_for(environ.get("HTTP_X_REQUEST_ID", ""))
        headers.append(("X-Request-ID", request_id))
        start_response("200 OK", headers)
        log_request(request_id, "GET", path, 200, started)
        return [body]


def _hit(environ):
    """(path, headers, body) of the stored page for this request, or None for Django to answer."""
    if (
        environ.get("REQUEST_METHOD") != "GET"
        or not settings.PAGE_CACHE_SECONDS
        or "HTTP_IF_NONE_MATCH" in environ
        or "HTTP_IF_MODIFIED_SINCE" in environ
        or surrogate.CAPABILITY_HEADER in environ  # a fetch by the cache in front: Django marks it
        or get_script_name(environ)
    ):
        return None
    request = _bare_request(environ)
    secure = request.is_secure()
    if not _eligible(request) or (settings.SECURE_SSL_REDIRECT and not secure):
        return None
    try:
        request.get_host()
    except DisallowedHost:
        return None
    path_and_query = request.path
    if environ.get("QUERY_STRING"):
        names = _QUERY_READ.get(request.path_info)
        if names is None:  # not seen by this process yet: Django's path learns it
            return None
        query = canonical_query(request.GET, names) if names else ""
        path_and_query = f"{request.path}?{query}" if query else request.path
    entry_key = page_key(path_and_query)
    if entry_key not in _KNOWN_KEYS:  # one round trip needs the keys of the page's versions
        return None
    entry, _ = _fresh_entry(entry_key)
    if entry is None or entry["status"] != 200:
        return None
    body, csrf_secret = _hit_body(request, entry)
    headers = [*entry["headers"], *_validator_headers(entry, hit=True), ("Content-Length", str(len(body)))]
    stored = {name.lower() for name, _ in headers}
    headers += [(name, value) for name, value in _security_headers(secure) if name.lower() not in stored]
    if csrf_secret is not None:
        headers.append(("Set-Cookie", _csrf_cookie_header(csrf_secret)))
    return request.path, headers, body


def _bare_request(environ):
    """A WSGIRequest over `environ` without the work of its __init__ (no stream, no query
    or header parsing until asked for): enough for Django's own get_host(), is_secure(),
    COOKIES and GET, so the hit path decides as the rest of Django would."""
    request = WSGIRequest.__new__(WSGIRequest)
    request.environ = request.META = environ
    request.method = "GET"
    request.path = request.path_info = get_path_info(environ) or "/"
    return request


@functools.cache
def _security_headers(secure):
    """The headers SecurityMiddleware adds to a response (HSTS only over HTTPS), from its own code."""
    request = HttpRequest()
    request.is_secure = lambda: secure
    response = SecurityMiddleware(lambda request: None).process_response(request, HttpResponseBase())
    return tuple((name, value) for name, value in response.items() if name != "Content-Type")


_cookie_template = [None, ""]
_COOKIE_VALUE = "0" * CSRF_SECRET_LENGTH


def _csrf_cookie_header(secret):
    """The Set-Cookie value Django's set_cookie() writes for the reader's CSRF cookie (made
    once a second: its expiry date is the only part that changes)."""
    now = int(time.time())
    if _cookie_template[0] != now:
        response = HttpResponseBase()
        response.set_cookie(settings.CSRF_COOKIE_NAME, _COOKIE_VALUE, **_csrf_cookie_options())
        _cookie_template[:] = [now, response.cookies[settings.CSRF_COOKIE_NAME].OutputString()]
    name = settings.CSRF_COOKIE_NAME
    return _cookie_template[1].replace(f"{name}={_COOKIE_VALUE}", f"{name}={secret}", 1)


@receiver(setting_changed)
def _settings_changed(**kwargs):
    _security_headers.cache_clear()
    _not_pages.cache_clear()
    _cookie_template[0] = None

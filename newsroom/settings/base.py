"""Settings shared by every environment. dev, test and prod only adjust these.

Every value that differs between machines comes from the environment; see the
README's "Configuration" section for the full list.
"""

import logging
import os
import secrets
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    """Read one environment variable; empty strings count as unset."""
    value = os.environ.get(name, "")
    return value if value != "" else default


def env_bool(name, default=False):
    value = env(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name, default=()):
    value = env(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def secret_key_in(path):
    """A random SECRET_KEY kept in `path` (made on first use, readable by its owner only), for
    machines without a configured key: `make run` (newsroom.settings.dev) and `make serve-prod`.
    Each checkout gets its own key, so no key is ever committed; the file is git-ignored
    (/.secret-key.*). Two processes starting at once agree: O_EXCL lets one create it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as key_file:
            key_file.write(secrets.token_urlsafe(50) + "\n")
    for _attempt in range(50):  # the creator may not have written it yet
        key = path.read_text().strip()
        if key:
            return key
        time.sleep(0.01)
    raise ImproperlyConfigured(f"{path} is empty: delete it to get a new SECRET_KEY.")


# === The project ===========================================================================
# Which settings module is active: "dev", "test" or "prod". Commands that must
# never run in production (load_demo) check it.
NEWSROOM_ENVIRONMENT = "base"

SECRET_KEY = env("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    # django.contrib.admin with the newsroom's admin site (newsroom/admin_site.py).
    "newsroom.admin_site.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "taggit",
    # django_comments_xtd must come before django_comments (FACTS.md).
    "django_comments_xtd",
    "django_comments",
    "rest_framework",
    "axes",
    # The desks' front end, served as static files (no build step, no CDN): the story
    # editor (ProseMirror/Tiptap) and htmx for the moderation desk.
    "django_prose_editor",
    "django_htmx",
    "images",
    "articles",
    "comments",
]

AUTHENTICATION_BACKENDS = [
    # django-axes first: refuses sign-ins while an account is locked out on that address.
    "newsroom.auth.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]

MIDDLEWARE = [
    "newsroom.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Serves anonymous readers from the shared cache, before the CSP, session, CSRF and
    # auth work (a stored page keeps the headers those added; see newsroom/pagecache.py).
    "newsroom.pagecache.PageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.newsroom",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"
ASGI_APPLICATION = "newsroom.asgi.application"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Serve /bench/minimal, the benchmark's baseline view (bench/run.py turns it on).
NEWSROOM_BENCH_VIEWS = env_bool("NEWSROOM_BENCH_VIEWS", False)

# === Database ==============================================================================
# SQLite is the embedded default; DATABASE_URL (postgres://...) selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast (and answer 503) when PostgreSQL is unreachable, instead of hanging.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(env("DATABASE_CONNECT_TIMEOUT", "3"))

# === Cache (shared by the page cache, rate limits and lockouts) ============================
# A shared cache (Redis) when REDIS_URL is set, per-process memory otherwise.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache, logging and degrading to a miss when Redis is down.
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom",
        }
    }

# === Accounts and sign-in ==================================================================
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "admin:login"

# Admin sign-in lockout (django-axes): 5 failures for one username, from any addresses,
# lock that username out, and 5 failures from one address, for any usernames, lock that
# address out, for 15 minutes (HTTP 429, templates/admin/lockout.html). Counted in Redis
# when there is one, in the database otherwise: either way the count holds across workers
# and machines.
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler" if REDIS_URL else "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_USERNAME_CALLABLE = "newsroom.auth.lockout_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
# By address group, as every other per-client limit (an IPv6 client's /64 is one address).
AXES_CLIENT_IP_CALLABLE = "newsroom.clientip.client_address_group"
AXES_VERBOSE = False

# === Language and time =====================================================================
LANGUAGE_CODE = "en-gb"
# The newsroom's time zone: the admin shows and accepts times in it.
TIME_ZONE = env("NEWSROOM_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

# === Static files, media and uploaded images ===============================================
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files served at the site's root by whitenoise (favicon.ico).
WHITENOISE_ROOT = BASE_DIR / "public"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))


def media_storage(environ):
    """STORAGES["default"]: uploaded images and their renditions. On the local disk (MEDIA_ROOT)
    unless MEDIA_S3_BUCKET names a bucket of an S3-compatible object store (django-storages);
    then every application server, whatever its working directory, reads and writes the same files.

    Fixed choices: public URLs without signatures (pages are cached, so links must not expire),
    no ACL sent (the bucket's own policy makes objects readable: the operator's), a name already
    taken is never overwritten, and objects are cached for a year by browsers and CDNs (every
    stored name is new: random for uploads, a hash for renditions; images/uploads.py,
    images/renditions.py).

    Links name MEDIA_S3_CUSTOM_DOMAIN (a CDN), else the bucket at the endpoint
    (`<endpoint>/<bucket>/...`), else the bucket's host on AWS. Always a host: django-storages
    then builds a URL by joining strings, where without one it asks boto3 to sign an unsigned
    URL (0.13 ms a link, 20 ms for a home page of cards)."""
    bucket = environ.get("MEDIA_S3_BUCKET", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        "querystring_auth": False,
        "default_acl": None,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }
    for option, name in (
        ("region_name", "MEDIA_S3_REGION"),
        ("endpoint_url", "MEDIA_S3_ENDPOINT_URL"),
        # Unset: boto3 finds credentials itself (an instance role, AWS_* variables).
        ("access_key", "MEDIA_S3_ACCESS_KEY_ID"),
        ("secret_key", "MEDIA_S3_SECRET_ACCESS_KEY"),
        ("custom_domain", "MEDIA_S3_CUSTOM_DOMAIN"),
        ("location", "MEDIA_S3_LOCATION"),
    ):
        if environ.get(name, ""):
            options[option] = environ[name]
    protocol = "https:"
    if "custom_domain" not in options and "endpoint_url" in options:
        endpoint = urlsplit(options["endpoint_url"])
        options["custom_domain"] = f"{endpoint.netloc}{endpoint.path.rstrip('/')}/{bucket}"
        protocol = f"{endpoint.scheme}:"
    elif "custom_domain" not in options:
        region = f".{options['region_name']}" if "region_name" in options else ""
        options["custom_domain"] = f"{bucket}.s3{region}.amazonaws.com"
    options["url_protocol"] = _url_protocol(environ.get("MEDIA_S3_URL_PROTOCOL", "") or protocol)
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def media_origins(environ):
    """The origin media_storage(environ) links files at, for the CSP's img-src; none for media
    on the local disk (served by the site itself: 'self')."""
    options = media_storage(environ).get("OPTIONS")
    if options is None:
        return []
    return [f"{options['url_protocol']}//{options['custom_domain'].split('/')[0]}"]


def _url_protocol(value):
    protocol = value if value.endswith(":") else f"{value}:"
    if protocol not in {"https:", "http:"}:
        raise ImproperlyConfigured(f"MEDIA_S3_URL_PROTOCOL must be https or http, not {value!r}")
    return protocol


STORAGES = {
    "default": media_storage(os.environ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploaded images: size limit and Pillow's decompression-bomb guard (applied to every
# image Pillow opens, in images/apps.py).
MAX_IMAGE_UPLOAD_BYTES = int(env("MAX_IMAGE_UPLOAD_BYTES", str(10 * 1024 * 1024)))
MAX_IMAGE_PIXELS = int(env("MAX_IMAGE_PIXELS", str(40_000_000)))

# === Security headers ======================================================================
# Content-Security-Policy (django-csp): no inline script anywhere, nothing from other hosts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # Uploaded images may come from object storage (media_origins).
        "img-src": ["'self'", "data:", *media_origins(os.environ)],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# === Client addresses, rate limits and outages =========================================
# Behind how many proxies that append to X-Forwarded-For the site runs (0: none,
# use REMOTE_ADDR). Every per-IP limit reads the address through newsroom.clientip.
NEWSROOM_TRUSTED_PROXIES = int(env("NEWSROOM_TRUSTED_PROXIES", "0"))

# Rate limits (newsroom/ratelimits.py, django-ratelimit), counted in the default
# cache: Redis in production, so they hold across workers and machines. Per IP address
# (an IPv6 client's /64 counts as one) unless the comment says otherwise.
# Each group is a list of "count/period" (s, m, h, d); the environment overrides
# one group with e.g. NEWSROOM_RATE_LIMIT_COMMENTS="10/m,60/h" ("" keeps the default).
NEWSROOM_RATE_LIMITS = {
    "comments": env_list("NEWSROOM_RATE_LIMIT_COMMENTS", ["10/m", "60/h"]),
    # Searches that miss the page cache (a hit costs almost nothing and is not counted).
    "search": env_list("NEWSROOM_RATE_LIMIT_SEARCH", ["30/m", "300/h"]),
    # Following the confirmation and mute links of comment emails.
    "comment_links": env_list("NEWSROOM_RATE_LIMIT_COMMENT_LINKS", ["10/m", "60/h"]),
    # Readers' reports of comments (sent, not the form being shown).
    "comment_reports": env_list("NEWSROOM_RATE_LIMIT_COMMENT_REPORTS", ["10/h"]),
    # Comment emails (comments/mail.py), not per IP: the confirmation requests sent to one
    # email address (capitals ignored), the ones the whole site sends, and the follow-up
    # emails ("new comment on a story you follow") sent to one address.
    "confirmation_mails_to_address": env_list("NEWSROOM_RATE_LIMIT_CONFIRMATION_MAILS_TO_ADDRESS", ["5/h"]),
    "confirmation_mails": env_list("NEWSROOM_RATE_LIMIT_CONFIRMATION_MAILS", ["500/h"]),
    "followup_mails_to_address": env_list("NEWSROOM_RATE_LIMIT_FOLLOWUP_MAILS_TO_ADDRESS", ["20/h"]),
}
# When the cache cannot count (Redis down), let the request through.
RATELIMIT_FAIL_OPEN = True
# Database unreachable: answer 503 with this Retry-After (newsroom.middleware.DatabaseUnavailableMiddleware).
NEWSROOM_DATABASE_RETRY_AFTER = 5

# === Sites and absolute URLs ===============================================================
# Sites framework: the domain used for absolute links (emails, feeds). Applied
# to Site(SITE_ID) after every migrate.
SITE_ID = 1
SITE_DOMAIN = env("SITE_DOMAIN", "127.0.0.1:8000")
SITE_NAME = env("SITE_NAME", "The Newsroom")

# Scheme of every absolute URL: emails, feeds, sitemaps, canonical links, JSON-LD (the host is
# the Sites framework's domain, from SITE_DOMAIN). dev and test use http.
NEWSROOM_URL_SCHEME = env("NEWSROOM_URL_SCHEME", "https")

# === Email =================================================================================
# Outgoing mail (comment confirmations, follow-ups, workflow notices): SMTP from the environment.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# === Page cache ============================================================================
# The shared page cache for anonymous readers (newsroom/pagecache.py): how long a
# page may be served from the cache at most (0 turns it off). Keep it well below
# COMMENT_TIMEOUT (2 hours), the age at which a comment form's timestamp expires.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300"))
PAGE_CACHE_EXCLUDED_PREFIXES = ("/admin/", "/comments/", "/healthz", "/bench/")
# While one request builds a missing page, others asking for the same page wait for it this
# many seconds at most, then build it themselves.
PAGE_CACHE_BUILD_WAIT = float(env("PAGE_CACHE_BUILD_WAIT", "2"))
# A page is not stored when one of its keys was bumped during its build or this many seconds
# before it: the app servers' clocks (NTP) must agree within it.
PAGE_CACHE_CLOCK_MARGIN = float(env("PAGE_CACHE_CLOCK_MARGIN", "1"))
# A page expires by the next moment content goes live (a scheduled publish, an embargo lift):
# the function that says when, as a dotted path (the project layer imports no app).
PAGE_CACHE_NEXT_TRANSITION = "articles.models.next_transition"
# An HTTP cache in front (Varnish: deploy/varnish/, `VARNISH=1 make serve-prod`): the class that
# purges the keys every version bump bumps (dotted path; "" when nothing is in front), where to
# send the purges (comma-separated URLs) and how long each may take before it is logged and dropped.
PAGE_CACHE_PURGER = env("PAGE_CACHE_PURGER", "")
PAGE_CACHE_PURGE_URLS = env_list("VARNISH_PURGE_URLS", [])
PAGE_CACHE_PURGE_TIMEOUT = float(env("PAGE_CACHE_PURGE_TIMEOUT", "0.5"))

# === Stories: lists, workflow, discovery ===================================================
# django-taggit: "NATO" and "nato" are one tag.
TAGGIT_CASE_INSENSITIVE = True

# Public list pages show this many stories a page.
NEWSROOM_PAGE_SIZE = 20
# The home page fills its sections from this many of the newest public stories,
# which keeps its query an index range scan however large the archive grows.
NEWSROOM_HOME_WINDOW = 400
# How many links the "Read more" block under a story shows.
NEWSROOM_RELATED_COUNT = 4

# django-reversion keeps every saved revision of a story (README, "Editorial workflow").
INSTALLED_APPS += ["reversion"]
# The public corrections log shows this many corrections a page.
NEWSROOM_CORRECTIONS_PAGE_SIZE = 30

# "Read more": a shared tag's weight halves for every this many days of the candidate's age.
NEWSROOM_RELATED_HALF_LIFE_DAYS = float(env("NEWSROOM_RELATED_HALF_LIFE_DAYS", "7"))
# "Read more": added to the score of a candidate from the story's own section.
NEWSROOM_RELATED_SECTION_BONUS = 0.5
# "Read more": for each tag, only its this many newest stories are candidates. On the
# benchmark's 50,000 stories (72 a day, the commonest tag on half of them) 50 chose the same
# links as 200 for 200 of 200 stories, in 5.5 ms instead of 9.4 (bench/README.md).
NEWSROOM_RELATED_CANDIDATES_PER_TAG = 50
# Search: a story's relevance counts up to double when fresh; the boost halves every this many days.
NEWSROOM_SEARCH_RECENCY_HALF_LIFE_DAYS = 30
# Search: only this many newest matches are ranked and listed: it bounds a search's cost
# (bench/README.md has the measurements behind the value). 25 pages of 20.
NEWSROOM_SEARCH_MAX_RESULTS = int(env("NEWSROOM_SEARCH_MAX_RESULTS", "500"))
# Search: longer queries are cut to this many characters.
NEWSROOM_SEARCH_MAX_QUERY_LENGTH = 200
# Feeds list this many latest stories; the stories sitemap has this many URLs a page.
NEWSROOM_FEED_SIZE = 50
NEWSROOM_SITEMAP_PAGE_SIZE = 5000

# === Comments and moderation ===============================================================
# django-comments-xtd wiring (FACTS.md); the comment rules arrive with their issue.
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_CONFIRM_EMAIL = True

# Reader comments and moderation (comments app on django-comments-xtd 2.10).
# The README's "Moderation guide" explains every rule and what the commenter sees.
COMMENTS_XTD_MODEL = "comments.models.ReaderComment"
COMMENTS_XTD_FORM_CLASS = "comments.forms.CommentForm"
# Replies go at most two levels below a top-level comment.
COMMENTS_XTD_MAX_THREAD_LEVEL_BY_APP_MODEL = {"articles.article": 2}
COMMENTS_XTD_APP_MODEL_OPTIONS = {
    "articles.article": {
        "who_can_post": "all", "allow_flagging": True, "allow_feedback": False, "show_feedback": False,
    },
}
COMMENTS_XTD_FROM_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_CONTACT_EMAIL = DEFAULT_FROM_EMAIL
COMMENTS_XTD_THREADED_EMAILS = True
COMMENT_MAX_LENGTH = 3000
# Where held comments are announced (the moderation desk); empty: no such emails.
MANAGERS = [("Moderation desk", address) for address in env_list("NEWSROOM_MODERATION_EMAILS")]

# Comments close this many days after publishing (a story may override it).
NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS = 14
# Hold a comment with this many links or more (0: never).
NEWSROOM_COMMENTS_HOLD_LINKS = 2
# Hold the first comment from an email address until one from it has been approved.
NEWSROOM_COMMENTS_HOLD_FIRST_COMMENT = True
# An anonymous comment's confirmation link works for this many hours (comments/confirmation.py).
NEWSROOM_COMMENTS_CONFIRMATION_HOURS = int(env("NEWSROOM_COMMENTS_CONFIRMATION_HOURS", "48"))
# Seconds between two comments from the same email address or IP address.
NEWSROOM_COMMENTS_MIN_INTERVAL = int(env("NEWSROOM_COMMENTS_MIN_INTERVAL", "15"))
# Reader reports that send a public comment back to the moderation queue.
NEWSROOM_COMMENTS_REPORTS_TO_HOLD = 3

# === Logging ===============================================================================
# Every request writes a log line (newsroom.middleware.log_request): a record need not look up
# its caller's frame, thread or process, which no format here shows (the logging HOWTO's
# "Optimization" settings; 7 µs a line instead of 13 on the benchmark machine).
logging._srcfile = None
logging.logThreads = False
logging.logProcesses = False
logging.logMultiprocessing = False
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # RequestLogMiddleware writes the access log with request ids; runserver's own is redundant.
        "django.server": {"level": "WARNING"},
    },
}

"""Settings shared by every environment. dev, test and prod only adjust these.

Every value that differs between machines comes from the environment; see the
README's "Configuration" section for the full list.
"""

import os
from pathlib import Path

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


# Which settings module is active: "dev", "test" or "prod". Commands that must
# never run in production (load_demo) check it.
NEWSROOM_ENVIRONMENT = "base"

SECRET_KEY = env("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.admin",
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
    "articles",
    "comments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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

# SQLite is the embedded default; DATABASE_URL (postgres://...) selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}

# A shared cache (Redis) when REDIS_URL is set, per-process memory otherwise.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
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

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# The newsroom's time zone: the admin shows and accepts times in it.
TIME_ZONE = env("NEWSROOM_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "admin:login"

# Sites framework: the domain used for absolute links (emails, feeds). Applied
# to Site(SITE_ID) after every migrate.
SITE_ID = 1
SITE_DOMAIN = env("SITE_DOMAIN", "127.0.0.1:8000")
SITE_NAME = env("SITE_NAME", "The Newsroom")

# django-taggit: "NATO" and "nato" are one tag.
TAGGIT_CASE_INSENSITIVE = True

# django-comments-xtd wiring (FACTS.md); the comment rules arrive with their issue.
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_CONFIRM_EMAIL = True

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Public list pages show this many stories a page.
NEWSROOM_PAGE_SIZE = 20
# How many links the "Read more" block under a story shows.
NEWSROOM_RELATED_COUNT = 4

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- Discovery: "Read more", search, feeds, sitemaps, structured data (issue 5) ---
# Scheme of absolute URLs (feeds, sitemaps, canonical links, JSON-LD); the host is the
# Sites framework's domain (SITE_DOMAIN). dev and test use http.
NEWSROOM_URL_SCHEME = env("NEWSROOM_URL_SCHEME", "https")
# "Read more": a shared tag's weight halves for every this many days of the candidate's age.
NEWSROOM_RELATED_HALF_LIFE_DAYS = float(env("NEWSROOM_RELATED_HALF_LIFE_DAYS", "7"))
# "Read more": added to the score of a candidate from the story's own section.
NEWSROOM_RELATED_SECTION_BONUS = 0.5
# "Read more": for each tag, only its this many newest stories are candidates.
NEWSROOM_RELATED_CANDIDATES_PER_TAG = 200
# Search: a story's relevance counts up to double when fresh; the boost halves every this many days.
NEWSROOM_SEARCH_RECENCY_HALF_LIFE_DAYS = 30
# Search: only this many newest matches are ranked and listed (a very common word stays fast).
NEWSROOM_SEARCH_MAX_RESULTS = 1000
# Search: longer queries are cut to this many characters.
NEWSROOM_SEARCH_MAX_QUERY_LENGTH = 200
# Feeds list this many latest stories; the stories sitemap has this many URLs a page.
NEWSROOM_FEED_SIZE = 50
NEWSROOM_SITEMAP_PAGE_SIZE = 5000

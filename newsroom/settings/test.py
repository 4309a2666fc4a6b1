"""Settings for the test suite (pytest). SQLite unless DATABASE_URL is set."""

import tempfile

from .base import *  # noqa: F403
from .base import env

NEWSROOM_ENVIRONMENT = "test"
DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "newsroom-test",
    }
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = env("TEST_MEDIA_ROOT", tempfile.mkdtemp(prefix="newsroom-test-media-"))
SITE_DOMAIN = "testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Serve static files from the apps' folders: tests run without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Comments: emails sent in the request (mail.outbox), links over http, a fixed moderation desk.
COMMENTS_XTD_THREADED_EMAILS = False
NEWSROOM_URL_SCHEME = "http"
MANAGERS = [("Moderation desk", "moderation@newsroom.test")]

# One process, one clock: no margin for clocks that differ between app servers, so a page
# built right after the data it shows was created is stored (tests that need it set it).
PAGE_CACHE_CLOCK_MARGIN = 0

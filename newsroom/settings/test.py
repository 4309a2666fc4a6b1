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

# Absolute URLs use http on this machine (see base.py, "Discovery").
NEWSROOM_URL_SCHEME = env("NEWSROOM_URL_SCHEME", "http")

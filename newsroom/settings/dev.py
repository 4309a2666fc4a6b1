"""Local development: `make run`. Never use these settings on a public server."""

from .base import *  # noqa: F403
from .base import env, env_bool, env_list

NEWSROOM_ENVIRONMENT = "dev"
# DEBUG=false shows the site's own 404 and 500 pages, as readers see them.
DEBUG = env_bool("DEBUG", True)
# Static files straight from the apps' folders, with or without DEBUG (no collectstatic here).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SECRET_KEY = env("SECRET_KEY", "dev-only-not-secret-7b1f0e9c2d")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
NEWSROOM_URL_SCHEME = env("NEWSROOM_URL_SCHEME", "http")

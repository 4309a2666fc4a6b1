"""Local development: `make run`. Never use these settings on a public server."""

from .base import *  # noqa: F403
from .base import env, env_list

NEWSROOM_ENVIRONMENT = "dev"
DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-not-secret-7b1f0e9c2d")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Absolute URLs use http on this machine (see base.py, "Discovery").
NEWSROOM_URL_SCHEME = env("NEWSROOM_URL_SCHEME", "http")

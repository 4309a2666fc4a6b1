"""Local development: `make run`. Never use these settings on a public server."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env, env_bool, env_list, secret_key_in

NEWSROOM_ENVIRONMENT = "dev"
# DEBUG=false shows the site's own 404 and 500 pages, as readers see them.
DEBUG = env_bool("DEBUG", True)
# Static files straight from the apps' folders, with or without DEBUG (no collectstatic here).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# No key in the repository: each checkout makes its own once (git-ignored file).
SECRET_KEY = env("SECRET_KEY") or secret_key_in(env("NEWSROOM_DEV_SECRET_KEY_FILE", BASE_DIR / ".secret-key.dev"))
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
NEWSROOM_URL_SCHEME = env("NEWSROOM_URL_SCHEME", "http")

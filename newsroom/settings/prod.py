"""Production: PostgreSQL, Redis, several gunicorn processes behind a TLS proxy.

Refuses to start, naming the variable, when SECRET_KEY, ALLOWED_HOSTS or
DATABASE_URL is missing.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import STORAGES, env, env_bool

for _name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"):
    if not env(_name):
        raise ImproperlyConfigured(
            f"Set the {_name} environment variable: production settings refuse to start without it."
        )

NEWSROOM_ENVIRONMENT = "prod"
DEBUG = False

# TLS ends at the proxy, which must set X-Forwarded-Proto (see README, "Production").
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Only for serving production settings over plain http on a developer's machine
# (`make serve-prod`); never turn these off behind a real proxy.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Media as in base (the disk, or object storage with MEDIA_S3_BUCKET); static files hashed.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}

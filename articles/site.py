"""Absolute URLs of the public site: NEWSROOM_URL_SCHEME and the Sites framework's domain
(SITE_DOMAIN, written to the Site after every migrate)."""

from django.conf import settings
from django.contrib.sites.models import Site


def site_root():
    """scheme://domain; django.contrib.sites caches the current Site per process."""
    return f"{settings.NEWSROOM_URL_SCHEME}://{Site.objects.get_current().domain}"


def absolute_url(path):
    """An absolute URL for a site path ("/news/x/"); absolute URLs pass through."""
    if path.startswith(("http://", "https://")):
        return path
    return site_root() + path

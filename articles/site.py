"""Absolute URLs of the public site: NEWSROOM_URL_SCHEME and the Sites framework's domain
(SITE_DOMAIN, written to the Site after every migrate); times as the site writes them."""

from django.conf import settings
from django.contrib.sites.models import Site
from django.utils import timezone


def site_root():
    """scheme://domain; django.contrib.sites caches the current Site per process."""
    try:
        domain = Site.objects.get_current().domain
    except Site.DoesNotExist:  # a database flushed by a test, before post_migrate restores it
        domain = settings.SITE_DOMAIN
    return f"{settings.NEWSROOM_URL_SCHEME}://{domain}"


def absolute_url(path):
    """An absolute URL for a site path ("/news/x/"); absolute URLs pass through."""
    if path.startswith(("http://", "https://")):
        return path
    return site_root() + path


def iso(value):
    """An aware datetime as ISO 8601 in the newsroom's time zone, to the second (HTML's
    datetime attribute allows at most three fractional digits); None for no time."""
    return timezone.localtime(value).replace(microsecond=0).isoformat() if value else None

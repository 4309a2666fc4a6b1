"""Purging the HTTP cache in front when the page cache bumps a key (newsroom.pagecache.bump).

settings.PAGE_CACHE_PURGER names a class (dotted path; empty: nothing in front, no purge) whose
`purge(keys)` drops every page carrying one of `keys` in its `xkey` header
(newsroom/surrogate.py). It runs where the bump runs, now and after commit, inside the editor's
request: it must be quick and must never raise, so an edit succeeds with the cache down.
Another CDN plugs in as one more class with a `purge(keys)` method.
"""

import functools
import http.client
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

from .surrogate import header_key

logger = logging.getLogger(__name__)


class VarnishPurger:
    """`PURGE /` with `xkey-purge: key1 key2` to each of settings.PAGE_CACHE_PURGE_URLS
    (deploy/varnish/newsroom.vcl answers it from its `purgers` ACL)."""

    def purge(self, keys):
        header = " ".join(sorted(header_key(key) for key in keys))
        for url in settings.PAGE_CACHE_PURGE_URLS:
            parts = urlsplit(url)
            connection_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
            connection = connection_class(parts.hostname, parts.port, timeout=settings.PAGE_CACHE_PURGE_TIMEOUT)
            try:
                connection.request("PURGE", parts.path or "/", headers={"xkey-purge": header})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    logger.error("Purge of %s at %s answered %s %s", header, url, response.status, response.reason)
            except OSError as error:
                logger.error("Purge of %s at %s failed: %s", header, url, error)
            finally:
                connection.close()


@functools.cache
def _purger(path):
    return import_string(path)() if path else None


@receiver(setting_changed)
def _forget_purger(setting, **kwargs):
    if setting == "PAGE_CACHE_PURGER":
        _purger.cache_clear()


def purge(keys):
    """Purge `keys` from the cache in front, if there is one (errors are logged, never raised)."""
    purger = _purger(settings.PAGE_CACHE_PURGER)
    if purger is not None and keys:
        try:
            purger.purge(keys)
        except Exception:
            logger.exception("Purging %s failed", sorted(keys))

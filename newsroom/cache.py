"""A Redis cache that degrades instead of failing.

When Redis is down, pages must still be served: every cache operation that
fails is logged and answered as a cache miss. After a failure the backend
stops calling Redis for a short while (a per-process circuit breaker), so an
outage doesn't cost every request a connection timeout.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("newsroom.cache")


def _degrade(fallback):
    """Run the cache operation; on a Redis error log it and return fallback(args)."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._down_until:
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except (RedisError, OSError) as exc:
                self._down_until = time.monotonic() + self.retry_after
                logger.error("cache unavailable, serving without it for %ss: %s: %s",
                             self.retry_after, type(exc).__name__, exc)
                return fallback(*args, **kwargs)

        return wrapper

    return decorator


def _default(key, default=None, *args, **kwargs):
    return default


class ReusingRedisCacheClient(RedisCacheClient):
    """Django 5.2's client builds a new redis.Redis object for every cache call, and
    each one fills a dictionary of ~170 response callbacks: a measurable share of a
    page-cache hit. redis.Redis is thread-safe over its connection pool, so one
    object per pool is reused."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(self._servers[index], **self._pool_options)
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client


class ResilientRedisCache(RedisCache):

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("retry_after", 5))
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusingRedisCacheClient  # RedisCache.__init__ sets its own client class
        self._down_until = 0.0

    def validate_key(self, key):
        """Redis keys are binary-safe: skip the memcached compatibility warnings, which
        walk every character of every key (a page-cache hit reads about fifteen)."""

    add = _degrade(lambda *a, **k: False)(RedisCache.add)
    get = _degrade(_default)(RedisCache.get)
    set = _degrade(lambda *a, **k: None)(RedisCache.set)
    touch = _degrade(lambda *a, **k: False)(RedisCache.touch)
    delete = _degrade(lambda *a, **k: False)(RedisCache.delete)
    get_many = _degrade(lambda *a, **k: {})(RedisCache.get_many)
    has_key = _degrade(lambda *a, **k: False)(RedisCache.has_key)
    # Counters (rate limits) fail open: as if this were the first hit.
    incr = _degrade(lambda key, delta=1, *a, **k: delta)(RedisCache.incr)
    set_many = _degrade(lambda data, *a, **k: list(data))(RedisCache.set_many)
    delete_many = _degrade(lambda *a, **k: None)(RedisCache.delete_many)
    clear = _degrade(lambda *a, **k: False)(RedisCache.clear)

import logging
import uuid

import pytest
from django.core.cache import cache

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _redis_cache(location):
    return {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }


def test_resilient_cache_works_against_the_real_redis(settings):
    settings.CACHES = _redis_cache("redis://127.0.0.1:6379/0")

    cache.set("answer", 42, 30)
    assert cache.get("answer") == 42
    assert cache.add("answer", 1) is False
    assert cache.incr("answer") == 43
    cache.delete("answer")
    assert cache.get("answer", "missing") == "missing"


def test_pages_are_served_and_errors_logged_when_redis_is_down(client, settings, caplog):
    settings.CACHES = _redis_cache("redis://127.0.0.1:9/0")  # nothing listens on port 9
    story = ArticleFactory()

    with caplog.at_level(logging.ERROR, logger="newsroom.cache"):
        cache.set("key", "value")
        assert cache.get("key", "fallback") == "fallback"
        assert cache.incr("hits", 1) == 1
        home = client.get("/")
        page = client.get(story.get_absolute_url())

    assert home.status_code == 200 and page.status_code == 200
    errors = [r for r in caplog.records if r.name == "newsroom.cache"]
    # The first failure opens the circuit: later calls skip Redis without a new error each.
    assert len(errors) == 1
    assert "cache unavailable" in errors[0].getMessage()


def test_one_redis_client_object_serves_every_call(settings):
    settings.CACHES = _redis_cache("redis://127.0.0.1:6379/0")

    cache.set("a", 1)
    first = cache._cache.get_client(write=True)
    cache.get("a")

    assert cache._cache.get_client() is first  # not rebuilt (with its ~170 callbacks) for each call

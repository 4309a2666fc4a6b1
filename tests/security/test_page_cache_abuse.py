"""Abusing the shared page cache from outside: forged Host headers, junk query strings that
would each store a copy of a page, and held comments that would keep flushing the site."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from newsroom.pagecache import page_key
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PER_RESPONSE = {"Date", "X-Request-ID", "Set-Cookie"}


@pytest.fixture
def long_section(section):
    """A section with two pages of stories (21 stories, 20 a page)."""
    now = timezone.now()
    for n in range(21):
        ArticleFactory(section=section, headline=f"Section story {n:02d}", publish_at=now - timedelta(hours=n))
    return section


def _stored_pages():
    """The pages in the page cache (the test settings' local-memory cache)."""
    prefix = page_key("").rsplit(":", 1)[0] + ":"
    return [key for key in cache._cache if prefix in key and not key.endswith(":building")]


def _headers(response):
    return {name: value for name, value in response.items() if name not in PER_RESPONSE}


def test_a_forged_host_on_a_cached_page_gets_what_django_answers(client, story, settings):
    assert client.get(story.get_absolute_url()).status_code == 200  # stored

    forged = client.get(story.get_absolute_url(), HTTP_HOST="evil.example")
    settings.PAGE_CACHE_SECONDS = 0
    without_cache = client.get(story.get_absolute_url(), HTTP_HOST="evil.example")

    assert forged.status_code == 400
    assert forged.content == without_cache.content
    assert _headers(forged) == _headers(without_cache)
    assert story.headline not in forged.content.decode()


def test_no_page_is_stored_for_a_forged_host(client, story):
    forged = [client.get(url, HTTP_HOST="evil.example:8000") for url in ("/", story.get_absolute_url())]

    assert [response.status_code for response in forged] == [400, 400]
    assert _stored_pages() == []
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_junk_query_strings_share_the_one_page_without_them(client, story):
    plain = client.get("/")

    junk = [client.get(f"/?utm_source=campaign-{n}&ref={n}") for n in range(100)]

    assert len(_stored_pages()) == 1
    assert {response["X-Page-Cache"] for response in junk} == {"hit"}
    assert all(response["ETag"] == plain["ETag"] for response in junk)


def test_junk_in_a_query_string_never_reaches_the_stored_page(client, long_section):
    poisoned = client.get(f"{long_section.get_absolute_url()}?tracker=planted-by-attacker")

    plain = client.get(long_section.get_absolute_url())

    assert poisoned["X-Page-Cache"] == "miss" and plain["X-Page-Cache"] == "hit"
    assert "Older stories" in plain.content.decode()  # the pagination link, built from the query
    assert "planted-by-attacker" not in plain.content.decode()


def test_page_numbers_still_key_their_pages(client, long_section):
    url = long_section.get_absolute_url()

    first, second = client.get(url), client.get(f"{url}?page=2&utm_source=x")
    same_second = [client.get(f"{url}?{query}") for query in ("utm_source=y&page=2", "page=1&page=2")]
    same_first = [client.get(f"{url}?{query}") for query in ("page=1", "page=", "page=2&page=1&ref=z")]

    assert "Section story 00" in first.content.decode() and "Section story 20" not in first.content.decode()
    assert "Section story 20" in second.content.decode() and "Section story 00" not in second.content.decode()
    assert [r["X-Page-Cache"] for r in same_second + same_first] == ["hit"] * 5
    assert all(r["ETag"] == second["ETag"] for r in same_second)  # a repeated parameter: the last value, as views read it
    assert all(r["ETag"] == first["ETag"] for r in same_first)
    assert len(_stored_pages()) == 2


def test_a_search_is_keyed_by_its_words_and_nothing_else(client, section):
    ArticleFactory(section=section, headline="Harbour cranes return")
    ArticleFactory(section=section, headline="Budget vote delayed")

    harbour = client.get("/search/?q=harbour")
    budget = client.get("/search/?q=budget&utm_source=x")
    harbour_again = client.get("/search/?utm_source=y&q=harbour")

    assert "Harbour cranes return" in harbour.content.decode() and "Budget vote" not in harbour.content.decode()
    assert budget["X-Page-Cache"] == "miss" and "Budget vote delayed" in budget.content.decode()
    assert harbour_again["X-Page-Cache"] == "hit" and harbour_again["ETag"] == harbour["ETag"]


def test_held_comments_from_a_stranger_leave_every_page_cached(client, story, comment_post, confirm_link):
    from django.test import Client

    from comments.models import ReaderComment

    pages = ["/", story.get_absolute_url(), story.section.get_absolute_url(), "/tag/nato/",
             story.byline_authors[0].get_absolute_url()]
    for url in pages:
        client.get(url)

    stranger = Client()  # its pages carry its own messages ("held for review"): never cached
    for n in range(3):  # each a first comment from its email: held for a moderator
        comment_post(story, using=stranger, email=f"spammer{n}@example.org", comment=f"Buy cheap things, offer {n}.")
        assert stranger.get(confirm_link(f"spammer{n}@example.org")).status_code == 302

    assert ReaderComment.objects.pending().count() == 3
    assert {url: client.get(url)["X-Page-Cache"] for url in pages} == {url: "hit" for url in pages}

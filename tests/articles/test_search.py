from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

on_postgresql = connection.vendor == "postgresql"


@pytest.fixture
def stories(section):
    """Three public stories about air defence, and hidden ones that mention it too."""
    now = timezone.now()
    return {
        "headline": ArticleFactory(
            section=section, headline="Air defence systems arrive", standfirst="Deliveries began.",
            body="<p>Trucks reached the border.</p>", publish_at=now - timedelta(days=3),
        ),
        "standfirst": ArticleFactory(
            section=section, headline="A week of talks", standfirst="Ministers discussed air defence.",
            body="<p>Talks ended.</p>", publish_at=now - timedelta(days=2),
        ),
        "body": ArticleFactory(
            section=SectionFactory(name="Business", slug="business"), headline="Factory orders rise",
            standfirst="Output grew.", body="<p>Much of it for air defence.</p>", publish_at=now - timedelta(days=1),
        ),
        "draft": ArticleFactory(section=section, headline="Air defence draft", status=Article.Status.DRAFT),
        "scheduled": ArticleFactory(section=section, headline="Air defence later", publish_at=now + timedelta(hours=2)),
        "embargoed": ArticleFactory(
            section=section, headline="Air defence embargo", embargo_until=now + timedelta(hours=2)
        ),
    }


def found(response):
    return list(response.context["page_obj"].object_list)


def test_empty_query_shows_the_box_and_a_hint(client, db):
    response = client.get("/search/")
    content = response.content.decode()

    assert response.status_code == 200
    assert response.context["page_obj"] is None
    assert '<label for="id_q">Search stories</label>' in content
    assert 'id="search-hint"' in content


def test_search_finds_a_single_word_in_headline_standfirst_and_body_on_every_backend(client, stories):
    response = client.get("/search/", {"q": "defence"})

    assert set(found(response)) == {stories["headline"], stories["standfirst"], stories["body"]}


def test_search_never_finds_unpublished_stories(client, stories):
    response = client.get("/search/", {"q": "defence"})

    for hidden in ("draft", "scheduled", "embargoed"):
        assert stories[hidden] not in found(response)
        assert stories[hidden].headline not in response.content.decode()


def test_search_ranks_headline_above_standfirst_above_body_on_every_backend(client, stories):
    results = found(client.get("/search/", {"q": "air defence"}))

    # headline (A) above standfirst (B) above body (C), though the body one is newest
    assert results == [stories["headline"], stories["standfirst"], stories["body"]]


def test_the_fresher_of_two_equal_matches_comes_first(client, section):
    """Through the recency blend of the ranking, on both backends."""
    now = timezone.now()
    old = ArticleFactory(section=section, headline="Harbour reopens", publish_at=now - timedelta(days=90))
    new = ArticleFactory(section=section, headline="Harbour reopens", publish_at=now - timedelta(days=1))

    assert found(client.get("/search/", {"q": "harbour"})) == [new, old]


def test_english_stemming_on_every_backend(client, stories):
    results = found(client.get("/search/", {"q": "systems"}))

    assert results == [stories["headline"]]
    # English stemming (PostgreSQL's snowball, FTS5's porter): "system" finds "systems".
    assert found(client.get("/search/", {"q": "system"})) == [stories["headline"]]


def test_section_filter_limits_results(client, stories):
    response = client.get("/search/", {"q": "defence", "section": "business"})

    assert found(response) == [stories["body"]]
    assert "in Business" in response.content.decode()


def test_unknown_section_is_a_field_error_and_keeps_the_query(client, stories):
    response = client.get("/search/", {"q": "defence", "section": "nope"})
    content = response.content.decode()

    assert response.status_code == 200
    assert '<p class="field-error" id="section-error">' in content
    assert 'aria-describedby="section-error"' in content
    assert 'value="defence"' in content


def test_search_results_paginate_and_keep_the_query(client, section):
    ArticleFactory.create_batch(21, section=section, headline="Budget vote")

    first = client.get("/search/", {"q": "budget"})
    second = client.get("/search/", {"q": "budget", "page": 2})

    assert len(found(first)) == 20 and len(found(second)) == 1
    assert 'href="?q=budget&amp;page=2" rel="next"' in first.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "a" * 5000,
        "defence " * 400,
        "!!! ... ??? &&& ||| ::: (((",
        "'\"\\;--",
        "Київ 北京 ☃️ مرحبا 🚀",
        "\x00\x01 defence \u202e",
        "<script>alert(1)</script>",
        '"unterminated phrase',
        "-",
        "!(defence | air) & <-> :*",
    ],
)
def test_hostile_queries_never_cause_an_error(client, stories, query):
    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_query_is_escaped_in_the_page(client, stories):
    content = client.get("/search/", {"q": "<script>alert(1)</script> defence"}).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<script>alert" not in content


def test_snippets_escape_story_text_and_mark_the_match(client, section):
    ArticleFactory(
        section=section, headline="Parliament vote",
        standfirst="A <b>bold</b> claim & more.", body="<p>The treaty vote passed &lt;img src=x onerror=alert(1)&gt;.</p>",
    )

    content = client.get("/search/", {"q": "treaty"}).content.decode()

    assert "<img src=x" not in content and "<b>bold</b>" not in content
    assert "<mark>treaty</mark>" in content
    assert "&lt;img src=x onerror=alert" in content


def test_search_stays_within_its_query_budget(client, settings, section, current_site, query_budget):
    settings.PAGE_CACHE_SECONDS = 0  # measure building the page, not serving it from the cache
    for i in range(30):
        ArticleFactory(section=section, headline=f"Budget talks {i}", tags=["Economy"])

    with query_budget("search"):
        response = client.get("/search/", {"q": "budget", "section": section.slug})

    assert len(found(response)) == 20


def test_every_page_has_the_search_box_in_its_header(client, stories):
    content = client.get(stories["headline"].get_absolute_url()).content.decode()

    assert '<form class="site-search" method="get" action="/search/" role="search" aria-label="Site search">' in content
    assert '<label for="site-search-q" class="visually-hidden">Search stories</label>' in content


def test_full_text_search_uses_the_gin_index_on_postgresql(stories):
    """PostgreSQL searches the stored document through its GIN index; SQLite has neither."""
    from articles.search import SEARCH_CONFIG, SearchDocument

    if on_postgresql:
        from django.contrib.postgres.search import SearchQuery

        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table would be scanned anyway
        matches = Article.objects.alias(document=SearchDocument()).filter(
            document=SearchQuery("defence", search_type="websearch", config=SEARCH_CONFIG)
        )
        assert "Bitmap Index Scan on article_search_gin" in matches.explain()
    else:
        with connection.cursor() as cursor:
            indexes = connection.introspection.get_constraints(cursor, Article._meta.db_table)
            columns = [c.name for c in connection.introspection.get_table_description(cursor, Article._meta.db_table)]
        assert "article_search_gin" not in indexes and "search_document" not in columns


def test_search_follows_edits_bulk_updates_and_bulk_inserts(client, section):
    story = ArticleFactory(section=section, headline="Harbour reopens")
    story.headline = "Lighthouse restored"
    story.save()
    Article.objects.filter(pk=story.pk).update(standfirst="The keeper returns.")
    Article.objects.bulk_create([
        Article(headline="Ferry timetable", slug="ferry", standfirst="S.", section=section,
                status=Article.Status.PUBLISHED, publish_at=timezone.now() - timedelta(hours=1))
    ])

    assert found(client.get("/search/", {"q": "lighthouse"})) == [story]
    assert found(client.get("/search/", {"q": "keeper"})) == [story]
    assert found(client.get("/search/", {"q": "harbour"})) == []
    assert [s.slug for s in found(client.get("/search/", {"q": "ferry"}))] == ["ferry"]


def test_only_the_newest_matches_are_ranked_and_the_page_says_so(client, section, settings):
    settings.NEWSROOM_SEARCH_MAX_RESULTS = 3
    now = timezone.now()
    oldest = ArticleFactory(section=section, headline="Tram tram tram line", publish_at=now - timedelta(days=9))
    newer = [ArticleFactory(section=section, headline="Tram news", publish_at=now - timedelta(days=d)) for d in (1, 2, 3)]

    response = client.get("/search/", {"q": "tram"})

    assert set(found(response)) == set(newer) and oldest not in found(response)
    assert "3 or more stories found for “tram”: the newest 3 are listed, best first." in response.content.decode()


def test_searches_are_rate_limited_per_ip_address(client, settings, section):
    settings.NEWSROOM_RATE_LIMITS = {"search": ["3/m"]}
    ArticleFactory(section=section, headline="Harbour works begin")

    answers = [client.get("/search/", {"q": f"harbour {n}"}, REMOTE_ADDR="198.51.100.9").status_code for n in range(4)]
    elsewhere = client.get("/search/", {"q": "harbour 5"}, REMOTE_ADDR="198.51.100.10")

    assert answers == [200, 200, 200, 429]
    assert elsewhere.status_code == 200


def test_an_uncommon_word_is_read_from_the_gin_index_and_a_common_one_walks_the_newest_stories(client, section):
    """The newest matches are found the cheap way for each word (see _newest_first_plan)."""
    now = timezone.now()
    for i in range(40):
        ArticleFactory(section=section, headline=f"Ministers meet {i}", publish_at=now - timedelta(hours=i + 1),
                       standfirst="The harbour reopens." if i in (5, 30) else "Talks go on.")

    if on_postgresql:
        from django.contrib.postgres.search import SearchQuery

        from articles.search import SEARCH_CONFIG, SearchDocument, _newest_first_plan

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE articles_article")  # the planner's word statistics
            cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table would be scanned anyway
        assert _newest_first_plan("ministers") == ["-publish_at", "-pk"]
        uncommon = _newest_first_plan("harbour")
        assert not isinstance(uncommon[0], str)  # ordered on an expression the index cannot give
        newest = Article.objects.alias(document=SearchDocument()).filter(
            document=SearchQuery("harbour", search_type="websearch", config=SEARCH_CONFIG)
        ).order_by(*uncommon).values("pk")[:1000]
        assert "Bitmap Index Scan on article_search_gin" in newest.explain()
    harbour = found(client.get("/search/", {"q": "harbour"}))
    ministers = client.get("/search/", {"q": "ministers"})

    assert sorted(story.headline for story in harbour) == ["Ministers meet 30", "Ministers meet 5"]
    assert len(found(ministers)) == 20 and "40 stories found" in ministers.content.decode()

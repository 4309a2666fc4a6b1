from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

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


# The same table on SQLite (FTS5) and PostgreSQL (tsvector): what each query must and must not find.
@pytest.fixture
def newsroom_words(section):
    """Stories whose words tell whole words from substrings, phrases from scattered words."""
    now = timezone.now()

    def story(key, headline, body="<p>Nothing more.</p>", standfirst="A report.", **kwargs):
        kwargs.setdefault("publish_at", now - timedelta(hours=len(key)))
        return key, ArticleFactory(section=section, headline=headline, standfirst=standfirst, body=body, **kwargs)

    return dict([
        story("sea", "Sea levels rise along the coast"),
        story("researchers", "University team honoured", body="<p>The researchers won a prize.</p>"),
        story("air", "Air show returns", body="<p>Pilots fly over the bay.</p>"),
        story("repairs", "Chairlift repairs finish", body="<p>Engineers fixed the chair cables.</p>"),
        story("phrase", "The budget vote passed", body="<p>Members agreed.</p>"),
        story("scattered", "A vote on the council budget", body="<p>Later this week.</p>"),
        story("coalition", "Coalition talks resume"),
        story("coalition council", "Coalition and council clash"),
        story("ferry", "Ferry timetable changes"),
        story("lighthouse", "Lighthouse keeper retires"),
        story("ministers", "Ministers meet in Oslo"),
        story("ministry", "Ministry opens new office"),
        story("minibus", "Minibus service extended"),
        story("headline harbour", "Harbour wall rebuilt", publish_at=now - timedelta(days=5)),
        story("body harbour", "Town news", body="<p>Boats left the harbour early.</p>", publish_at=now - timedelta(hours=1)),
        story("draft", "Sea harbour ferry draft", status=Article.Status.DRAFT),
        story("scheduled", "Sea harbour ferry later", publish_at=now + timedelta(hours=2)),
        story("embargoed", "Sea harbour ferry embargo", embargo_until=now + timedelta(hours=2)),
    ])


HIDDEN = {"draft", "scheduled", "embargoed"}
QUERY_TABLE = [
    # query, must find (in this order when a list), must not find
    ("sea", {"sea"}, {"researchers"}),
    ("air", {"air"}, {"repairs"}),
    ('"budget vote"', {"phrase"}, {"scattered"}),
    ("budget vote", {"phrase", "scattered"}, set()),
    ("coalition -council", {"coalition"}, {"coalition council"}),
    ('coalition -"council clash"', {"coalition"}, {"coalition council"}),
    ("ferry OR lighthouse", {"ferry", "lighthouse"}, {"sea"}),
    ("ferry or lighthouse", {"ferry", "lighthouse"}, {"sea"}),
    ("minist*", {"ministers", "ministry"}, {"minibus"}),
    ("ministers", {"ministers"}, {"ministry", "minibus"}),
    ("harbour", ["headline harbour", "body harbour"], set()),
    ("-sea", set(), {"sea", "air"}),
    ('"unclosed phrase', set(), {"sea"}),
    ("NEAR(sea coast) ^air :*", set(), {"air"}),
    ("sea-levels", {"sea"}, set()),
    ("OR sea OR", {"sea"}, {"air"}),
    ("*", set(), {"sea"}),
]


@pytest.mark.parametrize(("query", "must_find", "must_not_find"), QUERY_TABLE)
def test_query_table_finds_the_same_stories_on_every_backend(client, newsroom_words, query, must_find, must_not_find):
    response = client.get("/search/", {"q": query})
    results = [story.headline for story in found(response)]
    headlines = {key: story.headline for key, story in newsroom_words.items()}

    assert response.status_code == 200
    if isinstance(must_find, list):
        assert results == [headlines[key] for key in must_find]
    else:
        assert set(results) == {headlines[key] for key in must_find}
    for key in must_not_find | HIDDEN:
        assert headlines[key] not in results


def test_a_search_without_result_says_so_and_suggests_what_to_try(client, newsroom_words):
    content = client.get("/search/", {"q": "zzzzqqq"}).content.decode()

    assert "No public story matches “zzzzqqq”." in content
    assert "Try fewer words, check the spelling" in content
    assert "stories found" not in content


def test_a_search_of_hidden_stories_only_says_no_public_story_matches(client, newsroom_words):
    content = client.get("/search/", {"q": "draft"}).content.decode()

    assert "No public story matches “draft”." in content and "Sea harbour ferry draft" not in content


def test_the_empty_search_page_says_what_can_be_searched(client, newsroom_words):
    content = client.get("/search/").content.decode()

    assert "Search the headlines, standfirsts and text of every published story" in content
    assert "No public story matches" not in content
    assert "put a phrase in \"quotes\", leave out a word with a minus sign" in content


def test_a_search_of_exclusions_only_runs_no_query(client, newsroom_words, django_assert_max_num_queries):
    from articles.search import search

    with django_assert_max_num_queries(0):
        results, count = search("-sea -\"budget vote\"")
        assert count == 0 and list(results) == []


def test_a_match_in_the_text_is_highlighted_in_the_snippet(client, newsroom_words):
    content = client.get("/search/", {"q": "researchers"}).content.decode()

    assert "The <mark>researchers</mark> won a prize" in content


def test_snippet_highlight_escapes_html_written_in_the_story(client, section):
    ArticleFactory(section=section, headline="Quay plans", standfirst="Plans.",
                   body="<p>Quay &lt;script&gt;alert(1)&lt;/script&gt; and &lt;b&gt;quay&lt;/b&gt; again.</p>")

    content = client.get("/search/", {"q": "quay"}).content.decode()

    assert "<script>alert(1)" not in content and "<b>" not in content
    assert "<mark>Quay</mark> &lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_search_takes_the_same_queries_for_one_match_and_thirty(client, settings, section, current_site):
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    ArticleFactory(section=section, headline="Budget talks open", tags=["Economy"])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/search/", {"q": "budget"}).status_code == 200
        return len(captured)

    queries()  # the navigation's sections are cached from now on
    one = queries()
    for i in range(29):
        ArticleFactory(section=section, headline=f"Budget talks {i}", tags=["Economy"])

    assert queries() == one


query_syntax = st.text(alphabet=st.sampled_from(list('ab "-*():^OR{}[]~+|&!<>\\\'.,NEAR\u00e9\u0301ß')), max_size=60)


@given(text=st.one_of(query_syntax, st.text(max_size=80)))
@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_is_a_valid_query_on_the_engine(newsroom_words, text):
    """Parsed and run on this engine: never raises (the view then never answers 5xx)."""
    from articles.search import search
    from articles.search_query import parse

    parsed = parse(text)
    assert bool(parsed) == bool(parsed.to_fts5()) == bool(parsed.to_tsquery())
    with transaction.atomic():
        results, count = search(text)
        assert len(list(results)) == count


@given(text=query_syntax)
@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_query_syntax_gets_a_page_not_an_error(client, settings, newsroom_words, text):
    settings.NEWSROOM_RATE_LIMITS = {}  # measure the search, not the rate limit
    assert client.get("/search/", {"q": text}).status_code == 200


@pytest.mark.parametrize(
    ("text", "fts5", "tsquery"),
    [
        ("air defence", '("air") AND ("defence")', "('air') & ('defence')"),
        ("minist*", '("minist" *)', "('minist':*)"),
        ('"budget vote"', '("budget vote")', "(('budget' <-> 'vote'))"),
        ("coalition -council", '(("coalition")) NOT ("council")', "('coalition') & !('council')"),
        ("ferry harbour OR port", '("ferry") AND ("harbour" OR "port")', "('ferry') & ('harbour' | 'port')"),
        ("OR ferry OR", '("ferry")', "('ferry')"),
        ("x:y ^z NEAR( * ( ) -", '("x y") AND ("z") AND ("near")', "(('x' <-> 'y')) & ('z') & ('near')"),
        ("- * ' OR ()", "", ""),
    ],
)
def test_the_parser_writes_the_same_query_for_both_engines(text, fts5, tsquery):
    from articles.search_query import parse

    assert (parse(text).to_fts5(), parse(text).to_tsquery()) == (fts5, tsquery)

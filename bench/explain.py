"""Print PostgreSQL's plan for the list, related-reading and search queries, and
whether each uses an index."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article, Author, Section, Tag  # noqa: E402
from articles.related import prefetch_tags_with_rarity, related_articles  # noqa: E402
from articles.search import search  # noqa: E402


def plan(label, queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        lines = [row[0] for row in cursor.fetchall()]
    uses_index = any("Index" in line for line in lines)
    print(f"{label}: {'index' if uses_index else 'NO INDEX'}")
    for line in lines:
        print("    " + line)


published = Article.objects.published()
story = published.order_by("-publish_at").first()
plan("home (latest)", published.order_by("-publish_at", "-pk")[:20])
plan("section list", published.filter(section=Section.objects.first()).order_by("-publish_at", "-pk")[:20])
plan("tag list", published.filter(tagged_items__tag=Tag.objects.first()).order_by("-publish_at", "-pk")[:20])
plan("author list", published.filter(bylines__author=Author.objects.first()).order_by("-publish_at", "-pk")[:20])


def plan_sql(label, sql, settings=()):
    with transaction.atomic(), connection.cursor() as cursor:
        for setting in settings:  # what the query ran under (search's SET LOCAL)
            cursor.execute(setting)
        cursor.execute("EXPLAIN " + sql)
        lines = [row[0] for row in cursor.fetchall()]
    print(f"{label}: {'index' if any('Index' in line for line in lines) else 'NO INDEX'}")
    for line in lines:
        print("    " + line)


def plan_captured(label, captured):
    """The plan of every query captured, under the SET LOCAL that preceded it (if any);
    the planner's own EXPLAIN (search's row estimate) is shown as it is."""
    settings = []
    for n, query in enumerate(captured, 1):
        sql = query["sql"]
        if sql.startswith("SET LOCAL"):
            settings.append(sql)
            continue
        if sql.startswith("EXPLAIN"):
            print(f"{label}, query {n}: the planner's estimate of the matches (EXPLAIN, planning only)")
            continue
        if not sql.startswith("SELECT"):  # BEGIN, COMMIT around the SET LOCAL
            continue
        plan_sql(f"{label}, query {n}", sql, settings)
        settings = []


# "Read more" and search as the story and search pages run them: every query they make.
cache.clear()  # "Read more" counts the tags' stories when the cache lacks them: show that query too
with CaptureQueriesContext(connection) as related_queries:
    prefetch_tags_with_rarity(story)
    related_articles(story)
plan_captured("read more", related_queries.captured_queries)
# Every word of the benchmark's vocabulary is in nearly every story; a headline's number is in one.
for words in ("harbour", story.headline.split()[-1]):
    with CaptureQueriesContext(connection) as search_queries:
        results, found = search(words)
        list(results[:20])
    plan_captured(f"search {words!r} ({found} listed)", search_queries.captured_queries)

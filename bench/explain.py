"""Print PostgreSQL's plan for the list, related-reading and search queries, and
whether each uses an index."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from articles.models import Article, Author, Section, Tag  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.related import prefetch_tags_with_rarity, related_articles  # noqa: E402
from articles.search import search_stories  # noqa: E402


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


def plan_sql(label, sql):
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        lines = [row[0] for row in cursor.fetchall()]
    print(f"{label}: {'index' if any('Index' in line for line in lines) else 'NO INDEX'}")
    for line in lines:
        print("    " + line)


# "Read more" and search as the story and search pages run them: every query they make.
with CaptureQueriesContext(connection) as related_queries:
    prefetch_tags_with_rarity(story)
    related_articles(story)
for n, query in enumerate(related_queries.captured_queries, 1):
    plan_sql(f"read more, query {n}", query["sql"])
with CaptureQueriesContext(connection) as search_queries:
    list(search_stories("harbour")[:20])
for n, query in enumerate(search_queries.captured_queries, 1):
    plan_sql(f"search 'harbour', query {n}", query["sql"])

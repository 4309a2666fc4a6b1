"""Benchmark "Read more" and search at 50,000 stories on PostgreSQL.

    .venv/bin/python bench/related_bench.py [--stories 50000] [--tags 500] [--database NAME]

Creates the PostgreSQL database NAME (default newsroom_related_bench; it must not exist), migrates
it, bulk-creates the stories (a few drafts, scheduled and embargoed ones among them) with 2-6
tags each drawn from a skewed distribution (a few tags on thousands of stories, most on a
few dozen), then times, for random public stories, what the story page runs for "Read more"
(the tags, their story counts from the cache, the links: 2 queries, 3 when a count is missing)
and a set of searches, and prints p50/p99
and the query plans. The database is dropped at the end, even on failure.

Needs PostgreSQL at 127.0.0.1:5432 as user postgres (see FACTS.md); override with --server.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = (
    "minister council harbour budget vote treaty border energy grid winter drones radar alliance "
    "defence pledge summit talks court ruling election coalition housing rent inflation rates bank "
    "market shares factory orders jobs strike union rail port ships storm flood rain drought crops "
    "farmers climate ocean science space satellite launch rocket vaccine hospital nurses school "
    "teachers exam students museum film festival prize novel theatre music concert stadium cup final "
    "league coach transfer athletics record marathon cycling tour bridge road traffic airport flights "
    "police inquiry report audit parliament senate mayor city council village river forest wildlife"
).split()


WARM_UP = 20  # calls not counted: a running server has warm caches


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=50_000)
    parser.add_argument("--tags", type=int, default=500)
    parser.add_argument("--samples", type=int, default=300, help="stories timed for Read more")
    parser.add_argument("--database", default="newsroom_related_bench")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--keep", action="store_true", help="keep the database to look at it (drop it yourself)")
    return parser.parse_args()


def admin_sql(server, sql):
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


SYLLABLES = "ba ce di fo gu ha je ki lo mu na pe ri so tu va we xi yo zu bra cle dri fro glu".split()
# A vocabulary with a news-like skew (Zipf): a few words are everywhere, most are rare.
VOCABULARY = WORDS + sorted({a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES[:6]} - set(WORDS))
CUMULATIVE = []
for rank in range(len(VOCABULARY)):
    CUMULATIVE.append((CUMULATIVE[-1] if CUMULATIVE else 0) + 1 / (rank + 1))


def text(rng, words):
    return " ".join(rng.choices(VOCABULARY, cum_weights=CUMULATIVE, k=words))


def populate(args, rng):
    from django.utils import timezone

    from articles.models import Article, Author, Byline, Section, Tag, TaggedArticle

    now = timezone.now()
    sections = Section.objects.bulk_create(
        Section(name=f"Desk {i}", slug=f"desk-{i}", position=i) for i in range(8)
    )
    authors = Author.objects.bulk_create(Author(name=f"Reporter {i}", slug=f"reporter-{i}") for i in range(60))
    tags = Tag.objects.bulk_create(Tag(name=f"Topic {i}", slug=f"topic-{i}") for i in range(args.tags))
    tag_weights = [1 / (i + 1) ** 0.9 for i in range(len(tags))]  # skewed: Zipf-like

    batch = 5000
    for start in range(0, args.stories, batch):
        stories = []
        for i in range(start, min(start + batch, args.stories)):
            roll = rng.random()
            publish_at = now - timedelta(minutes=rng.randint(1, 2 * 365 * 24 * 60))
            status, embargo = Article.Status.PUBLISHED, None
            if roll < 0.03:
                status = Article.Status.DRAFT
            elif roll < 0.04:
                publish_at = now + timedelta(hours=rng.randint(1, 48))
            elif roll < 0.05:
                embargo = now + timedelta(hours=rng.randint(1, 48))
            stories.append(
                Article(
                    headline=text(rng, 8).capitalize(),
                    slug=f"story-{i}",
                    standfirst=text(rng, 20).capitalize() + ".",
                    body="".join(f"<p>{text(rng, 30).capitalize()}.</p>" for _ in range(3)),
                    section=rng.choice(sections),
                    status=status,
                    publish_at=publish_at,
                    embargo_until=embargo,
                )
            )
        stories = Article.objects.bulk_create(stories)
        Byline.objects.bulk_create(Byline(article=s, author=rng.choice(authors), position=0) for s in stories)
        tagged = []
        for story in stories:
            chosen = set(rng.choices(range(len(tags)), weights=tag_weights, k=rng.randint(2, 6)))
            tagged += [TaggedArticle(content_object=story, tag=tags[t]) for t in chosen]
        TaggedArticle.objects.bulk_create(tagged)
        print(f"  {start + len(stories):>6} stories", flush=True)


def explain(sql):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) " + sql)
        return "\n".join("    " + row[0] for row in cursor.fetchall())


def bench_related(args, rng):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article
    from articles.related import prefetch_tags_with_rarity, related_articles

    ids = list(Article.objects.published().values_list("pk", flat=True))
    timings, in_database, queries, captured = [], [], [], None
    for number, pk in enumerate(rng.sample(ids, min(args.samples + WARM_UP, len(ids)))):
        article = Article.objects.select_related("section").get(pk=pk)
        with CaptureQueriesContext(connection) as context:
            started = time.perf_counter()
            prefetch_tags_with_rarity(article)
            links = related_articles(article)
            elapsed = (time.perf_counter() - started) * 1000
        if number < WARM_UP:
            continue
        timings.append(elapsed)
        in_database.append(sum(float(q["time"]) for q in context.captured_queries) * 1000)
        queries.append(len(context.captured_queries))
        captured = captured or (links and [q["sql"] for q in context.captured_queries])
    return timings, in_database, queries, captured


def bench_search(rng):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.search import search

    # Words of every frequency: VOCABULARY[0] is the most common, VOCABULARY[2000] is rare.
    searches = [VOCABULARY[rank] for rank in (2, 10, 30, 100, 300, 1000, 2000)] + [
        f"{VOCABULARY[5]} {VOCABULARY[40]}", f'"{VOCABULARY[3]} {VOCABULARY[4]}"', f"{VOCABULARY[20]} -{VOCABULARY[1]}",
    ]
    timings, by_search, captured = [], {query: [] for query in searches}, None
    for query in searches:  # warm up
        list(search(query)[0][:20])
    for _ in range(5):
        for query in searches:
            with CaptureQueriesContext(connection) as context:
                started = time.perf_counter()
                results, found = search(query)  # what the search page runs: the number comes with the list
                page = list(results[:20])
                elapsed = (time.perf_counter() - started) * 1000
            timings.append(elapsed)
            by_search[query].append((elapsed, found))
            if query == VOCABULARY[1000] and page:  # show how a rare word's matches are found
                captured = next(q["sql"] for q in context.captured_queries
                                if "@@" in q["sql"] and not q["sql"].startswith(("EXPLAIN", "SET")))
    return timings, by_search, captured


def search_count(query):
    """How many public stories match, before the NEWSROOM_SEARCH_MAX_RESULTS cap."""
    from django.contrib.postgres.search import SearchQuery

    from articles.models import Article
    from articles.search import SEARCH_CONFIG, SearchDocument

    tsquery = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    return Article.objects.published().alias(document=SearchDocument()).filter(document=tsquery).count()


def main():
    args = parse_args()
    rng = random.Random(20261129)
    admin_sql(args.server, f'CREATE DATABASE "{args.database}"')
    try:
        os.environ["DATABASE_URL"] = f"{args.server}/{args.database}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        print(f"Creating {args.stories} stories with {args.tags} tags ...", flush=True)
        started = time.perf_counter()
        populate(args, rng)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"  done in {time.perf_counter() - started:.0f} s")

        timings, in_database, queries, captured = bench_related(args, rng)
        print(f"\nRead more ({len(timings)} random public stories after {WARM_UP} to warm up; "
              "tags with rarity + links):")
        print(f"  p50 {statistics.median(timings):.1f} ms, p99 {percentile(timings, 0.99):.1f} ms, "
              f"max {max(timings):.1f} ms; queries per story: {min(queries)} ({max(queries)} for "
              f"{sum(q > min(queries) for q in queries)} of them: a tag's story count not in the cache yet); "
              "in the database: "
              f"p50 {statistics.median(in_database):.1f} ms, p99 {percentile(in_database, 0.99):.1f} ms")
        for number, sql in enumerate(captured or [], start=1):
            print(f"  plan of query {number}:\n{explain(sql)}")

        timings, by_search, captured = bench_search(rng)
        print(f"\nSearch ({len(timings)} searches of words of every frequency, 5 times each; the ids of the"
              f" newest matches, then the first page of 20 ranked):")
        print(f"  p50 {statistics.median(timings):.1f} ms, p99 {percentile(timings, 0.99):.1f} ms, "
              f"max {max(timings):.1f} ms")
        print(f"  {'search':<24}{'stories matching':>17}{'listed':>8}{'p50':>10}{'max':>10}")
        for query, runs in by_search.items():
            times = [elapsed for elapsed, _ in runs]
            print(f"  {query:<24}{search_count(query):>17}{runs[0][1]:>8}"
                  f"{statistics.median(times):>8.1f}ms{max(times):>8.1f}ms")
        if captured:
            print(f"  plan of the query finding the newest matches of the rare word {VOCABULARY[1000]!r}:\n"
                  f"{explain(captured)}")
        connection.close()
    finally:
        if args.keep:
            print(f"\nKept database {args.database}.")
        else:
            admin_sql(args.server, f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
            print(f"\nDropped database {args.database}.")


if __name__ == "__main__":
    main()

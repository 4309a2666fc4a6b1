"""Fill a PostgreSQL database with a large newsroom, quickly (bulk inserts).

    DJANGO_SETTINGS_MODULE=newsroom.settings.prod DATABASE_URL=... python bench/make_dataset.py \
        --stories 50000 --tags 500 --comments 200000

Stories, bylines and tags go through bulk_create (so model defaults apply);
comments, the largest table, go through PostgreSQL's COPY. Prints the time taken.
"""

import argparse
import io
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

WORDS = (
    "alliance budget council defence energy harbour ministers parliament pipeline port radar "
    "reform river shipyard summit tariff transport treaty union vaccine voters winter workers "
    "grid drone festival museum orchestra league season striker transfer satellite climate "
    "housing interest rates inflation export border ceasefire convoy aid brigade frigate"
).split()


def sentence(rng, n=12):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=50_000)
    parser.add_argument("--tags", type=int, default=500)
    parser.add_argument("--comments", type=int, default=200_000)
    parser.add_argument("--commented-stories", type=int, default=5_000,
                        help="comments are spread over this many of the newest stories")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.stories < 1 or args.tags < 1 or args.comments < 0:
        parser.error("--stories and --tags must be positive, --comments not negative")

    import django

    django.setup()
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.sites.models import Site
    from django.db import connection, transaction
    from django.utils import timezone

    from articles.models import Article, Author, Byline, Section, Tag, TaggedArticle

    if connection.vendor != "postgresql":
        sys.exit("make_dataset: the benchmark dataset needs PostgreSQL (set DATABASE_URL)")
    if Article.objects.exists():
        sys.exit("make_dataset: the database already has stories; use an empty benchmark database")

    rng = random.Random(args.seed)
    started = time.perf_counter()
    now = timezone.now()
    with transaction.atomic():
        sections = Section.objects.bulk_create(
            Section(name=f"Section {i}", slug=f"section-{i}", position=i) for i in range(10)
        )
        authors = Author.objects.bulk_create(
            Author(name=f"Reporter {i}", slug=f"reporter-{i}", bio=sentence(rng)) for i in range(200)
        )
        tags = Tag.objects.bulk_create(Tag(name=f"Topic {i}", slug=f"topic-{i}") for i in range(args.tags))
        # Tag popularity is skewed, as in a real newsroom: a few tags are on thousands of stories.
        tag_weights = [1 / (rank + 1) for rank in range(len(tags))]

        stories = []
        for i in range(args.stories):
            body = "".join(f"<p>{sentence(rng, 25)} {sentence(rng, 20)}</p>" for _ in range(6))
            stories.append(Article(
                headline=f"{sentence(rng, 7)[:-1]} {i}",
                slug=f"story-{i}",
                standfirst=sentence(rng, 22),
                body=body,
                section=sections[i % len(sections)],
                status=Article.Status.PUBLISHED,
                publish_at=now - timedelta(minutes=20 * (args.stories - i)),
            ))
        Article.objects.bulk_create(stories, batch_size=2000)
        bylines, tagged = [], []
        for story in stories:
            for position, author in enumerate(rng.sample(authors, rng.choice((1, 1, 2, 3)))):
                bylines.append(Byline(article=story, author=author, position=position))
            chosen = set(rng.choices(tags, weights=tag_weights, k=rng.randint(3, 6)))
            tagged.extend(TaggedArticle(content_object=story, tag=tag) for tag in chosen)
        Byline.objects.bulk_create(bylines, batch_size=5000)
        TaggedArticle.objects.bulk_create(tagged, batch_size=5000)
    stories_done = time.perf_counter()

    content_type = ContentType.objects.get_for_model(Article).pk
    site = Site.objects.get_current().pk
    commented = stories[-args.commented_stories:]
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM django_comments")
        next_id = cursor.fetchone()[0] + 1
    base_rows, xtd_rows = io.StringIO(), io.StringIO()
    per_story = max(1, args.comments // max(1, len(commented)))
    made = 0
    for story in commented:
        thread_id = order = 0
        parents = {}
        for n in range(per_story):
            if made >= args.comments:
                break
            level = 0 if n % 3 == 0 else (1 if n % 3 == 1 else 2)
            comment_id = next_id + made
            if level == 0:
                thread_id, order = comment_id, 1
                parent_id = comment_id
            else:
                parent_id = parents[level - 1]
                order += 1
            parents[level] = comment_id
            submitted = story.publish_at + timedelta(minutes=n + 1)
            base_rows.write(
                f"{comment_id}\t{content_type}\t{story.pk}\t{site}\t\\N\tReader {n}\treader{n}@example.org\t\t"
                f"{sentence(rng, 18)}\t{submitted.isoformat()}\t127.0.0.1\tt\tf\n"
            )
            xtd_rows.write(f"{comment_id}\t{thread_id}\t{parent_id}\t{level}\t{order}\tf\t0\n")
            made += 1
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(
            "COPY django_comments (id, content_type_id, object_pk, site_id, user_id, user_name, user_email, "
            "user_url, comment, submit_date, ip_address, is_public, is_removed) FROM STDIN"
        ) as copy:
            copy.write(base_rows.getvalue())
        with raw.copy(
            "COPY django_comments_xtd_xtdcomment (comment_ptr_id, thread_id, parent_id, level, \"order\", "
            "followup, nested_count) FROM STDIN"
        ) as copy:
            copy.write(xtd_rows.getvalue())
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('django_comments', 'id'), (SELECT MAX(id) FROM django_comments))"
        )
        cursor.execute("ANALYZE")
    finished = time.perf_counter()
    print(
        f"dataset: {len(stories):,} stories, {len(tags):,} tags, {len(tagged):,} taggings, {made:,} comments "
        f"in {finished - started:.1f} s (stories {stories_done - started:.1f} s, "
        f"comments {finished - stories_done:.1f} s)"
    )


if __name__ == "__main__":
    main()

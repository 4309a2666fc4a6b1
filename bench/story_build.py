"""Where the time of building one story page goes: each step timed in-process, the median
over the newest stories (run by bench/run.py with the benchmark's environment). The tags'
story counts are put in the cache first, as they are on a running site."""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.db import connection  # noqa: E402
from django.template.loader import get_template  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402

from articles.models import Article  # noqa: E402
from articles.related import related_articles, tags_with_rarity  # noqa: E402
from articles.signals import comment_shown_keys  # noqa: E402
from articles.views import ArticleDetailView  # noqa: E402
from newsroom.pagecache import bump  # noqa: E402

SAMPLES, WARM_UP = 50, 10


def main():
    newest = Article.objects.published().order_by("-publish_at").values_list("slug", flat=True)
    slugs = list(newest[: SAMPLES + WARM_UP])
    requests, client = RequestFactory(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    for story in Article.objects.filter(slug__in=slugs):
        tags_with_rarity(story)
    steps = []
    for number, slug in enumerate(slugs):
        in_database = []

        def timed(execute, sql, params, many, context, in_database=in_database):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                in_database.append(time.perf_counter() - started)

        request = requests.get(f"/news/{slug}/")
        request.user = AnonymousUser()
        view = ArticleDetailView()
        view.setup(request, slug=slug)
        with connection.execute_wrapper(timed):
            t0 = time.perf_counter()
            view.object = view.get_object()
            t1 = time.perf_counter()
            before = len(in_database)
            related_articles(view.object)
            t2 = time.perf_counter()
            related_sql = sum(in_database[before:])
            context = view.get_context_data(object=view.object)
            view.render_to_response(context).render()
            t3 = time.perf_counter()
            get_template("comments/thread.html").render({"article": view.object, "perms": {}}, request)
            t4 = time.perf_counter()
            # The whole request through the middleware, built (a query string no one asked for before).
            client.get(f"/news/{slug}/?build={time.time_ns()}")
            t5 = time.perf_counter()
            # Then as after a comment is approved: the thread rebuilt, the rest from its fragment.
            bump(*comment_shown_keys(view.object.pk, count_changed=True))
            t6 = time.perf_counter()
            client.get(f"/news/{slug}/")
            t7 = time.perf_counter()
        if number >= WARM_UP:
            steps.append({
                "story, bylines, tags": t1 - t0,
                '"Read more": its links query in the database': related_sql,
                '"Read more": building that query (ORM)': (t2 - t1) - related_sql,
                "comment thread (its query included)": t4 - t3,
                # The page around the thread (articles.views.THREAD_MARK: the thread is rendered apart).
                "rest of the page (context, other templates)": (t3 - t2) - (t2 - t1),
                "whole request, built, through the middleware": t5 - t4,
                "whole request, rebuilt after one comment is approved": t7 - t6,
            })
    print(f"Building one story page, median of {len(steps)} of the newest stories (in-process):")
    for step in steps[0]:
        print(f"  {step:<55}{statistics.median(s[step] for s in steps) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()

"""The comment thread under a story, built in one query."""

from functools import cache

from django.db.models import CharField, Count, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce

from .models import ReaderComment

# What the thread's markup shows of a comment (newsroom_comments.comment_tree), in this
# order: rows of plain values, so no model instances (and no post_init receivers) per
# comment. `user_name` is what ReaderComment.name returns: the name the commenter typed.
THREAD_FIELDS = ("pk", "parent_id", "level", "user_name", "submit_date", "comment", "open_reports")


def story_thread(article, with_reports=False):
    """Visible comments as a tree of (row, children) pairs, oldest first; a row holds
    THREAD_FIELDS (`open_reports` counted only `with_reports`: for moderators). Returns the
    roots and how many comments the tree holds.

    A reply shows only while every comment above it is visible: a removed or
    held comment takes its replies out of the thread with it.
    """
    rows = _thread_rows(with_reports).filter(object_pk=str(article.pk))  # ReaderCommentQuerySet.for_article's filter
    nodes, roots = {}, []
    for row in rows:
        node = (row, [])
        if row[2] == 0:  # level
            roots.append(node)
        elif row[1] in nodes:  # parent_id
            nodes[row[1]][1].append(node)
        else:
            continue
        nodes[row[0]] = node
    return roots, len(nodes)


@cache
def _thread_rows(with_reports):
    """The thread's query for every story, built once a process: building it (the reports
    subquery above all) cost half of the thread's query, ~1.5 ms a page. Never evaluated
    itself: story_thread filters a copy of it. Only moderators see open reports: for
    everyone else the query counts none (0), which halves its time in the database."""
    comments = ReaderComment.objects.visible().on_stories()
    comments = comments.with_open_reports() if with_reports else comments.annotate(open_reports=Value(0))
    return comments.select_related(None).order_by("thread_id", "order").values_list(*THREAD_FIELDS)


def comment_count():
    """An expression for Article querysets: how many comments readers see on each story."""
    counts = (
        ReaderComment.objects.visible()
        .on_stories()
        .filter(object_pk=Cast(OuterRef("pk"), CharField()))
        .order_by()
        .values("object_pk")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts), 0)

"""The comment thread under a story, built in one query."""

from django.db.models import CharField, Count, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce

from .models import ReaderComment


def story_thread(article):
    """Visible comments as a tree of {"comment", "children"} (xtd's shape), oldest first.

    A reply shows only while every comment above it is visible: a removed or
    held comment takes its replies out of the thread with it.
    """
    comments = (
        ReaderComment.objects.visible()
        .for_article(article)
        .with_open_reports()
        .select_related(None)
        .select_related("content_type")  # allow_thread() reads it
        .order_by("thread_id", "order")
    )
    nodes, roots = {}, []
    for comment in comments:
        node = {"comment": comment, "children": []}
        if comment.level == 0:
            roots.append(node)
        elif comment.parent_id in nodes:
            nodes[comment.parent_id]["children"].append(node)
        else:
            continue
        nodes[comment.pk] = node
    return roots, len(nodes)


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

"""The moderation queues, one row each: read by the changelist's QueueFilter and by the
moderation desk (its tabs, counts and order). Adding a queue is one new row."""

from dataclasses import dataclass

from django.db.models import Count, Min, Q

from .models import PENDING, REMOVED, REPORTED, VISIBLE


@dataclass(frozen=True)
class Queue:
    slug: str
    title: str
    where: Q
    # The desk's order (the risk score is annotated there; see comments/risk.py).
    order: tuple
    empty: str


QUEUES = (
    Queue("pending", "Pending", PENDING, ("-risk", "submit_date", "pk"), "No comment waits for a moderator."),
    Queue("reported", "Reported", REPORTED, ("-open_reports", "submit_date", "pk"),
          "No comment has open reader reports."),
    Queue("public", "Public", VISIBLE, ("-submit_date", "-pk"), "No public comment."),
    Queue("removed", "Removed", REMOVED, ("-submit_date", "-pk"), "No removed comment."),
)
BY_SLUG = {queue.slug: queue for queue in QUEUES}
DEFAULT = QUEUES[0]


def with_reports(queryset):
    """`queryset` with the `open_reports` annotation REPORTED reads (once)."""
    return queryset if "open_reports" in queryset.query.annotations else queryset.with_open_reports()


def in_queue(queryset, queue):
    return with_reports(queryset).filter(queue.where)


def queue_counts(queryset, queues=QUEUES, **aggregates):
    """{slug: number of comments} for every queue (and any other `aggregates`), in one query."""
    return with_reports(queryset.order_by()).aggregate(
        **{queue.slug: Count("pk", filter=queue.where) for queue in queues}, **aggregates
    )


def queue_of(comment):
    """The state a comment is in, by the conditions above ("removed", "pending", "reported"
    (public, with open reports) or "public"): their mirror for one comment carrying the
    `open_reports` annotation, as Article.is_published() mirrors published()."""
    if comment.is_removed:
        return "removed"
    if not comment.is_public:
        return "pending"
    return "reported" if comment.open_reports else "public"


def moderation_counts(request):
    """The Pending and Reported counts of all comments, and when the oldest pending comment
    was posted ("oldest_pending", None when none waits), for the admin's home and nav: one
    query, once a request (the nav sidebar and the home page both ask)."""
    counts = getattr(request, "_moderation_counts", None)
    if counts is None:
        from .models import ReaderComment

        counts = request._moderation_counts = queue_counts(
            ReaderComment.objects.on_stories(), queues=(BY_SLUG["pending"], BY_SLUG["reported"]),
            oldest_pending=Min("submit_date", filter=BY_SLUG["pending"].where),
        )
    return counts

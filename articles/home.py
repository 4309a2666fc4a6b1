"""The admin's home page by role: each role's panels of work, above the app list.

`PANELS` is the table: a role (the permission that makes it, and the one that gives a
fuller desk instead) and its panels, in order. A story panel is a queryset of the stories
its reader may open (always narrowed by `Article.objects.for_desk`, the rule of the
admin's change page and the preview, so a panel never lists what its reader may not
open), the columns its rows show, its order and how many rows it lists; its count is of
every story that matches. The moderation panel counts the moderation desk's queues
(comments/queues.py) and says how long the oldest pending comment has waited.

NewsroomAdminSite.index collects the panels through ArticleAdmin.home_panels(request)
(templates/admin/index.html draws them); the nav sidebar's "Awaiting your review · N"
reads the same count (`review_count`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import CharField, Count, Min, OuterRef, Prefetch, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from .models import Article, ArticleEvent

Status = Article.Status
Action = ArticleEvent.Action

EDITOR_PERMISSION = "articles.edit_any_article"
WRITER_PERMISSION = "articles.submit_article"
MODERATOR_PERMISSION = "django_comments.can_moderate"  # comments.services.MODERATE_PERMISSION


def week_start(moment):
    """Monday 00:00, in the newsroom's time zone, of the week `moment` is in: the
    calendar's weeks and the writer's "this week"."""
    local = timezone.localtime(moment)
    monday = local.date() - timedelta(days=local.weekday())
    return timezone.make_aware(datetime.combine(monday, time.min))


def _last_event(action):
    """The story's newest workflow event of `action` as `last_<action>` (a list of at most
    the events of that action, newest first, with their actor): one query for every row."""
    events = ArticleEvent.objects.filter(action=action).select_related("actor").order_by("-created_at", "-pk")
    return Prefetch("events", queryset=events, to_attr=f"{action}_events")


def _event_time(action):
    return Subquery(
        ArticleEvent.objects.filter(article=OuterRef("pk"), action=action)
        .order_by("-created_at", "-pk").values("created_at")[:1]
    )


def _pending_comments():
    from comments.models import ReaderComment  # comments builds on articles: import when used

    return (
        ReaderComment.objects.pending().on_stories()
        .filter(object_pk=Cast(OuterRef("pk"), CharField())).order_by().values("object_pk")
    )


# The querysets of the panels: (stories the reader may open, user, now) -> stories.


def awaiting_review(stories, user, now):
    return (
        stories.filter(status=Status.IN_REVIEW)
        .annotate(submitted_at=_event_time(Action.SUBMITTED))
        .prefetch_related(_last_event(Action.SUBMITTED))
        .order_by("submitted_at", "pk")
    )


def scheduled_soon(stories, user, now):
    return stories.going_live_between(now, now + timedelta(hours=48)).order_by("goes_live", "pk")


def under_embargo(stories, user, now):
    return stories.under_embargo(now).with_go_live().order_by("embargo_until", "pk")


def recently_published(stories, user, now):
    return stories.published(now).filter(publish_at__gte=now - timedelta(days=7)).order_by("-publish_at", "-pk")


def with_comments_waiting(stories, user, now):
    pending = _pending_comments()
    return (
        stories.annotate(
            pending_comments=Subquery(pending.annotate(n=Count("pk")).values("n")),
            oldest_pending=Subquery(pending.annotate(first=Min("submit_date")).values("first")),
        )
        .filter(pending_comments__gt=0)
        .order_by("oldest_pending", "pk")
    )


def sent_back(stories, user, now):
    return (
        stories.owned_by(user).filter(status=Status.CHANGES_REQUESTED)
        .annotate(sent_back_at=_event_time(Action.CHANGES_REQUESTED))
        .prefetch_related(_last_event(Action.CHANGES_REQUESTED))
        .order_by("-sent_back_at", "-pk")
    )


def own_drafts(stories, user, now):
    return stories.owned_by(user).filter(status=Status.DRAFT).order_by("-updated_at", "-pk")


def own_in_review(stories, user, now):
    return (
        stories.owned_by(user).filter(status=Status.IN_REVIEW)
        .annotate(submitted_at=_event_time(Action.SUBMITTED))
        .order_by("submitted_at", "pk")
    )


def own_published_this_week(stories, user, now):
    return stories.owned_by(user).published(now).filter(publish_at__gte=week_start(now)).order_by("-publish_at")


# The columns a story panel may show, with their headings (home_panel.html draws each).
COLUMNS = {
    "headline": "Story", "section": "Section", "submitted": "Submitted", "goes_live": "Goes live",
    "embargo": "Embargo", "published": "Published", "updated": "Last saved",
    "comments_waiting": "Comments waiting", "sent_back": "The editor's note",
}


@dataclass(frozen=True)
class StoryPanel:
    """A panel of stories. `columns` name what each row shows (templates/admin/home_panel.html
    draws each by name); `list_filter` is the story list's query string showing the same
    stories, for "All N in the story list"."""

    slug: str
    title: str
    stories: Callable
    columns: tuple
    empty: str
    limit: int = 8
    list_filter: str = ""
    kind = "stories"

    def build(self, request, now):
        stories = self.stories(Article.objects.for_desk(request.user).select_related("section"), request.user, now)
        count = stories.count()
        if self is REVIEW:
            request._review_count = count  # the nav sidebar's (review_count)
        rows = list(stories[: self.limit]) if count else []
        for story in rows:
            for action in (Action.SUBMITTED, Action.CHANGES_REQUESTED):
                events = getattr(story, f"{action}_events", None)
                if events is not None:
                    setattr(story, f"last_{action}", events[0] if events else None)
        changelist = reverse("admin:articles_article_changelist")
        return {
            "panel": self, "count": count, "rows": rows, "headers": [COLUMNS[column] for column in self.columns],
            "more_url": f"{changelist}?{self.list_filter}" if self.list_filter and count > len(rows) else "",
        }


@dataclass(frozen=True)
class ModerationPanel:
    """The moderation desk's Pending and Reported counts and how long the oldest pending
    comment has waited: comments.queues.moderation_counts, the one query the app list's
    "Moderation desk · N pending" also reads."""

    slug: str = "moderation"
    title: str = "Comments waiting for a moderator"
    kind = "moderation"

    def build(self, request, now):
        from comments.desk import Filters, desk_url
        from comments.queues import moderation_counts

        counts = moderation_counts(request)
        oldest = counts.get("oldest_pending")
        return {
            "panel": self, "count": counts["pending"] + counts["reported"],
            "pending": counts["pending"], "reported": counts["reported"], "oldest_pending": oldest,
            "pending_url": desk_url(Filters(), queue="pending"), "reported_url": desk_url(Filters(), queue="reported"),
        }


REVIEW = StoryPanel(
    "review", "Awaiting your review", awaiting_review, ("headline", "section", "submitted"),
    "No story is waiting for review.", list_filter="status__exact=in_review",
)


@dataclass(frozen=True)
class Role:
    name: str
    permission: str  # a user with it has this role's panels
    panels: tuple
    unless: str = ""  # ... unless they have this one, which gives a fuller desk


PANELS = (
    Role("Editor", EDITOR_PERMISSION, (
        REVIEW,
        StoryPanel("scheduled", "Scheduled in the next 48 hours", scheduled_soon, ("headline", "goes_live", "embargo"),
                   "Nothing goes live in the next 48 hours.", list_filter="publication=scheduled"),
        StoryPanel("embargoed", "Under embargo", under_embargo, ("headline", "embargo", "goes_live"),
                   "No story is under embargo.", list_filter="publication=embargoed"),
        StoryPanel("published", "Recently published", recently_published, ("headline", "section", "published"),
                   "Nothing was published in the last 7 days.", list_filter="publication=live"),
        StoryPanel("comments", "Stories with comments waiting", with_comments_waiting, ("headline", "comments_waiting"),
                   "No comment is waiting on any story."),
    )),
    Role("Writer", WRITER_PERMISSION, (
        StoryPanel("sent-back", "Sent back to you", sent_back, ("headline", "sent_back"),
                   "No story of yours is waiting for changes."),
        StoryPanel("drafts", "Your drafts", own_drafts, ("headline", "section", "updated"),
                   "You have no drafts."),
        StoryPanel("in-review", "In review", own_in_review, ("headline", "section", "submitted"),
                   "None of your stories is waiting for an editor."),
        StoryPanel("published-week", "Published this week", own_published_this_week,
                   ("headline", "section", "published"), "None of your stories went out this week."),
    ), unless=EDITOR_PERMISSION),
    Role("Moderator", MODERATOR_PERMISSION, (ModerationPanel(),)),
)


def panels_for(request, now=None):
    """The built panels of every role `request.user` has, in PANELS order."""
    now = now or timezone.now()
    user = request.user
    return [
        panel.build(request, now)
        for role in PANELS
        if user.has_perm(role.permission) and not (role.unless and user.has_perm(role.unless))
        for panel in role.panels
    ]


def review_count(request):
    """How many stories wait for review, for an editor (else None): once a request, the
    home page's "Awaiting your review" and the nav sidebar share it."""
    if not request.user.has_perm(EDITOR_PERMISSION):
        return None
    count = getattr(request, "_review_count", None)
    if count is None:
        stories = REVIEW.stories(Article.objects.for_desk(request.user), request.user, timezone.now())
        count = request._review_count = stories.count()
    return count

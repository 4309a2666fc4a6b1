from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import Client
from django.utils import timezone

from articles.models import Article, Author, Byline, ImageUse, Section, Tag
from comments.models import CommentReport, ModerationReason, ReaderComment
from images.models import Image
from images.renditions import planned

pytestmark = pytest.mark.django_db


def _counts():
    return {
        "sections": Section.objects.count(),
        "authors": Author.objects.count(),
        "articles": Article.objects.count(),
        "public": Article.objects.published().count(),
        "bylines": Byline.objects.count(),
        "tags": Tag.objects.count(),
        "images": Image.objects.count(),
        "users": get_user_model().objects.count(),
        "comments": ReaderComment.objects.count(),
        "reasons": sorted(ModerationReason.objects.values_list("comment_id", "code")),
        "reports": CommentReport.objects.count(),
        "updated": sorted(Article.objects.values_list("updated_at", flat=True)),
    }


def test_load_demo_fills_the_newsroom_and_a_second_run_changes_nothing():
    call_command("load_demo")
    first = _counts()

    assert Section.objects.count() >= 6
    assert Article.objects.published().count() >= 40
    scheduled = Article.objects.filter(status=Article.Status.PUBLISHED).exclude(pk__in=Article.objects.published())
    assert scheduled.count() >= 3
    assert Article.objects.filter(status=Article.Status.DRAFT).count() >= 3
    both = Article.objects.published().filter(tags__name="NATO").filter(tags__name="Ukraine")
    assert both.count() >= 3
    assert all(a.hero and a.hero.alt_text for a in Article.objects.all())
    lead = Article.objects.published().order_by("-publish_at").first()
    assert ReaderComment.objects.for_article(lead).visible().filter(level=2).exists()  # a thread, two levels deep
    story = Article.objects.published().first()
    assert all(r.storage_exists() for r in planned(story.hero))  # renditions generated
    # The library: one picture in two stories, and published stories with a picture in their text.
    assert Image.objects.annotate(stories=Count("uses__article", distinct=True)).filter(stories__gte=2).exists()
    with_figures = Article.objects.published().filter(image_uses__role=ImageUse.Role.BODY).distinct()
    assert with_figures.count() >= 1
    page = Client().get(with_figures.first().get_absolute_url()).content.decode()
    assert page.count("<picture>") >= 2  # the hero and the figure in the text
    User = get_user_model()
    for username in ["admin", "editor", "writer", "moderator"]:
        assert User.objects.get(username=username).check_password("newsroom-demo")

    call_command("load_demo")

    assert _counts() == first


def test_load_demo_refuses_production_settings(settings):
    settings.NEWSROOM_ENVIRONMENT = "prod"

    with pytest.raises(CommandError, match="production"):
        call_command("load_demo")
    assert Article.objects.count() == 0


def test_load_demo_fills_the_moderation_queues_with_real_reasons():
    Reason = ModerationReason.Code
    call_command("load_demo")

    pending = ReaderComment.objects.pending().prefetch_related("moderation_reasons")
    reasons = {comment.user_name: {r.code for r in comment.moderation_reasons.all()} for comment in pending}
    assert len(pending) >= 4
    assert reasons["Harriet Olsen"] == {Reason.WATCHED_WORD}
    assert reasons["Piotr Zielinski"] == {Reason.LINKS}
    assert reasons["Dagny Halvorsen"] == {Reason.FIRST_COMMENT}
    assert reasons["Callum Reyes"] == {Reason.COMMENTER_PREMODERATED, Reason.FIRST_COMMENT}
    reply = pending.get(user_name="Callum Reyes")
    assert ReaderComment.objects.visible().filter(pk=reply.parent_id).exists()
    reported = ReaderComment.objects.visible().with_open_reports().filter(open_reports__gt=0)
    assert [(c.user_name, c.open_reports) for c in reported] == [("Marguerite Lefevre", 2)]


def test_load_demo_gives_every_panel_of_the_admin_home_real_rows(client):
    from articles.models import ArticleEvent

    call_command("load_demo")
    User = get_user_model()
    writer, editor = User.objects.get(username="writer"), User.objects.get(username="editor")
    now = timezone.now()

    in_review = Article.objects.get(status=Article.Status.IN_REVIEW)
    assert in_review.is_owned_by(writer)
    assert in_review.events.filter(action=ArticleEvent.Action.SUBMITTED, actor=writer).exists()
    sent_back = Article.objects.get(status=Article.Status.CHANGES_REQUESTED)
    note = sent_back.events.get(action=ArticleEvent.Action.CHANGES_REQUESTED, actor=editor).note
    assert sent_back.is_owned_by(writer) and "second source" in note
    today = Article.objects.scheduled(now).under_embargo(now).get()
    assert today.events.filter(action=ArticleEvent.Action.SCHEDULED, actor=editor).exists()
    assert now < today.go_live_at <= now + timedelta(hours=3)

    client.force_login(editor)
    panels = {built["panel"].title: built["count"] for built in client.get("/admin/").context["home_panels"]}
    for title in ["Awaiting your review", "Scheduled in the next 48 hours", "Under embargo", "Recently published",
                  "Stories with comments waiting"]:
        assert panels[title] >= 1, title
    client.force_login(writer)
    page = client.get("/admin/").content.decode()
    panels = {built["panel"].title: built["count"] for built in client.get("/admin/").context["home_panels"]}
    assert all(panels[title] >= 1 for title in ["Sent back to you", "Your drafts", "In review"]), panels
    assert "second source" in page


@pytest.mark.parametrize(("local_now", "expected"), [
    ("2026-12-03 07:10", "2026-12-03 10:00"),
    ("2026-12-03 21:50", "2026-12-03 23:45"),
    ("2026-12-03 23:50", "2026-12-04 00:00"),
])
def test_the_demos_story_for_later_today_goes_live_later_today_when_there_is_time(local_now, expected):
    from datetime import datetime

    from articles.management.commands.load_demo import later_today

    def aware(text):
        return timezone.make_aware(datetime.strptime(text, "%Y-%m-%d %H:%M"))

    assert later_today(aware(local_now)) == aware(expected)

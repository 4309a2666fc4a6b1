"""The moderation queue in the admin, and who may use it."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from comments.models import ModerationDecision, ModerationReason, ReaderComment, WatchedWord
from tests.factories import ArticleFactory, CommentFactory, CommentReportFactory, UserFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:comments_readercomment_changelist")
Reason = ModerationReason.Code


@pytest.fixture
def moderator_client(client, moderator):
    """A client signed in as a moderator."""
    client.force_login(moderator)
    return client


def held(story, *codes, **fields):
    comment = CommentFactory(content_object=story, is_public=False, **fields)
    for code in codes:
        ModerationReason.objects.create(comment=comment, code=code)
    return comment


def reported(comment, times):
    CommentReportFactory.create_batch(times, comment=comment)
    return comment


def listed(response):
    return {comment.pk for comment in response.context["cl"].result_list}


def test_queue_opens_on_pending_comments_with_their_reasons(moderator_client, story):
    pending = held(story, Reason.LINKS, Reason.FIRST_COMMENT)
    CommentFactory(content_object=story)

    response = moderator_client.get(QUEUE)

    assert response.status_code == 200
    assert listed(response) == {pending.pk}
    content = response.content.decode()
    assert "several links, first comment from this email" in content
    assert "Moderation queue" in content


@pytest.mark.parametrize("queue", ["pending", "reported", "public", "removed", "all"])
def test_queue_views(moderator_client, story, queue):
    comments = {
        "pending": held(story, Reason.PREMODERATED),
        "reported": reported(CommentFactory(content_object=story), 1),
        "public": CommentFactory(content_object=story),
        "removed": CommentFactory(content_object=story, is_removed=True),
    }
    expected = {
        "pending": {comments["pending"].pk},
        "reported": {comments["reported"].pk},
        "public": {comments["reported"].pk, comments["public"].pk},
        "removed": {comments["removed"].pk},
        "all": {comment.pk for comment in comments.values()},
    }[queue]

    assert listed(moderator_client.get(QUEUE, {"queue": queue})) == expected


def test_reported_view_forgets_reports_made_before_an_approval(moderator_client, moderator, story):
    from comments.services import comment_approve

    comment = reported(CommentFactory(content_object=story), 3)
    comment_approve(comment=ReaderComment.objects.get(pk=comment.pk), by=moderator)

    assert listed(moderator_client.get(QUEUE, {"queue": "reported"})) == set()


def test_queue_filters_by_story_and_by_commenter_email(moderator_client, story):
    here = held(story, user_email="Someone@Example.org")
    elsewhere = held(ArticleFactory(headline="Other story"), user_email="someone@example.org")
    held(story, user_email="else@example.org")

    by_story = moderator_client.get(QUEUE, {"queue": "pending", "story": story.pk})
    by_email = moderator_client.get(QUEUE, {"queue": "all", "email": "someone@example.org"})

    assert listed(by_story) == {here.pk, ReaderComment.objects.get(user_email="else@example.org").pk}
    assert listed(by_email) == {here.pk, elsewhere.pk}
    assert "Harbour plan unveiled" in by_story.content.decode()


def test_bulk_approve_with_a_note_is_logged_and_shown_on_the_comment(moderator_client, moderator, story):
    first, second = held(story, Reason.LINKS), held(story, Reason.FIRST_COMMENT)

    response = moderator_client.post(
        QUEUE, {"action": "approve", "_selected_action": [first.pk, second.pk], "note": "Checked the links"}
    )

    assert response.status_code == 302
    for comment in (first, second):
        comment.refresh_from_db()
        assert comment.is_public
        decision = comment.decisions.get()
        assert (decision.action, decision.by, decision.note) == ("approved", moderator, "Checked the links")
    page = moderator_client.get(reverse("admin:comments_readercomment_change", args=[first.pk])).content.decode()
    assert "Checked the links" in page and "moderator" in page and "approved" in page
    assert "several links" in page


def test_bulk_remove_without_a_note_and_undo(moderator_client, moderator, story):
    comment = CommentFactory(content_object=story)

    moderator_client.post(QUEUE + "?queue=public", {"action": "remove", "_selected_action": [comment.pk], "note": ""})
    comment.refresh_from_db()
    assert comment.is_removed
    assert listed(moderator_client.get(QUEUE, {"queue": "removed"})) == {comment.pk}

    moderator_client.post(QUEUE + "?queue=removed", {"action": "restore", "_selected_action": [comment.pk], "note": "Too hasty"})
    comment.refresh_from_db()
    assert comment.is_public and not comment.is_removed
    assert list(comment.decisions.values_list("action", "note")) == [("removed", ""), ("restored", "Too hasty")]


def test_undo_returns_a_removed_pending_comment_to_pending(moderator_client, story):
    comment = held(story, Reason.LINKS)

    moderator_client.post(QUEUE, {"action": "remove", "_selected_action": [comment.pk]})
    moderator_client.post(QUEUE + "?queue=removed", {"action": "restore", "_selected_action": [comment.pk]})

    comment.refresh_from_db()
    assert not comment.is_public and not comment.is_removed


def test_approval_notifies_followers_with_a_mute_link(client, moderator_client, story, settings):
    from django.core import mail

    settings.NEWSROOM_URL_SCHEME = "https"
    CommentFactory(content_object=story, user_email="follower@example.org", followup=True)
    comment = held(story, Reason.FIRST_COMMENT, user_name="Newcomer")

    moderator_client.post(QUEUE, {"action": "approve", "_selected_action": [comment.pk]})

    message = next(m for m in mail.outbox if "follower@example.org" in m.to)
    assert "Newcomer commented on a story you follow" in message.body
    mute = next(line for line in message.body.splitlines() if "/comments/mute/" in line)
    assert mute.startswith("https://testserver/comments/mute/")
    muted = client.get(mute.removeprefix("https://testserver"))
    assert muted.status_code == 200 and "Emails stopped" in muted.content.decode()
    assert not ReaderComment.objects.get(user_email="follower@example.org").followup


@pytest.mark.parametrize("rows", [1, 100])
def test_queue_has_a_constant_number_of_queries(moderator_client, story, rows, query_budget):
    stories = ArticleFactory.create_batch(3)
    for n in range(rows):
        comment = held(stories[n % 3], Reason.LINKS, Reason.FIRST_COMMENT)
        reported(comment, 1) if n % 10 == 0 else None

    with query_budget("moderation queue"):
        response = moderator_client.get(QUEUE, {"queue": "all"})
    assert len(response.context["cl"].result_list) == rows


def test_a_moderator_cannot_edit_articles(moderator_client, story):
    assert moderator_client.get(reverse("admin:articles_article_change", args=[story.pk])).status_code == 403
    assert moderator_client.get(reverse("admin:articles_article_changelist")).status_code == 403


def test_a_writer_cannot_moderate(client, writer, story):
    comment = held(story, Reason.LINKS)
    client.force_login(writer)

    assert client.get(QUEUE).status_code == 403
    client.post(QUEUE, {"action": "approve", "_selected_action": [comment.pk]})
    comment.refresh_from_db()
    assert not comment.is_public


def test_a_viewer_without_the_moderate_permission_gets_no_actions(client, story):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_readercomment"))
    comment = held(story, Reason.LINKS)
    client.force_login(viewer)

    response = client.get(QUEUE)
    client.post(QUEUE, {"action": "approve", "_selected_action": [comment.pk]})

    assert response.status_code == 200 and "Approve selected comments" not in response.content.decode()
    comment.refresh_from_db()
    assert not comment.is_public


def test_moderators_edit_the_word_lists(moderator_client, moderator):
    response = moderator_client.post(
        reverse("admin:comments_watchedword_add"), {"word": " Miracle Cure ", "action": "block"}
    )

    assert response.status_code == 302
    word = WatchedWord.objects.get()
    assert (word.word, word.action, word.created_by) == ("Miracle Cure", "block", moderator)
    duplicate = moderator_client.post(reverse("admin:comments_watchedword_add"), {"word": "miracle cure", "action": "hold"})
    assert duplicate.status_code == 200 and WatchedWord.objects.count() == 1


def test_decision_log_records_reader_report_holds(client, story):
    comment = CommentFactory(content_object=story)
    for _ in range(3):
        client.force_login(UserFactory())
        client.post(reverse("comments-flag", args=[comment.pk]), {"reason": "spam"})

    decision = ModerationDecision.objects.get(comment=comment)
    assert decision.action == "held" and decision.note == "3 reader reports"


def test_followers_are_not_told_twice_about_a_comment_back_from_reader_reports(moderator_client, story):
    from django.core import mail

    from comments.services import comment_hold

    CommentFactory(content_object=story, user_email="follower@example.org", followup=True)
    comment = CommentFactory(content_object=story)
    comment_hold(comment=ReaderComment.objects.get(pk=comment.pk), reason=Reason.REPORTED)

    moderator_client.post(QUEUE, {"action": "approve", "_selected_action": [comment.pk]})

    comment.refresh_from_db()
    assert comment.is_public
    assert not [m for m in mail.outbox if "follower@example.org" in m.to]

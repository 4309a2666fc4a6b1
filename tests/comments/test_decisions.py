"""Moderation decisions on comments: the state they record, undo, and who may make them."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from comments.models import CommentReason, ModerationDecision, ModerationReason, ReaderComment
from comments.services import comment_approve, comment_hold, comment_remove, comment_restore, comment_undo
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

Action = ModerationDecision.Action


def fresh(comment):
    return ReaderComment.objects.get(pk=comment.pk)


def state(comment):
    comment = fresh(comment)
    return comment.is_public, comment.is_removed


@pytest.fixture
def pending(story):
    """A comment waiting in the queue (first comment from its address)."""
    comment = CommentFactory(content_object=story, is_public=False, user_email="new@example.org")
    ModerationReason.objects.create(comment=comment, code=ModerationReason.Code.FIRST_COMMENT)
    return fresh(comment)


@pytest.fixture
def public(story):
    """A public comment."""
    return fresh(CommentFactory(content_object=story))


def test_every_decision_records_the_state_before_it(moderator, pending):
    approved = comment_approve(comment=pending, by=moderator)
    removed = comment_remove(comment=fresh(pending), by=moderator, reason=CommentReason.SPAM, note="Link farm.")

    assert (approved.was_public, approved.was_removed) == (False, False)
    assert (removed.was_public, removed.was_removed, removed.reason, removed.note) == (True, False, "spam", "Link farm.")
    assert removed.get_reason_display() == "spam" and removed.by == moderator


def test_a_removal_reason_must_be_one_of_the_moderation_reasons(moderator, public):
    with pytest.raises(ValidationError):
        comment_remove(comment=public, by=moderator, reason="because")
    assert state(public) == (True, False) and not ModerationDecision.objects.exists()


def test_undoing_an_approval_sends_the_comment_back_to_pending(moderator, pending):
    approval = comment_approve(comment=pending, by=moderator)

    undo = comment_undo(decision=approval, by=moderator)

    assert state(pending) == (False, False)
    assert (undo.action, undo.undoes, undo.by, undo.was_public) == (Action.UNDONE, approval, moderator, True)


def test_undoing_the_removal_of_a_public_comment_makes_it_public_again(moderator, public):
    removal = comment_remove(comment=public, by=moderator, reason=CommentReason.ABUSE)

    comment_undo(decision=removal, by=moderator)

    assert state(public) == (True, False)


def test_undoing_the_removal_of_a_pending_comment_puts_it_back_in_the_queue(moderator, pending):
    removal = comment_remove(comment=pending, by=moderator, reason=CommentReason.OFF_TOPIC)

    comment_undo(decision=removal, by=moderator)

    assert state(pending) == (False, False)


def test_undo_is_refused_when_a_later_decision_exists(moderator, pending):
    approval = comment_approve(comment=pending, by=moderator)
    comment_remove(comment=fresh(pending), by=moderator, reason=CommentReason.SPAM)

    with pytest.raises(ValidationError, match="removed by moderator .* after this decision. Undo the later decision first"):
        comment_undo(decision=approval, by=moderator)
    assert state(pending) == (True, True)
    assert not ModerationDecision.objects.filter(action=Action.UNDONE).exists()


def test_an_undo_cannot_be_undone_nor_a_decision_undone_twice(moderator, pending):
    approval = comment_approve(comment=pending, by=moderator)
    undo = comment_undo(decision=approval, by=moderator)

    with pytest.raises(ValidationError, match="An undo cannot be undone"):
        comment_undo(decision=undo, by=moderator)
    with pytest.raises(ValidationError, match="already been undone"):
        comment_undo(decision=approval, by=moderator)


def test_decisions_logged_before_the_state_was_kept_cannot_be_undone(moderator, public):
    old = ModerationDecision.objects.create(comment=public, action=Action.REMOVED, by=moderator)

    with pytest.raises(ValidationError, match="logged before"):
        comment_undo(decision=old, by=moderator)


def test_undoing_an_approval_that_emailed_followers_is_allowed_and_not_announced_again(moderator, story, pending):
    CommentFactory(content_object=story, user_email="follower@example.org", followup=True)
    approval = comment_approve(comment=pending, by=moderator)
    sent = len([m for m in mail.outbox if "follower@example.org" in m.to])

    comment_undo(decision=approval, by=moderator)
    comment_approve(comment=fresh(pending), by=moderator)

    assert sent == 1
    assert len([m for m in mail.outbox if "follower@example.org" in m.to]) == 1


def test_undoing_a_reader_report_hold_makes_the_comment_public(moderator, public):
    hold = comment_hold(comment=public, reason=ModerationReason.Code.REPORTED, note="3 reader reports")

    comment_undo(decision=hold, by=moderator)

    assert state(public) == (True, False)


def test_decisions_refresh_the_cached_story_page_only_when_readers_see_a_change(client, moderator, story, pending,
                                                                               public):
    page = story.get_absolute_url()

    def reader_sees():
        response = client.get(page)
        return response["X-Page-Cache"], pending.comment in response.content.decode(), public.comment in (
            response.content.decode())

    assert reader_sees() == ("miss", False, True)
    approval = comment_approve(comment=fresh(pending), by=moderator)
    assert reader_sees() == ("miss", True, True)
    comment_undo(decision=approval, by=moderator)
    assert reader_sees() == ("miss", False, True)
    removal = comment_remove(comment=fresh(public), by=moderator, reason=CommentReason.SPAM)
    assert reader_sees() == ("miss", False, False)
    comment_undo(decision=removal, by=moderator)
    assert reader_sees() == ("miss", False, True)
    # Removing a comment readers never saw changes no page.
    comment_remove(comment=fresh(pending), by=moderator)
    assert reader_sees() == ("hit", False, True)


@pytest.mark.parametrize("decide", [
    lambda comment, by: comment_approve(comment=comment, by=by),
    lambda comment, by: comment_remove(comment=comment, by=by, reason="spam"),
    lambda comment, by: comment_restore(comment=comment, by=by),
])
def test_only_moderators_may_decide_about_comments(decide, reader, editor, pending):
    for who in (reader, editor, None):
        with pytest.raises(PermissionDenied):
            decide(pending, who)
    assert state(pending) == (False, False) and not ModerationDecision.objects.exists()


def test_only_moderators_may_undo(moderator, reader, editor, pending):
    approval = comment_approve(comment=pending, by=moderator)

    for who in (reader, editor, None):
        with pytest.raises(PermissionDenied):
            comment_undo(decision=approval, by=who)
    assert state(pending) == (True, False)

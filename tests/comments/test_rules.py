"""Each moderation rule, the reason it records and what the commenter reads."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from articles.models import CommentMode
from comments.models import ModerationDecision, ModerationReason, ReaderComment, WatchedWord
from comments.moderation import HELD_BECAUSE
from comments.services import comment_approve
from tests.factories import ArticleFactory, CommentFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db

Reason = ModerationReason.Code


@pytest.fixture
def post_and_confirm(client, comment_post, confirm_link):
    """Post a comment and follow its confirmation link (unless this browser confirmed the
    address already: then the comment is stored at once); returns the story page the reader
    lands on, with the message about the comment."""

    def post(article, **fields):
        fields.setdefault("email", "regular@example.org")
        response = comment_post(article, **fields)
        assert response.status_code == 302, response.content.decode()
        if response["Location"].startswith(reverse("comments-xtd-sent")):
            return client.get(confirm_link(fields["email"]), follow=True)
        return client.get(response["Location"], follow=True)

    return post


def stored(text):
    return ReaderComment.objects.get(comment=text)


def reasons_of(comment):
    return {reason.code for reason in comment.moderation_reasons.all()}


def test_a_clean_comment_from_a_regular_is_public_with_no_reason(post_and_confirm, regular, story):
    response = post_and_confirm(story, comment="Thanks for the clear explanation.")

    comment = stored("Thanks for the clear explanation.")
    assert response.redirect_chain[-1] == (f"{story.get_absolute_url()}#c{comment.pk}", 302)
    assert comment.is_public and reasons_of(comment) == set()
    assert "Thank you: your comment is now public." in response.content.decode()


def test_first_comment_from_an_address_is_held_and_says_why(post_and_confirm, story):
    response = post_and_confirm(story, email="newcomer@example.org", comment="Hello from a new reader.")

    comment = stored("Hello from a new reader.")
    content = response.content.decode()
    assert not comment.is_public
    assert reasons_of(comment) == {Reason.FIRST_COMMENT}
    assert "Your comment is held for review" in content
    assert "It is the first comment from your email address, so a moderator will review it first." in content


def test_once_one_comment_is_approved_the_next_appears_at_once(client, post_and_confirm, moderator, story):
    post_and_confirm(story, email="newcomer@example.org", comment="First words.")
    comment_approve(comment=stored("First words."), by=moderator)
    cache.clear()  # the next post comes sooner than the 15-second limit allows

    post_and_confirm(story, email="Newcomer@Example.org", comment="Second words.")

    assert stored("Second words.").is_public


def test_first_comment_rule_can_be_switched_off(post_and_confirm, story, settings):
    settings.NEWSROOM_COMMENTS_HOLD_FIRST_COMMENT = False

    post_and_confirm(story, email="newcomer@example.org", comment="Let in.")

    assert stored("Let in.").is_public


def test_a_removed_comment_does_not_count_as_approved(post_and_confirm, story):
    CommentFactory(content_object=story, user_email="troll@example.org", is_removed=True)

    post_and_confirm(story, email="troll@example.org", comment="I am back.")

    assert reasons_of(stored("I am back.")) == {Reason.FIRST_COMMENT}


def test_two_links_hold_a_comment(post_and_confirm, regular, story):
    response = post_and_confirm(story, comment="See https://a.example/x and www.b.example/y for more.")

    comment = stored("See https://a.example/x and www.b.example/y for more.")
    assert not comment.is_public and reasons_of(comment) == {Reason.LINKS}
    assert "It contains several links, so a moderator will review it first." in response.content.decode()


def test_one_link_does_not_hold_a_comment(post_and_confirm, regular, story):
    post_and_confirm(story, comment="Source: https://a.example/report")

    assert stored("Source: https://a.example/report").is_public


def test_link_limit_follows_its_setting(post_and_confirm, regular, story, settings):
    settings.NEWSROOM_COMMENTS_HOLD_LINKS = 3

    post_and_confirm(story, comment="https://a.example and https://b.example")

    assert stored("https://a.example and https://b.example").is_public


@pytest.mark.parametrize(
    "fields",
    [
        {"comment": "This is a SCAM, plainly."},
        {"name": "Scam Watcher"},
        {"email": "regular@scam.example"},
    ],
    ids=["text", "name", "email"],
)
def test_a_word_from_the_moderation_list_holds_a_comment(client, comment_post, confirm_link, story, fields):
    CommentFactory(content_object=story, user_email=fields.get("email", "regular@example.org"))
    WatchedWord.objects.create(word="scam", action=WatchedWord.Action.HOLD)
    data = {"comment": "An ordinary remark.", "email": "regular@example.org", **fields}

    comment_post(story, **data)
    response = client.get(confirm_link(data["email"]), follow=True)

    comment = stored(data["comment"])
    assert not comment.is_public and reasons_of(comment) == {Reason.WATCHED_WORD}
    assert "It contains a word or phrase that our moderators check" in response.content.decode()


def test_moderation_words_match_whole_words_in_text(post_and_confirm, regular, story):
    WatchedWord.objects.create(word="ass", action=WatchedWord.Action.HOLD)

    post_and_confirm(story, comment="A classic assessment of the class.")

    assert stored("A classic assessment of the class.").is_public


def test_a_block_list_word_drops_an_anonymous_comment_after_confirmation(client, comment_post, confirm_link, regular, story):
    WatchedWord.objects.create(word="cheap pills", action=WatchedWord.Action.BLOCK)
    WatchedWord.objects.create(word="moderate me", action=WatchedWord.Action.HOLD)

    comment_post(story, email=regular, comment="Buy Cheap Pills now")
    blocked = client.get(confirm_link(regular), follow=True).content.decode()
    mail.outbox.clear()
    cache.clear()  # the next post comes sooner than the 15-second limit allows
    client.cookies.clear()  # a browser that has not confirmed this address (confirm once)
    comment_post(story, email=regular, comment="Please moderate me")
    held = client.get(confirm_link(regular), follow=True).content.decode()

    assert not ReaderComment.objects.filter(comment="Buy Cheap Pills now").exists()
    assert stored("Please moderate me").is_public is False
    sentence = "It contains a word or phrase that our moderators check, so a moderator will review it first."
    assert "Your comment is held for review" in blocked and sentence in blocked
    assert "Your comment is held for review" in held and sentence in held


def test_a_dropped_comment_is_told_every_reason_a_held_one_with_the_same_words_would_be(
    client, comment_post, confirm_link, story
):
    """A spammer compares: a first comment with two links and a block-list word must read
    exactly like the same comment with a moderation-list word instead (all its reasons, not
    only the watched word)."""
    WatchedWord.objects.create(word="cheap pills", action=WatchedWord.Action.BLOCK)
    WatchedWord.objects.create(word="fine pills", action=WatchedWord.Action.HOLD)
    links = "See https://one.example/ and https://two.example/"

    def status_of(email, comment):
        cache.clear()  # the 15-second interval
        client.cookies.clear()  # another browser, not confirmed
        comment_post(story, email=email, comment=comment)
        page = client.get(confirm_link(email), follow=True).content.decode()
        return re.search(r'id="comment-status".*?</(?:div|section)>', page, re.S).group(0)

    dropped = status_of("first.spammer@example.org", f"Cheap pills here. {links}")
    held = status_of("first.reader@example.org", f"Fine pills here. {links}")

    assert not ReaderComment.objects.filter(user_email="first.spammer@example.org").exists()
    assert ReaderComment.objects.get(user_email="first.reader@example.org").is_public is False
    assert dropped == held
    assert "several links" in held and "word or phrase that our moderators check" in held


def test_a_block_list_word_drops_a_signed_in_readers_comment(client, comment_post, reader, story):
    WatchedWord.objects.create(word="casino", action=WatchedWord.Action.BLOCK)
    client.force_login(reader)

    response = comment_post(story, name="Rea", email="", comment="Visit my CASINO")

    assert response.status_code == 200
    assert "Your comment is held for review" in response.content.decode()
    assert not ReaderComment.objects.exists()


def test_the_confirmation_link_of_a_blocked_comment_does_not_say_blocked(comment_post, regular, story):
    import re

    WatchedWord.objects.create(word="casino", action=WatchedWord.Action.BLOCK)
    comment_post(story, email=regular, comment="casino bonus")
    cache.clear()  # the next post comes sooner than the 15-second limit allows
    comment_post(story, email=regular, comment="A plain remark.")

    blocked, plain = mail.outbox[-2:]
    keys = [re.search(r"/comments/confirm/([^/\s]+)/", m.body).group(1) for m in (blocked, plain)]
    # The link carries nothing to read (a random token), and the emails differ only in it.
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{43}", key) for key in keys) and keys[0] != keys[1]
    assert blocked.subject == plain.subject
    assert blocked.body.replace(keys[0], "") == plain.body.replace(keys[1], "")


def test_a_premoderated_story_holds_every_comment(post_and_confirm, regular):
    story = ArticleFactory(comment_mode=CommentMode.PREMODERATED)
    CommentFactory(content_object=story, user_email="regular@example.org")

    response = post_and_confirm(story, comment="Measured words.")

    comment = stored("Measured words.")
    assert not comment.is_public and reasons_of(comment) == {Reason.PREMODERATED}
    assert "Every comment on this story is read by a moderator before it appears." in response.content.decode()


def test_premoderation_comes_from_the_section_by_default(post_and_confirm, regular):
    story = ArticleFactory(section=SectionFactory(comment_mode=CommentMode.PREMODERATED))

    post_and_confirm(story, comment="Held by the section.")

    assert reasons_of(stored("Held by the section.")) == {Reason.PREMODERATED}


def test_a_comment_held_for_several_reasons_lists_them_all(post_and_confirm):
    story = ArticleFactory(comment_mode=CommentMode.PREMODERATED)

    response = post_and_confirm(story, email="new@example.org", comment="https://a.example https://b.example")

    comment = stored("https://a.example https://b.example")
    assert reasons_of(comment) == {Reason.PREMODERATED, Reason.LINKS, Reason.FIRST_COMMENT}
    content = response.content.decode()
    assert response.redirect_chain[-1] == (f"{story.get_absolute_url()}#comment-status", 302)
    for code in (Reason.PREMODERATED, Reason.LINKS, Reason.FIRST_COMMENT):
        assert HELD_BECAUSE[code].split(".")[0] in content


def test_a_held_comment_is_announced_to_the_moderation_desk(post_and_confirm, story, settings):
    post_and_confirm(story, email="new@example.org", comment="Announce me.")

    desk = [m for m in mail.outbox if settings.MANAGERS[0][1] in m.to]
    assert len(desk) == 1
    assert "first comment from this email" in desk[0].body
    assert "http://testserver/admin/comments/readercomment/" in desk[0].body


def test_a_signed_in_readers_held_comment_says_why(client, comment_post, reader, story):
    client.force_login(reader)

    response = comment_post(story, name="Rea", email="", comment="My first time here.")
    page = client.get(response["Location"])

    assert not stored("My first time here.").is_public
    assert "It is the first comment from your email address" in page.content.decode()


def report(client, comment, times):
    for _ in range(times):
        client.force_login(UserFactory())
        client.post(reverse("comments-flag", args=[comment.pk]), {"reason": "spam"})


def test_three_reader_reports_send_a_public_comment_back_to_pending(client, story):
    comment = CommentFactory(content_object=story)

    report(client, comment, 2)
    comment.refresh_from_db()
    assert comment.is_public

    report(client, comment, 1)
    comment.refresh_from_db()
    assert not comment.is_public and not comment.is_removed
    assert ModerationReason.objects.get(comment=comment).get_code_display() == "reported by readers"
    decision = ModerationDecision.objects.get(comment=comment)
    assert decision.action == ModerationDecision.Action.HELD and decision.by is None


def test_after_approval_it_takes_three_new_reports(client, moderator, story):
    comment = CommentFactory(content_object=story)
    report(client, comment, 3)
    comment_approve(comment=ReaderComment.objects.get(pk=comment.pk), by=moderator)

    report(client, comment, 2)
    comment.refresh_from_db()
    assert comment.is_public

    report(client, comment, 1)
    comment.refresh_from_db()
    assert not comment.is_public


def test_followers_of_a_story_get_an_email_with_a_mute_link(client, post_and_confirm, regular, story):
    CommentFactory(content_object=story, user_email="follower@example.org", followup=True)

    post_and_confirm(story, comment="A new point of view.")

    message = next(m for m in mail.outbox if "follower@example.org" in m.to)
    assert "A new point of view." in message.body
    mute = next(line for line in message.body.splitlines() if "/comments/mute/" in line)
    assert mute.startswith("http://testserver/comments/mute/")
    client.get(mute.removeprefix("http://testserver"))
    assert not ReaderComment.objects.get(user_email="follower@example.org").followup


def test_a_comment_confirmed_after_its_story_closed_is_not_posted(client, comment_post, confirm_link, regular, story):
    from articles.models import Article

    comment_post(story, email=regular, comment="Late to the party.")
    Article.objects.filter(pk=story.pk).update(comment_mode=CommentMode.CLOSED)

    response = client.get(confirm_link(regular))

    assert "Comments are closed on this story. Your comment was not posted." in response.content.decode()
    assert not ReaderComment.objects.filter(comment="Late to the party.").exists()

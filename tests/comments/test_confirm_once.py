"""Issue 18: confirm an address once per browser, the confirmation email, and where a reader
lands after a comment. Attacks come from the reader's side: cookies forged, altered, copied
to another browser or another address, or too old."""

import base64
import json
import time
from types import SimpleNamespace

import pytest
from django.core import mail, signing
from django.http import HttpResponse
from django.test import Client, RequestFactory

from comments import confirmation
from comments.mail import mute_key
from comments.models import Commenter, ModerationReason, PendingComment, ReaderComment, WatchedWord
from comments.moderation import HELD_BECAUSE
from comments.services import comment_approve

pytestmark = pytest.mark.django_db

Reason = ModerationReason.Code
COOKIE = confirmation.CONFIRMED_ADDRESS_COOKIE
NEWCOMER = "newcomer@example.org"
SECRET_TEXT = "My unconfirmed words about the harbour."


@pytest.fixture(autouse=True)
def no_interval(settings):
    """No 15-second interval: these tests post several comments from one browser quickly."""
    settings.NEWSROOM_COMMENTS_MIN_INTERVAL = 0


@pytest.fixture
def confirmed(client, comment_post, confirm_link, regular, story):
    """The browser `client` after confirming one comment from the regular's address."""
    comment_post(story, email=regular, comment="My first confirmed remark.")
    client.get(confirm_link(regular))
    return client


def cookie_for(address, *, at=None):
    """Our cookie's value for `address`, made by remember_address (at `at`, epoch seconds)."""
    response = HttpResponse()
    if at is None:
        confirmation.remember_address(response, address, request=RequestFactory().get("/"))
    else:  # signing reads the clock through its own `time` module
        real = signing.time
        signing.time = SimpleNamespace(time=lambda: at)
        try:
            confirmation.remember_address(response, address, request=RequestFactory().get("/"))
        finally:
            signing.time = real
    return response.cookies[COOKIE].value


def browser_with(value):
    """A fresh browser carrying only `value` as our cookie."""
    browser = Client()
    browser.cookies[COOKIE] = value
    return browser


def asked_to_confirm(response, address):
    """Whether the post went the confirm-by-email way (a PendingComment, an email)."""
    return response["Location"].startswith("/comments/sent/") and any(address in m.to for m in mail.outbox)


# --- the cookie -------------------------------------------------------------------------


def test_confirming_sets_an_httponly_lax_cookie_under_comments_for_a_year(client, comment_post, confirm_link, regular,
                                                                          story):
    comment_post(story, email=regular)

    response = client.get(confirm_link(regular))

    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax"
    assert cookie["path"] == "/comments/" and cookie["max-age"] == 365 * 24 * 60 * 60
    assert not cookie["secure"]  # plain http here (tests); see the next test for https


def test_the_cookie_is_secure_when_the_link_is_followed_over_https(client, comment_post, confirm_link, regular, story):
    comment_post(story, email=regular)

    response = client.get(confirm_link(regular), secure=True)

    assert response.cookies[COOKIE]["secure"] is True


def test_the_cookie_never_holds_the_address(confirmed, regular):
    value = confirmed.cookies[COOKIE].value
    payload = value.split(":")[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()

    assert regular not in value and "regular" not in decoded and "example.org" not in decoded
    assert set(json.loads(decoded)) == {"address"}


def test_a_confirmed_browser_comments_again_without_an_email(confirmed, comment_post, regular, story):
    mail.outbox.clear()

    response = comment_post(story, using=confirmed, email=" Regular@Example.org ", comment="And a second thought.")

    comment = ReaderComment.objects.get(comment="And a second thought.")
    assert comment.is_public and not mail.outbox and not PendingComment.objects.filter(comment=None).exists()
    assert response["Location"] == f"{story.get_absolute_url()}#c{comment.pk}"


def test_the_cookie_is_not_for_another_address(confirmed, comment_post, story):
    mail.outbox.clear()

    response = comment_post(story, using=confirmed, email="someone.else@example.org", comment="Not my address.")

    assert asked_to_confirm(response, "someone.else@example.org")
    assert not ReaderComment.objects.filter(comment="Not my address.").exists()


def test_a_cookie_copied_to_another_browser_works_only_for_its_own_address(confirmed, comment_post, regular, story):
    thief = browser_with(confirmed.cookies[COOKIE].value)

    elsewhere = comment_post(story, using=thief, email="victim@example.org", comment="Posted as the victim.")

    assert asked_to_confirm(elsewhere, "victim@example.org")
    assert not ReaderComment.objects.filter(comment="Posted as the victim.").exists()


@pytest.mark.parametrize(
    "forge",
    [
        # The right shape, signed with another key.
        lambda address: signing.dumps({"address": confirmation._address_digest(address)}, key="guessed-key",
                                      salt=confirmation.CONFIRMED_ADDRESS_SALT),
        # Our signature, another salt: a mute link's token names the address too.
        lambda address: mute_key(address, SimpleNamespace(pk=1)),
        # Unsigned JSON with the address, or its plain hash.
        lambda address: base64.urlsafe_b64encode(json.dumps({"address": address}).encode()).decode(),
        lambda address: "__import__('os').system('id')",
    ],
    ids=["another key", "mute token", "unsigned", "junk"],
)
def test_a_forged_cookie_is_ignored(comment_post, story, forge):
    response = comment_post(story, using=browser_with(forge(NEWCOMER)), email=NEWCOMER, comment=SECRET_TEXT)

    assert asked_to_confirm(response, NEWCOMER)
    assert not ReaderComment.objects.filter(comment=SECRET_TEXT).exists()


def test_an_altered_cookie_is_ignored(comment_post, story):
    value = cookie_for(NEWCOMER)
    payload, rest = value.split(":", 1)
    altered = f"{payload[:-2]}{'A' if payload[-2] != 'A' else 'B'}{payload[-1]}:{rest}"

    response = comment_post(story, using=browser_with(altered), email=NEWCOMER, comment=SECRET_TEXT)

    assert asked_to_confirm(response, NEWCOMER)


def test_a_cookie_over_a_year_old_is_ignored(comment_post, story):
    a_year_and_a_day_ago = time.time() - 366 * 24 * 60 * 60
    old, recent = cookie_for(NEWCOMER, at=a_year_and_a_day_ago), cookie_for(NEWCOMER, at=time.time() - 60)

    expired = comment_post(story, using=browser_with(old), email=NEWCOMER, comment="Old browser.")
    fresh = comment_post(story, using=browser_with(recent), email=NEWCOMER, comment="Recent browser.")

    assert asked_to_confirm(expired, NEWCOMER)
    assert ReaderComment.objects.filter(comment="Recent browser.").exists() and fresh["Location"].startswith("/news/")


# --- the rules still apply --------------------------------------------------------------


def test_a_confirmed_newcomer_stays_held_as_a_first_comment_until_one_is_approved(client, comment_post, confirm_link,
                                                                                  moderator, story):
    comment_post(story, email=NEWCOMER, comment="Hello, first time.")
    client.get(confirm_link(NEWCOMER))

    second = comment_post(story, email=NEWCOMER, comment="Hello again.")
    comment_approve(comment=ReaderComment.objects.get(comment="Hello, first time."), by=moderator)
    third = comment_post(story, email=NEWCOMER, comment="Third time.")

    held = ReaderComment.objects.get(comment="Hello again.")
    assert not held.is_public and {r.code for r in held.moderation_reasons.all()} == {Reason.FIRST_COMMENT}
    assert second["Location"] == f"{story.get_absolute_url()}#comment-status"
    assert ReaderComment.objects.get(comment="Third time.").is_public and "#c" in third["Location"]


@pytest.mark.parametrize(
    ("setup", "text", "reason"),
    [
        (lambda: None, "See https://a.example/x and https://b.example/y", Reason.LINKS),
        (lambda: WatchedWord.objects.create(word="harbour tax", action=WatchedWord.Action.HOLD),
         "About the harbour tax.", Reason.WATCHED_WORD),
        (lambda: Commenter.objects.create(email="regular@example.org", status=Commenter.Status.PREMODERATED),
         "A measured view.", Reason.COMMENTER_PREMODERATED),
    ],
    ids=["links", "watched word", "pre-moderated commenter"],
)
def test_hold_rules_still_apply_after_confirmation(confirmed, comment_post, regular, story, setup, text, reason):
    setup()

    response = comment_post(story, using=confirmed, email=regular, comment=text)
    landing = confirmed.get(response["Location"])

    comment = ReaderComment.objects.get(comment=text)
    assert not comment.is_public and reason in {r.code for r in comment.moderation_reasons.all()}
    assert response["Location"] == f"{story.get_absolute_url()}#comment-status"
    assert HELD_BECAUSE[reason] in landing.content.decode()


def test_a_blocked_word_from_a_confirmed_browser_is_dropped_and_lands_like_a_held_comment(confirmed, comment_post,
                                                                                          regular, story):
    WatchedWord.objects.create(word="cheap pills", action=WatchedWord.Action.BLOCK)

    response = comment_post(story, using=confirmed, email=regular, comment="Cheap pills here")
    landing = confirmed.get(response["Location"]).content.decode()

    assert not ReaderComment.objects.filter(comment="Cheap pills here").exists()
    assert response["Location"] == f"{story.get_absolute_url()}#comment-status"
    assert "Your comment is held for review" in landing and HELD_BECAUSE[Reason.WATCHED_WORD] in landing


def test_a_banned_commenter_with_the_cookie_is_refused(confirmed, comment_post, regular, story):
    Commenter.objects.create(email=regular, status=Commenter.Status.BANNED)

    response = comment_post(story, using=confirmed, email=regular, comment="Let me in.")

    assert response.status_code == 403 and not ReaderComment.objects.filter(comment="Let me in.").exists()


# --- the email --------------------------------------------------------------------------


def test_the_confirmation_subject_names_the_story_and_the_site(comment_post, story):
    comment_post(story, email=NEWCOMER, comment=SECRET_TEXT, name="Hidden Name")

    (message,) = mail.outbox
    assert message.subject == "Confirm your comment on “Harbour plan unveiled” — The Newsroom"
    for part in (message.subject, message.body, message.alternatives[0][0]):
        assert SECRET_TEXT not in part and "unconfirmed words" not in part and "Hidden Name" not in part


# --- landing ----------------------------------------------------------------------------


def test_a_public_comment_lands_on_its_anchor_with_a_message(client, comment_post, confirm_link, regular, story):
    comment_post(story, email=regular, comment="Straight onto the page.")

    response = client.get(confirm_link(regular))
    page = client.get(response["Location"])

    comment = ReaderComment.objects.get(comment="Straight onto the page.")
    content = page.content.decode()
    assert response["Location"] == f"{story.get_absolute_url()}#c{comment.pk}"
    assert f'id="c{comment.pk}"' in content
    assert '<div class="comment-status" id="comment-status" role="status" tabindex="-1">' in content
    assert "Thank you: your comment is now public." in content


def test_a_held_comment_lands_on_the_status_box_saying_why(client, comment_post, confirm_link, story):
    comment_post(story, email=NEWCOMER, comment="Held, as a first one.")

    response = client.get(confirm_link(NEWCOMER))
    content = client.get(response["Location"]).content.decode()

    assert response["Location"] == f"{story.get_absolute_url()}#comment-status"
    assert 'id="comment-status"' in content and "Your comment is held for review" in content
    assert HELD_BECAUSE[Reason.FIRST_COMMENT] in content


def test_the_message_is_shown_once_and_its_page_is_never_cached(client, comment_post, confirm_link, regular, story):
    comment_post(story, email=regular, comment="Seen once.")
    landing = client.get(confirm_link(regular))["Location"]

    with_message = client.get(landing)
    after = client.get(story.get_absolute_url())

    assert "X-Page-Cache" not in with_message  # the messages cookie takes it past the cache
    assert with_message.cookies["messages"]["max-age"] == 0  # the message is used up
    assert "now public" in with_message.content.decode()
    assert "now public" not in after.content.decode() and 'id="comment-status"' not in after.content.decode()
    assert "now public" not in Client().get(story.get_absolute_url()).content.decode()


# --- the page cache ---------------------------------------------------------------------


def test_the_cached_story_carries_neither_the_cookie_nor_the_readers_name(client, comment_post, confirm_link, story):
    comment_post(story, email=NEWCOMER, name="Quentin Quietly", comment="Waiting for a moderator.")
    response = client.get(confirm_link(NEWCOMER))
    client.get(response["Location"])  # the page with the message: built for this reader alone
    comment_post(story, email=NEWCOMER, name="Quentin Quietly", comment="Posted without an email.")

    others = [Client().get(story.get_absolute_url()) for _ in range(2)]
    with_cookie = browser_with(client.cookies[COOKIE].value).get(story.get_absolute_url())

    assert [page["X-Page-Cache"] for page in others] == ["miss", "hit"]
    assert with_cookie["X-Page-Cache"] == "hit"  # the cookie does not make the page vary
    for page in [*others, with_cookie]:
        content = page.content.decode()
        assert "Quentin" not in content and NEWCOMER not in content and "comment-status" not in content
        assert COOKIE not in page.cookies and COOKIE not in str(page.headers)
        assert client.cookies[COOKIE].value not in content


def test_the_cookie_is_sent_only_to_comment_urls(confirmed):
    from django.urls import reverse

    path = confirmed.cookies[COOKIE]["path"]

    assert reverse("comments-post-comment").startswith(path)
    assert not "/news/some-story/".startswith(path) and not "/".startswith(path)


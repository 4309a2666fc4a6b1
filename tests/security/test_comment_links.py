"""Issue 12, findings 1 and 3: the confirmation and mute links of comment emails, attacked.

Finding 1: django-comments-xtd 2.10 signs its link tokens over a pickle and unpickles
them (`django_comments_xtd/signed.py`): whoever knows SECRET_KEY ran code with one GET.
Finding 3: its confirmation links never expired and kept the hold rules of the moment
of posting.
"""

import re
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.utils import timezone
from django_comments_xtd import signed
from django_comments_xtd.conf import settings as xtd_settings

from articles.models import CommentMode
from comments.models import ModerationReason, ReaderComment, WatchedWord
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db

Reason = ModerationReason.Code


class WritesAFile:
    """What an attacker who knows SECRET_KEY signs: unpickling it runs code (writes a file)."""

    def __init__(self, path):
        self.path = str(path)

    def __reduce__(self):
        return exec, (f"open({self.path!r}, 'w').write('ran')",)


@pytest.fixture
def marker(tmp_path):
    """The file the forged token would write."""
    return tmp_path / "code-ran"


@pytest.fixture
def pickle_tokens(marker):
    """Tokens as xtd 2.10 signs them (its own signed.dumps, our SECRET_KEY and salt), plain and compressed."""
    payload = WritesAFile(marker)
    return [
        signed.dumps(payload, extra_key=xtd_settings.COMMENTS_XTD_SALT).decode(),
        signed.dumps(payload, compress=True, extra_key=xtd_settings.COMMENTS_XTD_SALT).decode(),
    ]


def _routes(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def _link_paths(token):
    """Every served route with a confirm or mute key in it, with `token` as the key (a format-
    suffix twin, e.g. xtd's `confirm/<key>.json`, with `.json`)."""
    paths = set()
    for route in _routes():
        if not re.search(r"(?:confirm|mute)/", route):
            continue
        path = re.sub(r"\(\?P<key>[^)]*\)|<(?:str:)?key>", lambda _m: token, route)
        path = re.sub(r"\\\.\(\?P<format>[^)]*\)|<drf_format_suffix:format>", ".json", path)
        paths.add("/" + re.sub(r"\^|\$|/\?(?=$|\$)", "", path).replace("\\", ""))
    return sorted(paths)


def test_a_forged_pickle_token_runs_nothing_at_the_confirm_and_mute_links(client, story, marker, pickle_tokens):
    for token in pickle_tokens:
        for path in [f"/comments/confirm/{token}/", f"/comments/mute/{token}/"]:
            response = client.get(path)

            assert not marker.exists(), f"{path} unpickled the token"
            assert 400 <= response.status_code < 500, (path, response.status_code)


def test_no_route_to_a_confirm_or_mute_view_unpickles_its_key(story, marker, pickle_tokens):
    client = Client(raise_request_exception=False)
    for token in pickle_tokens:
        paths = _link_paths(token)
        assert any("/comments/confirm/" in path for path in paths) and any("/comments/mute/" in path for path in paths)
        for path in paths:
            client.get(path)
            assert not marker.exists(), f"{path} unpickled the token"


def test_the_journey_never_calls_xtds_pickle_loader(client, comment_post, confirm_link, moderator, story, monkeypatch):
    """Post, confirm, approve, mail the followers and mute: xtd's signed.loads is never reached."""
    from comments.services import comment_approve

    def refuse(*args, **kwargs):
        raise AssertionError("django_comments_xtd.signed.loads was called")

    monkeypatch.setattr(signed, "loads", refuse)
    CommentFactory(content_object=story, user_email="follower@example.org", followup=True)
    comment_post(story, email="newcomer@example.org", comment="A first remark.", followup="on")
    landing = client.get(confirm_link("newcomer@example.org"), follow=True)
    assert landing.redirect_chain[-1][0].endswith("#comment-status")  # held: a first comment
    comment_approve(comment=ReaderComment.objects.get(comment="A first remark."), by=moderator)
    message = next(m for m in mail.outbox if "follower@example.org" in m.to)
    mute = re.search(r"https?://[^/\s]+(/comments/mute/[^/\s]+/)", message.body).group(1)

    assert client.get(mute).status_code == 200
    assert not ReaderComment.objects.get(user_email="follower@example.org").followup


def test_a_mute_link_is_signed_json_for_one_address_on_one_story(client, moderator, story):
    from comments.services import comment_approve

    other_story = ArticleFactory()
    follower = CommentFactory(content_object=story, user_email="follower@example.org", followup=True)
    elsewhere = CommentFactory(content_object=other_story, user_email="follower@example.org", followup=True)
    neighbour = CommentFactory(content_object=story, user_email="neighbour@example.org", followup=True)
    comment_approve(comment=CommentFactory(content_object=story, is_public=False), by=moderator)
    message = next(m for m in mail.outbox if "follower@example.org" in m.to)
    token = re.search(r"/comments/mute/([^/\s]+)/", message.body).group(1)

    payload = signing.loads(token, salt="comments.mute")  # JSON: nothing to unpickle
    forged = signing.dumps({**payload, "email": "neighbour@example.org"}, salt="another.salt")
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    assert client.get(f"/comments/mute/{forged}/").status_code == 404
    assert client.get(f"/comments/mute/{tampered}/").status_code == 404
    assert client.get(f"/comments/mute/{token}/").status_code == 200
    for comment, following in [(follower, False), (elsewhere, True), (neighbour, True)]:
        comment.refresh_from_db()
        assert comment.followup is following


def test_a_mute_link_changes_nothing_on_a_head_or_post(client, story):
    follower = CommentFactory(content_object=story, user_email="follower@example.org", followup=True)
    from comments.mail import mute_key

    token = mute_key("follower@example.org", story)

    assert client.head(f"/comments/mute/{token}/").status_code == 405
    assert client.post(f"/comments/mute/{token}/").status_code == 405

    follower.refresh_from_db()
    assert follower.followup


# --- Finding 3: confirmation links expire, are used once and apply today's rules -------


def test_a_replayed_confirmation_link_stores_one_comment(client, comment_post, confirm_link, regular, story):
    comment_post(story, email=regular, comment="Said once, clicked thrice.")
    link = confirm_link(regular)

    answers = [client.get(link).status_code for _ in range(3)]

    assert answers == [302, 302, 302]
    assert ReaderComment.objects.filter(comment="Said once, clicked thrice.").count() == 1


def test_a_confirmation_link_expires_after_48_hours(client, comment_post, confirm_link, regular, story, clock):
    comment_post(story, email=regular, comment="Too late to count.")
    link = confirm_link(regular)
    clock(timezone.now() + timedelta(hours=48, minutes=1))

    response = client.get(link)

    assert response.status_code == 400
    assert "This link has expired" in response.content.decode()
    assert not ReaderComment.objects.filter(comment="Too late to count.").exists()


def test_a_confirmation_link_still_works_just_before_48_hours(client, comment_post, confirm_link, regular, story, clock):
    comment_post(story, email=regular, comment="Just in time.")
    link = confirm_link(regular)
    clock(timezone.now() + timedelta(hours=47, minutes=59))

    assert client.get(link).status_code == 302
    assert ReaderComment.objects.get(comment="Just in time.").is_public


def test_a_made_up_confirmation_link_gets_a_clear_404_page(client, story):
    for key in ["not-a-key", "A" * 43, signing.dumps({"pk": 1}, salt="comments.confirm")]:
        response = client.get(f"/comments/confirm/{key}/")

        assert response.status_code == 404
        assert "This link is not valid" in response.content.decode()
        assert "<html" in response.content.decode()  # the site's page, not a bare error


def test_a_comment_posted_before_the_story_became_premoderated_is_held_when_confirmed(
    client, comment_post, confirm_link, regular, story
):
    comment_post(story, email=regular, comment="Posted while comments were open.")
    story.comment_mode = CommentMode.PREMODERATED
    story.save()

    response = client.get(confirm_link(regular), follow=True)

    comment = ReaderComment.objects.get(comment="Posted while comments were open.")
    assert not comment.is_public
    assert set(comment.moderation_reasons.values_list("code", flat=True)) == {Reason.PREMODERATED}
    assert "Every comment on this story is read by a moderator" in response.content.decode()


def test_a_comment_posted_before_a_watched_word_was_added_is_held_when_confirmed(
    client, comment_post, confirm_link, regular, story, settings
):
    comment_post(story, email=regular, comment="A miracle cure for the harbour.")
    WatchedWord.objects.create(word="miracle cure", action=WatchedWord.Action.HOLD)

    client.get(confirm_link(regular))

    comment = ReaderComment.objects.get(comment="A miracle cure for the harbour.")
    assert not comment.is_public
    assert set(comment.moderation_reasons.values_list("code", flat=True)) == {Reason.WATCHED_WORD}
    desk = [m for m in mail.outbox if settings.MANAGERS[0][1] in m.to]
    assert len(desk) == 1 and "word on the moderation list" in desk[0].body


def test_a_comment_posted_before_a_block_word_was_added_is_dropped_when_confirmed(
    client, comment_post, confirm_link, regular, story
):
    comment_post(story, email=regular, comment="Cheap pills, cheap.")
    WatchedWord.objects.create(word="cheap pills", action=WatchedWord.Action.BLOCK)

    first, again = client.get(confirm_link(regular), follow=True), client.get(confirm_link(regular), follow=True)

    assert not ReaderComment.objects.filter(comment="Cheap pills, cheap.").exists()
    for response in (first, again):  # exactly as a held comment lands
        assert response.redirect_chain[-1] == (f"{story.get_absolute_url()}#comment-status", 302)
        assert "Your comment is held for review" in response.content.decode()


def test_a_comment_on_a_story_closed_since_is_dropped_when_confirmed(client, comment_post, confirm_link, regular, story):
    comment_post(story, email=regular, comment="Closing time.")
    story.comment_mode = CommentMode.CLOSED
    story.save()

    response = client.get(confirm_link(regular))

    assert "Comments are closed on this story." in response.content.decode()
    assert not ReaderComment.objects.filter(comment="Closing time.").exists()


def test_a_comment_whose_author_was_approved_meanwhile_is_not_held_as_a_first_one(
    client, comment_post, confirm_link, story
):
    comment_post(story, email="newcomer@example.org", comment="Second thoughts.")
    CommentFactory(content_object=story, user_email="newcomer@example.org")  # approved meanwhile

    client.get(confirm_link("newcomer@example.org"))

    assert ReaderComment.objects.get(comment="Second thoughts.").is_public


@pytest.fixture
def hourly_link_limit(settings):
    """The default 10 a minute as 10 an hour: django-ratelimit's windows are fixed, and a minute may end mid-test."""
    assert settings.NEWSROOM_RATE_LIMITS["comment_links"][0] == "10/m"
    settings.NEWSROOM_RATE_LIMITS = {**settings.NEWSROOM_RATE_LIMITS, "comment_links": ["10/h"]}


def test_confirmation_links_are_rate_limited_per_address(client, story, hourly_link_limit):
    answers = [client.get(f"/comments/confirm/guess{n}/", REMOTE_ADDR="198.51.100.40").status_code for n in range(11)]
    other = client.get("/comments/confirm/guess/", REMOTE_ADDR="198.51.100.41")

    assert answers == [404] * 10 + [429]
    assert other.status_code == 404


def test_mute_links_are_rate_limited_per_address(client, story, hourly_link_limit):
    answers = [client.get(f"/comments/mute/guess{n}/", REMOTE_ADDR="198.51.100.42").status_code for n in range(11)]

    assert answers == [404] * 10 + [429]

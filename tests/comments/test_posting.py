from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, CommentMode
from comments.models import ReaderComment
from tests.factories import ArticleFactory, CommentFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def regular(story):
    """An email address with an approved comment, so its comments are not held as first ones."""
    CommentFactory(content_object=story, user_email="regular@example.org", user_name="Regular")
    return "regular@example.org"


def test_empty_form_shows_field_messages_in_readers_words(comment_post, story):
    response = comment_post(story, comment="", name="", email="")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Please enter your comment." in content
    assert "Please enter your name." in content
    assert "Please enter a valid email address." in content
    assert 'aria-invalid="true"' in content
    assert not mail.outbox and not ReaderComment.objects.exists()


def test_invalid_email_keeps_the_readers_text(comment_post, story):
    response = comment_post(story, comment="My careful <b>thoughts</b>", name="Ana", email="not-an-address")

    content = response.content.decode()
    assert "Please enter a valid email address." in content
    assert "My careful &lt;b&gt;thoughts&lt;/b&gt;</textarea>" in content
    assert 'value="Ana"' in content


def test_form_on_the_story_has_csrf_security_hash_and_honeypot(client, story):
    content = client.get(story.get_absolute_url()).content.decode()

    assert 'name="csrfmiddlewaretoken"' in content
    assert 'name="security_hash"' in content
    assert 'name="honeypot"' in content
    assert 'name="url"' not in content


def test_a_post_without_the_csrf_token_is_refused(comment_post, story):
    from django.test import Client

    response = comment_post(story, using=Client(enforce_csrf_checks=True))

    assert response.status_code == 403
    assert not mail.outbox


def test_filled_honeypot_is_refused(comment_post, story):
    response = comment_post(story, honeypot="http://spam.example")

    assert response.status_code == 400
    assert not mail.outbox


def test_tampered_security_hash_is_refused(comment_post, story):
    response = comment_post(story, security_hash="0" * 40)

    assert response.status_code == 400


def test_anonymous_comment_is_stored_only_after_the_email_link(client, comment_post, confirm_link, regular, story):
    response = comment_post(story, email=regular, comment="Worth every penny.")

    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Your comment awaits email confirmation" in page.content.decode()
    assert not ReaderComment.objects.exists() or ReaderComment.objects.count() == 1  # only the regular's
    assert not ReaderComment.objects.filter(comment="Worth every penny.").exists()

    confirmed = client.get(confirm_link(regular))

    assert confirmed.status_code == 302
    comment = ReaderComment.objects.get(comment="Worth every penny.")
    assert comment.is_public


def test_following_the_confirmation_link_twice_creates_one_comment(client, comment_post, confirm_link, story):
    comment_post(story, email="twice@example.org", comment="Said once.")
    link = confirm_link("twice@example.org")

    client.get(link)
    client.get(link)

    assert ReaderComment.objects.filter(comment="Said once.").count() == 1


def test_confirmation_email_links_use_the_site_domain_and_https(comment_post, story, settings):
    from django.contrib.sites.models import Site

    settings.NEWSROOM_URL_SCHEME = "https"
    Site.objects.filter(pk=settings.SITE_ID).update(domain="news.example.org")
    Site.objects.clear_cache()

    comment_post(story, email="links@example.org")

    message = next(m for m in mail.outbox if "links@example.org" in m.to)
    assert f"https://news.example.org{story.get_absolute_url()}" in message.body
    assert "https://news.example.org/comments/confirm/" in message.body
    assert "example.com" not in message.body and "http://" not in message.body
    html = message.alternatives[0][0]
    assert 'href="https://news.example.org/comments/confirm/' in html


def test_signed_in_reader_comment_skips_confirmation(client, comment_post, reader, regular, story):
    reader.email = regular
    reader.save()
    client.force_login(reader)

    response = comment_post(story, name="Rea", email="", comment="Straight in.")

    comment = ReaderComment.objects.get(comment="Straight in.")
    assert comment.is_public and comment.user == reader and comment.user_email == regular
    assert response.status_code == 302
    assert not [m for m in mail.outbox if regular in m.to]


def test_second_comment_from_the_same_email_within_15_seconds_is_429(comment_post, story):
    comment_post(story, email="fast@example.org", ip="198.51.100.1")
    mail.outbox.clear()

    response = comment_post(story, email="FAST@example.org", ip="198.51.100.2", comment="Another thought.")

    assert response.status_code == 429
    assert response["Retry-After"] == "15"
    assert "You are commenting too quickly" in response.content.decode()
    assert "Another thought.</textarea>" in response.content.decode()
    assert not mail.outbox and not ReaderComment.objects.exists()


def test_second_comment_from_the_same_ip_within_15_seconds_is_429(comment_post, story):
    comment_post(story, email="one@example.org", ip="198.51.100.7")

    response = comment_post(story, email="two@example.org", ip="198.51.100.7")

    assert response.status_code == 429


def test_an_unconfirmed_post_counts_towards_the_limit(comment_post, story):
    first = comment_post(story, email="slow@example.org", ip="198.51.100.8")
    assert first.status_code == 302 and not ReaderComment.objects.exists()

    assert comment_post(story, email="slow@example.org", ip="198.51.100.9").status_code == 429


def test_limit_follows_the_interval_setting(comment_post, story, settings):
    settings.NEWSROOM_COMMENTS_MIN_INTERVAL = 0  # cache.add with timeout 0 stores nothing

    comment_post(story, email="calm@example.org", ip="198.51.100.10")

    assert comment_post(story, email="calm@example.org", ip="198.51.100.10").status_code == 302


def test_client_ip_comes_from_the_proxy_header_when_configured(comment_post, story, settings):
    settings.NEWSROOM_TRUSTED_PROXIES = 1
    comment_post(story, email="a@example.org", ip="10.0.0.1", meta={"HTTP_X_FORWARDED_FOR": "203.0.113.5"})

    other_reader = comment_post(story, email="b@example.org", ip="10.0.0.1", meta={"HTTP_X_FORWARDED_FOR": "203.0.113.6"})
    same_reader = comment_post(
        story, email="c@example.org", ip="10.0.0.1", meta={"HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.5"}
    )

    assert other_reader.status_code == 302
    assert same_reader.status_code == 429


def test_same_text_twice_on_the_same_story_is_refused(comment_post, story):
    comment_post(story, comment="First!  Great   story.")

    response = comment_post(story, comment="first! great story.")

    assert response.status_code == 409
    assert "This exact comment has already been posted on this story." in response.content.decode()


def test_same_text_as_a_stored_comment_is_refused(comment_post, story):
    CommentFactory(content_object=story, comment="Old news.")

    assert comment_post(story, comment="Old news.").status_code == 409


def test_same_text_on_another_story_is_accepted(comment_post, story):
    comment_post(story, comment="Well reported.")

    assert comment_post(ArticleFactory(), comment="Well reported.").status_code == 302


def test_reply_beyond_two_levels_is_a_400_with_a_message(comment_post, story):
    top = CommentFactory(content_object=story)
    reply = CommentFactory(parent=top)
    reply_to_reply = CommentFactory(parent=reply)
    assert reply_to_reply.level == 2

    response = comment_post(story, reply_to=reply_to_reply.pk)

    assert response.status_code == 400
    assert "Replies cannot go deeper than this one" in response.content.decode()
    assert ReaderComment.objects.count() == 3


def test_reply_depth_follows_the_xtd_setting(comment_post, story, settings):
    # xtd caches its settings; comments.apps.reset_xtd_settings makes this change reach it.
    settings.COMMENTS_XTD_MAX_THREAD_LEVEL_BY_APP_MODEL = {"articles.article": 1}
    reply = CommentFactory(parent=CommentFactory(content_object=story))

    assert comment_post(story, reply_to=reply.pk).status_code == 400


def test_reply_two_levels_down_is_accepted(client, comment_post, confirm_link, story):
    reply = CommentFactory(parent=CommentFactory(content_object=story))
    CommentFactory(content_object=story, user_email="deep@example.org")

    comment_post(story, reply_to=reply.pk, email="deep@example.org", comment="Level two.")
    client.get(confirm_link("deep@example.org"))

    assert ReaderComment.objects.get(comment="Level two.").level == 2


def test_reply_page_for_the_deepest_comment_is_403(client, story):
    deepest = CommentFactory(parent=CommentFactory(parent=CommentFactory(content_object=story)))

    assert client.get(reverse("comments-xtd-reply", args=[deepest.pk])).status_code == 403


def test_reply_page_hides_held_comments(client, story):
    held = CommentFactory(content_object=story, is_public=False, comment="Not for readers yet")

    response = client.get(reverse("comments-xtd-reply", args=[held.pk]))

    assert response.status_code == 404


def test_reply_page_of_a_closed_story_shows_no_form(client):
    story = ArticleFactory(comment_mode=CommentMode.CLOSED)
    comment = CommentFactory(content_object=story)

    content = client.get(reverse("comments-xtd-reply", args=[comment.pk])).content.decode()

    assert "Comments are closed on this story." in content and 'name="security_hash"' not in content


def test_reply_to_a_comment_on_another_story_is_refused(comment_post, story):
    elsewhere = CommentFactory()

    assert comment_post(story, reply_to=elsewhere.pk).status_code == 400


def test_comments_on_an_unpublished_story_are_refused(comment_post, story):
    Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)

    assert comment_post(story).status_code == 404
    assert not mail.outbox


def test_comments_only_on_stories(client, comment_post, story, reader):
    response = comment_post(story, content_type="auth.user", object_pk=reader.pk)

    assert response.status_code == 400


@pytest.mark.parametrize(
    ("section_mode", "story_mode", "open_"),
    [
        (CommentMode.OPEN, "", True),
        (CommentMode.CLOSED, "", False),
        (CommentMode.CLOSED, CommentMode.OPEN, True),
        (CommentMode.OPEN, CommentMode.CLOSED, False),
    ],
)
def test_comment_mode_comes_from_the_story_or_its_section(client, comment_post, section_mode, story_mode, open_):
    story = ArticleFactory(section=SectionFactory(comment_mode=section_mode), comment_mode=story_mode)

    response = comment_post(story)
    page = client.get(story.get_absolute_url()).content.decode()

    assert (response.status_code == 302) is open_
    if not open_:
        assert response.status_code == 403
        assert "Comments are closed on this story." in page
        assert 'name="security_hash"' not in page


def test_comments_close_14_days_after_publishing(client, comment_post):
    now = timezone.now()
    old = ArticleFactory(publish_at=now - timedelta(days=14, minutes=1))
    recent = ArticleFactory(publish_at=now - timedelta(days=13, hours=23))

    assert comment_post(old).status_code == 403
    assert comment_post(recent).status_code == 302
    closed_on = timezone.localtime(old.publish_at + timedelta(days=14)).strftime("%-d %B %Y")
    assert f"Comments on this story closed on {closed_on}." in client.get(old.get_absolute_url()).content.decode()


def test_a_story_can_keep_comments_open_longer(comment_post, settings):
    story = ArticleFactory(publish_at=timezone.now() - timedelta(days=20), comments_close_after_days=30)

    assert comment_post(story).status_code == 302
    settings.NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS = 3
    assert comment_post(ArticleFactory(publish_at=timezone.now() - timedelta(days=4))).status_code == 403

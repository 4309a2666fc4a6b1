"""Readers' reports of comments: every reader may report, once per comment; enough reports
send a comment back to the queue; hidden comments cannot be reported; the form's errors."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from comments.models import CommentReport, ModerationDecision, ModerationReason, ReaderComment
from comments.services import address_digest, comment_approve, comment_report
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


def flag_url(comment):
    return reverse("comments-flag", args=[comment.pk])


@pytest.fixture
def comment(story):
    """A public comment on a public story."""
    return CommentFactory(content_object=story, comment="Harbour fees should pay for this.")


def send(client, comment, ip="192.0.2.10", **data):
    data.setdefault("reason", "spam")
    return client.post(flag_url(comment), data, REMOTE_ADDR=ip)


def test_an_anonymous_reader_sees_the_form_with_every_reason(client, comment):
    response = client.get(flag_url(comment))

    page = response.content.decode()
    assert response.status_code == 200
    for label in ("Spam", "Abuse or harassment", "Off-topic", "Other"):
        assert f">{label}</label>" in page
    assert 'type="radio" name="reason"' in page and "Harbour fees should pay for this." in page
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_an_anonymous_report_is_stored_with_a_digest_of_the_address_and_thanked(client, comment):
    response = send(client, comment, ip="2001:db8:1:2::5", reason="off_topic")
    thanks = client.get(response["Location"])

    report = CommentReport.objects.get()
    assert response.status_code == 302
    assert (report.comment_id, report.reason, report.user) == (comment.pk, "off_topic", None)
    assert report.address_digest == address_digest("2001:db8:1:2::ffff")  # the same /64
    assert "2001:db8" not in report.address_digest
    assert "Thank you: a moderator will look at it." in thanks.content.decode()
    assert comment.content_object.get_absolute_url() in thanks.content.decode()


def test_a_signed_in_report_is_stored_with_the_account(client, reader, comment):
    client.force_login(reader)

    send(client, comment, reason="abuse")

    assert CommentReport.objects.get().user == reader


def test_reporting_twice_counts_once_and_still_thanks(client, reader, comment):
    first = send(client, comment, ip="198.51.100.1")
    again = send(client, comment, ip="198.51.100.1", reason="other", note="Still wrong.")
    client.force_login(reader)
    send(client, comment)
    send(client, comment, ip="203.0.113.99")

    assert first.status_code == again.status_code == 302
    assert CommentReport.objects.count() == 2
    assert ReaderComment.objects.with_open_reports().get(pk=comment.pk).open_reports == 2


def test_the_same_ipv6_64_counts_as_one_anonymous_reader(client, comment):
    send(client, comment, ip="2001:db8:9:9::1")
    send(client, comment, ip="2001:db8:9:9:ffff::2")

    assert CommentReport.objects.count() == 1


def test_three_reports_from_any_readers_send_a_comment_back_to_pending(client, reader, comment):
    send(client, comment, ip="198.51.100.1")
    send(client, comment, ip="198.51.100.2")
    comment.refresh_from_db()
    assert comment.is_public

    client.force_login(reader)
    send(client, comment, ip="198.51.100.1")

    comment.refresh_from_db()
    assert not comment.is_public and not comment.is_removed
    assert ModerationReason.objects.get(comment=comment).code == ModerationReason.Code.REPORTED
    decision = ModerationDecision.objects.get(comment=comment)
    assert (decision.action, decision.by, decision.was_public) == ("held", None, True)


def test_a_reader_who_reported_before_an_approval_may_report_again(moderator, comment):
    for n in range(3):
        comment_report(comment=comment, reason="spam", ip_address=f"198.51.100.{n}")
    comment_approve(comment=ReaderComment.objects.get(pk=comment.pk), by=moderator)

    again = comment_report(comment=comment, reason="abuse", ip_address="198.51.100.0")
    repeat = comment_report(comment=comment, reason="abuse", ip_address="198.51.100.0")

    assert again.counted and not repeat.counted
    assert ReaderComment.objects.with_open_reports().get(pk=comment.pk).open_reports == 1


@pytest.mark.parametrize("data, field, message", [
    ({}, "reason", "Please choose why you are reporting this comment."),
    ({"reason": "boring"}, "reason", "Please choose why you are reporting this comment."),
    ({"reason": "other", "note": "   "}, "note", "Please say in a few words what is wrong with this comment."),
    ({"reason": "spam", "note": "x" * 501}, "note", "Please keep your note under 500 characters."),
])
def test_bad_reports_get_field_errors_and_store_nothing(client, comment, data, field, message):
    response = client.post(flag_url(comment), data)

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message in response.content.decode()
    assert not CommentReport.objects.exists()


def test_other_with_a_note_is_stored(client, comment):
    send(client, comment, reason="other", note="Copies a post from another site word for word.")

    assert CommentReport.objects.get().note == "Copies a post from another site word for word."


def test_reports_are_limited_per_address_with_the_429_page(client, story, settings):
    settings.NEWSROOM_RATE_LIMITS = {**settings.NEWSROOM_RATE_LIMITS, "comment_reports": ["3/h"]}
    comments = CommentFactory.create_batch(4, content_object=story)

    statuses = [send(client, comment, ip="203.0.113.7").status_code for comment in comments]
    refused = send(client, comments[0], ip="203.0.113.7")
    other = send(client, comments[3], ip="203.0.113.8")

    assert statuses == [302, 302, 302, 429]
    assert refused.status_code == 429 and "Please slow down" in refused.content.decode()
    assert "Your last report was not sent" in refused.content.decode() and int(refused["Retry-After"]) >= 1
    assert other.status_code == 302
    assert CommentReport.objects.count() == 4
    # Showing the form is not counted.
    assert client.get(flag_url(comments[1]), REMOTE_ADDR="203.0.113.7").status_code == 200


def hidden_comments(story):
    hidden_story = ArticleFactory(status="draft", publish_at=None)
    return {
        "pending": CommentFactory(content_object=story, is_public=False),
        "removed": CommentFactory(content_object=story, is_removed=True),
        "on a hidden story": CommentFactory(content_object=hidden_story),
    }


def test_hidden_comments_cannot_be_reported_and_look_like_missing_ones(client, story):
    nobody = ReaderComment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for name, hidden in {**hidden_comments(story), "missing": SimpleNamespace(pk=nobody + 999)}.items():
        for response in (client.get(flag_url(hidden)), send(client, hidden)):
            assert response.status_code == 404, name
            assert "Comment number" not in response.content.decode()
    assert not CommentReport.objects.exists()


@pytest.mark.parametrize("path", ["/comments/flag/0/", "/comments/flag/99999999999999999999/",
                                  "/comments/flag/-1/", "/comments/flag/abc/", "/comments/flag/1.json"])
def test_forged_comment_ids_get_a_404_and_store_nothing(client, comment, path):
    assert client.post(path, {"reason": "spam"}).status_code == 404
    assert not CommentReport.objects.exists()


def test_a_report_form_post_without_csrf_token_is_refused(comment):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(flag_url(comment), {"reason": "spam"})

    assert response.status_code == 403 and not CommentReport.objects.exists()


def test_the_cached_story_page_has_the_same_report_link_for_every_reader(client, story, comment):
    first = client.get(story.get_absolute_url())
    client.get(flag_url(comment))  # visiting the form leaves the cached page alone
    second = client.get(story.get_absolute_url())

    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert f'<a href="{flag_url(comment)}" rel="nofollow">Report' in second.content.decode()


def test_reports_made_as_flags_before_migration_become_reports(comment):
    """The data migration's function on the current schema: a SUGGEST_REMOVAL flag becomes a
    report with the reason "other", at the flag's time."""
    import importlib

    from django.apps import apps
    from django_comments.models import CommentFlag

    flagger = UserFactory()
    flag = CommentFlag.objects.create(comment=comment, user=flagger, flag=CommentFlag.SUGGEST_REMOVAL)
    CommentFlag.objects.create(comment=comment, user=flagger, flag=CommentFlag.MODERATOR_APPROVAL)

    importlib.import_module("comments.migrations.0004_reports_from_flags").copy_flags(apps, None)

    report = CommentReport.objects.get()
    assert (report.comment_id, report.user, report.reason, report.created_at) == (
        comment.pk, flagger, "other", flag.flag_date)


def test_the_report_that_takes_a_comment_down_refreshes_the_cached_story_page(client, story, comment):
    from django.test import Client

    reader = Client()
    assert comment.comment in reader.get(story.get_absolute_url()).content.decode()
    send(client, comment, ip="198.51.100.1")
    send(client, comment, ip="198.51.100.2")
    still = reader.get(story.get_absolute_url())
    assert still["X-Page-Cache"] == "hit" and comment.comment in still.content.decode()  # reports alone change no page

    send(client, comment, ip="198.51.100.3")

    after = reader.get(story.get_absolute_url())
    assert after["X-Page-Cache"] == "miss" and comment.comment not in after.content.decode()

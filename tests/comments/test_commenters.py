"""What moderators decide about a commenter (trust, pre-moderate, ban, reset) and how the
next comment from that address is treated; commenter_records for the moderation desk."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from comments.models import Commenter, CommenterDecision, ModerationReason, PendingComment, ReaderComment
from comments.moderation import BANNED
from comments.services import (
    commenter_ban,
    commenter_premoderate,
    commenter_records,
    commenter_reset,
    commenter_trust,
)
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

Reason = ModerationReason.Code


@pytest.fixture(autouse=True)
def no_interval(settings):
    """No per-poster interval: these tests post several comments from one address quickly."""
    settings.NEWSROOM_COMMENTS_MIN_INTERVAL = 0


@pytest.fixture
def post_and_confirm(client, comment_post, confirm_link):
    """Post a comment as an anonymous reader and follow its confirmation link (none when this
    browser confirmed the address before); returns the story page the reader lands on."""

    def post(article, **fields):
        response = comment_post(article, **fields)
        assert response.status_code == 302, response.content.decode()
        if response["Location"].startswith(reverse("comments-xtd-sent")):
            return client.get(confirm_link(fields["email"]), follow=True)
        return client.get(response["Location"], follow=True)  # confirmed once in this browser

    return post


def reasons_of(text):
    return {reason.code for reason in ReaderComment.objects.get(comment=text).moderation_reasons.all()}


def test_a_trusted_commenters_first_comment_skips_the_first_comment_hold(post_and_confirm, moderator, story):
    decision = commenter_trust(email="New.Reader@Example.org", by=moderator, note="Known local historian.")

    post_and_confirm(story, email="new.reader@example.org", comment="My first words here.")

    assert ReaderComment.objects.get(comment="My first words here.").is_public
    assert (decision.commenter.email, decision.status, decision.by, decision.note) == (
        "new.reader@example.org", Commenter.Status.TRUSTED, moderator, "Known local historian.")


def test_trust_skips_only_the_first_comment_rule(post_and_confirm, moderator, story):
    commenter_trust(email="new@example.org", by=moderator)

    post_and_confirm(story, email="new@example.org", comment="See https://a.example and https://b.example")

    assert reasons_of("See https://a.example and https://b.example") == {Reason.LINKS}


def test_a_premoderated_commenters_next_comment_is_held_with_its_reason(post_and_confirm, moderator, regular, story):
    commenter_premoderate(email=regular, by=moderator, note="Three removals this week.")

    response = post_and_confirm(story, email=regular, comment="Another one of my takes.")

    comment = ReaderComment.objects.get(comment="Another one of my takes.")
    assert not comment.is_public
    assert reasons_of("Another one of my takes.") == {Reason.COMMENTER_PREMODERATED}
    assert "A moderator reads every comment from your email address" in response.content.decode()


def test_a_premoderated_signed_in_readers_comment_is_held(client, comment_post, moderator, reader, story):
    reader.email = "reader@example.org"
    reader.save()
    CommentFactory(content_object=story, user_email="reader@example.org")
    commenter_premoderate(email="reader@example.org", by=moderator)
    client.force_login(reader)

    comment_post(story, email="", comment="Signed in and watched.")

    assert reasons_of("Signed in and watched.") == {Reason.COMMENTER_PREMODERATED}


def test_a_banned_email_is_refused_with_the_message_and_nothing_is_stored(comment_post, moderator, regular, story):
    commenter_ban(email=regular, by=moderator, note="Threats against another reader.")

    response = comment_post(story, email="Regular@Example.org", comment="Let me back in.")

    assert response.status_code == 403
    assert BANNED in response.content.decode()
    assert not ReaderComment.objects.filter(comment="Let me back in.").exists()
    assert not PendingComment.objects.exists()


def test_a_ban_with_an_ip_refuses_other_emails_from_the_same_ipv6_64(comment_post, moderator, regular, story):
    commenter_ban(email=regular, by=moderator, ip_address="2001:db8:5:6::17")

    same_network = comment_post(story, email="fresh@example.org", ip="2001:db8:5:6:abcd::99", comment="A new me.")
    other_network = comment_post(story, email="other@example.org", ip="2001:db8:5:7::1", comment="Someone else.")

    assert same_network.status_code == 403 and BANNED in same_network.content.decode()
    assert other_network.status_code == 302
    assert Commenter.objects.get(email=regular).banned_address == "2001:db8:5:6::"
    assert not PendingComment.objects.filter(fields__comment="A new me.").exists()


def test_a_ban_without_ip_refuses_only_the_email(comment_post, moderator, regular, story):
    commenter_ban(email=regular, by=moderator)

    assert comment_post(story, email="fresh@example.org", ip="192.0.2.200").status_code == 302


def test_a_commenter_banned_before_confirming_is_refused_at_confirmation(client, comment_post, confirm_link, moderator,
                                                                         regular, story):
    comment_post(story, email=regular, comment="Posted before the ban.")
    commenter_ban(email=regular, by=moderator)

    response = client.get(confirm_link(regular))
    again = client.get(confirm_link(regular))

    assert response.status_code == 403 and BANNED in response.content.decode()
    assert again.status_code == 403
    assert not ReaderComment.objects.filter(comment="Posted before the ban.").exists()


def test_reset_brings_a_banned_commenter_back_to_the_usual_rules(post_and_confirm, moderator, regular, story):
    commenter_ban(email=regular, by=moderator, ip_address="198.51.100.4")

    decision = commenter_reset(email=regular, by=moderator, note="Appeal accepted.")
    post_and_confirm(story, email=regular, ip="198.51.100.4", comment="Thanks for having me back.")

    assert ReaderComment.objects.get(comment="Thanks for having me back.").is_public
    assert (decision.previous_status, decision.status) == (Commenter.Status.BANNED, Commenter.Status.NORMAL)
    assert Commenter.objects.get(email=regular).banned_address == ""


def test_every_commenter_decision_is_logged_with_who_and_why(moderator):
    commenter_trust(email="a@example.org", by=moderator, note="one")
    commenter_premoderate(email="A@example.org", by=moderator, note="two")
    commenter_ban(email="a@example.org", by=moderator, ip_address="203.0.113.9", note="three")

    log = list(CommenterDecision.objects.values_list("status", "previous_status", "banned_address", "by", "note"))
    assert log == [
        ("trusted", "normal", "", moderator.pk, "one"),
        ("premoderated", "trusted", "", moderator.pk, "two"),
        ("banned", "premoderated", "203.0.113.9", moderator.pk, "three"),
    ]
    assert Commenter.objects.count() == 1


def test_a_ban_refuses_a_bad_ip_address_in_words(moderator):
    with pytest.raises(ValidationError, match="not an IP address"):
        commenter_ban(email="a@example.org", by=moderator, ip_address="not-an-ip")
    assert not Commenter.objects.exists()


def test_a_ban_removes_nothing_by_itself(moderator, story):
    comment = CommentFactory(content_object=story, user_email="troll@example.org")

    commenter_ban(email="troll@example.org", by=moderator)

    comment.refresh_from_db()
    assert comment.is_public and not comment.is_removed


def test_commenter_records_count_each_addresses_comments(moderator, story):
    first = CommentFactory(content_object=story, user_email="Ana@example.org")
    CommentFactory(content_object=story, user_email="ana@example.org", is_removed=True)
    CommentFactory(content_object=story, user_email="ana@example.org", is_public=False)
    commenter_trust(email="ana@example.org", by=moderator)

    records = commenter_records(["ANA@example.org", "nobody@example.org"])

    ana = records["ana@example.org"]
    assert (ana.approved, ana.removed, ana.pending, ana.status) == (1, 1, 1, Commenter.Status.TRUSTED)
    assert ana.first_seen == first.submit_date and ana.status_label.startswith("trusted")
    nobody = records["nobody@example.org"]
    assert (nobody.approved, nobody.removed, nobody.pending, nobody.first_seen, nobody.status) == (
        0, 0, 0, None, Commenter.Status.NORMAL)


def test_commenter_records_take_the_same_queries_for_100_emails(django_assert_num_queries, moderator, story):
    emails = [f"reader{n}@example.org" for n in range(100)]
    for n, email in enumerate(emails):
        CommentFactory(content_object=story, user_email=email, is_public=n % 2 == 0)
        if n % 10 == 0:
            commenter_premoderate(email=email, by=moderator)

    with django_assert_num_queries(2):
        records = commenter_records(emails)

    assert len(records) == 100
    assert sum(record.pending for record in records.values()) == 50
    assert sum(record.status == "premoderated" for record in records.values()) == 10


@pytest.mark.parametrize("action", [commenter_trust, commenter_premoderate, commenter_ban, commenter_reset])
def test_only_moderators_may_decide_about_commenters(action, reader, editor):
    for who in (reader, editor, None):
        with pytest.raises(PermissionDenied):
            action(email="a@example.org", by=who)
    assert not Commenter.objects.exists()


def test_a_banned_signed_in_reader_is_refused_too(client, comment_post, moderator, reader, story):
    reader.email = "reader@example.org"
    reader.save()
    commenter_ban(email="reader@example.org", by=moderator)
    client.force_login(reader)

    response = comment_post(story, email="", comment="Signed in and banned.")

    assert response.status_code == 403 and BANNED in response.content.decode()
    assert not ReaderComment.objects.filter(comment="Signed in and banned.").exists()

"""Issue 12, finding 6: the comment form must not make the site a mail relay.

An anonymous POST chooses the recipient of the confirmation email; it used to choose the
greeting and 3,000 characters quoted in it too, with limits per exact IP address only.
"""

import pytest
from django.core import mail

from comments.models import ReaderComment
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

SPAM_NAME = "Prize Desk of MegaLottery"
SPAM_TEXT = "You won 1,000,000 EUR! Claim it now at http://claim-prize.example/now"


@pytest.fixture
def quick_posts(settings):
    """No 15-second interval between posts: these tests post quickly to one address."""
    settings.NEWSROOM_COMMENTS_MIN_INTERVAL = 0


def mails_to(address):
    return [message for message in mail.outbox if address in message.to]


def test_the_confirmation_mail_quotes_neither_the_name_nor_the_text(comment_post, story):
    comment_post(story, email="victim@example.org", name=SPAM_NAME, comment=SPAM_TEXT)

    (message,) = mails_to("victim@example.org")
    html = message.alternatives[0][0]
    for part in (message.subject, message.body, html):
        assert SPAM_NAME not in part and "MegaLottery" not in part
        assert "claim-prize" not in part and "1,000,000" not in part
    assert "Harbour plan unveiled" in message.body and "/comments/confirm/" in message.body
    assert "If you did not write a comment, ignore this" in message.body
    assert "If you did not write a comment, ignore this" in html


def test_confirmation_mails_to_one_address_are_capped_per_hour(comment_post, story, settings, quick_posts):
    settings.NEWSROOM_RATE_LIMITS = {**settings.NEWSROOM_RATE_LIMITS, "confirmation_mails_to_address": ["2/h"]}

    answers = [comment_post(story, email="Victim@Example.org" if n else "victim@example.org",
                            comment=f"Thought {n}.").status_code for n in range(3)]
    elsewhere = comment_post(story, email="someone@example.org")

    assert answers == [302, 302, 429]
    assert len(mails_to("victim@example.org")) + len(mails_to("Victim@Example.org")) == 2
    assert elsewhere.status_code == 302 and len(mails_to("someone@example.org")) == 1


def test_a_refused_confirmation_mail_keeps_the_readers_text_and_loses_nothing(comment_post, story, settings, quick_posts):
    settings.NEWSROOM_RATE_LIMITS = {**settings.NEWSROOM_RATE_LIMITS, "confirmation_mails_to_address": ["1/h"]}
    comment_post(story, email="busy@example.org", comment="The first one.")

    response = comment_post(story, email="busy@example.org", comment="My careful second thought.")
    settings.NEWSROOM_RATE_LIMITS = {**settings.NEWSROOM_RATE_LIMITS, "confirmation_mails_to_address": ["5/h"]}
    later = comment_post(story, email="busy@example.org", comment="My careful second thought.")

    content = response.content.decode()
    assert response.status_code == 429 and response["Retry-After"]
    assert "We have already sent several confirmation emails to this address" in content
    assert "My careful second thought.</textarea>" in content
    assert later.status_code == 302  # not refused as a duplicate: the refused post was not counted
    assert len(mails_to("busy@example.org")) == 2


def test_confirmation_mails_are_capped_site_wide(comment_post, story, settings, quick_posts):
    settings.NEWSROOM_RATE_LIMITS = {**settings.NEWSROOM_RATE_LIMITS, "confirmation_mails": ["3/h"]}

    answers = [comment_post(story, email=f"reader{n}@example.net").status_code for n in range(5)]

    assert answers == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3
    assert not ReaderComment.objects.exists()


def test_the_default_caps_are_set(settings):
    limits = settings.NEWSROOM_RATE_LIMITS
    assert limits["confirmation_mails_to_address"] and limits["confirmation_mails"] and limits["followup_mails_to_address"]


def test_follow_up_mails_to_one_address_are_capped_per_hour(moderator, story, settings):
    from comments.services import comment_approve

    settings.NEWSROOM_RATE_LIMITS = {**settings.NEWSROOM_RATE_LIMITS, "followup_mails_to_address": ["2/h"]}
    CommentFactory(content_object=story, user_email="follower@example.org", followup=True)

    for n in range(4):
        comment_approve(comment=CommentFactory(content_object=story, is_public=False, comment=f"News {n}."), by=moderator)

    assert len(mails_to("follower@example.org")) == 2


# --- IPv6: one client holds a whole /64 ----------------------------------------------


def test_two_ipv6_addresses_in_one_64_share_the_rate_limit(comment_post, story, settings, quick_posts):
    settings.NEWSROOM_RATE_LIMITS = {**settings.NEWSROOM_RATE_LIMITS, "comments": ["2/h"]}

    answers = [comment_post(story, ip=ip).status_code
               for ip in ["2001:db8:1:2::1", "2001:db8:1:2:aaaa::5", "2001:db8:1:2:ffff:ffff:ffff:ffff"]]
    next_64 = comment_post(story, ip="2001:db8:1:3::1")

    assert answers == [302, 302, 429]
    assert next_64.status_code == 302


def test_two_ipv6_addresses_in_one_64_share_the_15_second_interval(comment_post, story):
    first = comment_post(story, ip="2001:db8:7:8::1", email="one@example.org")

    second = comment_post(story, ip="2001:db8:7:8:1234::9", email="two@example.org")

    assert first.status_code == 302 and second.status_code == 429


def test_two_ipv6_addresses_in_one_64_share_the_confirmation_link_limit(client, story, settings):
    settings.NEWSROOM_RATE_LIMITS = {**settings.NEWSROOM_RATE_LIMITS, "comment_links": ["2/h"]}

    answers = [client.get(f"/comments/confirm/guess{n}/", REMOTE_ADDR=f"2001:db8:9:9::{n + 1}").status_code
               for n in range(3)]

    assert answers == [404, 404, 429]


def test_ipv6_sign_in_failures_in_one_64_count_together(client):
    from tests.factories import UserFactory

    UserFactory(username="desk", is_staff=True, password="right-password")
    for n in range(5):
        client.post("/admin/login/?next=/admin/", {"username": "desk", "password": "wrong"},
                    REMOTE_ADDR=f"2001:db8:5:5::{n + 1}")

    response = client.post("/admin/login/?next=/admin/", {"username": "desk", "password": "right-password"},
                           REMOTE_ADDR="2001:db8:5:5::99")

    assert response.status_code == 429


@pytest.mark.parametrize(
    ("address", "group"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::"),
        ("2001:DB8:1:2::", "2001:db8:1:2::"),
        ("::ffff:198.51.100.7", "198.51.100.7"),  # an IPv4 client seen through an IPv6 socket
        ("not an address", "not an address"),
        ("", ""),
    ],
)
def test_limits_group_ipv6_addresses_by_64(address, group):
    from newsroom.clientip import address_group

    assert address_group(address) == group

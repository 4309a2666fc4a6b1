"""Issue 18: a reader confirms their address once, lands on their comment, comments again
without an email; meanwhile another reader's browser gets the cached story, which carries
nothing of the first reader's (no cookie, no message, nothing typed into the form)."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.sites.models import Site
from django.core import mail
from playwright.sync_api import expect

from comments.confirmation import CONFIRMED_ADDRESS_COOKIE
from tests.factories import ArticleFactory, CommentFactory


def confirmation_link(address):
    message = next(m for m in reversed(mail.outbox) if address in m.to)
    return re.search(r"https?://\S+/comments/confirm/[^/\s]+/", message.body).group(0)


def axe_violations(page):
    """axe-core's violations on the page, in the light and the dark colour scheme."""
    found = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        found += [f"{scheme}: {v['id']}" for v in Axe().run(page).response["violations"]]
    return found


def send_comment(page, text, name, email):
    page.get_by_label("Your comment", exact=True).fill(text)
    page.get_by_label("Your name", exact=True).fill(name)
    page.get_by_label("Your email address", exact=True).fill(email)
    page.get_by_label("Your email address", exact=True).press("Enter")


@pytest.mark.django_db(transaction=True)
def test_confirm_once_then_comment_again_while_others_get_the_cached_story(live_server, page, browser, settings):
    settings.NEWSROOM_COMMENTS_MIN_INTERVAL = 0  # the second comment comes within seconds
    Site.objects.update_or_create(pk=1, defaults={"domain": live_server.url.removeprefix("http://"), "name": "Newsroom"})
    Site.objects.clear_cache()
    story = ArticleFactory(headline="Night ferry timetable restored")
    CommentFactory(content_object=story, user_email="ines@example.org")  # approved before: not a first comment
    url = live_server.url + story.get_absolute_url()

    # The first comment asks for the email confirmation, with the story's headline in the subject.
    page.goto(url)
    send_comment(page, "The 23:40 crossing matters to shift workers.", "Inès Marlow", "ines@example.org")
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert mail.outbox[-1].subject.startswith("Confirm your comment on “Night ferry timetable restored”")

    # The link: back on the story, on the comment itself, told it is public.
    page.goto(confirmation_link("ines@example.org"))
    page.wait_for_url(re.compile(re.escape(story.get_absolute_url()) + r"#c\d+$"))
    anchor = page.url.rsplit("#", 1)[1]
    expect(page.locator(f"#{anchor}")).to_contain_text("The 23:40 crossing matters to shift workers.")
    expect(page.get_by_role("status")).to_have_text("Thank you: your comment is now public.")
    assert axe_violations(page) == []  # the story with the status box
    cookie = next(c for c in page.context.cookies() if c["name"] == CONFIRMED_ADDRESS_COOKIE)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["path"] == "/comments/"
    assert "ines" not in cookie["value"]

    # Another reader, another browser: the cached story, nothing of Inès's but her public comment.
    other = browser.new_context().new_page()
    other.goto(url)
    cached = other.goto(url)
    assert cached.headers["x-page-cache"] == "hit"
    expect(other.get_by_role("status")).to_have_count(0)
    expect(other.get_by_label("Your name", exact=True)).to_have_value("")
    expect(other.get_by_label("Your email address", exact=True)).to_have_value("")
    assert "ines@example.org" not in other.content()
    assert [c["name"] for c in other.context.cookies()] == ["csrftoken"]

    # Inès comments again: no email this time, straight onto the new comment.
    mail.outbox.clear()
    page.goto(url)
    send_comment(page, "Weekend sailings next, please.", "Inès Marlow", "ines@example.org")
    page.wait_for_url(re.compile(re.escape(story.get_absolute_url()) + r"#c\d+$"))
    new_anchor = page.url.rsplit("#", 1)[1]
    assert new_anchor != anchor
    expect(page.locator(f"#{new_anchor}")).to_contain_text("Weekend sailings next, please.")
    expect(page.get_by_role("status")).to_have_text("Thank you: your comment is now public.")
    assert not mail.outbox

    # The other reader's next copy shows both comments, and still nothing else of hers.
    other.reload()
    expect(other.get_by_text("Weekend sailings next, please.")).to_be_visible()
    expect(other.get_by_role("status")).to_have_count(0)
    expect(other.get_by_label("Your name", exact=True)).to_have_value("")
    assert [c["name"] for c in other.context.cookies()] == ["csrftoken"]
    other.context.close()

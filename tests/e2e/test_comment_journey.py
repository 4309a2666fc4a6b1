import re

import pytest
from django.contrib.sites.models import Site
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from tests.factories import ArticleFactory


def confirmation_link(address):
    message = next(m for m in reversed(mail.outbox) if address in m.to)
    return re.search(r"https?://\S+/comments/confirm/[^/\s]+/", message.body).group(0)


@pytest.mark.django_db(transaction=True)
def test_reader_comments_moderator_approves_reader_replies(live_server, page, browser, moderator):
    # Links in emails use the Sites framework's domain: here, the live server's.
    Site.objects.update_or_create(pk=1, defaults={"domain": live_server.url.removeprefix("http://"), "name": "Newsroom"})
    Site.objects.clear_cache()
    story = ArticleFactory(headline="Library opening hours extended")

    # An empty form: the reader's own words come back for each field.
    page.goto(live_server.url + story.get_absolute_url())
    page.get_by_role("button", name="Send comment").click()
    for field, message in [("comment", "Please enter your comment."), ("name", "Please enter your name."),
                           ("email", "Please enter a valid email address.")]:
        expect(page.locator(f"#id_{field}_error")).to_have_text(message)  # under the field
        expect(page.locator(".error-summary").get_by_role("link", name=message)).to_be_visible()

    # A real comment awaits email confirmation.
    page.get_by_label("Your comment").fill("Evening hours will help students.\nThank you!")
    page.get_by_label("Your name").fill("Priya <Reader>")
    page.get_by_label("Your email address").fill("priya@example.org")
    page.get_by_role("button", name="Send comment").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    expect(page.get_by_text("Your comment awaits email confirmation")).to_be_visible()

    # The link from the email: back on the story, where a first comment is held, and why.
    page.goto(confirmation_link("priya@example.org"))
    page.wait_for_url(f"**{story.get_absolute_url()}#comment-status")
    status = page.get_by_role("status")
    expect(status).to_contain_text("Your comment is held for review")
    expect(status).to_contain_text("It is the first comment from your email address")
    page.goto(live_server.url + story.get_absolute_url())
    expect(page.get_by_text("Evening hours will help students.")).to_have_count(0)

    # The moderator approves it in the admin's moderation queue.
    desk = browser.new_context().new_page()
    desk.goto(live_server.url + "/admin/comments/readercomment/")
    desk.get_by_label("Username").fill(moderator.username)
    desk.get_by_label("Password").fill("pw")  # UserFactory's password
    desk.get_by_role("button", name="Log in").click()
    row = desk.get_by_role("row").filter(has_text="Evening hours will help students.")
    expect(row.get_by_text("first comment from this email")).to_be_visible()
    row.get_by_role("checkbox").check()
    desk.locator("select[name=action]").select_option(label="Approve selected comments")
    desk.get_by_label("Note (optional)").fill("Welcome aboard")
    desk.get_by_role("button", name="Go").click()
    expect(desk.get_by_text("1 comment approved.")).to_be_visible()
    desk.context.close()

    # The reader sees the comment on the story, as text, and replies to it.
    page.goto(live_server.url + story.get_absolute_url())
    comment = page.get_by_role("article").filter(has_text="Evening hours will help students.")
    expect(comment.get_by_role("heading", name="Priya <Reader>")).to_be_visible()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", comment.locator("time").get_attribute("datetime"))
    cache.clear()  # the reply comes sooner than the 15-second limit allows in real life
    comment.get_by_role("link", name="Reply to Priya <Reader>").click()
    page.get_by_label("Your comment").fill("Agreed, and weekends too.")
    page.get_by_label("Your name").fill("Priya <Reader>")
    page.get_by_label("Your email address").fill("priya@example.org")
    page.get_by_role("button", name="Send comment").click()

    # Confirmed once in this browser: no second email, straight onto the reply.
    page.wait_for_url(re.compile(re.escape(story.get_absolute_url()) + r"#c\d+$"))
    expect(page.get_by_role("status")).to_have_text("Thank you: your comment is now public.")
    reply = page.get_by_role("article").filter(has_text="Agreed, and weekends too.")
    expect(reply.get_by_role("heading", level=4, name="Priya <Reader>")).to_be_visible()
    expect(page.get_by_role("heading", name="Comments (2)")).to_be_visible()

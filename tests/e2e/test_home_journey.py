"""The admin's home and the editorial calendar in Chromium: the editor finds the story
waiting for review and opens it; the writer reads the editor's note; both at 390 px."""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from articles import services
from articles.home import week_start
from articles.models import Article
from tests.e2e.conftest import admin_page
from tests.factories import ArticleFactory

SCREENSHOTS = "/tmp"  # looked at by hand: home and calendar at 1400 and 390 px
AXE = Axe()


@pytest.fixture
def demo_like(writer, editor):
    """As the demo: the writer's story in review, another sent back with a note, one going
    live later today under embargo."""
    now = timezone.now()
    review = ArticleFactory(headline="Volunteer spotters to join the northern air-watch network",
                            status=Article.Status.DRAFT, publish_at=None, created_by=writer,
                            bylines=[writer.author_profile])
    services.article_submit(article=review, by=writer)
    back = ArticleFactory(headline="Allies weigh a shared stock of spare parts", status=Article.Status.DRAFT,
                          publish_at=None, created_by=writer, bylines=[writer.author_profile])
    services.article_submit(article=back, by=writer)
    services.article_request_changes(article=back, by=editor,
                                     note="The 40 per cent figure needs a second source.")
    soon = min(now + timedelta(hours=2), week_start(now) + timedelta(days=7, seconds=-30))  # this week's calendar
    ArticleFactory(headline="Research council report on drones", publish_at=soon, embargo_until=soon)
    return {"review": review, "back": back}


def _no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _violations(page, selector):
    results = AXE.run(page, context=selector)
    return [f"{v['id']}: {[node['target'] for node in v['nodes']][:3]}" for v in results.response["violations"]]


@pytest.mark.django_db(transaction=True)
def test_the_editor_opens_the_story_awaiting_review_from_the_home_page(live_server, browser, editor, demo_like):
    page = admin_page(browser, live_server, editor, viewport={"width": 1400, "height": 900})
    page.wait_for_load_state("load")

    review = page.get_by_role("region", name="Awaiting your review · 1")
    expect(review).to_be_visible()
    expect(review.get_by_role("row").nth(1)).to_contain_text("Wendy Writer")
    expect(page.get_by_role("region", name="Under embargo · 1")).to_contain_text("Embargo until")
    assert _violations(page, ".home-panels") == []
    page.screenshot(path=f"{SCREENSHOTS}/home-editor-1400.png", full_page=True)

    review.get_by_role("link", name=demo_like["review"].headline).click()

    page.wait_for_url(f"**/admin/articles/article/{demo_like['review'].pk}/change/")
    expect(page.get_by_label("Headline")).to_have_value(demo_like["review"].headline)
    # The nav sidebar says how many wait, on every admin page.
    expect(page.locator("#nav-sidebar").get_by_role("link", name="Awaiting your review · 1")).to_be_attached()


@pytest.mark.django_db(transaction=True)
def test_at_390_px_the_home_and_the_calendar_fit_the_screen(live_server, browser, editor, writer, demo_like):
    phone = {"viewport": {"width": 390, "height": 844}}
    page = admin_page(browser, live_server, editor, **phone)
    page.wait_for_load_state("load")

    link = page.get_by_role("link", name=demo_like["review"].headline)
    expect(link).to_be_visible()
    assert _no_sideways_scroll(page)
    page.screenshot(path=f"{SCREENSHOTS}/home-editor-390.png", full_page=True)

    # The calendar, reached from the story list, by keyboard from "Next week" and back.
    page.goto(live_server.url + "/admin/articles/article/")
    page.get_by_role("link", name="Calendar", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Editorial calendar, week")
    story = page.locator(".calendar-story", has_text="Research council report on drones")
    expect(story).to_contain_text("Embargo until")
    assert _no_sideways_scroll(page)
    assert _violations(page, ".calendar") == []
    page.screenshot(path=f"{SCREENSHOTS}/calendar-editor-390.png", full_page=True)
    page.get_by_role("link", name="Next week →").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/calendar/?week=*")
    expect(story).to_have_count(0)
    page.get_by_role("link", name="← Previous week").focus()
    page.keyboard.press("Enter")
    expect(story).to_be_visible()
    page.get_by_role("link", name="Month view").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Editorial calendar, ")
    assert _no_sideways_scroll(page)

    writer_page = admin_page(browser, live_server, writer, **phone)
    writer_page.wait_for_load_state("load")
    sent_back = writer_page.get_by_role("region", name="Sent back to you · 1")
    expect(sent_back).to_contain_text("The 40 per cent figure needs a second source.")
    assert _no_sideways_scroll(writer_page)
    writer_page.screenshot(path=f"{SCREENSHOTS}/home-writer-390.png", full_page=True)


@pytest.mark.django_db(transaction=True)
def test_the_editor_sends_a_story_back_from_home_and_bar_and_the_writer_reads_the_note_at_home_and_on_it(
    live_server, browser, editor, writer, mailoutbox
):
    """Issue 17's journey in one go: the editor opens the review from the home page, requests
    changes from the workflow bar by keyboard; the writer is emailed, finds the story under
    "Sent back to you" with the note in full, opens it and reads the note at its top."""
    story = ArticleFactory(headline="Harbour pilots ask for a second tug", status=Article.Status.DRAFT,
                           publish_at=None, created_by=writer, bylines=[writer.author_profile])
    services.article_submit(article=story, by=writer)
    mailoutbox.clear()
    note = "Name the pilots' union and say when the tug was last serviced."

    page = admin_page(browser, live_server, editor, viewport={"width": 1400, "height": 900})
    page.get_by_role("region", name="Awaiting your review · 1").get_by_role("link", name=story.headline).click()
    page.wait_for_url(f"**/admin/articles/article/{story.pk}/change/")
    bar = page.get_by_role("region", name="Workflow")
    field = bar.get_by_label("Note for the writer")
    field.click()
    page.keyboard.type(note)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Request changes"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    story.refresh_from_db()
    assert story.status == Article.Status.CHANGES_REQUESTED
    assert [m.to for m in mailoutbox if m.subject.startswith("Changes requested")] == [[writer.email]]

    home = admin_page(browser, live_server, writer, viewport={"width": 390, "height": 844})
    sent_back = home.get_by_role("region", name="Sent back to you · 1")
    expect(sent_back).to_contain_text(note)
    sent_back.get_by_role("link", name=story.headline).click()
    home.wait_for_url(f"**/admin/articles/article/{story.pk}/change/")
    expect(home.locator(".workflow-state")).to_contain_text(note)
    assert home.locator(".workflow-state").bounding_box()["y"] < 844

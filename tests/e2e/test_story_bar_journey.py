"""The workflow bar (issue 17, item 2): on a long story, at 1400 and 390 px, the editor
scrolls to the end of the form, the bar with the note and the buttons is still in view,
and a request for changes typed there and sent by keyboard reaches the writer at the top
of the page."""

import os

import pytest

from articles import services
from articles.models import Article
from tests.e2e.conftest import admin_page
from tests.factories import ArticleFactory

SCREENSHOTS = os.environ.get("NEWSROOM_SCREENSHOTS", "")
BODY = "".join(
    f"<p>Paragraph {i}: the harbour board met again on the question of the night ferries, and the "
    "minutes run long, with every objection read into the record by the clerk.</p>"
    for i in range(60)
)


def _in_view(page, locator):
    box = locator.bounding_box()
    viewport = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"] + 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width, height", [(1400, 900), (390, 844)], ids=["desktop", "phone"])
def test_editor_requests_changes_from_the_bar_at_the_end_of_a_long_story_and_the_writer_reads_the_note(
    live_server, browser, role_groups, writer, editor, section, width, height
):
    story = ArticleFactory(section=section, status=Article.Status.DRAFT, publish_at=None, created_by=writer,
                           bylines=[writer.author_profile], headline="Night ferries: the long minutes", body=BODY)
    services.article_submit(article=story, by=writer)
    change = f"{live_server.url}/admin/articles/article/{story.pk}/change/"

    as_editor = admin_page(browser, live_server, editor, viewport={"width": width, "height": height})
    as_editor.goto(change)
    bar = as_editor.get_by_role("region", name="Workflow")
    as_editor.mouse.wheel(0, 20000)
    as_editor.wait_for_function("window.scrollY + window.innerHeight >= document.body.scrollHeight - 2")

    assert as_editor.evaluate("window.scrollY") > 2 * height
    assert _in_view(as_editor, bar)
    assert _in_view(as_editor, bar.get_by_role("button", name="Request changes"))
    assert as_editor.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    if width < 768:  # along the bottom on a phone: at the end of the form, the save buttons are above it
        buttons = as_editor.locator("div.submit-row").last.bounding_box()
        assert buttons["y"] + buttons["height"] <= bar.bounding_box()["y"] + 1
    # The review notes come after the form, never behind it (the form's column is a float).
    form_bottom = as_editor.evaluate("document.querySelector('#article_form').getBoundingClientRect().bottom")
    assert as_editor.locator("#review-notes").bounding_box()["y"] >= form_bottom - 1
    if SCREENSHOTS:
        as_editor.screenshot(path=f"{SCREENSHOTS}/story-bar-{width}.png")

    note = bar.get_by_label("Note for the writer")
    note.click()
    note.type("Say when the first ferry leaves.")
    note.press("Tab")
    assert as_editor.evaluate("document.activeElement.textContent") == "Request changes"
    with as_editor.expect_navigation():
        as_editor.keyboard.press("Enter")
    assert "State: Changes requested" in as_editor.content()

    as_writer = admin_page(browser, live_server, writer, viewport={"width": width, "height": height})
    as_writer.goto(change)
    head = as_writer.locator(".workflow-state")
    assert "Say when the first ferry leaves." in head.inner_text()
    assert _in_view(as_writer, head)
    assert as_writer.get_by_role("region", name="Workflow").get_by_role("button", name="Submit for review").is_visible()
    if SCREENSHOTS:
        as_writer.screenshot(path=f"{SCREENSHOTS}/story-bar-writer-{width}.png")

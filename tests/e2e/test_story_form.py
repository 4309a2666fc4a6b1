"""The writer's add form in a browser: the Tags field, the bylines' order by keyboard and
"Submit for review" on the first save."""

import os

import pytest
from playwright.sync_api import expect

from articles.models import Article, Tag
from tests.e2e.conftest import add_tags, admin_page, choose
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

HEADLINE = "Harbour ferries keep their winter timetable"
SCREENSHOTS = os.environ.get("STORY_FORM_SCREENSHOTS", "")


@pytest.mark.django_db(transaction=True)
def test_writer_tags_orders_bylines_and_submits_a_new_story_from_the_add_form(
    live_server, browser, role_groups, writer
):
    SectionFactory(name="Local", slug="local")
    ArticleFactory(tags=["NATO"])  # a public story: its tag is suggested
    AuthorFactory(name="Ana Lind")
    errors = []

    page = admin_page(browser, live_server, writer, viewport={"width": 1280, "height": 900})
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(live_server.url + "/admin/articles/article/add/")
    page.get_by_label("Headline").fill(HEADLINE)
    page.get_by_label("Standfirst").fill("The operator drops its plan to cut the late sailings.")
    body = page.locator("[name=body]")
    if body.count() and body.first.is_visible():  # the body may be a rich-text editor
        body.first.fill("<p>The late sailings stay until March.</p>")
    else:
        page.get_by_role("textbox", name="Body").first.fill("The late sailings stay until March.")
    choose(page, "id_section", "Loc", "Local")
    # Required fields are announced as such, the section's chooser included (named by its label).
    assert page.get_by_label("Headline").get_attribute("required") is not None
    section = page.get_by_role("combobox", name="Section")
    assert section.get_attribute("aria-required") == "true"

    # Tags: "nato" offers NATO; a new name is added with a comma.
    add_tags(page, "nato", "NATO", "Winter timetable")
    assert page.locator(".tag-chip span").all_inner_texts() == ["NATO", "Winter timetable"]
    assert page.get_by_role("button", name="Remove tag NATO").is_visible()

    # Two bylines, then Ana Lind moved up by keyboard: the focus stays on her button.
    choose(page, "id_bylines-0-author", "Wen", "Wendy Writer")
    choose(page, "id_bylines-1-author", "Ana", "Ana Lind")
    down = page.get_by_role("button", name="Move Wendy Writer down")
    down.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Move Wendy Writer down"
    page.keyboard.press("Shift+Tab")  # to Wendy's "up", now on the second row
    page.keyboard.press("Enter")  # back up: Wendy first again
    page.get_by_role("button", name="Move Ana Lind up").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Move Ana Lind up"
    expect(page.locator("#bylines-group [aria-live]")).to_have_text("Ana Lind moved up: now 1 of 2.")
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, "writer-add-filled-1280.png"), full_page=True)

    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url("**/change/")
    assert "State: In review" in page.content()

    story = Article.objects.get(headline=HEADLINE)
    assert story.status == Article.Status.IN_REVIEW
    assert [author.name for author in story.byline_authors] == ["Ana Lind", "Wendy Writer"]
    assert sorted(tag.name for tag in story.tags.all()) == ["NATO", "Winter timetable"]
    assert Tag.objects.filter(name__iexact="nato").count() == 1
    assert not [error for error in errors if "Content Security Policy" in error or "Uncaught" in error]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_add_form_fits_the_screen_for_writers_and_editors(live_server, browser, role_groups, writer, editor,
                                                          width, tmp_path):
    """Nothing of the form is off screen (the bylines' buttons included); screenshots go to
    $STORY_FORM_SCREENSHOTS when set, to look at."""
    SectionFactory(name="Local", slug="local")
    folder = SCREENSHOTS or str(tmp_path)
    for user in (writer, editor):
        page = admin_page(browser, live_server, user, viewport={"width": width, "height": 900})
        page.goto(live_server.url + "/admin/articles/article/add/")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=os.path.join(folder, f"{user.username}-add-{width}.png"), full_page=True)
        page.locator("#bylines-group").screenshot(path=os.path.join(folder, f"{user.username}-bylines-{width}.png"))
        for name in ["Move byline 1 down", "Move byline 2 up", "Submit for review"]:
            box = page.get_by_role("button", name=name).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (user, name, box)
        assert page.get_by_role("combobox", name="Tags").bounding_box()["x"] + 10 < width
        page.context.close()

"""The story form keeps what was typed: autosave, then Restore in another browser."""

import re

import pytest

from articles.models import Article, StoryAutosave
from tests.conftest import staff_in_group
from tests.e2e.conftest import admin_page, choose, close_after_autosave, close_story_page
from tests.factories import ArticleFactory, SectionFactory

HEADLINE = "Lighthouse keepers return to the point"


@pytest.mark.django_db(transaction=True)
def test_typed_add_form_comes_back_in_another_browser_and_saves(live_server, browser, role_groups, writer):
    SectionFactory(name="Coast", slug="coast")

    # Type into the add form; the status says when the copy was kept; leaving warns.
    first = admin_page(browser, live_server, writer)
    first.goto(live_server.url + "/admin/articles/article/add/")
    first.get_by_label("Headline").fill(HEADLINE)
    first.get_by_label("Standfirst").click()
    first.keyboard.type("Two keepers move back in on Monday.")
    first.get_by_role("textbox", name="Body").click()
    first.keyboard.type("The light has been automatic since 1989.")
    choose(first, "id_section", "Coa", "Coast")
    choose(first, "id_bylines-0-author", "Wen", "Wendy Writer")
    close_after_autosave(first)
    copy = StoryAutosave.objects.get(user=writer, article=None)
    assert copy.data["headline"] == [HEADLINE] and not Article.objects.exists()

    # Another browser: the add form says there is a copy, and when; Restore brings it back.
    second = admin_page(browser, live_server, writer)
    second.goto(live_server.url + "/admin/articles/article/add/")
    notice = second.get_by_role("region", name=re.compile("You have unsaved changes"))
    assert re.search(r"You have unsaved changes from \d\d:\d\d \w+ \(autosaved\)", notice.inner_text())
    assert second.get_by_label("Headline").input_value() == ""
    second.get_by_role("button", name="Restore").click()
    second.wait_for_url("**/add/?restore=1")
    assert second.get_by_label("Headline").input_value() == HEADLINE
    assert second.get_by_label("Standfirst").input_value() == "Two keepers move back in on Monday."
    assert second.locator("textarea[name=body]").input_value() == "<p>The light has been automatic since 1989.</p>"
    assert second.get_by_role("textbox", name="Body").inner_text() == "The light has been automatic since 1989."
    assert second.locator("#id_section + .select2").inner_text().strip().endswith("Coast")
    assert "Wendy Writer" in second.locator("#id_bylines-0-author + .select2").inner_text()

    # The save is a normal save (no leave-page warning), and the copy is gone with it.
    second.get_by_role("button", name="Save and continue editing").click()
    second.wait_for_url("**/change/")
    story = Article.objects.get()
    assert (story.headline, story.standfirst, story.section.name) == (HEADLINE, "Two keepers move back in on Monday.",
                                                                      "Coast")
    assert [author.name for author in story.byline_authors] == ["Wendy Writer"]
    assert not StoryAutosave.objects.exists()
    assert "unsaved changes" not in second.content()
    close_story_page(second)


@pytest.mark.django_db(transaction=True)
def test_an_editor_opening_a_story_sees_who_else_is_editing_it(live_server, browser, role_groups, editor, section):
    ana = staff_in_group("ana", "Editor", first_name="Ana", last_name="Editor")
    story = ArticleFactory(section=section, headline=HEADLINE)
    change = f"{live_server.url}/admin/articles/article/{story.pk}/change/"
    as_ana = admin_page(browser, live_server, ana)
    as_ana.goto(change)

    as_editor = admin_page(browser, live_server, editor)
    as_editor.goto(change)

    notice = as_editor.locator("#desk-presence")
    assert re.search(r"Ana Editor is editing this story \(since \d\d:\d\d \w+\)", notice.inner_text())
    assert "is editing" not in as_ana.locator("#desk-presence").inner_text()  # her page loaded first
    # Her next heartbeat (the page sends one when it becomes visible) names the editor.
    as_ana.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    as_ana.locator("#desk-presence", has_text="editor is editing this story").wait_for(timeout=5000)
    close_story_page(as_ana)
    close_story_page(as_editor)

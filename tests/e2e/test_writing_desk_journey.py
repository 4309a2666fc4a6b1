"""The writing desk end to end (issue 14): a writer formats a story with the toolbar and the
shortcuts, pastes from a document, loses the tab, restores the copy in another browser, tags,
orders the bylines and submits; an editor publishes; readers see exactly that formatting."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.conftest import add_tags, admin_page, choose, close_after_autosave, paste_html
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

HEADLINE = "Night ferries run again from Friday"
# Copied from a Google Docs document (its clipboard's text/html).
FROM_GOOGLE_DOCS = (
    '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-0b7e4d1c-7fff-9a2e">'
    '<p dir="ltr" style="line-height:1.38"><span style="font-size:11pt;font-family:Arial;font-weight:700">'
    'Tickets</span><span style="font-weight:400"> cost the same as by </span><span style="font-style:italic">'
    'day</span><span>.</span></p></b>'
)
STORED_BODY = (
    "<p>The late boats <strong>return</strong> this week.</p>"
    "<h2>Timetable</h2>"
    "<ul><li>First boat at midnight</li><li>Last boat at three</li></ul>"
    '<p>See the <a href="https://example.org/ferries" rel="noopener noreferrer">timetable</a></p>'
    "<p><strong>Tickets</strong> cost the same as by <em>day</em>.</p>"
)


@pytest.mark.django_db(transaction=True)
def test_a_writer_formats_restores_tags_orders_and_submits_and_readers_see_that_formatting(
    live_server, browser, role_groups, writer, editor
):
    SectionFactory(name="Coast", slug="coast")
    ArticleFactory(tags=["NATO"])  # a public story: its tag is suggested
    AuthorFactory(name="Ana Lind")
    problems = []

    def watch(page):
        page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        return page

    # The writer types with the shortcuts and the toolbar.
    first = watch(admin_page(browser, live_server, writer))
    first.goto(live_server.url + "/admin/articles/article/add/")
    first.get_by_label("Headline").fill(HEADLINE)
    first.get_by_label("Standfirst").fill("The overnight service returns after a winter without it.")
    choose(first, "id_section", "Coa", "Coast")
    count = first.locator("#id_body_count")
    first.get_by_role("textbox", name="Body").click()
    first.keyboard.type("The late boats ")
    first.keyboard.press("Control+b")
    first.keyboard.type("return")
    first.keyboard.press("Control+b")
    first.keyboard.type(" this week.")
    first.keyboard.press("Enter")
    first.keyboard.type("Timetable")
    first.get_by_role("button", name="Text style: Paragraph").click()  # the toolbar's menu
    first.get_by_role("button", name="Heading 2").click()
    first.keyboard.press("End")
    first.keyboard.press("Enter")
    first.get_by_role("button", name="Bulleted list").click()
    first.keyboard.type("First boat at midnight")
    first.keyboard.press("Enter")
    first.keyboard.type("Last boat at three")
    first.keyboard.press("Enter")
    first.keyboard.press("Enter")
    first.keyboard.type("See the timetable")
    first.keyboard.press("Control+Shift+ArrowLeft")  # the last word
    first.keyboard.press("Control+k")
    first.get_by_label("URL").fill("https://example.org/ferries")
    first.get_by_label("URL").press("Enter")
    body = first.locator("textarea[name=body]")
    expect(body).to_have_value(re.compile(r'<a href="https://example.org/ferries"[^>]*>timetable</a>'))
    # The editor takes the focus back with the linked word selected (Tiptap does so on the next
    # animation frame): then on to the end of the line.
    first.wait_for_function("() => document.getSelection().toString() === 'timetable'")
    first.keyboard.press("End")
    first.wait_for_function(
        "() => document.querySelector('.story-body-editor > .ProseMirror').editor.state.selection.empty", timeout=3000
    )
    first.keyboard.press("Enter")
    expect(count).to_have_text(re.compile(r"^18 words"))

    # A paste from a document keeps its bold and italic; the count follows.
    paste_html(first, FROM_GOOGLE_DOCS, "Tickets cost the same as by day.")
    expect(count).to_have_text(re.compile(r"^25 words"))

    # The tab is closed once the copy is on the server (leaving asks first).
    close_after_autosave(first)

    # Another browser: Restore brings the body back, formatting and all.
    second = watch(admin_page(browser, live_server, writer, viewport={"width": 1280, "height": 900}))
    second.goto(live_server.url + "/admin/articles/article/add/")
    second.get_by_role("button", name="Restore").click()
    second.wait_for_url("**/add/?restore=1")
    editor_box = second.get_by_role("textbox", name="Body")
    expect(editor_box.locator("h2")).to_have_text("Timetable")
    expect(editor_box.locator("a[href='https://example.org/ferries']")).to_have_text("timetable")
    expect(second.locator("#id_body_count")).to_have_text(re.compile(r"^25 words"))

    # Two tags, one of them new; two bylines, Ana Lind moved first; submitted.
    add_tags(second, "nato", "NATO", "Night ferries")
    assert second.locator(".tag-chip span").all_inner_texts() == ["NATO", "Night ferries"]
    choose(second, "id_bylines-0-author", "Wen", "Wendy Writer")
    choose(second, "id_bylines-1-author", "Ana", "Ana Lind")
    second.get_by_role("button", name="Move Ana Lind up").click()
    second.get_by_role("button", name="Submit for review").click()
    second.wait_for_url("**/change/")
    story = Article.objects.get(headline=HEADLINE)
    assert story.status == Article.Status.IN_REVIEW
    assert story.body == STORED_BODY
    assert [author.name for author in story.byline_authors] == ["Ana Lind", "Wendy Writer"]
    assert sorted(tag.name for tag in story.tags.all()) == ["NATO", "Night ferries"]
    second.context.close()

    # An editor publishes; the public page shows exactly that formatting.
    desk = watch(admin_page(browser, live_server, editor))
    desk.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    desk.get_by_role("button", name="Publish now").click()
    desk.wait_for_url("**/change/")
    story.refresh_from_db()
    assert story.is_published()
    desk.goto(live_server.url + story.get_absolute_url())
    assert desk.locator(".story-body").inner_html().strip() == STORED_BODY
    desk.context.close()
    assert problems == []

import pytest

from articles.demo_content import STORIES
from articles.models import Article
from articles.sanitize import clean_body
from tests.e2e.conftest import admin_page, choose
from tests.factories import SectionFactory

PASTE = (
    '<p class="MsoNormal" style="margin:0"><span style="font-size:11pt;font-family:Calibri">'
    'Pasted <i>line</i></span><o:p></o:p></p><style>p{color:red}</style>'
)


@pytest.mark.django_db(transaction=True)
def test_writer_formats_a_story_by_keyboard_pastes_and_saves_only_structure(live_server, browser, role_groups, writer):
    SectionFactory(name="Local", slug="local")
    page = admin_page(browser, live_server, writer)
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(live_server.url + "/admin/articles/article/add/")
    for name in ["bold", "italic", "insert link", "unordered list", "ordered list", "blockquote", "undo", "redo"]:
        assert page.get_by_role("button", name=name, exact=True).count() == 1
    assert page.get_by_role("toolbar", name="Formatting").is_visible()
    page.get_by_label("Headline").fill("Night buses")
    page.get_by_label("Standfirst").fill("The late service runs again from Friday.")
    assert "Shorter than the recommended 160–250" in page.locator("#id_standfirst_count").inner_text()
    count = page.locator("#id_body_count")
    assert count.inner_text() == "No words yet"

    page.get_by_role("textbox", name="Body").click()
    page.keyboard.type("Buses ")
    page.keyboard.press("Control+b")
    page.keyboard.type("return")
    page.keyboard.press("Control+b")
    page.keyboard.type(" tonight.")
    page.keyboard.press("Enter")
    page.keyboard.type("## Timetable")
    page.keyboard.press("Enter")
    page.keyboard.type("- First bus")
    page.keyboard.press("Enter")
    page.keyboard.type("Last bus")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    # ProseMirror parses pasted HTML in a detached element: the browser refuses the paste's
    # inline styles (reported as CSP violations), which the editor drops anyway.
    assert violations == []
    page.evaluate(
        """html => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "Pasted line");
            document.querySelector(".story-body-editor > .ProseMirror")
              .dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        PASTE,
    )
    assert count.inner_text().startswith("10 words")
    choose(page, "id_section", "Loc", "Local")
    choose(page, "id_bylines-0-author", "Wen", "Wendy Writer")
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url("**/change/")

    assert Article.objects.get().body == (
        "<p>Buses <strong>return</strong> tonight.</p><h2>Timetable</h2><ul><li>First bus</li><li>Last bus</li></ul>"
        "<p>Pasted <em>line</em></p>"
    )


@pytest.mark.django_db(transaction=True)
def test_every_demo_body_opens_and_saves_unchanged_in_the_editor(live_server, browser, role_groups, writer):
    page = admin_page(browser, live_server, writer)
    page.goto(live_server.url + "/admin/articles/article/add/")
    page.wait_for_selector(".story-body-editor > .ProseMirror")
    stored = [clean_body(story["body"]) for story in STORIES]
    from_editor = page.evaluate(
        """bodies => {
            const editor = document.querySelector(".story-body-editor > .ProseMirror").editor;
            return bodies.map(body => { editor.commands.setContent(body); return editor.getHTML(); });
        }""",
        stored,
    )
    assert [clean_body(html) for html in from_editor] == stored


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.django_db(transaction=True)
def test_the_add_form_fits_the_screen(live_server, browser, role_groups, writer, width):
    page = admin_page(browser, live_server, writer)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/admin/articles/article/add/")
    page.wait_for_selector(".story-body-editor > .ProseMirror")
    page.screenshot(path=f"/tmp/editor-shots/add-{width}.png")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

"""Review notes in Chromium, by keyboard alone: the editor leaves a note, the writer (on a
390 px phone) sees it and replies, the editor resolves the thread and it folds away; each
swap lands the focus on what changed, within the CSP."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from playwright.sync_api import expect

from articles import services
from articles.models import Article, ReviewNote
from tests.e2e.conftest import admin_page
from tests.factories import ArticleFactory

HEADLINE = "Ferry fares frozen for a year"


def _csp_violations(page):
    found = []
    page.on("console", lambda message: found.append(message.text) if "Content Security Policy" in message.text else None)
    return found


def _to_the_notes(page, url):
    """Open the story and jump to its notes with the link at the top (Enter), as a keyboard user would."""
    page.goto(url)
    page.get_by_role("link", name="Review notes").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**#review-notes")


def _focused(page):
    return page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()")


@pytest.mark.django_db(transaction=True)
def test_editor_notes_writer_replies_editor_resolves_and_it_folds_away(
    live_server, browser, role_groups, editor, writer, section
):
    story = ArticleFactory(section=section, headline=HEADLINE, status=Article.Status.IN_REVIEW, publish_at=None,
                           created_by=writer, bylines=[writer.author_profile])
    url = f"{live_server.url}/admin/articles/article/{story.pk}/change/"

    # The editor leaves a note: Tab from the section to its field, type, Tab to the button, Enter.
    as_editor = admin_page(browser, live_server, editor)
    editor_violations = _csp_violations(as_editor)
    _to_the_notes(as_editor, url)
    as_editor.keyboard.press("Tab")
    assert _focused(as_editor) == "review-note-text"
    as_editor.keyboard.type("Which day do the frozen fares start?")
    as_editor.keyboard.press("Tab")
    as_editor.keyboard.press("Enter")
    expect(as_editor.get_by_role("status")).to_have_text("Review note added.")
    note = ReviewNote.objects.get()
    assert _focused(as_editor) == f"review-note-{note.pk}"
    assert as_editor.url.endswith("#review-notes")  # swapped in place: no page load, the form untouched
    assert [message.to for message in mail.outbox] == [[writer.email]]

    # The writer, on a phone, sees it and replies: Tab to "Reply", Enter opens it, Tab to the field.
    as_writer = admin_page(browser, live_server, writer, viewport={"width": 390, "height": 844})
    writer_violations = _csp_violations(as_writer)
    _to_the_notes(as_writer, url)
    notes = as_writer.locator("#review-notes")
    expect(notes.get_by_role("heading", name="Review notes (1 open)")).to_be_visible()
    expect(notes.get_by_text("Which day do the frozen fares start?")).to_be_visible()
    as_writer.keyboard.press("Tab")
    assert _focused(as_writer) == "Reply"
    as_writer.keyboard.press("Enter")
    as_writer.keyboard.press("Tab")
    assert _focused(as_writer) == f"review-note-reply-{note.pk}"
    as_writer.keyboard.type("From the first of next month.")
    as_writer.keyboard.press("Tab")
    as_writer.keyboard.press("Enter")
    expect(as_writer.get_by_role("status")).to_have_text("Reply added.")
    reply = ReviewNote.objects.get(parent=note)
    assert _focused(as_writer) == f"review-note-{reply.pk}"
    box = notes.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # no sideways scrolling at 390 px
    expect(as_writer.get_by_role("button", name="Send reply")).to_be_hidden()  # the reply form folded again

    # The editor resolves the thread: Tab past "Reply" to "Resolve", Enter; the thread folds away.
    _to_the_notes(as_editor, url)
    expect(as_editor.locator("#review-notes").get_by_text("From the first of next month.")).to_be_visible()
    as_editor.keyboard.press("Tab")
    as_editor.keyboard.press("Tab")
    assert _focused(as_editor) == "Resolve"
    as_editor.keyboard.press("Enter")
    status = as_editor.get_by_role("status")
    expect(status).to_have_text("Resolved: the thread is folded under “Resolved review notes”.")
    assert _focused(as_editor) == "review-notes-status"
    folded = as_editor.locator("#review-notes").get_by_text("Which day do the frozen fares start?")
    expect(folded).to_be_hidden()
    expect(as_editor.get_by_text("No open review notes.")).to_be_visible()

    # ... and opens the fold from the keyboard: past the field and its button, to the summary.
    for _ in range(3):
        as_editor.keyboard.press("Tab")
    assert _focused(as_editor) == "Resolved review notes (1)"
    as_editor.keyboard.press("Enter")
    expect(folded).to_be_visible()
    expect(as_editor.get_by_text("Resolved by")).to_be_visible()

    assert editor_violations == writer_violations == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_notes_and_the_settings_page_pass_axe(live_server, browser, role_groups, editor, writer, section, scheme):
    story = ArticleFactory(section=section, headline=HEADLINE, created_by=writer, bylines=[writer.author_profile])
    thread = services.review_note_add(article=story, by=editor, text="Add the operator's name.")
    services.review_note_add(article=story, by=writer, text="Added.", parent=thread)
    services.review_note_resolve(note=thread, by=editor)
    services.review_note_add(article=story, by=editor, text="And a photo caption, please.")
    page = admin_page(browser, live_server, editor, color_scheme=scheme)
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")
    page.locator("#review-notes summary").first.click()  # a reply form open
    page.get_by_text("Resolved review notes (1)").click()  # and the fold

    found = Axe().run(page, context="#review-notes").response["violations"]
    page.goto(f"{live_server.url}/admin/notification-settings/")
    found += Axe().run(page, context="#content-main").response["violations"]

    assert [(violation["id"], [node["target"] for node in violation["nodes"]][:3]) for violation in found] == []


@pytest.mark.django_db(transaction=True)
def test_without_javascript_a_note_is_added_and_resolved_by_plain_posts(live_server, browser, role_groups, editor,
                                                                         writer, section):
    story = ArticleFactory(section=section, headline=HEADLINE, created_by=writer, bylines=[writer.author_profile])
    page = admin_page(browser, live_server, editor, java_script_enabled=False)
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")

    page.get_by_label("Add a review note").fill("Credit the photographer.")
    page.get_by_role("button", name="Add review note").click()
    page.wait_for_url("**/change/#review-notes")
    expect(page.get_by_text("Review note added.")).to_be_visible()
    expect(page.locator("#review-notes").get_by_text("Credit the photographer.")).to_be_visible()
    page.get_by_role("button", name="Resolve").click()
    page.wait_for_load_state()

    expect(page.get_by_text("No open review notes.")).to_be_visible()
    assert ReviewNote.objects.get().is_resolved

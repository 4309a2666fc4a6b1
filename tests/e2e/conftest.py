"""Browser journeys: Playwright driving Debian's Chromium against pytest-django's live server."""

import os
import re
import threading
from contextlib import contextmanager

import pytest
from django.core.signals import request_finished, request_started

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; the test's own ORM
# calls are synchronous, which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it with `apt-get install -y chromium`.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab with its own cookies."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def admin_page(browser, live_server, user, **context):
    """A tab in a new browser context (another browser: its own cookies and storage), signed
    in to the admin as `user` (UserFactory's password). `context`: new_context's options."""
    page = browser.new_context(**context).new_page()
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    return page


def choose(page, select_id, term, option):
    """Pick an option in one of the admin's autocomplete (select2) fields."""
    page.locator(f"#{select_id} + .select2").click()
    # The open dropdown's search box (other select2 fields, e.g. "Read more", have their own).
    page.locator(".select2-container--open .select2-search__field").fill(term)
    page.locator(".select2-results__option", has_text=option).click()


def paste_html(page, html, text=""):
    """Paste `html` (and its plain `text`) into the story body's editor, as a paste from another
    application arrives: a paste event whose clipboard holds text/html."""
    page.evaluate(
        """([html, text]) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", text);
            document.querySelector(".story-body-editor > .ProseMirror")
              .dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        [html, text],
    )


def close_after_autosave(page):
    """Wait until the writing desk has kept the form on the server, then close the tab as a
    person does: leaving must ask first (beforeunload). Closes the page's browser context."""
    page.locator("#desk-autosave-status").filter(
        has_text=re.compile(r"Draft copy saved at \d\d:\d\d")
    ).wait_for(timeout=15000)
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    page.context.close()


def add_tags(page, typed, suggested, new):
    """In the story form's Tags field: type `typed`, take the suggestion `suggested` with Enter,
    then type the new tag `new` ended by a comma."""
    tags = page.get_by_role("combobox", name="Tags")
    tags.press_sequentially(typed)
    page.get_by_role("option", name=suggested).wait_for()
    tags.press("Enter")
    tags.press_sequentially(f"{new},")
    return tags


@contextmanager
def answered(path_part, timeout=10):
    """On leaving the block, wait until the live server has finished a request whose path
    contains `path_part`, such as the presence beacon a story page sends when it is closed
    (Playwright does not report a beacon's answer). A request still running while the test
    database is flushed locks its tables on SQLite ("database table is locked" at teardown)."""
    threads, done = set(), threading.Event()

    def started(sender, environ, **kwargs):
        if path_part in environ.get("PATH_INFO", ""):
            threads.add(threading.get_ident())

    def finished(sender, **kwargs):
        if threading.get_ident() in threads:
            done.set()

    request_started.connect(started)
    request_finished.connect(finished)
    try:
        yield
        assert done.wait(timeout), f"no request to {path_part} was answered"
    finally:
        request_started.disconnect(started)
        request_finished.disconnect(finished)


def close_story_page(page):
    """Close a story's admin tab (its browser context) once its presence beacon is answered."""
    with answered("/presence/"):
        page.context.close()

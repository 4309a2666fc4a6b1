import time
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.e2e.conftest import admin_page, choose
from tests.factories import SectionFactory

HEADLINE = "Night buses return to the harbour route"


def _open_story(page, live_server):
    page.goto(live_server.url + "/admin/articles/article/")
    page.get_by_role("link", name=HEADLINE).click()
    page.wait_for_url("**/change/")


@pytest.mark.django_db(transaction=True)
def test_writer_submits_editor_sends_back_writer_resubmits_editor_schedules_and_it_goes_live(
    live_server, browser, page, role_groups, writer, editor
):
    SectionFactory(name="Local", slug="local")

    # The writer drafts the story and sends it for review.
    as_writer = admin_page(browser, live_server, writer)
    as_writer.goto(live_server.url + "/admin/articles/article/add/")
    as_writer.get_by_label("Headline").fill(HEADLINE)
    as_writer.get_by_label("Standfirst").fill("The late service runs again from Friday.")
    as_writer.get_by_role("textbox", name="Body").fill("The council confirmed the night buses.")
    choose(as_writer, "id_section", "Loc", "Local")
    choose(as_writer, "id_bylines-0-author", "Wen", "Wendy Writer")
    as_writer.get_by_role("button", name="Save and continue editing").click()
    as_writer.wait_for_url("**/change/")
    as_writer.get_by_role("button", name="Submit for review").click()
    as_writer.wait_for_load_state()
    assert "State: In review" in as_writer.content()

    # The editor asks for a change.
    as_editor = admin_page(browser, live_server, editor)
    _open_story(as_editor, live_server)
    as_editor.get_by_label("Note for the writer").fill("Add when the first bus leaves.")
    as_editor.get_by_role("button", name="Request changes").click()
    as_editor.wait_for_load_state()
    assert "State: Changes requested" in as_editor.content()

    # The writer sees the note, fixes the story and sends it back.
    as_writer.reload()
    assert "Add when the first bus leaves." in as_writer.content()
    as_writer.get_by_role("textbox", name="Body").fill("The council confirmed the night buses. The first leaves at 00:15.")
    as_writer.get_by_role("button", name="Submit for review").click()
    as_writer.wait_for_load_state()
    assert "State: In review" in as_writer.content()

    # The editor schedules it a few seconds ahead, in the newsroom's time zone.
    as_editor.reload()
    go_live = timezone.localtime(timezone.now() + timedelta(seconds=5))
    as_editor.locator("#id_publish_at_0").fill(go_live.strftime("%Y-%m-%d"))
    as_editor.locator("#id_publish_at_1").fill(go_live.strftime("%H:%M:%S"))
    as_editor.get_by_role("button", name="Schedule for the publish time").click()
    as_editor.wait_for_load_state()
    assert "State: Scheduled" in as_editor.content()
    story = Article.objects.get(headline=HEADLINE)
    assert story.status == Article.Status.PUBLISHED and story.publish_at == go_live.replace(microsecond=0)

    # A reader sees it on the home page once its publish time has passed (no job runs:
    # the invisible-before side is pinned to the second in tests/articles/test_scheduling.py).
    page.goto(live_server.url + "/")
    deadline = time.monotonic() + 20
    while HEADLINE not in page.content() and time.monotonic() < deadline:
        page.wait_for_timeout(500)
        page.reload()
    assert timezone.now() >= story.publish_at
    page.get_by_role("link", name=HEADLINE).click()
    assert page.get_by_role("heading", level=1).inner_text() == HEADLINE

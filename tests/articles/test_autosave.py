"""Autosave and recovery of the story form (articles/autosave.py, articles/admin_desk.py)."""

import pytest
import reversion
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, ArticleEvent, StoryAutosave
from tests.conftest import add_form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/articles/article/"
ADD = f"{CHANGELIST}add/"


def _change_url(story):
    return f"{CHANGELIST}{story.pk}/change/"


def _autosave_url(story=None):
    return f"{ADD}autosave/" if story is None else f"{CHANGELIST}{story.pk}/autosave/"


def _row(story):
    return Article.objects.filter(pk=story.pk).values().get()


@pytest.fixture
def saved_story(editor, section):
    """A public story with one revision, as the admin leaves it after a save."""
    story = ArticleFactory(section=section, headline="Tram line opens", tags=["Transport"])
    with reversion.create_revision():
        story.save()
    return Article.objects.get(pk=story.pk)


def test_an_autosave_changes_nothing_of_the_story_its_revisions_events_or_cached_pages(
    client, editor, saved_story, form_data, django_capture_on_commit_callbacks
):
    reader = Client()
    assert reader.get(saved_story.get_absolute_url())["X-Page-Cache"] == "miss"
    assert reader.get("/")["X-Page-Cache"] == "miss"
    before = _row(saved_story)
    revisions, events = Version.objects.get_for_object(saved_story).count(), ArticleEvent.objects.count()
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_autosave_url(saved_story), form_data(saved_story, headline="Tram line delayed"))

    assert response.status_code == 200
    assert StoryAutosave.objects.get(user=editor, article=saved_story).data["headline"] == ["Tram line delayed"]
    assert _row(saved_story) == before  # the row, its version and updated_at included
    assert Version.objects.get_for_object(saved_story).count() == revisions
    assert ArticleEvent.objects.count() == events
    # No page-cache key was bumped: the story page and the home page are still served as stored.
    assert reader.get(saved_story.get_absolute_url())["X-Page-Cache"] == "hit"
    assert reader.get("/")["X-Page-Cache"] == "hit"


def test_the_copy_keeps_the_form_as_posted_without_the_csrf_token_or_buttons(client, writer, draft_by_writer, form_data):
    client.force_login(writer)

    client.post(_autosave_url(draft_by_writer), form_data(
        draft_by_writer, standfirst="New standfirst", csrfmiddlewaretoken="x", _continue="1", _workflow="submit",
    ))

    copy = StoryAutosave.objects.get(user=writer, article=draft_by_writer)
    assert copy.data["standfirst"] == ["New standfirst"]
    assert copy.data["bylines-0-author"] == [str(writer.author_profile.pk)]
    assert not {"csrfmiddlewaretoken", "_continue", "_workflow"} & set(copy.data)
    assert copy.version == draft_by_writer.version


def test_each_user_has_one_copy_per_story_and_one_of_the_add_form(client, writer, draft_by_writer, form_data):
    client.force_login(writer)

    for headline in ("First", "Second"):
        client.post(_autosave_url(draft_by_writer), form_data(draft_by_writer, headline=headline))
        client.post(_autosave_url(), {"headline": f"New {headline}"})

    assert StoryAutosave.objects.filter(user=writer).count() == 2
    assert StoryAutosave.objects.get(user=writer, article=draft_by_writer).data["headline"] == ["Second"]
    assert StoryAutosave.objects.get(user=writer, article=None).data["headline"] == ["New Second"]


def test_an_autosave_takes_a_constant_small_number_of_queries(
    client, writer, draft_by_writer, form_data, django_assert_max_num_queries
):
    client.force_login(writer)
    client.post(_autosave_url(draft_by_writer), form_data(draft_by_writer))  # creates the copy
    data = form_data(draft_by_writer, headline="Again")

    # session, user, permissions (2), the story, its bylines, the update
    with django_assert_max_num_queries(7):
        response = client.post(_autosave_url(draft_by_writer), data)

    assert response.status_code == 200


def test_an_autosave_answers_its_time_in_the_newsroom_time_zone(client, writer, settings):
    client.force_login(writer)

    answer = client.post(_autosave_url(), {"headline": "Ferry timetable"}).json()

    copy = StoryAutosave.objects.get(user=writer, article=None)
    assert answer["saved_at"] == copy.saved_at.isoformat()
    assert answer["label"].endswith(("GMT", "BST")) and len(answer["label"]) == len("09:41 GMT")


# Recovery ------------------------------------------------------------------------


def test_reopening_the_add_form_elsewhere_offers_the_copy_with_its_time(client, writer):
    client.force_login(writer)
    client.post(_autosave_url(), {"headline": "Ferry timetable"})
    copy = StoryAutosave.objects.get(user=writer)

    other_browser = Client()
    other_browser.force_login(writer)
    page = other_browser.get(ADD).content.decode()

    assert "You have unsaved changes from" in page
    assert f'datetime="{timezone.localtime(copy.saved_at).isoformat()[:19]}' in page
    assert ">Restore</button>" in page and ">Discard</button>" in page
    assert 'value="Ferry timetable"' not in page  # not restored until asked


def test_restore_fills_the_add_form_fields_and_inlines_from_the_copy(client, writer, section):
    client.force_login(writer)
    client.post(_autosave_url(), {
        "headline": "Ferry timetable", "standfirst": "Summer sailings.", "section": section.pk,
        "bylines-TOTAL_FORMS": "1", "bylines-INITIAL_FORMS": "0", "bylines-MIN_NUM_FORMS": "1",
        "bylines-MAX_NUM_FORMS": "1000", "bylines-0-author": writer.author_profile.pk, "bylines-0-position": "0",
    })

    response = client.get(f"{ADD}?restore=1")

    form = response.context["adminform"].form
    assert form["headline"].value() == "Ferry timetable"
    assert str(form["section"].value()) == str(section.pk)
    bylines = next(f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "bylines")
    assert str(bylines.formset.forms[0]["author"].value()) == str(writer.author_profile.pk)
    page = response.content.decode()
    assert "are back in the form below" in page and ">Restore</button>" not in page
    assert 'data-unsaved="true"' in page


def test_restoring_a_story_brings_back_the_version_it_started_from(client, writer, draft_by_writer, form_data):
    client.force_login(writer)
    client.post(_autosave_url(draft_by_writer), form_data(draft_by_writer, body="<p>Half a paragraph</p>"))

    form = client.get(f"{_change_url(draft_by_writer)}?restore=1").context["adminform"].form

    assert form["body"].value() == "<p>Half a paragraph</p>"
    assert form["version_token"].value() == draft_by_writer.version
    assert form["headline"].value() == draft_by_writer.headline


def test_a_restored_copy_never_overwrites_a_later_save_by_someone_else(
    client, writer, editor, draft_by_writer, form_data
):
    client.force_login(writer)
    client.post(_autosave_url(draft_by_writer), form_data(draft_by_writer, body="<p>Writer's words</p>"))
    copy = StoryAutosave.objects.get(user=writer)
    editor_client = Client()
    editor_client.force_login(editor)
    editor_client.post(_change_url(draft_by_writer), form_data(draft_by_writer, body="<p>Editor's words</p>"))

    page = client.get(_change_url(draft_by_writer)).content.decode()
    restored = client.get(f"{_change_url(draft_by_writer)}?restore=1").context["adminform"].form
    refused = client.post(_change_url(draft_by_writer), {
        **form_data(draft_by_writer), "body": restored["body"].value(), "version_token": restored["version_token"].value(),
    })

    assert "saved the story since" in page
    assert restored["version_token"].value() == copy.version
    assert "saved this story at" in refused.context["adminform"].form.non_field_errors()[0]
    assert Article.objects.get(pk=draft_by_writer.pk).body == "<p>Editor's words</p>"
    assert StoryAutosave.objects.filter(user=writer).exists()  # nothing saved: the copy stays


def test_a_real_save_deletes_that_users_copy_only(client, writer, editor, draft_by_writer, form_data):
    client.force_login(writer)
    client.post(_autosave_url(draft_by_writer), form_data(draft_by_writer, headline="Mine"))
    editor_client = Client()
    editor_client.force_login(editor)
    editor_client.post(_autosave_url(draft_by_writer), form_data(draft_by_writer, headline="The editor's"))

    response = client.post(_change_url(draft_by_writer), form_data(draft_by_writer, headline="Mine"))

    assert response.status_code == 302
    assert list(StoryAutosave.objects.values_list("user", flat=True)) == [editor.pk]


def test_adding_the_story_deletes_the_copy_of_the_add_form(client, writer, section):
    client.force_login(writer)
    data = add_form_data(
        section=section, author=writer.author_profile,
        headline="Ferry timetable", standfirst="Summer sailings.", body="<p>Boats.</p>",
    )
    client.post(_autosave_url(), data)

    response = client.post(ADD, data)

    assert response.status_code == 302
    assert not StoryAutosave.objects.filter(user=writer).exists()


def test_discard_deletes_the_copy_and_goes_back_to_the_form(client, writer, draft_by_writer, form_data):
    client.force_login(writer)
    client.post(_autosave_url(draft_by_writer), form_data(draft_by_writer, headline="Scrap this"))

    response = client.post(f"{_autosave_url(draft_by_writer)}discard/")

    assert response.status_code == 302 and response["Location"] == _change_url(draft_by_writer)
    assert not StoryAutosave.objects.exists()
    assert "You have unsaved changes" not in client.get(_change_url(draft_by_writer)).content.decode()


def test_discard_from_the_page_script_answers_no_content(client, writer):
    client.force_login(writer)
    client.post(_autosave_url(), {"headline": "Scrap this"})

    response = client.post(f"{ADD}autosave/discard/", HTTP_ACCEPT="application/json")

    assert response.status_code == 204 and not StoryAutosave.objects.exists()


def test_a_story_deleted_takes_its_copies_with_it(client, editor, saved_story, form_data):
    client.force_login(editor)
    client.post(_autosave_url(saved_story), form_data(saved_story))

    saved_story.delete()

    assert not StoryAutosave.objects.exists()

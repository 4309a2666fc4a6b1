"""The story form's autosave and presence URLs, from an attacker's side."""

import pytest
from django.test import Client

from articles import services
from articles.models import Article, StoryAutosave
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/articles/article/"


@pytest.fixture
def others_draft(other_writer, section):
    """A draft of the other writer's."""
    return ArticleFactory(section=section, status=Article.Status.DRAFT, publish_at=None, created_by=other_writer)


@pytest.mark.parametrize("suffix", ["autosave/", "autosave/discard/", "presence/"])
def test_a_writer_cannot_autosave_discard_or_watch_another_writers_story(
    client, writer, other_writer, others_draft, form_data, suffix
):
    owner = Client()
    owner.force_login(other_writer)
    owner.post(f"{CHANGELIST}{others_draft.pk}/autosave/", form_data(others_draft, headline="Owner's copy"))
    client.force_login(writer)

    response = client.post(f"{CHANGELIST}{others_draft.pk}/{suffix}", form_data(others_draft, headline="Attack"))

    assert response.status_code == 403
    assert list(StoryAutosave.objects.values_list("user", "data__headline")) == [(other_writer.pk, ["Owner's copy"])]


def test_a_writer_cannot_autosave_their_own_story_once_it_is_in_review(client, writer, draft_by_writer, form_data):
    services.article_submit(article=draft_by_writer, by=writer)
    client.force_login(writer)

    response = client.post(f"{CHANGELIST}{draft_by_writer.pk}/autosave/", form_data(draft_by_writer))

    assert response.status_code == 403 and not StoryAutosave.objects.exists()


def test_a_moderator_and_a_reader_cannot_autosave_the_add_form(client, moderator, reader):
    for user in (moderator, reader):
        client.force_login(user)

        response = client.post(f"{CHANGELIST}add/autosave/", {"headline": "Mine now"})

        assert response.status_code in {302, 403}
    assert not StoryAutosave.objects.exists()


def test_one_users_copy_is_never_shown_or_restored_to_another(client, writer, editor, draft_by_writer, form_data):
    client.force_login(writer)
    client.post(f"{CHANGELIST}{draft_by_writer.pk}/autosave/", form_data(draft_by_writer, headline="Writer's secret"))
    client.post(f"{CHANGELIST}add/autosave/", {"headline": "Writer's new secret"})
    editor_client = Client()
    editor_client.force_login(editor)

    pages = [
        editor_client.get(f"{CHANGELIST}{draft_by_writer.pk}/change/?restore=1"),
        editor_client.get(f"{CHANGELIST}add/?restore=1"),
    ]
    editor_client.post(f"{CHANGELIST}{draft_by_writer.pk}/autosave/discard/")
    editor_client.post(f"{CHANGELIST}add/autosave/discard/")

    for page in pages:
        assert "secret" not in page.content.decode()
        assert "unsaved changes" not in page.content.decode()
    assert StoryAutosave.objects.filter(user=writer).count() == 2


def test_an_autosave_without_the_csrf_token_is_refused(writer, draft_by_writer, form_data):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(writer)

    response = browser.post(f"{CHANGELIST}{draft_by_writer.pk}/autosave/", form_data(draft_by_writer))
    discard = browser.post(f"{CHANGELIST}add/autosave/discard/")

    assert response.status_code == discard.status_code == 403
    assert not StoryAutosave.objects.exists()


def test_an_autosave_with_the_forms_csrf_token_is_accepted(writer, draft_by_writer, form_data):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(writer)
    browser.get(f"{CHANGELIST}{draft_by_writer.pk}/change/")
    token = browser.cookies["csrftoken"].value

    response = browser.post(
        f"{CHANGELIST}{draft_by_writer.pk}/autosave/", form_data(draft_by_writer), HTTP_X_CSRFTOKEN=token
    )

    assert response.status_code == 200 and StoryAutosave.objects.exists()


def test_an_autosave_is_only_a_post(client, writer, draft_by_writer):
    client.force_login(writer)

    assert client.get(f"{CHANGELIST}{draft_by_writer.pk}/autosave/").status_code == 405
    assert client.get(f"{CHANGELIST}add/autosave/discard/").status_code == 405


def test_an_autosave_without_a_version_token_is_refused(client, writer, draft_by_writer, form_data):
    client.force_login(writer)
    data = form_data(draft_by_writer)
    del data["version_token"]

    assert client.post(f"{CHANGELIST}{draft_by_writer.pk}/autosave/", data).status_code == 400
    assert client.post(f"{CHANGELIST}{draft_by_writer.pk}/autosave/", {**data, "version_token": "x"}).status_code == 400
    assert not StoryAutosave.objects.exists()


def test_copied_text_is_escaped_when_the_form_is_restored(client, writer, draft_by_writer, form_data):
    payload = '"><script>alert(1)</script>'
    client.force_login(writer)
    client.post(f"{CHANGELIST}{draft_by_writer.pk}/autosave/", form_data(
        draft_by_writer, headline=payload, standfirst=f"</textarea>{payload}",
    ))

    page = client.get(f"{CHANGELIST}{draft_by_writer.pk}/change/?restore=1").content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;/textarea&gt;&quot;&gt;&lt;script&gt;" in page

import pytest
from django.utils import timezone
from reversion.models import Version

from articles import services
from articles.models import Article, ArticleEvent, Byline
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/articles/article/"


@pytest.fixture
def revised_story(client, editor, section, form_data):
    """A published story edited twice in the admin: headline, body and bylines changed."""
    story = ArticleFactory(
        section=section, headline="Bridge reopens on Monday", body="<p>The bridge reopens on Monday.</p>",
        bylines=[AuthorFactory(name="First Reporter")],
    )
    client.force_login(editor)
    url = f"{CHANGELIST}{story.pk}/change/"
    client.post(url, form_data(story))
    story.refresh_from_db()
    second = AuthorFactory(name="Second Reporter")
    data = form_data(
        story, headline="Bridge reopens on Tuesday", body="<p>The bridge reopens on Tuesday after repairs.</p>",
        **{"bylines-TOTAL_FORMS": 2, "bylines-1-author": second.pk, "bylines-1-position": 1},
    )
    assert client.post(url, data).status_code == 302
    story.refresh_from_db()
    return story


def _versions(story):
    return list(Version.objects.get_for_object(story).order_by("pk"))


def test_history_lists_each_save_with_author_and_comment_and_the_old_revisions_page_leads_there(
    client, editor, revised_story
):
    old = client.get(f"{CHANGELIST}{revised_story.pk}/revisions/")
    response = client.get(old.url)

    assert old.status_code == 302 and old.url == f"{CHANGELIST}{revised_story.pk}/history/"
    assert response.status_code == 200
    assert [entry.what for entry in response.context["timeline"]] == ["Saved", "Saved"]
    page = response.content.decode()
    assert page.count("Edited in the admin") == 2 and "editor" in page


def test_compare_shows_field_by_field_word_differences(client, editor, revised_story):
    older, newer = _versions(revised_story)

    response = client.get(f"{CHANGELIST}{revised_story.pk}/revisions/compare/", {"from": older.pk, "to": newer.pk})

    changes = {change["label"]: change for change in response.context["changes"]}
    assert set(changes) == {"Headline", "Body (HTML)", "Bylines"}
    assert str(changes["Headline"]["diff"]) == "Bridge reopens on <del>Monday</del><ins>Tuesday</ins>"
    assert changes["Bylines"]["new"] == "First Reporter, Second Reporter"
    assert "&lt;p&gt;The bridge reopens on <del>Monday.&lt;/p&gt;</del>" in response.content.decode()


def test_revert_restores_words_and_bylines_keeps_it_published_and_records_who(client, editor, revised_story):
    older, _ = _versions(revised_story)

    response = client.post(f"{CHANGELIST}{revised_story.pk}/revisions/{older.pk}/revert/")

    story = Article.objects.get(pk=revised_story.pk)
    assert response.status_code == 302
    assert story.headline == "Bridge reopens on Monday"
    assert story.body == "<p>The bridge reopens on Monday.</p>"
    assert [a.name for a in story.byline_authors] == ["First Reporter"]
    assert story.status == Article.Status.PUBLISHED and story.is_published()
    assert story.publish_at == revised_story.publish_at
    event = story.events.get(action=ArticleEvent.Action.REVERTED)
    assert event.actor == editor
    latest = Version.objects.get_for_object(story).first()
    assert latest.revision.user == editor and latest.revision.comment.startswith("Reverted to the revision of")


def test_revert_keeps_the_current_workflow_state_of_a_withdrawn_story(editor, revised_story):
    older, _ = _versions(revised_story)
    services.article_withdraw(article=revised_story, by=editor, reason="Legal")

    services.article_revert(article=revised_story, by=editor, version=older)

    assert revised_story.status == Article.Status.WITHDRAWN
    assert revised_story.headline == "Bridge reopens on Monday"


def test_revert_refuses_a_revision_of_another_story(editor, revised_story, section):
    from django.core.exceptions import ValidationError

    other = ArticleFactory(section=section)
    older, _ = _versions(revised_story)

    with pytest.raises(ValidationError):
        services.article_revert(article=other, by=editor, version=older)


def test_revert_confirmation_page_shows_what_will_change(client, editor, revised_story):
    older, _ = _versions(revised_story)

    response = client.get(f"{CHANGELIST}{revised_story.pk}/revisions/{older.pk}/revert/")

    assert response.status_code == 200
    changes = {change["label"]: change for change in response.context["changes"]}
    assert set(changes) == {"Headline", "Body (HTML)", "Bylines"}
    assert str(changes["Headline"]["diff"]) == "Bridge reopens on <del>Tuesday</del><ins>Monday</ins>"
    assert Byline.objects.filter(article=revised_story).count() == 2


def test_workflow_steps_are_revisions_too(editor, writer, draft_by_writer):
    services.article_submit(article=draft_by_writer, by=writer)
    services.article_schedule(article=draft_by_writer, by=editor, at=timezone.now() + timezone.timedelta(hours=1))

    revisions = [v.revision for v in Version.objects.get_for_object(draft_by_writer).order_by("pk")]

    assert [(r.user, r.comment.split(":")[0]) for r in revisions] == [
        (writer, "Submitted for review"), (editor, "Scheduled")
    ]

"""Who else is editing a story (articles/presence.py and the story form's notice)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import presence
from articles.models import Article
from tests.conftest import staff_in_group
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/articles/article/"


@pytest.fixture
def second_editor(db):
    """Another editor, Ana Editor."""
    return staff_in_group("ana", "Editor", first_name="Ana", last_name="Editor")


@pytest.fixture
def desk_story(section):
    """A story in review, which editors may edit."""
    return ArticleFactory(section=section, status=Article.Status.IN_REVIEW, publish_at=None, headline="Bridge vote")


def test_a_heartbeat_shows_who_else_is_editing_and_since_when(editor, second_editor, desk_story):
    opened = timezone.now() - timedelta(seconds=40)
    presence.presence_heartbeat(article=desk_story, user=second_editor, now=opened)
    presence.presence_heartbeat(article=desk_story, user=second_editor, now=opened + timedelta(seconds=30))

    others = presence.presence_heartbeat(article=desk_story, user=editor, now=opened + timedelta(seconds=40))

    assert [(person.name, person.since) for person in others] == [("Ana Editor", opened)]
    assert [person.name for person in presence.presence_others(article=desk_story, user=second_editor)] == ["editor"]


def test_presence_ends_once_the_heartbeats_stop(editor, second_editor, desk_story):
    last_heartbeat = timezone.now()
    presence.presence_heartbeat(article=desk_story, user=second_editor, now=last_heartbeat)

    still = presence.presence_others(
        article=desk_story, user=editor, now=last_heartbeat + timedelta(seconds=presence.PRESENCE_SECONDS - 1)
    )
    gone = presence.presence_others(
        article=desk_story, user=editor, now=last_heartbeat + timedelta(seconds=presence.PRESENCE_SECONDS)
    )

    assert [person.name for person in still] == ["Ana Editor"] and gone == []
    # Gone from the others' pages within two minutes of the last heartbeat, even with their poll's delay.
    assert presence.PRESENCE_SECONDS + presence.HEARTBEAT_SECONDS <= 120


def test_presence_ends_with_the_clock_too(editor, second_editor, desk_story, clock):
    start = timezone.now()
    clock(start)
    presence.presence_heartbeat(article=desk_story, user=second_editor)

    clock(start + timedelta(minutes=2))

    assert presence.presence_others(article=desk_story, user=editor) == []


def test_coming_back_after_leaving_starts_a_new_since(editor, second_editor, desk_story):
    first = timezone.now() - timedelta(minutes=10)
    presence.presence_heartbeat(article=desk_story, user=second_editor, now=first)
    back = first + timedelta(minutes=9)
    presence.presence_heartbeat(article=desk_story, user=second_editor, now=back)

    others = presence.presence_others(article=desk_story, user=editor, now=back)

    assert [person.since for person in others] == [back]


def test_a_lost_roster_entry_comes_back_at_the_next_heartbeat(editor, second_editor, desk_story):
    """Two first heartbeats at once may each write the roster without the other."""
    from django.core.cache import cache

    now = timezone.now()
    presence.presence_heartbeat(article=desk_story, user=second_editor, now=now)
    cache.set(f"presence:{desk_story.pk}", [editor.pk])  # the other process's write won

    presence.presence_heartbeat(article=desk_story, user=second_editor, now=now + timedelta(seconds=30))

    assert [p.name for p in presence.presence_others(article=desk_story, user=editor, now=now)] == ["Ana Editor"]


def test_leaving_ends_presence_at_once(editor, second_editor, desk_story):
    presence.presence_heartbeat(article=desk_story, user=second_editor)

    presence.presence_leave(article=desk_story, user=second_editor)

    assert presence.presence_others(article=desk_story, user=editor) == []


def test_who_may_only_read_a_story_is_not_shown_as_editing_it(editor, writer, draft_by_writer, desk_story):
    desk_story.created_by = writer
    desk_story.save()  # the writer's own story, in review: they may read it, not edit it
    presence.presence_heartbeat(article=desk_story, user=writer)

    assert presence.presence_others(article=desk_story, user=editor) == []


def test_a_heartbeat_writes_nothing_to_the_database(editor, second_editor, desk_story):
    presence.presence_heartbeat(article=desk_story, user=second_editor)

    with CaptureQueriesContext(connection) as queries:
        presence.presence_heartbeat(article=desk_story, user=editor)

    assert all(query["sql"].lstrip().upper().startswith("SELECT") for query in queries.captured_queries)


def test_the_story_form_names_who_else_is_editing(client, editor, second_editor, desk_story):
    second_editor.first_name = "<b>Ana</b>"
    second_editor.save()
    other = Client()
    other.force_login(second_editor)
    other.get(f"{CHANGELIST}{desk_story.pk}/change/")
    client.force_login(editor)

    page = client.get(f"{CHANGELIST}{desk_story.pk}/change/").content.decode()
    fragment = client.post(f"{CHANGELIST}{desk_story.pk}/presence/").content.decode()

    for html in (page, fragment):
        assert "<strong>&lt;b&gt;Ana&lt;/b&gt; Editor</strong> is editing this story (since" in html
        assert "<b>Ana</b>" not in html


def test_the_presence_url_leave_and_get(client, editor, second_editor, desk_story):
    client.force_login(second_editor)
    client.post(f"{CHANGELIST}{desk_story.pk}/presence/")
    editor_client = Client()
    editor_client.force_login(editor)
    assert "Ana Editor" in editor_client.get(f"{CHANGELIST}{desk_story.pk}/presence/").content.decode()

    left = client.post(f"{CHANGELIST}{desk_story.pk}/presence/", {"leave": "1"})

    assert left.status_code == 204
    assert "Ana Editor" not in editor_client.get(f"{CHANGELIST}{desk_story.pk}/presence/").content.decode()

"""A story's page and history (issue 17, items 2 and 3): the buttons say what will happen,
the last workflow note heads the page, one timeline, and Compare starts with the useful pair."""

import datetime
from datetime import timedelta

import pytest
import reversion
from django.utils import timezone
from reversion.models import Version

from articles import services
from articles.history import story_timeline, useful_pair
from articles.models import Article
from tests.conftest import staff_in_group
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
Status = Article.Status
CHANGELIST = "/admin/articles/article/"
LONDON_WINTER = datetime.datetime(2026, 12, 3, 9, 25, tzinfo=datetime.UTC)  # Thu 3 Dec, 09:25 in London


# Buttons -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "publish_at, embargo_until, approve, schedule",
    [
        (LONDON_WINTER, None, "Approve: goes live Thu 3 Dec, 09:25", "Schedule for Thu 3 Dec, 09:25"),
        (LONDON_WINTER - timedelta(days=2), None, "Approve: goes live now", "Schedule for the publish time"),
        (None, None, "Approve: goes live now", "Schedule for the publish time"),
        # The embargo holds the story back: the later of the two times.
        (LONDON_WINTER - timedelta(days=2), LONDON_WINTER + timedelta(hours=1),
         "Approve: goes live Thu 3 Dec, 10:25", "Schedule for Thu 3 Dec, 10:25"),
        (LONDON_WINTER + timedelta(days=365), None, "Approve: goes live Fri 3 Dec 2027, 09:25",
         "Schedule for Fri 3 Dec 2027, 09:25"),
    ],
    ids=["future", "past", "none", "embargo", "next year"],
)
def test_buttons_say_when_the_story_goes_live_in_newsroom_time(clock, publish_at, embargo_until, approve, schedule):
    clock(LONDON_WINTER - timedelta(hours=3))
    story = Article(status=Status.IN_REVIEW, publish_at=publish_at, embargo_until=embargo_until)

    labels = {name: services.STEP[name].button(story) for name in ("approve", "schedule", "publish", "request_changes")}

    assert labels == {
        "approve": approve, "schedule": schedule, "publish": "Publish now", "request_changes": "Request changes",
    }


def test_change_form_buttons_carry_the_time_and_post_the_step(client, editor, writer, draft_by_writer):
    at = (timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    Article.objects.filter(pk=draft_by_writer.pk).update(publish_at=at)
    services.article_submit(article=draft_by_writer, by=writer)
    client.force_login(editor)

    page = client.get(f"{CHANGELIST}{draft_by_writer.pk}/change/").content.decode()

    time = services.newsroom_short_time(at)
    assert f'<button type="submit" name="_workflow" value="approve">Approve: goes live {time}</button>' in page
    assert f'<button type="submit" name="_workflow" value="schedule">Schedule for {time}</button>' in page
    assert page.count('name="_workflow"') == 4 and page.count('name="workflow_note"') == 1
    assert page.index('aria-label="Workflow"') < page.index('name="headline"')


def test_the_last_note_heads_the_writers_page_in_full(client, editor, writer, draft_by_writer):
    services.article_submit(article=draft_by_writer, by=writer, note="Ready, I think.")
    services.article_request_changes(article=draft_by_writer, by=editor, note="Name the councillor.\nAnd the vote.")
    client.force_login(writer)

    page = client.get(f"{CHANGELIST}{draft_by_writer.pk}/change/").content.decode()

    head = page[: page.index('name="headline"')]
    assert "<strong>Changes requested</strong> by editor" in head
    assert "Name the councillor.<br>And the vote." in head and "Ready, I think." not in head
    assert "Note for the editors" in page


# The timeline --------------------------------------------------------------------


@pytest.fixture
def reviewed_story(client, editor, writer, draft_by_writer, form_data, clock):
    """The writer's draft: saved by the writer, submitted, sent back with a note, edited and
    resubmitted by the writer, then published and corrected by the editor (a minute apart)."""
    moment = timezone.now() - timedelta(hours=1)

    def tick():
        nonlocal moment
        moment += timedelta(minutes=1)
        clock(moment)

    story = draft_by_writer
    tick()
    with reversion.create_revision():
        reversion.set_user(writer)
        story.save()
    tick()
    services.article_submit(article=story, by=writer)
    tick()
    services.article_request_changes(article=story, by=editor, note="Add the date.")
    tick()
    client.force_login(writer)
    client.post(f"{CHANGELIST}{story.pk}/change/", form_data(Article.objects.get(pk=story.pk), headline="Dated"))
    tick()
    services.article_submit(article=story, by=writer, note="Added.")
    tick()
    services.article_publish(article=story, by=editor)
    tick()
    services.article_add_correction(article=story, by=editor, text="The vote was on Monday.")
    story.refresh_from_db()
    return story


def test_timeline_has_every_save_step_and_correction_newest_first_with_who(reviewed_story, editor, writer):
    timeline = story_timeline(reviewed_story)

    assert [(entry.what, entry.who, entry.note) for entry in timeline] == [
        ("Correction added", editor, "The vote was on Monday."),
        ("Published", editor, ""),
        ("Submitted for review", writer, "Added."),
        ("Saved", writer, "Edited in the admin: Changed Headline."),
        ("Changes requested", editor, "Add the date."),
        ("Submitted for review", writer, ""),
        ("Saved", writer, ""),
    ]
    assert [entry.kind for entry in timeline][:2] == ["correction", "step"]
    # Each entry with a revision links to it and the one before (7 revisions, the first has none).
    assert all(entry.version for entry in timeline)
    assert [entry.previous is None for entry in timeline] == [False] * 6 + [True]


def test_history_page_shows_the_timeline_with_differences_and_the_writer_sees_the_steps_only(
    client, reviewed_story, editor, writer
):
    client.force_login(editor)
    page = client.get(f"{CHANGELIST}{reviewed_story.pk}/history/").content.decode()
    client.force_login(writer)
    writers = client.get(f"{CHANGELIST}{reviewed_story.pk}/history/")

    assert page.count(">Difference</a>") == 6 and "Add the date." in page and "The vote was on Monday." in page
    assert [entry.what for entry in writers.context["timeline"]] == [
        "Correction added", "Published", "Submitted for review", "Changes requested", "Submitted for review",
    ]
    assert "Difference" not in writers.content.decode() and "Add the date." in writers.content.decode()


def test_a_revert_is_one_entry_with_its_revision(client, editor, reviewed_story):
    first = Version.objects.get_for_object(reviewed_story).order_by("pk").first()

    services.article_revert(article=reviewed_story, by=editor, version=first)

    latest = story_timeline(reviewed_story)[0]
    assert (latest.what, latest.kind, latest.who) == ("Reverted to an earlier revision", "revert", editor)
    assert latest.version == Version.objects.get_for_object(reviewed_story).first()


# The useful pair -------------------------------------------------------------------


def _versions(story):
    return list(Version.objects.get_for_object(story).order_by("pk"))


def test_compare_without_a_choice_opens_the_useful_pair(client, editor, reviewed_story):
    versions = _versions(reviewed_story)
    client.force_login(editor)

    response = client.get(f"{CHANGELIST}{reviewed_story.pk}/revisions/compare/")

    # The editor's own last step before the correction: publishing it.
    assert useful_pair(reviewed_story, editor) == (versions[-2], versions[-1])
    assert response.status_code == 302
    assert response.url.endswith(f"?from={versions[-2].pk}&to={versions[-1].pk}")
    assert client.get(response.url).status_code == 200


def test_useful_pair_under_review_is_the_request_for_changes_against_the_resubmission(
    editor, writer, draft_by_writer, form_data, client
):
    story = draft_by_writer
    services.article_submit(article=story, by=writer)
    services.article_request_changes(article=story, by=editor, note="Add the date.")
    client.force_login(writer)
    client.post(f"{CHANGELIST}{story.pk}/change/", form_data(Article.objects.get(pk=story.pk), headline="Dated"))
    services.article_submit(article=story, by=writer)
    versions = _versions(story)

    sent_back = versions[1]
    assert useful_pair(story, editor) == (sent_back, versions[-1])
    # Another editor, who never saved it: the last revision an editor (not its writer) saved.
    assert useful_pair(story, staff_in_group("second", "Editor")) == (sent_back, versions[-1])
    assert sent_back.revision.comment == "Changes requested: Add the date."


def test_useful_pair_falls_back_to_the_last_published_revision_then_the_one_before(writer, editor, section):
    story = ArticleFactory(section=section, created_by=writer, bylines=[writer.author_profile])
    for status, user in [(Status.PUBLISHED, None), (Status.DRAFT, writer), (Status.DRAFT, writer)]:
        Article.objects.filter(pk=story.pk).update(status=status)
        story.refresh_from_db()
        with reversion.create_revision():
            reversion.set_user(user)
            story.save()
    versions = _versions(story)

    assert useful_pair(story, editor) == (versions[0], versions[2])  # published, by a script
    versions[0].delete()
    assert useful_pair(story, editor) == (versions[1], versions[2])  # the one before


def test_compare_of_a_story_with_one_revision_goes_back_to_the_history(client, editor, section):
    story = ArticleFactory(section=section)
    with reversion.create_revision():
        story.save()
    client.force_login(editor)

    response = client.get(f"{CHANGELIST}{story.pk}/revisions/compare/", follow=True)

    assert response.redirect_chain[-1][0] == f"{CHANGELIST}{story.pk}/history/"
    assert "nothing to compare yet" in response.content.decode()


# Old addresses --------------------------------------------------------------------


def test_old_revisions_page_redirects_to_the_history_and_a_writer_still_may_not_open_it(
    client, editor, writer, draft_by_writer
):
    client.force_login(editor)
    as_editor = client.get(f"{CHANGELIST}{draft_by_writer.pk}/revisions/")
    client.force_login(writer)
    as_writer = client.get(f"{CHANGELIST}{draft_by_writer.pk}/revisions/")

    assert (as_editor.status_code, as_editor.url) == (302, f"{CHANGELIST}{draft_by_writer.pk}/history/")
    assert as_writer.status_code == 403

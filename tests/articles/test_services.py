from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from reversion.models import Version

from articles import services
from articles.models import Article, ArticleEvent, Correction
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def in_review(draft_by_writer):
    """The writer's story, waiting for an editor."""
    Article.objects.filter(pk=draft_by_writer.pk).update(status=Status.IN_REVIEW)
    draft_by_writer.refresh_from_db()
    return draft_by_writer


def test_submit_moves_a_draft_to_review_and_records_who_and_when(writer, draft_by_writer):
    before = draft_by_writer.version

    services.article_submit(article=draft_by_writer, by=writer, note="Ready when you are")

    assert draft_by_writer.status == Status.IN_REVIEW
    assert draft_by_writer.version == before + 1
    event = draft_by_writer.events.get()
    assert (event.actor, event.action, event.from_status, event.to_status, event.note) == (
        writer, ArticleEvent.Action.SUBMITTED, Status.DRAFT, Status.IN_REVIEW, "Ready when you are"
    )
    revision = Version.objects.get_for_object(draft_by_writer).get().revision
    assert revision.user == writer and revision.comment.startswith("Submitted for review")


def test_submit_emails_the_editors(writer, editor, draft_by_writer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.article_submit(article=draft_by_writer, by=writer)

    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert "For review: Harbour plan goes to council" == mail.outbox[0].subject
    assert f"/admin/articles/article/{draft_by_writer.pk}/change/" in mail.outbox[0].body


def test_submit_refuses_a_story_without_a_body(writer, draft_by_writer):
    Article.objects.filter(pk=draft_by_writer.pk).update(body="")

    with pytest.raises(ValidationError) as error:
        services.article_submit(article=draft_by_writer, by=writer)

    assert "body" in error.value.message_dict
    assert Article.objects.get(pk=draft_by_writer.pk).status == Status.DRAFT
    assert not ArticleEvent.objects.exists()


def test_writer_cannot_submit_another_writers_draft(other_writer, draft_by_writer):
    with pytest.raises(PermissionDenied):
        services.article_submit(article=draft_by_writer, by=other_writer)


def test_request_changes_needs_a_note_and_emails_the_writer(
    editor, writer, in_review, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError) as error:
        services.article_request_changes(article=in_review, by=editor, note=" ")
    assert "note" in error.value.message_dict

    with django_capture_on_commit_callbacks(execute=True):
        services.article_request_changes(article=in_review, by=editor, note="Check the second quote.")

    assert in_review.status == Status.CHANGES_REQUESTED
    assert [message.to for message in mail.outbox] == [[writer.email]]
    assert "Check the second quote." in mail.outbox[0].body


def test_writer_can_resubmit_after_changes_were_requested(editor, writer, in_review):
    services.article_request_changes(article=in_review, by=editor, note="Shorter, please.")

    services.article_submit(article=in_review, by=writer)

    assert in_review.status == Status.IN_REVIEW
    assert list(in_review.events.values_list("action", flat=True)) == ["submitted", "changes_requested"]


def test_approve_publishes_now_when_no_publish_time_is_set(editor, in_review):
    services.article_approve(article=in_review, by=editor)

    assert in_review.status == Status.PUBLISHED
    assert in_review.is_published()


def test_approve_keeps_a_future_publish_time_so_the_story_is_scheduled(editor, in_review):
    later = timezone.now() + timedelta(hours=2)
    Article.objects.filter(pk=in_review.pk).update(publish_at=later)

    services.article_approve(article=in_review, by=editor)

    assert in_review.status == Status.PUBLISHED and in_review.publish_at == later
    assert in_review.is_scheduled()


def test_approve_waits_for_the_embargo(editor, in_review):
    embargo = timezone.now() + timedelta(hours=3)
    Article.objects.filter(pk=in_review.pk).update(embargo_until=embargo)

    services.article_approve(article=in_review, by=editor)

    assert in_review.publish_at == embargo and not in_review.is_published()


def test_publish_refuses_while_an_embargo_is_in_force(editor, in_review):
    Article.objects.filter(pk=in_review.pk).update(embargo_until=timezone.now() + timedelta(hours=1))

    with pytest.raises(ValidationError) as error:
        services.article_publish(article=in_review, by=editor)

    assert "embargo" in error.value.message_dict["publish_at"][0]


def test_schedule_sets_a_future_publish_time(editor, in_review):
    at = timezone.now() + timedelta(days=1)

    services.article_schedule(article=in_review, by=editor, at=at)

    assert (in_review.status, in_review.publish_at) == (Status.PUBLISHED, at)
    assert in_review.events.get().action == ArticleEvent.Action.SCHEDULED


@pytest.mark.parametrize("offset", [timedelta(seconds=-1), timedelta(0)])
def test_schedule_refuses_a_time_that_is_not_in_the_future(editor, in_review, offset):
    with pytest.raises(ValidationError) as error:
        services.article_schedule(article=in_review, by=editor, at=timezone.now() + offset)

    assert "publish_at" in error.value.message_dict


def test_schedule_refuses_a_time_before_the_embargo(editor, in_review):
    embargo = timezone.now() + timedelta(hours=5)
    Article.objects.filter(pk=in_review.pk).update(embargo_until=embargo)

    with pytest.raises(ValidationError) as error:
        services.article_schedule(article=in_review, by=editor, at=embargo - timedelta(minutes=1))

    assert "earlier than the embargo" in error.value.message_dict["publish_at"][0]


def test_withdraw_needs_a_reason_and_keeps_it_for_the_editors(editor, section):
    story = ArticleFactory(section=section)

    with pytest.raises(ValidationError):
        services.article_withdraw(article=story, by=editor, reason="")
    services.article_withdraw(article=story, by=editor, reason="Legal complaint pending")

    assert story.status == Status.WITHDRAWN and not story.is_published()
    assert story.events.get().note == "Legal complaint pending"


@pytest.mark.parametrize(
    "step, status",
    [
        ("submit", Status.IN_REVIEW),
        ("request_changes", Status.DRAFT),
        ("approve", Status.DRAFT),
        ("withdraw", Status.DRAFT),
    ],
)
def test_transitions_refuse_stories_in_the_wrong_state(editor, section, step, status):
    story = ArticleFactory(section=section, status=status, created_by=editor)
    call = {
        "submit": lambda: services.article_submit(article=story, by=editor),
        "request_changes": lambda: services.article_request_changes(article=story, by=editor, note="x"),
        "approve": lambda: services.article_approve(article=story, by=editor),
        "withdraw": lambda: services.article_withdraw(article=story, by=editor, reason="x"),
    }[step]

    with pytest.raises(ValidationError, match="cannot be"):
        call()

    assert Article.objects.get(pk=story.pk).status == status


def test_correction_is_recorded_and_moves_the_modified_time(editor, section):
    story = ArticleFactory(section=section)
    Article.objects.filter(pk=story.pk).update(updated_at=timezone.now() - timedelta(days=2))

    correction = services.article_add_correction(article=story, by=editor, text="The vote is on Tuesday.")

    assert correction.created_by == editor and correction.article == story
    assert timezone.now() - story.updated_at < timedelta(minutes=1)
    assert story.events.get().action == ArticleEvent.Action.CORRECTED


def test_correction_is_refused_for_a_story_that_is_not_public(editor, draft_by_writer):
    with pytest.raises(ValidationError):
        services.article_add_correction(article=draft_by_writer, by=editor, text="Fix")

    assert not Correction.objects.exists()


# Rescheduling a published story ------------------------------------------------


def test_reschedule_moves_a_published_story_to_a_later_time_and_records_it(editor, section):
    story = ArticleFactory(section=section)
    before = story.version
    later = timezone.now() + timedelta(hours=4)

    services.article_reschedule(article=story, by=editor, publish_at=later, embargo_until=None)

    assert (story.status, story.publish_at, story.version) == (Status.PUBLISHED, later, before + 1)
    assert story.is_scheduled()
    event = story.events.get()
    assert (event.actor, event.action, event.from_status, event.to_status, event.note) == (
        editor, ArticleEvent.Action.SCHEDULED, Status.PUBLISHED, Status.PUBLISHED,
        f"Goes live {services.newsroom_time(later)}",
    )
    revision = Version.objects.get_for_object(story).get().revision
    assert revision.user == editor and revision.comment.startswith("Scheduled: Goes live")


def test_reschedule_moves_an_embargo_and_the_story_goes_live_when_it_lifts(editor, section):
    first = timezone.now() + timedelta(days=1)
    story = ArticleFactory(section=section, publish_at=first, embargo_until=first)
    lifted = first + timedelta(days=1)

    services.article_reschedule(article=story, by=editor, publish_at=lifted, embargo_until=lifted)

    assert (story.publish_at, story.embargo_until) == (lifted, lifted)
    assert not story.is_published() and story.is_published(lifted)
    assert story.events.get().note == f"Goes live {services.newsroom_time(lifted)}"


def test_reschedule_needs_the_schedule_permission_and_changes_nothing_without_it(writer, section):
    story = ArticleFactory(section=section, created_by=writer)
    before = Article.objects.values().get(pk=story.pk)

    with pytest.raises(PermissionDenied, match="change when a published story goes live"):
        services.article_reschedule(
            article=story, by=writer, publish_at=timezone.now() + timedelta(days=1), embargo_until=None
        )

    assert Article.objects.values().get(pk=story.pk) == before
    assert not story.events.exists()


def test_reschedule_refuses_a_story_that_is_not_published(editor, draft_by_writer):
    with pytest.raises(ValidationError, match="A story that is draft cannot be rescheduled."):
        services.article_reschedule(
            article=draft_by_writer, by=editor, publish_at=timezone.now() + timedelta(days=1), embargo_until=None
        )

    assert Article.objects.get(pk=draft_by_writer.pk).publish_at is None
    assert not draft_by_writer.events.exists()


def test_reschedule_refuses_a_publish_time_before_the_embargo(editor, section):
    story = ArticleFactory(section=section)
    embargo = timezone.now() + timedelta(days=2)

    with pytest.raises(ValidationError) as error:
        services.article_reschedule(
            article=story, by=editor, publish_at=embargo - timedelta(hours=1), embargo_until=embargo
        )

    assert "earlier than the embargo" in error.value.message_dict["publish_at"][0]
    assert Article.objects.get(pk=story.pk).embargo_until is None


# The workflow table ----------------------------------------------------------


def test_every_step_in_the_table_names_a_permission_the_story_model_defines():
    defined = {f"articles.{codename}" for codename, _ in Article._meta.permissions}

    assert {step.permission for step in services.WORKFLOW} <= defined
    assert [step.name for step in services.WORKFLOW] == list(services.STEP)


@pytest.mark.parametrize("step", services.WORKFLOW, ids=lambda step: step.name)
def test_every_step_refuses_a_story_outside_the_states_it_starts_from(administrator, section, step):
    """The guard each function applies is the row's `starts_from`: try every state
    the row leaves out (a live story stands for Published)."""
    states = {Status.DRAFT, Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.PUBLISHED, Status.WITHDRAWN}
    for status in sorted(states - step.starts_from):
        story = ArticleFactory(section=section, status=status, created_by=administrator)
        if step.schedules:
            story.publish_at = timezone.now() + timedelta(days=1)  # the time to schedule it for

        with pytest.raises(ValidationError):
            step.take(article=story, by=administrator, note="Because.")

        assert Article.objects.get(pk=story.pk).status == status
        assert not story.events.exists()

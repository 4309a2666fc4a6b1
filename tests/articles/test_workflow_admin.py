from datetime import timedelta

import pytest
from django.contrib import admin
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone
from reversion.models import Version

from articles import services
from articles.admin import ArticleConflict
from articles.models import Article, ArticleEvent
from tests.conftest import add_form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
Status = Article.Status
CHANGELIST = "/admin/articles/article/"


def _change_url(story):
    return f"{CHANGELIST}{story.pk}/change/"


def _local(value):
    local = timezone.localtime(value)
    return local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")


@pytest.fixture
def in_review(writer, draft_by_writer):
    """The writer's story, submitted for review."""
    return services.article_submit(article=draft_by_writer, by=writer)


def test_writer_saves_and_submits_with_one_button_and_editors_are_emailed(
    client, writer, editor, draft_by_writer, form_data, django_capture_on_commit_callbacks
):
    client.force_login(writer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _change_url(draft_by_writer), form_data(draft_by_writer, headline="Harbour plan approved", _workflow="submit")
        )

    story = Article.objects.get(pk=draft_by_writer.pk)
    assert response.status_code == 302
    assert (story.status, story.headline) == (Status.IN_REVIEW, "Harbour plan approved")
    assert [m.to for m in mail.outbox] == [[editor.email]]


def test_editor_requests_changes_with_a_note_and_the_writer_is_emailed(
    client, editor, writer, in_review, form_data, django_capture_on_commit_callbacks
):
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _change_url(in_review),
            form_data(in_review, _workflow="request_changes", workflow_note="Name the councillor."),
        )

    assert Article.objects.get(pk=in_review.pk).status == Status.CHANGES_REQUESTED
    assert [m.to for m in mail.outbox] == [[writer.email]]
    assert "Name the councillor." in mail.outbox[0].body


def test_request_changes_without_a_note_is_a_field_error_and_keeps_the_text(client, editor, in_review, form_data):
    client.force_login(editor)

    response = client.post(
        _change_url(in_review), form_data(in_review, headline="Edited headline", _workflow="request_changes")
    )

    form = response.context["adminform"].form
    assert form.errors["workflow_note"] == ["Say what the writer should change."]
    assert form["headline"].value() == "Edited headline"
    assert Article.objects.get(pk=in_review.pk).status == Status.IN_REVIEW


def test_editor_schedules_for_the_publish_time_in_the_form(client, editor, in_review, form_data):
    client.force_login(editor)
    at = (timezone.now() + timedelta(hours=3)).replace(microsecond=0)
    date, time = _local(at)

    client.post(_change_url(in_review), form_data(in_review, _workflow="schedule", publish_at_0=date, publish_at_1=time))

    story = Article.objects.get(pk=in_review.pk)
    assert (story.status, story.publish_at) == (Status.PUBLISHED, at)
    assert story.is_scheduled()


def test_scheduling_a_time_in_the_past_is_a_field_error(client, editor, in_review, form_data):
    client.force_login(editor)
    date, time = _local(timezone.now() - timedelta(minutes=5))

    response = client.post(
        _change_url(in_review), form_data(in_review, _workflow="schedule", publish_at_0=date, publish_at_1=time)
    )

    assert "Choose a publish time in the future" in response.context["adminform"].form.errors["publish_at"][0]
    assert Article.objects.get(pk=in_review.pk).status == Status.IN_REVIEW


@pytest.mark.parametrize("button, status", [("approve", Status.PUBLISHED), ("publish", Status.PUBLISHED)])
def test_editor_approves_or_publishes_from_the_change_form(client, editor, in_review, form_data, button, status):
    client.force_login(editor)

    client.post(_change_url(in_review), form_data(in_review, _workflow=button))

    story = Article.objects.get(pk=in_review.pk)
    assert story.status == status and story.is_published()


def test_editor_withdraws_with_a_reason_shown_on_the_change_form(client, editor, section, form_data):
    story = ArticleFactory(section=section)
    client.force_login(editor)

    client.post(_change_url(story), form_data(story, _workflow="withdraw", workflow_note="Source retracted."))
    page = client.get(_change_url(story)).content.decode()

    assert Article.objects.get(pk=story.pk).status == Status.WITHDRAWN
    assert "Reason: Source retracted." in page


def test_withdraw_without_a_reason_is_a_field_error(client, editor, section, form_data):
    story = ArticleFactory(section=section)
    client.force_login(editor)

    response = client.post(_change_url(story), form_data(story, _workflow="withdraw"))

    assert response.context["adminform"].form.errors["workflow_note"]
    assert Article.objects.get(pk=story.pk).status == Status.PUBLISHED


def test_change_form_shows_buttons_history_preview_and_the_time_zone(client, editor, writer, in_review):
    client.force_login(editor)

    response = client.get(_change_url(in_review))
    page = response.content.decode()

    assert [value for value, _ in response.context["workflow_buttons"]] == [
        "request_changes", "approve", "publish", "schedule"
    ]
    assert f'href="{in_review.get_absolute_url()}"' in page and ">Preview</a>" in page
    assert 'role="region" aria-label="Workflow"' in page and "Note for the writer" in page
    assert f'href="{CHANGELIST}{in_review.pk}/history/">History</a>' in page
    assert "Times are in the newsroom's time zone (Europe/London)." in page
    assert 'name="version_token"' in page


def test_writer_sees_only_the_submit_button_on_their_draft(client, writer, draft_by_writer):
    client.force_login(writer)

    response = client.get(_change_url(draft_by_writer))

    assert [value for value, _ in response.context["workflow_buttons"]] == ["submit"]


def test_status_is_read_only_on_the_form_for_everyone(client, administrator, draft_by_writer):
    client.force_login(administrator)

    form = client.get(_change_url(draft_by_writer)).context["adminform"].form

    assert "status" not in form.fields


def test_embargo_in_the_past_is_refused_with_a_field_message(client, editor, in_review, form_data):
    client.force_login(editor)
    date, time = _local(timezone.now() - timedelta(hours=1))

    response = client.post(_change_url(in_review), form_data(in_review, embargo_until_0=date, embargo_until_1=time))

    assert response.context["adminform"].form.errors["embargo_until"] == ["An embargo must end in the future."]


def test_publish_time_earlier_than_the_embargo_is_refused_with_a_field_message(client, editor, in_review, form_data):
    client.force_login(editor)
    embargo_date, embargo_time = _local(timezone.now() + timedelta(days=2))
    publish_date, publish_time = _local(timezone.now() + timedelta(days=1))

    response = client.post(_change_url(in_review), form_data(
        in_review, embargo_until_0=embargo_date, embargo_until_1=embargo_time,
        publish_at_0=publish_date, publish_at_1=publish_time,
    ))

    errors = response.context["adminform"].form.errors
    assert "must not be earlier than the embargo" in errors["publish_at"][0]
    assert "embargo_until" not in errors


def test_admin_reads_and_writes_times_in_the_newsroom_time_zone(client, editor, in_review, form_data):
    client.force_login(editor)

    client.post(_change_url(in_review), form_data(in_review, publish_at_0="2030-07-01", publish_at_1="09:00:00"))

    # 09:00 in London in July is 08:00 UTC (British Summer Time).
    assert Article.objects.get(pk=in_review.pk).publish_at.isoformat() == "2030-07-01T08:00:00+00:00"


def test_scheduled_filter_lists_scheduled_stories_with_their_go_live_time(client, editor, section):
    at = timezone.now() + timedelta(hours=6)
    scheduled = ArticleFactory(section=section, publish_at=at)
    ArticleFactory(section=section)
    ArticleFactory(section=section, status=Status.DRAFT, publish_at=at)
    client.force_login(editor)

    response = client.get(CHANGELIST, {"publication": "scheduled"})

    assert list(response.context["cl"].result_list) == [scheduled]
    page = response.content.decode()
    assert services.newsroom_time(at) in page and "Scheduled" in page


def test_every_admin_save_is_a_revision_with_its_author_and_a_comment(client, editor, in_review, form_data):
    client.force_login(editor)

    client.post(_change_url(in_review), form_data(in_review, headline="Sharper headline"))

    latest = Version.objects.get_for_object(in_review).first()
    assert latest.field_dict["headline"] == "Sharper headline"
    assert latest.revision.user == editor
    assert latest.revision.comment == "Edited in the admin: Changed Headline."


def test_creating_a_story_in_the_admin_records_a_creation_event_and_a_revision(client, writer, section):
    client.force_login(writer)
    data = add_form_data(section=section, author=writer.author_profile)

    client.post(f"{CHANGELIST}add/", data)

    story = Article.objects.get(slug="ferry-timetable")
    assert (story.status, story.created_by) == (Status.DRAFT, writer)
    assert story.events.get().action == ArticleEvent.Action.CREATED
    assert Version.objects.get_for_object(story).get().revision.user == writer


# No lost updates ----------------------------------------------------------------


def test_second_save_of_a_stale_form_is_refused_naming_who_saved_and_when_and_keeping_the_text(
    client, editor, administrator, in_review, form_data
):
    administrator.first_name, administrator.last_name = "Ada", "Admin"
    administrator.save()
    stale = form_data(in_review, body="<p>The editor's careful rewrite.</p>")
    client.force_login(administrator)
    client.post(_change_url(in_review), form_data(in_review, headline="Admin's headline"))
    saved = Article.objects.get(pk=in_review.pk)

    client.force_login(editor)
    response = client.post(_change_url(in_review), stale)

    form = response.context["adminform"].form
    message = form.non_field_errors()[0]
    assert "Ada Admin saved this story at" in message
    assert services.newsroom_time(saved.updated_at) in message
    assert form["body"].value() == "<p>The editor's careful rewrite.</p>"
    assert "The editor&#x27;s careful rewrite." in response.content.decode()
    assert Article.objects.get(pk=in_review.pk).headline == "Admin's headline"
    assert Article.objects.get(pk=in_review.pk).body != "<p>The editor's careful rewrite.</p>"


def test_saving_again_after_the_conflict_message_is_a_deliberate_overwrite(
    client, editor, administrator, in_review, form_data
):
    stale = form_data(in_review, body="<p>Mine.</p>")
    client.force_login(administrator)
    client.post(_change_url(in_review), form_data(in_review, headline="Theirs"))
    client.force_login(editor)
    refused = client.post(_change_url(in_review), stale)

    retry = {**stale, "version_token": refused.context["adminform"].form["version_token"].value()}
    accepted = client.post(_change_url(in_review), retry)

    assert accepted.status_code == 302
    assert Article.objects.get(pk=in_review.pk).body == "<p>Mine.</p>"


def test_a_workflow_step_in_between_also_makes_the_form_stale(client, editor, writer, draft_by_writer, form_data):
    stale = form_data(draft_by_writer, headline="Too late")
    services.article_submit(article=draft_by_writer, by=writer)
    client.force_login(editor)

    response = client.post(_change_url(draft_by_writer), stale)

    assert "Wendy Writer saved this story" in response.context["adminform"].form.non_field_errors()[0]


def test_the_save_is_a_compare_and_set_in_the_database(editor, in_review, form_data):
    """Two saves that both passed validation: the database lets only the first through."""
    from articles.admin import ArticleAdmin

    model_admin = ArticleAdmin(Article, admin.site)
    request = RequestFactory().post("/")
    request.user = editor
    form_class = model_admin.get_form(request, in_review, change=True)
    first = form_class(form_data(in_review, headline="First"), instance=Article.objects.get(pk=in_review.pk))
    second = form_class(form_data(in_review, headline="Second"), instance=Article.objects.get(pk=in_review.pk))
    assert first.is_valid() and second.is_valid()

    model_admin.save_model(request, first.save(commit=False), first, change=True)
    with pytest.raises(ArticleConflict):
        model_admin.save_model(request, second.save(commit=False), second, change=True)

    assert Article.objects.get(pk=in_review.pk).headline == "First"


@pytest.mark.django_db(transaction=True)
def test_a_save_racing_another_save_waits_for_it_and_is_refused(
    role_groups, editor, administrator, draft_by_writer, form_data
):
    """Another editor's save is in progress (row locked, not yet committed) when a
    stale form arrives. On PostgreSQL the stale save waits for the row lock and is then
    refused with the conflict message; SQLite has no row locks and refuses it with a
    locked-table error. Either way the first save is not lost."""
    import threading
    import time

    from django.db import connection, transaction
    from django.db.models import F
    from django.test import Client

    stale = form_data(draft_by_writer, headline="The second editor's headline")
    outcome = {}

    def second_editor_saves():
        try:
            client = Client()
            client.force_login(editor)
            started = time.monotonic()
            response = client.post(_change_url(draft_by_writer), stale)
            outcome["waited"] = time.monotonic() - started
            outcome["errors"] = response.context["adminform"].form.non_field_errors()
        except Exception as error:  # SQLite: "database table is locked"
            outcome["error"] = error
        finally:
            connection.close()

    with transaction.atomic():
        Article.objects.select_for_update().get(pk=draft_by_writer.pk)
        Article.objects.filter(pk=draft_by_writer.pk).update(
            version=F("version") + 1, headline="The first editor's headline", updated_by=administrator
        )
        second = threading.Thread(target=second_editor_saves)
        second.start()
        time.sleep(0.5)
    second.join(timeout=30)

    assert Article.objects.get(pk=draft_by_writer.pk).headline == "The first editor's headline"
    if connection.features.has_select_for_update:
        assert outcome["waited"] >= 0.4
        assert "administrator saved this story at" in outcome["errors"][0]
    else:
        assert "locked" in str(outcome["error"])


@pytest.mark.parametrize(
    "changes, public",
    [
        ({"status": Status.DRAFT}, False),
        ({"status": Status.IN_REVIEW}, False),
        ({"status": Status.CHANGES_REQUESTED}, False),
        ({"publish_at": timezone.now() + timedelta(days=1)}, False),
        ({"embargo_until": timezone.now() + timedelta(days=1)}, False),
        ({"status": Status.WITHDRAWN}, False),
        ({}, True),
    ],
)
def test_preview_link_for_every_state_opens_a_noindex_never_cached_preview(client, editor, section, changes, public):
    story = ArticleFactory(section=section)
    Article.objects.filter(pk=story.pk).update(**changes)
    client.force_login(editor)

    page = client.get(_change_url(story)).content.decode()
    preview = client.get(story.get_absolute_url())

    assert f'<a href="{story.get_absolute_url()}" target="_blank" rel="noopener">Preview</a>' in page
    assert preview.status_code == 200
    if public:
        assert "X-Robots-Tag" not in preview
    else:
        assert preview["X-Robots-Tag"] == "noindex, nofollow" and "no-store" in preview["Cache-Control"]
        assert "Preview — not public" in preview.content.decode()


def test_demo_stories_start_with_a_creation_event_and_the_demo_writer_can_edit_their_draft(client):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("load_demo")
    writer = get_user_model().objects.get(username="writer")
    client.force_login(writer)

    listed = client.get(CHANGELIST).context["cl"].result_list
    drafts = [story for story in listed if story.can_be_edited_by(writer)]

    assert ArticleEvent.objects.filter(action=ArticleEvent.Action.CREATED).count() == Article.objects.count()
    # Their drafts, and the story the demo editor sent back to them.
    assert drafts and all(story.status in (Status.DRAFT, Status.CHANGES_REQUESTED) for story in drafts)
    assert any(story.status == Status.DRAFT for story in drafts)
    assert client.get(_change_url(drafts[0])).context["has_change_permission"] is True


# The workflow table drives the admin ---------------------------------------------


def _messages(response):
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize(
    "changes, buttons",
    [
        ({"status": Status.DRAFT}, ["submit", "publish", "schedule"]),
        ({"status": Status.IN_REVIEW}, ["request_changes", "approve", "publish", "schedule"]),
        ({"status": Status.CHANGES_REQUESTED}, ["submit", "publish", "schedule"]),
        ({}, ["withdraw"]),
        ({"publish_at": timezone.now() + timedelta(days=1)}, ["publish", "schedule", "withdraw"]),
        ({"status": Status.WITHDRAWN}, ["publish", "schedule"]),
    ],
    ids=["draft", "in review", "changes requested", "public", "scheduled", "withdrawn"],
)
def test_change_form_buttons_are_the_table_steps_that_start_from_the_storys_state(
    client, administrator, section, changes, buttons
):
    story = ArticleFactory(section=section)
    Article.objects.filter(pk=story.pk).update(**changes)
    story.refresh_from_db()
    client.force_login(administrator)

    shown = client.get(_change_url(story)).context["workflow_buttons"]

    state = services.workflow_state(story)
    assert [value for value, _ in shown] == buttons
    assert shown == [(step.name, step.button(story)) for step in services.WORKFLOW if state in step.starts_from]


def test_list_actions_are_the_table_steps_without_a_note_each_behind_its_permission_hook(
    client, administrator, writer
):
    from articles.admin import ArticleAdmin

    client.force_login(administrator)

    choices = client.get(CHANGELIST).context["action_form"].fields["action"].choices

    with_list_action = [step for step in services.WORKFLOW if step.list_action]
    assert [name for name, _ in choices if name] == [
        "delete_selected", "submit_selected", "approve_selected", "publish_selected"
    ]
    assert [choice for choice in choices if choice[0] not in {"", "delete_selected"}] == [
        (f"{step.name}_selected", step.list_action) for step in with_list_action
    ]
    model_admin = ArticleAdmin(Article, admin.site)
    for user in (administrator, writer):
        request = RequestFactory().get(CHANGELIST)
        request.user = user
        assert {
            step.name: getattr(model_admin, f"has_{step.name}_permission")(request) for step in services.WORKFLOW
        } == {step.name: user.has_perm(step.permission) for step in services.WORKFLOW}


def test_list_action_reports_each_refused_story_in_the_steps_words(client, editor, writer, draft_by_writer, in_review):
    draft = ArticleFactory(section=draft_by_writer.section, status=Status.DRAFT, headline="Still a draft")
    client.force_login(editor)

    response = client.post(
        CHANGELIST, {"action": "approve_selected", "_selected_action": [draft.pk, in_review.pk]}, follow=True
    )

    assert Article.objects.get(pk=in_review.pk).status == Status.PUBLISHED
    assert Article.objects.get(pk=draft.pk).status == Status.DRAFT
    assert _messages(response) == [
        "“Still a draft” was not approved: A story that is draft cannot be approved.",
        "1 story approved.",
    ]


@pytest.mark.parametrize("step", [step for step in services.WORKFLOW if step.note_required], ids=lambda s: s.name)
def test_a_step_without_its_note_is_a_form_error_in_the_services_words(client, editor, section, form_data, step):
    start = next(status for status in Status if status in step.starts_from)
    story = ArticleFactory(section=section, status=start)
    client.force_login(editor)

    response = client.post(_change_url(story), form_data(story, headline="Kept on the form", _workflow=step.name))

    form = response.context["adminform"].form
    assert form.errors["workflow_note"] == [step.note_required]
    assert form["headline"].value() == "Kept on the form"
    assert Article.objects.get(pk=story.pk).status == start and not story.events.exists()


def test_a_step_the_service_refuses_after_the_save_keeps_the_edit_and_says_why(
    client, editor, in_review, form_data
):
    embargo = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    date, time = _local(embargo)
    client.force_login(editor)

    response = client.post(_change_url(in_review), form_data(
        in_review, headline="Embargoed report", embargo_until_0=date, embargo_until_1=time, _workflow="publish",
    ), follow=True)

    story = Article.objects.get(pk=in_review.pk)
    assert (story.headline, story.status, story.embargo_until) == ("Embargoed report", Status.IN_REVIEW, embargo)
    assert _messages(response) == [
        f"Your changes were saved, but “Publish now” failed: The story is under embargo until "
        f"{services.newsroom_time(embargo)}: schedule it for that time or later instead."
    ]


def test_moving_a_published_storys_time_in_the_form_is_one_save_recorded_by_the_reschedule_service(
    client, editor, section, form_data
):
    story = ArticleFactory(section=section)
    later = (timezone.now() + timedelta(hours=5)).replace(microsecond=0)
    date, time = _local(later)
    client.force_login(editor)

    response = client.post(
        _change_url(story), form_data(story, headline="Held back", publish_at_0=date, publish_at_1=time)
    )

    saved = Article.objects.get(pk=story.pk)
    assert response.status_code == 302
    assert (saved.headline, saved.publish_at, saved.status) == ("Held back", later, Status.PUBLISHED)
    event = saved.events.get()
    assert (event.action, event.actor, event.note) == (
        ArticleEvent.Action.SCHEDULED, editor, f"Goes live {services.newsroom_time(later)}"
    )
    revision = Version.objects.get_for_object(saved).get().revision
    assert revision.user == editor and revision.comment.startswith("Edited in the admin: Changed")

"""Who is emailed at each workflow step (issue 17, item 5; articles.services.STEP_MAIL): the
editors for a submit; the story's writer and bylined authors with accounts for the rest; the
actor never; each email links to the story's admin page; a user turns some of them off on
their notification settings page."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from articles import services
from articles.models import Article, NotificationSettings
from tests.conftest import staff_in_group
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db
Status = Article.Status
SETTINGS_URL = "/admin/notification-settings/"


@pytest.fixture
def colleague(db):
    """A second writer, on the byline of the writer's story."""
    return staff_in_group("colleague", "Writer")


@pytest.fixture
def story(writer, colleague, section):
    """The writer's story in review, bylined to the writer and a colleague with accounts and to
    a freelancer without one."""
    story = ArticleFactory(
        section=section, status=Status.IN_REVIEW, publish_at=None, created_by=writer,
        headline="Harbour plan goes to council",
        bylines=[writer.author_profile, AuthorFactory(user=colleague), AuthorFactory(name="A. Freelancer")],
    )
    return story


@pytest.fixture
def take(django_capture_on_commit_callbacks):
    """Take a step as a service call and return the emails it sent: `take(service, **arguments)`."""

    def taken(service, **arguments):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            service(**arguments)
        return list(mail.outbox)

    return taken


def recipients(messages):
    return sorted(address for message in messages for address in message.to)


def link(story):
    return f"http://testserver/admin/articles/article/{story.pk}/change/"


def newsroom_clock(value):
    """A time as the newsroom reads it, worked out here without the project's helpers."""
    local = value.astimezone(ZoneInfo(settings.TIME_ZONE))
    return f"{local.day} {local:%B %Y, %H:%M}"


# Each step ---------------------------------------------------------------------------


def test_submit_mails_every_editor_but_not_the_writers(writer, editor, colleague, story, take):
    second = staff_in_group("second_editor", "Editor")
    Article.objects.filter(pk=story.pk).update(status=Status.DRAFT)

    sent = take(services.article_submit, article=story, by=writer, note="Ready when you are")

    assert recipients(sent) == sorted([editor.email, second.email])
    assert sent[0].subject == "For review: Harbour plan goes to council"
    assert "Ready when you are" in sent[0].body and link(story) in sent[0].body


def test_request_changes_mails_the_writer_and_bylined_authors_with_accounts(editor, writer, colleague, story, take):
    sent = take(services.article_request_changes, article=story, by=editor, note="Name the councillor.")

    assert recipients(sent) == sorted([writer.email, colleague.email])
    assert sent[0].subject == "Changes requested: Harbour plan goes to council"
    assert "What to change:\nName the councillor." in sent[0].body
    assert link(story) in sent[0].body


def test_approve_mails_the_writers_that_the_story_is_public(editor, writer, colleague, story, take):
    sent = take(services.article_approve, article=story, by=editor)

    assert recipients(sent) == sorted([writer.email, colleague.email])
    assert sent[0].subject == "Approved: Harbour plan goes to council"
    assert f"It is public now: http://testserver{story.get_absolute_url()}" in sent[0].body
    assert link(story) in sent[0].body


def test_approving_a_story_with_a_later_publish_time_says_when_it_goes_live(editor, story, take):
    later = timezone.now() + timedelta(days=2)
    Article.objects.filter(pk=story.pk).update(publish_at=later)
    story.refresh_from_db()

    sent = take(services.article_approve, article=story, by=editor)

    assert f"It goes live on {newsroom_clock(later)}" in sent[0].body
    assert f"(newsroom time, {settings.TIME_ZONE})" in sent[0].body


def test_schedule_mails_the_time_in_the_newsrooms_time_zone(editor, writer, colleague, story, take):
    # Midsummer, so the newsroom's clock (British Summer Time) differs from UTC.
    at = timezone.now().replace(month=7, day=1, hour=8, minute=5, second=0, microsecond=0, tzinfo=ZoneInfo("UTC"))
    if at <= timezone.now():
        at = at.replace(year=at.year + 1)

    sent = take(services.article_schedule, article=story, by=editor, at=at)

    assert recipients(sent) == sorted([writer.email, colleague.email])
    assert sent[0].subject == "Scheduled: Harbour plan goes to council"
    assert f"It goes live on 1 July {at.year}, 09:05 BST (newsroom time, Europe/London)." in sent[0].body
    assert sent[0].body.count("09:05") == 1  # the schedule's own note does not say it twice
    assert link(story) in sent[0].body


def test_rescheduling_a_published_story_mails_the_new_time(editor, writer, story, take):
    services.article_schedule(article=story, by=editor, at=timezone.now() + timedelta(days=1))
    moved = timezone.now() + timedelta(days=3)

    sent = take(services.article_reschedule, article=story, by=editor, publish_at=moved, embargo_until=None)

    assert sent[0].subject == "Scheduled: Harbour plan goes to council"
    assert f"It goes live on {newsroom_clock(moved)}" in sent[0].body


def test_rescheduling_in_the_admin_form_mails_the_writers(client, editor, writer, story, form_data,
                                                          django_capture_on_commit_callbacks):
    services.article_schedule(article=story, by=editor, at=timezone.now() + timedelta(days=1))
    story.refresh_from_db()
    moved = timezone.localtime(timezone.now() + timedelta(days=4)).replace(second=0, microsecond=0)
    client.force_login(editor)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/articles/article/{story.pk}/change/", form_data(
            story, publish_at_0=moved.strftime("%Y-%m-%d"), publish_at_1=moved.strftime("%H:%M:%S")))

    assert response.status_code == 302
    assert [message.subject for message in mail.outbox] == ["Scheduled: Harbour plan goes to council"] * 2
    assert f"It goes live on {newsroom_clock(moved)}" in mail.outbox[0].body


def test_publish_mails_the_writers(editor, writer, colleague, story, take):
    sent = take(services.article_publish, article=story, by=editor)

    assert recipients(sent) == sorted([writer.email, colleague.email])
    assert sent[0].subject == "Published: Harbour plan goes to council"
    assert link(story) in sent[0].body


def test_withdraw_mails_the_writers_with_the_reason(editor, writer, colleague, story, take):
    services.article_publish(article=story, by=editor)

    sent = take(services.article_withdraw, article=story, by=editor, reason="Legal asked us to.")

    assert recipients(sent) == sorted([writer.email, colleague.email])
    assert sent[0].subject == "Withdrawn: Harbour plan goes to council"
    assert "Reason:\nLegal asked us to." in sent[0].body
    assert link(story) in sent[0].body


def test_a_correction_mails_nobody(editor, story, take):
    services.article_publish(article=story, by=editor)

    assert take(services.article_add_correction, article=story, by=editor, text="The vote is on Wednesday.") == []


# The actor and the opt-outs -----------------------------------------------------------


def test_the_actor_is_never_mailed_even_on_their_own_byline(writer, colleague, story, take):
    editor_on_byline = staff_in_group("editor_writer", "Editor")
    story.bylines.create(author=AuthorFactory(user=editor_on_byline), position=5)
    Article.objects.filter(pk=story.pk).update(status=Status.DRAFT)

    submitted = take(services.article_submit, article=story, by=editor_on_byline)
    published = take(services.article_publish, article=story, by=editor_on_byline)

    assert editor_on_byline.email not in recipients(submitted) + recipients(published)
    assert recipients(published) == sorted([writer.email, colleague.email])


def test_a_writer_who_turned_off_publish_mails_gets_none_but_still_gets_the_others(
    editor, writer, colleague, story, take
):
    NotificationSettings.objects.create(user=writer, mail_published=False)

    published = take(services.article_publish, article=story, by=editor)
    withdrawn = take(services.article_withdraw, article=story, by=editor, reason="Duplicate story.")

    assert recipients(published) == [colleague.email]
    assert recipients(withdrawn) == sorted([writer.email, colleague.email])


@pytest.mark.parametrize("setting, service, arguments", [
    ("mail_approved", services.article_approve, {}),
    ("mail_scheduled", services.article_schedule, {"at": timezone.now() + timedelta(days=30)}),
    ("mail_published", services.article_publish, {}),
])
def test_each_opt_out_turns_off_its_step(editor, writer, colleague, story, take, setting, service, arguments):
    NotificationSettings.objects.create(user=writer, **{setting: False})

    assert recipients(take(service, article=story, by=editor, **arguments)) == [colleague.email]


def test_changes_requested_cannot_be_turned_off(editor, writer, colleague, story, take):
    NotificationSettings.objects.create(user=writer, mail_approved=False, mail_scheduled=False,
                                        mail_published=False, mail_withdrawn=False)

    sent = take(services.article_request_changes, article=story, by=editor, note="Shorter, please.")

    assert writer.email in recipients(sent)


# The settings page -------------------------------------------------------------------


def test_the_user_tools_link_to_the_notification_settings(writer):
    client = Client()
    client.force_login(writer)

    assert f'href="{SETTINGS_URL}"' in client.get("/admin/").content.decode()


def test_a_writer_turns_a_mail_off_on_the_settings_page(writer, editor, colleague, story, take):
    client = Client()
    client.force_login(writer)
    page = client.get(SETTINGS_URL).content.decode()
    assert page.count('type="checkbox"') == 4 and page.count("checked") == 4

    response = client.post(SETTINGS_URL, {"mail_approved": "on", "mail_scheduled": "on", "mail_withdrawn": "on"})

    assert response.status_code == 302
    assert NotificationSettings.objects.get(user=writer).mail_published is False
    assert recipients(take(services.article_publish, article=story, by=editor)) == [colleague.email]


def test_the_settings_page_changes_only_the_signed_in_users_settings(writer, colleague):
    client = Client()
    client.force_login(writer)

    client.post(SETTINGS_URL, {"user": colleague.pk, "mail_approved": "on"})

    assert NotificationSettings.objects.get().user == writer
    assert not NotificationSettings.objects.filter(user=colleague).exists()


def test_a_moderator_has_no_story_mails_to_set(moderator):
    client = Client()
    client.force_login(moderator)

    assert client.get(SETTINGS_URL).status_code == 403
    assert SETTINGS_URL not in client.get("/admin/").content.decode()

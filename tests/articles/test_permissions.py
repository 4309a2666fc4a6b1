"""The permission matrix: every transition and every admin action, for every role,
including tampered POSTs."""

from datetime import timedelta

import pytest
import reversion
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from reversion.models import Version

from articles import services
from articles.models import Article, Correction
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
Status = Article.Status
ROLES = ["anonymous", "writer", "editor", "moderator", "administrator"]
CHANGELIST = "/admin/articles/article/"


@pytest.fixture(params=ROLES)
def role(request):
    """Each role in turn."""
    return request.param


@pytest.fixture
def actor(role, request, writer):
    """The user playing the role (the writer fixture always exists: the story is theirs)."""
    if role == "anonymous":
        return AnonymousUser()
    return writer if role == "writer" else request.getfixturevalue(role)


@pytest.fixture
def signed_in(client, actor):
    """A client signed in as the actor (or not signed in, for anonymous)."""
    if actor.is_authenticated:
        client.force_login(actor)
    return client


def _story(writer, section, status, **fields):
    return ArticleFactory(section=section, status=status, created_by=writer, bylines=[writer.author_profile], **fields)


def _revised(story, user):
    for headline in ["First words", "Second words"]:
        with reversion.create_revision():
            reversion.set_user(user)
            story.headline = headline
            story.save()
    return Version.objects.get_for_object(story).last()


# Who may do what: the one table the tests below check, step by step.
ALLOWED = {
    "submit": {"writer", "editor", "administrator"},
    "request_changes": {"editor", "administrator"},
    "approve": {"editor", "administrator"},
    "publish": {"editor", "administrator"},
    "schedule": {"editor", "administrator"},
    "withdraw": {"editor", "administrator"},
    "add_correction": {"editor", "administrator"},
    "revert": {"editor", "administrator"},
}
START = {
    "submit": Status.DRAFT, "request_changes": Status.IN_REVIEW, "approve": Status.IN_REVIEW,
    "publish": Status.IN_REVIEW, "schedule": Status.IN_REVIEW, "withdraw": Status.PUBLISHED,
    "add_correction": Status.PUBLISHED, "revert": Status.PUBLISHED,
}


@pytest.mark.parametrize("step", list(ALLOWED))
def test_every_transition_checks_the_actors_permission(role, actor, writer, section, step):
    story = _story(writer, section, START[step])
    version = _revised(story, writer) if step == "revert" else None
    call = {
        "submit": lambda: services.article_submit(article=story, by=actor),
        "request_changes": lambda: services.article_request_changes(article=story, by=actor, note="More detail"),
        "approve": lambda: services.article_approve(article=story, by=actor),
        "publish": lambda: services.article_publish(article=story, by=actor),
        "schedule": lambda: services.article_schedule(
            article=story, by=actor, at=timezone.now() + timedelta(hours=1)
        ),
        "withdraw": lambda: services.article_withdraw(article=story, by=actor, reason="Wrong facts"),
        "add_correction": lambda: services.article_add_correction(article=story, by=actor, text="Fixed"),
        "revert": lambda: services.article_revert(article=story, by=actor, version=version),
    }[step]
    before = Article.objects.values().get(pk=story.pk)

    if role in ALLOWED[step]:
        call()
        assert story.events.filter(actor=actor).exists()
    else:
        with pytest.raises(PermissionDenied):
            call()
        assert Article.objects.values().get(pk=story.pk) == before
        assert not story.events.exists() and not Correction.objects.exists()


@pytest.mark.parametrize(
    "page, expected",
    [
        ("changelist", {"anonymous": 302, "writer": 200, "editor": 200, "moderator": 403, "administrator": 200}),
        ("change", {"anonymous": 302, "writer": 200, "editor": 200, "moderator": 403, "administrator": 200}),
        ("revisions", {"anonymous": 302, "writer": 403, "editor": 302, "moderator": 403, "administrator": 302}),
        ("history", {"anonymous": 302, "writer": 200, "editor": 200, "moderator": 403, "administrator": 200}),
        ("correction", {"anonymous": 302, "writer": 403, "editor": 200, "moderator": 403, "administrator": 200}),
    ],
)
def test_admin_pages_by_role(role, signed_in, writer, section, page, expected):
    story = _story(writer, section, Status.PUBLISHED if page == "correction" else Status.DRAFT)
    url = {
        "changelist": CHANGELIST,
        "change": f"{CHANGELIST}{story.pk}/change/",
        "revisions": f"{CHANGELIST}{story.pk}/revisions/",
        "history": f"{CHANGELIST}{story.pk}/history/",
        "correction": f"{CHANGELIST}{story.pk}/correction/",
    }[page]

    response = signed_in.get(url)

    assert response.status_code == expected[role]
    if expected[role] == 302 and role == "anonymous":
        assert response.url.startswith("/admin/login/")
    elif expected[role] == 302:  # the old Revisions page: the story's history
        assert response.url == f"{CHANGELIST}{story.pk}/history/"


def test_writer_cannot_open_or_edit_another_writers_story_by_url(client, other_writer, draft_by_writer, form_data):
    client.force_login(other_writer)
    url = f"{CHANGELIST}{draft_by_writer.pk}/change/"

    opened = client.get(url)
    posted = client.post(url, form_data(draft_by_writer, headline="Hijacked"))
    listed = client.get(CHANGELIST)

    assert opened.status_code == 302 and opened.url == "/admin/"
    assert posted.status_code == 302
    assert Article.objects.get(pk=draft_by_writer.pk).headline == "Harbour plan goes to council"
    assert list(listed.context["cl"].result_list) == []


def test_other_writer_cannot_preview_the_draft_but_its_writer_can(client, other_writer, writer, draft_by_writer):
    client.force_login(other_writer)
    assert client.get(draft_by_writer.get_absolute_url()).status_code == 404

    client.force_login(writer)
    response = client.get(draft_by_writer.get_absolute_url())
    assert response.status_code == 200 and "Preview — not public" in response.content.decode()


def test_writer_edits_their_own_draft(client, writer, draft_by_writer, form_data):
    client.force_login(writer)

    response = client.post(f"{CHANGELIST}{draft_by_writer.pk}/change/", form_data(draft_by_writer, headline="New"))

    assert response.status_code == 302
    assert Article.objects.get(pk=draft_by_writer.pk).headline == "New"


@pytest.mark.parametrize("status", [Status.IN_REVIEW, Status.PUBLISHED, Status.WITHDRAWN])
def test_writer_cannot_edit_their_story_once_it_left_their_hands(client, writer, section, form_data, status):
    story = _story(writer, section, status)
    client.force_login(writer)
    url = f"{CHANGELIST}{story.pk}/change/"

    page = client.get(url)
    response = client.post(url, form_data(story, headline="Sneaky edit"))

    assert page.status_code == 200 and page.context["has_change_permission"] is False
    assert response.status_code == 403
    assert Article.objects.get(pk=story.pk).headline != "Sneaky edit"


def test_tampered_status_in_the_post_is_ignored(client, writer, draft_by_writer, form_data):
    client.force_login(writer)

    client.post(
        f"{CHANGELIST}{draft_by_writer.pk}/change/",
        form_data(draft_by_writer, status="published", publish_at_0="2020-01-01", publish_at_1="10:00:00"),
    )

    assert Article.objects.get(pk=draft_by_writer.pk).status == Status.DRAFT
    assert not Article.objects.published().exists()


@pytest.mark.parametrize("button", ["request_changes", "approve", "publish", "schedule", "withdraw"])
def test_writer_pressing_an_editors_button_is_refused_and_nothing_is_saved(
    client, writer, draft_by_writer, form_data, button
):
    client.force_login(writer)
    data = form_data(
        draft_by_writer, headline="Edited too", _workflow=button, workflow_note="Please",
        publish_at_0=(timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%d"), publish_at_1="10:00:00",
    )

    response = client.post(f"{CHANGELIST}{draft_by_writer.pk}/change/", data)

    assert response.status_code == 403
    story = Article.objects.get(pk=draft_by_writer.pk)
    assert (story.status, story.headline) == (Status.DRAFT, "Harbour plan goes to council")
    assert not story.events.exists()


@pytest.mark.parametrize(
    "action, start, expected",
    [
        ("submit_selected", Status.DRAFT, {"writer", "editor", "administrator"}),
        ("approve_selected", Status.IN_REVIEW, {"editor", "administrator"}),
        ("publish_selected", Status.IN_REVIEW, {"editor", "administrator"}),
        ("delete_selected", Status.DRAFT, {"editor", "administrator"}),
    ],
)
def test_list_actions_by_role(role, signed_in, writer, section, action, start, expected):
    story = _story(writer, section, start)
    data = {"action": action, "_selected_action": [story.pk], "index": 0}
    if action == "delete_selected":
        data["post"] = "yes"

    response = signed_in.post(CHANGELIST, data)

    changed = Article.objects.filter(pk=story.pk).exclude(status=start).exists() or not Article.objects.filter(
        pk=story.pk
    ).exists()
    assert changed is (role in expected), response.status_code
    if role == "anonymous":
        assert response.status_code == 302 and response.url.startswith("/admin/login/")
    if role == "moderator":
        assert response.status_code == 403


def test_writer_does_not_see_editors_actions(client, writer, draft_by_writer):
    client.force_login(writer)

    actions = client.get(CHANGELIST).context["action_form"].fields["action"].choices

    assert [name for name, _ in actions if name] == ["submit_selected"]


@pytest.mark.parametrize(
    "view, method",
    [("compare", "get"), ("revert", "get"), ("revert", "post"), ("correction", "post")],
)
def test_revision_and_correction_pages_refuse_writers_and_moderators(
    client, writer, moderator, section, view, method
):
    story = _story(writer, section, Status.PUBLISHED)
    version = _revised(story, writer)
    url = {
        "compare": f"{CHANGELIST}{story.pk}/revisions/compare/?from={version.pk}&to={version.pk}",
        "revert": f"{CHANGELIST}{story.pk}/revisions/{version.pk}/revert/",
        "correction": f"{CHANGELIST}{story.pk}/correction/",
    }[view]
    for user in (writer, moderator):
        client.force_login(user)
        response = getattr(client, method)(url, {"text": "Sneaky"} if method == "post" else None)
        assert response.status_code == 403
    assert Article.objects.get(pk=story.pk).headline == "Second words"
    assert not Correction.objects.exists()


BUTTONS = {
    # button: (story's state before, state after when allowed, roles allowed)
    "submit": (Status.DRAFT, Status.IN_REVIEW, {"writer", "editor", "administrator"}),
    "request_changes": (Status.IN_REVIEW, Status.CHANGES_REQUESTED, {"editor", "administrator"}),
    "approve": (Status.IN_REVIEW, Status.PUBLISHED, {"editor", "administrator"}),
    "publish": (Status.IN_REVIEW, Status.PUBLISHED, {"editor", "administrator"}),
    "schedule": (Status.IN_REVIEW, Status.PUBLISHED, {"editor", "administrator"}),
    "withdraw": (Status.PUBLISHED, Status.WITHDRAWN, {"editor", "administrator"}),
}


@pytest.mark.parametrize("button", list(BUTTONS))
def test_every_change_form_button_by_role(role, signed_in, writer, section, form_data, button):
    before, after, allowed = BUTTONS[button]
    story = _story(writer, section, before)
    later = timezone.localtime() + timedelta(days=1)
    data = form_data(
        story, _workflow=button, workflow_note="Because.",
        publish_at_0=later.strftime("%Y-%m-%d"), publish_at_1=later.strftime("%H:%M:%S"),
    )

    response = signed_in.post(f"{CHANGELIST}{story.pk}/change/", data)

    status = Article.objects.get(pk=story.pk).status
    if role in allowed:
        assert (response.status_code, status) == (302, after)
    else:
        assert status == before and not story.events.exists()
        assert response.status_code == (302 if role == "anonymous" else 403)


@pytest.mark.parametrize("operation", ["revert", "correction"])
def test_revert_and_correction_by_role(role, signed_in, writer, section, operation):
    story = _story(writer, section, Status.PUBLISHED)
    version = _revised(story, writer)
    url = {
        "revert": f"{CHANGELIST}{story.pk}/revisions/{version.pk}/revert/",
        "correction": f"{CHANGELIST}{story.pk}/correction/",
    }[operation]

    response = signed_in.post(url, {"text": "A fix."})

    done = Article.objects.get(pk=story.pk).headline == "First words" or Correction.objects.exists()
    assert done is (role in {"editor", "administrator"})
    expected = {"anonymous": 302, "writer": 403, "moderator": 403}.get(role, 302)
    assert response.status_code == expected


def test_moving_the_publish_time_of_a_published_story_needs_the_schedule_permission(
    client, writer, section, form_data
):
    from django.contrib.auth.models import Permission

    story = _story(writer, section, Status.PUBLISHED)
    desk_hand = staff_user_with(["view_article", "change_article", "edit_any_article"])
    client.force_login(desk_hand)
    later = timezone.localtime() + timedelta(days=3)

    response = client.post(f"{CHANGELIST}{story.pk}/change/", form_data(
        story, publish_at_0=later.strftime("%Y-%m-%d"), publish_at_1=later.strftime("%H:%M:%S")
    ))

    # Without the permission the publish time is not on the form: the POSTed one is ignored.
    assert response.status_code == 302
    assert Article.objects.get(pk=story.pk).publish_at == story.publish_at
    desk_hand.user_permissions.add(Permission.objects.get(codename="schedule_article"))
    desk_hand = type(desk_hand).objects.get(pk=desk_hand.pk)
    client.force_login(desk_hand)
    client.post(f"{CHANGELIST}{story.pk}/change/", form_data(
        Article.objects.get(pk=story.pk), publish_at_0=later.strftime("%Y-%m-%d"), publish_at_1=later.strftime("%H:%M:%S")
    ))
    assert Article.objects.get(pk=story.pk).is_scheduled()
    assert story.events.get().action == "scheduled"


def staff_user_with(codenames):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    user = UserFactory(username="deskhand", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="articles", codename__in=codenames))
    return user

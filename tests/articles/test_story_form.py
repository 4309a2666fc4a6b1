"""The story form in the admin (the "writing desk" issue, parts 4-7): the Tags field, the
bylines' order, the writer's short form and submitting a new story in one step."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import tagging
from articles.admin import NEW_STORY_FIELD_PERMISSIONS, STORY_FIELD_PERMISSIONS
from articles.models import Article, ArticleEvent, Tag, TaggedArticle
from tests.conftest import QUERY_BUDGETS
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db
Status = Article.Status
ADD = "/admin/articles/article/add/"
SUGGEST = "/admin/articles/article/tag-suggestions/"


def _change_url(story):
    return f"/admin/articles/article/{story.pk}/change/"


def add_form_data(section, authors=(), **overrides):
    """The add form's POST as a writer's browser sends it: the writer's fields and bylines."""
    data = {
        "headline": "Ferry fares frozen for a year", "slug": "ferry-fares-frozen",
        "standfirst": "The operator keeps this year's prices until next spring.",
        "body": "<p>The harbour board agreed the freeze on Tuesday.</p>", "section": section.pk, "tags": "",
        "workflow_note": "",
        "bylines-TOTAL_FORMS": len(authors) or 1, "bylines-INITIAL_FORMS": 0,
        "bylines-MIN_NUM_FORMS": 1, "bylines-MAX_NUM_FORMS": 1000,
    }
    for i, author in enumerate(authors):
        data[f"bylines-{i}-author"] = author.pk
    data.update(overrides)
    return data


# What an editor's add form sends besides (the fields and the pins a writer does not have).
EDITOR_FIELDS = {
    "publish_at_0": "", "publish_at_1": "", "embargo_until_0": "", "embargo_until_1": "",
    "comment_mode": "", "comments_close_after_days": "",
    "related_pins-TOTAL_FORMS": 0, "related_pins-INITIAL_FORMS": 0,
}


@pytest.fixture
def writer_client(client, writer):
    """A client signed in as the writer."""
    client.force_login(writer)
    return client


@pytest.fixture
def editor_client(client, editor):
    """A client signed in as an editor."""
    client.force_login(editor)
    return client


# Tags: one field, names resolved case-insensitively ---------------------------------


def test_tags_field_creates_new_tags_and_reuses_existing_ones_whatever_the_case(writer_client, writer, section):
    nato = Tag.objects.create(name="NATO")

    response = writer_client.post(ADD, add_form_data(
        section, [writer.author_profile], tags="nato, Ferry fares ,  ferry FARES,Harbour   board",
    ))

    assert response.status_code == 302
    story = Article.objects.get(slug="ferry-fares-frozen")
    assert sorted(tag.name for tag in story.tags.all()) == ["Ferry fares", "Harbour board", "NATO"]
    assert story.tags.get(name="NATO") == nato
    assert Tag.objects.filter(name__iexact="nato").count() == 1


def test_tags_field_removes_and_adds_tags_on_the_change_form(writer_client, draft_by_writer, form_data):
    draft_by_writer.tags.add("NATO", "Council budget")
    kept = TaggedArticle.objects.get(content_object=draft_by_writer, tag__name="NATO")

    response = writer_client.post(_change_url(draft_by_writer), form_data(draft_by_writer, tags="NATO, Ferries"))

    assert response.status_code == 302
    assert sorted(draft_by_writer.tags.values_list("name", flat=True)) == ["Ferries", "NATO"]
    assert TaggedArticle.objects.filter(pk=kept.pk).exists()  # untouched, not deleted and re-created
    assert Tag.objects.filter(name="Council budget").exists()  # the tag stays in the vocabulary


def test_change_form_shows_the_storys_tags_as_typed_names(writer_client, draft_by_writer):
    draft_by_writer.tags.add("NATO", "Ferries")

    form = writer_client.get(_change_url(draft_by_writer)).context["adminform"].form

    assert sorted(form["tags"].value().split(", ")) == ["Ferries", "NATO"]
    assert 'data-suggest-url="/admin/articles/article/tag-suggestions/"' in str(form["tags"])


def test_tag_changes_are_in_the_revision_and_bump_the_storys_cache_key(writer_client, draft_by_writer, form_data):
    from reversion.models import Version

    from articles import cachekeys
    from newsroom.pagecache import _current_versions

    def version():
        return _current_versions([cachekeys.story(draft_by_writer.pk)])

    before = version()
    writer_client.post(_change_url(draft_by_writer), form_data(draft_by_writer, tags="Ferries"))

    latest = Version.objects.get_for_object(draft_by_writer).first().revision
    tagged = [v for v in latest.version_set.all() if v.content_type.model == "taggedarticle"]
    assert len(tagged) == 1
    assert version() != before


@pytest.mark.parametrize("typed", ["!!!", "x" * 101])
def test_a_name_that_cannot_be_a_tag_is_a_field_error_and_the_text_stays(writer_client, writer, section, typed):
    response = writer_client.post(ADD, add_form_data(section, [writer.author_profile], tags=f"NATO, {typed}"))

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["tags"]
    assert form["tags"].value() == f"NATO, {typed}"
    assert not Tag.objects.exists()


def test_two_saves_creating_the_same_new_tag_end_with_one_tag(writer):
    first = tagging.tags_for_names(names=["Tidal energy"], by=writer)
    Tag.objects.filter(pk=first[0].pk).update(name="TIDAL ENERGY")  # as if created by someone else meanwhile

    again = tagging.tags_for_names(names=["tidal energy"], by=writer)

    assert again == first
    assert Tag.objects.count() == 1


def test_a_user_who_may_not_create_tags_may_only_use_existing_ones(client, section):
    from tests.conftest import staff_in_group

    desk_hand = staff_in_group("deskhand", "Writer")
    from django.contrib.auth.models import Permission

    desk_hand.user_permissions.add(Permission.objects.get(codename="edit_any_article"))
    desk_hand.groups.first().permissions.remove(Permission.objects.get(codename="add_tag", content_type__app_label="articles"))
    Tag.objects.create(name="NATO")
    client.force_login(desk_hand)

    response = client.post(ADD, add_form_data(section, [AuthorFactory()], tags="nato, Brand new"))

    assert response.status_code == 200
    assert "ask an editor to create Brand new" in str(response.context["adminform"].form.errors["tags"])
    assert list(Tag.objects.values_list("name", flat=True)) == ["NATO"]


# Suggestions --------------------------------------------------------------------------


def test_suggestions_are_case_insensitive_prefixes_first(writer_client):
    for name in ["Senators", "NATO", "NATO summit", "Ferries"]:
        ArticleFactory(tags=[name])

    names = [result["name"] for result in writer_client.get(SUGGEST, {"q": "nato"}).json()["results"]]

    assert names == ["NATO", "NATO summit", "Senators"]


@pytest.mark.parametrize("term", ["t", "ta", "tak", "take", "takeover", "TAKEOVER B", "over", "bid"])
def test_suggestions_never_name_a_tag_used_only_on_another_writers_hidden_story(
    client, writer, other_writer, section, term
):
    ArticleFactory(section=section, status=Status.DRAFT, publish_at=None, created_by=other_writer,
                   tags=["Takeover bid"])
    ArticleFactory(section=section, embargo_until=timezone.now() + timedelta(hours=2), tags=["Takeover bid"])
    client.force_login(writer)

    response = client.get(SUGGEST, {"q": term})

    assert response.status_code == 200
    assert "takeover" not in response.content.decode().lower()


def test_suggestions_offer_a_tag_once_a_story_the_writer_may_see_carries_it(editor_client, client, writer, section):
    ArticleFactory(section=section, tags=["Takeover bid"])
    client.force_login(writer)

    assert [r["name"] for r in client.get(SUGGEST, {"q": "take"}).json()["results"]] == ["Takeover bid"]
    assert [r["name"] for r in editor_client.get(SUGGEST, {"q": "TAKE"}).json()["results"]] == ["Takeover bid"]


def test_suggestions_are_for_those_who_write_stories(client, moderator):
    ArticleFactory(tags=["NATO"])

    assert client.get(SUGGEST, {"q": "nato"}).status_code == 302  # to the sign-in page
    client.force_login(moderator)
    assert client.get(SUGGEST, {"q": "nato"}).status_code == 403


# Bylines: the order on the page is the order readers see -----------------------------


def test_bylines_are_saved_in_the_order_of_their_positions_and_readers_see_that_order(
    editor_client, client, editor, section
):
    ana, ben, cai = (AuthorFactory(name=name) for name in ["Ana Writer", "Ben Reporter", "Cai Editor"])
    data = add_form_data(section, [ana, ben, cai], **EDITOR_FIELDS, **{
        "bylines-0-position": "2", "bylines-1-position": "0", "bylines-2-position": "1",
    })

    assert editor_client.post(ADD, data).status_code == 302
    story = Article.objects.get(slug="ferry-fares-frozen")
    assert [author.name for author in story.byline_authors] == ["Ben Reporter", "Cai Editor", "Ana Writer"]
    assert list(story.bylines.values_list("position", flat=True)) == [0, 1, 2]

    editor_client.post(_change_url(story), {**_approve_now(story)})
    page = client.get(story.get_absolute_url()).content.decode()
    assert page.index("Ben Reporter") < page.index("Cai Editor") < page.index("Ana Writer")


def _approve_now(story):
    from tests.conftest import change_form_data

    story = Article.objects.get(pk=story.pk)
    return change_form_data(story, _workflow="publish")


@pytest.mark.parametrize("positions", [{}, {"bylines-0-position": "0", "bylines-1-position": "0"},
                                       {"bylines-0-position": "x", "bylines-1-position": "-1"}])
def test_without_usable_positions_bylines_are_saved_in_the_order_the_rows_came(
    editor_client, section, positions
):
    ana, ben = AuthorFactory(name="Ana Writer"), AuthorFactory(name="Ben Reporter")

    response = editor_client.post(ADD, add_form_data(section, [ana, ben], **EDITOR_FIELDS, **positions))

    assert response.status_code == 302
    story = Article.objects.get(slug="ferry-fares-frozen")
    assert [author.name for author in story.byline_authors] == ["Ana Writer", "Ben Reporter"]


def test_without_the_script_a_new_byline_goes_after_the_saved_ones(editor_client, section, form_data):
    ana, ben, cai = (AuthorFactory(name=name) for name in ["Ana Writer", "Ben Reporter", "Cai Editor"])
    story = ArticleFactory(section=section, bylines=[ana, ben])
    story.bylines.update(position=0)  # both at 0, as stories saved before this form were
    data = form_data(story, **{"bylines-TOTAL_FORMS": 3, "bylines-2-author": cai.pk, "bylines-2-position": ""})

    assert editor_client.post(_change_url(story), data).status_code == 302
    assert [author.name for author in Article.objects.get(pk=story.pk).byline_authors] == [
        "Ana Writer", "Ben Reporter", "Cai Editor"
    ]
    assert list(story.bylines.values_list("position", flat=True)) == [0, 1, 2]


def test_moving_a_saved_byline_saves_its_new_place(editor_client, section, form_data):
    ana, ben = AuthorFactory(name="Ana Writer"), AuthorFactory(name="Ben Reporter")
    story = ArticleFactory(section=section, bylines=[ana, ben])

    data = form_data(story, **{"bylines-0-position": "1", "bylines-1-position": "0"})

    assert editor_client.post(_change_url(story), data).status_code == 302
    assert [author.name for author in Article.objects.get(pk=story.pk).byline_authors] == [
        "Ben Reporter", "Ana Writer"
    ]


def test_the_position_is_a_hidden_field(writer_client):
    page = writer_client.get(ADD).content.decode()

    assert 'type="hidden" name="bylines-0-position"' in page
    assert "admin/js/byline-order.js" in page


# The writer's form -------------------------------------------------------------------


def _fields(response):
    return {field for fieldset in response.context["adminform"] for line in fieldset for field in line.fields}


def test_writers_add_form_has_what_a_writer_uses(writer_client):
    response = writer_client.get(ADD)

    fields = set(response.context["adminform"].form.fields)
    assert {"headline", "standfirst", "body", "section", "tags", "hero", "workflow_note"} <= fields
    assert not fields & {"publish_at", "embargo_until", "comment_mode", "comments_close_after_days",
                         "excluded_related", "status"}
    assert [formset.opts.verbose_name for formset in response.context["inline_admin_formsets"]] == ["byline"]
    assert [value for value, _ in response.context["workflow_buttons"]] == ["submit"]
    assert 'name="_addanother"' not in response.content.decode()


def test_editors_add_form_keeps_everything(editor_client):
    response = editor_client.get(ADD)

    fields = set(response.context["adminform"].form.fields)
    assert set(STORY_FIELD_PERMISSIONS) - {"status"} <= fields and "excluded_related" in fields
    assert len(response.context["inline_admin_formsets"]) == 2
    assert [value for value, _ in response.context["workflow_buttons"]] == ["submit", "publish", "schedule"]


@pytest.mark.parametrize("field", sorted(NEW_STORY_FIELD_PERMISSIONS))
def test_each_field_a_writer_lacks_appears_with_the_permission_that_governs_it(client, field):
    from django.contrib.auth.models import Permission

    from tests.conftest import staff_in_group

    writer = staff_in_group("writer2", "Writer")
    client.force_login(writer)
    assert field not in _fields(client.get(ADD))

    app_label, codename = NEW_STORY_FIELD_PERMISSIONS[field].split(".")
    writer.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label=app_label))
    client.force_login(type(writer).objects.get(pk=writer.pk))

    assert field in _fields(client.get(ADD))


def test_a_writers_tampered_post_sets_no_embargo_publish_time_or_comment_setting(
    writer_client, writer, section, draft_by_writer, form_data
):
    later = timezone.localtime() + timedelta(days=2)
    tampered = {
        "publish_at_0": later.strftime("%Y-%m-%d"), "publish_at_1": "09:00:00",
        "embargo_until_0": later.strftime("%Y-%m-%d"), "embargo_until_1": "08:00:00",
        "comment_mode": "closed", "comments_close_after_days": "1", "status": "published",
    }

    writer_client.post(ADD, add_form_data(section, [writer.author_profile], **tampered))
    writer_client.post(_change_url(draft_by_writer), form_data(draft_by_writer, **tampered))

    for story in Article.objects.filter(created_by=writer):
        assert (story.publish_at, story.embargo_until, story.comment_mode, story.comments_close_after_days,
                story.status) == (None, None, "", None, Status.DRAFT)


# Save and submit in one step ---------------------------------------------------------


def test_writer_adds_and_submits_a_story_in_one_step(
    writer_client, writer, editor, section, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        response = writer_client.post(ADD, add_form_data(
            section, [writer.author_profile], tags="Ferries", _workflow="submit", workflow_note="Ready for the desk.",
        ))

    story = Article.objects.get(slug="ferry-fares-frozen")
    assert response.status_code == 302 and response["Location"] == _change_url(story)
    assert story.status == Status.IN_REVIEW
    assert list(story.events.values_list("action", "note")) == [
        (ArticleEvent.Action.SUBMITTED, "Ready for the desk."), (ArticleEvent.Action.CREATED, ""),
    ]
    assert [m.to for m in mail.outbox] == [[editor.email]]


def test_submitting_a_new_story_without_a_body_saves_it_and_says_why_it_was_not_submitted(
    writer_client, writer, section
):
    response = writer_client.post(ADD, add_form_data(section, [writer.author_profile], body="", _workflow="submit"),
                                  follow=True)

    story = Article.objects.get(slug="ferry-fares-frozen")
    assert story.status == Status.DRAFT
    assert "Write the story before sending it for review." in response.content.decode()


def test_a_writer_pressing_publish_on_the_add_form_is_refused_and_nothing_is_saved(writer_client, writer, section):
    response = writer_client.post(ADD, add_form_data(section, [writer.author_profile], _workflow="publish"))

    assert response.status_code == 403
    assert not Article.objects.exists()


def test_editor_schedules_a_new_story_in_one_step_and_needs_a_future_time(editor_client, section):
    later = timezone.localtime() + timedelta(days=1)
    data = add_form_data(section, [AuthorFactory()], **{
        **EDITOR_FIELDS, "_workflow": "schedule", "publish_at_0": later.strftime("%Y-%m-%d"), "publish_at_1": "10:00:00",
    })
    missing = editor_client.post(ADD, {**data, "publish_at_0": "", "publish_at_1": ""})
    assert missing.status_code == 200 and missing.context["adminform"].form.errors["publish_at"]

    assert editor_client.post(ADD, data).status_code == 302
    assert Article.objects.get().is_scheduled()


# Nothing lost on a refused save -------------------------------------------------------


def test_a_refused_save_keeps_every_typed_field(writer_client, writer, section):
    ben = AuthorFactory(name="Ben Reporter")
    data = add_form_data(section, [writer.author_profile, ben], headline="", tags="NATO, Brand new tag",
                         **{"bylines-0-position": "1", "bylines-1-position": "0"})

    response = writer_client.post(ADD, data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert list(form.errors) == ["headline"]
    assert form["standfirst"].value() == data["standfirst"]
    assert form["body"].value() == data["body"]
    assert str(form["section"].value()) == str(section.pk)
    assert form["tags"].value() == "NATO, Brand new tag"
    bylines = response.context["inline_admin_formsets"][0].formset
    assert [str(f["author"].value()) for f in bylines.forms] == [str(writer.author_profile.pk), str(ben.pk)]
    assert [f["position"].value() for f in bylines.forms] == ["1", "0"]
    page = response.content.decode()
    assert "Ben Reporter" in page and "Wendy Writer" in page and 'value="NATO, Brand new tag"' in page
    assert not Article.objects.exists() and not Tag.objects.exists()


def test_required_fields_are_marked_before_the_first_save_and_the_mark_is_explained(writer_client):
    page = writer_client.get(ADD).content.decode()

    for field in ["headline", "standfirst", "section"]:
        assert f'<label class="required" for="id_{field}">' in page
    assert 'name="headline" class="vTextField" maxlength="200" required' in page
    assert 'column-author required' in page  # the bylines' Author column
    assert "Bylines (at least one, in the order readers see them)" in page
    assert "Fields marked <span class=\"required-mark\">*</span> are required" in page


# Queries -------------------------------------------------------------------------------


def test_change_form_queries_do_not_grow_with_bylines_and_tags(editor_client, section):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = ArticleFactory(section=section, bylines=[AuthorFactory()], tags=["Topic"])
    large = ArticleFactory(section=section, bylines=AuthorFactory.create_batch(6),
                           tags=[f"Topic {i}" for i in range(8)])
    counts = []
    for story in (small, large):
        editor_client.get(_change_url(story))  # the session and permissions, cached as on a running site
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(_change_url(story)).status_code == 200
        counts.append(len(captured))

    assert counts[0] == counts[1] <= QUERY_BUDGETS["admin story form"]


def test_add_form_queries(writer_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert writer_client.get(ADD).status_code == 200

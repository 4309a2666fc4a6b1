from datetime import timedelta

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.utils import timezone

from articles.models import Article, RelatedPin, Tag, TaggedArticle
from articles.tagging import tag_merge
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    """A client signed in as an editor."""
    client.force_login(editor)
    return client


def test_tags_are_case_insensitive(section):
    first = ArticleFactory(section=section, tags=["NATO"])
    second = ArticleFactory(section=section, tags=["nato"])

    assert Tag.objects.filter(name__iexact="nato").count() == 1
    assert first.tags.get() == second.tags.get()


def test_tag_page_lists_stories_under_any_case_of_the_tag(client, section):
    upper = ArticleFactory(section=section, tags=["NATO"])
    lower = ArticleFactory(section=section, tags=["nato"], publish_at=timezone.now() - timedelta(days=1))

    response = client.get("/tag/nato/")

    assert list(response.context["stories"]) == [upper, lower]


@pytest.mark.parametrize(
    "changes",
    [
        {"status": Article.Status.DRAFT},
        {"publish_at": timezone.now() + timedelta(days=1)},
        {"embargo_until": timezone.now() + timedelta(days=1)},
    ],
)
def test_tag_page_without_a_public_story_is_404(client, section, changes):
    ArticleFactory(section=section, tags=["Secret"], **changes)

    assert client.get("/tag/secret/").status_code == 404


def test_tag_merge_moves_every_story_without_duplicates(section):
    both = ArticleFactory(section=section, tags=["NATO", "North Atlantic alliance", "Alliance"])
    alias_only = ArticleFactory(section=section, tags=["North Atlantic alliance"])
    two_aliases = ArticleFactory(section=section, tags=["Alliance", "North Atlantic alliance"])
    kept = Tag.objects.get(name="NATO")

    moved = tag_merge(tags=list(Tag.objects.all()), into=kept)

    assert moved == 2
    assert list(Tag.objects.all()) == [kept]
    for story in (both, alias_only, two_aliases):
        assert [tag.name for tag in story.tags.all()] == ["NATO"]
    assert TaggedArticle.objects.count() == 3


def test_admin_action_merges_selected_tags_into_the_chosen_one(editor_client, section):
    story = ArticleFactory(section=section, tags=["Air defence", "Air-defence"])
    other = ArticleFactory(section=section, tags=["Air-defence"])
    keep, drop = Tag.objects.get(name="Air defence"), Tag.objects.get(name="Air-defence")
    selection = {"action": "merge_tags", ACTION_CHECKBOX_NAME: [keep.pk, drop.pk]}

    confirm = editor_client.post("/admin/articles/tag/", selection)
    done = editor_client.post("/admin/articles/tag/", {**selection, "apply": "1", "keep": keep.pk})

    assert confirm.status_code == 200
    assert "Tag to keep" in confirm.content.decode()
    assert done.status_code == 302
    assert list(Tag.objects.all()) == [keep]
    assert [t.name for t in story.tags.all()] == ["Air defence"]
    assert [t.name for t in other.tags.all()] == ["Air defence"]


def test_tag_merge_action_needs_delete_permission(client, reader, section):
    from django.contrib.auth.models import Permission

    ArticleFactory(section=section, tags=["One", "Two"])
    reader.is_staff = True
    reader.save()
    reader.user_permissions.add(*Permission.objects.filter(codename__in=["view_tag", "change_tag"]))
    client.force_login(reader)

    response = client.post(
        "/admin/articles/tag/", {"action": "merge_tags", ACTION_CHECKBOX_NAME: list(Tag.objects.values_list("pk", flat=True))}
    )

    assert Tag.objects.count() == 2
    assert "merge_tags" not in client.get("/admin/articles/tag/").content.decode()
    assert response.status_code in (200, 302)


def _article_form(article, pins):
    """The article change form's POST data with `pins` as new pinned stories."""
    from tests.conftest import change_form_data

    data = change_form_data(article)
    data["related_pins-TOTAL_FORMS"] = str(len(pins))
    for i, target in enumerate(pins):
        data[f"related_pins-{i}-target"] = target.pk
        data[f"related_pins-{i}-position"] = str(i)
    return data


def test_editor_pins_stories_and_excludes_one_in_the_change_form(editor_client, section):
    article = ArticleFactory(section=section)
    first, second, excluded = ArticleFactory.create_batch(3, section=section)
    data = _article_form(article, [first, second])
    data["excluded_related"] = [excluded.pk]

    response = editor_client.post(f"/admin/articles/article/{article.pk}/change/", data)

    assert response.status_code == 302
    assert list(RelatedPin.objects.filter(article=article).values_list("target", flat=True)) == [first.pk, second.pk]
    assert list(article.excluded_related.all()) == [excluded]


def test_change_form_refuses_a_fourth_pin_and_a_self_pin(editor_client, section):
    article = ArticleFactory(section=section)
    others = ArticleFactory.create_batch(4, section=section)

    too_many = editor_client.post(f"/admin/articles/article/{article.pk}/change/", _article_form(article, others))
    itself = editor_client.post(f"/admin/articles/article/{article.pk}/change/", _article_form(article, [article]))

    assert too_many.status_code == 200 and itself.status_code == 200
    assert "Pin at most 3 stories." in too_many.content.decode()
    assert "A story cannot be pinned under itself." in itself.content.decode()
    assert not RelatedPin.objects.exists()


def test_change_form_offers_pins_and_exclusions_with_autocomplete(editor_client, section):
    article = ArticleFactory(section=section)
    ArticleFactory(section=section, headline="Pinnable story")

    content = editor_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    found = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "relatedpin", "field_name": "target", "term": "Pinnable"},
    )

    assert "Read more: pinned stories" in content
    assert 'name="related_pins-MAX_NUM_FORMS" value="3"' in content
    assert 'id="id_excluded_related"' in content and "admin-autocomplete" in content
    assert [result["text"] for result in found.json()["results"]] == ["Pinnable story"]

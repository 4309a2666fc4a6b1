"""The admin's choosers from a curious writer's side (issue 12, finding 4): the "Read more"
exclusions, the pins, the tags. Whatever a writer types into an autocomplete or forges into a
POST, no headline of a story they may not see, and no tag only such stories carry, comes back."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from articles.models import Article, RelatedPin, Tag
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HIDDEN_HEADLINES = ["Secret merger talks", "Minister to resign", "Embargoed inflation figures", "Withdrawn story"]


@pytest.fixture
def newsroom(writer, other_writer, editor, section, draft_by_writer):
    """The writer's draft; another writer's stories in every hidden state, one with a tag
    found nowhere else; a public story with a public tag."""
    now = timezone.now()
    hidden = [
        ArticleFactory(section=section, headline="Secret merger talks", status=Article.Status.DRAFT,
                       publish_at=None, created_by=other_writer),
        ArticleFactory(section=section, headline="Minister to resign", status=Article.Status.IN_REVIEW,
                       publish_at=None, created_by=other_writer),
        ArticleFactory(section=section, headline="Embargoed inflation figures", embargo_until=now + timedelta(hours=2),
                       tags=["Takeover bid"]),
        ArticleFactory(section=section, headline="Withdrawn story", status=Article.Status.WITHDRAWN),
    ]
    public = ArticleFactory(section=section, headline="Harbour reopens", tags=["Harbour"])
    return {"writer": writer, "editor": editor, "draft": draft_by_writer, "hidden": hidden, "public": public,
            "hidden_tag": Tag.objects.get(name="Takeover bid"), "public_tag": Tag.objects.get(name="Harbour")}


def autocomplete(client, model, field, term=""):
    response = client.get("/admin/autocomplete/", {"app_label": "articles", "model_name": model,
                                                   "field_name": field, "term": term})
    assert response.status_code == 200, response.status_code
    return [result["text"] for result in response.json()["results"]]


def relations_to(*models):
    """(model name, field name) of every relation in the project to one of `models`."""
    return [
        (model._meta.model_name, field.name)
        for model in apps.get_app_config("articles").get_models()
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.remote_field.model in models
    ]


@pytest.mark.parametrize("term", ["", "e", "secret", "minister", "embargoed", "withdrawn", "takeover"])
def test_no_autocomplete_offers_a_writer_what_they_may_not_see(client, newsroom, term):
    client.force_login(newsroom["writer"])
    fields = relations_to(Article, Tag)
    assert ("article", "excluded_related") in fields and ("relatedpin", "target") in fields
    assert ("taggedarticle", "tag") in fields

    offered = {text for model, field in fields for text in autocomplete(client, model, field, term)}

    assert not offered & {*HIDDEN_HEADLINES, "Takeover bid"}


def test_the_story_chooser_offers_a_writer_public_stories_and_their_own(client, newsroom):
    client.force_login(newsroom["writer"])

    assert set(autocomplete(client, "article", "excluded_related")) == {"Harbour reopens", "Harbour plan goes to council"}
    assert set(autocomplete(client, "relatedpin", "target", "harbour")) == {"Harbour reopens",
                                                                            "Harbour plan goes to council"}
    assert autocomplete(client, "taggedarticle", "tag") == ["Harbour"]


def test_an_editor_chooses_among_every_story_and_tag(client, newsroom):
    client.force_login(newsroom["editor"])

    assert set(HIDDEN_HEADLINES) <= set(autocomplete(client, "relatedpin", "target"))
    assert "Takeover bid" in autocomplete(client, "taggedarticle", "tag")


@pytest.mark.parametrize("index", range(len(HIDDEN_HEADLINES)))
def test_a_forged_exclusion_of_a_hidden_story_is_a_field_error_that_names_nothing(client, newsroom, form_data, index):
    draft, story = newsroom["draft"], newsroom["hidden"][index]
    client.force_login(newsroom["writer"])

    response = client.post(f"/admin/articles/article/{draft.pk}/change/",
                           form_data(draft, excluded_related=[newsroom["public"].pk, story.pk], _continue="1"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["excluded_related"]
    assert story.headline not in response.content.decode()
    assert not draft.excluded_related.exists()


def test_a_writer_still_excludes_a_public_story(client, newsroom, form_data):
    draft = newsroom["draft"]
    client.force_login(newsroom["writer"])

    response = client.post(f"/admin/articles/article/{draft.pk}/change/",
                           form_data(draft, excluded_related=[newsroom["public"].pk], _continue="1"))

    assert response.status_code == 302
    assert list(draft.excluded_related.all()) == [newsroom["public"]]


def test_typing_the_name_of_a_tag_only_on_a_hidden_story_reuses_it_and_shows_none_of_its_stories(
    client, newsroom, form_data
):
    """Tags are typed by name (no id to forge). A writer who types a hidden tag's exact name
    gets that tag (names are unique whatever the case: no duplicate, no error); the
    suggestions never offered it (tests/articles/test_story_form.py) and no page shows the
    story it came from."""
    draft = newsroom["draft"]
    client.force_login(newsroom["writer"])

    response = client.post(f"/admin/articles/article/{draft.pk}/change/",
                           form_data(draft, tags="Takeover bid", _continue="1"))

    assert response.status_code == 302
    assert list(draft.tags.all()) == [newsroom["hidden_tag"]]
    assert Tag.objects.filter(name__iexact="takeover bid").count() == 1
    assert "Embargoed inflation figures" not in client.get(response["Location"]).content.decode()


def test_what_an_editor_chose_among_hidden_stories_is_neither_shown_to_the_writer_nor_lost(client, newsroom, form_data):
    draft, scheduled = newsroom["draft"], newsroom["hidden"][2]
    draft.excluded_related.add(newsroom["hidden"][0], newsroom["public"])
    RelatedPin.objects.create(article=draft, target=scheduled)
    client.force_login(newsroom["writer"])

    page = client.get(f"/admin/articles/article/{draft.pk}/change/").content.decode()
    response = client.post(f"/admin/articles/article/{draft.pk}/change/",
                           form_data(draft, excluded_related=[newsroom["public"].pk], _continue="1"))

    assert "Secret merger talks" not in page and "Embargoed inflation figures" not in page
    assert "Harbour reopens" in page
    assert response.status_code == 302
    assert set(draft.excluded_related.all()) == {newsroom["hidden"][0], newsroom["public"]}
    assert draft.related_pins.get().target == scheduled


def test_the_tag_lists_show_a_writer_no_tag_only_on_hidden_stories(client, newsroom):
    client.force_login(newsroom["writer"])
    newsroom["draft"].tags.add("Council budget")

    tags_page = client.get("/admin/articles/tag/").content.decode()
    stories_page = client.get("/admin/articles/article/").content.decode()
    hidden_tag_page = client.get(f"/admin/articles/tag/{newsroom['hidden_tag'].pk}/change/")

    assert "Takeover bid" not in tags_page and "Takeover bid" not in stories_page
    assert "Harbour" in tags_page and "Council budget" in tags_page
    assert "Council budget" in stories_page  # the filter by tag, for the writer's own stories
    assert hidden_tag_page.status_code == 302  # "does not exist": back to the admin index
    assert "Takeover bid" not in client.get(hidden_tag_page["Location"]).content.decode()

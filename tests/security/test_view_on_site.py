"""The admin's "view on site" (`/admin/r/<content type>/<id>/`, issue 12, finding 2) from the
side of a curious staff member: enumerating ids must not turn up the address of anything
they may not see (a draft's slug, an embargoed story's, a tag that names a hidden story)."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from articles.models import Article, Author, Section, Tag
from comments.models import ReaderComment
from tests.factories import ArticleFactory, AuthorFactory, CommentFactory

pytestmark = pytest.mark.django_db

ROLES = ("writer", "editor", "moderator")


@pytest.fixture
def newsroom(writer, editor, moderator, other_writer, section, draft_by_writer):
    """Stories in every state (other than the writer's own draft, none is the writer's), with
    tags and bylines that appear only on hidden stories."""
    now = timezone.now()
    hidden_author = AuthorFactory(name="Guest Columnist", slug="guest-columnist")
    hidden = {
        "others_draft": ArticleFactory(section=section, status=Article.Status.DRAFT, publish_at=None,
                                       created_by=other_writer, slug="secret-merger-talks"),
        "in_review": ArticleFactory(section=section, status=Article.Status.IN_REVIEW, publish_at=None,
                                    created_by=other_writer, slug="minister-to-resign"),
        "embargoed": ArticleFactory(section=section, embargo_until=now + timedelta(hours=3),
                                    slug="embargoed-report", bylines=[hidden_author]),
        "scheduled": ArticleFactory(section=section, publish_at=now + timedelta(hours=3), slug="scheduled-story"),
        "withdrawn": ArticleFactory(section=section, status=Article.Status.WITHDRAWN, slug="withdrawn-story"),
    }
    hidden["embargoed"].tags.add("Takeover bid")
    public = ArticleFactory(section=section, slug="harbour-reopens", tags=["Harbour"])
    return {
        "users": {"writer": writer, "editor": editor, "moderator": moderator},
        "hidden": hidden,
        "public": public,
        "own_draft": draft_by_writer,
        "hidden_tag": Tag.objects.get(name="Takeover bid"),
        "public_tag": Tag.objects.get(name="Harbour"),
        "hidden_author": hidden_author,
        "public_author": public.bylines.get().author,
    }


def view_on_site(client, obj):
    content_type = ContentType.objects.get_for_model(obj)
    return client.get(f"/admin/r/{content_type.pk}/{obj.pk}/")


def assert_not_revealed(response, obj):
    assert response.status_code == 404
    assert obj.get_absolute_url() not in response.content.decode()
    assert obj.slug not in response.content.decode()


@pytest.mark.parametrize("state", ["others_draft", "in_review", "embargoed", "scheduled", "withdrawn"])
@pytest.mark.parametrize("role", ["writer", "moderator"])
def test_a_hidden_story_is_not_revealed_to_staff_who_may_not_open_it(client, newsroom, role, state):
    client.force_login(newsroom["users"][role])
    story = newsroom["hidden"][state]

    assert_not_revealed(view_on_site(client, story), story)


@pytest.mark.parametrize("state", ["others_draft", "in_review", "embargoed", "scheduled", "withdrawn"])
def test_an_editor_is_sent_to_any_story(client, newsroom, state):
    client.force_login(newsroom["users"]["editor"])
    story = newsroom["hidden"][state]

    response = view_on_site(client, story)

    assert response.status_code == 302
    assert response["Location"].endswith(story.get_absolute_url())


def test_a_writer_is_sent_to_their_own_draft(client, newsroom):
    client.force_login(newsroom["users"]["writer"])
    draft = newsroom["own_draft"]

    response = view_on_site(client, draft)

    assert response.status_code == 302
    assert response["Location"].endswith(draft.get_absolute_url())


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind", ["public", "public_tag", "public_author", "section"])
def test_what_readers_can_find_is_revealed_to_every_role(client, newsroom, role, kind):
    client.force_login(newsroom["users"][role])
    obj = Section.objects.get() if kind == "section" else newsroom[kind]

    response = view_on_site(client, obj)

    assert response.status_code == 302
    assert response["Location"].endswith(obj.get_absolute_url())


@pytest.mark.parametrize("kind", ["hidden_tag", "hidden_author"])
def test_a_tag_or_byline_only_on_hidden_stories_is_not_revealed_to_a_moderator(client, newsroom, kind):
    client.force_login(newsroom["users"]["moderator"])

    assert_not_revealed(view_on_site(client, newsroom[kind]), newsroom[kind])


def test_a_tag_only_on_a_hidden_story_is_not_revealed_to_a_writer_who_may_not_see_the_story(client, newsroom):
    client.force_login(newsroom["users"]["writer"])

    assert_not_revealed(view_on_site(client, newsroom["hidden_tag"]), newsroom["hidden_tag"])


def test_a_writer_is_sent_to_a_tag_of_their_own_draft(client, newsroom):
    draft = newsroom["own_draft"]
    draft.tags.add("Council budget")
    client.force_login(newsroom["users"]["writer"])

    response = view_on_site(client, Tag.objects.get(name="Council budget"))

    assert response.status_code == 302


def test_enumerating_ids_reveals_no_hidden_address(client, newsroom):
    """Every id of every model, as the moderator: only public addresses come back."""
    client.force_login(newsroom["users"]["moderator"])
    CommentFactory(content_object=newsroom["public"])
    hidden_paths = {story.get_absolute_url() for story in newsroom["hidden"].values()} | {
        newsroom["own_draft"].get_absolute_url(), newsroom["hidden_tag"].get_absolute_url(),
        newsroom["hidden_author"].get_absolute_url(),
    }

    locations = []
    for model in (Article, Tag, Author, Section, ReaderComment):
        content_type = ContentType.objects.get_for_model(model)
        last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
        for pk in range(1, last + 3):
            response = client.get(f"/admin/r/{content_type.pk}/{pk}/")
            assert response.status_code in {302, 404}
            locations.append(response.get("Location", ""))

    assert not [location for location in locations if any(location.endswith(path) for path in hidden_paths)]
    assert any(location.endswith(newsroom["public"].get_absolute_url()) for location in locations)


@pytest.mark.parametrize("path", ["/admin/r/999999/1/", "/admin/r/x/1/", "/admin/r/{article}/x/",
                                  "/admin/r/{article}/999999/", "/admin/r/{article}/-1/"])
def test_nonsense_ids_are_a_404(client, newsroom, path):
    client.force_login(newsroom["users"]["editor"])

    response = client.get(path.format(article=ContentType.objects.get_for_model(Article).pk))

    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, newsroom):
    response = view_on_site(client, newsroom["public"])

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]

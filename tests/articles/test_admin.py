import pytest
from django.contrib.auth.models import Group

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_editor(client, editor):
    """A client signed in as an editor."""
    client.force_login(editor)
    return client


@pytest.mark.parametrize("rows", [1, 30])
def test_article_changelist_has_constant_queries(admin_client_editor, section, rows, query_budget):
    for _ in range(rows):
        ArticleFactory(section=section, bylines=AuthorFactory.create_batch(2), tags=["NATO", "Ukraine"])

    with query_budget("admin story list"):
        response = admin_client_editor.get("/admin/articles/article/")

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == rows


def test_changelist_filters_and_searches(admin_client_editor, section):
    wanted = ArticleFactory(section=section, headline="Air defence pledge", tags=["NATO"])
    ArticleFactory(section=section, headline="Transfer window", status=Article.Status.DRAFT)

    by_search = admin_client_editor.get("/admin/articles/article/", {"q": "air defence"})
    by_status = admin_client_editor.get("/admin/articles/article/", {"status__exact": "published"})
    by_tag = admin_client_editor.get("/admin/articles/article/", {"tags__id__exact": wanted.tags.get().pk})

    for response in (by_search, by_status, by_tag):
        assert list(response.context["cl"].result_list) == [wanted]


def test_editor_creates_a_story_with_ordered_bylines_and_tags(admin_client_editor, section, editor):
    first, second = AuthorFactory(name="Second Name"), AuthorFactory(name="First Name")
    from articles.models import Tag

    Tag.objects.create(name="NATO", slug="nato")
    data = {
        "headline": "New story", "slug": "new-story", "standfirst": "Summary.",
        "body": "<p>Text</p><script>x</script>", "section": section.pk,
        "status": "draft", "publish_at_0": "", "publish_at_1": "",
        "embargo_until_0": "", "embargo_until_1": "", "comment_mode": "", "comments_close_after_days": "",
        "bylines-TOTAL_FORMS": "2", "bylines-INITIAL_FORMS": "0", "bylines-MIN_NUM_FORMS": "1",
        "bylines-MAX_NUM_FORMS": "1000",
        "bylines-0-author": first.pk, "bylines-0-position": "0",
        "bylines-1-author": second.pk, "bylines-1-position": "1",
        "tags": "nato",
        "related_pins-TOTAL_FORMS": "0", "related_pins-INITIAL_FORMS": "0",
        "related_pins-MIN_NUM_FORMS": "0", "related_pins-MAX_NUM_FORMS": "3",
    }

    response = admin_client_editor.post("/admin/articles/article/add/", data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    article = Article.objects.get(slug="new-story")
    assert article.created_by == editor
    assert article.body == "<p>Text</p>"
    assert [a.name for a in article.byline_authors] == ["Second Name", "First Name"]
    assert [t.name for t in article.tags.all()] == ["NATO"]


def test_autocomplete_serves_sections_authors_and_tags(admin_client_editor, section):
    AuthorFactory(name="Maya Lind")
    ArticleFactory(tags=["Ukraine"])

    for model, field, term, expected in [
        ("article", "section", "Wor", "World"),
        ("byline", "author", "May", "Maya Lind"),
        ("taggedarticle", "tag", "ukr", "Ukraine"),
    ]:
        response = admin_client_editor.get(
            "/admin/autocomplete/",
            {"app_label": "articles", "model_name": model, "field_name": field, "term": term},
        )
        assert response.status_code == 200
        assert [r["text"] for r in response.json()["results"]] == [expected]


def test_demo_roles_exist_as_groups(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {"Writer", "Editor", "Moderator", "Administrator"}
    writer = UserFactory(username="w", is_staff=True)
    writer.groups.add(Group.objects.get(name="Writer"))
    assert writer.has_perm("articles.add_article")
    assert not writer.has_perm("articles.delete_article")
    moderator = UserFactory(username="m", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderator"))
    assert moderator.has_perm("django_comments.can_moderate")
    assert not moderator.has_perm("articles.change_article")

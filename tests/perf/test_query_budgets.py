"""Query budgets (issue 7): each page built within its budget (QUERY_BUDGETS in
tests/conftest.py), with 1× and 10× the rows. The page cache is off here: these measure
building pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, AuthorFactory, CommentFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Build every page: the page cache would hide the queries."""
    settings.PAGE_CACHE_SECONDS = 0


def _story(factor):
    """A story with 30×factor comments in 3 levels, 10×factor tags, 3×factor
    bylines and 4×factor other stories sharing its tags."""
    section = SectionFactory()
    tags = [f"topic-{i}" for i in range(10 * factor)]
    story = ArticleFactory(section=section, tags=tags, bylines=AuthorFactory.create_batch(3 * factor))
    now = timezone.now()
    for i in range(4 * factor):
        ArticleFactory(section=section, tags=tags[: 1 + i % len(tags)], publish_at=now - timedelta(hours=2 + i))
    for _ in range(10 * factor):
        top = CommentFactory(content_object=story)
        reply = CommentFactory(parent=top)
        CommentFactory(parent=reply)
    return story


@pytest.mark.parametrize("factor", [1, 10])
def test_story_page_stays_within_its_budget(client, current_site, factor, query_budget):
    story = _story(factor)

    with query_budget("story"):
        response = client.get(story.get_absolute_url())

    assert response.status_code == 200
    assert len(response.context["related"]) == 4
    assert response.content.decode().count('class="comment') >= 30 * factor


@pytest.mark.parametrize("factor", [1, 10])
def test_home_and_list_pages_stay_within_their_budgets(client, current_site, factor, query_budget):
    sections = SectionFactory.create_batch(3 * factor)
    author = AuthorFactory()
    for i in range(30 * factor):
        story = ArticleFactory(section=sections[i % len(sections)], tags=["NATO", f"t{i % 7}"], bylines=[author, AuthorFactory()])
        CommentFactory(content_object=story)

    with query_budget("home"):
        assert client.get("/").status_code == 200
    for url in [sections[0].get_absolute_url(), "/tag/nato/", author.get_absolute_url()]:
        with query_budget("list page"):
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("factor", [1, 10])
def test_admin_article_list_with_100_rows_stays_within_its_budget(client, editor, factor, query_budget):
    from articles.models import Article, Byline, Tag, TaggedArticle

    section = SectionFactory()
    authors = AuthorFactory.create_batch(5)
    nato = Tag.objects.create(name="NATO", slug="nato")
    stories = Article.objects.bulk_create(
        ArticleFactory.build(section=section, slug=f"bulk-{i}") for i in range(100 * factor)
    )
    Byline.objects.bulk_create(
        Byline(article=story, author=authors[(i + j) % 5], position=j) for i, story in enumerate(stories) for j in range(2)
    )
    TaggedArticle.objects.bulk_create(TaggedArticle(content_object=story, tag=nato) for story in stories)
    client.force_login(editor)

    with query_budget("admin story list"):
        response = client.get("/admin/articles/article/")

    assert len(response.context["cl"].result_list) == 100


def _story_with_history(factor, editor, writer):
    """A story with 10×factor rounds of review: submitted, sent back with a note, edited by its
    writer; and 2×factor corrections once published."""
    import reversion

    from articles import services
    from articles.models import Article

    story = ArticleFactory(status=Article.Status.DRAFT, publish_at=None, created_by=writer,
                           bylines=[writer.author_profile])
    for i in range(10 * factor):
        services.article_submit(article=story, by=writer)
        services.article_request_changes(article=story, by=editor, note=f"Round {i}: add the date.")
        with reversion.create_revision():
            reversion.set_user(writer)
            story.headline = f"Round {i}"
            story.save()
    services.article_submit(article=story, by=writer)
    services.article_publish(article=story, by=editor)
    for i in range(2 * factor):
        services.article_add_correction(article=story, by=editor, text=f"Correction {i}.")
    return story


@pytest.mark.parametrize("factor", [1, 10])
def test_story_change_form_and_history_stay_within_their_budgets(client, editor, writer, factor, query_budget):
    story = _story_with_history(factor, editor, writer)
    client.force_login(editor)
    change, history = f"/admin/articles/article/{story.pk}/change/", f"/admin/articles/article/{story.pk}/history/"
    client.get(change)  # the session and permissions, cached as on a running site

    with query_budget("admin story form"):
        assert client.get(change).status_code == 200
    client.get(history)
    with query_budget("story history"):
        response = client.get(history)

    assert response.status_code == 200
    assert len(response.context["timeline"]) > 32 * factor  # every round, step and correction

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, Correction
from tests.factories import ArticleFactory, CorrectionFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/articles/article/"


@pytest.fixture
def two_day_old_story(section):
    """A story published two days ago, last saved then."""
    story = ArticleFactory(section=section, headline="Council votes on budget",
                           publish_at=timezone.now() - timedelta(days=2))
    Article.objects.filter(pk=story.pk).update(updated_at=story.publish_at)
    story.refresh_from_db()
    return story


def test_editor_adds_a_correction_from_the_admin_and_it_shows_under_the_story(client, editor, two_day_old_story):
    client.force_login(editor)

    response = client.post(f"{CHANGELIST}{two_day_old_story.pk}/correction/", {"text": "The vote is on 4 March, not 3 March."})
    client.logout()
    page = client.get(two_day_old_story.get_absolute_url()).content.decode()

    assert response.status_code == 302
    article_html = page[page.index('<article class="story">'):page.index("</article>")]
    assert "The vote is on 4 March, not 3 March." in article_html
    assert article_html.index("story-body") < article_html.index("Corrections")
    assert "Updated <time" in page


def test_empty_correction_is_a_field_error(client, editor, two_day_old_story):
    client.force_login(editor)

    response = client.post(f"{CHANGELIST}{two_day_old_story.pk}/correction/", {"text": ""})

    assert response.status_code == 200
    assert response.context["form"].errors["text"]
    assert not Correction.objects.exists()


def test_corrections_log_lists_corrections_newest_first_with_links(client, two_day_old_story, section):
    other = ArticleFactory(section=section, headline="Rail fares rise")
    older = CorrectionFactory(article=two_day_old_story, created_at=timezone.now() - timedelta(hours=3), text="Older fix.")
    newer = CorrectionFactory(article=other, text="Newer fix.")

    response = client.get(reverse("articles:corrections"))

    assert response.status_code == 200
    assert list(response.context["corrections"]) == [newer, older]
    page = response.content.decode()
    assert f'<a href="{two_day_old_story.get_absolute_url()}">Council votes on budget</a>' in page
    assert page.index("Newer fix.") < page.index("Older fix.")


def test_correction_stays_listed_after_the_story_is_withdrawn_without_a_link(client, editor, two_day_old_story):
    services.article_add_correction(article=two_day_old_story, by=editor, text="The budget is £4m, not £40m.")
    services.article_withdraw(article=two_day_old_story, by=editor, reason="Duplicate story")

    page = client.get("/corrections/").content.decode()

    assert "The budget is £4m, not £40m." in page
    assert "Council votes on budget" in page and two_day_old_story.get_absolute_url() not in page


def test_corrections_log_is_paginated(client, two_day_old_story):
    CorrectionFactory.create_batch(31, article=two_day_old_story)

    first = client.get("/corrections/")
    second = client.get("/corrections/?page=2")

    assert len(first.context["corrections"]) == 30 and len(second.context["corrections"]) == 1
    assert 'rel="next"' in first.content.decode()


def test_corrections_log_escapes_what_editors_write(client, two_day_old_story):
    CorrectionFactory(article=two_day_old_story, text="<script>alert(1)</script>")

    page = client.get("/corrections/").content.decode()

    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


@pytest.mark.parametrize("rows", [1, 30])
def test_corrections_log_and_corrected_story_keep_their_query_budget(
    client, settings, current_site, two_day_old_story, rows, query_budget
):
    settings.PAGE_CACHE_SECONDS = 0  # measure building the pages, not serving them from the cache
    CorrectionFactory.create_batch(rows, article=two_day_old_story)

    # nav + count + page
    with query_budget("corrections log"):
        assert client.get("/corrections/").status_code == 200
    # story + bylines + tags + related + nav + corrections + comment thread
    with query_budget("story"):
        assert client.get(two_day_old_story.get_absolute_url()).status_code == 200

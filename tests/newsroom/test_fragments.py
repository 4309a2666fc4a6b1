"""A story page is the comment thread, built on every request, inside the rest of the page,
kept as a page-cache fragment under its own keys (articles.views.ArticleDetailView): a page
rebuilt after a comment is approved reads the thread and nothing else."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import cachekeys
from comments.services import comment_approve
from newsroom.pagecache import CSRF_FIELD, bump
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def _held_comment(story, text="A held comment, approved later"):
    return CommentFactory(content_object=story, is_public=False, comment=text)


def _without_csrf_token(page):
    return CSRF_FIELD.sub(rb"\1\2", page.content)


def test_a_page_rebuilt_after_a_comment_is_approved_reads_only_the_thread(client, story, moderator):
    ArticleFactory(section=story.section, headline="Alliance budget talks", tags=["NATO"])
    comment = _held_comment(story)
    assert "Alliance budget talks" in client.get(story.get_absolute_url()).content.decode()

    comment_approve(comment=comment, by=moderator)
    with CaptureQueriesContext(connection) as queries:
        rebuilt = client.get(story.get_absolute_url())

    page = rebuilt.content.decode()
    assert rebuilt["X-Page-Cache"] == "miss"
    assert "A held comment, approved later" in page and "Alliance budget talks" in page
    tables = {table for query in queries for table in ("articles_article", "articles_tag", "articles_byline")
              if f'"{table}"' in query["sql"]}
    assert tables == set(), [query["sql"] for query in queries]
    assert len(queries) == 1  # the thread


def test_a_page_around_a_stored_fragment_is_the_page_built_whole(client, story):
    CommentFactory(content_object=story, comment="First!")
    ArticleFactory(section=story.section, headline="Alliance budget talks", tags=["NATO"])
    built_whole = client.get(story.get_absolute_url())

    bump(cachekeys.thread(story.pk))  # as a comment edit does: the page is rebuilt around the fragment
    around_fragment = client.get(story.get_absolute_url())

    assert built_whole["X-Page-Cache"] == around_fragment["X-Page-Cache"] == "miss"
    assert _without_csrf_token(around_fragment) == _without_csrf_token(built_whole)


def test_a_comment_leaves_the_story_pages_whose_read_more_links_its_story_cached(client, story, moderator):
    other = ArticleFactory(section=story.section, headline="Alliance budget talks", tags=["NATO"])
    comment = _held_comment(story)
    assert story.headline in client.get(other.get_absolute_url()).content.decode()  # in its "Read more"
    client.get("/tag/nato/")

    comment_approve(comment=comment, by=moderator)

    assert client.get(other.get_absolute_url())["X-Page-Cache"] == "hit"
    tag_page = client.get("/tag/nato/")  # its card counts the story's comments
    assert tag_page["X-Page-Cache"] == "miss" and "1 comment" in tag_page.content.decode()


def test_an_edit_after_a_rebuild_around_the_fragment_shows(client, story, moderator):
    client.get(story.get_absolute_url())
    comment_approve(comment=_held_comment(story), by=moderator)
    client.get(story.get_absolute_url())

    story.headline = "Harbour plan unveiled, and costed"
    story.save()

    page = client.get(story.get_absolute_url()).content.decode()
    assert "Harbour plan unveiled, and costed" in page and "A held comment, approved later" in page


def test_a_story_scheduled_into_read_more_appears_on_time_around_a_stored_fragment(client, story, clock):
    scheduled = ArticleFactory(
        section=story.section, headline="Defence ministers meet", tags=["NATO"],
        publish_at=timezone.now() + timedelta(seconds=2),
    )
    assert "Defence ministers meet" not in client.get(story.get_absolute_url()).content.decode()

    clock(scheduled.publish_at + timedelta(seconds=0.2))
    bump(cachekeys.thread(story.pk))  # the page is rebuilt: the fragment expired with the page

    assert "Defence ministers meet" in client.get(story.get_absolute_url()).content.decode()


def test_moderators_see_their_links_on_a_page_built_around_the_readers_fragment(client, story, moderator):
    CommentFactory(content_object=story, comment="Worth a look")
    assert "Remove" not in client.get(story.get_absolute_url()).content.decode()

    client.force_login(moderator)
    assert "Remove<span" in client.get(story.get_absolute_url()).content.decode()
    client.logout()

    assert "Remove<span" not in client.get(story.get_absolute_url()).content.decode()


def test_a_preview_is_never_kept_as_a_fragment(client, story, editor):
    draft = ArticleFactory(section=story.section, headline="Not out yet", status="draft", publish_at=None)
    client.force_login(editor)
    assert "Preview" in client.get(draft.get_absolute_url()).content.decode()
    client.logout()

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_benchmarks_comment_view_bumps_what_an_approval_bumps_of_the_story_page(client, story, rf):
    from articles.views import bench_comment_approved

    client.get(story.get_absolute_url())
    client.get("/tag/nato/")

    assert bench_comment_approved(rf.post("/bench/comment-approved/1"), story.pk).status_code == 204

    story_page = client.get(story.get_absolute_url())
    assert story_page["X-Page-Cache"] == "miss" and story.headline in story_page.content.decode()
    assert client.get(story.get_absolute_url())["X-Page-Cache"] == "hit"
    assert client.get("/tag/nato/")["X-Page-Cache"] == "hit"  # another page: no comment count changed


def test_a_comment_changes_the_counts_only_on_the_lists_that_show_its_story(client, story, moderator):
    elsewhere = ArticleFactory(headline="Grain corridor reopens", tags=["Ukraine"])  # another section
    comment = _held_comment(story)
    lists = {"/tag/nato/": "miss", story.section.get_absolute_url(): "miss", "/": "miss",
             "/tag/ukraine/": "hit", elsewhere.section.get_absolute_url(): "hit"}
    for url in lists:
        client.get(url)

    comment_approve(comment=comment, by=moderator)

    assert {url: client.get(url)["X-Page-Cache"] for url in lists} == lists

"""Scheduling and embargo need no job: every public surface asks published() with the time now."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

SURFACES = [
    "story", "home", "section", "tag", "author", "read more",
    "feed", "section feed", "sitemap", "news sitemap", "search",
]


@pytest.fixture
def go_live():
    """The moment the story under test becomes public (a minute from now)."""
    return timezone.now().replace(microsecond=0) + timedelta(minutes=1)


@pytest.fixture
def neighbour(section):
    """A story public long ago that shares the tag: its "Read more" may list the story under test."""
    return ArticleFactory(section=section, tags=["Harbour"], publish_at=timezone.now() - timedelta(days=1))


def _visible_on(client, story, neighbour):
    author = story.byline_authors[0]
    word = story.headline.split()[-1]  # a word of the headline, for search

    def shows(url, text):
        return text in client.get(url).content.decode()

    pages = {
        "feed": lambda: shows("/feed/", story.headline),
        "section feed": lambda: shows(story.section.get_absolute_url() + "feed/", story.headline),
        "sitemap": lambda: shows("/sitemap-stories.xml", story.get_absolute_url()),
        "news sitemap": lambda: shows("/sitemap-news.xml", story.get_absolute_url()),
        "search": lambda: shows(f"/search/?q={word}", story.headline),
        "story": lambda: client.get(story.get_absolute_url()).status_code == 200,
        "home": lambda: story.headline in client.get("/").content.decode(),
        "section": lambda: story.headline in client.get(story.section.get_absolute_url()).content.decode(),
        "tag": lambda: story.headline in client.get("/tag/harbour/").content.decode(),
        "author": lambda: story.headline in client.get(author.get_absolute_url()).content.decode(),
        "read more": lambda: story.headline in client.get(neighbour.get_absolute_url()).content.decode(),
    }
    return {surface: pages[surface]() for surface in SURFACES}


def test_scheduled_story_is_hidden_one_second_before_and_public_one_second_after(
    client, section, neighbour, go_live, clock
):
    story = ArticleFactory(
        section=section, headline="Tall ships arrive at dawn", tags=["Harbour"], publish_at=go_live,
        bylines=[AuthorFactory(name="Ines Harbour")],
    )

    clock(go_live - timedelta(seconds=1))
    before = _visible_on(client, story, neighbour)
    clock(go_live + timedelta(seconds=1))
    after = _visible_on(client, story, neighbour)

    assert before == dict.fromkeys(SURFACES, False)
    assert after == dict.fromkeys(SURFACES, True)


def test_embargoed_published_story_is_hidden_everywhere_until_the_embargo_lifts(
    client, section, neighbour, go_live, clock
):
    story = ArticleFactory(
        section=section, headline="Report on river quality", tags=["Harbour"],
        publish_at=timezone.now() - timedelta(hours=1), embargo_until=go_live,
        bylines=[AuthorFactory(name="Ola River")],
    )
    assert story.status == Article.Status.PUBLISHED

    clock(go_live - timedelta(seconds=1))
    before = _visible_on(client, story, neighbour)
    clock(go_live + timedelta(seconds=1))
    after = _visible_on(client, story, neighbour)

    assert before == dict.fromkeys(SURFACES, False)
    assert after == dict.fromkeys(SURFACES, True)


def test_scheduled_story_is_a_preview_for_its_editor_until_it_goes_live(client, editor, section, go_live, clock):
    story = ArticleFactory(section=section, publish_at=go_live)
    client.force_login(editor)

    clock(go_live - timedelta(seconds=1))
    before = client.get(story.get_absolute_url())
    clock(go_live + timedelta(seconds=1))
    after = client.get(story.get_absolute_url())

    assert "Preview — not public" in before.content.decode() and before["X-Robots-Tag"] == "noindex, nofollow"
    assert "Preview — not public" not in after.content.decode()

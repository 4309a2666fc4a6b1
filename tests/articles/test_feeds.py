import xml.etree.ElementTree as ET
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def reporter(db):
    """The author of the feed's stories."""
    return AuthorFactory(name="Ana Ruiz", slug="ana-ruiz")


@pytest.fixture
def story_with_reporter(section, reporter):
    """A public story with a hero image, two tags and one byline."""
    story = ArticleFactory(
        section=section, headline="Harbour reopens", standfirst="Ships return after the storm.",
        bylines=[reporter], tags=["Shipping", "Weather"],
    )
    story.hero = ImageFactory(size=(320, 200), alt_text="harbour")
    story.save()
    return story


@pytest.fixture
def hidden(section, reporter):
    """A draft, a scheduled and an embargoed story in the same section, author and tag."""
    now = timezone.now()
    common = {"section": section, "bylines": [reporter], "tags": ["Shipping"]}
    return [
        ArticleFactory(headline="Hidden draft", status=Article.Status.DRAFT, **common),
        ArticleFactory(headline="Hidden scheduled", publish_at=now + timedelta(hours=1), **common),
        ArticleFactory(headline="Hidden embargoed", embargo_until=now + timedelta(hours=1), **common),
    ]


def rss_items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ET.fromstring(response.content).findall("./channel/item")


FEEDS = ["/feed/", "/section/world/feed/", "/tag/shipping/feed/", "/author/ana-ruiz/feed/"]


@pytest.mark.parametrize("url", FEEDS)
def test_rss_feeds_list_only_public_stories(client, story_with_reporter, hidden, url):
    items = rss_items(client.get(url))

    assert [item.findtext("title") for item in items] == ["Harbour reopens"]


@pytest.mark.parametrize("url", [url + "atom/" for url in FEEDS])
def test_atom_feeds_list_only_public_stories(client, story_with_reporter, hidden, url):
    response = client.get(url)

    assert response["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["Harbour reopens"]


def test_rss_item_has_every_field_with_absolute_urls(client, story_with_reporter):
    item = rss_items(client.get("/feed/"))[0]

    assert item.findtext("link") == f"http://testserver{story_with_reporter.get_absolute_url()}"
    assert item.findtext("description") == "Ships return after the storm."
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Ana Ruiz"
    assert [c.text for c in item.findall("category")] == ["Shipping", "Weather"]
    assert item.findtext("pubDate")
    enclosure = item.find("enclosure")
    assert enclosure.get("url") == f"http://testserver{story_with_reporter.hero.file.url}"
    assert enclosure.get("length") == str(story_with_reporter.hero.file.size)
    assert enclosure.get("type") == "image/jpeg"


def test_atom_entry_has_author_categories_and_enclosure(client, story_with_reporter):
    root = ET.fromstring(client.get("/feed/atom/").content)
    entry = root.find(f"{ATOM}entry")

    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/feed/atom/"
    assert entry.find(f"{ATOM}link[@rel='alternate']").get("href") == f"http://testserver{story_with_reporter.get_absolute_url()}"
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Ana Ruiz"
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["Shipping", "Weather"]
    assert entry.find(f"{ATOM}link[@rel='enclosure']").get("type") == "image/jpeg"
    assert entry.findtext(f"{ATOM}published")


def test_feed_lists_the_fifty_latest_stories(client, section):
    now = timezone.now()
    for hours in range(52):
        ArticleFactory(section=section, headline=f"Story {hours}", publish_at=now - timedelta(hours=hours + 1))

    items = rss_items(client.get("/feed/"))

    assert len(items) == 50
    assert items[0].findtext("title") == "Story 0" and items[-1].findtext("title") == "Story 49"


def test_feeds_of_unknown_owners_and_of_tags_without_public_stories_are_404(client, hidden):
    for url in ["/section/nope/feed/", "/tag/nope/feed/", "/author/nope/feed/atom/", "/tag/shipping/feed/"]:
        assert client.get(url).status_code == 404, url


def test_multiple_bylines_are_named_together(client, section):
    ArticleFactory(section=section, bylines=[AuthorFactory(name="Ana Ruiz"), AuthorFactory(name="Tom Bell")])

    item = rss_items(client.get("/feed/"))[0]

    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "Ana Ruiz and Tom Bell"


@pytest.mark.parametrize("url", FEEDS + ["/feed/atom/"])
def test_feeds_take_constant_queries(client, section, reporter, current_site, url, query_budget):
    for i in range(30):
        ArticleFactory(section=section, bylines=[reporter, AuthorFactory()], tags=["Shipping", f"topic-{i}"])

    with query_budget("feed"):
        response = client.get(url)

    assert response.status_code == 200


def test_pages_link_to_their_feeds(client, story_with_reporter):
    home = client.get("/").content.decode()
    section_page = client.get("/section/world/").content.decode()

    assert '<link rel="alternate" type="application/rss+xml" title="The Newsroom: latest stories" href="/feed/">' in home
    assert '<link rel="alternate" type="application/atom+xml" title="The Newsroom: latest stories (Atom)" href="/feed/atom/">' in home
    assert 'type="application/rss+xml" title="The Newsroom: World" href="/section/world/feed/">' in section_page


# --- "Follow" links (issue 18): visible on the page, not only in its head ------------------


class FollowLinks(HTMLParser):
    """The links inside each `<p class="follow">`: (href, accessible name, visible text)."""

    def __init__(self):
        super().__init__()
        self.links, self._in_follow, self._link, self._hidden_depth = [], False, None, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "p" and "follow" in (attrs.get("class") or "").split():
            self._in_follow = True
        elif tag == "a" and self._in_follow:
            self._link = [attrs["href"], "", ""]
        elif tag == "span" and self._link is not None:
            hidden = "visually-hidden" in (attrs.get("class") or "")
            self._hidden_depth += 1 if hidden or self._hidden_depth else 0

    def handle_endtag(self, tag):
        if tag == "p":
            self._in_follow = False
        elif tag == "a" and self._link is not None:
            self.links.append(tuple(self._link))
            self._link = None
        elif tag == "span" and self._hidden_depth:
            self._hidden_depth -= 1

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data
            if not self._hidden_depth:
                self._link[2] += data


def follow_links(response):
    parser = FollowLinks()
    parser.feed(response.content.decode())
    return parser.links


@pytest.mark.parametrize(
    ("page", "name", "feed"),
    [("/section/world/", "World", "/section/world/feed/"), ("/tag/shipping/", "Shipping", "/tag/shipping/feed/"),
     ("/author/ana-ruiz/", "Ana Ruiz", "/author/ana-ruiz/feed/")],
    ids=["section", "tag", "author"],
)
def test_section_tag_and_author_pages_show_follow_links_to_their_feeds(client, story_with_reporter, page, name, feed):
    response = client.get(page)

    assert '<span class="follow-label">Follow:</span>' in response.content.decode()
    assert follow_links(response) == [
        (feed, f"Follow {name}: RSS feed", "RSS"),
        (f"{feed}atom/", f"Follow {name}: Atom feed", "Atom"),
    ]
    assert client.get(feed).status_code == client.get(f"{feed}atom/").status_code == 200


def test_the_tags_at_the_foot_of_a_story_show_follow_links_for_each_tag(client, story_with_reporter):
    response = client.get(story_with_reporter.get_absolute_url())

    content = response.content.decode()
    assert '<span class="follow-label">Follow Shipping:</span>' in content
    assert '<span class="follow-label">Follow Weather:</span>' in content
    assert follow_links(response) == [
        ("/tag/shipping/feed/", "Follow Shipping: RSS feed", "RSS"),
        ("/tag/shipping/feed/atom/", "Follow Shipping: Atom feed", "Atom"),
        ("/tag/weather/feed/", "Follow Weather: RSS feed", "RSS"),
        ("/tag/weather/feed/atom/", "Follow Weather: Atom feed", "Atom"),
    ]


def test_a_story_without_tags_shows_no_follow_links(client, section):
    story = ArticleFactory(section=section, tags=[])

    assert follow_links(client.get(story.get_absolute_url())) == []

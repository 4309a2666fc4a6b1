import json
import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, AuthorFactory, ImageFactory

pytestmark = pytest.mark.django_db


class HeadParser(HTMLParser):
    """Collects <meta>, <link> and JSON-LD blocks of a page."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld, self._in_json = {}, [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content")
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json = True

    def handle_data(self, data):
        if self._in_json:
            self.json_ld.append(json.loads(data))

    def handle_endtag(self, tag):
        self._in_json = False


def head(response):
    assert response.status_code == 200
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def of_type(blocks, kind):
    return next(block for block in blocks if block["@type"] == kind)


@pytest.fixture
def illustrated_story(section):
    """A public story with a hero image, two bylines and tags."""
    story = ArticleFactory(
        section=section, headline="Bridge reopens after repairs", standfirst="Traffic flows again.",
        bylines=[AuthorFactory(name="Ana Ruiz", slug="ana-ruiz"), AuthorFactory(name="Tom Bell", slug="tom-bell")],
        tags=["Transport"],
    )
    story.hero = ImageFactory(size=(320, 200), alt_text="bridge")
    story.save()
    return story


def test_story_page_carries_a_news_article(client, illustrated_story):
    article = of_type(head(client.get(illustrated_story.get_absolute_url())).json_ld, "NewsArticle")
    url = f"http://testserver{illustrated_story.get_absolute_url()}"

    assert article["@context"] == "https://schema.org"
    assert article["headline"] == "Bridge reopens after repairs"
    assert article["image"] == [f"http://testserver{illustrated_story.hero.file.url}"]
    assert article["datePublished"] == timezone.localtime(illustrated_story.publish_at).replace(microsecond=0).isoformat()
    assert article["dateModified"] >= article["datePublished"]
    assert article["author"] == [
        {"@type": "Person", "name": "Ana Ruiz", "url": "http://testserver/author/ana-ruiz/"},
        {"@type": "Person", "name": "Tom Bell", "url": "http://testserver/author/tom-bell/"},
    ]
    assert article["publisher"]["@type"] == "Organization"
    assert article["publisher"]["name"] == "The Newsroom"
    assert article["publisher"]["logo"]["url"] == "http://testserver/static/img/logo.png"
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert article["keywords"] == ["Transport"]


def test_story_without_a_picture_still_names_an_absolute_image(client, section):
    story = ArticleFactory(section=section)

    article = of_type(head(client.get(story.get_absolute_url())).json_ld, "NewsArticle")

    assert article["image"] == ["http://testserver/static/img/logo-square.png"]


def test_story_page_carries_its_breadcrumbs(client, illustrated_story):
    trail = of_type(head(client.get(illustrated_story.get_absolute_url())).json_ld, "BreadcrumbList")

    assert [(item["position"], item["name"], item["item"]) for item in trail["itemListElement"]] == [
        (1, "Home", "http://testserver/"),
        (2, "World", "http://testserver/section/world/"),
        (3, "Bridge reopens after repairs", f"http://testserver{illustrated_story.get_absolute_url()}"),
    ]


def test_json_ld_is_safe_against_script_in_a_headline(client, section):
    hostile = 'Fake </script><script>alert("x")</script> & <!-- more'
    story = ArticleFactory(section=section, headline=hostile, bylines=[AuthorFactory(name="</script>Eve")])

    response = client.get(story.get_absolute_url())
    content = response.content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)

    assert '<script>alert("x")' not in content
    assert len(blocks) == 2
    article = of_type([json.loads(block) for block in blocks], "NewsArticle")
    assert article["headline"] == hostile
    assert article["author"][0]["name"] == "</script>Eve"


def test_home_page_carries_a_website_with_a_search_action(client, illustrated_story):
    website = of_type(head(client.get("/")).json_ld, "WebSite")

    assert website["url"] == "http://testserver/"
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"


@pytest.mark.parametrize("path", ["/", "story", "/section/world/", "/tag/transport/", "/author/ana-ruiz/", "/search/?q=bridge"])
def test_every_page_has_canonical_description_and_sharing_tags(client, illustrated_story, path):
    path = illustrated_story.get_absolute_url() if path == "story" else path
    page = head(client.get(path))

    canonical = [link["href"] for link in page.links if link.get("rel") == "canonical"]
    assert canonical == [f"http://testserver{path.split('?')[0]}"]
    assert page.meta["description"]
    for name in ("og:title", "og:description", "og:url", "og:image", "og:type", "og:site_name",
                 "twitter:card", "twitter:title", "twitter:description", "twitter:image"):
        assert page.meta.get(name), name
    assert page.meta["og:url"] == canonical[0]
    assert page.meta["og:image"].startswith("http://testserver/")


def test_story_sharing_tags_describe_the_story(client, illustrated_story):
    meta = head(client.get(illustrated_story.get_absolute_url())).meta

    assert meta["og:type"] == "article"
    assert meta["og:title"] == "Bridge reopens after repairs"
    assert meta["og:description"] == "Traffic flows again."
    # The hero cropped for social cards (1200 × 630 at most, around its focal point).
    assert meta["og:image"] == f"http://testserver{illustrated_story.hero.rendition('social').url}"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["article:section"] == "World"


def test_canonical_link_keeps_only_the_page_number(client, section):
    ArticleFactory.create_batch(21, section=section)

    page = head(client.get("/section/world/?page=2&utm_source=x"))

    assert [link["href"] for link in page.links if link.get("rel") == "canonical"] == [
        "http://testserver/section/world/?page=2"
    ]

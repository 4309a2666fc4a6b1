import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture
def public(section):
    """A public story with its own author and tag."""
    return ArticleFactory(
        section=section, headline="Public & proud", bylines=[AuthorFactory(slug="visible-author")], tags=["Visible"]
    )


@pytest.fixture
def hidden(section):
    """A draft, a scheduled and an embargoed story, each with its own author and tag."""
    now = timezone.now()
    return [
        ArticleFactory(section=section, status=Article.Status.DRAFT, tags=["Draft only"],
                       bylines=[AuthorFactory(slug="draft-author")]),
        ArticleFactory(section=section, publish_at=now + timedelta(hours=1), tags=["Scheduled only"],
                       bylines=[AuthorFactory(slug="scheduled-author")]),
        ArticleFactory(section=section, embargo_until=now + timedelta(hours=1), tags=["Embargoed only"],
                       bylines=[AuthorFactory(slug="embargoed-author")]),
    ]


def locs(response, tag="url"):
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [el.findtext(f"{SM}loc") for el in root.findall(f"{SM}{tag}")]


def test_sitemap_index_lists_stories_sections_tags_and_authors(client, public):
    sitemaps = locs(client.get("/sitemap.xml"), tag="sitemap")

    assert sitemaps == [f"http://testserver/sitemap-{name}.xml" for name in ("stories", "sections", "tags", "authors")]


def test_sitemaps_leave_out_drafts_scheduled_and_embargoed_stories(client, public, hidden):
    stories = locs(client.get("/sitemap-stories.xml"))
    tags = locs(client.get("/sitemap-tags.xml"))
    authors = locs(client.get("/sitemap-authors.xml"))
    news = locs(client.get("/sitemap-news.xml"))

    assert stories == news == [f"http://testserver{public.get_absolute_url()}"]
    assert tags == ["http://testserver/tag/visible/"]
    assert authors == ["http://testserver/author/visible-author/"]


def test_sitemap_lastmod_comes_from_the_update_time(client, public):
    Article.objects.filter(pk=public.pk).update(updated_at=timezone.now() + timedelta(days=3))
    expected = timezone.localtime(timezone.now() + timedelta(days=3)).date().isoformat()
    index = ET.fromstring(client.get("/sitemap.xml").content)

    for name in ("stories", "sections", "tags", "authors"):
        root = ET.fromstring(client.get(f"/sitemap-{name}.xml").content)
        assert root.find(f"{SM}url/{SM}lastmod").text == expected, name
    assert index.find(f"{SM}sitemap/{SM}lastmod").text.startswith(expected)


def test_stories_sitemap_is_paged(client, section, settings):
    settings.NEWSROOM_SITEMAP_PAGE_SIZE = 2
    ArticleFactory.create_batch(5, section=section)

    index = locs(client.get("/sitemap.xml"), tag="sitemap")

    assert "http://testserver/sitemap-stories.xml?p=3" in index
    assert len(locs(client.get("/sitemap-stories.xml?p=3"))) == 1


def test_news_sitemap_has_the_news_elements(client, public):
    response = client.get("/sitemap-news.xml")
    root = ET.fromstring(response.content)
    news = root.find(f"{SM}url/{NEWS}news")

    assert response["Content-Type"].startswith("application/xml")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "The Newsroom"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}title") == "Public & proud"
    assert news.findtext(f"{NEWS}publication_date") == timezone.localtime(public.publish_at).replace(microsecond=0).isoformat()


def test_news_sitemap_keeps_only_the_last_two_days(client, section):
    now = timezone.now()
    inside = ArticleFactory(section=section, publish_at=now - timedelta(days=2) + timedelta(minutes=5))
    ArticleFactory(section=section, publish_at=now - timedelta(days=2, minutes=5))

    assert locs(client.get("/sitemap-news.xml")) == [f"http://testserver{inside.get_absolute_url()}"]


def test_news_sitemap_lists_at_most_a_thousand_stories(client, section):
    now = timezone.now()
    Article.objects.bulk_create(
        Article(headline=f"Quick story {i}", slug=f"quick-{i}", standfirst="S.", section=section,
                status=Article.Status.PUBLISHED, publish_at=now - timedelta(minutes=i + 1))
        for i in range(1001)
    )

    urls = locs(client.get("/sitemap-news.xml"))

    assert len(urls) == 1000
    assert urls[0].endswith("/news/quick-0/") and urls[-1].endswith("/news/quick-999/")


def test_robots_txt_names_both_sitemaps_and_keeps_crawlers_out(client, db):
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Disallow: /admin/" in lines and "Disallow: /search/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines


def test_absolute_urls_use_the_configured_scheme(client, public, settings):
    settings.NEWSROOM_URL_SCHEME = "https"

    assert locs(client.get("/sitemap-stories.xml")) == [f"https://testserver{public.get_absolute_url()}"]
    assert "Sitemap: https://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_empty_sections_and_unknown_sitemaps(client, public):
    SectionFactory(slug="empty")

    assert "http://testserver/section/empty/" in locs(client.get("/sitemap-sections.xml"))
    assert client.get("/sitemap-nope.xml").status_code == 404

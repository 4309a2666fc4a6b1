"""Sitemaps: /sitemap.xml indexes stories (paged), sections, tags and authors; /sitemap-news.xml
follows Google's News sitemap rules. Only public stories, and only tags and authors that have
one, appear; lastmod comes from the stories' update times."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef, Subquery
from django.utils import timezone

from .models import Article, Author, Section, Tag

NEWS_WINDOW = timedelta(days=2)  # Google News: stories published in the last two days
NEWS_MAX_URLS = 1000  # Google News: at most 1,000 URLs in one sitemap


def latest_story_update(**filters):
    """The newest update time of a public story matching `filters` (with OuterRef), as SQL."""
    return Subquery(
        Article.objects.published().filter(**filters).order_by("-updated_at").values("updated_at")[:1]
    )


class NewsroomSitemap(Sitemap):
    @property
    def protocol(self):
        return settings.NEWSROOM_URL_SCHEME

    def lastmod(self, obj):
        return obj.last_story_update

    def get_latest_lastmod(self):
        # Sitemap's default walks every item; ask the database instead.
        return self.items().aggregate(latest=Max("last_story_update"))["latest"]


class StorySitemap(NewsroomSitemap):
    changefreq = "daily"

    @property
    def limit(self):
        return settings.NEWSROOM_SITEMAP_PAGE_SIZE

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "updated_at", "publish_at")
            .order_by("-publish_at", "-pk")
        )

    def lastmod(self, story):
        return max(story.updated_at, story.publish_at)

    def get_latest_lastmod(self):
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class SectionSitemap(NewsroomSitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.only("slug").annotate(last_story_update=latest_story_update(section=OuterRef("pk")))


class TagSitemap(NewsroomSitemap):
    changefreq = "daily"

    def items(self):
        return (
            Tag.objects.only("slug")
            .filter(Exists(Article.objects.published().filter(tagged_items__tag=OuterRef("pk"))))
            .annotate(last_story_update=latest_story_update(tagged_items__tag=OuterRef("pk")))
            .order_by("name")
        )


class AuthorSitemap(NewsroomSitemap):
    changefreq = "daily"

    def items(self):
        return (
            Author.objects.only("slug")
            .filter(Exists(Article.objects.published().filter(bylines__author=OuterRef("pk"))))
            .annotate(last_story_update=latest_story_update(bylines__author=OuterRef("pk")))
            .order_by("name")
        )


class NewsSitemap(NewsroomSitemap):
    """Stories published in the last two days, newest first, at most 1,000 (rendered with
    templates/sitemaps/news.xml, which adds the news: elements)."""

    limit = NEWS_MAX_URLS

    def items(self):
        now = timezone.now()
        return (
            Article.objects.published(now)
            .filter(publish_at__gte=now - NEWS_WINDOW)
            .only("slug", "headline", "publish_at", "updated_at")
            .order_by("-publish_at", "-pk")[:NEWS_MAX_URLS]
        )

    def lastmod(self, story):
        return max(story.updated_at, story.publish_at)

    def get_latest_lastmod(self):
        return None


SITEMAPS = {
    "stories": StorySitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
}

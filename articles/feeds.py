"""RSS 2.0 and Atom feeds: the whole site, and per section, tag and author.

Each lists the NEWSROOM_FEED_SIZE latest public stories with headline, absolute link,
standfirst, bylines, tags as categories, publish and update times, and the hero image as an
enclosure. Constant queries: owner, stories, bylines, tags.
"""

import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.text import get_text_list

from .models import Article, Author, Section, Tag
from .site import absolute_url


class LatestStoriesFeed(Feed):
    feed_type = Rss201rev2Feed
    url_name = "articles:feed"

    def get_object(self, request, *args, **kwargs):
        return None

    def stories(self, obj):
        return Article.objects.published()

    def title(self, obj):
        return f"{settings.SITE_NAME}: latest stories"

    def description(self, obj):
        return f"The latest stories from {settings.SITE_NAME}."

    def link(self, obj):
        return absolute_url(reverse("articles:home"))

    def feed_url(self, obj):
        kwargs = {"slug": obj.slug} if obj is not None else {}
        return absolute_url(reverse(self.url_name, kwargs=kwargs))

    def items(self, obj):
        return (
            self.stories(obj)
            .for_listing()
            .prefetch_related("tags")
            .order_by("-publish_at", "-pk")[: settings.NEWSROOM_FEED_SIZE]
        )

    def item_title(self, story):
        return story.headline

    def item_description(self, story):
        return story.standfirst

    def item_link(self, story):
        return absolute_url(story.get_absolute_url())

    def item_guid(self, story):
        return absolute_url(story.get_absolute_url())

    def item_author_name(self, story):
        return get_text_list([author.name for author in story.byline_authors], "and") or None

    def item_author_link(self, story):
        authors = story.byline_authors
        return absolute_url(authors[0].get_absolute_url()) if len(authors) == 1 else None

    def item_categories(self, story):
        return [tag.name for tag in story.tags.all()]

    def item_pubdate(self, story):
        return story.publish_at

    def item_updateddate(self, story):
        return max(story.updated_at, story.publish_at)

    def item_enclosures(self, story):
        if not story.hero:
            return []
        try:
            length = story.hero.file_size or story.hero.file.size
        except OSError:  # the file is missing from storage: leave the enclosure out
            return []
        mime_type = mimetypes.guess_type(story.hero.file.name)[0] or "application/octet-stream"
        return [Enclosure(absolute_url(story.hero.file.url), str(length), mime_type)]


class SectionFeed(LatestStoriesFeed):
    url_name = "articles:section_feed"

    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def stories(self, section):
        return Article.objects.published().filter(section=section)

    def title(self, section):
        return f"{settings.SITE_NAME}: {section.name}"

    def description(self, section):
        return section.description or f"The latest {section.name} stories from {settings.SITE_NAME}."

    def link(self, section):
        return absolute_url(section.get_absolute_url())


class TagFeed(LatestStoriesFeed):
    url_name = "articles:tag_feed"

    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def stories(self, tag):
        return Article.objects.published().filter(tagged_items__tag=tag)

    def items(self, tag):
        items = list(super().items(tag))
        if not items:  # as the tag page: no public story, no feed
            raise Http404("No public story has this tag.")
        return items

    def title(self, tag):
        return f"{settings.SITE_NAME}: {tag.name}"

    def description(self, tag):
        return f"The latest stories about {tag.name} from {settings.SITE_NAME}."

    def link(self, tag):
        return absolute_url(tag.get_absolute_url())


class AuthorFeed(LatestStoriesFeed):
    url_name = "articles:author_feed"

    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def stories(self, author):
        return Article.objects.published().filter(bylines__author=author)

    def title(self, author):
        return f"{settings.SITE_NAME}: stories by {author.name}"

    def description(self, author):
        return author.bio or f"The latest stories by {author.name}."

    def link(self, author):
        return absolute_url(author.get_absolute_url())


def atom(feed_class):
    """The Atom 1.0 variant of an RSS feed class."""

    class AtomFeed(feed_class):
        feed_type = Atom1Feed
        url_name = feed_class.url_name + "_atom"

        def subtitle(self, obj):
            return self.description(obj)

    AtomFeed.__name__ = feed_class.__name__.replace("Feed", "AtomFeed")
    AtomFeed.__qualname__ = AtomFeed.__name__
    return AtomFeed


LatestStoriesAtomFeed = atom(LatestStoriesFeed)
SectionAtomFeed = atom(SectionFeed)
TagAtomFeed = atom(TagFeed)
AuthorAtomFeed = atom(AuthorFeed)

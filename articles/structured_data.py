"""schema.org data (JSON-LD) and sharing metadata (Open Graph, Twitter cards) for pages.

Plain dicts built here; the `json_ld` template tag serialises them strictly and safely.
"""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.text import Truncator

from .site import absolute_url, iso, site_root

LOGO = ("img/logo.png", 600, 60)  # the publisher logo: wide, as Google asks for news publishers
SHARE_IMAGE = "img/logo-square.png"  # shared when a page has no picture of its own
HEADLINE_LIMIT = 110  # Google shows at most this many characters of a NewsArticle headline




def organization():
    path, width, height = LOGO
    return {
        "@type": "Organization",
        "@id": f"{site_root()}/#publisher",
        "name": settings.SITE_NAME,
        "url": f"{site_root()}/",
        "logo": {"@type": "ImageObject", "url": absolute_url(static(path)), "width": width, "height": height},
    }


def story_image_url(article):
    """The story's picture for structured data: its hero as uploaded."""
    return absolute_url(article.hero.file.url) if article.hero else None


def story_share_image_url(article):
    """The story's picture for social cards: its hero cropped to 1200 × 630 around the focal point."""
    return absolute_url(article.hero.rendition("social").url) if article.hero else None


def news_article(article):
    """NewsArticle for a story page (bylines, tags and section must be loaded)."""
    url = absolute_url(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": Truncator(article.headline).chars(HEADLINE_LIMIT),
        "description": article.standfirst,
        "image": [story_image_url(article) or absolute_url(static(SHARE_IMAGE))],
        "datePublished": iso(article.publish_at),
        "dateModified": iso(max(filter(None, [article.publish_at, article.updated_at]), default=None)),
        "author": [
            {"@type": "Person", "name": author.name, "url": absolute_url(author.get_absolute_url())}
            for author in article.byline_authors
        ],
        "publisher": organization(),
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "inLanguage": settings.LANGUAGE_CODE,
        "isAccessibleForFree": True,
    }
    return {key: value for key, value in data.items() if value not in (None, [])}


def breadcrumbs(*trail):
    """BreadcrumbList from (name, path) pairs, the home page first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute_url(path)}
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def website():
    """WebSite with a SearchAction, for the home page."""
    search = absolute_url(reverse("articles:search"))
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "@id": f"{site_root()}/#website",
        "url": f"{site_root()}/",
        "name": settings.SITE_NAME,
        "inLanguage": settings.LANGUAGE_CODE,
        "publisher": organization(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def share_meta(*, title, description, image=None, kind="website"):
    """What base.html puts in the Open Graph and Twitter card tags."""
    return {"title": title, "description": description, "image": image, "type": kind}

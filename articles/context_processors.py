from django.conf import settings
from django.core.cache import cache
from django.templatetags.static import static
from django.utils.functional import SimpleLazyObject

from newsroom.pagecache import now_and_after_commit

from .models import Section
from .pagination import requested_page
from .site import absolute_url
from .structured_data import SHARE_IMAGE

SITE_DESCRIPTION = "Independent news: world, politics, business, science, culture and sport."


NAV_SECTIONS_KEY = "nav:sections"


def navigation_sections():
    """The sections in navigation order (name and slug), from the shared cache: every page
    shows them, and they change rarely (articles.signals calls forget_navigation_sections)."""
    sections = cache.get(NAV_SECTIONS_KEY)
    if sections is None:
        sections = list(Section.objects.only("name", "slug", "position"))
        cache.set(NAV_SECTIONS_KEY, sections, 3600)
    return sections


def forget_navigation_sections():
    """Drop the cached list (now and after commit)."""
    now_and_after_commit(lambda: cache.delete(NAV_SECTIONS_KEY))


def canonical_url(request):
    """The page's absolute address on the configured domain; of the query string only a
    page number other than 1 is kept."""
    url = absolute_url(request.path)
    page = requested_page(request)
    if page is not None and page > 1:
        url += f"?page={page}"
    return url


def newsroom(request):
    """Site name, the navigation's sections and the page's canonical URL, for every template."""
    return {
        "site_name": settings.SITE_NAME,
        "site_description": SITE_DESCRIPTION,
        "nav_sections": SimpleLazyObject(navigation_sections),
        "canonical_url": SimpleLazyObject(lambda: canonical_url(request)),
        "default_share_image": SimpleLazyObject(lambda: absolute_url(static(SHARE_IMAGE))),
    }

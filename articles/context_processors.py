from django.conf import settings
from django.templatetags.static import static
from django.utils.functional import SimpleLazyObject

from .models import Section
from .site import absolute_url
from .structured_data import SHARE_IMAGE

SITE_DESCRIPTION = "Independent news: world, politics, business, science, culture and sport."


def canonical_url(request):
    """The page's absolute address on the configured domain; of the query string only a
    page number other than 1 is kept."""
    url = absolute_url(request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and int(page) > 1:
        url += f"?page={int(page)}"
    return url


def newsroom(request):
    """Site name, the navigation's sections and the page's canonical URL, for every template."""
    return {
        "site_name": settings.SITE_NAME,
        "site_description": SITE_DESCRIPTION,
        "nav_sections": Section.objects.only("name", "slug"),
        "canonical_url": SimpleLazyObject(lambda: canonical_url(request)),
        "default_share_image": SimpleLazyObject(lambda: absolute_url(static(SHARE_IMAGE))),
    }

from django.conf import settings

from .models import Section


def newsroom(request):
    """Site name and the navigation's sections, for every template."""
    return {
        "site_name": settings.SITE_NAME,
        "nav_sections": Section.objects.only("name", "slug"),
    }

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def iso(value):
    """An aware datetime as ISO 8601 in the newsroom's time zone, to the second
    (HTML's datetime attribute allows at most three fractional digits)."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()

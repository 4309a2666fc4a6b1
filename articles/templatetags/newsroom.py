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


@register.inclusion_tag("includes/picture.html")
def picture(article, sizes, alt="", eager=False, css_class=""):
    """The hero image of `article` as a responsive <picture>: WebP and JPEG
    renditions with srcset/sizes, width and height (no layout shift), lazy
    unless `eager` (then with fetchpriority="high")."""
    from articles.renditions import srcsets

    sets, fallback = srcsets(article, "hero_image", article.hero_width or 1280)
    return {
        "webp": sets["webp"],
        "jpeg": sets["jpeg"],
        "src": fallback,
        "sizes": sizes,
        "alt": alt,
        "eager": eager,
        "width": article.hero_width,
        "height": article.hero_height,
        "css_class": css_class,
    }

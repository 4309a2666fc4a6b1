import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.site import iso

register = template.Library()


@register.filter(name="iso")
def iso_filter(value):
    """articles.site.iso for templates (an empty string for no time)."""
    return iso(value) or ""


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
# As django.utils.html.json_script: inside <script>, "<", ">" and "&" are written as JSON
# escapes, so "</script>" in a headline cannot close the element and the text stays JSON.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """A <script type="application/ld+json"> block of `data`, strict JSON."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text.translate(JSON_SCRIPT_ESCAPES)))

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
def picture(image, sizes, crop="original", alt=None, eager=False, css_class=""):
    """A library image (images.Image) as a responsive <picture>: WebP and JPEG renditions
    of one crop (images.renditions.CROPS) with srcset/sizes, width and height (no layout
    shift), its alt text (empty when decorative; `alt` replaces it, as story cards, next to
    their headline, give none), lazy unless `eager` (then with fetchpriority="high")."""
    from images.renditions import srcsets

    sets, fallback, width, height = srcsets(image, crop)
    return {
        "webp": sets["webp"],
        "jpeg": sets["jpeg"],
        "src": fallback,
        "sizes": sizes,
        "alt": image.alt if alt is None else alt,
        "eager": eager,
        "width": width,
        "height": height,
        "css_class": css_class,
    }


@register.filter
def with_library_images(body):
    """A story body whose library figures (<figure data-image="id">) are drawn from the
    image library: a <picture> like the hero's, with the image's caption and credit."""
    from images.embed import render_library_figures

    return mark_safe(render_library_figures(body))  # noqa: S308 -- the body is sanitised on save


# As django.utils.html.json_script: inside <script>, "<", ">" and "&" are written as JSON
# escapes, so "</script>" in a headline cannot close the element and the text stays JSON.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """A <script type="application/ld+json"> block of `data`, strict JSON."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text.translate(JSON_SCRIPT_ESCAPES)))

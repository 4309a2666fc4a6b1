"""Library images inside a story's text.

The editor stores a library picture as `<figure data-image="<id>">…</figure>` (the
attribute is allowed by articles.sanitize, the one allow-list). On the story page each such
figure is drawn from the library, as the hero is: a <picture> of renditions with srcset,
width and height, lazy (below the fold), the image's current alt text, caption and credit.
A figure whose image is gone keeps what the editor stored.
"""

import re

from django.template.loader import render_to_string
from django.utils.html import format_html

from .models import Image

FIGURE = re.compile(r'<figure data-image="(\d+)">.*?</figure>', re.DOTALL)
BODY_SIZES = "(min-width: 45rem) 42rem, calc(100vw - 2rem)"


def render_library_figures(html):
    ids = {int(pk) for pk in FIGURE.findall(html or "")}
    if not ids:
        return html or ""
    images = Image.objects.in_bulk(ids)

    def figure(match):
        image = images.get(int(match.group(1)))
        if image is None:
            return match.group(0)
        return render_to_string("includes/library_figure.html", {"image": image, "sizes": BODY_SIZES}).strip()

    return FIGURE.sub(figure, html)


def library_figure_html(image):
    """A library image as a story body stores it (what the story editor inserts): the figure
    names the image; its picture and caption are redrawn from the library on the page."""
    return format_html(
        '<figure data-image="{}"><img src="{}" alt="{}" data-image="{}">{}</figure>',
        image.pk, image.rendition("original").url, image.alt, image.pk,
        format_html("<figcaption>{}</figcaption>", " ".join(filter(None, [image.caption, image.credit])))
        if image.caption or image.credit else "",
    )

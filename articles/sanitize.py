"""The one place where article body HTML is cleaned (nh3, explicit allow-list)."""

import re

import nh3

BODY_TAGS = {
    "p", "br", "h2", "h3", "blockquote", "ul", "ol", "li", "a", "strong", "em",
    "figure", "figcaption", "img",
}
BODY_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "data-image"},
    # A picture from the image library (images.Image's id): the story page draws it from the
    # library, with its current alt text, caption and credit (images.embed).
    "figure": {"data-image"},
}
LIBRARY_IMAGE = re.compile(r'<figure data-image="(\d+)"')
BODY_URL_SCHEMES = {"http", "https", "mailto"}


def clean_body(html):
    """Return `html` with everything outside the allow-list removed.

    Scripts, styles and their text are dropped entirely, `on*` attributes and
    `javascript:` URLs disappear, and links get rel="noopener noreferrer".
    """
    return nh3.clean(
        html or "",
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        url_schemes=BODY_URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel="noopener noreferrer",
    )


def library_image_ids(html):
    """The ids of the library images a cleaned body shows, in order, each once."""
    return list(dict.fromkeys(int(pk) for pk in LIBRARY_IMAGE.findall(html or "")))

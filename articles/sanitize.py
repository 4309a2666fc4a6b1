"""The one place where article body HTML is cleaned (nh3, explicit allow-list)."""

import nh3

BODY_TAGS = {
    "p", "br", "h2", "h3", "blockquote", "ul", "ol", "li", "a", "strong", "em",
    "figure", "figcaption", "img",
}
BODY_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
}
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

"""The one place where article body HTML is cleaned, and the one definition of what a body
may contain.

BODY_EXTENSIONS is the allow-list. It is written as django-prose-editor (Tiptap) extensions:
the admin's body editor offers exactly these (articles/editor.py hands them to the widget, so
they are its toolbar, keyboard and Markdown shortcuts and what a paste keeps), and nh3's
tags and attributes are computed from them (django_prose_editor.config.allowlist_from_extensions).
Removing an extension here removes its button and its tags; adding one adds both.

To add a format: add its extension below (the names are those django_prose_editor.config's
EXTENSION_MAPPING knows). An attribute the site must keep that the extension's own rules do
not list (e.g. a `data-image` on the image of a library figure) goes into BODY_EXTRA_ATTRIBUTES;
one the editor writes that the site drops goes into BODY_DROPPED_ATTRIBUTES.
"""

import re

import nh3
from django_prose_editor.config import allowlist_from_extensions

# Links and image sources: anything else (javascript:, data:) is removed.
BODY_URL_SCHEMES = {"http", "https", "mailto"}
BODY_EXTENSIONS = {
    "Heading": {"levels": [2, 3]},
    "Bold": True,
    "Italic": True,
    "Link": {"enableTarget": False, "protocols": sorted(BODY_URL_SCHEMES)},
    "Blockquote": True,
    "BulletList": True,
    # Numbered from 1 in the site's own style: no list-properties dialog (its list types
    # would be dropped, BODY_DROPPED_ATTRIBUTES).
    "OrderedList": {"enableListAttributes": False},
    "ListItem": True,
    "HardBreak": True,
    # A picture with its caption: <figure><img><figcaption>.
    "Figure": True,
    "Image": True,
    "Caption": True,
    # Not a format: django-prose-editor turns the browser's spell checker off by default.
    "NoSpellCheck": False,
}
# What the editor's markup carries that a stored body does not: its own styling classes
# (figure, figure-caption), the picker's file id, and link rel/target (every link gets
# rel="noopener noreferrer" below instead; no link opens a new window), and the list-style
# type attributes the editor writes on <ol> (type, data-type): the site numbers lists itself.
BODY_DROPPED_ATTRIBUTES = {"class", "data-file", "rel", "target", "type", "data-type"}
# A picture from the image library (images.Image's id): the story page draws it from the
# library, with its current alt text, caption and credit (images.embed).
BODY_EXTRA_ATTRIBUTES = {"figure": {"data-image"}, "img": {"data-image"}}
LIBRARY_IMAGE = re.compile(r'<figure data-image="(\d+)"')


def _drop_empty_title(tag, attribute, value):
    """The link dialog's Title field left empty writes title="": no title. (An empty alt is
    kept: it marks a decorative picture.)"""
    return None if attribute == "title" and not value.strip() else value


def body_rules(extensions=None):
    """nh3.Cleaner's arguments for a body written with `extensions` (BODY_EXTENSIONS)."""
    rules = allowlist_from_extensions(BODY_EXTENSIONS if extensions is None else extensions)
    attributes = {}
    for tag in rules["attributes"].keys() | BODY_EXTRA_ATTRIBUTES.keys():
        names = set(rules["attributes"].get(tag, ())) | set(BODY_EXTRA_ATTRIBUTES.get(tag, ()))
        kept = names - BODY_DROPPED_ATTRIBUTES
        if kept and tag in rules["tags"]:
            attributes[tag] = kept
    return {
        "tags": set(rules["tags"]),
        "attributes": attributes,
        "attribute_filter": _drop_empty_title,
        "url_schemes": BODY_URL_SCHEMES,
        "clean_content_tags": {"script", "style"},
        "link_rel": "noopener noreferrer",
    }


# The editor (ProseMirror) always puts a list item's text in a paragraph; a stored item
# with one paragraph keeps the shorter <li>text</li> that bodies have always used, so a
# story opened and saved again is unchanged. Runs on nh3's output: no attributes there.
_SINGLE_PARAGRAPH_ITEM = re.compile(r"<li><p>((?:(?!</?(?:p|li)\b).)*)</p></li>", re.DOTALL)
_EMPTY_DOCUMENT = re.compile(r"^<(\w+)></\1>$")


def body_cleaner(extensions=None):
    """The cleaning function for bodies written with `extensions` (BODY_EXTENSIONS)."""
    cleaner = nh3.Cleaner(**body_rules(extensions))

    def clean(html):
        cleaned = _SINGLE_PARAGRAPH_ITEM.sub(r"<li>\1</li>", cleaner.clean(html or ""))
        return "" if _EMPTY_DOCUMENT.match(cleaned) else cleaned

    return clean


_clean = body_cleaner()


def clean_body(html):
    """Return `html` with everything outside the allow-list removed.

    Scripts, styles and their text are dropped entirely, `on*` attributes and
    `javascript:` URLs disappear, and links get rel="noopener noreferrer".
    An empty editor's lone `<p></p>` is an empty body.
    """
    return _clean(html)


def library_image_ids(html):
    """The ids of the library images a cleaned body shows, in order, each once."""
    return list(dict.fromkeys(int(pk) for pk in LIBRARY_IMAGE.findall(html or "")))

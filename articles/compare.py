"""Field-by-field comparison of two revisions of a story, word by word (difflib)."""

import datetime
import difflib
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Article, Author, Byline, Section, Tag, TaggedArticle
from .services import newsroom_time

FIELDS = [
    ("headline", "Headline"),
    ("slug", "Slug"),
    ("standfirst", "Standfirst"),
    ("body", "Body (HTML)"),
    ("section_id", "Section"),
    ("bylines", "Bylines"),
    ("tags", "Tags"),
    ("hero_id", "Hero image"),
    ("status", "Status"),
    ("publish_at", "Publish time"),
    ("embargo_until", "Embargo until"),
    ("comment_mode", "Comment mode"),
    ("comments_close_after_days", "Comments close after (days)"),
]


def compare_versions(older, newer):
    """The fields that differ between two reversion Versions of one story, each with
    its label, old and new text and a word-level diff (safe HTML with <del>/<ins>):
    what changed going from `older` to `newer`."""
    before, after = snapshot(older), snapshot(newer)
    return [
        {"label": label, "old": before[name], "new": after[name], "diff": word_diff(before[name], after[name])}
        for name, label in FIELDS
        if before[name] != after[name]
    ]


def _hero(image_id):
    from images.models import Image

    if not image_id:
        return ""
    image = Image.objects.filter(pk=image_id).first()
    return f"{image} (image {image_id})" if image else f"(deleted image {image_id})"


def snapshot(version):
    """A revision of a story as text, field by field, as an editor would read it."""
    data = version.field_dict
    related = list(version.revision.version_set.select_related("content_type"))
    bylines = sorted(
        (v.field_dict for v in related if v.content_type.model_class() is Byline),
        key=lambda byline: (byline["position"], byline["id"]),
    )
    tag_ids = [v.field_dict["tag_id"] for v in related if v.content_type.model_class() is TaggedArticle]
    authors = Author.objects.in_bulk([byline["author_id"] for byline in bylines])
    tags = Tag.objects.in_bulk(tag_ids)
    section = Section.objects.filter(pk=data.get("section_id")).first()
    text = {name: _text(data.get(name)) for name, _ in FIELDS}
    text.update(
        section_id=str(section) if section else f"(deleted section {data.get('section_id')})",
        bylines=", ".join(_name(authors, byline["author_id"]) for byline in bylines),
        tags=", ".join(sorted(_name(tags, tag_id) for tag_id in tag_ids)),
        status=Article.Status(data["status"]).label if data.get("status") else "",
        hero_id=_hero(data.get("hero_id")),
    )
    return text


def word_diff(old, new):
    a, b = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(parts))


def _text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return newsroom_time(value)
    return str(value)


def _name(objects, pk):
    return str(objects[pk]) if pk in objects else f"(deleted #{pk})"

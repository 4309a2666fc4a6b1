"""Operations on the tag vocabulary.

One place resolves the names a writer types to tags (`tags_for_names`): a name is the
existing tag whatever its case ("nato" is NATO, Tag's Lower(name) constraint), a new tag
otherwise; two saves creating the same new tag at once both end with the one tag, and a
name that makes no web address (only punctuation) is refused before anything is saved.
`article_set_tags` then gives a story exactly those tags, one TaggedArticle row at a time,
so that the rows' signals bump the page-cache keys and django-reversion records them
(Article follows `tagged_items`).
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from .models import Tag, TaggedArticle

# Typed names are separated by commas: a tag's name cannot contain one.
SEPARATOR = ","
NAME_MAX_LENGTH = Tag._meta.get_field("name").max_length
CREATE_PERMISSION = "articles.add_tag"


def tag_names_parse(text):
    """The names typed in one field: split at commas, spaces trimmed and collapsed, each
    name once whatever its case (the first spelling typed wins), in the order typed."""
    names, seen = [], set()
    for part in (text or "").split(SEPARATOR):
        name = re.sub(r"\s+", " ", part).strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def tag_name_errors(names):
    """Why some of `names` cannot be tags, as messages (empty when all can)."""
    errors = []
    for name in names:
        if len(name) > NAME_MAX_LENGTH:
            errors.append(f"“{name[:40]}…” is longer than {NAME_MAX_LENGTH} characters.")
        elif not Tag().slugify(name):
            errors.append(f"“{name}” is not a tag name: use letters or digits.")
    return errors


def existing_tags(names):
    """The tags already called one of `names`, whatever the case, by their name in lower case."""
    if not names:
        return {}
    query = Q()
    for name in names:
        query |= Q(name__iexact=name)
    return {tag.name.casefold(): tag for tag in Tag.objects.filter(query)}


def tags_for_names(*, names, by):
    """The tags called `names`, in that order: existing ones whatever the case typed, new
    ones created (which needs the permission to add tags: PermissionDenied otherwise)."""
    errors = tag_name_errors(names)
    if errors:
        raise ValidationError(errors)
    found = existing_tags(names)
    missing = [name for name in names if name.casefold() not in found]
    if missing and not by.has_perm(CREATE_PERMISSION):
        raise PermissionDenied("You may not create tags: " + ", ".join(missing))
    for name in missing:
        found[name.casefold()] = _create(name)
    return [found[name.casefold()] for name in names]


def _create(name):
    try:
        with transaction.atomic():
            return Tag.objects.create(name=name)
    except IntegrityError:
        # Another save created it (in any case) since we looked.
        return Tag.objects.get(name__iexact=name)


@transaction.atomic
def article_set_tags(*, article, tags):
    """Give `article` exactly `tags`: rows added and removed one by one (signals, revisions).
    Returns (added, removed) tag lists."""
    current = {item.tag_id: item for item in TaggedArticle.objects.filter(content_object=article).select_related("tag")}
    wanted = {tag.pk: tag for tag in tags}
    added = [tag for pk, tag in wanted.items() if pk not in current]
    removed = [item.tag for pk, item in current.items() if pk not in wanted]
    for pk, item in current.items():
        if pk not in wanted:
            item.delete()
    for tag in added:
        TaggedArticle.objects.create(content_object=article, tag=tag)
    return added, removed


@transaction.atomic
def tag_merge(*, tags, into):
    """Move every story of `tags` to the tag `into`, then delete the other tags.

    A story already carrying `into`, or several of the merged tags, ends up with `into` once.
    Returns how many stories gained the kept tag.
    """
    others = [tag.pk for tag in tags if tag.pk != into.pk]
    if not others:
        return 0
    already = set(TaggedArticle.objects.filter(tag=into).values_list("content_object_id", flat=True))
    moving = set(TaggedArticle.objects.filter(tag__in=others).values_list("content_object_id", flat=True))
    TaggedArticle.objects.bulk_create(
        [TaggedArticle(tag=into, content_object_id=story_id) for story_id in sorted(moving - already)]
    )
    Tag.objects.filter(pk__in=others).delete()  # their TaggedArticle rows go with them
    return len(moving - already)

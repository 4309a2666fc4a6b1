"""Operations on the tag vocabulary."""

from django.db import transaction

from .models import Tag, TaggedArticle


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

"""The "Read more" block under a story."""

from django.conf import settings
from django.db.models import Count

from .models import Article


def related_articles(article, limit=None):
    """Up to `limit` other public stories sharing the most tags with `article`,
    newest first among equals. One query (the article's tags must be loaded)."""
    limit = limit or settings.NEWSROOM_RELATED_COUNT
    tag_ids = [tag.pk for tag in article.tags.all()]
    if not tag_ids:
        return []
    return list(
        Article.objects.published()
        .exclude(pk=article.pk)
        .filter(tagged_items__tag_id__in=tag_ids)
        .annotate(shared_tags=Count("tagged_items"))
        .select_related("section")
        .order_by("-shared_tags", "-publish_at", "-pk")[:limit]
    )

"""The "Read more" block under a story: related reading that says why each link is there.

Order of the links:
1. stories an editor pinned on this story (RelatedPin, in their order), if public;
2. public stories sharing at least one tag, best score first, where
       score = sum over shared tags of log(1 + N / n_tag) * 0.5 ** (age_days / half_life)
               + section bonus (same section only)
   N is the number of stories, n_tag the number of stories with that tag (see
   tags_with_rarity), so a rare tag says more than a common one, and an old story fades.
   Candidates are, for each tag, its NEWSROOM_RELATED_CANDIDATES_PER_TAG newest stories:
   every story of a rare tag, only the recent ones of a common tag (older ones could not beat
   the decay anyway);
3. only when no story shares a tag: the latest public stories of the same section.
Never the story itself, never a story the editors excluded, nothing that is not public.

Cost: one query for the story's tags with their counts (`tags_with_rarity`, which the story
page uses to show the tags too) and one query for the links.
"""

import math
from dataclasses import dataclass

from django.conf import settings
from django.db import NotSupportedError
from django.db.models import (
    BigIntegerField,
    Case,
    F,
    FilteredRelation,
    FloatField,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Least, Power
from django.utils import timezone
from django.utils.text import get_text_list

from .models import Article, RelatedPin, Tag, TaggedArticle

# Candidates come from at most this many of the story's tags, the rarest ...
MAX_CANDIDATE_TAGS = 12
# ... and at most this many (the rarest) are scored: one bit each in a 64-bit mask.
MAX_SCORED_TAGS = 62
# An old story's decay stops at 0.5 ** 200: PostgreSQL's power() raises on float underflow.
MAX_HALF_LIVES = 200.0


class EpochSeconds(Func):
    """Seconds since 1970-01-01 UTC of a datetime column, on PostgreSQL and SQLite."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError(f"EpochSeconds is not implemented for {connection.vendor}.")

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, template="EXTRACT(EPOCH FROM %(expressions)s)::double precision", **extra_context
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        # Django stores aware datetimes in SQLite as UTC text that julianday() reads.
        return super().as_sql(
            compiler, connection, template="((julianday(%(expressions)s) - 2440587.5) * 86400.0)", **extra_context
        )


class SubqueryCount(Subquery):
    """COUNT(*) of a subquery's rows, as a scalar expression."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = IntegerField()


def age_decay(field, now, half_life_days):
    """0.5 ** (age in days / half-life) of a datetime column, as an SQL expression."""
    age_days = (Value(now.timestamp()) - EpochSeconds(field)) / Value(86400.0)
    return Power(Value(0.5), Least(age_days / Value(float(half_life_days)), Value(MAX_HALF_LIVES)))


def tags_with_rarity(article):
    """The story's tags (by name), each annotated with `stories_with_tag` and `stories_total`.

    Rarity is a statistic of the vocabulary, so it is counted over all stories, whatever
    their status: both counts are index-only (taggedarticle_tag_story, the primary key),
    where counting public stories alone would visit every story of a common tag on every
    page view. Which stories are shown is still decided by published(). One query.
    """
    return (
        Tag.objects.filter(tagged_articles__content_object=article)
        .annotate(
            stories_with_tag=SubqueryCount(
                TaggedArticle.objects.filter(tag=OuterRef("pk")).order_by().values("content_object")
            ),
            stories_total=SubqueryCount(Article.objects.order_by().values("pk")),
        )
        .order_by("name")
    )


def prefetch_tags_with_rarity(article):
    """Load the story's tags with their rarity in one query, as `article.tags.all()`.

    taggit 6.1's TaggableManager refuses a custom queryset in Prefetch() ("Custom querysets
    can't be used for this lookup"), so the evaluated queryset goes where prefetch_related()
    would have put it, and `article.tags.all()` reads it from there.
    """
    tags = tags_with_rarity(article)
    len(tags)  # evaluate once
    if not hasattr(article, "_prefetched_objects_cache"):
        article._prefetched_objects_cache = {}
    article._prefetched_objects_cache["tags"] = tags
    return tags


def tag_weight(tag):
    """Rarity of a tag: log(1 + N / n), so every tag counts a little and rare ones count more."""
    return math.log(1 + tag.stories_total / max(tag.stories_with_tag, 1))


@dataclass(frozen=True)
class ReadMoreLink:
    story: Article
    reason: str
    kind: str  # "pinned", "tags" or "section"


def related_articles(article, limit=None, now=None):
    """Up to `limit` ReadMoreLinks for `article` (see the module's docstring)."""
    limit = limit or settings.NEWSROOM_RELATED_COUNT
    now = now or timezone.now()
    tags = getattr(article, "_prefetched_objects_cache", {}).get("tags")
    if tags is None or any(not hasattr(tag, "stories_with_tag") for tag in tags):
        tags = tags_with_rarity(article)
    rarest_first = sorted(tags, key=lambda tag: tag.stories_with_tag)
    tags = [tag for tag in tags if tag in rarest_first[:MAX_SCORED_TAGS]]  # in name order, for the reasons

    published = Article.objects.published(now)
    excluded = Article.excluded_related.through.objects.filter(from_article=article).values("to_article")
    eligible = published.exclude(pk=article.pk).exclude(pk__in=excluded)

    # Candidates: the pinned stories, the latest few of the section, and for each tag its
    # newest stories (by id, straight from the (tag, story) index; unpublished ones are
    # filtered below): every story of a rare tag, only the recent ones of a common tag, whose
    # older stories could not win against the decay anyway.
    # SQLite refuses LIMIT inside a UNION's parts: each limited part is wrapped in an IN.
    def part(ids):
        return Article.objects.filter(pk__in=ids).order_by().values("pk")

    per_tag = settings.NEWSROOM_RELATED_CANDIDATES_PER_TAG
    latest_in_section = eligible.filter(section_id=article.section_id).order_by("-publish_at", "-pk")
    candidates = RelatedPin.objects.filter(article=article).order_by().values("target").union(
        part(latest_in_section.values("pk")[: limit + RelatedPin.MAX_PER_ARTICLE]),
        *[
            part(TaggedArticle.objects.filter(tag_id=tag.pk).order_by("-content_object_id")
                 .values("content_object_id")[:per_tag])
            for tag in rarest_first[:MAX_CANDIDATE_TAGS]
        ],
    )
    stories = eligible.filter(pk__in=candidates).annotate(
        # Joins limited to this story's tags and pins, so they follow the indexes.
        pin=FilteredRelation("pinned_in", condition=Q(pinned_in__article=article)),
    )
    if tags:
        stories = stories.annotate(
            shared=FilteredRelation("tagged_items", condition=Q(tagged_items__tag__in=tags))
        )
        shared_weight = Sum(
            Case(
                *[When(shared__tag_id=tag.pk, then=Value(tag_weight(tag))) for tag in tags],
                default=Value(0.0),
                output_field=FloatField(),
            )
        )
        # Bit i set when the candidate shares tags[i]: the reason is told from it.
        shared_mask = Sum(
            Case(
                *[When(shared__tag_id=tag.pk, then=Value(1 << i)) for i, tag in enumerate(tags)],
                default=Value(0),
                output_field=BigIntegerField(),
            )
        )
    else:
        shared_weight, shared_mask = Value(0.0), Value(0)
    section_bonus = Case(
        When(section_id=article.section_id, then=Value(float(settings.NEWSROOM_RELATED_SECTION_BONUS))),
        default=Value(0.0),
        output_field=FloatField(),
    )
    rows = list(
        stories.annotate(shared_weight=shared_weight, shared_mask=shared_mask, pin_position=Min("pin__position"))
        .annotate(
            score=Case(
                When(
                    shared_mask__gt=0,
                    then=F("shared_weight") * age_decay("publish_at", now, settings.NEWSROOM_RELATED_HALF_LIFE_DAYS)
                    + section_bonus,
                ),
                default=Value(0.0),
                output_field=FloatField(),
            )
        )
        .select_related("section")
        .order_by(F("pin_position").asc(nulls_last=True), "-score", "-publish_at", "-pk")[
            : limit + RelatedPin.MAX_PER_ARTICLE
        ]
    )

    links = [ReadMoreLink(row, "Chosen by our editors", "pinned") for row in rows if row.pin_position is not None]
    others = [row for row in rows if row.pin_position is None]
    if any(row.shared_mask for row in others):
        for row in others:
            if row.shared_mask:
                names = [tag.name for i, tag in enumerate(tags) if row.shared_mask & (1 << i)]
                links.append(ReadMoreLink(row, f"Also tagged {get_text_list(names, 'and')}", "tags"))
    else:
        links += [ReadMoreLink(row, f"Latest in {row.section.name}", "section") for row in others]
    return links[:limit]

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

Cost: one query for the story's tags, whose counts come from the shared cache
(`tags_with_rarity`, which the story page uses to show the tags too; one more query counts
those the cache lacks), and one query for the links.
"""

import math
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import NotSupportedError, connection
from django.db.models import (
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Least, Power
from django.db.models.sql import Query
from django.utils import timezone
from django.utils.text import get_text_list

from newsroom.pagecache import now_and_after_commit

from . import cachekeys
from .models import Article, RelatedPin, Section, Tag, TaggedArticle

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


# Rarity counts live in the shared cache this long at most; articles.signals drops a tag's
# count when a story gains or loses the tag, and the total when a story is added or deleted,
# so the bound only matters after bulk changes that send no signals.
RARITY_CACHE_SECONDS = 3600
STORIES_TOTAL_KEY = "related:stories-total"


def tag_count_key(tag_id):
    return f"related:tag-stories:{tag_id}"


def forget_rarity(*tag_ids, total=False):
    """Drop cached rarity counts (see articles.signals), now and after commit."""
    keys = [tag_count_key(pk) for pk in tag_ids] + ([STORIES_TOTAL_KEY] if total else [])
    if keys:
        now_and_after_commit(lambda: cache.delete_many(keys))


def tags_with_rarity(article):
    """The story's tags (by name), each with `stories_with_tag` and `stories_total`.

    Rarity is a statistic of the vocabulary, so it is counted over all stories, whatever
    their status (which stories are shown is still decided by published()). The counts come
    from the shared cache: a page costs one small query for its tags, plus one to count what
    the cache lacks (the first view after a tag's stories changed: an index-only count per
    tag; after a story was added or deleted: the number of stories, a sequential scan).
    """
    tags = Tag.objects.filter(tagged_articles__content_object=article).order_by("name")
    if not len(tags):  # evaluates the queryset once; the counts are set on its rows
        return tags
    keys = {tag_count_key(tag.pk): tag for tag in tags}
    found = cache.get_many([*keys, STORIES_TOTAL_KEY])
    missing = [tag.pk for key, tag in keys.items() if key not in found]
    count_total = STORIES_TOTAL_KEY not in found
    if missing or count_total:
        # One query for what is missing: the total (a scan of every story) only when the
        # cache lacks it, not each time a tag's count is missing.
        total = {"stories_total": SubqueryCount(Article.objects.order_by().values("pk"))} if count_total else {}
        counted = (
            Tag.objects.filter(pk__in=missing or [tags[0].pk])
            .annotate(
                stories_with_tag=SubqueryCount(
                    TaggedArticle.objects.filter(tag=OuterRef("pk")).order_by().values("content_object")
                ),
                **total,
            )
            .values("pk", "stories_with_tag", *total)
        )
        fresh = {}
        for row in counted:
            fresh[tag_count_key(row["pk"])] = row["stories_with_tag"]
            if count_total:
                fresh[STORIES_TOTAL_KEY] = row["stories_total"]
        cache.set_many(fresh, RARITY_CACHE_SECONDS)
        found.update(fresh)
    for key, tag in keys.items():
        tag.stories_with_tag = found[key]
        tag.stories_total = found[STORIES_TOTAL_KEY]
    return tags


def prefetch_tags_with_rarity(article):
    """Load the story's tags with their rarity (see tags_with_rarity), as `article.tags.all()`.

    taggit 6.1's TaggableManager refuses a custom queryset in Prefetch() ("Custom querysets
    can't be used for this lookup"), so the evaluated queryset goes where prefetch_related()
    would have put it, and `article.tags.all()` reads it from there.
    """
    tags = tags_with_rarity(article)
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


def _union_of_candidates(pinned, latest_in_section, tag_ids, per_tag):
    """One subquery: the UNION of the pinned ids, the section's latest ids and each tag's
    `per_tag` newest story ids.

    The tags' parts are written as SQL: built with the ORM (two querysets and a compile for
    each of up to 12 tags) they cost more Python than the whole query costs PostgreSQL. Each
    limited part is a derived table, which PostgreSQL and SQLite both accept inside a UNION.
    """
    quote = connection.ops.quote_name
    story, tag, table = quote("content_object_id"), quote("tag_id"), quote(TaggedArticle._meta.db_table)
    parts, params = [], []
    for n, queryset in enumerate((pinned, latest_in_section)):
        sql, part_params = queryset.query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) AS part{n}")
        params.extend(part_params)
    for n, tag_id in enumerate(tag_ids):
        parts.append(
            f"SELECT * FROM (SELECT {story} FROM {table} WHERE {tag} = %s ORDER BY {story} DESC LIMIT %s) AS tag{n}"
        )
        params.extend((tag_id, per_tag))
    return RawSQL(" UNION ".join(parts), params)


def _ranked(article, tags, candidates, now, count):
    """The `count` best of `candidates` (a queryset of eligible stories) for `article`'s
    "Read more", best first (see the module's docstring), as Articles with `pin_position`,
    `shared_mask` (bit i: shares tags[i]), `score` and their section: one query.

    The query is SQL written around the candidates' compiled queryset and the compiled
    age_decay(): built with the ORM (a CASE of one WHEN per tag, twice, FilteredRelations
    and the aggregates' GROUP BY) it cost ~5 ms of Python a story, more than PostgreSQL
    takes to run it. The candidates' rows are aliased as the story table, so the compiled
    decay reads their publication time as it would in the ORM's own query.
    """
    q = connection.ops.quote_name
    story, tag_id, position = q(Article._meta.db_table), q("tag_id"), q("position")
    sid, published, section_id = f"{story}.{q('id')}", f"{story}.{q('publish_at')}", f"{story}.{q('section_id')}"
    candidates_sql, candidates_params = (
        candidates.order_by().values("id", "publish_at", "section_id").query.sql_with_params()
    )
    query = Query(Article)
    decay = age_decay("publish_at", now, settings.NEWSROOM_RELATED_HALF_LIFE_DAYS).resolve_expression(query)
    decay_sql, decay_params = decay.as_sql(query.get_compiler(connection=connection), connection)

    shared_join, mask, weight, mask_params, weight_params, join_params = "", "0", "0.0", [], [], []
    if tags:
        whens = " ".join("WHEN %s THEN %s" for _ in tags)
        mask, weight = f"CASE shared.{tag_id} {whens} ELSE 0 END", f"CASE shared.{tag_id} {whens} ELSE 0.0 END"
        for bit, tag in enumerate(tags):
            mask_params += [tag.pk, 1 << bit]
            weight_params += [tag.pk, tag_weight(tag)]
        join_params = [tag.pk for tag in tags]
        shared_join = (
            f"LEFT JOIN {q(TaggedArticle._meta.db_table)} shared ON shared.{q('content_object_id')} = {sid} "
            f"AND shared.{tag_id} IN ({', '.join('%s' for _ in tags)}) "
        )
    shared_mask = f"CAST(SUM({mask}) AS BIGINT)"
    no_pin = 1 << 15  # sorts after every pin's position (a PositiveSmallIntegerField)
    best_first = f"pin_order, score DESC, {published} DESC, {sid} DESC"
    ranked_best_first = f"ranked.pin_order, ranked.score DESC, ranked.{q('publish_at')} DESC, ranked.{q('id')} DESC"
    sql = (
        f"SELECT ranked.*, story.{q('headline')}, story.{q('slug')}, "
        f"section.{q('name')} AS section_name, section.{q('slug')} AS section_slug "
        f"FROM (SELECT {sid}, {published}, {section_id}, MIN(pin.{position}) AS pin_position, "
        f"COALESCE(MIN(pin.{position}), %s) AS pin_order, {shared_mask} AS shared_mask, "
        f"CASE WHEN {shared_mask} > 0 THEN SUM({weight}) * {decay_sql} "
        f"+ CASE WHEN {section_id} = %s THEN %s ELSE 0.0 END ELSE 0.0 END AS score "
        f"FROM ({candidates_sql}) {story} {shared_join}"
        f"LEFT JOIN {q(RelatedPin._meta.db_table)} pin ON pin.{q('target_id')} = {sid} AND pin.{q('article_id')} = %s "
        f"GROUP BY {sid}, {published}, {section_id} "
        f"ORDER BY {best_first} LIMIT %s) ranked "
        f"JOIN {story} story ON story.{q('id')} = ranked.{q('id')} "
        f"JOIN {q(Section._meta.db_table)} section ON section.{q('id')} = ranked.{q('section_id')} "
        f"ORDER BY {ranked_best_first}"
    )
    params = [
        no_pin,
        *mask_params,
        *mask_params,
        *weight_params,
        *decay_params,
        article.section_id,
        float(settings.NEWSROOM_RELATED_SECTION_BONUS),
        *candidates_params,
        *join_params,
        article.pk,
        count,
    ]
    rows = list(Article.objects.raw(sql, params))
    for row in rows:  # the section a link names, from the same row
        row.section = Section.from_db(
            None, ["id", "name", "slug"], [row.section_id, row.section_name, row.section_slug]
        )
    return rows


class ReadMore(list):
    """The "Read more" links of a story, and `cache_keys`: the page-cache keys of what chose
    them (a page showing them depends on those keys)."""

    def __init__(self, links, cache_keys):
        super().__init__(links)
        self.cache_keys = cache_keys


def related_articles(article, limit=None, now=None):
    """Up to `limit` ReadMoreLinks for `article` (see the module's docstring), as a ReadMore.

    Its keys: each of the story's tags (a change to any story with one of them may change the
    candidates), each pinned story shown, and the section when the links fall back to it (a
    new story there changes the fallback)."""
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
    per_tag = settings.NEWSROOM_RELATED_CANDIDATES_PER_TAG
    latest_in_section = eligible.filter(section_id=article.section_id).order_by("-publish_at", "-pk")
    candidates = _union_of_candidates(
        RelatedPin.objects.filter(article=article).order_by().values("target"),
        latest_in_section.values("pk")[: limit + RelatedPin.MAX_PER_ARTICLE],
        [tag.pk for tag in rarest_first[:MAX_CANDIDATE_TAGS]],
        per_tag,
    )
    rows = _ranked(article, tags, eligible.filter(pk__in=candidates), now, limit + RelatedPin.MAX_PER_ARTICLE)

    links = [ReadMoreLink(row, "Chosen by our editors", "pinned") for row in rows if row.pin_position is not None]
    others = [row for row in rows if row.pin_position is None]
    if any(row.shared_mask for row in others):
        for row in others:
            if row.shared_mask:
                names = [tag.name for i, tag in enumerate(tags) if row.shared_mask & (1 << i)]
                links.append(ReadMoreLink(row, f"Also tagged {get_text_list(names, 'and')}", "tags"))
    else:
        links += [ReadMoreLink(row, f"Latest in {row.section.name}", "section") for row in others]
    links = links[:limit]
    keys = {cachekeys.tag(tag.pk) for tag in rarest_first}  # every tag of the story
    keys.update(cachekeys.story(link.story.pk) for link in links if link.kind == "pinned")
    if not any(link.kind == "tags" for link in links):
        keys.add(cachekeys.section(article.section_id))
    return ReadMore(links, keys)

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles import cachekeys
from articles.models import Article, RelatedPin
from articles.related import related_articles
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def now():
    """The time the scores are computed at."""
    return timezone.now()


@pytest.fixture
def tagged_story(section, now):
    """A public story about NATO and Ukraine, with common "World news" too."""
    return ArticleFactory(section=section, tags=["NATO", "Ukraine", "World news"], publish_at=now - timedelta(hours=2))


def stories(links):
    return [link.story for link in links]


def test_a_rare_shared_tag_outweighs_a_common_one(tagged_story, now):
    elsewhere = SectionFactory()
    # "World news" is on many stories, "NATO" only on two: sharing NATO says more.
    ArticleFactory.create_batch(6, section=elsewhere, tags=["World news"], publish_at=now - timedelta(days=30))
    rare = ArticleFactory(section=elsewhere, tags=["NATO"], publish_at=now - timedelta(days=1))
    common = ArticleFactory(section=elsewhere, tags=["World news"], publish_at=now - timedelta(days=1))

    links = related_articles(tagged_story, now=now)

    assert stories(links)[:2] == [rare, common]
    assert links[0].reason == "Also tagged NATO"
    assert links[0].story.score > links[1].story.score


def test_more_shared_tags_win_at_the_same_age(tagged_story, now):
    elsewhere = SectionFactory()
    one = ArticleFactory(section=elsewhere, tags=["Ukraine"], publish_at=now - timedelta(days=1))
    two = ArticleFactory(section=elsewhere, tags=["NATO", "ukraine"], publish_at=now - timedelta(days=1))

    links = related_articles(tagged_story, now=now)

    assert stories(links) == [two, one]
    assert links[0].reason == "Also tagged NATO and Ukraine"
    assert links[1].reason == "Also tagged Ukraine"


def test_age_decay_lets_a_fresh_story_beat_an_old_one_sharing_more(tagged_story, now, settings):
    settings.NEWSROOM_RELATED_HALF_LIFE_DAYS = 7
    elsewhere = SectionFactory()
    # Four half-lives cost a factor 16: two shared tags do not make up for it.
    old = ArticleFactory(section=elsewhere, tags=["NATO", "Ukraine"], publish_at=now - timedelta(days=28))
    fresh = ArticleFactory(section=elsewhere, tags=["Ukraine"], publish_at=now - timedelta(hours=1))

    assert stories(related_articles(tagged_story, now=now)) == [fresh, old]

    # With a long half-life the old story's second tag wins again.
    settings.NEWSROOM_RELATED_HALF_LIFE_DAYS = 3650
    assert stories(related_articles(tagged_story, now=now)) == [old, fresh]


def test_same_section_bonus_breaks_an_otherwise_equal_match(tagged_story, now):
    other = ArticleFactory(section=SectionFactory(), tags=["Ukraine"], publish_at=now - timedelta(days=1))
    same = ArticleFactory(section=tagged_story.section, tags=["Ukraine"], publish_at=now - timedelta(days=1, hours=1))

    assert stories(related_articles(tagged_story, now=now)) == [same, other]


def test_very_old_candidates_do_not_break_the_decay(tagged_story, now):
    ancient = ArticleFactory(tags=["NATO"], publish_at=now - timedelta(days=365 * 30))

    assert stories(related_articles(tagged_story, now=now)) == [ancient]


def test_read_more_never_shows_the_story_itself_or_hidden_stories(tagged_story, now):
    ArticleFactory(tags=["NATO"], status=Article.Status.DRAFT)
    ArticleFactory(tags=["NATO"], status=Article.Status.WITHDRAWN)
    ArticleFactory(tags=["NATO"], publish_at=now + timedelta(hours=1))
    ArticleFactory(tags=["NATO"], embargo_until=now + timedelta(hours=1))
    visible = ArticleFactory(tags=["NATO"])

    assert stories(related_articles(tagged_story, now=now)) == [visible]


def test_read_more_shows_at_most_four_links(tagged_story, now):
    ArticleFactory.create_batch(6, tags=["NATO"])

    assert len(related_articles(tagged_story, now=now)) == 4


def test_pinned_stories_come_first_in_their_order(tagged_story, now):
    best_match = ArticleFactory(tags=["NATO", "Ukraine"])
    first = ArticleFactory(section=SectionFactory(), tags=["Sport"])
    second = ArticleFactory(tags=["NATO"])
    RelatedPin.objects.create(article=tagged_story, target=second, position=2)
    RelatedPin.objects.create(article=tagged_story, target=first, position=1)

    links = related_articles(tagged_story, now=now)

    assert stories(links) == [first, second, best_match]
    assert [link.reason for link in links[:2]] == ["Chosen by our editors"] * 2


def test_unpublished_pinned_story_is_left_out(tagged_story, now):
    draft = ArticleFactory(tags=["NATO"], status=Article.Status.DRAFT)
    RelatedPin.objects.create(article=tagged_story, target=draft, position=1)

    assert related_articles(tagged_story, now=now) == []


def test_excluded_stories_never_appear_even_when_pinned(tagged_story, now):
    excluded = ArticleFactory(tags=["NATO", "Ukraine"])
    pinned_and_excluded = ArticleFactory(tags=["NATO"])
    kept = ArticleFactory(tags=["Ukraine"])
    RelatedPin.objects.create(article=tagged_story, target=pinned_and_excluded, position=1)
    tagged_story.excluded_related.add(excluded, pinned_and_excluded)

    assert stories(related_articles(tagged_story, now=now)) == [kept]


def test_without_shared_tags_the_latest_of_the_section_are_shown(section, now):
    lonely = ArticleFactory(section=section, tags=["Rare"])
    older = ArticleFactory(section=section, publish_at=now - timedelta(days=2))
    newer = ArticleFactory(section=section, publish_at=now - timedelta(days=1))
    ArticleFactory(section=section, status=Article.Status.DRAFT)
    ArticleFactory(section=SectionFactory(), publish_at=now - timedelta(minutes=5))

    links = related_articles(lonely, now=now)

    assert stories(links) == [newer, older]
    assert links[0].reason == f"Latest in {section.name}"


def test_the_section_fallback_is_not_mixed_with_tag_matches(tagged_story, now):
    match = ArticleFactory(section=SectionFactory(), tags=["NATO"])
    ArticleFactory(section=tagged_story.section)

    assert stories(related_articles(tagged_story, now=now)) == [match]


def test_pins_with_the_fallback(section, now):
    lonely = ArticleFactory(section=section)
    latest = ArticleFactory(section=section)
    pinned = ArticleFactory(section=SectionFactory())
    RelatedPin.objects.create(article=lonely, target=pinned, position=0)

    assert stories(related_articles(lonely, now=now)) == [pinned, latest]


def test_read_more_takes_two_queries_once_the_tag_counts_are_cached(tagged_story, query_budget):
    for i in range(30):
        ArticleFactory(tags=["NATO", f"topic-{i}"])
    RelatedPin.objects.create(article=tagged_story, target=ArticleFactory(), position=0)

    first_view, second_view = Article.objects.get(pk=tagged_story.pk), Article.objects.get(pk=tagged_story.pk)

    with query_budget("read more"):
        first = related_articles(first_view)
    with query_budget("read more, tag counts cached"):
        links = related_articles(second_view)

    assert len(links) == 4 and links == first


def test_cached_tag_counts_follow_new_taggings_and_new_stories(tagged_story):
    from articles.related import tags_with_rarity

    ArticleFactory(tags=["NATO"])
    before = {tag.name: tag for tag in tags_with_rarity(tagged_story)}  # counted, then cached
    ArticleFactory(tags=["NATO"])  # a new story with the tag: both counts change
    ArticleFactory(tags=["Budget"])  # a new story without it: the total changes
    tagged_story.tags.add("Defence")  # a new tag on the story
    tagged_story.tags.remove("Ukraine")
    after = {tag.name: tag for tag in tags_with_rarity(tagged_story)}

    assert (before["NATO"].stories_with_tag, before["NATO"].stories_total) == (2, 2)
    assert (after["NATO"].stories_with_tag, after["NATO"].stories_total) == (3, 4)
    assert after["Defence"].stories_with_tag == 1 and "Ukraine" not in after



def test_a_missing_tag_count_is_counted_without_recounting_every_story(tagged_story, django_assert_num_queries):
    from django.core.cache import cache

    from articles.related import STORIES_TOTAL_KEY, forget_rarity, tag_count_key, tags_with_rarity

    tags_with_rarity(tagged_story)  # every count cached
    nato = tagged_story.tags.get(name="NATO")
    cache.set(STORIES_TOTAL_KEY, 1000)  # as if counted when the site had 1,000 stories
    forget_rarity(nato.pk)

    with django_assert_num_queries(2) as queries:  # the tags, NATO's count
        counts = {tag.name: (tag.stories_with_tag, tag.stories_total) for tag in tags_with_rarity(tagged_story)}

    assert counts["NATO"] == (1, 1000) and cache.get(tag_count_key(nato.pk)) == 1
    assert 'FROM "articles_article"' not in queries.captured_queries[1]["sql"].replace("`", '"')

    cache.delete(STORIES_TOTAL_KEY)  # the total alone missing: counted, the tags' counts kept
    assert {tag.stories_total for tag in tags_with_rarity(tagged_story)} == {Article.objects.count()}


def test_a_story_cannot_be_pinned_under_itself(tagged_story):
    with pytest.raises(ValidationError):
        RelatedPin(article=tagged_story, target=tagged_story).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        RelatedPin.objects.create(article=tagged_story, target=tagged_story)


def test_story_page_shows_the_reason_of_each_link(client, tagged_story):
    ArticleFactory(headline="Allies meet again", tags=["NATO", "Ukraine"])

    content = client.get(tagged_story.get_absolute_url()).content.decode()

    assert "Allies meet again</a>" in content
    assert '<span class="read-more-reason">Also tagged NATO and Ukraine</span>' in content


def test_score_is_rarity_times_decay_plus_section_bonus(tagged_story, now, settings):
    from math import log

    from articles.models import TaggedArticle

    settings.NEWSROOM_RELATED_HALF_LIFE_DAYS = 7
    settings.NEWSROOM_RELATED_SECTION_BONUS = 0.5
    week_old = ArticleFactory(section=tagged_story.section, tags=["NATO"], publish_at=now - timedelta(days=7))
    stories_total = Article.objects.count()
    with_nato = TaggedArticle.objects.filter(tag__name="NATO").count()

    [link] = related_articles(tagged_story, now=now)

    # one shared tag of rarity log(1 + 2/2), one half-life old, same section
    assert (stories_total, with_nato) == (2, 2)
    assert link.story == week_old
    assert link.story.score == pytest.approx(log(1 + stories_total / with_nato) * 0.5 + 0.5)


def test_read_more_names_the_keys_it_was_chosen_from(tagged_story, section, now):
    ArticleFactory(section=section, headline="Shares a tag", tags=[tagged_story.tags.first().name])
    links = related_articles(tagged_story, now=now)

    assert any(link.kind == "tags" for link in links)
    assert {cachekeys.tag(tag.pk) for tag in tagged_story.tags.all()} <= links.cache_keys
    assert cachekeys.section(tagged_story.section_id) not in links.cache_keys


def test_read_more_falling_back_to_the_section_names_the_section_key(section, now):
    lonely = ArticleFactory(section=section, headline="No tag in common", tags=["Unshared"])
    ArticleFactory(section=section, headline="Same section")
    links = related_articles(lonely, now=now)

    assert [link.kind for link in links] == ["section"]
    assert cachekeys.section(section.pk) in links.cache_keys

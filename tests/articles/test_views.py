from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, ImageFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def complete_story(section):
    """A public story with two bylines and two tags."""
    return ArticleFactory(
        section=section,
        headline="Ministers agree a winter plan",
        bylines=[AuthorFactory(name="Ana Ruiz"), AuthorFactory(name="Tom Bell")],
        tags=["NATO", "Ukraine"],
    )


def with_hero(story, size, **image_fields):
    """`story` with a library image of `size` as its hero."""
    story.hero = ImageFactory(size=size, **{"alt_text": "Flags in the wind", "caption": "Flags outside the venue",
                                            "credit": "Staff photographer", **image_fields})
    story.save()
    return story


def test_home_shows_the_lead_story_and_sections(client, section):
    older = ArticleFactory(section=section, publish_at=timezone.now() - timedelta(days=1))
    lead = ArticleFactory(section=SectionFactory(name="Sport"))

    response = client.get("/")

    assert response.status_code == 200
    assert response.context["lead"] == lead
    assert dict(response.context["sections"])[section] == [older]
    assert older.headline in response.content.decode()


def test_home_fills_sections_from_the_latest_stories_only(client, settings, section):
    settings.NEWSROOM_HOME_WINDOW = 3
    other = SectionFactory(name="Sport")
    now = timezone.now()
    recent = [ArticleFactory(section=section, publish_at=now - timedelta(hours=h)) for h in (1, 2, 3)]
    ArticleFactory(section=other, publish_at=now - timedelta(days=30))  # older than the window

    response = client.get("/")

    assert response.context["lead"] == recent[0]
    assert dict(response.context["sections"]) == {section: recent[1:]}


def test_home_leaves_out_unpublished_stories(client, section):
    ArticleFactory(section=section, headline="Draft one", status=Article.Status.DRAFT)
    ArticleFactory(section=section, headline="Future one", publish_at=timezone.now() + timedelta(hours=1))

    content = client.get("/").content.decode()

    assert "Draft one" not in content and "Future one" not in content


def test_story_page_shows_every_part(client, complete_story):
    complete_story.body = "<p>Para.</p><blockquote><p>“Quoted words,” said a minister.</p></blockquote>"
    complete_story.save()

    response = client.get(f"/news/{complete_story.slug}/")
    content = response.content.decode()

    assert response.status_code == 200
    assert "<h1>Ministers agree a winter plan</h1>" in content
    assert complete_story.standfirst in content
    for author in complete_story.byline_authors:
        assert f'href="{author.get_absolute_url()}" rel="author">{author.name}</a>' in content
    assert f'<time datetime="{timezone.localtime(complete_story.publish_at).replace(microsecond=0).isoformat()}">' in content
    assert "<blockquote><p>“Quoted words,” said a minister.</p></blockquote>" in content
    assert 'href="/tag/nato/" rel="tag">NATO</a>' in content
    assert "Preview" not in content


def test_story_page_shows_the_hero_image_with_alt_caption_and_credit(client, complete_story):
    with_hero(complete_story, (300, 200))

    content = client.get(complete_story.get_absolute_url()).content.decode()

    assert 'alt="Flags in the wind" width="300" height="200"' in content
    assert f"{complete_story.hero.rendition('original').url} 300w" in content
    assert "Flags outside the venue" in content and "Staff photographer" in content


def test_story_page_shows_the_update_time_when_changed_after_publishing(client, complete_story):
    Article.objects.filter(pk=complete_story.pk).update(publish_at=timezone.now() - timedelta(days=1))

    content = client.get(complete_story.get_absolute_url()).content.decode()

    assert "Updated <time datetime=" in content


@pytest.mark.parametrize(
    "changes",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.IN_REVIEW},
        {"status": Article.Status.WITHDRAWN},
        {"publish_at": timezone.now() + timedelta(days=1)},
        {"embargo_until": timezone.now() + timedelta(days=1)},
    ],
)
def test_unpublished_story_is_404_for_the_public(client, reader, complete_story, changes):
    Article.objects.filter(pk=complete_story.pk).update(**changes)

    assert client.get(complete_story.get_absolute_url()).status_code == 404
    client.force_login(reader)
    assert client.get(complete_story.get_absolute_url()).status_code == 404


def test_staff_with_change_permission_see_a_preview(client, reader, complete_story):
    Article.objects.filter(pk=complete_story.pk).update(status=Article.Status.DRAFT)
    reader.user_permissions.add(*Permission.objects.filter(codename__in=["change_article", "edit_any_article"]))
    client.force_login(reader)

    response = client.get(complete_story.get_absolute_url())

    assert response.status_code == 200
    assert "Preview — not public" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_public_story_is_not_a_preview_even_for_staff(client, editor, complete_story):
    client.force_login(editor)

    response = client.get(complete_story.get_absolute_url())

    assert "Preview — not public" not in response.content.decode()
    assert "X-Robots-Tag" not in response


def test_unknown_story_is_a_404_in_the_sites_design(client, db):
    response = client.get("/news/no-such-story/")

    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()
    assert 'class="site-header"' in response.content.decode()


def test_500_page_renders_in_the_sites_design(client, db):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")

    assert "Something went wrong on our side" in html and 'class="site-header"' in html


@pytest.mark.parametrize("kind", ["section", "tag", "author"])
def test_list_pages_show_public_stories_only(client, complete_story, kind):
    hidden = ArticleFactory(
        section=complete_story.section, status=Article.Status.DRAFT, headline="Hidden draft", tags=["NATO"],
        bylines=[complete_story.byline_authors[0]],
    )
    url = {
        "section": complete_story.section.get_absolute_url(),
        "tag": "/tag/nato/",
        "author": complete_story.byline_authors[0].get_absolute_url(),
    }[kind]

    response = client.get(url)

    assert response.status_code == 200
    assert list(response.context["stories"]) == [complete_story]
    assert hidden.headline not in response.content.decode()


def test_author_page_shows_the_bio(client, complete_story):
    author = complete_story.byline_authors[0]

    content = client.get(author.get_absolute_url()).content.decode()

    assert author.bio in content


@pytest.mark.parametrize("url", ["/section/nope/", "/tag/nope/", "/author/nope/"])
def test_list_pages_for_unknown_slugs_are_404(client, db, url):
    assert client.get(url).status_code == 404


def test_list_pages_paginate_by_twenty(client, section):
    ArticleFactory.create_batch(21, section=section)

    first = client.get(section.get_absolute_url())
    second = client.get(section.get_absolute_url() + "?page=2")

    assert len(first.context["stories"]) == 20
    assert len(second.context["stories"]) == 1
    assert 'rel="next"' in first.content.decode()
    assert client.get(section.get_absolute_url() + "?page=9").status_code == 404


def _story_with_rows(section, rows):
    authors = AuthorFactory.create_batch(rows)
    tags = [f"topic-{i}" for i in range(rows)]
    article = ArticleFactory(section=section, bylines=authors, tags=tags)
    for i in range(rows):
        ArticleFactory(section=section, bylines=[authors[i]], tags=tags[: i + 1])
    return article


@pytest.mark.parametrize("rows", [1, 30])
def test_pages_stay_within_their_query_budget(
    client, settings, section, current_site, rows, query_budget
):
    settings.PAGE_CACHE_SECONDS = 0  # measure building the pages, not serving them from the cache
    article = _story_with_rows(section, rows)
    author = article.byline_authors[0]
    tag = article.tags.first()

    # nav sections + lead + its bylines + recent-window cutoff + ranked stories + their bylines
    with query_budget("home"):
        assert client.get("/").status_code == 200
    # story + bylines + tags + their counts (cached after the first view) + related + nav + comment thread
    with query_budget("story"):
        assert client.get(article.get_absolute_url()).status_code == 200
    with query_budget("story, tag counts cached"):
        assert client.get(article.get_absolute_url()).status_code == 200
    for url in [section.get_absolute_url(), tag.get_absolute_url(), author.get_absolute_url()]:
        # owner + count + page + bylines + nav
        with query_budget("list page"):
            assert client.get(url).status_code == 200


def test_hero_images_are_responsive_pictures(client, complete_story):
    from images.renditions import planned

    with_hero(complete_story, (1000, 500))
    ArticleFactory(tags=["NATO"], publish_at=timezone.now() - timedelta(days=1),
                   hero=ImageFactory(size=(600, 400), alt_text="Older"))

    story_page = client.get(complete_story.get_absolute_url()).content.decode()
    home = client.get("/").content.decode()

    # Story: WebP and JPEG renditions at every width up to the original's, never upscaled.
    assert '<source type="image/webp" srcset="' in story_page
    for width in (320, 640, 960):
        assert f".webp {width}w" in story_page and f".jpg {width}w" in story_page
    assert ".webp 1000w" in story_page and "1280w" not in story_page
    assert 'alt="Flags in the wind" width="1000" height="500" fetchpriority="high"' in story_page
    assert 'loading="lazy"' not in story_page.split("<figure")[1].split("</figure>")[0]
    renditions = planned(complete_story.hero)
    assert renditions and all(default_storage.exists(rendition.name) for rendition in renditions)
    assert {(r.crop, r.encoding) for r in renditions} >= {("original", "webp"), ("card", "jpeg"), ("social", "jpeg")}
    # Home: the lead's picture loads eagerly, the others lazily.
    assert home.count('fetchpriority="high"') == 1 and home.count('loading="lazy"') == 1


def test_story_cards_show_the_heros_card_crop(client, complete_story):
    with_hero(complete_story, (1000, 500))
    card = complete_story.hero.rendition("card")

    home = client.get("/").content.decode()

    assert f"{card.url} {card.width}w" in home
    assert (card.width, card.height) == (750, 500)  # 3:2 from a 2:1 picture, never upscaled


def test_navigation_follows_new_and_renamed_sections_at_once(client, complete_story, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the navigation comes from its own cached list
    client.get("/")  # the list is cached
    SectionFactory(name="Science", slug="science")
    complete_story.section.name = "World affairs"
    complete_story.section.save()

    content = client.get("/").content.decode()

    assert '<a href="/section/science/"' in content and "World affairs</a>" in content

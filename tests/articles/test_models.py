from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Tag
from articles.sanitize import clean_body
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db

PAST = timedelta(hours=-1)
FUTURE = timedelta(hours=1)


@pytest.mark.parametrize("status", Article.Status.values)
@pytest.mark.parametrize("offset", [PAST, FUTURE, None], ids=["past", "future", "no-time"])
def test_published_requires_published_status_and_a_passed_publish_time(status, offset):
    publish_at = timezone.now() + offset if offset is not None else None
    article = ArticleFactory(status=status, publish_at=publish_at)

    expected = status == Article.Status.PUBLISHED and offset == PAST
    assert (article in Article.objects.published()) is expected
    assert article.is_published() is expected


def test_scheduled_story_becomes_public_at_its_publish_time_without_any_job():
    publish_at = timezone.now() + timedelta(minutes=10)
    article = ArticleFactory(publish_at=publish_at)

    before = publish_at - timedelta(seconds=1)
    after = publish_at + timedelta(seconds=1)
    assert not Article.objects.published(now=before).filter(pk=article.pk).exists()
    assert not article.is_published(now=before)
    assert Article.objects.published(now=after).filter(pk=article.pk).exists()
    assert article.is_published(now=after)


def test_embargo_keeps_a_published_story_out_until_it_lifts():
    article = ArticleFactory(embargo_until=timezone.now() + timedelta(hours=2))

    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert not article.is_published()
    later = timezone.now() + timedelta(hours=3)
    assert Article.objects.published(now=later).filter(pk=article.pk).exists()
    assert article.is_published(now=later)


@pytest.mark.parametrize(
    "dirty",
    [
        '<p>Hi</p><script>alert(1)</script>',
        '<p onclick="alert(1)">Hi</p>',
        '<p><a href="javascript:alert(1)">Hi</a></p>',
        '<p><img src="x.png" onerror="alert(1)" alt="x"></p>',
        '<p><a href="JaVaScRiPt:alert(1)">Hi</a></p>',
        '<p style="color:red">Hi</p><iframe src="https://evil.example"></iframe>',
    ],
)
def test_sanitising_removes_scripts_handlers_and_javascript_urls(dirty):
    cleaned = clean_body(dirty)

    assert "<script" not in cleaned
    assert "alert(1)</" not in cleaned
    assert "onclick" not in cleaned and "onerror" not in cleaned
    assert "javascript:" not in cleaned.lower()
    assert "<iframe" not in cleaned and "style=" not in cleaned
    assert "Hi" in cleaned or "<img" in cleaned


def test_sanitising_keeps_the_allowed_markup():
    html = (
        "<h2>Sub</h2><h3>Minor</h3><p><strong>Bold</strong> and <em>em</em> "
        '<a href="https://example.org/x">web</a> <a href="mailto:desk@example.org">mail</a></p>'
        "<blockquote><p>“Quoted,” she said.</p></blockquote><ul><li>One</li></ul><ol><li>Two</li></ol>"
        '<figure><img src="https://example.org/a.jpg" alt="A picture"><figcaption>Cap</figcaption></figure>'
    )
    cleaned = clean_body(html)

    for fragment in [
        "<h2>Sub</h2>", "<h3>Minor</h3>", "<strong>Bold</strong>", "<em>em</em>",
        'href="https://example.org/x"', 'href="mailto:desk@example.org"',
        "<blockquote><p>“Quoted,” she said.</p></blockquote>", "<ul><li>One</li></ul>", "<ol><li>Two</li></ol>",
        '<img src="https://example.org/a.jpg" alt="A picture">', "<figcaption>Cap</figcaption>",
    ]:
        assert fragment in cleaned


def test_body_is_sanitised_on_every_save():
    article = ArticleFactory(body="<p>Safe</p><script>alert(1)</script>")
    assert article.body == "<p>Safe</p>"

    article.body = '<p onmouseover="x()">Edited</p>'
    article.save()
    article.refresh_from_db()
    assert article.body == "<p>Edited</p>"


def test_tags_are_case_insensitive():
    first = ArticleFactory(tags=["NATO"])
    second = ArticleFactory(tags=["nato"])

    assert Tag.objects.filter(name__iexact="nato").count() == 1
    assert list(first.tags.all()) == list(second.tags.all())


def test_bylines_keep_their_order():
    authors = [AuthorFactory(name=name) for name in ["Zed", "Amy", "Mo"]]
    article = ArticleFactory(bylines=authors)

    assert [a.name for a in article.byline_authors] == ["Zed", "Amy", "Mo"]

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from articles.demo_images import hero_jpeg
from articles.models import Article, Author, Byline, Section
from images.models import Image


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("pw")


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")
    position = factory.Sequence(int)


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")
    bio = "Covers the desk."


class ImageFactory(factory.django.DjangoModelFactory):
    """A library image: a 640 × 400 JPEG (`size=(w, h)` for another) with alt text."""

    class Meta:
        model = Image

    class Params:
        size = (640, 400)

    file = factory.LazyAttributeSequence(lambda o, n: ContentFile(hero_jpeg(f"factory-{n}", o.size), name="photo.jpg"))
    alt_text = "Flags outside the venue"
    caption = ""
    credit = ""


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published story, public since an hour ago, with one byline."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Headline number {n}")
    slug = factory.Sequence(lambda n: f"story-{n}")
    standfirst = "What happened, in one sentence."
    body = "<p>First paragraph.</p><blockquote><p>“A quote,” said someone.</p></blockquote>"
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def bylines(self, create, authors, **kwargs):
        if not create:
            return
        for position, author in enumerate(authors or [AuthorFactory()]):
            Byline.objects.create(article=self, author=author, position=position)

    @factory.post_generation
    def tags(self, create, names, **kwargs):
        if create and names:
            self.tags.add(*names)


class CommentFactory(factory.django.DjangoModelFactory):
    """A reader's public comment on a story (pass `parent` for a reply)."""

    class Meta:
        model = "comments.ReaderComment"
        exclude = ["parent"]

    parent = None
    content_object = factory.LazyAttribute(lambda c: c.parent.content_object if c.parent else ArticleFactory())
    parent_id = factory.LazyAttribute(lambda c: c.parent.pk if c.parent else 0)
    site_id = 1
    user_name = factory.Sequence(lambda n: f"Commenter {n}")
    user_email = factory.Sequence(lambda n: f"commenter{n}@example.org")
    comment = factory.Sequence(lambda n: f"Comment number {n}.")
    submit_date = factory.LazyFunction(timezone.now)
    is_public = True
    is_removed = False


class CorrectionFactory(factory.django.DjangoModelFactory):
    """A correction to a story, published just now."""

    class Meta:
        model = "articles.Correction"

    article = factory.SubFactory(ArticleFactory)
    text = "An earlier version of this story gave the wrong date for the vote."


class CommentReportFactory(factory.django.DjangoModelFactory):
    """A reader's report of a comment (an anonymous reader's, each from its own address)."""

    class Meta:
        model = "comments.CommentReport"

    comment = factory.SubFactory(CommentFactory)
    reason = "spam"
    address_digest = factory.Sequence(lambda n: f"{n:064x}")

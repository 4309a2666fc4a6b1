from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import ItemBase, TagBase

from .sanitize import clean_body


class CommentMode(models.TextChoices):
    OPEN = "open", "Open"
    PREMODERATED = "premoderated", "Pre-moderated (every comment held)"
    CLOSED = "closed", "Closed"


class Section(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the site's navigation: lower comes first."
    )
    comment_mode = models.CharField(
        max_length=20,
        choices=CommentMode.choices,
        default=CommentMode.OPEN,
        help_text="Default comment mode for stories in this section.",
    )

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})


class Author(models.Model):
    """A byline: the name readers see, which may or may not belong to a user account."""

    name = models.CharField("display name", max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    bio = models.TextField("short bio", blank=True)
    photo = models.ImageField(upload_to="authors/", blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


class Tag(TagBase):
    """A topic such as "NATO". Names are unique whatever their case."""

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="articles_tag_name_ci_unique")]

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})


class TaggedArticle(ItemBase):
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="articles_taggedarticle_unique")
        ]
        indexes = [
            # "Read more" and tag pages go from a tag to its stories: covered by this index.
            models.Index(fields=["tag", "content_object"], name="taggedarticle_tag_story"),
        ]


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """The one definition of public: status Published, publish time passed,
        and no embargo still in force."""
        now = now or timezone.now()
        return self.filter(
            Q(embargo_until__isnull=True) | Q(embargo_until__lte=now),
            status=Article.Status.PUBLISHED,
            publish_at__lte=now,
        )

    def for_listing(self):
        """What a list of stories needs, fetched in a constant number of queries."""
        return self.select_related("section").prefetch_related(
            models.Prefetch("bylines", queryset=Byline.objects.select_related("author"))
        )


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    headline = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    standfirst = models.TextField(
        max_length=400, help_text="The one- or two-sentence summary under the headline."
    )
    body = models.TextField(
        blank=True,
        help_text="HTML. Paragraphs, h2/h3, quotes, lists, links, bold, italic and figures are "
        "kept; everything else is removed when the story is saved.",
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    authors = models.ManyToManyField(Author, through="Byline", related_name="articles")
    tags = TaggableManager(through=TaggedArticle, blank=True, related_name="articles")
    excluded_related = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="+",
        verbose_name="never in Read more",
        help_text="Stories that must never appear in this story's \"Read more\", whatever their tags.",
    )

    hero_image = models.ImageField(
        upload_to="heroes/%Y/%m/", blank=True, width_field="hero_width", height_field="hero_height"
    )
    hero_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_alt = models.CharField(
        "hero image alt text", max_length=250, blank=True,
        help_text="What the picture shows, for readers who cannot see it.",
    )
    hero_caption = models.CharField(max_length=300, blank=True)
    hero_credit = models.CharField(max_length=120, blank=True)

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="An article is public when its status is Published and its publish time has passed.",
    )
    embargo_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Until this time the story stays out of every public page, even when Published.",
    )
    comment_mode = models.CharField(
        max_length=20, choices=CommentMode.choices, blank=True,
        help_text="Leave blank to use the section's comment mode.",
    )
    comments_close_after_days = models.PositiveSmallIntegerField(
        null=True, blank=True,
        help_text="Comments close this many days after publishing. Leave blank for the site's default.",
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "publish_at"], name="article_status_publish"),
            models.Index(fields=["section", "status", "publish_at"], name="article_section_publish"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = clean_body(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def is_published(self, now=None):
        """Mirror of ArticleQuerySet.published() for one story."""
        now = now or timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.embargo_until is None or self.embargo_until <= now)
        )

    is_published.boolean = True
    is_published.short_description = "public"

    @property
    def byline_authors(self):
        """Authors in byline order (uses the prefetch from for_listing() when present)."""
        return [byline.author for byline in self.bylines.all()]

    @property
    def was_updated(self):
        """Whether the story changed noticeably after it went out."""
        return bool(self.publish_at and self.updated_at and self.updated_at - self.publish_at > timedelta(minutes=5))


class Byline(models.Model):
    """One author's credit on one story; `position` keeps the bylines' order."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="articles_byline_unique_author")
        ]

    def __str__(self):
        return f"{self.author} on {self.article}"


class RelatedPin(models.Model):
    """A story an editor places first in another story's "Read more", in `position` order."""

    MAX_PER_ARTICLE = 3

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_pins")
    target = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="pinned_in", verbose_name="story")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "pinned story"
        constraints = [
            models.UniqueConstraint(fields=["article", "target"], name="articles_relatedpin_unique_target"),
            models.CheckConstraint(condition=~Q(article=F("target")), name="articles_relatedpin_not_self"),
        ]

    def __str__(self):
        return f"{self.target} pinned under {self.article}"

    def clean(self):
        if self.article_id and self.article_id == self.target_id:
            raise ValidationError({"target": "A story cannot be pinned under itself."})

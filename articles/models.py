from datetime import timedelta

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Min, Q
from django.db.models.functions import Coalesce, Greatest, Lower
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import ItemBase, TagBase

from images.uploads import ImageUploadField

from .sanitize import clean_body, library_image_ids


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
    photo = ImageUploadField(upload_to="authors/", blank=True)
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


@reversion.register()
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

    def scheduled(self, now=None):
        """Published but not public yet: its publish time or its embargo is still to come
        (mirrored by Article.is_scheduled())."""
        now = now or timezone.now()
        return self.filter(status=Article.Status.PUBLISHED).exclude(
            Q(embargo_until__isnull=True) | Q(embargo_until__lte=now), publish_at__lte=now
        )

    def under_embargo(self, now=None):
        """Published with an embargo still in force."""
        now = now or timezone.now()
        return self.filter(status=Article.Status.PUBLISHED, embargo_until__gt=now)

    def with_go_live(self):
        """Annotate `goes_live`, the query's Article.go_live_at: the later of publish time and embargo."""
        return self.annotate(goes_live=Greatest(
            Coalesce("publish_at", "embargo_until"), Coalesce("embargo_until", "publish_at")
        ))

    def going_live_between(self, start, end):
        """Published stories that go live (or went live) from `start` up to `end`, by
        Article.go_live_at, annotated `goes_live` (the editorial calendar's days, the
        home's "Scheduled in the next 48 hours")."""
        return self.filter(status=Article.Status.PUBLISHED).with_go_live().filter(
            goes_live__gte=start, goes_live__lt=end
        )

    def owned_by(self, user):
        """The writer's own stories: they created it or their byline is on it
        (mirrored by Article.is_owned_by())."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            pk__in=Article.objects.filter(Q(created_by=user) | Q(bylines__author__user=user)).values("pk")
        )

    def next_transition(self, now=None):
        """The next moment a Published story goes live or leaves its embargo, or None."""
        now = now or timezone.now()
        times = self.filter(status=Article.Status.PUBLISHED).aggregate(
            publish=Min("publish_at", filter=Q(publish_at__gt=now)),
            lift=Min("embargo_until", filter=Q(embargo_until__gt=now)),
        )
        return min((t for t in times.values() if t is not None), default=None)

    def for_desk(self, user):
        """The stories `user` may open in the admin and preview: every story for
        editors (permission `edit_any_article`), their own for writers."""
        if user.has_perm("articles.edit_any_article"):
            return self
        if not user.has_perm("articles.view_article"):
            return self.none()
        return self.owned_by(user)

    def for_listing(self):
        """What a list of stories needs, fetched in a constant number of queries
        (the comment count is a subquery of the same query)."""
        from comments.thread import comment_count  # comments builds on articles: import when used

        return (
            self.select_related("section", "hero")
            .prefetch_related(models.Prefetch("bylines", queryset=Byline.objects.select_related("author")))
            .annotate(comment_count=comment_count())
        )


# Corrections are deliberately not followed: reverting a story never removes a published correction.
@reversion.register(follow=["bylines", "tagged_items"])
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

    hero = models.ForeignKey(
        "images.Image",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hero_of",
        verbose_name="hero image",
        help_text="A picture from the image library, shown above the story and on its cards.",
    )

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
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # Optimistic locking: every save increments it; a save that started from an
    # older number is refused (see ArticleAdminForm and ArticleAdmin.save_model).
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        permissions = [
            ("edit_any_article", "Can edit any writer's story"),
            ("submit_article", "Can submit stories for review"),
            ("request_changes_article", "Can send stories back to their writer"),
            ("approve_article", "Can approve stories in review"),
            ("publish_article", "Can publish stories"),
            ("schedule_article", "Can schedule stories"),
            ("withdraw_article", "Can withdraw stories"),
            ("view_history_article", "Can see and compare a story's revisions"),
            ("revert_article", "Can revert a story to an earlier revision"),
        ]
        indexes = [
            models.Index(fields=["status", "publish_at"], name="article_status_publish"),
            models.Index(fields=["section", "status", "publish_at"], name="article_section_publish"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = clean_body(self.body)
        super().save(*args, **kwargs)
        record_image_uses(self)

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

    def is_scheduled(self, now=None):
        """Published, but its publish time (or embargo) is still to come."""
        return self.status == self.Status.PUBLISHED and not self.is_published(now)

    @property
    def go_live_at(self):
        """When a Published story becomes public: the later of publish time and embargo."""
        return max(filter(None, [self.publish_at, self.embargo_until]), default=None)

    def is_owned_by(self, user):
        """The writer's own story: they created it or their byline is on it
        (uses the prefetched bylines when present)."""
        if not user.is_authenticated:
            return False
        if self.created_by_id == user.pk:
            return True
        return any(byline.author.user_id == user.pk for byline in self.bylines.all())

    def can_be_seen_by(self, user):
        """Whether `user` may open this story in the admin or preview it."""
        if user.has_perm("articles.edit_any_article"):
            return True
        return user.has_perm("articles.view_article") and self.is_owned_by(user)

    def can_be_edited_by(self, user):
        """Editors edit any story; a writer only their own drafts and stories sent back to them."""
        if not user.has_perm("articles.change_article"):
            return False
        if user.has_perm("articles.edit_any_article"):
            return True
        return self.status in (self.Status.DRAFT, self.Status.CHANGES_REQUESTED) and self.is_owned_by(user)

    @property
    def byline_authors(self):
        """Authors in byline order (uses the prefetch from for_listing() when present)."""
        return [byline.author for byline in self.bylines.all()]

    @property
    def was_updated(self):
        """Whether the story changed noticeably after it went out."""
        return bool(self.publish_at and self.updated_at and self.updated_at - self.publish_at > timedelta(minutes=5))


class ImageUse(models.Model):
    """A story's use of a library image, as its hero or inside its text: kept equal to the
    story on every save (`record_image_uses`), so an image in use cannot be deleted and the
    library can say which stories use it."""

    class Role(models.TextChoices):
        HERO = "hero", "Hero"
        BODY = "body", "In the text"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="image_uses")
    image = models.ForeignKey("images.Image", on_delete=models.PROTECT, related_name="uses")
    role = models.CharField(max_length=10, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "image", "role"], name="articles_imageuse_unique")
        ]

    def __str__(self):
        return f"{self.article} ({self.get_role_display().lower()})"


def record_image_uses(article):
    """Make `article`'s ImageUse rows say what it uses now: its hero and the library images
    its body names (data-image="<id>"; ids of images that do not exist are ignored)."""
    from images.models import Image

    wanted = {(image_id, ImageUse.Role.BODY) for image_id in Image.objects.filter(
        pk__in=library_image_ids(article.body)).values_list("pk", flat=True)}
    if article.hero_id:
        wanted.add((article.hero_id, ImageUse.Role.HERO))
    current = {(use.image_id, use.role): use.pk for use in ImageUse.objects.filter(article=article)}
    stale = [pk for key, pk in current.items() if key not in wanted]
    if stale:
        ImageUse.objects.filter(pk__in=stale).delete()
    ImageUse.objects.bulk_create(
        [ImageUse(article=article, image_id=image_id, role=role) for image_id, role in wanted - current.keys()]
    )


@reversion.register()
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


class ArticleEvent(models.Model):
    """One step of a story's editorial workflow: who did what, when, with an optional note."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        SUBMITTED = "submitted", "Submitted for review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"
        SCHEDULED = "scheduled", "Scheduled"
        WITHDRAWN = "withdrawn", "Withdrawn"
        CORRECTED = "corrected", "Correction added"
        REVERTED = "reverted", "Reverted to an earlier revision"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=30, choices=Action.choices)
    from_status = models.CharField(max_length=20, choices=Article.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Article.Status.choices, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "workflow event"

    def __str__(self):
        return f"{self.get_action_display()}: {self.article}"


class Correction(models.Model):
    """A published correction to a story: shown under it and in the public log."""

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="corrections")
    text = models.TextField(help_text="What was wrong and what is right now, as readers will read it.")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Correction to {self.article}"
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


def next_transition(now=None):
    """When a story next goes live or leaves its embargo: the page cache's
    PAGE_CACHE_NEXT_TRANSITION (newsroom.pagecache expires pages by it)."""
    return Article.objects.next_transition(now=now)


class StoryAutosave(models.Model):
    """A copy of the story form as one user left it, saved while they type
    (articles.autosave). Not the story: saving one changes no story, makes no
    revision and touches no public page. One per user and story; `article` is
    empty for the add form (one per user)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    # The form's fields as the browser posted them: {name: [value, ...]} (files and
    # the CSRF token left out).
    data = models.JSONField(default=dict)
    # The story's version the form started from (its version token), None for the add form.
    version = models.PositiveIntegerField(null=True, blank=True)
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "autosaved story form"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"], condition=Q(article__isnull=False), name="storyautosave_one_per_story"
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(article__isnull=True), name="storyautosave_one_add_form"
            ),
        ]

    def __str__(self):
        return f"Autosave of {self.article or 'a new story'} by {self.user}"


class ReviewNote(models.Model):
    """A note between a story's editors and its writers, on the story's admin page only
    (never on a public page, feed or preview). A note with no `parent` starts a thread;
    replies hang off it (one level: a reply to a reply joins the same thread). Resolving
    a thread (its first note) folds it away. Written by articles.services.review_note_add
    and review_note_resolve, which say who may and who is emailed."""

    MAX_LENGTH = 4000

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="review_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    text = models.TextField(max_length=MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["article", "created_at"], name="reviewnote_article_created")]

    def __str__(self):
        return f"Review note on {self.article}"

    @property
    def is_resolved(self):
        return self.resolved_at is not None


class NotificationSettings(models.Model):
    """Which workflow emails a user has turned off (articles.services.STEP_MAIL names the
    field each step reads). No row means every email is sent."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    mail_approved = models.BooleanField("when a story of mine is approved", default=True)
    mail_scheduled = models.BooleanField("when a story of mine is scheduled or rescheduled", default=True)
    mail_published = models.BooleanField("when a story of mine is published", default=True)
    mail_withdrawn = models.BooleanField("when a story of mine is withdrawn", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "notification settings"

    def __str__(self):
        return f"Notification settings of {self.user}"

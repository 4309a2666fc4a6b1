"""Our comment model (a proxy of xtd's), the moderation lists, reasons and decision log,
readers' reports and what moderators decided about commenters (by email address)."""

from datetime import UTC, datetime

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django_comments_xtd.models import XtdComment, XtdCommentManager

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# The longest note a reader may add to a report.
REPORT_NOTE_MAX_LENGTH = 500


class CommentReason(models.TextChoices):
    """Why a comment should not be on the site: the one list readers report with and
    moderators remove with (ModerationDecision.reason)."""

    SPAM = "spam", "spam"
    ABUSE = "abuse", "abuse or harassment"
    OFF_TOPIC = "off_topic", "off-topic"
    OTHER = "other", "other"

# The moderation queues as conditions (comments/queues.py lists them for the changelist
# and the desk; the QuerySet methods below filter on them). REPORTED needs the
# `open_reports` annotation (with_open_reports()).
VISIBLE = Q(is_public=True, is_removed=False)
PENDING = Q(is_public=False, is_removed=False)
REPORTED = Q(is_removed=False, open_reports__gt=0)
REMOVED = Q(is_removed=True)


class ReaderCommentQuerySet(models.QuerySet):
    def visible(self):
        """Comments readers may see: approved (public) and not removed."""
        return self.filter(VISIBLE)

    def pending(self):
        return self.filter(PENDING)

    def on_stories(self):
        """Comments on stories (articles.Article). Joins on the content type instead of
        looking it up: no extra query."""
        from articles.models import Article

        return self.filter(
            content_type__app_label=Article._meta.app_label, content_type__model=Article._meta.model_name
        )

    def for_article(self, article):
        return self.on_stories().filter(object_pk=str(article.pk))

    def with_open_reports(self):
        """Annotate `open_reports`: reader reports (CommentReport) made since the comment was
        last approved (an approval that was undone does not count)."""
        reports = (
            CommentReport.objects.filter(comment=OuterRef("pk"))
            .filter(created_at__gt=Coalesce(Subquery(last_approval(OuterRef(OuterRef("pk")))), Value(EPOCH)))
            .order_by()
            .values("comment")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(open_reports=Coalesce(Subquery(reports), 0))


def last_approval(comment):
    """A subquery: when `comment` (a pk or an OuterRef) was last approved, approvals that
    were undone left out."""
    return (
        ModerationDecision.objects.filter(comment=comment, action=ModerationDecision.Action.APPROVED)
        .exclude(undone_by__isnull=False)
        .order_by("-created_at", "-pk")
        .values("created_at")[:1]
    )


ReaderCommentManager = XtdCommentManager.from_queryset(ReaderCommentQuerySet)


class ReaderComment(XtdComment):
    """A reader's comment: xtd's comment plus the reasons it was held.

    COMMENTS_XTD_MODEL points here. xtd builds the comment from the signed
    data of the confirmation link (`XtdComment(**data)`); the moderator puts
    its reasons into that data as `hold_reasons`, which this model stores
    once the comment exists.
    """

    objects = ReaderCommentManager()

    class Meta:
        proxy = True
        verbose_name = "comment"
        verbose_name_plural = "comments"

    @property
    def name(self):
        """The name the commenter typed. django-contrib-comments 2.2 shows a signed-in
        account's full name (or its login name) instead, which would publish staff names."""
        return self.user_name

    @name.setter
    def name(self, value):
        self.user_name = value

    def get_content_object_url(self):
        """The story's own address (so a comment's is the story's, with `#c<id>`).
        django-contrib-comments 2.2 links its `cr/` redirect view, which we do not serve:
        it sent anyone to any object's address, hidden stories included."""
        story = self.content_object
        return story.get_absolute_url() if story is not None else "/"

    @property
    def hold_reasons(self):
        return getattr(self, "_hold_reasons", [])

    @hold_reasons.setter
    def hold_reasons(self, codes):
        self._hold_reasons = list(codes or [])

    def save(self, *args, **kwargs):
        is_new = self.pk is None
        super().save(*args, **kwargs)
        if is_new and self.hold_reasons:
            ModerationReason.objects.bulk_create(
                [ModerationReason(comment=self, code=code) for code in self.hold_reasons], ignore_conflicts=True
            )


class WatchedWord(models.Model):
    """A word or phrase that holds a comment for review, or drops it silently."""

    class Action(models.TextChoices):
        HOLD = "hold", "Hold for review (moderation list)"
        BLOCK = "block", "Drop silently (block list)"

    word = models.CharField(
        "word or phrase", max_length=100,
        help_text="Matched in the name and text as a whole word, and anywhere in the email address; "
        "capitals do not matter.",
    )
    action = models.CharField(max_length=10, choices=Action.choices, default=Action.HOLD)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        ordering = ["action", "word"]
        constraints = [models.UniqueConstraint(Lower("word"), name="comments_watchedword_word_ci_unique")]

    def __str__(self):
        return self.word

    def save(self, *args, **kwargs):
        self.word = self.word.strip()
        super().save(*args, **kwargs)


class ModerationReason(models.Model):
    """Why a comment went to the moderation queue."""

    class Code(models.TextChoices):
        PREMODERATED = "premoderated", "story is pre-moderated"
        LINKS = "links", "several links"
        WATCHED_WORD = "watched_word", "word on the moderation list"
        FIRST_COMMENT = "first_comment", "first comment from this email"
        REPORTED = "reported", "reported by readers"
        COMMENTER_PREMODERATED = "commenter_premoderated", "commenter is pre-moderated"

    comment = models.ForeignKey(XtdComment, on_delete=models.CASCADE, related_name="moderation_reasons")
    code = models.CharField(max_length=30, choices=Code.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["comment", "code"], name="comments_reason_once_per_comment")]

    def __str__(self):
        return self.get_code_display()


class ModerationDecision(models.Model):
    """One entry of a comment's moderation log: who did what, when, and why, and the
    comment's state just before (`was_public`, `was_removed`: what an undo restores;
    empty on entries logged before the log kept it)."""

    class Action(models.TextChoices):
        APPROVED = "approved", "approved"
        REMOVED = "removed", "removed"
        RESTORED = "restored", "removal undone"
        HELD = "held", "sent back to the queue"
        UNDONE = "undone", "undone"

    comment = models.ForeignKey(XtdComment, on_delete=models.CASCADE, related_name="decisions")
    action = models.CharField(max_length=20, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Empty when the system decided (for example after reader reports).",
    )
    reason = models.CharField(
        max_length=20, choices=CommentReason.choices, blank=True, help_text="Why a comment was removed."
    )
    note = models.TextField(blank=True)
    was_public = models.BooleanField(null=True, editable=False)
    was_removed = models.BooleanField(null=True, editable=False)
    undoes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="undone_by", editable=False,
        help_text="The decision an Undone entry took back.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["comment", "action", "created_at"], name="comments_decision_lookup")]

    def __str__(self):
        return f"{self.get_action_display()} by {self.by or 'the system'}"


class PendingComment(models.Model):
    """An anonymous reader's comment waiting for its author to follow the emailed link
    (comments.confirmation). The link carries a random token; only its SHA-256 digest is
    stored, so the table cannot be turned into working links. `fields` are the comment's
    fields as posted (JSON; the rules are applied again at confirmation). Rows go when
    their link expires; a confirmed row stays until then, so following the link again
    shows the same outcome instead of a second comment."""

    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    fields = models.JSONField(encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    comment = models.ForeignKey(XtdComment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "comment awaiting confirmation"
        verbose_name_plural = "comments awaiting confirmation"

    def __str__(self):
        return f"Comment awaiting confirmation since {self.created_at:%Y-%m-%d %H:%M}"


class CommentReport(models.Model):
    """A reader's report of a public comment (signed in or not). One per reader and
    comment: per account for a signed-in reader, per address group (an IPv6 /64) for the
    others; the address is kept only as a keyed digest (comments.services.address_digest).
    Reports made since the comment was last approved are its open reports
    (ReaderCommentQuerySet.with_open_reports)."""

    comment = models.ForeignKey(XtdComment, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(max_length=20, choices=CommentReason.choices)
    note = models.TextField(blank=True, max_length=REPORT_NOTE_MAX_LENGTH)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    address_digest = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "reader report"
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "user"], condition=Q(user__isnull=False), name="comments_report_once_per_account"
            ),
            models.UniqueConstraint(
                fields=["comment", "address_digest"], condition=Q(user__isnull=True),
                name="comments_report_once_per_address",
            ),
        ]
        indexes = [models.Index(fields=["comment", "created_at"], name="comments_report_lookup")]

    def __str__(self):
        return f"Reported as {self.get_reason_display()}"


class Commenter(models.Model):
    """What moderators decided about one email address (stored lowercased). No row: normal."""

    class Status(models.TextChoices):
        NORMAL = "normal", "normal"
        TRUSTED = "trusted", "trusted: skips the first-comment rule"
        PREMODERATED = "premoderated", "every comment held"
        BANNED = "banned", "comments refused"

    email = models.EmailField(unique=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NORMAL)
    banned_address = models.CharField(
        max_length=45, blank=True, db_index=True,
        help_text="With a ban: the address group refused as well (an IPv4 address, or an IPv6 /64 "
        "written as its first address).",
    )
    note = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return f"{self.email} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class CommenterDecision(models.Model):
    """One entry of a commenter's log: who set which status, when, and why."""

    commenter = models.ForeignKey(Commenter, on_delete=models.CASCADE, related_name="decisions")
    status = models.CharField(max_length=20, choices=Commenter.Status.choices)
    previous_status = models.CharField(max_length=20, choices=Commenter.Status.choices)
    banned_address = models.CharField(max_length=45, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.commenter.email}: {self.get_status_display()} by {self.by}"

"""The moderation queue (Moderator group) and the word lists."""

from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from .desk import ModerationDesk, stories_with_comments
from .models import CommentReport, ModerationDecision, ModerationReason, ReaderComment, WatchedWord
from .queues import BY_SLUG as QUEUE_BY_SLUG
from .queues import DEFAULT as DEFAULT_QUEUE
from .queues import QUEUES, in_queue, moderation_counts
from .services import MODERATE_PERMISSION, comment_approve, comment_remove, comment_restore


class QueueFilter(admin.SimpleListFilter):
    """The queues of comments/queues.py (Pending, the default, first), and All."""

    title = "queue"
    parameter_name = "queue"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [(queue.slug, queue.title) for queue in QUEUES] + [(self.ALL, "All")]

    def value(self):
        return super().value() or DEFAULT_QUEUE.slug

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        queue = QUEUE_BY_SLUG.get(self.value())
        return in_queue(queryset, queue) if queue else queryset


class StoryFilter(admin.SimpleListFilter):
    title = "story"
    parameter_name = "story"

    def lookups(self, request, model_admin):
        return [(str(pk), headline) for pk, headline in stories_with_comments()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.on_stories().filter(object_pk=self.value())
        return queryset


class CommenterEmailFilter(admin.SimpleListFilter):
    """Reached from the email link in each row; the sidebar shows the chosen address."""

    title = "commenter email"
    parameter_name = "email"

    def lookups(self, request, model_admin):
        return [(self.value(), self.value())] if self.value() else []

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(user_email__iexact=self.value())
        return queryset


class ModerationActionForm(ActionForm):
    note = forms.CharField(
        required=False, label="Note (optional)", max_length=500,
        widget=forms.TextInput(attrs={"size": 40, "placeholder": "Why, for the log"}),
    )


class ReasonInline(admin.TabularInline):
    model = ModerationReason
    fk_name = "comment"
    extra = 0
    can_delete = False
    fields = ["code", "created_at"]
    readonly_fields = fields
    verbose_name = "reason held"
    verbose_name_plural = "reasons held"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DecisionInline(admin.TabularInline):
    model = ModerationDecision
    fk_name = "comment"
    extra = 0
    can_delete = False
    fields = ["created_at", "action", "reason", "by", "note"]
    readonly_fields = fields
    verbose_name = "decision"
    verbose_name_plural = "moderation log"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReportInline(admin.TabularInline):
    model = CommentReport
    fk_name = "comment"
    extra = 0
    can_delete = False
    fields = ["created_at", "reason", "note", "user"]
    readonly_fields = fields
    verbose_name = "reader report"
    verbose_name_plural = "reader reports"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReaderComment)
class ModerationQueueAdmin(admin.ModelAdmin):
    list_display = [
        "excerpt", "user_name", "commenter_email", "story", "submit_date", "status", "reasons", "open_reports",
    ]
    list_display_links = ["excerpt"]
    list_filter = [QueueFilter, StoryFilter, CommenterEmailFilter]
    search_fields = ["user_name", "user_email", "comment"]
    ordering = ["-submit_date"]
    list_per_page = 100
    actions = ["approve", "remove", "restore"]
    action_form = ModerationActionForm
    inlines = [ReasonInline, ReportInline, DecisionInline]
    fields = ["story", "user_name", "user_email", "submit_date", "ip_address", "status", "comment", "followup"]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("content_type")
            .prefetch_related("content_object", Prefetch("moderation_reasons", queryset=ModerationReason.objects.all()))
            .with_open_reports()
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_moderate_permission(self, request):
        return request.user.has_perm(MODERATE_PERMISSION)

    def get_site_urls(self):
        """The moderation desk, at comments/moderation/ (NewsroomAdminSite.get_urls)."""
        return ModerationDesk(self).urls()

    def app_list_entries(self, request):
        """"Moderation desk" first in the comments' list, with the Pending and Reported
        counts (one query a request), for moderators only."""
        if not self.has_moderate_permission(request):
            return []
        counts = moderation_counts(request)
        return [{
            "name": f"Moderation desk · {counts['pending']} pending · {counts['reported']} reported",
            "object_name": "ModerationDesk",
            "perms": {"view": True},
            "admin_url": reverse("admin:comments_moderation"),
            "add_url": None,
            "view_only": True,
        }]

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"title": "Moderation queue", **(extra_context or {})})

    @admin.display(description="comment")
    def excerpt(self, comment):
        return Truncator(comment.comment).chars(90)

    @admin.display(description="email", ordering="user_email")
    def commenter_email(self, comment):
        query = urlencode({"queue": "all", "email": comment.user_email})
        url = reverse("admin:comments_readercomment_changelist") + "?" + query
        return format_html('<a href="{}" title="All comments from this address">{}</a>', url, comment.user_email)

    @admin.display(description="story")
    def story(self, comment):
        article = comment.content_object
        if article is None:
            return "—"
        return format_html('<a href="{}">{}</a>', article.get_absolute_url(), Truncator(str(article)).chars(60))

    @admin.display(description="status")
    def status(self, comment):
        if comment.is_removed:
            return "Removed"
        return "Public" if comment.is_public else "Pending"

    @admin.display(description="reasons held")
    def reasons(self, comment):
        return ", ".join(reason.get_code_display() for reason in comment.moderation_reasons.all()) or "—"

    @admin.display(description="reports", ordering="open_reports")
    def open_reports(self, comment):
        return comment.open_reports

    def _decide(self, request, queryset, decide, done):
        note = request.POST.get("note", "").strip()
        count = 0
        for comment in queryset:
            decide(comment=comment, by=request.user, note=note)
            count += 1
        self.message_user(request, f"{count} comment{'s' if count != 1 else ''} {done}.", messages.SUCCESS)

    @admin.action(description="Approve selected comments", permissions=["moderate"])
    def approve(self, request, queryset):
        self._decide(request, queryset, comment_approve, "approved")

    @admin.action(description="Remove selected comments", permissions=["moderate"])
    def remove(self, request, queryset):
        self._decide(request, queryset.filter(is_removed=False), comment_remove, "removed")

    @admin.action(description="Undo removal of selected comments", permissions=["moderate"])
    def restore(self, request, queryset):
        self._decide(request, queryset.filter(is_removed=True), comment_restore, "restored")


@admin.register(WatchedWord)
class WatchedWordAdmin(admin.ModelAdmin):
    list_display = ["word", "action", "created_at", "created_by"]
    list_filter = ["action"]
    search_fields = ["word"]
    list_select_related = ["created_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

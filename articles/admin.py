from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.template.response import TemplateResponse

from .models import Article, Author, Byline, RelatedPin, Section, Tag, TaggedArticle
from .tagging import tag_merge


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "comment_mode"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    list_select_related = ["user"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "story_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_tags"]

    def get_queryset(self, request):
        # An aggregate drops Meta.ordering: order by name again.
        return super().get_queryset(request).annotate(story_count=Count("tagged_articles")).order_by("name")

    @admin.display(description="stories", ordering="story_count")
    def story_count(self, tag):
        return tag.story_count

    def has_merge_permission(self, request):
        """Merging changes stories' tags and deletes tags: it needs both permissions."""
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description="Merge selected tags into one", permissions=["merge"])
    def merge_tags(self, request, queryset):
        """Ask which tag to keep, then move every story of the others to it and delete them."""
        tags = list(queryset.order_by("name"))
        if len(tags) < 2:
            self.message_user(request, "Select at least two tags to merge.", messages.WARNING)
            return None
        keep_id = request.POST.get("keep")
        if "apply" in request.POST:
            keep = next((tag for tag in tags if str(tag.pk) == keep_id), None)
            if keep is not None:
                moved = tag_merge(tags=tags, into=keep)
                self.message_user(
                    request,
                    f"Merged {len(tags) - 1} tag(s) into “{keep.name}”; {moved} story/stories gained it.",
                    messages.SUCCESS,
                )
                return None
        return TemplateResponse(
            request,
            "admin/articles/tag/merge_tags.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge tags",
                "opts": self.model._meta,
                "tags": tags,
                "keep_missing": "apply" in request.POST,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    min_num = 1
    autocomplete_fields = ["author"]
    verbose_name = "byline"
    verbose_name_plural = "bylines (in the order readers see them)"


class RelatedPinFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [
            form for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("target")
        ]
        if len(kept) > RelatedPin.MAX_PER_ARTICLE:
            raise ValidationError(f"Pin at most {RelatedPin.MAX_PER_ARTICLE} stories.")
        for form in kept:
            if self.instance.pk and form.cleaned_data["target"].pk == self.instance.pk:
                form.add_error("target", "A story cannot be pinned under itself.")


class RelatedPinInline(admin.TabularInline):
    model = RelatedPin
    fk_name = "article"
    formset = RelatedPinFormSet
    extra = 1
    max_num = RelatedPin.MAX_PER_ARTICLE
    autocomplete_fields = ["target"]
    verbose_name = "pinned story"
    verbose_name_plural = "Read more: pinned stories (shown first, in this order, when public)"


class TagInline(admin.TabularInline):
    model = TaggedArticle
    extra = 1
    autocomplete_fields = ["tag"]
    verbose_name = "tag"
    verbose_name_plural = "tags"


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "section", "status", "publish_at", "byline_names", "is_published"]
    list_filter = ["status", "section", "tags"]
    list_select_related = ["section"]
    search_fields = ["headline", "standfirst"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "excluded_related"]
    date_hierarchy = "publish_at"
    inlines = [BylineInline, TagInline, RelatedPinInline]
    exclude = ["tags"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body", "section"]}),
        ("Hero image", {"fields": ["hero_image", "hero_alt", "hero_caption", "hero_credit"]}),
        ("Publishing", {"fields": ["status", "publish_at", "embargo_until"]}),
        ("Comments", {"fields": ["comment_mode", "comments_close_after_days"]}),
        ("Read more", {"fields": ["excluded_related"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related("author"))
        )

    @admin.display(description="bylines")
    def byline_names(self, article):
        return ", ".join(author.name for author in article.byline_authors)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

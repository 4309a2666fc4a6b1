import json

import reversion
import taggit.models
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, Exists, OuterRef, Prefetch, When
from django.db.models.functions import Lower
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from reversion.models import Version

from images.widgets import ImageChooserWidget
from newsroom.admin_site import ChooserMixin, chooser_queryset

from . import history, services, tagging
from .admin_desk import WritingDeskMixin
from .admin_home import HomeMixin
from .admin_notes import ReviewNotesMixin
from .compare import compare_versions
from .editor import StandfirstWidget, StoryBodyWidget, standfirst_help_text
from .models import Article, ArticleEvent, Author, Byline, Correction, RelatedPin, Section, Tag, TaggedArticle
from .tagging import tag_merge
from .widgets import TagsInput

Status = Article.Status


def stories_visible_to(user):
    """The stories `user` may see: every public one, and those they may open in the admin
    (Article.objects.for_desk: every story for editors, their own for writers)."""
    return Article.objects.published() | Article.objects.for_desk(user)


# `is_public(obj)` on a ModelAdmin says whether readers may find the object on the site:
# "view on site" then redirects any staff member to it (newsroom/admin_site.py).


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "comment_mode"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def is_public(self, section):
        """Every section is in the site's navigation."""
        return True


@admin.register(Author)
class AuthorAdmin(ChooserMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    list_select_related = ["user"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]

    def is_public(self, author):
        """Readers find an author through a byline on a public story (as the sitemap lists them)."""
        return Article.objects.published().filter(bylines__author=author).exists()


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "story_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_tags"]

    def get_queryset(self, request):
        tags = super().get_queryset(request)
        if not request.user.has_perm("articles.edit_any_article"):
            # A tag used only on stories this user may not see would name what they are about.
            tags = tags.filter(
                Exists(stories_visible_to(request.user).filter(tagged_items__tag=OuterRef("pk")))
                | ~Exists(TaggedArticle.objects.filter(tag=OuterRef("pk")))
            )
        # An aggregate drops Meta.ordering: order by name again.
        return tags.annotate(story_count=Count("tagged_articles")).order_by("name")

    def is_public(self, tag):
        """A tag's page lists its public stories; without one it is a 404 (TagView)."""
        return Article.objects.published().filter(tagged_items__tag=tag).exists()

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


class PositionField(forms.IntegerField):
    """A row's place as the page sent it: a whole number from 0, or None (none, or nonsense)."""

    def __init__(self, **kwargs):
        super().__init__(required=False, min_value=0, widget=forms.HiddenInput, **kwargs)

    def to_python(self, value):
        try:
            value = super().to_python(value)
        except ValidationError:
            return None
        return value if value is None or value >= 0 else None

    def validate(self, value):
        pass

    def run_validators(self, value):
        pass


class BylineForm(forms.ModelForm):
    """One byline row. `position` is the row's place on the page, written from the rows'
    order by admin/js/byline-order.js when the form is sent; BylineFormSet decides the order."""

    position = PositionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.initial["position"] = ""  # a new row has no place until the script gives it one

    def clean_position(self):
        self.submitted_position = self.cleaned_data.get("position")
        return self.instance.position  # the formset writes the real one

    def has_changed(self):
        """A new row that only got a place (from the script) is still an empty row."""
        changed = set(self.changed_data)
        if self.instance.pk is None:
            changed.discard("position")
        return bool(changed)


class SharedChoicesAutocompleteSelect(AutocompleteSelect):
    """The admin's autocomplete, which renders its chosen option from `known` (filled once
    for all rows by BylineFormSet) instead of one query per row."""

    known = None

    def optgroups(self, name, value, attr=None):
        chosen = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if self.known is None or not chosen <= set(self.known):
            return super().optgroups(name, value, attr)
        options = [
            self.create_option(name, obj.pk, self.choices.field.label_from_instance(obj), chosen, index)
            for index, obj in enumerate(self.known[key] for key in sorted(chosen))
        ]
        return [(None, options, 0)]


class BylineFormSet(forms.BaseInlineFormSet):
    @cached_property
    def forms(self):
        forms = super().forms
        # The authors every row shows, in one query (the widget's own queryset, so the same choice).
        widgets = [form.fields["author"].widget for form in forms if "author" in form.fields]
        widgets = [getattr(widget, "widget", widget) for widget in widgets]
        widgets = [widget for widget in widgets if isinstance(widget, SharedChoicesAutocompleteSelect)]
        if widgets:
            chosen = {str(form["author"].value()) for form in forms if form["author"].value() not in (None, "")}
            chosen = {value for value in chosen if value.isdigit()}
            known = {str(obj.pk): obj for obj in widgets[0].choices.queryset.filter(pk__in=chosen)} if chosen else {}
            for widget in widgets:
                widget.known = known
        return forms

    def ordered_forms_kept(self):
        """The bylines to keep, in the order to save: by their submitted positions when every
        row has one and no two share one, otherwise in the order the rows came (without the
        script: as they appear on the page, so new rows go last)."""
        kept = [
            form for form in self.forms
            if not self._should_delete_form(form) and (form.instance.pk is not None or form.has_changed())
        ]
        positions = [getattr(form, "submitted_position", None) for form in kept]
        if None in positions or len(set(positions)) != len(positions):
            return kept
        return sorted(kept, key=lambda form: form.submitted_position)

    def save(self, commit=True):
        renumbered = []
        for position, form in enumerate(self.ordered_forms_kept()):
            if form.instance.position != position:
                form.instance.position = position
                renumbered.append(form)
        saved = super().save(commit)
        if commit:
            # Django saves only the rows whose fields changed; a row that only moved moves too.
            for form in renumbered:
                if form.instance.pk is not None and not form.has_changed():
                    form.instance.save(update_fields=["position"])
        return saved


class BylineInline(ChooserMixin, admin.TabularInline):
    model = Byline
    form = BylineForm
    formset = BylineFormSet
    extra = 1
    min_num = 1
    autocomplete_fields = ["author"]
    verbose_name = "byline"
    verbose_name_plural = "bylines (at least one, in the order readers see them)"

    class Media:
        js = ["admin/js/byline-order.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author", "article")  # each row shows both

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author":
            kwargs.setdefault("widget", SharedChoicesAutocompleteSelect(db_field, self.admin_site,
                                                                        using=kwargs.get("using")))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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


class RelatedPinInline(ChooserMixin, admin.TabularInline):
    model = RelatedPin
    fk_name = "article"
    formset = RelatedPinFormSet
    extra = 1
    max_num = RelatedPin.MAX_PER_ARTICLE
    autocomplete_fields = ["target"]
    verbose_name = "pinned story"
    verbose_name_plural = "Read more: pinned stories (shown first, in this order, when public)"

    def get_queryset(self, request):
        pins = super().get_queryset(request)
        if request.user.has_perm("articles.edit_any_article"):
            return pins
        # Only editors change pins; others see those of stories they may see, not a hidden
        # story's headline (an editor may pin a scheduled story).
        return pins.filter(target__in=stories_visible_to(request.user).values("pk"))


class ArticleConflict(Exception):
    """The story changed between the form's validation and its save."""


class TagNamesField(forms.CharField):
    """A story's tags as typed: names separated by commas (articles.tagging.tag_names_parse).
    Its cleaned value is the list of names; articles.tagging turns them into tags on save."""

    widget = TagsInput

    def to_python(self, value):
        return tagging.tag_names_parse(super().to_python(value))

    def has_changed(self, initial, data):
        return [name.casefold() for name in self.to_python(initial)] != [
            name.casefold() for name in self.to_python(data)
        ]

    def validate(self, names):
        super().validate(names)
        errors = tagging.tag_name_errors(names)
        if errors:
            raise ValidationError(errors)


class ArticleAdminForm(forms.ModelForm):
    """The story form. It carries the version the editor started from (optimistic
    locking), the story's tags as typed and the note that goes with a workflow button."""

    # The user filling the form in (ArticleAdmin.get_form sets it on the form's class).
    user = None

    version_token = forms.IntegerField(widget=forms.HiddenInput, required=False)
    tags = TagNamesField(
        label="Tags",
        required=False,
        help_text="Type a topic and pick a suggestion, or press Enter or type a comma to add a new one. "
        "Without JavaScript: names separated by commas.",
    )
    workflow_note = forms.CharField(
        label="Note for the writer",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Goes with the button you press: required to request changes (emailed to the "
        "writer) and to withdraw (the reason, shown on this page).",
    )

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 -- ArticleAdmin.fieldsets choose the fields (ModelAdmin.get_form)
        # The writing desk's fields (articles/editor.py): the body's rich-text editor offers
        # what articles/sanitize.py keeps; the standfirst counts its characters.
        widgets = {"body": StoryBodyWidget, "standfirst": StandfirstWidget}
        help_texts = {
            "body": "Paragraphs, headings, quotes, lists, links, bold, italic and figures. Pasted "
            "text keeps that structure and loses everything else.",
            "standfirst": standfirst_help_text(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version_token"].initial = self.instance.version
        if self.user is not None and not self.user.has_perm(services.STEP["request_changes"].permission):
            # A writer's note goes with their submission, to the editors.
            self.fields["workflow_note"].label = "Note for the editors"
            self.fields["workflow_note"].help_text = "Goes with your submission: emailed to the editors."
        if "tags" in self.fields:
            self.fields["tags"].widget.attrs["data-suggest-url"] = reverse("admin:articles_article_tag_suggestions")
            if self.instance.pk and "tags" not in self.initial:
                self.initial["tags"] = f"{tagging.SEPARATOR} ".join(
                    item.tag.name for item in self.instance.tagged_items.select_related("tag").order_by("pk")
                )
        zone_note = f"Times are in the newsroom's time zone ({settings.TIME_ZONE})."
        for name in ("publish_at", "embargo_until"):
            if name in self.fields:
                self.fields[name].help_text = f"{self.fields[name].help_text} {zone_note}"

    @property
    def workflow_action(self):
        return self.data.get("_workflow", "") if self.is_bound else ""

    def clean_excluded_related(self):
        """Excluded stories this user may not see (the chooser neither shows nor sends them) stay excluded."""
        chosen = self.cleaned_data["excluded_related"]
        if not self.instance.pk:
            return chosen
        offered = self.fields["excluded_related"].queryset
        return [*chosen, *self.instance.excluded_related.exclude(pk__in=offered.values("pk"))]

    def clean_tags(self):
        """Refuse, before anything is saved, new tags from a user who may not create them."""
        names = self.cleaned_data["tags"]
        known = tagging.existing_tags(names)
        new = [name for name in names if name.casefold() not in known]
        if new and self.user is not None and not self.user.has_perm(tagging.CREATE_PERMISSION):
            raise ValidationError(f"You may only use existing tags; ask an editor to create {', '.join(new)}.")
        return names

    def save_tags(self, *, by):
        """Give the saved story the tags typed (ArticleAdmin.save_related calls it)."""
        if "tags" in self.cleaned_data:
            tagging.article_set_tags(
                article=self.instance, tags=tagging.tags_for_names(names=self.cleaned_data["tags"], by=by)
            )

    def clean_embargo_until(self):
        embargo_until = self.cleaned_data.get("embargo_until")
        if embargo_until and "embargo_until" in self.changed_data and embargo_until <= timezone.now():
            raise ValidationError("An embargo must end in the future.")
        return embargo_until

    def clean(self):
        cleaned_data = super().clean()
        publish_at, embargo_until = cleaned_data.get("publish_at"), cleaned_data.get("embargo_until")
        errors = services.publish_time_errors(publish_at, embargo_until)
        step = services.STEP.get(self.workflow_action)
        if step is not None and (self.user is None or self.user.has_perm(step.permission)):
            # The step's own checks, so that a missing note keeps the editor's text on the form.
            # (Without its permission the step is refused after validation: a 403, nothing saved.)
            errors |= step.input_errors(note=cleaned_data.get("workflow_note", ""), at=publish_at)
        for field, message in errors.items():
            field = "workflow_note" if field == "note" else field
            self.add_error(field if field in self.fields else None, message)
        if self.instance.pk:
            self._check_version(cleaned_data.get("version_token"))
        return cleaned_data

    def _check_version(self, token):
        """Refuse a save that started from an older version of the story. The row
        stays locked until the admin's transaction ends, so two saves cannot both pass."""
        current = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values("version", "updated_at", "updated_by")
            .first()
        )
        if current is None or token == current["version"] == self.instance.version:
            return
        who = get_user_model().objects.filter(pk=current["updated_by"]).first()
        # A second save, after reading this message, is a deliberate choice: accept it.
        self.data = self.data.copy()
        self.data[self.add_prefix("version_token")] = current["version"]
        raise ValidationError(
            f"{services.user_name(who)} saved this story at {services.newsroom_time(current['updated_at'])} "
            "while you were editing it. Your version is below and has not been saved. Open the story "
            "in another tab to see theirs; saving again will replace it with yours.",
            code="conflict",
        )


class PublicationFilter(admin.SimpleListFilter):
    title = "publication"
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("live", "Public now"), ("scheduled", "Scheduled"), ("embargoed", "Under embargo")]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "live":
            return queryset.published(now)
        if self.value() == "scheduled":
            return queryset.scheduled(now)
        if self.value() == "embargoed":
            return queryset.under_embargo(now)
        return queryset


# The workflow steps in the admin: each row of services.WORKFLOW is a button on the
# change form, a `has_<step>_permission` hook and, when it needs no note or time, a
# list action `<step>_selected` that Django's get_actions offers behind that hook.


def _list_action(step):
    def take_for_each(modeladmin, request, queryset):
        modeladmin.take_for_each(request, queryset, step)

    take_for_each.__name__ = f"{step.name}_selected"
    return admin.action(description=step.list_action, permissions=[step.name])(take_for_each)


def _permission_hook(step):
    def hook(self, request):
        return self.has_step_permission(request, step)

    hook.__name__ = f"has_{step.name}_permission"
    return hook


def _with_step_permission_hooks(admin_class):
    """Give the admin a has_<step>_permission hook per step: what the list actions'
    `permissions` call, as they call has_delete_permission for delete_selected."""
    for step in services.WORKFLOW:
        hook = _permission_hook(step)
        setattr(admin_class, hook.__name__, hook)
    return admin_class


# The parts of the story form that need more than the permission to write a story: a field,
# and the permission that governs it. Without the permission the field is not on the form
# at all (a writer's POST of a publish time is ignored), and a fieldset left empty goes.
STORY_FIELD_PERMISSIONS = {
    # The status changes by the workflow buttons; a writer reads the state above the form.
    "status": "articles.publish_article",
    # When a story goes live is scheduling.
    "publish_at": "articles.schedule_article",
    "embargo_until": "articles.schedule_article",
    # How readers may respond is part of how the story goes out.
    "comment_mode": "articles.publish_article",
    "comments_close_after_days": "articles.publish_article",
}
# A new story's form also leaves "Read more" to those who pin stories: a writer excludes
# stories from it, if ever, once the story is saved.
NEW_STORY_FIELD_PERMISSIONS = {**STORY_FIELD_PERMISSIONS, "excluded_related": "articles.change_relatedpin"}


# The steps whose note heads the story's page (the last one in full): what the writer or the
# editor said with a button. Creation, corrections and reverts have their own lines in the history.
NOTED_STEPS = [
    ArticleEvent.Action.SUBMITTED, ArticleEvent.Action.CHANGES_REQUESTED, ArticleEvent.Action.APPROVED,
    ArticleEvent.Action.PUBLISHED, ArticleEvent.Action.SCHEDULED, ArticleEvent.Action.WITHDRAWN,
]


def _state_display(article):
    return "Scheduled" if services.workflow_state(article) == services.SCHEDULED else article.get_status_display()


@admin.register(Article)
@_with_step_permission_hooks
class ArticleAdmin(ChooserMixin, HomeMixin, ReviewNotesMixin, WritingDeskMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["headline", "section", "state", "go_live", "byline_names", "is_published"]
    # Tags of the stories in the list only: others could name what a hidden story is about.
    list_filter = ["status", PublicationFilter, "section", ("tags", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["section"]
    search_fields = ["headline", "standfirst"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "excluded_related"]
    date_hierarchy = "publish_at"
    inlines = [BylineInline, RelatedPinInline]
    exclude = ["tags"]
    # The status changes only through the workflow buttons and actions (articles.services).
    readonly_fields = ["status"]
    actions = [_list_action(step) for step in services.WORKFLOW if step.list_action]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body", "section"]}),
        ("Hero image", {"fields": ["hero"]}),
        ("Publishing", {"fields": ["status", "publish_at", "embargo_until"]}),
        ("Comments", {"fields": ["comment_mode", "comments_close_after_days"]}),
        ("Read more", {"fields": ["excluded_related"], "classes": ["collapse"]}),
    ]

    class Media:
        css = {"all": ["admin/css/admin-workflow.css", "admin/css/story-form.css"]}
        js = ["admin/js/story-form.js"]

    def get_fieldsets(self, request, obj=None):
        permissions = STORY_FIELD_PERMISSIONS if obj is not None else NEW_STORY_FIELD_PERMISSIONS
        fieldsets = self._story_fieldsets(request, super().get_fieldsets(request, obj), permissions)
        if obj is not None and self.has_change_permission(request, obj):
            name, options = fieldsets[0]
            fieldsets[0] = (name, {**options, "fields": [*options["fields"], "version_token"]})
        # The note (a declared field, so on the form anyway) is in the workflow bar at the top.
        return fieldsets

    def _story_fieldsets(self, request, fieldsets, permissions):
        """The fieldsets with the tags after the section, without the fields the user may not
        use (`permissions`, a field's permission) and without a fieldset left empty."""
        user = request.user
        shown = []
        for name, options in fieldsets:
            fields = [
                field for field in options["fields"]
                if field not in permissions or user.has_perm(permissions[field])
            ]
            if "section" in fields and "tags" not in fields:
                fields.insert(fields.index("section") + 1, "tags")
            if fields:
                shown.append((name, {**options, "fields": fields}))
        return shown

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user  # a class made for this request by modelform_factory
        return form

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        if obj is None:
            # A new story has nothing to show in an inline the user may not add to (a writer's pins).
            inlines = [inline for inline in inlines if inline.has_add_permission(request, obj)]
        return inlines

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "hero":
            # A library image, chosen or uploaded in a dialog (not the admin's select and its pop-ups).
            formfield.widget = ImageChooserWidget()
        return formfield

    def get_queryset(self, request):
        return (
            super().get_queryset(request)
            .for_desk(request.user)
            .prefetch_related(Prefetch("bylines", queryset=Byline.objects.select_related("author")))
        )

    def get_chooser_queryset(self, request):
        """The story choosers ("never in Read more", pins, ...) offer what the user may see."""
        return stories_visible_to(request.user)

    def is_public(self, article):
        return article.is_published()

    # Object-level rules: the same ones the story preview uses (Article.can_be_*).

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or obj.can_be_seen_by(request.user))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or obj.can_be_edited_by(request.user))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or obj.can_be_edited_by(request.user))

    def has_step_permission(self, request, step):
        """Whether the user may take a workflow step (the service checks it again)."""
        return request.user.has_perm(step.permission)

    # The list.

    @admin.display(description="state", ordering="status")
    def state(self, article):
        return _state_display(article)

    @admin.display(description=f"goes live ({settings.TIME_ZONE})", ordering="publish_at")
    def go_live(self, article):
        return services.newsroom_time(article.go_live_at) if article.go_live_at else "—"

    @admin.display(description="bylines")
    def byline_names(self, article):
        return ", ".join(author.name for author in article.byline_authors)

    # List actions: the same services as the buttons.

    def take_for_each(self, request, queryset, step):
        """A list action: the step for each selected story, reporting the ones it refused."""
        succeeded = 0
        for article in queryset:
            try:
                step.take(article=article, by=request.user)
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, f"“{article}” was not {step.done}: {_describe(error)}", messages.ERROR)
            else:
                succeeded += 1
        if succeeded:
            self.message_user(request, f"{succeeded} {'story' if succeeded == 1 else 'stories'} {step.done}.",
                              messages.SUCCESS)

    # The change form.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            try:
                return super().changeform_view(request, object_id, form_url, extra_context)
            except ArticleConflict:
                # Lost a race between validation and save (possible on SQLite, which has
                # no row locks): validate again, so the form shows the conflict, text kept.
                return super().changeform_view(request, object_id, form_url, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "workflow_buttons": [(step.name, step.button(Article())) for step in self._new_story_steps(request)],
        }
        if not request.user.has_perm("articles.edit_any_article"):
            extra_context["show_save_and_add_another"] = False  # a writer writes one story at a time
        return super().add_view(request, form_url, extra_context)

    def _new_story_steps(self, request):
        """The steps a story may take with its first save: those that start from a draft."""
        return [
            step for step in services.WORKFLOW
            if Status.DRAFT in step.starts_from and self.has_step_permission(request, step)
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is not None:
            extra_context = {**(extra_context or {}), **self._workflow_context(request, article)}
        return super().change_view(request, object_id, form_url, extra_context)

    def _workflow_context(self, request, article):
        user = request.user
        state = services.workflow_state(article)
        buttons = [
            (step.name, step.button(article))
            for step in services.WORKFLOW
            if state in step.starts_from and self.has_step_permission(request, step)
        ] if self.has_change_permission(request, article) else []
        last_note = (
            article.events.filter(action__in=NOTED_STEPS).exclude(note="").select_related("actor").first()
        )
        return {
            "workflow_state": _state_display(article),
            "workflow_buttons": buttons,
            "last_note": last_note,
            "withdrawal": last_note if last_note and last_note.action == ArticleEvent.Action.WITHDRAWN
            and article.status == Status.WITHDRAWN else None,
            "corrections": article.corrections.select_related("created_by"),
            "preview_url": article.get_absolute_url(),
            "can_view_history": user.has_perm("articles.view_history_article"),
            "can_add_correction": user.has_perm("articles.add_correction") and article.is_published(),
            "time_zone": settings.TIME_ZONE,
        }

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.save_tags(by=request.user)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        if not change:
            obj.created_by = request.user
            super().save_model(request, obj, form, change)
            services.record_creation(article=obj, by=request.user)
            return
        token = form.cleaned_data.get("version_token")
        # Compare-and-set in the database: the row must still carry the version the
        # editor started from. The form's check already locked the row on PostgreSQL.
        if not Article.objects.filter(pk=obj.pk, version=token).update(version=token + 1):
            raise ArticleConflict
        obj.version = token + 1
        super().save_model(request, obj, form, change)
        if obj.status == Status.PUBLISHED and {"publish_at", "embargo_until"} & set(form.changed_data):
            # Moving when a published story goes live is scheduling. A refusal here
            # rolls back the save above: the change form runs in one transaction.
            services.article_reschedule(
                article=obj, by=request.user, publish_at=obj.publish_at, embargo_until=obj.embargo_until
            )

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        changes = LogEntry(change_message=json.dumps(message)).get_change_message() if message else ""
        reversion.set_comment(("Created" if add else "Edited in the admin") + (f": {changes}" if changes else ""))
        return message

    def response_add(self, request, obj, post_url_continue=None):
        step = services.STEP.get(request.POST.get("_workflow"))
        if step is None or admin.options.IS_POPUP_VAR in request.POST:
            return super().response_add(request, obj, post_url_continue)
        return self._take_step_after_save(request, obj, step)

    def response_change(self, request, obj):
        step = services.STEP.get(request.POST.get("_workflow"))
        if step is None:
            return super().response_change(request, obj)
        return self._take_step_after_save(request, obj, step)

    def _take_step_after_save(self, request, obj, step):
        """The workflow button: the story is saved, now the step. PermissionDenied is not
        caught: a tampered POST is a 403 and nothing is saved (one transaction)."""
        try:
            step.take(article=obj, by=request.user, note=request.POST.get("workflow_note", ""))
        except ValidationError as error:
            self.message_user(request, f"Your changes were saved, but “{step.label}” failed: {_describe(error)}",
                              messages.ERROR)
        else:
            self.message_user(request, f"“{obj}”: {step.label.lower()} done. Now {self._state_label(obj)}.",
                              messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))

    def _state_label(self, article):
        if article.is_scheduled():
            return f"scheduled for {services.newsroom_time(article.go_live_at)}"
        return article.get_status_display().lower()

    # Revisions and corrections: pages of their own, behind their own permissions.

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/revisions/", view(self.revisions_view), name="articles_article_revisions"),
            path("<path:object_id>/revisions/compare/", view(self.compare_view), name="articles_article_compare"),
            path("<path:object_id>/revisions/<int:version_id>/revert/", view(self.revert_view),
                 name="articles_article_revert"),
            path("<path:object_id>/correction/", view(self.correction_view), name="articles_article_correction"),
            path("tag-suggestions/", view(self.tag_suggestions_view), name="articles_article_tag_suggestions"),
            *super().get_urls(),
        ]

    SUGGESTIONS = 10

    def tag_suggestions_view(self, request):
        """The tags' names for the Tags field (admin/js/tag-field.js), case-insensitive: names that
        start with the term first, then names containing it. Only the tags TagAdmin shows the
        user (a writer never learns a tag used only on a story they may not see)."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        term = " ".join(request.GET.get("q", "").split())[: tagging.NAME_MAX_LENGTH]
        if not term:
            return JsonResponse({"results": []})
        tags = chooser_queryset(self.admin_site._registry[Tag], request).filter(name__icontains=term)
        names = list(
            tags.annotate(starts=Case(When(name__istartswith=term, then=0), default=1))
            .order_by("starts", Lower("name")).values_list("name", flat=True)[: self.SUGGESTIONS]
        )
        return JsonResponse({"results": [{"name": name} for name in names]})

    def _story_for(self, request, object_id, permission):
        if not request.user.has_perm(permission):
            raise PermissionDenied
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such story.")
        return article

    def _context(self, request, article, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts, "original": article, "title": title, **extra,
        }

    def _versions(self, article):
        return Version.objects.get_for_object(article).select_related("revision__user").order_by("-pk")

    def history_view(self, request, object_id, extra_context=None):
        """Django's History link: the story's one timeline (articles/history.py), saves with
        their differences for who may see revisions, the workflow steps for whoever may open
        the story."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such story.")
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        with_saves = request.user.has_perm("articles.view_history_article")
        versions = history.story_versions(article) if with_saves else []
        pair = history.useful_pair(article, request.user, versions) if with_saves else None
        return TemplateResponse(request, "admin/articles/article/history.html", self._context(
            request, article, f"History of “{article}”",
            timeline=history.story_timeline(article, with_saves=with_saves, versions=versions),
            with_saves=with_saves, pair=pair, can_revert=request.user.has_perm("articles.revert_article"),
            current=versions[-1] if versions else None, **(extra_context or {}),
        ))

    def _history_url(self, article):
        return reverse("admin:articles_article_history", args=[article.pk])

    def revisions_view(self, request, object_id):
        """The old Revisions page: the story's history has its revisions now."""
        article = self._story_for(request, object_id, "articles.view_history_article")
        return HttpResponseRedirect(self._history_url(article))

    def compare_view(self, request, object_id):
        """Two revisions field by field; without a choice, the useful pair (history.useful_pair)."""
        article = self._story_for(request, object_id, "articles.view_history_article")
        versions = self._versions(article)
        if "from" not in request.GET and "to" not in request.GET:
            pair = history.useful_pair(article, request.user)
            if pair is None:
                messages.info(request, "The story has only one revision so far: nothing to compare yet.")
                return HttpResponseRedirect(self._history_url(article))
            return HttpResponseRedirect(
                f"{reverse('admin:articles_article_compare', args=[article.pk])}?from={pair[0].pk}&to={pair[1].pk}"
            )
        try:
            older = versions.get(pk=request.GET.get("from"))
            newer = versions.get(pk=request.GET.get("to"))
        except (Version.DoesNotExist, ValueError):
            messages.error(request, "Choose two revisions of this story to compare.")
            return HttpResponseRedirect(self._history_url(article))
        if older.pk > newer.pk:
            older, newer = newer, older
        return TemplateResponse(request, "admin/articles/article/compare.html", self._context(
            request, article, f"Changes to “{article}”",
            older=older, newer=newer, changes=compare_versions(older, newer),
            can_revert=request.user.has_perm("articles.revert_article"),
        ))

    def revert_view(self, request, object_id, version_id):
        article = self._story_for(request, object_id, "articles.revert_article")
        version = get_object_or_404(self._versions(article), pk=version_id)
        if request.method == "POST":
            try:
                services.article_revert(article=article, by=request.user, version=version)
            except ValidationError as error:
                messages.error(request, f"The story was not reverted: {_describe(error)}")
            else:
                messages.success(
                    request,
                    f"“{article}” now reads as it did on "
                    f"{services.newsroom_time(version.revision.date_created)}.",
                )
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        return TemplateResponse(request, "admin/articles/article/revert_confirm.html", self._context(
            request, article, f"Revert “{article}”?", version=version,
            changes=compare_versions(self._versions(article).first(), version),
        ))

    def correction_view(self, request, object_id):
        article = self._story_for(request, object_id, "articles.add_correction")
        form = CorrectionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.article_add_correction(article=article, by=request.user, text=form.cleaned_data["text"])
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"Correction published under “{article}”.")
                return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        return TemplateResponse(request, "admin/articles/article/correction_form.html", self._context(
            request, article, f"Add a correction to “{article}”", form=form,
        ))


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label="Correction",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Published at once under the story and in the corrections log. Say what was wrong "
        "and what is right, e.g. “An earlier version of this story gave the wrong date for the vote.”",
    )


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """The corrections log for editors. Corrections are added from a story's page
    (articles.services.article_add_correction) and are never edited afterwards."""

    list_display = ["article", "created_at", "created_by"]
    list_select_related = ["article", "created_by"]
    search_fields = ["text", "article__headline"]
    readonly_fields = ["article", "text", "created_at", "created_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _describe(error):
    if isinstance(error, PermissionDenied):
        return str(error) or "not allowed."
    if hasattr(error, "message_dict"):
        return " ".join(message for messages_ in error.message_dict.values() for message in messages_)
    return " ".join(error.messages)


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# django-taggit registers an admin for its own Tag model, which the newsroom does not
# use (articles.Tag is ours). Its "merge tags" page (taggit 6.1) checks no permission:
# any staff member could open it and merge tags. Not served.
admin.site.unregister(taggit.models.Tag)

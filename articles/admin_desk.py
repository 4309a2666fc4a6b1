"""The writing desk's helpers on the story form: autosave and recovery, and who else
is editing. ArticleAdmin mixes this in; the notices are one include in the change
form (templates/admin/articles/article/autosave.html) and the browser side is
static/admin/js/story-desk.js.

URLs (admin views, CSRF-protected, staff only):
- POST add/autosave/, <id>/autosave/: keep the posted form as the user's copy (JSON answer);
- POST add/autosave/discard/, <id>/autosave/discard/: delete it (a redirect, or 204 for fetch);
- GET <id>/presence/: who else is editing (an HTML fragment); POST: the same, after recording
  the user's heartbeat; POST with leave=1: the user closed the story.

Restore is a GET of the form with ?restore=1: the form is rendered from the copy (its
fields as initial values, its inlines bound to the copied rows), with the version token
the copy started from, so saving it over someone else's later save meets the
conflict check.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.views.decorators.http import require_http_methods, require_POST

from . import presence, services
from .autosave import as_querydict, autosave_discard, autosave_for, autosave_store, form_fields, may_autosave


def desk_time(value):
    """A time in the newsroom's time zone, short when it is today: "09:41 GMT"."""
    local = timezone.localtime(value)
    if local.date() == timezone.localtime().date():
        return date_format(local, "H:i T")
    return services.newsroom_time(value)


def _restored_form(form_class, autosave):
    """`form_class` starting from the copy's fields instead of the saved story's."""
    data = as_querydict(autosave)

    class RestoredForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if self.is_bound:
                return
            for name, field in self.fields.items():
                if field.disabled or field.widget.needs_multipart_form:  # a file is never copied
                    continue
                # The copy is the whole form as posted: a field missing from it is an
                # unticked box or an empty multiple choice, as in a real POST.
                self.initial[name] = field.widget.value_from_datadict(data, {}, self.add_prefix(name))
            if "version_token" in self.fields and autosave.version is not None:
                self.initial["version_token"] = autosave.version

    RestoredForm.__name__ = form_class.__name__
    return RestoredForm


PRESENCE_TEMPLATE = "admin/articles/article/presence.html"


def _people(editing):
    return [{"name": person.name, "since": person.since, "since_label": desk_time(person.since)} for person in editing]


class WritingDeskMixin:
    """Autosave, restore and presence for ArticleAdmin (see the module docstring)."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("add/autosave/", view(self.autosave_view), name="articles_article_autosave_add"),
            path("add/autosave/discard/", view(self.autosave_discard_view),
                 name="articles_article_autosave_discard_add"),
            path("<path:object_id>/autosave/", view(self.autosave_view), name="articles_article_autosave"),
            path("<path:object_id>/autosave/discard/", view(self.autosave_discard_view),
                 name="articles_article_autosave_discard"),
            path("<path:object_id>/presence/", view(self.presence_view), name="articles_article_presence"),
            *super().get_urls(),
        ]

    # The endpoints.

    def _desk_story(self, request, object_id):
        """The story of an autosave or presence URL (None for the add form). A story
        the user may not open is refused the same way whether or not it exists."""
        if object_id is None:
            return None
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise PermissionDenied
        return article

    @staticmethod
    def _form_url(article):
        if article is None:
            return reverse("admin:articles_article_add")
        return reverse("admin:articles_article_change", args=[article.pk])

    @staticmethod
    def _wants_json(request):
        return "application/json" in request.headers.get("Accept", "")

    @method_decorator(require_POST)
    def autosave_view(self, request, object_id=None):
        article = self._desk_story(request, object_id)
        version = None
        if article is not None:
            try:
                version = int(request.POST["version_token"])
            except (KeyError, ValueError):
                return HttpResponseBadRequest("The form's version token is missing.")
        autosave = autosave_store(user=request.user, article=article, data=form_fields(request.POST), version=version)
        return JsonResponse({"saved_at": autosave.saved_at.isoformat(), "label": desk_time(autosave.saved_at)})

    @method_decorator(require_POST)
    def autosave_discard_view(self, request, object_id=None):
        article = self._desk_story(request, object_id)
        if article is not None and not article.can_be_seen_by(request.user):
            raise PermissionDenied
        discarded = autosave_discard(user=request.user, article=article)
        if self._wants_json(request):
            return HttpResponse(status=204)
        if discarded:
            messages.info(request, "Your autosaved changes were discarded.")
        return HttpResponseRedirect(self._form_url(article))

    @method_decorator(require_http_methods(["GET", "POST"]))
    def presence_view(self, request, object_id):
        article = self._desk_story(request, object_id)
        if request.method == "POST" and request.POST.get("leave"):
            presence.presence_leave(article=article, user=request.user)
            return HttpResponse(status=204)
        # GET only reads (a page that cannot send a heartbeat); POST is the heartbeat.
        ask = presence.presence_heartbeat if request.method == "POST" else presence.presence_others
        editing = _people(ask(article=article, user=request.user))
        return HttpResponse(render_to_string(PRESENCE_TEMPLATE, {"editing": editing}, request))

    # The form.

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "desk": self._desk_context(request, None)}
        return super().add_view(request, form_url or self._restored_form_url(request), extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is not None and self.has_view_or_change_permission(request, article):
            extra_context = {**(extra_context or {}), "desk": self._desk_context(request, article)}
        return super().change_view(request, object_id, form_url or self._restored_form_url(request), extra_context)

    @staticmethod
    def _restored_form_url(request):
        """A restored form posts to the form's URL without ?restore (a reload after the
        save must show the story, not the copy)."""
        if "restore" not in request.GET:
            return ""
        query = request.GET.copy()
        del query["restore"]
        return f"{request.path}?{query.urlencode()}" if query else request.path

    def _desk_context(self, request, article):
        user = request.user
        can_edit = may_autosave(user, article)
        desk = {
            "can_edit": can_edit,
            # A form shown again after a refused POST holds changes that are not saved.
            "unsaved": request.method == "POST",
        }
        if article is not None:
            desk["presence_url"] = reverse("admin:articles_article_presence", args=[article.pk])
            desk["editing"] = _people(presence.presence_heartbeat(article=article, user=user))
            desk["heartbeat_seconds"] = presence.HEARTBEAT_SECONDS
        if not can_edit:
            return desk
        if article is None:
            desk["autosave_url"] = reverse("admin:articles_article_autosave_add")
            desk["discard_url"] = reverse("admin:articles_article_autosave_discard_add")
        else:
            desk["autosave_url"] = reverse("admin:articles_article_autosave", args=[article.pk])
            desk["discard_url"] = reverse("admin:articles_article_autosave_discard", args=[article.pk])
        autosave = autosave_for(user=user, article=article) if request.method == "GET" else None
        if autosave is not None:
            desk["autosave"] = autosave
            desk["saved_label"] = desk_time(autosave.saved_at)
            if article is not None and autosave.version != article.version:
                desk["saved_since"] = {
                    "name": services.user_name(article.updated_by), "label": desk_time(article.updated_at),
                }
            if request.GET.get("restore"):
                request.restoring_autosave = autosave
                desk["restored"] = desk["unsaved"] = True
        return desk

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        autosave = getattr(request, "restoring_autosave", None)
        if autosave is None or request.method != "GET":
            return form_class
        return _restored_form(form_class, autosave)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        autosave = getattr(request, "restoring_autosave", None)
        if autosave is not None and request.method == "GET" and f"{prefix}-TOTAL_FORMS" in autosave.data:
            # The copied rows (added, changed, marked for deletion), shown as posted.
            kwargs.update(data=as_querydict(autosave), files={})
        return kwargs

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Saved for real: the user's copy is no longer unsaved work (the add form's copy
        # became this story). Inside the admin's transaction: a failed save keeps it.
        autosave_discard(user=request.user, article=form.instance if change else None)

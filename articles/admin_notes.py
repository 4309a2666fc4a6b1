"""Review notes on the story's admin page, and each user's notification settings.

ArticleAdmin mixes this in. The notes are one include in the change form
(templates/admin/articles/article/review_notes.html, in `{% block review_notes %}`, after
the story's form: a form cannot hold another); htmx swaps that section on each POST and
focuses what changed (the `autofocus` it carries), and every POST also works without
JavaScript (a redirect back to the page, at #review-notes).

URLs (admin views, staff only, CSRF-protected):
- POST <id>/notes/: add a note (`text`, and `parent` for a reply) or resolve a thread
  (`resolve`, a note's id). A story the user may not open is refused the same way whether
  or not it exists, and a note id is only ever looked up among the story's own notes.
- GET/POST notification-settings/, at the site's level (NewsroomAdminSite.get_urls): the
  signed-in user's email settings (linked from the user tools, templates/admin/base_site.html).
"""

from collections import defaultdict

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from . import services
from .models import NotificationSettings, ReviewNote

NOTES_TEMPLATE = "admin/articles/article/review_notes.html"
# Who may keep notification settings: whoever writes or edits stories (the workflow emails' readers).
SETTINGS_PERMISSION = "articles.view_article"


def review_notes_context(article, *, url=None, error="", error_for="", text="", focus_note=None):
    """The notes section of `article`'s page: open threads oldest first, each with its replies,
    then the resolved ones (latest resolved first). One query. `error`, `error_for` (a thread's
    id, or "new"; blank for the section's message) and `text` put a refused note back in its
    field, which htmx then focuses; otherwise it focuses the note `focus_note` (an id) or the message."""
    notes = list(ReviewNote.objects.filter(article=article).select_related("author", "resolved_by"))
    replies = defaultdict(list)
    for note in notes:
        if note.parent_id:
            replies[note.parent_id].append(note)
    threads = [note for note in notes if note.parent_id is None]
    for thread in threads:
        thread.thread_replies = replies[thread.pk]
    open_threads = [thread for thread in threads if not thread.is_resolved]
    if error_for not in ("new", *(thread.pk for thread in open_threads)):
        error_for = ""  # no field of its own (a forged or resolved thread): the section's message says it
    return {
        "url": url or reverse("admin:articles_article_review_notes", args=[article.pk]),
        "open": open_threads,
        "resolved": sorted((thread for thread in threads if thread.is_resolved),
                           key=lambda thread: thread.resolved_at, reverse=True),
        "error": error, "error_for": error_for, "text": text, "focus_note": focus_note,
        "max_length": ReviewNote.MAX_LENGTH,
    }


class NotificationSettingsForm(forms.ModelForm):
    class Meta:
        model = NotificationSettings
        fields = ["mail_approved", "mail_scheduled", "mail_published", "mail_withdrawn"]


class ReviewNotesMixin:
    """Review notes and notification settings for ArticleAdmin (see the module docstring)."""

    def get_urls(self):
        return [
            path("<path:object_id>/notes/", self.admin_site.admin_view(self.review_notes_view),
                 name="articles_article_review_notes"),
            *super().get_urls(),
        ]

    def get_site_urls(self):
        urls = super().get_site_urls() if hasattr(super(), "get_site_urls") else []
        return [
            path("notification-settings/", self.admin_site.admin_view(self.notification_settings_view),
                 name="notification_settings"),
            *urls,
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and services.may_review_note(request.user, obj):
            context["review_notes"] = review_notes_context(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # The endpoint.

    @method_decorator(require_POST)
    def review_notes_view(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None or not services.may_review_note(request.user, article):
            raise PermissionDenied(services.NOTE_REFUSAL)
        resolving = "resolve" in request.POST
        parent_id = request.POST.get("parent", "")
        text = request.POST.get("text", "")
        try:
            if resolving:
                note = services.review_note_resolve(
                    note=self._note_of(article, request.POST["resolve"]), by=request.user)
                done, focus_note = "Resolved: the thread is folded under “Resolved review notes”.", None
            else:
                parent = self._note_of(article, parent_id) if parent_id else None
                note = services.review_note_add(article=article, by=request.user, text=text, parent=parent)
                done, focus_note = ("Reply added." if parent else "Review note added."), note.pk
        except ValidationError as error:
            message = " ".join(error.messages)
            if not _is_htmx(request):
                messages.error(request, f"Not done: {message}")
                return self._notes_redirect(article)
            if resolving:
                error_for = ""
            elif not parent_id:
                error_for = "new"
            else:  # the thread's field, if it is one of this story's open threads (else the message)
                error_for = int(parent_id) if parent_id.isdigit() else ""
            context = review_notes_context(article, error=message, error_for=error_for, text=text)
            return self._notes_fragment(request, context, status=400)
        if not _is_htmx(request):
            messages.success(request, done)
            return self._notes_redirect(article)
        context = review_notes_context(article, focus_note=focus_note)
        context["done"] = done
        return self._notes_fragment(request, context)

    @staticmethod
    def _note_of(article, value):
        """One of `article`'s own notes (an id of another story's note is no such note)."""
        note = article.review_notes.select_related("parent").filter(pk=value).first() if value.isdigit() else None
        if note is None:
            raise ValidationError(services.NO_SUCH_NOTE)
        return note

    @staticmethod
    def _notes_redirect(article):
        return HttpResponseRedirect(
            reverse("admin:articles_article_change", args=[article.pk]) + services.NOTES_ANCHOR)

    @staticmethod
    def _notes_fragment(request, context, status=200):
        return HttpResponse(render_to_string(NOTES_TEMPLATE, {"review_notes": context}, request), status=status)

    # Notification settings.

    def notification_settings_view(self, request):
        if not request.user.has_perm(SETTINGS_PERMISSION):
            raise PermissionDenied
        current = NotificationSettings.objects.filter(user=request.user).first()
        form = NotificationSettingsForm(request.POST or None,
                                        instance=current or NotificationSettings(user=request.user))
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, "Your notification settings are saved.")
            return HttpResponseRedirect(reverse("admin:notification_settings"))
        return TemplateResponse(request, "admin/notification_settings.html", {
            **self.admin_site.each_context(request),
            "title": "Your notification settings",
            "form": form,
        })


def _is_htmx(request):
    return bool(HtmxDetails(request))  # django-htmx's reading of HX-Request (its middleware is not installed)

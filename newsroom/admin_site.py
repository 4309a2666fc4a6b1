"""The newsroom's admin site: Django's, except that nothing in it reveals to a staff member
what they may not see.

- "View on site" (`admin/r/<content type>/<id>/`, Django's contenttypes `shortcut`, which
  redirects any staff member to any object's address: a draft's slug) redirects only to an
  object that readers may find (its ModelAdmin's `is_public(obj)`) or that the asker may
  open in the admin (the ModelAdmin's queryset and object-level permission hooks, as the
  change page uses them). Anything else is the same 404 as an object that does not exist.
- Choosers (the autocompletes and the select boxes of foreign keys and many-to-many fields)
  offer what the related ModelAdmin's `get_chooser_queryset(request)` returns, by default
  its `get_queryset(request)`: the autocomplete and the form field accept the same objects,
  so a POSTed id of an object outside it is a field error, not a saved choice whose label
  (a hidden story's headline) the form then shows.
- Screens of a ModelAdmin outside its own URLs: its `get_site_urls()` adds views at the
  site's level (the moderation desk at `comments/moderation/`), and its
  `app_list_entries(request)` adds rows first in its app's list (home page and nav sidebar).
- The home page: each ModelAdmin's `home_panels(request)` (the stories' panels by role,
  articles/home.py) above the app list (templates/admin/index.html).
"""

from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.urls import path


def chooser_queryset(model_admin, request):
    """What a chooser of `model_admin`'s model offers `request.user`."""
    chooser = getattr(model_admin, "get_chooser_queryset", None)
    return chooser(request) if chooser else model_admin.get_queryset(request)


class ChooserMixin:
    """For ModelAdmins and inlines: every relation's form field offers chooser_queryset()
    of the related model's admin (Django's own offers every row of the model)."""

    def get_field_queryset(self, db, db_field, request):
        related_admin = self.admin_site._registry.get(db_field.remote_field.model)
        if related_admin is None:
            return super().get_field_queryset(db, db_field, request)
        return chooser_queryset(related_admin, request).using(db)


class ChooserJsonView(AutocompleteJsonView):
    """Django's autocomplete over chooser_queryset() instead of get_queryset()."""

    def get_queryset(self):
        queryset = chooser_queryset(self.model_admin, self.request)
        queryset = queryset.complex_filter(self.source_field.get_limit_choices_to())
        queryset, use_distinct = self.model_admin.get_search_results(self.request, queryset, self.term)
        return queryset.distinct() if use_distinct else queryset


class NewsroomAdminSite(AdminSite):
    def get_urls(self):
        urls = [url for url in super().get_urls() if getattr(url, "name", None) != "view_on_site"]
        screens = [url for model_admin in self._registry.values() if hasattr(model_admin, "get_site_urls")
                   for url in model_admin.get_site_urls()]
        return [
            path("r/<path:content_type_id>/<path:object_id>/", self.admin_view(self.view_on_site),
                 name="view_on_site"),
            *screens,
            *urls,
        ]

    def index(self, request, extra_context=None):
        panels = [panel for model_admin in self._registry.values() if hasattr(model_admin, "home_panels")
                  for panel in model_admin.home_panels(request)]
        return super().index(request, {"home_panels": panels, **(extra_context or {})})

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            entries = [entry for model_admin in self._registry.values()
                       if model_admin.opts.app_label == app["app_label"] and hasattr(model_admin, "app_list_entries")
                       for entry in model_admin.app_list_entries(request)]
            app["models"][:0] = entries
        return app_list

    def autocomplete_view(self, request):
        return ChooserJsonView.as_view(admin_site=self)(request)

    def view_on_site(self, request, content_type_id, object_id):
        """Django's "view on site" redirect, for an object the asker may see."""
        # Imported here: this module is imported before the models are loaded (INSTALLED_APPS).
        from django.contrib.contenttypes.models import ContentType
        from django.contrib.contenttypes.views import shortcut

        try:
            model = ContentType.objects.get(pk=content_type_id).model_class()
            obj = model._default_manager.get(pk=object_id)
        except (ObjectDoesNotExist, ValueError, ValidationError, AttributeError):
            raise Http404("No such object.") from None
        if not self.may_reveal(request, obj):
            raise Http404("No such object.")
        return shortcut(request, content_type_id, object_id)

    def may_reveal(self, request, obj):
        """Whether `request.user` may learn `obj`'s public address: readers may find it, or
        the user may open it in the admin."""
        model_admin = self._registry.get(type(obj))
        if model_admin is None:
            return False
        is_public = getattr(model_admin, "is_public", None)
        if is_public is not None and is_public(obj):
            return True
        opened = model_admin.get_object(request, str(obj.pk))
        return opened is not None and model_admin.has_view_or_change_permission(request, opened)


class NewsroomAdminConfig(AdminConfig):
    """django.contrib.admin with NewsroomAdminSite as `admin.site` (INSTALLED_APPS)."""

    default_site = "newsroom.admin_site.NewsroomAdminSite"

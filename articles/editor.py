"""The writing desk's fields in the admin: the story body's rich-text editor and the
standfirst's counter.

The body editor is django-prose-editor's Tiptap build with the extensions of
articles.sanitize.BODY_EXTENSIONS (the one allow-list: the same dict computes nh3's rules).
It is started by static/admin/js/story-body-editor.js instead of the library's presets:
those need an inline <script type="importmap"> and Tiptap's injected <style>, and the CSP
allows neither (no nonce, no 'unsafe-inline'). The body stays in its <textarea name="body">,
which the editor updates, firing `input` on it, at every change.

The counts under the fields (static/admin/js/story-counters.js) read their rules from
data attributes rendered here, so the numbers below are their one definition.
"""

from django import forms
from django.forms.widgets import Script
from django.templatetags.static import static
from django.urls import reverse
from django_prose_editor.widgets import AdminProseEditorWidget

from .sanitize import BODY_EXTENSIONS

# Reading speed for the "n min read" estimate: words a reader reads per minute.
READING_WORDS_PER_MINUTE = 230
# The standfirst's recommended length in characters (the model caps it at 400).
STANDFIRST_RECOMMENDED = (160, 250)


class StoryBodyWidget(AdminProseEditorWidget):
    """The body's editor: a textarea that story-body-editor.js turns into the editor."""

    def __init__(self, *args, extensions=None, **kwargs):
        kwargs.setdefault("config", {"extensions": BODY_EXTENSIONS if extensions is None else extensions})
        kwargs.setdefault("preset", "story")
        super().__init__(*args, **kwargs)

    @property
    def media(self):
        # The library's admin CSS, and its editor.js as a module: story-body-editor.js
        # imports it by this same URL (data-editor-module), so it is one module, fetched early;
        # the same for the desk's additions, story-body-extras.js (data-editor-extras).
        # Not the library's media, which carries the import map.
        return forms.Media(
            css={"all": [
                "django_prose_editor/material-icons.css",
                "django_prose_editor/editor.css",
                "django_prose_editor/overrides.css",
                "admin/css/story-editor.css",
                "images/images-admin.css",
            ]},
            js=[
                # The library's chooser and the body's "Insert image from the library" (before
                # story-body-editor.js: it gives figures the library's data-image).
                "images/focal-point.js",
                "images/image-chooser.js",
                Script("admin/js/story-body-images.js", type="module"),
                Script("django_prose_editor/editor.js", type="module"),
                Script("admin/js/story-body-extras.js", type="module"),
                Script("admin/js/story-body-editor.js", type="module"),
                Script("admin/js/story-counters.js", defer=True),
            ],
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-editor-module"] = static("django_prose_editor/editor.js")
        context["widget"]["attrs"]["data-editor-extras"] = static("admin/js/story-body-extras.js")
        context["widget"]["attrs"]["data-words-per-minute"] = READING_WORDS_PER_MINUTE
        context["widget"]["attrs"]["data-image-chooser-url"] = reverse("admin:images_image_chooser")
        return context


class StandfirstWidget(forms.Textarea):
    """A plain-text standfirst with a character counter and the recommended length."""

    def __init__(self, attrs=None):
        low, high = STANDFIRST_RECOMMENDED
        super().__init__(attrs={
            "class": "vLargeTextField", "rows": 3, "data-recommended-min": low, "data-recommended-max": high,
            **(attrs or {}),
        })

    @property
    def media(self):
        return forms.Media(
            css={"all": ["admin/css/story-editor.css"]},
            js=[Script("admin/js/story-counters.js", defer=True)],
        )


def standfirst_help_text():
    low, high = STANDFIRST_RECOMMENDED
    return f"The one- or two-sentence summary under the headline, in plain text: {low}–{high} characters reads best."

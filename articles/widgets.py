"""Form widgets of the story form."""

from django import forms


class TagsInput(forms.TextInput):
    """The Tags field: a text input of names separated by commas, which works as it is
    without JavaScript. admin/js/tag-field.js turns it into chips with suggestions from the URL in
    `data-suggest-url` (ArticleAdmin.tag_suggestions_view), keeping one hidden input named
    like the field that carries the same comma-separated names."""

    def __init__(self, attrs=None):
        attrs = {"class": "vTextField tag-field", "autocomplete": "off", "spellcheck": "false", **(attrs or {})}
        super().__init__(attrs)

    def format_value(self, value):
        if isinstance(value, (list, tuple)):
            return ", ".join(value)
        return super().format_value(value)

    class Media:
        js = ["admin/js/tag-field.js"]

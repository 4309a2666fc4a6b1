from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .models import Image


class ImageChooserWidget(forms.Widget):
    """A library image for a foreign key (a story's hero): the chosen picture, and buttons
    that open the chooser dialog (static/images/image-chooser.js). Without JavaScript it is a
    number box for the image's id, which the library's pages show."""

    template_name = "images/widgets/image_chooser.html"

    class Media:
        css = {"all": ["images/images-admin.css"]}
        js = ["images/focal-point.js", "images/image-chooser.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = str(value) if value not in (None, "") else ""
        context["image"] = Image.objects.filter(pk=int(chosen)).first() if chosen.isdigit() else None
        return context

    def _render(self, template_name, context, renderer=None):
        # The project's template engine (templates/), not the form renderer's own.
        return mark_safe(render_to_string(template_name, context))  # noqa: S308 -- an autoescaped template

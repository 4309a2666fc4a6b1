"""Where uploaded pictures are stored: under a random name with the extension of the format
found in them (`images/<uuid4 hex>.png`), whatever the uploaded file was called.

A random name keeps the picture of an embargoed story from being fetched by guessing its
address; the detected extension makes the server send the type the file was checked as
(a picture named "report.pdf" is stored as .png). The checks themselves are
images.validators.validate_image_upload, the model field's only validator; files stored
before keep their names. Renditions are named by a hash (images.renditions.rendition_name).
"""

from uuid import uuid4

from django import forms
from django.db import models
from django.db.models.fields.files import ImageFieldFile

from .validators import detected_extension, validate_image_upload


class ImageUploadFormField(forms.ImageField):
    """The admin's file box for a picture. It leaves the checks to the model field's validator:
    Django's ImageField checks the file name's extension (and accepts ".pdf", which Pillow
    can write) and opens the file with Pillow a second time."""

    default_validators = []

    def to_python(self, data):
        return forms.FileField.to_python(self, data)


class RandomNameImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        super().save(f"{uuid4().hex}.{detected_extension(content)}", content, save)


class ImageUploadField(models.ImageField):
    """An ImageField stored under a random name (see the module docstring) and checked by
    validate_image_upload alone (Django's default validator judges the file name)."""

    attr_class = RandomNameImageFieldFile
    default_validators = [validate_image_upload]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadFormField, **kwargs})

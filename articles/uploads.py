"""Where uploaded pictures are stored: under a random name with the extension of the format
found in them (`heroes/<uuid4 hex>.png`), whatever the uploaded file was called.

A random name keeps the picture of an embargoed story from being fetched by guessing its
address; the detected extension makes the server send the type the file was checked as
(a picture named "report.pdf" is stored as .png). The checks themselves are
articles.validators.validate_image_upload, the model field's only validator; files stored
before keep their names.

Renditions (django-imagekit) of a picture stored under a random name are named by a hash
(rendition_name); those of a picture stored before keep the names imagekit gave them.
"""

import re
from uuid import uuid4

from django import forms
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from imagekit.cachefiles import namers

from .validators import detected_extension, validate_image_upload

RANDOM_NAME = re.compile(r"[a-z]+/[0-9a-f]{32}\.[a-z]+")  # what RandomNameImageFieldFile stores


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


def rendition_name(generator):
    """Where imagekit stores a rendition (setting IMAGEKIT_SPEC_CACHEFILE_NAMER).

    Of a picture under a random name: `CACHE/images/<hash>.webp`, a hash of the picture's
    name and the rendition's spec, which names neither. Of a picture stored before random
    names: imagekit's default place (`CACHE/images/heroes/2026/11/harbour-crane/<hash>.webp`),
    where its renditions already are. They were made when the picture was saved (imagekit's
    Optimistic strategy, articles/renditions.py) and are never made again on a page view, so
    a new name would be a missing file; that name tells nothing the picture's own does not.
    """
    if RANDOM_NAME.fullmatch(generator.source.name):
        return namers.hash(generator)
    return namers.source_name_as_path(generator)

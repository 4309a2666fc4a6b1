from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone

from . import renditions
from .signals import image_saved
from .uploads import ImageUploadField

ALT_REQUIRED = "Describe the picture for readers who cannot see it, or mark it as decorative."


class Image(models.Model):
    """A picture in the newsroom's library, uploaded once and used by any number of stories
    (as their hero or inside their text), always with its alt text, caption and credit."""

    file = ImageUploadField(upload_to="images/")
    # As shown: EXIF rotation applied (set on save from the file).
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    # Of the stored file, in bytes (set on save with the measurements): the feeds' enclosures
    # give it without asking the storage, one request a story in object storage. 0: unknown.
    file_size = models.PositiveBigIntegerField(editable=False, default=0)
    alt_text = models.CharField(
        max_length=250, blank=True,
        help_text="What the picture shows, for readers who cannot see it.",
    )
    decorative = models.BooleanField(
        "decorative", default=False,
        help_text="Tick only when the picture adds nothing for a reader who cannot see it; "
        "otherwise alt text is required.",
    )
    caption = models.CharField(max_length=300, blank=True)
    credit = models.CharField(max_length=120, blank=True, help_text="Photographer or agency, as printed.")
    focal_x = models.PositiveSmallIntegerField(
        "focal point, % from the left", default=50, validators=[MaxValueValidator(100)],
        help_text="Crops for cards and social cards keep this point in view.",
    )
    focal_y = models.PositiveSmallIntegerField(
        "focal point, % from the top", default=50, validators=[MaxValueValidator(100)],
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        editable=False,
    )
    uploaded_at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    # What the stored renditions were made from (renditions.VERSION, file, focal point):
    # when it differs from renditions_wanted(), they are made again (on save, or by
    # `manage.py make_renditions`).
    renditions_made = models.CharField(max_length=300, blank=True, editable=False)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(focal_x__lte=100, focal_y__lte=100),
                                   name="images_image_focal_point_inside"),
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # From __dict__: a deferred field would be fetched.
        stored = self.__dict__.get("file")
        self._measured_file = getattr(stored, "name", stored) if self.__dict__.get("width") else None

    def __str__(self):
        return self.caption or self.alt_text or f"Image {self.pk}"

    def save(self, *args, **kwargs):
        created = self._state.adding
        upload = None
        if self.file and self.file.name != self._measured_file:  # a new picture: measure it
            if self.file._committed:
                self.file.open("rb")
            else:
                upload = self.file.file
            self.width, self.height = renditions.upright_size(self.file)
            self.file_size = self.file.size
        super().save(*args, **kwargs)
        self._measured_file = self.file.name
        if self.file and self.renditions_made != self.renditions_wanted():
            self.make_renditions(upload=upload)
        image_saved.send(sender=Image, image=self, created=created)

    def clean(self):
        super().clean()
        if not self.alt_text.strip() and not self.decorative:
            raise ValidationError({"alt_text": ALT_REQUIRED})

    def renditions_wanted(self):
        return f"{renditions.VERSION}|{self.file.name}|{self.focal_x},{self.focal_y}"

    def make_renditions(self, upload=None):
        """Make any missing rendition and record it (renditions.make_renditions). `upload`: the
        picture just stored as this image's file, still in hand (see make_renditions)."""
        made = renditions.make_renditions(self, upload=upload)
        self.renditions_made = self.renditions_wanted()
        Image.objects.filter(pk=self.pk).update(renditions_made=self.renditions_made)
        return made

    @property
    def alt(self):
        """The alt attribute readers get: empty for a decorative picture."""
        return "" if self.decorative else self.alt_text

    def rendition(self, crop, encoding="jpeg"):
        """The largest rendition of one crop, e.g. image.rendition("social")."""
        return [r for r in renditions.planned(self, crop) if r.encoding == encoding][-1]

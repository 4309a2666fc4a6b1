"""Changes to the image library. Keyword-only arguments; each checks the actor's permission.

An upload is stored at once: a story form refused afterwards (a conflict, a missing field)
keeps the image, which the form then names by its id.
"""

from django.core.exceptions import PermissionDenied

from .models import Image


def image_create(*, file, by, alt_text="", decorative=False, caption="", credit="", focal_x=50, focal_y=50):
    """Validate and store an uploaded picture with its renditions (ValidationError otherwise)."""
    if not by.has_perm("images.add_image"):
        raise PermissionDenied
    image = Image(file=file, alt_text=alt_text, decorative=decorative, caption=caption, credit=credit,
                  focal_x=focal_x, focal_y=focal_y, uploaded_by=by)
    image.full_clean()
    image.save()
    return image


def images_make_missing_renditions(*, using="default"):
    """Make the renditions of every image whose stored ones are missing or out of date;
    returns how many images were brought up to date."""
    count = 0
    for image in Image.objects.using(using).only("pk", "file", "width", "height", "focal_x", "focal_y",
                                                  "renditions_made").iterator():
        if image.file and image.width and image.renditions_made != image.renditions_wanted():
            image.make_renditions()
            count += 1
    return count

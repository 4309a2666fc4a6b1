from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image

ALLOWED_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_image_upload(file):
    """Refuse files that are too big, not a real JPEG/PNG/WebP/GIF, or a
    decompression bomb (too many pixels for their size)."""
    if getattr(file, "_committed", False):
        # Already stored: it was checked when it was uploaded; don't fetch it again on every save.
        return
    if file.size > settings.MAX_IMAGE_UPLOAD_BYTES:
        raise ValidationError(
            "This image is %(size)s; the limit is %(limit)s. Please upload a smaller file.",
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(settings.MAX_IMAGE_UPLOAD_BYTES)},
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format, width, height = image.format, image.width, image.height
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError("This image has too many pixels to be processed safely.", code="too_many_pixels")
    except Exception:  # Pillow raises many kinds of error for non-images
        raise ValidationError("This file is not an image. Please upload a JPEG, PNG, WebP or GIF.", code="not_an_image")
    finally:
        file.seek(position)
    if image_format not in ALLOWED_IMAGE_FORMATS:
        raise ValidationError("Please upload a JPEG, PNG, WebP or GIF image.", code="image_format")
    if width * height > settings.MAX_IMAGE_PIXELS:
        raise ValidationError(
            "This image is %(width)s × %(height)s pixels; the limit is %(limit)s megapixels.",
            code="too_many_pixels",
            params={"width": width, "height": height, "limit": settings.MAX_IMAGE_PIXELS // 1_000_000},
        )

"""Uploaded pictures: the one place that decides whether a file is one (the image library, author photos).

What the file *is* decides, never its name: Pillow must find a JPEG, PNG, WebP or GIF in it,
check it (`verify()`) and decode it (`load()`), and it must not also be a PDF document. The
stored name then comes from the format found (images/uploads.py), so a file cannot be
served as anything but the picture it was accepted as.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image

# The formats accepted, with the extension a stored file of each gets.
IMAGE_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# PDF readers look for this header anywhere near the start of a file, whatever comes before it:
# a picture followed by a PDF opens in both an image viewer and a PDF reader.
PDF_HEADER = b"%PDF-"
NOT_AN_IMAGE = "This file is not an image, or is damaged. Please upload a JPEG, PNG, WebP or GIF."


def validate_image_upload(file):
    """Refuse files that are too big, not a complete JPEG/PNG/WebP/GIF, a decompression bomb
    (too many pixels for their size), or also a PDF document."""
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
        _check_picture(file)
        if _contains(file, PDF_HEADER):
            raise ValidationError(
                "This file is also a PDF document, not only a picture. Please upload the picture "
                "alone, saved as a JPEG, PNG, WebP or GIF.",
                code="not_only_an_image",
            )
    finally:
        file.seek(position)


def detected_extension(file):
    """The extension of the format Pillow finds in `file` (a checked upload), e.g. "png"."""
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
    except Exception:  # Pillow raises many kinds of error for non-images
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None
    finally:
        file.seek(position)
    if image_format not in IMAGE_EXTENSIONS:
        raise ValidationError("Please upload a JPEG, PNG, WebP or GIF image.", code="image_format")
    return IMAGE_EXTENSIONS[image_format]


def _check_picture(file):
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format, width, height = image.format, image.width, image.height
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            "This image has too many pixels to be processed safely.", code="too_many_pixels"
        ) from None
    except Exception:  # Pillow raises many kinds of error for non-images
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None
    if image_format not in IMAGE_EXTENSIONS:
        raise ValidationError("Please upload a JPEG, PNG, WebP or GIF image.", code="image_format")
    if width * height > settings.MAX_IMAGE_PIXELS:
        raise ValidationError(
            "This image is %(width)s × %(height)s pixels; the limit is %(limit)s megapixels.",
            code="too_many_pixels",
            params={"width": width, "height": height, "limit": settings.MAX_IMAGE_PIXELS // 1_000_000},
        )
    try:
        # verify() checks the file's structure (a PNG's checksums) but leaves the image
        # unusable and decodes nothing: then decode it, from the start (a truncated file fails).
        file.seek(0)
        with Image.open(file) as image:
            image.verify()
        file.seek(0)
        with Image.open(file) as image:
            image.load()
    except Exception:
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None


def _contains(file, marker, chunk_size=1024 * 1024):
    """Whether `marker` occurs anywhere in `file` (read in chunks that overlap by its length)."""
    file.seek(0)
    tail = b""
    while chunk := file.read(chunk_size):
        if marker in tail + chunk:
            return True
        tail = chunk[-(len(marker) - 1):]
    return False

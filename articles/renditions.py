"""Responsive image renditions (django-imagekit).

Every hero image gets renditions at several widths in WebP and JPEG. They are
generated when the image is saved (imagekit's Optimistic strategy), so
rendering a page only computes their URLs: no file-system or cache lookups.
"""

from imagekit import ImageSpec
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFit, Transpose

RENDITION_WIDTHS = (320, 640, 960, 1280)
RENDITION_FORMATS = {"webp": "WEBP", "jpeg": "JPEG"}


class Rendition(ImageSpec):
    cachefile_strategy = "imagekit.cachefiles.strategies.Optimistic"
    # method 2: WebP encodes about 3x faster than the default 4, a few per cent larger.
    options = {"quality": 76, "method": 2}


def rendition_spec(width, image_format):
    return type(
        f"Rendition{width}{image_format}",
        (Rendition,),
        {
            "processors": [Transpose(), ResizeToFit(width=width, upscale=False)],
            "format": RENDITION_FORMATS[image_format],
        },
    )


def add_renditions(model, source):
    """Add `<source>_<width>_<format>` rendition attributes to `model`."""
    for width in RENDITION_WIDTHS:
        for image_format in RENDITION_FORMATS:
            model.add_to_class(
                f"{source}_{width}_{image_format}",
                ImageSpecField(source=source, spec=rendition_spec(width, image_format)),
            )


def srcsets(instance, source, original_width):
    """{"webp": "url 320w, ...", "jpeg": ...} and the fallback JPEG URL, for widths
    up to the original's (renditions are never upscaled)."""
    widths = [w for w in RENDITION_WIDTHS if w < original_width] + [
        next((w for w in RENDITION_WIDTHS if w >= original_width), RENDITION_WIDTHS[-1])
    ]
    result = {}
    for image_format in RENDITION_FORMATS:
        result[image_format] = ", ".join(
            f"{getattr(instance, f'{source}_{w}_{image_format}').url} {min(w, original_width)}w" for w in widths
        )
    fallback = getattr(instance, f"{source}_{widths[min(1, len(widths) - 1)]}_jpeg").url
    return result, fallback

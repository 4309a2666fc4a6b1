"""Renditions of library images: the files pages link to, made once, when an image is saved.

CROPS is the table of every use: the picture's own shape (story heroes and figures inside a
story's text), 3:2 for story cards and 1200 × 630 for social cards, each at its widths and
encodings. A crop keeps the image's focal point in view: the largest box of the crop's shape
centred on it, moved back inside the picture where the picture ends.

Cost: `make_renditions` decodes the upload once, at the smallest size that still covers the
largest rendition (a JPEG is decoded at 1/2, 1/4 or 1/8 scale by Pillow's `draft`, which a
40-megapixel photo needs: a full decode, then 17 resizes of it, would hold the request for
seconds), and makes every rendition from that one picture. Pages only compute names and
URLs (`srcsets`): no storage lookup, nothing is made while a reader waits.

Names: `CACHE/images/<hash>.<ext>`, a hash of the source's name, the crop and the processing
VERSION, which names neither the source nor the story. A new focal point is a new crop box,
so new names: a page cached before the change still finds the files it links to.
"""

import hashlib
import io
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from PIL import ImageOps

VERSION = 1  # bump when processing changes: `manage.py make_renditions` then makes them all again
WIDTHS = (320, 640, 960, 1280)
ENCODINGS = {
    # method 2: WebP encodes about 3x faster than the default 4, a few per cent larger.
    "webp": ("WEBP", {"quality": 76, "method": 2}),
    "jpeg": ("JPEG", {"quality": 80, "progressive": True}),
}
EXTENSIONS = {"webp": "webp", "jpeg": "jpg"}
ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height


@dataclass(frozen=True)
class Crop:
    name: str
    ratio: tuple | None  # (width, height) of the shape; None: the picture's own
    widths: tuple
    encodings: tuple


CROPS = {
    crop.name: crop
    for crop in (
        Crop("original", None, WIDTHS, ("webp", "jpeg")),  # heroes and figures in the text
        Crop("card", (3, 2), WIDTHS, ("webp", "jpeg")),  # story cards on lists
        Crop("social", (1200, 630), (1200,), ("jpeg",)),  # og:image, twitter:image
    )
}


@dataclass(frozen=True)
class Rendition:
    crop: str
    encoding: str
    width: int
    height: int
    box: tuple  # (left, top, right, bottom) in the picture's pixels, upright
    name: str

    @property
    def url(self):
        return default_storage.url(self.name)

    def storage_exists(self):
        return default_storage.exists(self.name)


def crop_box(width, height, ratio, focal_x, focal_y):
    """The largest box of shape `ratio` in a `width` × `height` picture, centred on the focal
    point (percentages from the left and the top) as far as the picture allows."""
    if ratio is None:
        return (0, 0, width, height)
    ratio_w, ratio_h = ratio
    box_w, box_h = width, round(width * ratio_h / ratio_w)
    if box_h > height:
        box_w, box_h = round(height * ratio_w / ratio_h), height
    left = min(max(round(width * focal_x / 100 - box_w / 2), 0), width - box_w)
    top = min(max(round(height * focal_y / 100 - box_h / 2), 0), height - box_h)
    return (left, top, left + box_w, top + box_h)


def rendition_name(source_name, crop, encoding, width, box):
    text = f"{VERSION}|{source_name}|{crop}|{encoding}|{width}|{box}"
    return f"CACHE/images/{hashlib.blake2b(text.encode(), digest_size=16).hexdigest()}.{EXTENSIONS[encoding]}"


def planned(image, crop_name=None):
    """Every rendition of `image` (of one crop when named): no file is read."""
    crops = [CROPS[crop_name]] if crop_name else CROPS.values()
    result = []
    for crop in crops:
        box = crop_box(image.width, image.height, crop.ratio, image.focal_x, image.focal_y)
        box_w, box_h = box[2] - box[0], box[3] - box[1]
        # Never upscaled: widths above the box's become the box's own width (once).
        widths = sorted({min(width, box_w) for width in crop.widths})
        for encoding in crop.encodings:
            for width in widths:
                height = max(1, round(box_h * width / box_w))
                name = rendition_name(image.file.name, crop.name, encoding, width, box)
                result.append(Rendition(crop.name, encoding, width, height, box, name))
    return result


def upright_size(file):
    """(width, height) of the picture in `file` as shown, EXIF rotation applied; reads the header only."""
    file.seek(0)
    with PILImage.open(file) as picture:
        width, height = picture.size
        if picture.getexif().get(ImageOps.ExifTags.Base.Orientation) in ROTATED:
            width, height = height, width
    return width, height


def make_renditions(image, only_missing=True, upload=None):
    """Make the renditions of `image` that are not stored yet; returns how many were made.

    `upload`: the file just stored as the image's own, still in hand. Its stored name is new
    (images/uploads.py), so none of its renditions can exist: they are made without asking the
    storage, from the upload rather than a copy read back (in object storage, 17 HEAD requests
    and the download of the original saved)."""
    if upload is not None or not only_missing:
        todo = planned(image)
    else:
        todo = [r for r in planned(image) if not default_storage.exists(r.name)]
    if not todo:
        return 0
    # How wide the whole picture must be decoded for the largest rendition to need no upscaling.
    needed = max(r.width * image.width / (r.box[2] - r.box[0]) for r in todo)
    with _source(image, upload) as file, PILImage.open(file) as picture:
        # A JPEG decodes at 1/2, 1/4 or 1/8 of its size (no larger than needed); other
        # formats decode whole and are reduced by a whole factor (a fast box filter).
        scale = needed / image.width
        picture.draft("RGB", (int(picture.width * scale) + 1, int(picture.height * scale) + 1))
        base = ImageOps.exif_transpose(picture)
        base = base.convert("RGBA" if _has_alpha(base) else "RGB")
    if (factor := int(base.width / needed)) >= 2:
        base = base.reduce(factor)
    factor = base.width / image.width
    for rendition in todo:
        left, top, right, bottom = (round(edge * factor) for edge in rendition.box)
        frame = base.crop((left, top, right, bottom)) if (left, top, right, bottom) != (0, 0, *base.size) else base
        frame = frame.resize((rendition.width, rendition.height), PILImage.Resampling.LANCZOS, reducing_gap=3.0)
        pillow_format, options = ENCODINGS[rendition.encoding]
        if pillow_format == "JPEG" and frame.mode == "RGBA":
            frame = _on_white(frame)
        buffer = io.BytesIO()
        frame.save(buffer, pillow_format, **options)
        default_storage.save(rendition.name, ContentFile(buffer.getvalue()))
    return len(todo)


def srcsets(image, crop_name):
    """What a <picture> of `image` in crop `crop_name` needs: {"webp": srcset, "jpeg": srcset},
    the fallback URL, and the width and height of its shape."""
    renditions = planned(image, crop_name)
    sets = {}
    for encoding in ENCODINGS:
        chosen = [r for r in renditions if r.encoding == encoding]
        if chosen:
            sets[encoding] = ", ".join(f"{r.url} {r.width}w" for r in chosen)
    jpegs = [r for r in renditions if r.encoding == "jpeg"]
    fallback = jpegs[min(1, len(jpegs) - 1)]
    return sets, fallback.url, jpegs[-1].width, jpegs[-1].height


@contextmanager
def _source(image, upload):
    if upload is None:
        with image.file.open("rb") as file:
            yield file
    else:  # the uploader's to close
        upload.seek(0)
        yield upload


def _has_alpha(picture):
    return picture.mode in ("RGBA", "LA", "PA") or (picture.mode == "P" and "transparency" in picture.info)


def _on_white(frame):
    flat = PILImage.new("RGB", frame.size, (255, 255, 255))
    flat.paste(frame, mask=frame.getchannel("A"))
    return flat

"""Renditions: made on upload from one decode, cropped around the focal point, upright, never upscaled."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from images.models import Image
from images.renditions import crop_box, planned
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def stored(rendition):
    with default_storage.open(rendition.name) as file, PILImage.open(file) as picture:
        picture.load()
        return picture.format, picture.size, picture.copy()


def test_the_crop_box_keeps_the_focal_point_in_view_and_stays_inside_the_picture():
    assert crop_box(1200, 600, (3, 2), 50, 50) == (150, 0, 1050, 600)
    assert crop_box(1200, 600, (3, 2), 0, 50) == (0, 0, 900, 600)
    assert crop_box(1200, 600, (3, 2), 90, 50) == (300, 0, 1200, 600)
    assert crop_box(600, 1200, (3, 2), 50, 20) == (0, 40, 600, 440)
    assert crop_box(600, 400, None, 10, 10) == (0, 0, 600, 400)


def test_a_large_jpeg_gets_every_rendition_at_its_size_in_its_format():
    image = ImageFactory(size=(4000, 3000))

    for rendition in planned(image):
        image_format, size, _ = stored(rendition)
        assert image_format == {"webp": "WEBP", "jpeg": "JPEG"}[rendition.encoding]
        assert size == (rendition.width, rendition.height)
    assert {(r.crop, r.width, r.height) for r in planned(image)} >= {
        ("original", 1280, 960), ("card", 1280, 853), ("social", 1200, 630)}


def test_a_small_picture_is_never_upscaled():
    image = ImageFactory(size=(500, 300))

    assert max(r.width for r in planned(image, "original")) == 500
    assert [r.width for r in planned(image, "original") if r.encoding == "jpeg"] == [320, 500]


def test_a_card_crop_shows_the_focal_point():
    buffer = io.BytesIO()
    picture = PILImage.new("RGB", (1200, 400), (0, 0, 255))
    picture.paste((255, 0, 0), (0, 0, 200, 400))  # the subject: red, on the left
    picture.save(buffer, "PNG")
    image = Image(alt_text="Red on the left", focal_x=5, focal_y=50)
    image.file.save("x.png", ContentFile(buffer.getvalue()))

    _, _, card = stored(image.rendition("card"))
    assert card.getpixel((10, card.height // 2))[0] > 200  # red at the crop's left edge


def test_a_phone_photo_is_measured_and_cropped_upright():
    buffer = io.BytesIO()
    exif = PILImage.Exif()
    exif[0x0112] = 6  # stored landscape, shown rotated 90°: portrait
    PILImage.new("RGB", (800, 600), (10, 120, 10)).save(buffer, "JPEG", exif=exif)
    image = Image(alt_text="A portrait")
    image.file.save("phone.jpg", ContentFile(buffer.getvalue()))

    assert (image.width, image.height) == (600, 800)
    _, size, _ = stored(image.rendition("original"))
    assert size == (600, 800)


def test_a_transparent_png_gets_a_white_background_in_jpeg_and_keeps_it_in_webp():
    buffer = io.BytesIO()
    PILImage.new("RGBA", (400, 300), (0, 0, 0, 0)).save(buffer, "PNG")
    image = Image(alt_text="A logo")
    image.file.save("logo.png", ContentFile(buffer.getvalue()))

    _, _, jpeg = stored(image.rendition("original"))
    _, _, webp = stored(image.rendition("original", "webp"))
    assert jpeg.getpixel((5, 5)) == (255, 255, 255)
    assert webp.mode == "RGBA" and webp.getpixel((5, 5))[3] == 0


def test_make_renditions_fills_in_what_is_missing(capsys):
    from django.core.management import call_command

    image = ImageFactory()
    lost = planned(image)[0]
    default_storage.delete(lost.name)
    Image.objects.filter(pk=image.pk).update(renditions_made="")

    call_command("make_renditions")

    assert default_storage.exists(lost.name)
    assert "1 image(s)" in capsys.readouterr().out

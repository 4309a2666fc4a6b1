import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.demo_images import hero_jpeg
from articles.models import Author

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, editor):
    """A client signed in as an editor (who may add authors)."""
    client.force_login(editor)
    return client


def _add_author(client, upload):
    return client.post(
        "/admin/articles/author/add/",
        {"name": "New Reporter", "slug": "new-reporter", "bio": "", "user": "", "photo": upload},
    )


def _png(width, height, mode="1"):
    buffer = io.BytesIO()
    Image.new(mode, (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_real_image_is_accepted(editor_client):
    response = _add_author(editor_client, SimpleUploadedFile("me.jpg", hero_jpeg("me", (200, 200)), "image/jpeg"))

    assert response.status_code == 302
    assert Author.objects.get(slug="new-reporter").photo.width == 200


def test_a_text_file_renamed_jpg_is_refused_with_a_message(editor_client):
    response = _add_author(editor_client, SimpleUploadedFile("me.jpg", b"just some text, not a picture", "image/jpeg"))

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["photo"]
    assert "not an image" in errors[0] or "valid image" in errors[0]
    assert not Author.objects.filter(slug="new-reporter").exists()


def test_an_image_over_the_size_limit_is_refused(editor_client, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 1024
    data = hero_jpeg("big", (400, 400))
    assert len(data) > 1024

    response = _add_author(editor_client, SimpleUploadedFile("me.jpg", data, "image/jpeg"))

    assert "the limit is 1.0\xa0KB" in response.context["adminform"].form.errors["photo"][0]
    assert not Author.objects.exists()


def test_a_decompression_bomb_is_refused(editor_client, settings):
    settings.MAX_IMAGE_PIXELS = 1_000_000
    # 1,200 × 1,200 pixels in a tiny file: above the limit, below Pillow's hard 2× stop.
    response = _add_author(editor_client, SimpleUploadedFile("bomb.png", _png(1200, 1200), "image/png"))

    assert "the limit is 1 megapixels" in response.context["adminform"].form.errors["photo"][0]
    assert not Author.objects.exists()


def test_a_huge_decompression_bomb_is_refused_before_decoding(editor_client, settings):
    from PIL import Image as PILImage

    settings.MAX_IMAGE_PIXELS = 1_000_000
    original = PILImage.MAX_IMAGE_PIXELS
    PILImage.MAX_IMAGE_PIXELS = 1_000_000  # what images/apps.py applies at start-up
    try:
        # Over twice the limit: Pillow itself refuses to open it.
        response = _add_author(editor_client, SimpleUploadedFile("bomb.png", _png(3000, 3000), "image/png"))
    finally:
        PILImage.MAX_IMAGE_PIXELS = original

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["photo"]
    assert not Author.objects.exists()


def test_an_author_photo_is_stored_under_a_random_name_with_its_formats_extension(editor_client):
    response = _add_author(editor_client, SimpleUploadedFile("portrait.pdf", _png(40, 40, "RGB"), "application/pdf"))

    assert response.status_code == 302
    name = Author.objects.get(slug="new-reporter").photo.name
    assert re.fullmatch(r"authors/[0-9a-f]{32}\.png", name)

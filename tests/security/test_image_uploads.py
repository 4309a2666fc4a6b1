"""Pictures a hostile writer uploads (issue 12, finding 10): a PNG that is also a PDF, files
whose names lie about what they are, and guessing where a hidden story's picture is stored."""

import io
import mimetypes
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from images.models import Image as LibraryImage

pytestmark = pytest.mark.django_db

# The smallest document PDF readers open: its header, one page, the cross-reference table.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)
RANDOM_NAME = re.compile(r"images/[0-9a-f]{32}\.(jpg|png|webp|gif)")


def picture(image_format, size=(64, 48)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, image_format)
    return buffer.getvalue()


def stored_files():
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def upload(client, writer):
    """Upload a picture to the image library as a writer, through the admin: `upload(name, data)`."""
    client.force_login(writer)

    def post(name, data):
        return client.post(
            "/admin/images/image/add/",
            {"file": SimpleUploadedFile(name, data, "image/png"), "alt_text": "A harbour crane",
             "caption": "", "credit": "", "focal_x": 50, "focal_y": 50, "_continue": "1"},
        )

    return post


def latest():
    return LibraryImage.objects.order_by("-pk").first()


def refused(response):
    """The upload came back with a message on the file field, and nothing was stored."""
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert not LibraryImage.objects.exists()
    return errors[0]


def test_the_polyglot_really_is_a_png_and_a_pdf():
    polyglot = picture("PNG") + PDF

    with Image.open(io.BytesIO(polyglot)) as image:
        image.verify()
    with Image.open(io.BytesIO(polyglot)) as image:
        image.load()
        assert image.format == "PNG"
    assert pdf_header_where_readers_look(polyglot)


def pdf_header_where_readers_look(data):
    """Adobe's rule (PDF 1.7, implementation note 13): the header anywhere in the first 1,024 bytes."""
    return b"%PDF-" in data[:1024]


@pytest.mark.parametrize("name", ["report.pdf", "photo.png", "photo.jpg", "photo"])
def test_a_png_that_is_also_a_pdf_is_refused_with_a_field_error_and_nothing_is_stored(upload, name):
    before = stored_files()

    message = refused(upload(name, picture("PNG") + PDF))

    assert "PDF" in message
    assert stored_files() == before


@pytest.mark.parametrize("data", [
    PDF,  # a PDF named .png
    PDF + picture("PNG"),  # a PDF header before a PNG
    b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
    b"<html><script>alert(1)</script></html>",
    picture("JPEG", (400, 300))[:600],  # a truncated JPEG: its header reads, its pixels do not
], ids=["pdf", "pdf-then-png", "svg", "html", "truncated-jpeg"])
def test_a_file_that_is_not_a_complete_picture_is_refused_whatever_its_name(upload, data):
    before = stored_files()

    assert "not an image" in refused(upload("photo.png", data))
    assert stored_files() == before


@pytest.mark.parametrize("image_format", ["BMP", "TIFF", "PPM"])
def test_a_picture_in_another_format_is_refused_even_named_jpg(upload, image_format):
    assert "JPEG, PNG, WebP or GIF" in refused(upload("photo.jpg", picture(image_format)))


@pytest.mark.parametrize(("image_format", "name", "extension"), [
    ("PNG", "report.pdf", "png"),
    ("JPEG", "photo.png", "jpg"),
    ("WEBP", "notes.txt", "webp"),
    ("GIF", "index.html", "gif"),
    ("JPEG", "no-extension", "jpg"),
])
def test_a_picture_is_stored_under_a_random_name_with_the_extension_of_what_it_is(upload, image_format, name,
                                                                                  extension):
    response = upload(name, picture(image_format))

    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    stored = latest().file.name
    assert RANDOM_NAME.fullmatch(stored) and stored.endswith(f".{extension}")
    assert mimetypes.guess_type(stored)[0] == f"image/{'jpeg' if extension == 'jpg' else extension}"


def test_a_hidden_storys_picture_and_renditions_cannot_be_guessed_from_the_uploaded_name(upload):
    from images.renditions import planned

    upload("harbour-crane.jpg", picture("JPEG", (700, 400)))
    first = latest().file.name
    upload("harbour-crane.jpg", picture("JPEG", (700, 400)))
    image = latest()

    assert image.file.name != first
    assert "harbour" not in image.file.name
    renditions = planned(image)
    assert renditions and all(r.storage_exists() for r in renditions)  # made on upload
    # A rendition's name says nothing of its source's: one does not lead to the other.
    source_stem = Path(image.file.name).stem
    for rendition in renditions:
        assert source_stem not in rendition.name and "harbour" not in rendition.name
        assert re.fullmatch(r"CACHE/images/[0-9a-f]{32}\.(webp|jpg)", rendition.name)


def test_a_picture_saved_from_code_gets_a_random_name_too(writer):
    from django.core.files.base import ContentFile

    image = LibraryImage(alt_text="A leak", uploaded_by=writer)
    image.file.save("exclusive-leak.png", ContentFile(picture("GIF")))

    assert RANDOM_NAME.fullmatch(image.file.name)
    assert image.file.name.endswith(".gif")
    assert LibraryImage.objects.get(pk=image.pk).file.name == image.file.name

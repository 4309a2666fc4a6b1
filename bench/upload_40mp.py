"""Time the upload of a 40-megapixel JPEG through the image chooser (issue: image library, cost).

    .venv/bin/python bench/upload_40mp.py [runs]

Makes a 7744 × 5164 photo-like JPEG with Pillow (under the 10 MB upload limit), posts it to
/admin/images/image/chooser/upload/ with Django's test client in this process (SQLite in a
temporary directory, no network), and prints each request's wall time and where it goes:
validation (images/validators.py) and the renditions (images/renditions.py).
"""

import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.test")
workdir = tempfile.mkdtemp(prefix="bench-40mp-")
os.environ["TEST_MEDIA_ROOT"] = workdir
os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402


def photo_like_jpeg(size=(7744, 5164)):
    """Smooth areas and detail, as a photo: a gradient, shapes and mild noise, quality 85."""
    small = Image.linear_gradient("L").resize((size[0] // 8, size[1] // 8)).convert("RGB")
    draw = ImageDraw.Draw(small)
    for i in range(40):
        x, y = (i * 97) % small.width, (i * 53) % small.height
        draw.ellipse([x, y, x + 120, y + 80], outline=(200, 60 + i * 4, 40), width=4)
    picture = small.resize(size, Image.BICUBIC)
    noise = Image.effect_noise(size, 40).convert("RGB")
    picture = Image.blend(picture, noise, 0.12)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def main(runs):
    setup_test_environment()
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("bench", "bench@example.org", "pw")
    client = Client()
    client.force_login(user)
    data = photo_like_jpeg()
    with Image.open(io.BytesIO(data)) as picture:
        print(f"upload: {picture.width} × {picture.height} = {picture.width * picture.height / 1e6:.1f} MP, "
              f"{len(data) / 1e6:.1f} MB JPEG")

    from images import renditions, validators

    timings = {}

    def timed(module, name):
        original = getattr(module, name)

        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                timings[name] = timings.get(name, 0) + time.perf_counter() - start

        setattr(module, name, wrapper)

    timed(validators, "_check_picture")
    timed(renditions, "make_renditions")
    from images import models

    models.renditions.make_renditions = renditions.make_renditions
    for run in range(runs):
        timings.clear()
        start = time.perf_counter()
        response = client.post("/admin/images/image/chooser/upload/", {
            "file": SimpleUploadedFile("DSC_0001.jpg", data, "image/jpeg"), "alt_text": "A test picture",
        }, HTTP_X_IMAGE_CHOOSER="1")
        total = time.perf_counter() - start
        assert response.status_code == 200, response.content[:500]
        print(f"run {run + 1}: request {total:.2f} s (validation {timings.get('_check_picture', 0):.2f} s, "
              f"17 renditions {timings.get('make_renditions', 0):.2f} s)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)

"""Hero images for the demo content, drawn with Pillow (nothing is downloaded)."""

import hashlib
import io

from PIL import Image, ImageDraw

PALETTES = [
    ((22, 45, 84), (120, 160, 200)),
    ((84, 30, 22), (220, 150, 110)),
    ((20, 70, 55), (150, 210, 170)),
    ((60, 40, 90), (190, 160, 220)),
    ((70, 60, 20), (230, 200, 120)),
    ((30, 30, 30), (170, 170, 170)),
]


def hero_jpeg(seed, size=(960, 640)):
    """Return JPEG bytes of an abstract picture that depends only on `seed`."""
    digest = hashlib.sha256(seed.encode()).digest()
    top, bottom = PALETTES[digest[0] % len(PALETTES)]
    width, height = size
    # A vertical gradient: one pixel wide, stretched.
    strip = Image.new("RGB", (1, 256))
    for y in range(256):
        strip.putpixel((0, y), tuple(int(a + (b - a) * y / 255) for a, b in zip(top, bottom, strict=True)))
    image = strip.resize(size, Image.BILINEAR)
    draw = ImageDraw.Draw(image)
    for i in range(6):
        x = digest[1 + i] / 255 * width
        y = digest[7 + i] / 255 * height
        r = (60 + digest[13 + i] / 255 * 220) * width / 1200
        shade = tuple(min(255, c + 40) for c in bottom) if i % 2 else tuple(max(0, c - 30) for c in top)
        draw.ellipse([x - r, y - r, x + r, y + r], outline=shade, width=6 + digest[19 + i] % 10)
    horizon = int(height * (0.55 + digest[25] / 255 * 0.2))
    draw.rectangle([0, horizon, width, height], fill=tuple(max(0, c - 15) for c in top))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=78, optimize=True, progressive=True)
    return buffer.getvalue()

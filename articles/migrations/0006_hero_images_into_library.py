"""Every story's hero picture becomes a library image (images.Image) with its alt text,
decorative flag, caption and credit; the file stays where it is (same stored name, so its
address does not change). Stories that shared one file share one image. Renditions are made
after migrate (images/apps.py, or `manage.py make_renditions`). Reversible: going back
copies each story's hero into its own fields again."""

from django.core.files.storage import default_storage
from django.db import migrations
from PIL import Image as PILImage
from PIL import ImageOps

ROTATED = {5, 6, 7, 8}


def _size(name, width, height):
    """The stored size, or the file's own (EXIF rotation applied) when it was not stored."""
    try:
        with default_storage.open(name) as file, PILImage.open(file) as picture:
            width, height = picture.size
            if picture.getexif().get(ImageOps.ExifTags.Base.Orientation) in ROTATED:
                width, height = height, width
    except (OSError, ValueError):  # missing or unreadable: keep what the story had
        pass
    return width or 0, height or 0


def into_library(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Image = apps.get_model("images", "Image")
    ImageUse = apps.get_model("articles", "ImageUse")
    by_name = {}
    for article in Article.objects.exclude(hero_image="").exclude(hero_image__isnull=True).order_by("pk"):
        name = article.hero_image.name
        # One image per file: stories that shared one, or an image left by an earlier reverse.
        image = by_name.get(name) or Image.objects.filter(file=name).first()
        if image is None:
            width, height = _size(name, article.hero_width, article.hero_height)
            image = Image.objects.create(
                file=name, width=width, height=height, alt_text=article.hero_alt,
                decorative=article.hero_decorative, caption=article.hero_caption, credit=article.hero_credit,
                uploaded_by_id=article.created_by_id, uploaded_at=article.created_at,
            )
        by_name[name] = image
        Article.objects.filter(pk=article.pk).update(hero=image)
        ImageUse.objects.create(article_id=article.pk, image=image, role="hero")


def out_of_library(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.exclude(hero__isnull=True).select_related("hero"):
        image = article.hero
        Article.objects.filter(pk=article.pk).update(
            hero_image=image.file.name, hero_width=image.width or None, hero_height=image.height or None,
            hero_alt=image.alt_text, hero_decorative=image.decorative, hero_caption=image.caption,
            hero_credit=image.credit,
        )


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0005_article_hero_imageuse'),
    ]

    operations = [
        migrations.RunPython(into_library, out_of_library),
    ]

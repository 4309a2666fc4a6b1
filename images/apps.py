from django.apps import AppConfig
from django.db.models.signals import post_migrate


def make_missing_renditions(sender, using="default", **kwargs):
    """After migrate, make the renditions of images that lack them (those moved into the
    library by a migration, or all of them after renditions.VERSION changed)."""
    from .services import images_make_missing_renditions

    images_make_missing_renditions(using=using)


class ImagesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "images"
    verbose_name = "image library"

    def ready(self):
        from django.conf import settings
        from PIL import Image

        # Pillow refuses images above twice this many pixels (DecompressionBombError).
        Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_PIXELS

        post_migrate.connect(make_missing_renditions, sender=self, dispatch_uid="images.make_missing_renditions")

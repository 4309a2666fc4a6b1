from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate


def make_missing_renditions(sender, using="default", **kwargs):
    """After migrate, make the renditions of images that lack them (those moved into the
    library by a migration, or all of them after renditions.VERSION changed)."""
    from .services import images_make_missing_renditions

    images_make_missing_renditions(using=using)


def delete_files(sender, instance, using="default", **kwargs):
    """Once the deletion of a library image is committed, delete its file and the renditions
    it has now from storage (a rolled-back deletion keeps them). Renditions of an earlier focal
    point or file stay: pages cached before that change linked to them."""
    from django.core.files.storage import default_storage
    from django.db import transaction

    from .renditions import planned

    if not instance.file:
        return
    storage, original = instance.file.storage, instance.file.name
    made = [r.name for r in planned(instance)] if instance.renditions_made else []

    def delete():
        storage.delete(original)
        for name in made:
            default_storage.delete(name)

    transaction.on_commit(delete, using=using)


class ImagesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "images"
    verbose_name = "image library"

    def ready(self):
        from django.conf import settings
        from PIL import Image

        # Pillow refuses images above twice this many pixels (DecompressionBombError).
        Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_PIXELS

        post_delete.connect(delete_files, sender=self.get_model("Image"), dispatch_uid="images.delete_files")
        post_migrate.connect(make_missing_renditions, sender=self, dispatch_uid="images.make_missing_renditions")

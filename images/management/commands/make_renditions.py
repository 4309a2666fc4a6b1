from django.core.management.base import BaseCommand

from images.models import Image
from images.services import images_make_missing_renditions


class Command(BaseCommand):
    help = "Make the renditions that library images lack (all of them with --all)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="check every rendition file, not only the record")

    def handle(self, *args, **options):
        if options["all"]:
            made = sum(image.make_renditions() for image in Image.objects.iterator())
            self.stdout.write(f"{made} rendition(s) made.")
            return
        self.stdout.write(f"{images_make_missing_renditions()} image(s) brought up to date.")

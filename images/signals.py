from django.dispatch import Signal

# Sent by Image.save() once the image and its renditions are stored (`image`, `created`):
# pages that show it may be rebuilt now (articles/signals.py bumps the stories using it).
image_saved = Signal()

from django.apps import AppConfig


class CommentsConfig(AppConfig):
    """Our comments app: the django-comments-xtd wiring, moderation policy and admin."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "comments"

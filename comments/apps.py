from django.apps import AppConfig
from django.core.signals import setting_changed
from django.db.models.signals import pre_save


def reset_xtd_settings(**kwargs):
    """django-comments-xtd 2.10 copies every setting once, on first use; forget that
    copy when a test changes a setting (pytest-django's `settings`, override_settings)."""
    from django.utils.functional import empty
    from django_comments_xtd.conf import settings as xtd_settings

    xtd_settings._wrapped = empty


class CommentsConfig(AppConfig):
    """Our comments app: the django-comments-xtd wiring, moderation policy and admin."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "comments"

    def ready(self):
        from django_comments.signals import comment_was_posted
        from django_comments_xtd import views as xtd_views
        from django_comments_xtd.models import TmpXtdComment, publish_or_unpublish_on_pre_save
        from django_comments_xtd.signals import confirmation_received

        from . import confirmation, moderation

        moderation.register()
        # xtd 2.10's receiver puts an anonymous comment into its confirmation link as a
        # pickle signed with SECRET_KEY, and its confirm and mute views unpickle what comes
        # back (django_comments_xtd/signed.py): code execution for whoever knows the key.
        # Ours stores the comment aside and mails a random token (comments.confirmation).
        comment_was_posted.disconnect(xtd_views.on_comment_was_posted, sender=TmpXtdComment)
        comment_was_posted.connect(
            confirmation.on_comment_was_posted, sender=TmpXtdComment, dispatch_uid="comments.on_comment_was_posted"
        )
        confirmation_received.connect(
            moderation.discard_on_confirmation, dispatch_uid="comments.discard_on_confirmation"
        )
        setting_changed.connect(reset_xtd_settings, dispatch_uid="comments.reset_xtd_settings")
        # xtd 2.10 re-publishes every reply of a comment whenever that comment is
        # saved, so approving a comment would publish replies still waiting for a
        # moderator. Each comment keeps its own state; the thread hides replies
        # whose parent is hidden (comments.thread).
        pre_save.disconnect(publish_or_unpublish_on_pre_save, sender="comments.ReaderComment")

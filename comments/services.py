"""Moderation decisions: each one changes the comment and logs who, when, what and why.

The admin's actions and the story page's "Remove" link (comments.views.remove) call these.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_comments.models import CommentFlag

from .mail import notify_followers
from .models import ModerationDecision, ModerationReason

MODERATE_PERMISSION = "django_comments.can_moderate"


def _check(by):
    if not by.has_perm(MODERATE_PERMISSION):
        raise PermissionDenied("Only moderators may moderate comments.")


def _flag(comment, by, flag):
    # Keep django-contrib-comments' own record of moderator actions as well.
    CommentFlag.objects.get_or_create(comment=comment, user=by, flag=flag)


@transaction.atomic
def comment_approve(*, comment, by, note=""):
    """Publish a held (or removed) comment. Followers of the story hear about it when
    it leaves the queue for the first time (xtd told them about comments public at once)."""
    _check(by)
    fresh_from_queue = not comment.is_public and not comment.is_removed and not comment.decisions.exists()
    comment.is_public, comment.is_removed = True, False
    comment.save(update_fields=["is_public", "is_removed"])
    _flag(comment, by, CommentFlag.MODERATOR_APPROVAL)
    decision = ModerationDecision.objects.create(
        comment=comment, action=ModerationDecision.Action.APPROVED, by=by, note=note
    )
    if fresh_from_queue:
        notify_followers(comment)
    return decision


@transaction.atomic
def comment_remove(*, comment, by, note=""):
    """Hide a comment from readers. It stays in the database, so the removal can be undone."""
    _check(by)
    comment.is_removed = True
    comment.save(update_fields=["is_removed"])
    _flag(comment, by, CommentFlag.MODERATOR_DELETION)
    return ModerationDecision.objects.create(
        comment=comment, action=ModerationDecision.Action.REMOVED, by=by, note=note
    )


@transaction.atomic
def comment_restore(*, comment, by, note=""):
    """Undo a removal: the comment returns to where it was (public, or waiting in the queue)."""
    _check(by)
    comment.is_removed = False
    comment.save(update_fields=["is_removed"])
    return ModerationDecision.objects.create(
        comment=comment, action=ModerationDecision.Action.RESTORED, by=by, note=note
    )


@transaction.atomic
def comment_hold(*, comment, reason, note=""):
    """Send a public comment back to the queue with a reason (decided by the system)."""
    comment.is_public = False
    comment.save(update_fields=["is_public"])
    ModerationReason.objects.get_or_create(comment=comment, code=reason)
    return ModerationDecision.objects.create(
        comment=comment, action=ModerationDecision.Action.HELD, by=None, note=note
    )

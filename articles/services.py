"""The editorial workflow: every state change of a story happens here.

Each function takes keyword-only arguments, checks the actor's permission
(PermissionDenied), validates (ValidationError with field messages), then saves
the story, records an ArticleEvent and a django-reversion revision, all in one
transaction with the story's row locked. The admin's buttons and list actions
call these functions; nothing else changes a story's status.

    Draft -> In review -> (Changes requested -> In review) -> Published
    Published with a future publish time (or embargo) = Scheduled
    Published -> Withdrawn (with a reason)
"""

from contextlib import contextmanager

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from .models import Article, ArticleEvent, Correction

Status = Article.Status
Action = ArticleEvent.Action

# What a revert leaves alone: reverting restores the story's words, bylines and
# tags, never its place in the workflow (a published story stays published).
WORKFLOW_FIELDS = ["status", "publish_at", "embargo_until", "created_by_id", "created_at"]


def newsroom_time(value):
    """A time as editors read it: in the newsroom's time zone, with the zone's name."""
    return date_format(timezone.localtime(value), "j F Y, H:i T")


def user_name(user):
    if user is None:
        return "someone"
    return user.get_full_name() or user.get_username()


def article_submit(*, article, by, note=""):
    """The writer sends a draft (or a story sent back to them) to the editors."""
    _require(by, "articles.submit_article", "You may not submit stories for review.")
    with _workflow_step(article, by) as story:
        if not story.can_be_edited_by(by):
            raise PermissionDenied("You may only submit your own drafts.")
        _require_status(story, [Status.DRAFT, Status.CHANGES_REQUESTED], "submitted for review")
        errors = {}
        if not story.body.strip():
            errors["body"] = "Write the story before sending it for review."
        if not story.bylines.exists():
            errors["bylines"] = "Add at least one byline before sending the story for review."
        if errors:
            raise ValidationError(errors)
        _move(story, by=by, action=Action.SUBMITTED, to_status=Status.IN_REVIEW, note=note)
    transaction.on_commit(lambda: _mail_editors_for_review(story, by, note))
    return _refreshed(article)


def article_request_changes(*, article, by, note):
    """An editor sends a story in review back to its writer, saying what to change."""
    _require(by, "articles.request_changes_article", "You may not send stories back to their writer.")
    if not (note or "").strip():
        raise ValidationError({"note": "Say what the writer should change."})
    with _workflow_step(article, by) as story:
        _require_status(story, [Status.IN_REVIEW], "sent back to its writer")
        _move(story, by=by, action=Action.CHANGES_REQUESTED, to_status=Status.CHANGES_REQUESTED, note=note)
    transaction.on_commit(lambda: _mail_writer_changes_requested(story, by, note))
    return _refreshed(article)


def article_approve(*, article, by, note=""):
    """An editor approves a story in review: it goes out at its publish time if that
    is still to come (scheduled), at once otherwise, and never before its embargo."""
    _require(by, "articles.approve_article", "You may not approve stories.")
    with _workflow_step(article, by) as story:
        _require_status(story, [Status.IN_REVIEW], "approved")
        now = timezone.now()
        publish_at = story.publish_at if story.publish_at and story.publish_at > now else now
        if story.embargo_until and publish_at < story.embargo_until:
            publish_at = story.embargo_until
        story.publish_at = publish_at
        _move(story, by=by, action=Action.APPROVED, to_status=Status.PUBLISHED, note=note)
    return _refreshed(article)


def article_publish(*, article, by, note=""):
    """Publish now: the story is public at once (unless an embargo is still in force)."""
    _require(by, "articles.publish_article", "You may not publish stories.")
    with _workflow_step(article, by) as story:
        if story.is_published():
            raise ValidationError("This story is already public.")
        now = timezone.now()
        if story.embargo_until and story.embargo_until > now:
            raise ValidationError({
                "publish_at": f"The story is under embargo until {newsroom_time(story.embargo_until)}: "
                "schedule it for that time or later instead.",
            })
        story.publish_at = now
        _move(story, by=by, action=Action.PUBLISHED, to_status=Status.PUBLISHED, note=note)
    return _refreshed(article)


def article_schedule(*, article, by, at, note=""):
    """Publish later: status Published with a future publish time. No job runs at
    that time; `Article.objects.published()` compares with now."""
    _require(by, "articles.schedule_article", "You may not schedule stories.")
    if at is None or at <= timezone.now():
        raise ValidationError({"publish_at": "Choose a publish time in the future to schedule the story."})
    with _workflow_step(article, by) as story:
        if story.is_published():
            raise ValidationError("This story is already public: withdraw it before scheduling it again.")
        if story.embargo_until and at < story.embargo_until:
            raise ValidationError({
                "publish_at": f"The publish time must not be earlier than the embargo "
                f"({newsroom_time(story.embargo_until)}).",
            })
        story.publish_at = at
        _move(
            story, by=by, action=Action.SCHEDULED, to_status=Status.PUBLISHED,
            note=note or f"Goes live {newsroom_time(story.go_live_at)}",
        )
    return _refreshed(article)


def article_withdraw(*, article, by, reason):
    """Take a published (or scheduled) story off the site, with a reason for the editors."""
    _require(by, "articles.withdraw_article", "You may not withdraw stories.")
    if not (reason or "").strip():
        raise ValidationError({"note": "Give the reason for withdrawing the story."})
    with _workflow_step(article, by) as story:
        _require_status(story, [Status.PUBLISHED], "withdrawn")
        _move(story, by=by, action=Action.WITHDRAWN, to_status=Status.WITHDRAWN, note=reason)
    return _refreshed(article)


def article_add_correction(*, article, by, text):
    """Correct a public story in public: the correction shows under the story and in
    /corrections/, and the story's modified time moves on."""
    _require(by, "articles.add_correction", "You may not add corrections.")
    if not (text or "").strip():
        raise ValidationError({"text": "Write the correction as readers will read it."})
    with _workflow_step(article, by, comment="Correction added") as story:
        if not story.is_published():
            raise ValidationError("Corrections are for public stories: edit an unpublished story instead.")
        correction = Correction.objects.create(article=story, text=text.strip(), created_by=by)
        story.save(update_fields=["updated_at"])
        _record(story, by=by, action=Action.CORRECTED, from_status=story.status, note=correction.text)
    _refreshed(article)
    return correction


def article_revert(*, article, by, version):
    """Restore the words, bylines and tags of an earlier revision (a reversion
    Version of this story). The workflow state stays as it is now."""
    _require(by, "articles.revert_article", "You may not revert stories.")
    if version.object_id != str(article.pk) or version._model is not Article:
        raise ValidationError("That revision belongs to another story.")
    saved_at = version.revision.date_created
    with _workflow_step(article, by, comment=f"Reverted to the revision of {newsroom_time(saved_at)}") as story:
        kept = {field: getattr(story, field) for field in WORKFLOW_FIELDS}
        version.revision.revert(delete=True)
        reverted = Article.objects.get(pk=story.pk)
        for field, value in kept.items():
            setattr(reverted, field, value)
        reverted.version = story.version + 1
        reverted.updated_by = by
        reverted.save()
        _record(
            reverted, by=by, action=Action.REVERTED, from_status=story.status,
            note=f"To the revision saved {newsroom_time(saved_at)} by {user_name(version.revision.user)}",
        )
    return _refreshed(article)


def record_creation(*, article, by):
    """The first event of a story created in the admin."""
    _record(article, by=by, action=Action.CREATED, from_status="")


# Helpers ---------------------------------------------------------------------


@contextmanager
def _workflow_step(article, by, comment=""):
    """Lock the story's row and collect a revision with its author, in one transaction."""
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(by)
        if comment:
            reversion.set_comment(comment)
        yield Article.objects.select_for_update().get(pk=article.pk)


def _require(user, permission, message):
    if not (user and user.is_active and user.has_perm(permission)):
        raise PermissionDenied(message)


def _require_status(story, allowed, verb):
    if story.status not in allowed:
        raise ValidationError(f"A story that is {story.get_status_display().lower()} cannot be {verb}.")


def _move(story, *, by, action, to_status, note=""):
    from_status = story.status
    story.status = to_status
    story.version += 1
    story.updated_by = by
    story.save()
    reversion.set_comment(f"{ArticleEvent.Action(action).label}" + (f": {note}" if note else ""))
    _record(story, by=by, action=action, from_status=from_status, note=note)


def _record(story, *, by, action, from_status, note=""):
    return ArticleEvent.objects.create(
        article=story, actor=by, action=action, from_status=from_status, to_status=story.status, note=note
    )


def _refreshed(article):
    article.refresh_from_db()
    return article


def _admin_link(story):
    path = reverse("admin:articles_article_change", args=[story.pk])
    return f"{settings.NEWSROOM_URL_SCHEME}://{Site.objects.get_current().domain}{path}"


def _mail_editors_for_review(story, by, note):
    User = get_user_model()
    editors = (
        User.objects.filter(groups__name="Editor", is_active=True).exclude(email="")
        .values_list("email", flat=True).distinct()
    )
    subject = f"For review: {story.headline}"
    body = (
        f"{user_name(by)} has sent a story for review.\n\n{story.headline}\n{story.standfirst}\n\n"
        + (f"Note: {note}\n\n" if note else "")
        + f"Review it here: {_admin_link(story)}\n"
    )
    send_mass_mail([(subject, body, None, [email]) for email in editors])


def _mail_writer_changes_requested(story, by, note):
    writers = {story.created_by} | {byline.author.user for byline in story.bylines.select_related("author__user")}
    emails = sorted({writer.email for writer in writers if writer and writer.is_active and writer.email})
    subject = f"Changes requested: {story.headline}"
    body = (
        f"{user_name(by)} has sent your story back with changes to make.\n\n{story.headline}\n\n"
        f"What to change:\n{note}\n\nEdit it here: {_admin_link(story)}\n"
    )
    send_mass_mail([(subject, body, None, [email]) for email in emails])

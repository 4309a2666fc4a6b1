"""Moderation decisions: each one changes a comment (or a commenter) and logs who, when,
what and why.

The admin's actions, the moderation desk and the story page's "Remove" link
(comments.views.remove) call these. Every function takes keyword arguments, checks that
`by` may moderate (PermissionDenied otherwise), runs in one transaction with the comment's
row locked, and returns the log entry it wrote. A comment's decision records the state
just before it (`was_public`, `was_removed`), which is what comment_undo restores.

Pages: each decision saves the comment instance it locked, so articles.signals sees what
changed for readers and bumps exactly the story pages (and lists) it changes; a decision
that leaves what readers see alone (approving a public comment) bumps nothing. Commenter
decisions change no page: banning removes nothing by itself.

Readers' reports (comment_report) need no permission: the view only offers them for
comments readers can see.
"""

import ipaddress
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Min, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_comments.models import CommentFlag
from django_comments_xtd.moderation import moderator

from newsroom.clientip import address_group

from .mail import notify_followers
from .models import (
    REPORT_NOTE_MAX_LENGTH,
    Commenter,
    CommenterDecision,
    CommentReason,
    CommentReport,
    ModerationDecision,
    ModerationReason,
    ReaderComment,
    last_approval,
)

MODERATE_PERMISSION = "django_comments.can_moderate"
Action = ModerationDecision.Action
Status = Commenter.Status


def _check(by):
    if by is None or not by.has_perm(MODERATE_PERMISSION):
        raise PermissionDenied("Only moderators may moderate comments.")


def _flag(comment, by, flag):
    # Keep django-contrib-comments' own record of moderator actions as well.
    CommentFlag.objects.get_or_create(comment=comment, user=by, flag=flag)


def _locked(comment):
    """The comment as stored, its row locked until the transaction ends. xtd's manager
    joins the (nullable) user, which PostgreSQL cannot lock: select_related(None)."""
    return ReaderComment.objects.select_related(None).select_for_update().get(pk=comment.pk)


KEEP = object()


def _decide(comment, *, action, by, is_public=KEEP, is_removed=KEEP, note="", reason="", undoes=None):
    """Set the comment's state (KEEP: as stored) and log the decision with the state before
    it. `comment` is the caller's instance: it gets the new state too."""
    stored = _locked(comment)
    was_public, was_removed = stored.is_public, stored.is_removed
    is_public = was_public if is_public is KEEP else is_public
    is_removed = was_removed if is_removed is KEEP else is_removed
    stored.is_public, stored.is_removed = is_public, is_removed
    if (was_public, was_removed) != (is_public, is_removed):
        stored.save(update_fields=["is_public", "is_removed"])
    comment.is_public, comment.is_removed = is_public, is_removed
    return ModerationDecision.objects.create(
        comment_id=stored.pk, action=action, by=by, note=note, reason=reason,
        was_public=was_public, was_removed=was_removed, undoes=undoes,
    )


@transaction.atomic
def comment_approve(*, comment, by, note=""):
    """Publish a held (or removed) comment. Followers of the story hear about it when
    it leaves the queue for the first time (xtd told them about comments public at once)."""
    _check(by)
    fresh_from_queue = not comment.decisions.exists()
    decision = _decide(comment, action=Action.APPROVED, by=by, is_public=True, is_removed=False, note=note)
    fresh_from_queue = fresh_from_queue and not decision.was_public and not decision.was_removed
    _flag(comment, by, CommentFlag.MODERATOR_APPROVAL)
    if fresh_from_queue:
        notify_followers(comment)
    return decision


def _check_reason(reason):
    if reason and reason not in CommentReason.values:
        raise ValidationError({"reason": f"“{reason}” is not one of the moderation reasons."})


@transaction.atomic
def comment_remove(*, comment, by, reason="", note=""):
    """Hide a comment from readers, with a reason from CommentReason (optional). It stays in
    the database, so the removal can be undone (comment_undo, comment_restore)."""
    _check(by)
    _check_reason(reason)
    decision = _decide(comment, action=Action.REMOVED, by=by, is_removed=True, note=note, reason=reason)
    _flag(comment, by, CommentFlag.MODERATOR_DELETION)
    return decision


@transaction.atomic
def comment_restore(*, comment, by, note=""):
    """Undo a removal: the comment returns to where it was (public, or waiting in the queue)."""
    _check(by)
    return _decide(comment, action=Action.RESTORED, by=by, is_removed=False, note=note)


@transaction.atomic
def comment_hold(*, comment, reason, note=""):
    """Send a public comment back to the queue with a reason (decided by the system)."""
    decision = _decide(comment, action=Action.HELD, by=None, is_public=False, note=note)
    ModerationReason.objects.get_or_create(comment_id=comment.pk, code=reason)
    return decision


@transaction.atomic
def comment_undo(*, decision, by, note=""):
    """Take back `decision`: the comment returns exactly to the state recorded before it
    (public or not, removed or not), and an Undone entry is logged.

    Refused (ValidationError) when another decision on the comment came after it (undo
    that one first), when `decision` is itself an undo or was already undone, and for
    entries logged before the log kept the previous state. Undoing an approval that emailed
    the story's followers is allowed: the emails cannot be unsent, and the comment is not
    announced again when it is approved again.
    """
    _check(by)
    comment = decision.comment
    _locked(comment)  # taken first: no other decision can slip in between the check and the undo
    if decision.action == Action.UNDONE:
        raise ValidationError("An undo cannot be undone. Make a new decision instead.")
    if ModerationDecision.objects.filter(undoes=decision).exists():
        raise ValidationError("This decision has already been undone.")
    if decision.was_public is None or decision.was_removed is None:
        raise ValidationError(
            "This decision was logged before the log kept the comment’s previous state, so it cannot be undone. "
            "Make a new decision instead."
        )
    latest = ModerationDecision.objects.filter(comment_id=comment.pk).select_related("by").order_by(
        "-created_at", "-pk"
    ).first()
    if latest.pk != decision.pk:
        who = latest.by.get_username() if latest.by else "the system"
        when = timezone.localtime(latest.created_at).strftime("%d %B %Y, %H:%M").lstrip("0")
        raise ValidationError(
            f"This comment was {latest.get_action_display()} by {who} on {when}, after this decision. "
            "Undo the later decision first."
        )
    return _decide(
        comment, action=Action.UNDONE, by=by, is_public=decision.was_public, is_removed=decision.was_removed,
        note=note, undoes=decision,
    )


# --- commenters -------------------------------------------------------------------------


def normalise_email(email):
    return (email or "").strip().lower()


def _set_status(*, email, by, status, note, banned_address=""):
    _check(by)
    email = normalise_email(email)
    if not email:
        raise ValidationError({"email": "A commenter is known by an email address; this comment has none."})
    commenter, _created = Commenter.objects.select_for_update().get_or_create(email=email)
    previous = commenter.status
    commenter.status, commenter.banned_address = status, banned_address
    commenter.note, commenter.updated_by, commenter.updated_at = note, by, timezone.now()
    commenter.save()
    return CommenterDecision.objects.create(
        commenter=commenter, status=status, previous_status=previous, banned_address=banned_address, by=by, note=note
    )


@transaction.atomic
def commenter_trust(*, email, by, note=""):
    """Trusted: this address's comments skip the first-comment rule (the others still apply)."""
    return _set_status(email=email, by=by, status=Status.TRUSTED, note=note)


@transaction.atomic
def commenter_premoderate(*, email, by, note=""):
    """Pre-moderated: every comment from this address waits for a moderator."""
    return _set_status(email=email, by=by, status=Status.PREMODERATED, note=note)


@transaction.atomic
def commenter_ban(*, email, by, ip_address=None, note=""):
    """Banned: new comments from this address are refused when posted, and when an
    anonymous one is confirmed. With `ip_address`, its address group (the address itself
    for IPv4, the /64 for IPv6) is refused as well, whatever email is typed. A ban removes
    nothing by itself: the commenter's comments stay as they are."""
    group = ""
    if ip_address:
        try:
            group = address_group(str(ipaddress.ip_address(str(ip_address).strip())))
        except ValueError:
            raise ValidationError({"ip_address": f"“{ip_address}” is not an IP address."}) from None
    return _set_status(email=email, by=by, status=Status.BANNED, note=note, banned_address=group)


@transaction.atomic
def commenter_reset(*, email, by, note=""):
    """Back to normal: the usual rules, no address ban."""
    return _set_status(email=email, by=by, status=Status.NORMAL, note=note)


@dataclass(frozen=True)
class CommenterRecord:
    """What the site knows of one email address: its comments and the moderators' status."""

    email: str
    approved: int = 0
    removed: int = 0
    pending: int = 0
    first_seen: datetime | None = None
    status: str = Status.NORMAL
    banned_address: str = ""

    @property
    def status_label(self):
        return Status(self.status).label

    @property
    def total(self):
        return self.approved + self.removed + self.pending


def commenter_records(emails):
    """{lowercased email: CommenterRecord} for each address in `emails` (unknown ones get
    an empty record), in two queries however many addresses there are."""
    wanted = {normalise_email(email) for email in emails if email}
    if not wanted:
        return {}
    counts = (
        ReaderComment.objects.order_by()
        .annotate(email_key=Lower("user_email"))
        .filter(email_key__in=wanted)
        .values("email_key")
        .annotate(
            approved=Count("pk", filter=Q(is_public=True, is_removed=False)),
            removed=Count("pk", filter=Q(is_removed=True)),
            pending=Count("pk", filter=Q(is_public=False, is_removed=False)),
            first_seen=Min("submit_date"),
        )
    )
    rows = {row.pop("email_key"): row for row in counts}
    statuses = dict(
        (email, (status, address))
        for email, status, address in Commenter.objects.filter(email__in=wanted).values_list(
            "email", "status", "banned_address"
        )
    )
    records = {}
    for email in wanted:
        status, address = statuses.get(email, (Status.NORMAL, ""))
        records[email] = CommenterRecord(email=email, status=status, banned_address=address, **rows.get(email, {}))
    return records


# --- readers' reports -------------------------------------------------------------------


def address_digest(ip_address):
    """The reader's address group (newsroom.clientip), keyed with SECRET_KEY: a plain hash of
    an IPv4 address could be reversed by trying all four billion."""
    return salted_hmac("comments.CommentReport.address", address_group(ip_address or "")).hexdigest()


def check_report(reason, note):
    """The report's fields in the reader's words, as ValidationError({field: message})."""
    errors = {}
    if reason not in CommentReason.values:
        errors["reason"] = "Please choose why you are reporting this comment."
    if reason == CommentReason.OTHER and not note.strip():
        errors["note"] = "Please say in a few words what is wrong with this comment."
    if len(note) > REPORT_NOTE_MAX_LENGTH:
        errors["note"] = f"Please keep your note under {REPORT_NOTE_MAX_LENGTH} characters."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def comment_report(*, comment, reason, note="", user=None, ip_address):
    """Store a reader's report (one per reader: see CommentReport), then apply the rule that
    enough open reports send a public comment back to the queue
    (StoryModerator.hold_when_reported). Returns the report; `report.counted` says whether
    this call counted (a reader who reports the same comment again is thanked, not counted,
    unless a moderator approved it since their last report: then the report is renewed)."""
    note = (note or "").strip()
    check_report(reason, note)
    if user is not None and not user.is_authenticated:
        user = None
    who = {"user": user} if user else {"user": None, "address_digest": address_digest(ip_address)}
    fields = {"reason": reason, "note": note, "address_digest": address_digest(ip_address)}
    report = CommentReport.objects.select_for_update().filter(comment_id=comment.pk, **who).first()
    counted = False
    if report is None:
        try:
            with transaction.atomic():
                report = CommentReport.objects.create(comment_id=comment.pk, **{**who, **fields})
            counted = True
        except IntegrityError:  # the same reader's other request got there first
            report = CommentReport.objects.get(comment_id=comment.pk, **who)
    else:
        approval = last_approval(comment.pk).first()
        if approval is not None and report.created_at <= approval["created_at"]:
            report.reason, report.note, report.created_at = reason, note, timezone.now()
            report.save(update_fields=["reason", "note", "created_at"])
            counted = True
    report.counted = counted
    if counted:
        story_moderator = moderator._registry.get(comment.content_type.model_class())
        if story_moderator is not None:
            story_moderator.hold_when_reported(comment)
    return report

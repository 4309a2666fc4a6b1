"""The comment policy for stories: a moderator registered with django-comments-xtd.

Each rule is a small method. Hold rules return a reason code (or None); the
comment is held when any of them gives one, and the reasons are stored with it.
A banned commenter is refused before any of them (commenter_refusal): when posting,
and again when an anonymous comment is confirmed (comments.confirmation).
"""

import re
from datetime import timedelta

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django_comments_xtd.conf import settings as xtd_settings
from django_comments_xtd.moderation import XtdCommentModerator, moderator
from django_comments_xtd.utils import send_mail

from articles.models import Article, CommentMode
from newsroom.clientip import address_group

from .models import Commenter, ModerationReason, ReaderComment, WatchedWord

Reason = ModerationReason.Code
CommenterStatus = Commenter.Status

# What a banned commenter reads, at posting and at confirmation.
BANNED = "You can no longer comment on this site. Your comment was not posted."

# What the commenter reads when a comment is held, one sentence per reason.
HELD_BECAUSE = {
    Reason.PREMODERATED: "Every comment on this story is read by a moderator before it appears.",
    Reason.LINKS: "It contains several links, so a moderator will review it first.",
    Reason.WATCHED_WORD: "It contains a word or phrase that our moderators check, so a moderator will review it first.",
    Reason.FIRST_COMMENT: "It is the first comment from your email address, so a moderator will review it first. "
    "Once one of your comments has been approved, the next ones appear straight away.",
    Reason.REPORTED: "Readers reported it, so a moderator will review it again.",
    Reason.COMMENTER_PREMODERATED: "A moderator reads every comment from your email address before it appears.",
}

LINK = re.compile(r"(?i)(?:\bhttps?://|\bwww\.)")


def comment_mode(article):
    """The story's comment mode, or its section's when the story leaves it blank."""
    return article.comment_mode or article.section.comment_mode


def comments_close_at(article):
    """When comments close on their own: a number of days after publishing."""
    if article.publish_at is None:
        return None
    days = article.comments_close_after_days
    if days is None:
        days = settings.NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS
    return article.publish_at + timedelta(days=days)


def closed_reason(article, now=None):
    """Why readers cannot comment on this story now, in their words; None when they can."""
    now = now or timezone.now()
    if not article.is_published(now):
        return "Comments open when the story is published."
    if comment_mode(article) == CommentMode.CLOSED:
        return "Comments are closed on this story."
    close_at = comments_close_at(article)
    if close_at is not None and now >= close_at:
        return f"Comments on this story closed on {format_date(timezone.localtime(close_at), 'j F Y')}."
    return None


def watched_words(action):
    return [word.lower() for word in WatchedWord.objects.filter(action=action).values_list("word", flat=True)]


def mentions_any(words, *, name="", email="", text=""):
    """Whether a listed word appears as a whole word in the name or text, or anywhere in the email."""
    if not words:
        return False
    email = (email or "").lower()
    if any(word in email for word in words):
        return True
    pattern = word_pattern(words)
    return bool(pattern.search(name or "") or pattern.search(text or ""))


def word_pattern(words):
    """Any of `words` as a whole word, capitals ignored (the rule of mentions_any)."""
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(word) for word in words) + r")(?!\w)", re.IGNORECASE)


def commenter_status(email):
    """What moderators decided about this email address (Commenter.Status; normal when nothing)."""
    email = (email or "").strip().lower()
    status = Commenter.objects.filter(email=email).values_list("status", flat=True).first() if email else None
    return status or CommenterStatus.NORMAL


def commenter_refusal(email, ip_address):
    """Why this commenter may not comment at all, in their words, or None. Banned by
    email address, or from an address group (IPv4 address, IPv6 /64) a ban also named."""
    email = (email or "").strip().lower()
    group = address_group(ip_address) if ip_address else ""
    who = Q(email=email) if email else Q(pk__in=[])
    if group:
        who |= Q(banned_address=group)
    if Commenter.objects.filter(who, status=CommenterStatus.BANNED).exists():
        return BANNED
    return None


def needs_confirmation(comment, request):
    """Whether the commenter must confirm by email: an anonymous comment, unless this browser
    confirmed its address before (comments.confirmation.address_confirmed). Only this step
    is skipped: every rule here applies to the comment as to a signed-in reader's."""
    from .confirmation import address_confirmed  # it imports this module

    user = comment.user
    if not xtd_settings.COMMENTS_XTD_CONFIRM_EMAIL or (user and user.is_authenticated):
        return False
    return not address_confirmed(request, comment.user_email)


def held_because(comment):
    """Plain sentences (HELD_BECAUSE) saying why a comment waits for a moderator: a stored
    comment's recorded reasons, or those just worked out for one not stored yet."""
    if hasattr(comment, "moderation_reasons") and comment.pk:
        codes = [reason.code for reason in comment.moderation_reasons.all()]
    elif getattr(comment, "hold_reasons", None):
        codes = list(comment.hold_reasons)
    else:
        # Dropped before the hold rules ran (a block-list word): the reasons it would be held
        # for (a block-list word counts as a watched word there), so it reads exactly as held.
        story_moderator = moderator._registry.get(comment.content_type.model_class())
        codes = story_moderator.hold_reasons(comment, comment.content_object)
    return [HELD_BECAUSE[Reason(code)] for code in codes if code in Reason.values]


class StoryModerator(XtdCommentModerator):
    """Comment rules for stories (articles.Article)."""

    # --- refuse ---------------------------------------------------------
    def allow(self, comment, content_object, request):
        if closed_reason(content_object):
            return False
        # post_comment and the confirmation say so to the commenter before this is reached.
        if commenter_refusal(comment.user_email, comment.ip_address):
            return False
        # A comment from a signed-in reader is stored at once, so a blocked one
        # is dropped here; an anonymous one is dropped when it is confirmed
        # (see discard_on_confirmation), after the usual confirmation email.
        if self.is_blocked(comment) and not needs_confirmation(comment, request):
            return False
        return True

    def is_blocked(self, comment):
        """A word from the block list: the comment is dropped without a word to its author."""
        return mentions_any(
            watched_words(WatchedWord.Action.BLOCK),
            name=comment.user_name, email=comment.user_email, text=comment.comment,
        )

    # --- hold -----------------------------------------------------------
    def moderate(self, comment, content_object, request):
        reasons = self.hold_reasons(comment, content_object)
        comment.hold_reasons = [str(code) for code in reasons]
        return bool(reasons)

    def hold_reasons(self, comment, article):
        rules = [
            self.story_is_premoderated, self.commenter_is_premoderated, self.has_many_links, self.has_watched_word,
            self.is_first_comment,
        ]
        return [reason for rule in rules if (reason := rule(comment, article))]

    def story_is_premoderated(self, comment, article):
        if comment_mode(article) == CommentMode.PREMODERATED:
            return Reason.PREMODERATED

    def commenter_is_premoderated(self, comment, article):
        if commenter_status(comment.user_email) == CommenterStatus.PREMODERATED:
            return Reason.COMMENTER_PREMODERATED

    def has_many_links(self, comment, article):
        limit = settings.NEWSROOM_COMMENTS_HOLD_LINKS
        if limit and len(LINK.findall(comment.comment)) >= limit:
            return Reason.LINKS

    def has_watched_word(self, comment, article):
        # A blocked comment waiting for its confirmation looks like a held one
        # (the signed link is readable by its author, so it must not say "blocked").
        words = watched_words(WatchedWord.Action.HOLD) + watched_words(WatchedWord.Action.BLOCK)
        if mentions_any(words, name=comment.user_name, email=comment.user_email, text=comment.comment):
            return Reason.WATCHED_WORD

    def is_first_comment(self, comment, article):
        if not settings.NEWSROOM_COMMENTS_HOLD_FIRST_COMMENT:
            return None
        if commenter_status(comment.user_email) == CommenterStatus.TRUSTED:
            return None
        approved_before = ReaderComment.objects.visible().filter(user_email__iexact=comment.user_email).exists()
        if not approved_before:
            return Reason.FIRST_COMMENT

    # --- after posting --------------------------------------------------
    def email(self, comment, content_object, request):
        """Tell the moderation desk (MANAGERS) that a comment waits in the queue."""
        if comment.is_public or not settings.MANAGERS or self.is_blocked(comment):
            return
        site = get_current_site(request)
        context = {
            "comment": comment,
            "article": content_object,
            "reasons": [Reason(code).label for code in comment.hold_reasons or []],
            "site": site,
        }
        send_mail(
            f"[{site.name}] A comment waits for review on “{content_object}”",
            render_to_string("comments/held_notification_email.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [address for _name, address in settings.MANAGERS],
            fail_silently=True,
        )

    def hold_when_reported(self, comment):
        """A public comment with enough open reports (CommentReport, since its last approval)
        goes back to the queue. comments.services.comment_report calls it after each report."""
        from .services import comment_hold

        if not comment.is_public or comment.is_removed:
            return
        reports = ReaderComment.objects.with_open_reports().values_list("open_reports", flat=True).get(pk=comment.pk)
        if reports >= settings.NEWSROOM_COMMENTS_REPORTS_TO_HOLD:
            comment_hold(comment=comment, reason=Reason.REPORTED, note=f"{reports} reader reports")


def discard_on_confirmation(sender, comment, request, **kwargs):
    """confirmation_received: drop a confirmed anonymous comment that is blocked, or
    whose story closed meanwhile. Returning False makes xtd discard it."""
    if comment.xtd_comment:  # a signed-in reader's comment, already checked and stored
        return None
    story_moderator = moderator._registry.get(comment.content_type.model_class())
    if story_moderator is None:
        return None
    if closed_reason(comment.content_object) or story_moderator.is_blocked(comment):
        return False
    return None


def register():
    moderator.register(Article, StoryModerator)

"""Storing a posted comment, or asking its anonymous author to confirm it by email.

Replaces django-comments-xtd 2.10's `on_comment_was_posted` and `confirm` view, which
put the whole comment into the link as a pickle signed with SECRET_KEY (HMAC-SHA1,
`django_comments_xtd/signed.py`) and unpickled whatever came back: whoever knew the
key ran code on the server with one GET. Here:

- A signed-in reader's comment (or any, with COMMENTS_XTD_CONFIRM_EMAIL off) is stored
  at once, as before, with the rules post_comment already applied.
- An anonymous comment is kept aside in a PendingComment row; the email carries a random
  token (256 bits; only its SHA-256 is stored), so the link reveals nothing and cannot
  be forged, whatever is known about SECRET_KEY. Nothing of what the POST wrote goes
  into that email (comments.mail).
- Following the link within NEWSROOM_COMMENTS_CONFIRMATION_HOURS (48) applies the rules
  as they are *then*: a commenter banned since is refused with a message
  (moderation.commenter_refusal); a story closed since, or a word blocked since, drops the comment
  exactly as at posting (moderation.discard_on_confirmation); the hold reasons are
  worked out again (StoryModerator.moderate) and stored, and the moderation desk hears
  of a held comment (StoryModerator.email). The row remembers the outcome, so a link
  followed twice makes one comment and shows the same page again; it is locked while
  this runs (SELECT ... FOR UPDATE: on PostgreSQL two clicks at once wait for each other).
- Expired rows are deleted whenever a new anonymous comment is posted.

Confirm once: following a link that stores the comment also leaves a cookie in that
browser (remember_address), and a later comment from the same browser with the same
address is stored at once, the rules applied as for a signed-in reader (address_confirmed).
The cookie is `comment_confirmed`: django.core.signing JSON (its own salt, so no other
signed value of ours, a mute token say, passes for it) holding a keyed SHA-256 of the
address, never the address (a plain hash could be tested against guesses by whoever reads
the browser's cookies); one address a browser, the last confirmed. HttpOnly, SameSite=Lax,
Secure on HTTPS, kept CONFIRMED_ADDRESS_SECONDS (a year, also checked from the signature's
time) and sent only under /comments/, the paths that post comments: never with a request
for a story page, so it can neither make a page vary nor end up in the page cache.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.dateparse import parse_datetime
from django_comments_xtd.models import TmpXtdComment
from django_comments_xtd.moderation import moderator

from . import mail
from .models import PendingComment, ReaderComment
from .moderation import commenter_refusal, discard_on_confirmation, needs_confirmation
from .services import normalise_email

# The comment's own fields, as post_comment builds them; threading (thread_id, level,
# order) is worked out when it is saved, from parent_id.
POSTED_FIELDS = ("object_pk", "site_id", "user_name", "user_email", "user_url", "comment", "submit_date",
                 "ip_address", "parent_id", "followup")


CONFIRMED_ADDRESS_COOKIE = "comment_confirmed"
CONFIRMED_ADDRESS_SALT = "comments.confirmed-address"
CONFIRMED_ADDRESS_SECONDS = 365 * 24 * 60 * 60
# Every URL that posts a comment is under it (comments/urls.py); story pages are not.
CONFIRMED_ADDRESS_PATH = "/comments/"


def _address_digest(address):
    return salted_hmac(CONFIRMED_ADDRESS_SALT, normalise_email(address), algorithm="sha256").hexdigest()


def remember_address(response, address, *, request):
    """Let this browser comment with `address` without confirming again (see the docstring)."""
    value = signing.dumps({"address": _address_digest(address)}, salt=CONFIRMED_ADDRESS_SALT)
    response.set_cookie(
        CONFIRMED_ADDRESS_COOKIE, value, max_age=CONFIRMED_ADDRESS_SECONDS, path=CONFIRMED_ADDRESS_PATH,
        secure=request.is_secure(), httponly=True, samesite="Lax",
    )
    return response


def address_confirmed(request, address):
    """Whether this request carries our cookie for `address`, unaltered and under a year old."""
    value = request.COOKIES.get(CONFIRMED_ADDRESS_COOKIE) if request is not None else None
    if not value or not normalise_email(address):
        return False
    try:
        payload = signing.loads(value, salt=CONFIRMED_ADDRESS_SALT, max_age=CONFIRMED_ADDRESS_SECONDS)
    except signing.BadSignature:  # forged, altered, another salt's, or expired (SignatureExpired)
        return False
    digest = payload.get("address") if isinstance(payload, dict) else None
    return isinstance(digest, str) and constant_time_compare(digest, _address_digest(address))


def link_lifetime():
    return timedelta(hours=settings.NEWSROOM_COMMENTS_CONFIRMATION_HOURS)


def _digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _story_moderator(comment):
    return moderator._registry.get(comment.content_type.model_class())


def store(comment, request):
    """Save a comment whose rules have been applied (`is_public`, `hold_reasons` set), tell
    the moderation desk when it is held and the story's followers when it is public."""
    fields = {name: comment[name] for name in POSTED_FIELDS if name in comment}
    stored = ReaderComment(
        **fields, content_object=comment.content_object, user=comment.user, is_public=bool(comment.is_public),
        is_removed=False, hold_reasons=comment.hold_reasons,
    )
    stored.save()
    story_moderator = _story_moderator(comment)
    if story_moderator is not None:
        story_moderator.email(stored, comment.content_object, request)
    if stored.is_public:
        mail.notify_followers(stored)
    return stored


def on_comment_was_posted(sender, comment, request, **kwargs):
    """comment_was_posted (for xtd's TmpXtdComment), sent by post_comment once its rules passed."""
    if not needs_confirmation(comment, request):
        # As xtd 2.10 did: the same author, address and moment means this post was stored already.
        existing = ReaderComment.objects.filter(
            user_name=comment.user_name, user_email=comment.user_email, followup=comment.followup,
            submit_date=comment.submit_date,
        ).first()
        comment.xtd_comment = existing or store(comment, request)
        return
    ask_for_confirmation(comment, counted=bool(comment.confirmation_mail_counted))


def ask_for_confirmation(comment, *, counted=False):
    """Keep the comment aside and email its author the link (see comments.mail for the caps)."""
    now = timezone.now()
    PendingComment.objects.filter(created_at__lt=now - link_lifetime()).delete()
    token = secrets.token_urlsafe(32)
    fields = {name: comment[name] for name in POSTED_FIELDS if name in comment}
    fields["content_type"] = ".".join(comment.content_type.natural_key())
    pending = PendingComment.objects.create(token_digest=_digest(token), fields=fields, created_at=now)
    sent = mail.send_confirmation_request(
        address=comment.user_email, article=comment.content_object, hours=settings.NEWSROOM_COMMENTS_CONFIRMATION_HOURS,
        confirmation_url=reverse("comments-xtd-confirm", args=[token]), counted=counted,
    )
    if not sent:  # a cap was reached between post_comment's check and now: no link, no row
        pending.delete()
    return sent


def _posted_comment(fields):
    """The comment as posted (xtd's TmpXtdComment, a dict, as its receivers expect), or
    None when its story no longer exists."""
    try:
        content_type = ContentType.objects.get_by_natural_key(*fields["content_type"].split("."))
        target = content_type.get_object_for_this_type(pk=fields["object_pk"])
    except (ObjectDoesNotExist, KeyError, ValueError, TypeError):
        return None
    comment = TmpXtdComment({name: fields.get(name) for name in POSTED_FIELDS})
    comment.update(content_type=content_type, content_object=target, user=None,
                   submit_date=parse_datetime(fields["submit_date"]))
    return comment


@dataclass
class Confirmation:
    """What following a confirmation link did: `outcome` is "stored" (`comment`), "discarded"
    (`posted`, the comment as it was posted), "refused" (`posted`, and the `message` for a
    banned commenter), "expired" (`article`) or "unknown"."""

    outcome: str
    comment: ReaderComment | None = None
    posted: TmpXtdComment | None = None
    article: object = None
    message: str = ""


@transaction.atomic
def confirm(token, request):
    """Follow a confirmation link (see the module docstring)."""
    pending = PendingComment.objects.select_for_update().filter(token_digest=_digest(token)).first()
    posted = _posted_comment(pending.fields) if pending else None
    if posted is None:
        return Confirmation("unknown")
    refused = commenter_refusal(posted.user_email, posted.ip_address)
    if pending.confirmed_at:
        if pending.comment_id:
            return Confirmation("stored", comment=ReaderComment.objects.get(pk=pending.comment_id))
        if refused:
            return Confirmation("refused", posted=posted, message=refused)
        return Confirmation("discarded", posted=posted)
    now = timezone.now()
    if now >= pending.created_at + link_lifetime():
        return Confirmation("expired", article=posted.content_object)

    pending.confirmed_at = now
    if refused:
        pending.save(update_fields=["confirmed_at"])
        return Confirmation("refused", posted=posted, message=refused)
    if discard_on_confirmation(sender=TmpXtdComment, comment=posted, request=request) is False:
        pending.save(update_fields=["confirmed_at"])
        return Confirmation("discarded", posted=posted)
    story_moderator = _story_moderator(posted)
    held = story_moderator is not None and story_moderator.moderate(posted, posted.content_object, request)
    posted.is_public = not held
    pending.comment = store(posted, request)
    pending.save(update_fields=["confirmed_at", "comment"])
    return Confirmation("stored", comment=pending.comment)

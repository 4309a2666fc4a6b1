"""The emails comments send to readers, and the caps that keep the site from being a relay.

- The confirmation request goes to whatever address an anonymous POST names, so it
  carries nothing that POST wrote: no name, no text, only the story's headline and the
  link (plus "if you did not write a comment, ignore this"); its subject names the story's
  headline and the site. It is capped per address
  (capitals ignored) and for the whole site, per hour (NEWSROOM_RATE_LIMITS
  "confirmation_mails_to_address" and "confirmation_mails"): post_comment asks
  confirmation_refusal() before it counts a post, so a refused post loses nothing.
- Follow-up emails ("a new comment on a story you follow") go only to readers who
  asked for them with a confirmed or signed-in comment, and quote a comment that is
  public on the site. They are capped per address ("followup_mails_to_address"); a
  follower over the cap misses that email, nobody else does. No site-wide cap: one
  busy story's followers must not use up the confirmation emails of every other reader.
- Each follow-up carries a mute link: a django.core.signing token (JSON, its own salt)
  naming one address and one story. Mute links do not expire: following one only
  ever stops emails to that address about that story, and an "unsubscribe" that
  stops working would keep mailing someone who asked us to stop.

The counters are django-ratelimit's (newsroom.ratelimits) in the default cache, Redis
in production, so the caps hold across workers and machines.
"""

import hashlib

from django.conf import settings
from django.contrib.sites.models import Site
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django_comments_xtd.utils import send_mail

from newsroom.ratelimits import exceeded_limit_for

from .models import ReaderComment

MUTE_SALT = "comments.mute"

TOO_MANY_TO_ADDRESS = (
    "We have already sent several confirmation emails to this address in the last hour. "
    "Please follow the link in one of them, or send your comment again later."
)
TOO_MANY_ON_THE_SITE = "We cannot send any more confirmation emails just now. Please send your comment again later."


def _address_key(address):
    return hashlib.sha256(address.strip().lower().encode()).hexdigest()


def confirmation_refusal(address, *, count=False):
    """Why no confirmation email may go to `address` now, as (message, seconds to wait),
    or None. count=True counts one email against both caps (send_confirmation_request does)."""
    caps = [("confirmation_mails_to_address", _address_key(address), TOO_MANY_TO_ADDRESS),
            ("confirmation_mails", "site", TOO_MANY_ON_THE_SITE)]
    for group, value, message in caps:
        exceeded = exceeded_limit_for(group, value, count=count)
        if exceeded:
            return message, exceeded[1]
    return None


def _send(template, context, subject, address):
    """One email to one reader, as text with an HTML alternative (sent in a thread when
    COMMENTS_XTD_THREADED_EMAILS, as every comment email)."""
    send_mail(
        subject,
        render_to_string(f"{template}.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [address],
        html=render_to_string(f"{template}.html", context),
    )


def send_confirmation_request(*, address, article, confirmation_url, hours, counted=False):
    """The link to confirm an anonymous comment. Returns False, sending nothing, when a
    cap is reached (counted=True: post_comment already counted this email)."""
    if not counted and confirmation_refusal(address, count=True):
        return False
    context = {
        "article": article, "confirmation_url": confirmation_url, "hours": hours, "site": Site.objects.get_current(),
    }
    subject = f"Confirm your comment on “{article}” — {settings.SITE_NAME}"
    _send("django_comments_xtd/email_confirmation_request", context, subject, address)
    return True


def mute_key(address, article):
    """The signed token of a mute link: one address (capitals ignored) on one story."""
    return signing.dumps({"email": address.strip().lower(), "story": article.pk}, salt=MUTE_SALT)


def read_mute_key(key):
    """(email, story pk) from a mute token; BadSignature when it was not made by mute_key."""
    payload = signing.loads(key, salt=MUTE_SALT)
    well_formed = isinstance(payload, dict) and isinstance(payload.get("email"), str)
    if not well_formed or not isinstance(payload.get("story"), int):
        raise signing.BadSignature("Not a mute token.")
    return payload["email"], payload["story"]


def followers(comment):
    """{address: name} of the readers to tell about `comment`: the authors of visible
    comments on the same story that asked for follow-ups, except its own author
    (addresses compared without capitals). Replaces django-comments-xtd 2.10's
    notify_comment_followers, whose mute links are pickles (django_comments_xtd.signed)."""
    rows = (
        ReaderComment.objects.visible()
        .filter(content_type_id=comment.content_type_id, object_pk=comment.object_pk, followup=True)
        .exclude(user_email__iexact=comment.user_email)
        .order_by("-submit_date")
        .values_list("user_email", "user_name")
    )
    found = {}
    for address, name in rows:
        found.setdefault(address.lower(), (address, name))
    return dict(found.values())


def notify_followers(comment):
    """Email each follower of the story about a comment that just became public."""
    article = comment.content_object
    site = Site.objects.get_current()
    for address, name in followers(comment).items():
        if exceeded_limit_for("followup_mails_to_address", _address_key(address)):
            continue
        context = {
            "user_name": name,
            "comment": comment,
            "content_object": article,
            "mute_url": reverse("comments-xtd-mute", args=[mute_key(address, article)]),
            "site": site,
        }
        _send("django_comments_xtd/email_followup_comment", context, f"New comment on “{article}”", address)

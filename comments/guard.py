"""Limits on posting that live in the shared cache (Redis in production).

Every post the server accepts counts, whether or not it is confirmed later, so
the limits cannot be read from the comments table. IP addresses count by
newsroom.clientip.address_group (an IPv6 client's /64 is one poster).
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache

from newsroom.clientip import address_group

from .models import ReaderComment

# How long the text of a post is remembered for the duplicate check.
TEXT_MEMORY_SECONDS = 60 * 60 * 24 * 30


def _digest(value):
    return hashlib.sha256(value.encode()).hexdigest()


def _poster_keys(email, ip):
    keys = [f"comments:recent:email:{_digest(email.strip().lower())}"]
    if ip:
        keys.append(f"comments:recent:ip:{_digest(address_group(ip))}")
    return keys


def _normalised(text):
    return re.sub(r"\s+", " ", text).strip().casefold()


def _text_key(comment):
    story = f"{comment.content_type.app_label}.{comment.content_type.model}:{comment.object_pk}"
    return f"comments:text:{story}:{_digest(_normalised(comment.comment))}"


def posted_recently(email, ip):
    """Whether this email or IP address had a post accepted in the last few seconds."""
    if settings.NEWSROOM_COMMENTS_MIN_INTERVAL <= 0:
        return False
    return bool(cache.get_many(_poster_keys(email, ip)))


def is_duplicate(comment):
    """Whether the same text was already posted on the same story (stored or awaiting confirmation)."""
    if cache.get(_text_key(comment)):
        return True
    return (
        ReaderComment.objects.filter(
            content_type=comment.content_type, object_pk=comment.object_pk, comment__iexact=comment.comment.strip()
        )
        .exists()
    )


def record_post(comment, ip):
    """Count an accepted post. Returns False when another post from the same email or IP
    was accepted meanwhile (cache.add is atomic in Redis), counting nothing."""
    interval = settings.NEWSROOM_COMMENTS_MIN_INTERVAL
    added = []
    # An interval of 0 turns the rule off (the reliability tests' load comes from one address).
    for key in _poster_keys(comment.user_email, ip) if interval > 0 else ():
        if not cache.add(key, 1, timeout=interval):
            cache.delete_many(added)
            return False
        added.append(key)
    cache.set(_text_key(comment), 1, timeout=TEXT_MEMORY_SECONDS)
    return True

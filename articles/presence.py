"""Who else has a story open in the admin ("Ana Writer is editing this story").

An open story form sends a heartbeat about every 30 s (static/admin/js/story-desk.js).
Presence lives in the default cache only (Redis in production, shared by every
gunicorn process; nothing is written to the database), in two kinds of keys:

- `presence:<story>:<user>`: that user's {"since", "seen", "name"}, written only by
  that user's own heartbeats, so no two processes ever write it for different people;
- `presence:<story>`: the roster, the ids of users seen lately on the story, used to
  know which of the first kind to read (one `get_many`).

The roster is read, amended and written back without a lock. Two first heartbeats
at the same moment may each write a roster without the other; the one left out
puts itself back at its next heartbeat, because every heartbeat checks that its own
id is there. The cost of the race is that someone appears up to one heartbeat
late; nobody stays shown after they left, because liveness is read from their own
key's `seen` time, not from the roster.

A person counts as present for PRESENCE_SECONDS after their last heartbeat; the
page polls every HEARTBEAT_SECONDS, so who leaves disappears from the others'
pages within PRESENCE_SECONDS + HEARTBEAT_SECONDS (two minutes). A tab the browser
throttles in the background (a timer a minute) still counts as present.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from .services import user_name

HEARTBEAT_SECONDS = 30
PRESENCE_SECONDS = 90


@dataclass(frozen=True)
class Editing:
    """Someone with the story open for editing, since when."""

    user_id: int
    name: str
    since: datetime


def _roster_key(article):
    return f"presence:{article.pk}"


def _user_key(article, user_id):
    return f"presence:{article.pk}:{user_id}"


def _present(entries, now):
    """The users whose last heartbeat is recent enough, earliest first."""
    editing = [
        Editing(user_id=user_id, name=entry["name"], since=datetime.fromisoformat(entry["since"]))
        for user_id, entry in entries.items()
        if entry and now.timestamp() - entry["seen"] < PRESENCE_SECONDS
    ]
    return sorted(editing, key=lambda person: (person.since, person.name))


def _read(article, user_ids):
    keys = {_user_key(article, user_id): user_id for user_id in user_ids}
    return {keys[key]: entry for key, entry in cache.get_many(list(keys)).items()}


def presence_heartbeat(*, article, user, now=None):
    """Record that `user` has `article` open (when they may edit it) and return the
    others who have it open for editing. PermissionDenied when they may not see it."""
    if not article.can_be_seen_by(user):
        raise PermissionDenied("You may not see this story.")
    now = now or timezone.now()
    roster = set(cache.get(_roster_key(article)) or ())
    entries = _read(article, roster | {user.pk})
    present = {person.user_id for person in _present(entries, now)}
    if article.can_be_edited_by(user):
        mine = entries.get(user.pk)
        since = mine["since"] if mine and user.pk in present else now.isoformat()
        entry = {"since": since, "seen": now.timestamp(), "name": user_name(user)}
        # The cache's own expiry only collects leftovers; `seen` decides who is present.
        cache.set(_user_key(article, user.pk), entry, PRESENCE_SECONDS * 2)
        entries[user.pk] = entry
        present.add(user.pk)
    if present != roster:
        cache.set(_roster_key(article), sorted(present), PRESENCE_SECONDS * 2)
    return [person for person in _present(entries, now) if person.user_id != user.pk]


def presence_others(*, article, user, now=None):
    """Who else has `article` open for editing, without recording `user`."""
    if not article.can_be_seen_by(user):
        raise PermissionDenied("You may not see this story.")
    now = now or timezone.now()
    roster = set(cache.get(_roster_key(article)) or ())
    return [person for person in _present(_read(article, roster), now) if person.user_id != user.pk]


def presence_leave(*, article, user):
    """`user` closed the story: they stop counting at once (their other tabs put them
    back at their next heartbeat)."""
    cache.delete(_user_key(article, user.pk))

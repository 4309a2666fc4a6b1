"""A story's one history: its saves (django-reversion revisions), workflow steps with their
notes, corrections and reverts (ArticleEvent) as one timeline, and the pair of revisions
worth comparing first.

A workflow step, a correction or a revert is saved as a revision too (articles.services):
that revision is shown on the step's entry (its difference), not as a save of its own. A
step's event is written inside its revision's block, so the revision is the first one by
the same person saved at or after the event, within PAIRING_WINDOW.
"""

from dataclasses import dataclass
from datetime import timedelta

from reversion.models import Version

from .models import Article, ArticleEvent

PAIRING_WINDOW = timedelta(seconds=60)


@dataclass
class Entry:
    """One line of the timeline: `version` is the revision it saved (None for a step
    recorded without one, e.g. loaded by the demo), `previous` the revision before it."""

    at: object
    who: object  # a user or None
    what: str
    note: str = ""
    kind: str = "save"  # save, step, correction, revert
    version: Version | None = None
    previous: Version | None = None


KIND = {ArticleEvent.Action.CORRECTED: "correction", ArticleEvent.Action.REVERTED: "revert"}


def story_versions(article):
    """The story's revisions, oldest first, with their revision and its author (one query)."""
    return list(Version.objects.get_for_object(article).select_related("revision__user").order_by("pk"))


def story_timeline(article, *, with_saves=True, versions=None):
    """Every save, step, correction and revert of `article`, newest first. Without
    `with_saves` (who may not see revisions) only the workflow events."""
    events = list(article.events.select_related("actor").order_by("created_at", "pk"))
    if not with_saves:
        return [_event_entry(event) for event in reversed(events)]
    versions = story_versions(article) if versions is None else versions
    previous = {version.pk: versions[i - 1] if i else None for i, version in enumerate(versions)}
    unpaired = list(versions)
    entries = []
    for event in events:
        version = next(
            (
                v for v in unpaired
                if v.revision.user_id == event.actor_id
                and event.created_at <= v.revision.date_created <= event.created_at + PAIRING_WINDOW
            ),
            None,
        )
        entry = _event_entry(event)
        if version is not None:
            unpaired.remove(version)
            entry.version, entry.previous = version, previous[version.pk]
        entries.append(entry)
    for version in unpaired:
        entries.append(Entry(
            at=version.revision.date_created, who=version.revision.user, what="Saved",
            note=version.revision.comment, version=version, previous=previous[version.pk],
        ))
    return sorted(entries, key=lambda entry: (entry.at, entry.version.pk if entry.version else 0), reverse=True)


def _event_entry(event):
    return Entry(
        at=event.created_at, who=event.actor, what=event.get_action_display(), note=event.note,
        kind=KIND.get(event.action, "step"),
    )


def useful_pair(article, user, versions=None):
    """The two revisions to compare first, (older, newer), or None with fewer than two.

    Newer is the latest revision: the version under review. Older is the last one the
    editor saw: the latest earlier revision `user` saved (a save or a step they took:
    e.g. their request for changes); failing that, the latest saved by anyone who is not
    one of the story's writers (its creator and bylined users), i.e. the last an editor
    touched; failing that, the last published one; failing that, the one before."""
    versions = story_versions(article) if versions is None else versions
    if len(versions) < 2:
        return None
    newer, earlier = versions[-1], versions[-2::-1]  # earlier: newest first
    writers = {article.created_by_id} | {byline.author.user_id for byline in article.bylines.all()}
    rules = (
        lambda v: v.revision.user_id == user.pk,
        lambda v: v.revision.user_id is not None and v.revision.user_id not in writers,
        lambda v: v.field_dict.get("status") == Article.Status.PUBLISHED,
    )
    for rule in rules:
        older = next((version for version in earlier if rule(version)), None)
        if older is not None:
            return older, newer
    return earlier[0], newer

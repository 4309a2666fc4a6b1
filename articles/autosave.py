"""Autosave of the story form: a copy of the form as one user left it, kept on the server.

While a writer types, the story form posts itself here (static/admin/js/story-desk.js) at
most about ten seconds after they pause. A copy is a `StoryAutosave` row per user
and story (per user for the add form, whose story does not exist yet). It is not
the story: storing one changes no Article row, makes no revision, records no
workflow event and bumps no page-cache key (articles/signals.py listens to other
models only). When the same user opens the story again, in any browser, the form
offers to restore the copy (ArticleAdmin renders the form from it); a real save
of the story deletes the user's copy.

Edge cases:
- The copy keeps the version token the form started from. Restored and saved
  after someone else saved the story, the save meets the form's version check
  (ArticleAdminForm._check_version) and shows the conflict: an autosave never
  overwrites another person's save.
- Two tabs of the add form share one copy: the later autosave wins.
- Only the user who typed a copy ever reads it or deletes it.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils import timezone

from .models import StoryAutosave

# Posted fields that are not the story: the CSRF token and the submit buttons.
NOT_STORED = frozenset({"csrfmiddlewaretoken", "_save", "_continue", "_addanother", "_saveasnew", "_workflow"})


def may_autosave(user, article):
    """Whether `user` may keep a copy of the form of `article` (None: the add form):
    the same rule as saving it."""
    if article is None:
        return user.has_perm("articles.add_article")
    return article.can_be_edited_by(user)


def form_fields(post):
    """The story form's fields from a POST, as stored: {name: [value, ...]}."""
    return {name: values for name, values in post.lists() if name not in NOT_STORED}


def as_querydict(autosave):
    """The stored fields as the form reads a POST."""
    data = QueryDict(mutable=True)
    for name, values in autosave.data.items():
        data.setlist(name, [str(value) for value in values])
    return data


def autosave_store(*, user, article, data, version=None, at=None):
    """Keep `data` (form_fields of a POST) as `user`'s copy of the form of `article`
    (None: the add form), started from the story's `version`. Two or three queries
    whatever the story; raises PermissionDenied when the user may not edit it."""
    if not may_autosave(user, article):
        raise PermissionDenied("You may not edit this story.")
    values = {"data": data, "version": version if article is not None else None, "saved_at": at or timezone.now()}
    mine = StoryAutosave.objects.filter(user=user, article=article)
    if mine.update(**values):
        return StoryAutosave(user=user, article=article, **values)
    try:
        with transaction.atomic():
            return StoryAutosave.objects.create(user=user, article=article, **values)
    except IntegrityError:  # another request of the same user created it meanwhile
        mine.update(**values)
        return StoryAutosave(user=user, article=article, **values)


def autosave_for(*, user, article):
    """`user`'s copy of the form of `article` (None: the add form), or None."""
    return StoryAutosave.objects.filter(user=user, article=article).first()


def autosave_discard(*, user, article):
    """Delete `user`'s copy of the form of `article` (None: the add form). Nobody
    else's copy is reachable from here. Returns whether there was one."""
    deleted, _ = StoryAutosave.objects.filter(user=user, article=article).delete()
    return bool(deleted)

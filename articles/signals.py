"""Cache invalidation: each change bumps the page-cache keys of the pages that show it."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.dispatch import receiver
from django_comments.models import Comment

from images.signals import image_saved
from newsroom.pagecache import bump

from . import cachekeys
from .cachekeys import ANY_ARTICLE, SITE
from .context_processors import forget_navigation_sections
from .models import Article, Author, Byline, RelatedPin, Section, Tag, TaggedArticle
from .related import forget_rarity


def article_keys(article):
    """Every key a change to `article` touches: its page, its section, tag and
    author lists, story pages whose related reading may show it, and the
    site-wide lists (home, feeds, sitemaps, search)."""
    return {cachekeys.story(article.pk)} | listed_on(article)


def listed_on(article):
    """The keys of the lists that show `article`: its section's, tags' and authors', and the
    site-wide ones."""
    keys = {cachekeys.section(article.section_id), ANY_ARTICLE}
    original_section = getattr(article, "_original_section_id", None)
    if original_section:
        keys.add(cachekeys.section(original_section))
    tag_ids = TaggedArticle.objects.filter(content_object_id=article.pk).values_list("tag_id", flat=True)
    keys.update(cachekeys.tag(pk) for pk in tag_ids)
    author_ids = Byline.objects.filter(article_id=article.pk).values_list("author_id", flat=True)
    keys.update(cachekeys.author(pk) for pk in author_ids)
    return keys


@receiver(post_init, sender=Article)
def remember_section(sender, instance, **kwargs):
    instance._original_section_id = instance.section_id


@receiver(post_save, sender=Article)
@receiver(post_delete, sender=Article)
def article_changed(sender, instance, created=False, **kwargs):
    bump(*article_keys(instance))
    if created or kwargs["signal"] is post_delete:
        forget_rarity(total=True)  # "Read more" weighs tags against the number of stories
    instance._original_section_id = instance.section_id


@receiver(post_save, sender=TaggedArticle)
@receiver(post_delete, sender=TaggedArticle)
def article_tags_changed(sender, instance, **kwargs):
    bump(cachekeys.tag(instance.tag_id), cachekeys.story(instance.content_object_id), ANY_ARTICLE)
    forget_rarity(instance.tag_id)


@receiver(post_save, sender=Byline)
@receiver(post_delete, sender=Byline)
def byline_changed(sender, instance, **kwargs):
    bump(cachekeys.author(instance.author_id), cachekeys.story(instance.article_id), ANY_ARTICLE)


@receiver(post_save, sender=RelatedPin)
@receiver(post_delete, sender=RelatedPin)
def related_pin_changed(sender, instance, **kwargs):
    bump(cachekeys.story(instance.article_id))


@receiver(m2m_changed, sender=Article.excluded_related.through)
def related_exclusions_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        bump(cachekeys.story(instance.pk))


@receiver(image_saved)
def library_image_changed(sender, image, created, **kwargs):
    """An image's alt text, caption, credit or focal point shows on every story that uses it
    (hero or inside the text) and on those stories' cards."""
    if created:
        return
    keys = set()
    for story in Article.objects.filter(image_uses__image=image).distinct().only("pk", "section_id"):
        keys |= article_keys(story)
    if keys:
        bump(*keys)


@receiver(post_save, sender=Section)
@receiver(post_delete, sender=Section)
def section_changed(sender, **kwargs):
    forget_navigation_sections()


@receiver(post_save, sender=Section)
@receiver(post_delete, sender=Section)
@receiver(post_save, sender=Author)
@receiver(post_delete, sender=Author)
@receiver(post_save, sender=Tag)
@receiver(post_delete, sender=Tag)
def shared_name_changed(sender, **kwargs):
    """Section, author and tag names appear in navigation and on many pages."""
    bump(SITE)


# What readers see of a comment (the thread is written by comments/templatetags/
# newsroom_comments.py): whether it shows, its story, its place in the thread, the
# name, the time and the text. Other fields (the email, follow-up mails, reply counts)
# change no page.
COMMENT_AS_READ = (
    "is_public", "is_removed", "content_type_id", "object_pk", "user_id", "user_name", "submit_date", "comment",
    "thread_id", "parent_id", "level", "order",
)
NOT_LOADED = object()


def _comment_as_read(comment):
    # From __dict__: reading a deferred field would query it (it counts as changed).
    return tuple(comment.__dict__.get(name, NOT_LOADED) for name in COMMENT_AS_READ)


def _shown_to_readers(as_read):
    """Mirrors comments.models.ReaderCommentQuerySet.visible(): public and not removed."""
    is_public, is_removed = as_read[:2]
    return is_public is not False and is_removed is not True


def _story_of(as_read, comment):
    """The pk of the story of a comment in state `as_read`, or None (a comment on another model)."""
    content_type_id, object_pk = as_read[2:4]
    if NOT_LOADED in (content_type_id, object_pk):  # deferred when it was loaded: read it now
        content_type_id, object_pk = comment.content_type_id, comment.object_pk
    if ContentType.objects.get_for_id(content_type_id).model_class() is not Article:
        return None
    return object_pk


def remember_comment(sender, instance, **kwargs):
    instance._as_read = _comment_as_read(instance)


def comment_changed(sender, instance, created=False, **kwargs):
    """A comment readers see that changes changes its story's thread; one that appears or
    disappears also changes the story's comment count, wherever the story is shown. A held
    or removed comment, or a change readers do not see (a follow-up setting), changes
    nothing: comments waiting in the moderation queue never invalidate a page. Neither the
    story's own keys nor its tags' are bumped: "Read more", the story and the lists that do
    not show it stay cached."""
    before = None if created else getattr(instance, "_as_read", None)
    after = None if kwargs["signal"] is post_delete else _comment_as_read(instance)
    instance._as_read = after
    if before == after:
        return
    shown = [state for state in (before, after) if state is not None and _shown_to_readers(state)]
    still_shown_here = len(shown) == 2 and before[2:4] == after[2:4]
    keys = set()
    for state in shown:
        story = _story_of(state, instance)
        if story is not None:  # appeared or disappeared (or moved): the count changed too
            keys |= comment_shown_keys(story, count_changed=not still_shown_here)
    bump(*keys)


def comment_shown_keys(story_pk, count_changed):
    """The keys a change to a comment readers see on story `story_pk` bumps: its thread, and
    the comment counts of the lists that show the story when the comment appeared or
    disappeared (an approval, a removal)."""
    keys = {cachekeys.thread(story_pk)}
    story = Article.objects.filter(pk=story_pk).only("pk", "section_id").first() if count_changed else None
    if story is not None:
        keys.update(cachekeys.comment_counts(key) for key in listed_on(story))
    return keys


# Every comment model (django-contrib-comments', xtd's and our proxy): signals are sent
# with the instance's own class, and naming the senders keeps other models' saves free of
# this receiver.
for comment_model in (model for model in apps.get_models() if issubclass(model, Comment)):
    label = comment_model._meta.label
    post_init.connect(remember_comment, sender=comment_model, dispatch_uid=f"pagecache.remember_comment.{label}")
    for signal in (post_save, post_delete):
        signal.connect(comment_changed, sender=comment_model, dispatch_uid=f"pagecache.comment_changed.{label}")

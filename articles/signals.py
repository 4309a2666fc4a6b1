"""Cache invalidation: each change bumps the page-cache keys of the pages that show it."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.dispatch import receiver
from django_comments.models import Comment

from newsroom.pagecache import ANY_ARTICLE, SITE, bump

from .context_processors import forget_navigation_sections
from .models import Article, Author, Byline, RelatedPin, Section, Tag, TaggedArticle
from .related import forget_rarity


def article_keys(article):
    """Every key a change to `article` touches: its page, its section, tag and
    author lists, story pages whose related reading may show it, and the
    site-wide lists (home, feeds, sitemaps, search)."""
    keys = {f"article:{article.pk}", f"section:{article.section_id}", ANY_ARTICLE}
    original_section = getattr(article, "_original_section_id", None)
    if original_section:
        keys.add(f"section:{original_section}")
    keys.update(f"tag:{pk}" for pk in TaggedArticle.objects.filter(content_object_id=article.pk).values_list("tag_id", flat=True))
    keys.update(f"author:{pk}" for pk in Byline.objects.filter(article_id=article.pk).values_list("author_id", flat=True))
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
    bump(f"tag:{instance.tag_id}", f"article:{instance.content_object_id}", ANY_ARTICLE)
    forget_rarity(instance.tag_id)


@receiver(post_save, sender=Byline)
@receiver(post_delete, sender=Byline)
def byline_changed(sender, instance, **kwargs):
    bump(f"author:{instance.author_id}", f"article:{instance.article_id}", ANY_ARTICLE)


@receiver(post_save, sender=RelatedPin)
@receiver(post_delete, sender=RelatedPin)
def related_pin_changed(sender, instance, **kwargs):
    bump(f"article:{instance.article_id}")


@receiver(m2m_changed, sender=Article.excluded_related.through)
def related_exclusions_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        bump(f"article:{instance.pk}")


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


@receiver(post_save)
@receiver(post_delete)
def comment_changed(sender, instance, **kwargs):
    """A comment posted, approved, removed or restored changes its story's page
    and the comment counts on lists."""
    if not isinstance(instance, Comment):
        return
    if ContentType.objects.get_for_id(instance.content_type_id).model_class() is not Article:
        return
    article = Article.objects.filter(pk=instance.object_pk).only("pk", "section_id").first()
    if article:
        bump(*article_keys(article))

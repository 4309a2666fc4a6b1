import re

from django import template
from django.conf import settings
from django.utils.html import escape, linebreaks, urlize
from django.utils.safestring import mark_safe
from django_comments_xtd import get_form

from ..moderation import HELD_BECAUSE, Reason, closed_reason, comment_mode
from ..thread import story_thread

register = template.Library()


@register.simple_tag
def comment_thread(article):
    """Everything the thread under a story needs: the tree, its size, the form or why there is none."""
    comments, count = story_thread(article)
    closed = closed_reason(article)
    return {
        "comments": comments,
        "count": count,
        "closed": closed,
        "premoderated": comment_mode(article) == "premoderated",
        "form": None if closed else get_form()(article),
    }


@register.filter
def comment_text(text):
    """A comment as readers see it: escaped, paragraphs and line breaks kept, web
    addresses made into links that search engines don't follow."""
    if MAY_LINK.search(text):
        html = urlize(text, nofollow=True, autoescape=True)
        # urlize escaped the reader's text, so this only rewrites the links it made.
        html = html.replace(' rel="nofollow"', ' rel="nofollow ugc noopener"')
    else:  # nothing urlize could link: what it returns is the text escaped, at a tenth of the cost
        html = escape(text)
    return mark_safe(linebreaks(html, autoescape=False))


# Every address urlize() links has a ".", "@" or ":" followed by more of the same word
# ("example.org", "a@b.org", "https://"); one at the end of a word is trimmed as punctuation.
MAY_LINK = re.compile(r"[.@:]\S")


@register.filter
def held_because(comment):
    """Plain sentences saying why a comment waits for a moderator."""
    if hasattr(comment, "moderation_reasons") and comment.pk:
        codes = [reason.code for reason in comment.moderation_reasons.all()]
    else:
        codes = list(getattr(comment, "hold_reasons", None) or [])
    return [HELD_BECAUSE[Reason(code)] for code in codes if code in Reason.values]


@register.simple_tag
def absolute_url(site, path):
    """An absolute link for emails: the configured scheme and the site's real domain."""
    return f"{settings.NEWSROOM_URL_SCHEME}://{site.domain}{path}"


@register.filter
def story_closed_reason(article):
    return closed_reason(article) if article is not None else None

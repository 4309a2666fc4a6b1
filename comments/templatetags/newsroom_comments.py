import re
from types import SimpleNamespace

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape, linebreaks, urlize
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django_comments_xtd import get_form
from django_comments_xtd.models import max_thread_level_for_content_type

from articles.models import Article
from articles.site import absolute_url

from ..moderation import closed_reason, comment_mode
from ..moderation import held_because as held_sentences
from ..thread import story_thread

register = template.Library()


def _is_moderator(context):
    user = context.get("user")
    return bool(user and user.is_authenticated and user.has_perm("django_comments.can_moderate"))


@register.simple_tag(takes_context=True)
def comment_thread(context, article):
    """Everything the thread under a story needs: the tree (with open reports for moderators),
    its size, the form or why there is none."""
    comments, count = story_thread(article, with_reports=_is_moderator(context))
    closed = closed_reason(article)
    return {
        "comments": comments,
        "count": count,
        "closed": closed,
        "premoderated": comment_mode(article) == "premoderated",
        "form": None if closed else get_form()(article),
    }


@register.simple_tag(takes_context=True)
def comment_tree(context, nodes, heading_level=3):
    """The thread's markup (story_thread's tree), written in Python: as a recursive template it
    cost ~0.3 ms a comment, 13 ms of a 45 ms story page build with 40 comments. Names and
    text are escaped once each (escape, comment_text). Reply and Report links for everyone
    (plain links, the same for every reader: the page is cached for anonymous readers),
    open reports and Remove for moderators."""
    return _comment_list(nodes, heading_level, _ThreadRender(_is_moderator(context)))


class _ThreadRender:
    """What every comment of one thread shares, worked out once a render: the deepest level
    that may be replied to, the time zone, the links' addresses (reversed once, under this
    request's script prefix)."""

    def __init__(self, moderator):
        self.moderator = moderator
        # Every comment in the thread is on a story (story_thread): xtd's allow_thread()
        # compares the comment's level with this limit.
        self.max_level = max_thread_level_for_content_type(_STORY_CONTENT_TYPE)
        self.timezone = timezone.get_current_timezone()  # timezone.localtime's
        self.reply_url = _pk_url("comments-xtd-reply", "cid")  # XtdComment.get_reply_url()
        self.flag_url = _pk_url("comments-flag")
        self.delete_url = _pk_url("comments-delete") if moderator else None
        self.days = {}

    def submitted(self, submit_date):
        """A comment's <time>: its datetime attribute and its text, which is
        date_format(timezone.localtime(submit_date), "j F Y, H:i") escaped. date_format formats
        the date part ("j F Y": day, month and year only) once a day of the thread: it cost
        ~30 µs a comment, most of the thread's markup."""
        local = submit_date.astimezone(self.timezone)  # timezone.localtime
        day = self.days.get(local.date())
        if day is None:
            day = self.days[local.date()] = escape(date_format(local, "j F Y"))
        return local.replace(microsecond=0).isoformat(), f"{day}, {local.hour:02d}:{local.minute:02d}"  # ", H:i"


# What max_thread_level_for_content_type reads of a story's ContentType.
_STORY_CONTENT_TYPE = SimpleNamespace(app_label=Article._meta.app_label, model=Article._meta.model_name)
_PLACEHOLDER_PK = 918273645


def _pk_url(viewname, kwarg=None):
    """A function giving, for a comment's pk, reverse(viewname) of it escaped for HTML,
    from a single reverse() with a placeholder pk (the routes take an int: the pk is
    written as str(pk))."""
    url = reverse(viewname, kwargs={kwarg: _PLACEHOLDER_PK}) if kwarg else reverse(viewname, args=[_PLACEHOLDER_PK])
    head, placeholder, tail = url.partition(str(_PLACEHOLDER_PK))
    if not placeholder or placeholder in tail:  # the placeholder is in the script prefix: reverse each
        if kwarg:
            return lambda pk: escape(reverse(viewname, kwargs={kwarg: pk}))
        return lambda pk: escape(reverse(viewname, args=[pk]))
    head, tail = escape(head), escape(tail)
    return lambda pk: f"{head}{pk}{tail}"


def _comment_list(nodes, level, render):
    h = escape(level)
    items = []
    for (pk, _parent, comment_level, name, submit_date, text, reports), children in nodes:
        name = escape(name)
        actions = []
        if comment_level < render.max_level:
            actions.append(f'<a href="{render.reply_url(pk)}">Reply<span class="visually-hidden"> to {name}</span></a>')
        actions.append(
            f' <a href="{render.flag_url(pk)}" rel="nofollow">Report'
            f'<span class="visually-hidden"> the comment by {name}</span></a>'
        )
        if render.moderator:
            if reports:
                actions.append(f' <span class="comment-reports">{reports} report{"" if reports == 1 else "s"}</span>')
            actions.append(
                f' <a href="{render.delete_url(pk)}">Remove'
                f'<span class="visually-hidden"> the comment by {name}</span></a>'
            )
        iso, date = render.submitted(submit_date)
        items.append(
            f'\n<li><article class="comment" id="c{pk}" aria-labelledby="c{pk}-name">\n'
            f'<header class="comment-header"><h{h} class="comment-name" id="c{pk}-name">{name}</h{h}> '
            f'<a class="comment-time" href="#c{pk}"><time datetime="{iso}">{date}</time></a></header>\n'
            f'<div class="comment-text">{comment_text(text)}</div>\n'
            f'<footer class="comment-actions">{"".join(actions)}</footer>\n'
            f'{_comment_list(children, level + 1, render) if children else ""}</article></li>'
        )
    return mark_safe('<ol class="comment-list">' + "".join(items) + "\n</ol>")


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
    """Plain sentences saying why a comment waits for a moderator (moderation.held_because)."""
    return held_sentences(comment)


@register.simple_tag(name="absolute_url")
def absolute_url_tag(site, path):
    """articles.site.absolute_url for emails. `site` is the one xtd passes its templates: the
    current Site, whose domain absolute_url reads."""
    return absolute_url(path)


@register.filter
def story_closed_reason(article):
    return closed_reason(article) if article is not None else None


@register.simple_tag(takes_context=True)
def comment_form_fields(context, form):
    """The comment form's visible fields (templates/comments/form_fields.html), the email
    field only for readers without a known address. Those of an empty form are the same on
    every story for every reader of a kind: rendered once a process (Django's field
    templates cost ~1.4 ms a page); a form with data or errors is rendered each time."""
    user = context.get("user")
    show_email = not (user and user.is_authenticated and user.email)
    fields = {"form": form, "show_email": show_email}
    if settings.DEBUG or form.is_bound or any(form[name].value() for name in VISIBLE_FIELDS):
        return render_to_string("comments/form_fields.html", fields)
    # What else the fields' markup is made of: the follow-up box's id names the comment replied to.
    key = (type(form), show_email, form.auto_id, form.prefix, form.label_suffix,
           form.fields["followup"].widget.attrs.get("id"), get_language())
    if key not in _EMPTY_FORM_FIELDS:
        _EMPTY_FORM_FIELDS[key] = render_to_string("comments/form_fields.html", fields)
    return _EMPTY_FORM_FIELDS[key]


VISIBLE_FIELDS = ("comment", "name", "email", "followup", "honeypot")
_EMPTY_FORM_FIELDS = {}

"""Every comment page the site serves (comments/urls.py). Posting is modelled on
django-contrib-comments' post_comment, with our limits added; storing or the
confirmation email is comments.confirmation's receiver. The links of comment emails:
confirm (comments.confirmation) and mute (comments.mail). The other pages replace the
libraries' views, which showed held comments and hidden stories to anyone who asked."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.sites.shortcuts import get_current_site
from django.core import signing
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_comments import signals
from django_comments_xtd import get_form

from articles.models import Article
from newsroom.clientip import client_ip
from newsroom.ratelimits import limit_per_ip

from . import confirmation, guard, mail
from .forms import MAX_ID, ReportForm
from .models import ReaderComment
from .moderation import closed_reason, commenter_refusal, held_because, needs_confirmation
from .services import MODERATE_PERMISSION, comment_remove, comment_report

TOO_FAST = "You are commenting too quickly. Please wait a few seconds, then send your comment again."
DUPLICATE = "This exact comment has already been posted on this story."
# What a reader reads on the story after a comment of theirs was stored (or dropped: that
# reads exactly as held), above the form; the reasons follow, from HELD_BECAUSE.
NOW_PUBLIC = "Thank you: your comment is now public."
NOW_HELD = "Thank you. Your comment is held for review: a moderator will read it before it appears."


def _story(data):
    """The story a POST is about; only stories take comments."""
    if data.get("content_type") != "articles.article":
        return None
    try:
        return Article.objects.select_related("section").get(pk=data.get("object_pk"))
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError):
        return None


def _form_page(request, form, status=200, retry_after=None):
    response = render(request, "comments/preview.html", {"form": form, "article": form.target_object}, status=status)
    if status == 429:
        response["Retry-After"] = str(retry_after or settings.NEWSROOM_COMMENTS_MIN_INTERVAL)
    return response


def _land(request, article, comment=None, reasons=()):
    """Back to the story after a comment: on the comment itself (its anchor in the thread)
    when it is public, else at the status box above the form (`comment-status`, in
    comments/thread.html), with a message saying which and why. The message travels in
    Django's messages cookie, so that story page is built for this reader alone: the page
    cache neither serves nor stores a request or response that carries it."""
    story = article.get_absolute_url()
    if comment is not None and comment.is_public and not comment.is_removed:
        messages.success(request, NOW_PUBLIC)
        return redirect(f"{story}#c{comment.pk}")
    reasons = held_because(comment) if comment is not None else list(reasons)
    messages.info(request, " ".join([NOW_HELD, *reasons]))
    return redirect(f"{story}#comment-status")


def _land_dropped(request, comment):
    """A dropped comment (block list) lands exactly like a held one, with the reasons it would
    be held for (held_because), as django_comments_xtd/discarded.html reads: the commenter
    learns nothing."""
    return _land(request, comment.content_object, reasons=held_because(comment))


def _closed_page(request, article, message):
    return render(request, "comments/closed.html", {"article": article, "message": message}, status=403)


@csrf_protect
@require_POST
@limit_per_ip("comments")
def post_comment(request):
    data = request.POST.copy()
    # The name is always the one typed (the form requires it). django-contrib-comments 2.2
    # fills in the account's full name or login name, which would publish staff accounts' names.
    if request.user.is_authenticated:
        data["email"] = data.get("email") or request.user.email

    article = _story(data)
    if article is None:
        return HttpResponseBadRequest("Comments can only be posted on stories.")
    if not article.is_published():
        raise Http404("No public story here.")
    if message := closed_reason(article):
        return _closed_page(request, article, message)

    form = get_form()(article, data=data)
    if form.security_errors():
        # A failed security hash or timestamp, or a filled-in honeypot.
        return HttpResponseBadRequest(
            "The comment form failed its security check. Please reload the story and try again."
        )
    if form.errors:
        return _form_page(request, form, status=400 if form.has_reply_error else 200)

    comment = form.get_comment_object(site_id=get_current_site(request).id)
    ip = client_ip(request) or None
    comment.ip_address = ip
    if request.user.is_authenticated:
        comment.user = request.user

    if refused := commenter_refusal(comment.user_email, ip):
        # Before anything is counted or stored: a banned commenter is told, nothing more.
        form.add_error(None, refused)
        return _form_page(request, form, status=403)
    if guard.posted_recently(comment.user_email, ip):
        form.add_error(None, TOO_FAST)
        return _form_page(request, form, status=429)
    if guard.is_duplicate(comment):
        form.add_error("comment", DUPLICATE)
        return _form_page(request, form, status=409)

    # Confirmed once in this browser (comments.confirmation): stored at once, landing on the story.
    remembered = not request.user.is_authenticated and confirmation.address_confirmed(request, comment.user_email)
    responses = signals.comment_will_be_posted.send(sender=comment.__class__, comment=comment, request=request)
    dropped = any(response is False for _receiver, response in responses)
    if not dropped and needs_confirmation(comment, request):
        # Counted before the post itself, so a refused email leaves nothing behind (the
        # text may be sent again later); see comments.mail for the caps.
        refused = mail.confirmation_refusal(comment.user_email, count=True)
        if refused:
            form.add_error(None, refused[0])
            return _form_page(request, form, status=429, retry_after=refused[1])
        comment.confirmation_mail_counted = True
    if not guard.record_post(comment, ip):
        form.add_error(None, TOO_FAST)
        return _form_page(request, form, status=429)
    if dropped:
        # The moderator refused it (block list): answer exactly as for a held comment.
        if remembered:
            return _land_dropped(request, comment)
        return render(request, "django_comments_xtd/discarded.html", {"comment": comment})

    comment.save()
    signals.comment_was_posted.send(sender=comment.__class__, comment=comment, request=request)
    if remembered and comment.xtd_comment:
        return _land(request, article, comment.xtd_comment)
    return redirect(reverse("comments-xtd-sent") + "?" + urlencode({"c": comment._get_pk_val()}))


def _comment_id(value):
    """`value` as a comment id, or None: not a number, or no bigint can hold it (the
    database would fail with an OverflowError on SQLite: HTTP 500)."""
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return pk if 0 < pk <= MAX_ID else None


def _public_comment(pk):
    """The comment if readers may see it (visible, on a public story), else None."""
    pk = _comment_id(pk)
    comment = ReaderComment.objects.visible().filter(pk=pk).select_related("content_type").first() if pk else None
    if comment is None or not isinstance(comment.content_object, Article) or not comment.content_object.is_published():
        return None
    return comment


def sent(request):
    """Where posting leads (replaces xtd's `sent`, which told anyone a comment id's
    moderation status and story: ids are sequential).

    `c` is a stored comment's id, shown only to the signed-in account that posted it: its
    place on the story, or why it is held. Or, for an anonymous comment waiting for its
    email confirmation, xtd's signed reference to the story (TmpXtdComment._get_pk_val).
    Anything else is the same 404, whatever the id.
    """
    value = request.GET.get("c", "")
    pk = _comment_id(value)
    if pk is not None:
        comment = None
        if request.user.is_authenticated:
            comment = ReaderComment.objects.filter(pk=pk, user=request.user, is_removed=False).first()
        if comment is None:
            raise Http404("No such comment.")
        if comment.is_public:
            return redirect(comment)
        return render(request, "django_comments_xtd/moderated.html", {"comment": comment})
    try:
        label, _colon, story_pk = signing.loads(value).partition(":")
    except (signing.BadSignature, AttributeError):
        raise Http404("No such comment.") from None
    story = Article.objects.published().filter(pk=story_pk).first() if story_pk.isdigit() else None
    if label != "articles.article" or story is None:
        raise Http404("No such comment.")
    return render(request, "comments/posted.html", {"target": story})


def _link_invalid(request, status, article=None):
    """The page for a link from a comment email that does nothing: 404 unknown, 400 expired."""
    context = {"expired": status == 400, "article": article, "hours": settings.NEWSROOM_COMMENTS_CONFIRMATION_HOURS}
    return render(request, "comments/link_invalid.html", context, status=status)


@require_GET  # not HEAD: link checkers in mail systems send those, and must confirm nothing
@limit_per_ip("comment_links")
def confirm(request, key):
    """The link of a confirmation email (comments.confirmation.confirm): back to the story,
    on the comment or at why it is held (_land), and this browser remembers the address
    (confirm once). A forged, unknown or used-up link is a 404, an expired one a 400, both on
    a page that says so."""
    result = confirmation.confirm(key, request)
    if result.outcome == "stored":
        comment = result.comment
        response = _land(request, comment.content_object, comment)
        return confirmation.remember_address(response, comment.user_email, request=request)
    if result.outcome == "discarded":
        article = result.posted.content_object
        if closed_reason(article):
            return render(request, "django_comments_xtd/discarded.html", {"comment": result.posted})
        # Blocked: as for a held comment, the address is remembered too.
        response = _land_dropped(request, result.posted)
        return confirmation.remember_address(response, result.posted.user_email, request=request)
    if result.outcome == "refused":
        article = result.posted.content_object
        return render(request, "comments/closed.html", {"article": article, "message": result.message,
                                                        "title": "Comment not posted"}, status=403)
    if result.outcome == "expired":
        return _link_invalid(request, 400, result.article)
    return _link_invalid(request, 404)


@require_GET
@limit_per_ip("comment_links")
def mute(request, key):
    """The "stop these emails" link of a follow-up email: stops them for the address and the
    story its signed token names, nothing else. A plain GET on purpose: it is signed, does
    the same however often it is followed, and can only ever take one reader off one story's
    emails, the very thing that reader's link is for (a mail scanner that follows it can do
    no more); a confirmation form in between would add a step for every reader and protect
    nothing."""
    try:
        address, story_pk = mail.read_mute_key(key)
    except signing.BadSignature:
        return _link_invalid(request, 404)
    article = Article.objects.filter(pk=story_pk).first()
    if article is None:
        return _link_invalid(request, 404)
    ReaderComment.objects.for_article(article).filter(user_email__iexact=address, followup=True).update(followup=False)
    return render(request, "django_comments_xtd/muted.html", {"content_object": article})


def reply(request, cid):
    """The reply form under one comment (xtd's view shows hidden comments and closed stories)."""
    comment = _public_comment(cid)
    if comment is None:
        raise Http404("No such comment.")
    article = comment.content_object
    context = {"comment": comment, "article": article, "closed": closed_reason(article)}
    if not comment.allow_thread():
        context["closed"] = "Replies cannot go deeper than this comment. Please reply to the comment above it instead."
        return render(request, "django_comments_xtd/reply.html", context, status=403)
    if not context["closed"]:
        context["form"] = get_form()(article, comment=comment)
    return render(request, "django_comments_xtd/reply.html", context)


@never_cache
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def report(request, comment_id):
    """"Report" under a comment, for every reader, signed in or not: the form on GET, the
    report on POST (comments.services.comment_report: one per reader, and enough of them
    send the comment back to the queue). Only comments readers can see: anything else is
    the same 404 (django-comments-xtd's `flag` showed any comment, held ones included).
    Never cached: the form carries the reader's CSRF token."""
    comment = _public_comment(comment_id)
    if comment is None:
        raise Http404("No such comment.")
    if request.method == "POST":
        return _send_report(request, comment)
    return render(request, "comments/flag.html", {"comment": comment, "form": ReportForm()})


@limit_per_ip("comment_reports")
def _send_report(request, comment):
    form = ReportForm(request.POST)
    if not form.is_valid():
        return render(request, "comments/flag.html", {"comment": comment, "form": form})
    comment_report(
        comment=comment, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"], user=request.user,
        ip_address=client_ip(request),
    )
    return redirect(reverse("comments-flag-done") + "?" + urlencode({"c": comment.pk}))


@never_cache
def reported(request):
    """Thanks for a report, with the way back to the story while readers still see the comment."""
    return render(request, "comments/flagged.html", {"comment": _public_comment(request.GET.get("c"))})


@csrf_protect
@login_required
@permission_required(MODERATE_PERMISSION, raise_exception=True)
def remove(request, comment_id):
    """"Remove" under a comment, for moderators: a confirmation on GET; on POST the same
    decision as the admin's action (comments.services.comment_remove: logged once), then
    back to the story. A comment already removed is not removed (nor logged) again."""
    pk = _comment_id(comment_id)
    comment = ReaderComment.objects.filter(pk=pk).select_related("content_type").first() if pk else None
    if comment is None:
        raise Http404("No such comment.")
    if request.method == "POST":
        if not comment.is_removed:
            comment_remove(comment=comment, by=request.user, note="From the story page.")
        story = comment.content_object
        return redirect(f"{story.get_absolute_url()}#comments" if story is not None else "/")
    return render(request, "comments/delete.html", {"comment": comment})

"""The moderation desk (/admin/comments/moderation/): a card per comment, the queues of
comments/queues.py with their counts, and decisions made without a page load.

Every decision goes through comments/services.py (which checks the permission, logs who
and why, and whose saves refresh the cached pages through articles/signals.py). A
decision posted by htmx (`HX-Request`) answers with the card it replaces, plus the queue
counts, the "last decision" box and the announcement for the live region as htmx
out-of-band swaps; the same form posted without JavaScript redirects back to the desk
with a message. A decision names the state the moderator saw (`state`): a comment that
changed meanwhile (another moderator, another tab) is not decided again (HTTP 409).

Only moderators (services.MODERATE_PERMISSION): other staff get 403 on every URL here; a
signed-out visitor is sent to the admin's sign-in page from the desk itself and gets 403
for a decision (a reader without staff status gets the sign-in page, as elsewhere in the admin).
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import CharField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Cast
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import conditional_escape, format_html, linebreaks
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from articles.models import Article, Section

from . import services
from .forms import MAX_ID
from .models import (
    EPOCH,
    Commenter,
    CommentReason,
    CommentReport,
    ModerationDecision,
    ModerationReason,
    ReaderComment,
    WatchedWord,
    last_approval,
)
from .moderation import LINK, watched_words, word_pattern
from .queues import BY_SLUG, DEFAULT, QUEUES, in_queue, queue_counts, queue_of
from .risk import annotate_risk, explain

PER_PAGE = 25
NOTE_MAX = 500
Reason = ModerationReason.Code
# A whole link for marking: LINK (the rule that counts links) and the rest of the address.
LINK_TOKEN = re.compile(LINK.pattern + r"\S*")


# --- the decisions, as data -------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """A decision on one comment: its button, the states it applies to, its service."""

    slug: str
    verb: str
    done: str
    states: frozenset

    def run(self, *, comment, by, reason="", note=""):
        if self.slug == "approve":
            return services.comment_approve(comment=comment, by=by, note=note)
        return services.comment_remove(comment=comment, by=by, reason=reason, note=note)


DECISIONS = (
    Decision("approve", "Approve", "Approved", frozenset({"pending", "reported", "removed"})),
    Decision("remove", "Remove", "Removed", frozenset({"pending", "reported", "public"})),
)
DECISION_BY_SLUG = {decision.slug: decision for decision in DECISIONS}


@dataclass(frozen=True)
class CommenterAction:
    """A decision on everyone writing from one email address."""

    slug: str
    verb: str
    done: str
    status: str  # the Commenter.Status it leads to
    explanation: str

    def run(self, *, email, by, note="", ip_address=None):
        service = getattr(services, f"commenter_{self.slug}")
        if self.slug == "ban":
            return service(email=email, by=by, note=note, ip_address=ip_address)
        return service(email=email, by=by, note=note)


Status = Commenter.Status
COMMENTER_ACTIONS = (
    CommenterAction("trust", "Trust", "Trusted", Status.TRUSTED,
                    "their comments skip the first-comment rule"),
    CommenterAction("premoderate", "Pre-moderate", "Pre-moderated", Status.PREMODERATED,
                    "every comment of theirs waits for a moderator"),
    CommenterAction("ban", "Ban", "Banned", Status.BANNED, "their new comments are refused"),
    CommenterAction("reset", "Back to normal", "Set back to normal", Status.NORMAL, "the usual rules apply to them"),
)
COMMENTER_ACTION_BY_SLUG = {action.slug: action for action in COMMENTER_ACTIONS}


# --- what the desk shows ------------------------------------------------------------------


def _positive_int(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None


@dataclass(frozen=True)
class Filters:
    """The queue, story, section and page the moderator looks at (from the query string,
    and posted back with every decision so the answer can count what is left)."""

    queue: object = DEFAULT
    story: int | None = None
    section: int | None = None
    page: int = 1

    @classmethod
    def read(cls, data):
        return cls(
            queue=BY_SLUG.get(data.get("queue"), DEFAULT),
            story=_positive_int(data.get("story")),
            section=_positive_int(data.get("section")),
            page=_positive_int(data.get("page")) or 1,
        )

    def params(self, **changes):
        values = {"queue": self.queue.slug, "story": self.story, "section": self.section, "page": self.page}
        values.update(changes)
        if values["page"] == 1:
            values["page"] = None
        return {key: value for key, value in values.items() if value}

    def query(self, **changes):
        params = self.params(**changes)
        return "?" + urlencode(params) if params else ""

    def comments(self):
        """Every comment on stories, narrowed to the story or section (all queues)."""
        comments = ReaderComment.objects.on_stories()
        if self.story:
            comments = comments.filter(object_pk=str(self.story))
        if self.section:
            stories = Article.objects.filter(section_id=self.section).annotate(key=Cast("pk", CharField()))
            comments = comments.filter(object_pk__in=stories.values("key"))
        return comments


def desk_url(filters=None, **changes):
    return reverse("admin:comments_moderation") + (filters.query(**changes) if filters else "")


def marked(text, *patterns):
    """`text` escaped, with what any of `patterns` (compiled, or None) matches in <mark>."""
    text = text or ""
    spans = sorted(match.span() for pattern in patterns if pattern for match in pattern.finditer(text))
    pieces, last = [], 0
    for start, end in spans:
        if start < last or start == end:  # overlaps the previous mark
            continue
        pieces += [conditional_escape(text[last:start]), format_html("<mark>{}</mark>", text[start:end])]
        last = end
    pieces.append(conditional_escape(text[last:]))
    return mark_safe("".join(pieces))  # every piece is escaped above


def marked_email(email, words):
    """The email address with the watched words it contains (anywhere, as mentions_any) marked."""
    if not words:
        return conditional_escape(email)
    return marked(email, re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE))


@dataclass
class Card:
    comment: ReaderComment
    state: str
    name: str
    email: str
    text: str
    story: Article | None
    parent: ReaderComment | None
    reasons: list
    score: object
    record: object
    all_comments_url: str
    status_label: str = ""
    decisions: list = field(default_factory=list)
    commenter_actions: list = field(default_factory=list)

    @property
    def pk(self):
        return self.comment.pk


def _reason_words(comment, found_words, reports):
    """Why the comment is in the queue, in words: the stored reasons, made concrete."""
    words = []
    codes = [reason.code for reason in comment.moderation_reasons.all()]
    for code in codes:
        if code == Reason.WATCHED_WORD:
            if found_words:
                quoted = ", ".join(f"‘{word}’" for word in found_words)
                plural = "s" if len(found_words) > 1 else ""
                words.append(f"contains the watched word{plural} {quoted}")
            else:
                words.append("contained a word on the moderation list (no longer listed)")
        elif code == Reason.LINKS:
            count = len(LINK.findall(comment.comment))
            words.append(f"{count} link{'s' if count != 1 else ''}")
        elif code == Reason.REPORTED and comment.open_reports:
            continue  # said below, with the report reasons
        else:
            words.append(ModerationReason.Code(code).label if code in ModerationReason.Code.values else code)
    if comment.open_reports:
        times = "once" if comment.open_reports == 1 else f"{comment.open_reports} times"
        labels = []
        for report in reports:
            label = CommentReason(report.reason).label if report.reason in CommentReason.values else report.reason
            if label and label not in labels:
                labels.append(label)
        words.append(f"reported {times}" + (": " + ", ".join(labels) if labels else ""))
    return words


def build_cards(comments, *, user):
    """The cards of `comments` (from desk_queryset): a constant number of queries."""
    comments = list(comments)
    if not comments:
        return []
    words = sorted(set(watched_words(WatchedWord.Action.HOLD) + watched_words(WatchedWord.Action.BLOCK)))
    words_re = word_pattern(words) if words else None
    parent_ids = {c.parent_id for c in comments if c.parent_id and c.parent_id != c.pk}
    parents = ReaderComment.objects.in_bulk(parent_ids) if parent_ids else {}
    records = services.commenter_records({c.user_email for c in comments})
    approved_at = {c.pk: c.last_approved_at or EPOCH for c in comments}
    reports = {}
    for report in CommentReport.objects.filter(comment__in=[c.pk for c in comments]).order_by("created_at", "pk"):
        if report.created_at > approved_at[report.comment_id]:  # open reports only (with_open_reports)
            reports.setdefault(report.comment_id, []).append(report)
    cards = []
    for comment in comments:
        email = comment.user_email or ""
        found = []
        if words:
            in_text = {m.group().lower() for m in words_re.finditer(f"{comment.user_name}\n{comment.comment}")}
            found = [word for word in words if word in in_text or word in email.lower()]
        state = queue_of(comment)
        record = records.get(services.normalise_email(email))
        status = record.status if record else Status.NORMAL
        cards.append(Card(
            comment=comment,
            state=state,
            name=marked(comment.user_name, words_re),
            email=marked_email(email, words),
            text=mark_safe(linebreaks(marked(comment.comment, words_re, LINK_TOKEN), autoescape=False)),
            story=comment.content_object,
            parent=parents.get(comment.parent_id),
            reasons=_reason_words(comment, found, reports.get(comment.pk, [])),
            score=explain(comment),
            record=record,
            all_comments_url=reverse("admin:comments_readercomment_changelist") + "?"
            + urlencode({"queue": "all", "email": email}),
            decisions=[decision for decision in DECISIONS if state in decision.states],
            status_label=record.status_label if record and status != Status.NORMAL else "",
            commenter_actions=[action for action in COMMENTER_ACTIONS if action.status != status] if email else [],
        ))
    return cards


def _for_cards(comments):
    """What build_cards reads, fetched with the comments."""
    return (
        annotate_risk(comments)
        .annotate(last_approved_at=Subquery(last_approval(OuterRef("pk"))))
        .select_related("content_type")
        .prefetch_related("content_object", Prefetch("moderation_reasons", queryset=ModerationReason.objects.all()))
    )


def desk_queryset(filters):
    return _for_cards(in_queue(filters.comments(), filters.queue)).order_by(*filters.queue.order)


def one_card(pk, user):
    """The card of one comment, whatever its queue (after a decision), or None."""
    cards = build_cards(_for_cards(ReaderComment.objects.on_stories().filter(pk=pk)), user=user)
    return cards[0] if cards else None


def in_view(pk, filters):
    """Whether the comment still belongs to the queue (and story, section) on screen."""
    return in_queue(filters.comments().filter(pk=pk), filters.queue).exists()


def last_decision(user):
    """This moderator's latest decision not undone (what `u` and the "last decision" box
    undo), or None. comment_undo refuses it if another decision on the comment came after."""
    return (
        ModerationDecision.objects.filter(by=user, undone_by__isnull=True)
        .exclude(action=ModerationDecision.Action.UNDONE)
        .select_related("comment")
        .order_by("-created_at", "-pk")
        .first()
    )


# --- the views ------------------------------------------------------------------------------


class ModerationDesk:
    """The desk's views, served by the comments' ModelAdmin (see get_site_urls)."""

    template = "admin/comments/moderation.html"
    card_template = "admin/comments/moderation_card.html"

    def __init__(self, model_admin):
        self.model_admin = model_admin
        self.admin_site = model_admin.admin_site

    def urls(self):
        view = self._moderators_only
        return [
            path("comments/moderation/", view(require_GET(self.desk)), name="comments_moderation"),
            path("comments/moderation/undo/", view(require_POST(self.undo)), name="comments_moderation_undo"),
            path("comments/moderation/commenter/<slug:action>/", view(require_POST(self.commenter)),
                 name="comments_moderation_commenter"),
            path("comments/moderation/<int:comment_id>/<slug:action>/", view(require_POST(self.decide)),
                 name="comments_moderation_decide"),
        ]

    def _moderators_only(self, view):
        def guarded(request, *args, **kwargs):
            if not request.user.has_perm(services.MODERATE_PERMISSION):
                raise PermissionDenied("Only moderators may use the moderation desk.")
            return view(request, *args, **kwargs)

        admin_view = self.admin_site.admin_view(guarded)

        def outer(request, *args, **kwargs):
            # The admin sends a signed-out visitor to its sign-in page; a decision posted
            # without a session is refused outright (nothing to come back to).
            if request.method != "GET" and not request.user.is_authenticated:
                raise PermissionDenied("Sign in as a moderator first.")
            return admin_view(request, *args, **kwargs)

        return outer

    # -- the page --
    def _page_context(self, request, filters):
        counts = queue_counts(filters.comments())
        if not (filters.story or filters.section):
            request._moderation_counts = counts  # the nav sidebar's counts (queues.moderation_counts)
        paginator = Paginator(desk_queryset(filters), PER_PAGE)
        paginator.count = counts[filters.queue.slug]  # counted with the others: no second COUNT
        page = paginator.get_page(filters.page)
        return {
            "filters": filters,
            "queues": ModerationDesk._queues(filters, counts),
            "page_obj": page,
            "cards": build_cards(page.object_list, user=request.user),
            "last_decision": last_decision(request.user),
            "reasons": CommentReason.choices,
        }

    def desk(self, request):
        filters = Filters.read(request.GET)
        page_context = self._page_context(request, filters)  # first: it counts for the nav sidebar too
        context = {
            **self.admin_site.each_context(request),
            **page_context,
            "title": "Moderation desk",
            "opts": self.model_admin.model._meta,
            "stories": stories_with_comments(),
            "sections": Section.objects.values_list("pk", "name"),
        }
        page = context["page_obj"]
        context["pages"] = [
            {"number": n, "url": desk_url(filters, page=n) if n != page.paginator.ELLIPSIS else None,
             "current": n == page.number}
            for n in page.paginator.get_elided_page_range(page.number)
        ] if page.paginator.num_pages > 1 else []
        return TemplateResponse(request, self.template, context)

    # -- decisions --
    def _comment(self, comment_id):
        pk = _positive_int(comment_id)
        comment = ReaderComment.objects.on_stories().with_open_reports().filter(pk=pk).first() if pk else None
        if comment is None:
            raise Http404("No such comment.")
        return comment

    def _answer(self, request, filters, *, card_pk, message, made=None, level=messages.SUCCESS, status=200):
        """The card that replaces the one decided (htmx) or the desk again (a plain POST)."""
        if not is_htmx(request):
            messages.add_message(request, level, message)
            return redirect(desk_url(filters) + f"#card-{card_pk}")
        card = one_card(card_pk, request.user)
        context = {
            "card": card,
            "filters": filters,
            "reasons": CommentReason.choices,
            # In place when the card is the target (its own buttons); out of band when the
            # request came from elsewhere (the "last decision" box).
            "oob": request.headers.get("HX-Target") != f"card-{card_pk}",
            "queues": self._queues(filters),
            "last_decision": last_decision(request.user),
            "announcement": message,
            "made": made,
            # A card that left the queue on screen folds into a line with its Undo.
            "decided": card is not None and not in_view(card_pk, filters),
        }
        html = render_to_string("admin/comments/moderation_answer.html", context, request=request)
        return HttpResponse(html, status=status)

    @staticmethod
    def _queues(filters, counts=None):
        counts = counts or queue_counts(filters.comments())
        return [
            {"queue": queue, "count": counts[queue.slug], "url": desk_url(filters, queue=queue.slug, page=1),
             "current": queue == filters.queue}
            for queue in QUEUES
        ]

    @staticmethod
    def _note(request):
        return (request.POST.get("note") or "").strip()[:NOTE_MAX]

    @staticmethod
    def _left(filters):
        return queue_counts(filters.comments(), queues=(filters.queue,))[filters.queue.slug]

    def decide(self, request, comment_id, action):
        decision = DECISION_BY_SLUG.get(action)
        if decision is None:
            raise Http404("No such decision.")
        comment = self._comment(comment_id)
        filters = Filters.read(request.POST)
        state = queue_of(comment)
        name = comment.user_name
        if state != request.POST.get("state") or state not in decision.states:
            return self._answer(
                request, filters, card_pk=comment.pk, level=messages.WARNING, status=409,
                message=f"Not done: the comment by {name} is {state} now (its card shows it as it is).",
            )
        reason = ""
        if decision.slug == "remove":
            reason = request.POST.get("reason", "")
            if reason not in CommentReason.values:
                return self._answer(
                    request, filters, card_pk=comment.pk, level=messages.ERROR, status=400,
                    message=f"Not removed: choose why the comment by {name} is removed.",
                )
        made = decision.run(comment=comment, by=request.user, reason=reason, note=self._note(request))
        return self._answer(request, filters, card_pk=comment.pk, made=made,
                            message=f"{decision.done} comment by {name}. {self._left(filters)} left.")

    def undo(self, request):
        filters = Filters.read(request.POST)
        pk = _positive_int(request.POST.get("decision"))
        decision = ModerationDecision.objects.filter(pk=pk, by=request.user).select_related("comment").first()
        if decision is None or not self._is_desk_comment(decision):
            raise Http404("No such decision of yours.")
        name = decision.comment.user_name
        try:
            services.comment_undo(decision=decision, by=request.user)
        except ValidationError as error:
            return self._answer(request, filters, card_pk=decision.comment_id, level=messages.WARNING, status=409,
                                message=f"Not undone: {' '.join(error.messages)}")
        return self._answer(
            request, filters, card_pk=decision.comment_id,
            message=f"Undone: the comment by {name} is back where it was. {self._left(filters)} left.",
        )

    @staticmethod
    def _is_desk_comment(decision):
        return ReaderComment.objects.on_stories().filter(pk=decision.comment_id).exists()

    def commenter(self, request, action):
        chosen = COMMENTER_ACTION_BY_SLUG.get(action)
        if chosen is None:
            raise Http404("No such decision.")
        comment = self._comment(request.POST.get("comment"))
        filters = Filters.read(request.POST)
        ip_address = comment.ip_address if chosen.slug == "ban" and request.POST.get("with_address") else None
        try:
            chosen.run(email=comment.user_email, by=request.user, note=self._note(request), ip_address=ip_address)
        except ValidationError as error:
            return self._answer(request, filters, card_pk=comment.pk, level=messages.ERROR, status=400,
                                message=f"Not done: {' '.join(error.messages)}")
        also = f" and the address {comment.ip_address}" if ip_address else ""
        return self._answer(request, filters, card_pk=comment.pk,
                            message=f"{chosen.done}: {comment.user_email}{also} ({chosen.explanation}).")


def is_htmx(request):
    return request.headers.get("HX-Request") == "true"


def stories_with_comments():
    """(pk, headline) of the stories that have comments: the story filter's choices."""
    story_ids = ReaderComment.objects.on_stories().order_by().values_list("object_pk", flat=True).distinct()
    ids = [int(pk) for pk in story_ids if pk.isdigit()]
    return list(Article.objects.filter(pk__in=ids).values_list("pk", "headline"))

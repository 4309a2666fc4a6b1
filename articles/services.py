"""The editorial workflow: every state change of a story happens here.

Each function takes keyword-only arguments, checks the actor's permission
(PermissionDenied), validates (ValidationError with field messages), then saves
the story, records an ArticleEvent and a django-reversion revision, all in one
transaction with the story's row locked. Nothing else writes an ArticleEvent or
changes a story's status.

    Draft -> In review -> (Changes requested -> In review) -> Published
    Published with a future publish time (or embargo) = Scheduled
    Published -> Withdrawn (with a reason)

`WORKFLOW` is the table of the steps an editor takes by a button: one row per
step (its function, permission, the states it starts from, the note it needs,
its button and list action). The step's function reads its row for the checks;
the admin reads the table for its buttons, list actions, `has_<step>_permission`
hooks and form checks. Adding a step is one row and its function.

`STEP_MAIL` is the table of who is emailed when a step is taken (editors for a
submit, the story's writers for the rest; never the actor; a user's
NotificationSettings turn some off); the mail goes out on commit from `_move`, the
one place every step passes through.

Review notes (`review_note_add`, `review_note_resolve`) are the editors' and writers'
conversation about a story, for those who may open it in the admin, never public;
each one emails the other side.
"""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from .models import Article, ArticleEvent, Correction, NotificationSettings, ReviewNote
from .site import absolute_url

Status = Article.Status
Action = ArticleEvent.Action

# What a revert leaves alone: reverting restores the story's words, bylines and
# tags, never its place in the workflow (a published story stays published).
WORKFLOW_FIELDS = ["status", "publish_at", "embargo_until", "created_by_id", "created_at"]

# The workflow state of a Published story whose publish time (or embargo) is still
# to come. Not a status: `Article.objects.published()` compares with now.
SCHEDULED = "scheduled"
NOT_PUBLIC = frozenset(Status) - {Status.PUBLISHED} | {SCHEDULED}

WRONG_STATE = "A story that is {state} cannot be {done}."
PUBLISH_TIME_IN_THE_FUTURE = "Choose a publish time in the future to schedule the story."


def newsroom_time(value):
    """A time as editors read it: in the newsroom's time zone, with the zone's name."""
    return date_format(timezone.localtime(value), "j F Y, H:i T")


def newsroom_short_time(value):
    """A time on a button: "Thu 3 Dec, 09:25" in the newsroom's time zone (with the year
    when it is not this year's)."""
    local = timezone.localtime(value)
    same_year = local.year == timezone.localtime().year
    return date_format(local, "D j M, H:i" if same_year else "D j M Y, H:i")


def user_name(user):
    if user is None:
        return "someone"
    return user.get_full_name() or user.get_username()


def workflow_state(article):
    """The story's status, or SCHEDULED for a Published story not yet public."""
    return SCHEDULED if article.is_scheduled() else article.status


def publish_time_errors(publish_at, embargo_until):
    """The rule for a publish time, as field messages: never earlier than the embargo."""
    if publish_at and embargo_until and publish_at < embargo_until:
        return {
            "publish_at": f"The publish time must not be earlier than the embargo ({newsroom_time(embargo_until)}).",
        }
    return {}


@dataclass(frozen=True)
class WorkflowStep:
    """One row of `WORKFLOW`. `name` is the value of the change form's `_workflow`
    button, `<name>_selected` its list action and `has_<name>_permission` the admin's
    hook for it. The messages double as switches: a blank one means the rule does not
    apply to the step."""

    name: str
    label: str  # the button
    service: Callable
    permission: str  # as user.has_perm() takes it
    refusal: str  # PermissionDenied without the permission
    starts_from: frozenset  # workflow states (Status values or SCHEDULED)
    done: str  # "approved": "3 stories approved.", "A story that is draft cannot be approved."
    wrong_state: str = WRONG_STATE  # refusal of a story in another state ({state}, {done})
    note_required: str = ""  # refusal without a note
    note_argument: str = "note"  # the service's keyword for the editor's note
    schedules: bool = False  # the service takes `at`, the publish time: it must be in the future
    others_refusal: str = ""  # PermissionDenied when the actor may not edit the story (a writer's step)
    list_action: str = ""  # the list action's description; none for a step that needs a note or a time
    label_later: str = ""  # the button when the story goes live later ({time}); blank: `label`
    label_now: str = ""  # the button when it would go live at once; blank: `label`

    def __post_init__(self):
        if self.list_action and (self.note_required or self.schedules):
            raise ValueError(f"{self.name}: a list action has nowhere to type a note or a time.")

    def button(self, article, now=None):
        """The button's words for this story: what pressing it will do, e.g. "Approve: goes
        live Thu 3 Dec, 09:25" when the story's go-live time (publish time or embargo) is
        still to come, "Approve: goes live now" otherwise."""
        go_live_at = article.go_live_at
        if self.label_later and go_live_at and go_live_at > (now or timezone.now()):
            return self.label_later.format(time=newsroom_short_time(go_live_at))
        return self.label_now or self.label

    def input_errors(self, *, note="", at=None):
        """What the step lacks, as field messages ("note", "publish_at"): its function
        refuses with them, and the admin form shows them before anything is saved."""
        errors = {}
        if self.note_required and not (note or "").strip():
            errors["note"] = self.note_required
        if self.schedules and (at is None or at <= timezone.now()):
            errors["publish_at"] = PUBLISH_TIME_IN_THE_FUTURE
        return errors

    def take(self, *, article, by, note=""):
        """Take the step as the admin does: with the editor's note and, for a step
        that schedules, the story's publish time as the form set it."""
        arguments = {self.note_argument: note}
        if self.schedules:
            arguments["at"] = article.publish_at
        return self.service(article=article, by=by, **arguments)


# The steps in the table ------------------------------------------------------


def article_submit(*, article, by, note=""):
    """The writer sends a draft (or a story sent back to them) to the editors."""
    with _step("submit", article, by) as story:
        errors = {}
        if not story.body.strip():
            errors["body"] = "Write the story before sending it for review."
        if not story.bylines.exists():
            errors["bylines"] = "Add at least one byline before sending the story for review."
        if errors:
            raise ValidationError(errors)
        _move(story, by=by, action=Action.SUBMITTED, to_status=Status.IN_REVIEW, note=note)
    return _refreshed(article)


def article_request_changes(*, article, by, note):
    """An editor sends a story in review back to its writer, saying what to change."""
    with _step("request_changes", article, by, note=note) as story:
        _move(story, by=by, action=Action.CHANGES_REQUESTED, to_status=Status.CHANGES_REQUESTED, note=note)
    return _refreshed(article)


def article_approve(*, article, by, note=""):
    """An editor approves a story in review: it goes out at its publish time if that
    is still to come (scheduled), at once otherwise, and never before its embargo."""
    with _step("approve", article, by) as story:
        now = timezone.now()
        publish_at = story.publish_at if story.publish_at and story.publish_at > now else now
        if story.embargo_until and publish_at < story.embargo_until:
            publish_at = story.embargo_until
        story.publish_at = publish_at
        _move(story, by=by, action=Action.APPROVED, to_status=Status.PUBLISHED, note=note)
    return _refreshed(article)


def article_publish(*, article, by, note=""):
    """Publish now: the story is public at once (unless an embargo is still in force)."""
    with _step("publish", article, by) as story:
        now = timezone.now()
        if story.embargo_until and story.embargo_until > now:
            raise ValidationError({
                "publish_at": f"The story is under embargo until {newsroom_time(story.embargo_until)}: "
                "schedule it for that time or later instead.",
            })
        story.publish_at = now
        _move(story, by=by, action=Action.PUBLISHED, to_status=Status.PUBLISHED, note=note)
    return _refreshed(article)


def article_schedule(*, article, by, at, note=""):
    """Publish later: status Published with a future publish time. No job runs at
    that time; `Article.objects.published()` compares with now."""
    with _step("schedule", article, by, at=at) as story:
        errors = publish_time_errors(at, story.embargo_until)
        if errors:
            raise ValidationError(errors)
        story.publish_at = at
        _move(story, by=by, action=Action.SCHEDULED, to_status=Status.PUBLISHED, note=note or _goes_live(story))
    return _refreshed(article)


def article_withdraw(*, article, by, reason):
    """Take a published (or scheduled) story off the site, with a reason for the editors."""
    with _step("withdraw", article, by, note=reason) as story:
        _move(story, by=by, action=Action.WITHDRAWN, to_status=Status.WITHDRAWN, note=reason)
    return _refreshed(article)


WORKFLOW = (
    WorkflowStep(
        name="submit", label="Submit for review", service=article_submit,
        permission="articles.submit_article", refusal="You may not submit stories for review.",
        starts_from=frozenset({Status.DRAFT, Status.CHANGES_REQUESTED}), done="submitted for review",
        others_refusal="You may only submit your own drafts.",
        list_action="Submit selected stories for review",
    ),
    WorkflowStep(
        name="request_changes", label="Request changes", service=article_request_changes,
        permission="articles.request_changes_article", refusal="You may not send stories back to their writer.",
        starts_from=frozenset({Status.IN_REVIEW}), done="sent back to its writer",
        note_required="Say what the writer should change.",
    ),
    WorkflowStep(
        name="approve", label="Approve", service=article_approve,
        permission="articles.approve_article", refusal="You may not approve stories.",
        starts_from=frozenset({Status.IN_REVIEW}), done="approved",
        label_later="Approve: goes live {time}", label_now="Approve: goes live now",
        list_action="Approve selected stories (they go out at their publish time)",
    ),
    WorkflowStep(
        name="publish", label="Publish now", service=article_publish,
        permission="articles.publish_article", refusal="You may not publish stories.",
        starts_from=NOT_PUBLIC, done="published", wrong_state="This story is already public.",
        list_action="Publish selected stories now",
    ),
    WorkflowStep(
        name="schedule", label="Schedule for the publish time", service=article_schedule,
        permission="articles.schedule_article", refusal="You may not schedule stories.",
        starts_from=NOT_PUBLIC, done="scheduled", label_later="Schedule for {time}",
        wrong_state="This story is already public: withdraw it before scheduling it again.",
        schedules=True,
    ),
    WorkflowStep(
        name="withdraw", label="Withdraw", service=article_withdraw,
        permission="articles.withdraw_article", refusal="You may not withdraw stories.",
        starts_from=frozenset({Status.PUBLISHED, SCHEDULED}), done="withdrawn",
        note_required="Give the reason for withdrawing the story.", note_argument="reason",
    ),
)
STEP = {step.name: step for step in WORKFLOW}


# Who is emailed at each step ------------------------------------------------

EDITORS = "editors"  # the Editor group
WRITERS = "writers"  # the story's writer (who created it) and its bylined authors with accounts


@dataclass(frozen=True)
class StepMail:
    """One row of `STEP_MAIL`: the email a workflow step sends, and to whom. The actor is
    never emailed; `setting` names the NotificationSettings field with which a user turns
    the email off (blank: always sent)."""

    to: str  # EDITORS or WRITERS
    subject: str  # {headline}
    opening: str  # {actor}
    link: str  # the words before the link to the story's admin page
    note_label: str = "Note"  # the step's note, under this heading
    setting: str = ""


# One row per ArticleEvent action that mails someone. Every step records its event in
# `_move`, which sends the row's email once the step's transaction commits; a reschedule
# (`article_reschedule`) is a Scheduled event, so it mails like a schedule, with the new time.
STEP_MAIL = {
    Action.SUBMITTED: StepMail(
        EDITORS, "For review: {headline}", "{actor} has sent a story for review.", "Review it here",
    ),
    Action.CHANGES_REQUESTED: StepMail(
        WRITERS, "Changes requested: {headline}", "{actor} has sent your story back with changes to make.",
        "Edit it here", note_label="What to change",
    ),
    Action.APPROVED: StepMail(
        WRITERS, "Approved: {headline}", "{actor} has approved your story.", "Open it here",
        setting="mail_approved",
    ),
    Action.SCHEDULED: StepMail(
        WRITERS, "Scheduled: {headline}", "{actor} has scheduled your story.", "Open it here",
        setting="mail_scheduled",
    ),
    Action.PUBLISHED: StepMail(
        WRITERS, "Published: {headline}", "{actor} has published your story.", "Open it here",
        setting="mail_published",
    ),
    Action.WITHDRAWN: StepMail(
        WRITERS, "Withdrawn: {headline}", "{actor} has taken your story off the site.", "Open it here",
        note_label="Reason", setting="mail_withdrawn",
    ),
}


# Changes outside the table ---------------------------------------------------


def article_reschedule(*, article, by, publish_at, embargo_until):
    """Move when a Published story goes live: its publish time, its embargo or both.
    Moving it is scheduling, so it needs the schedule step's permission. The admin
    calls this after saving its form when an editor changed either time of a
    Published story, in the form's transaction: a refusal undoes that save too."""
    _require(by, STEP["schedule"].permission, "You may not change when a published story goes live.")
    errors = publish_time_errors(publish_at, embargo_until)
    if errors:
        raise ValidationError(errors)
    with _workflow_step(article, by) as story:
        if story.status != Status.PUBLISHED:
            raise ValidationError(WRONG_STATE.format(state=story.get_status_display().lower(), done="rescheduled"))
        story.publish_at, story.embargo_until = publish_at, embargo_until
        _move(story, by=by, action=Action.SCHEDULED, to_status=Status.PUBLISHED, note=_goes_live(story))
    return _refreshed(article)


def article_add_correction(*, article, by, text):
    """Correct a public story in public: the correction shows under the story and in
    /corrections/, and the story's modified time moves on."""
    _require(by, "articles.add_correction", "You may not add corrections.")
    if not (text or "").strip():
        raise ValidationError({"text": "Write the correction as readers will read it."})
    with _workflow_step(article, by, comment="Correction added") as story:
        if not story.is_published():
            raise ValidationError("Corrections are for public stories: edit an unpublished story instead.")
        correction = Correction.objects.create(article=story, text=text.strip(), created_by=by)
        story.save(update_fields=["updated_at"])
        _record(story, by=by, action=Action.CORRECTED, from_status=story.status, note=correction.text)
    _refreshed(article)
    return correction


def article_revert(*, article, by, version):
    """Restore the words, bylines and tags of an earlier revision (a reversion
    Version of this story). The workflow state stays as it is now."""
    _require(by, "articles.revert_article", "You may not revert stories.")
    if version.object_id != str(article.pk) or version._model is not Article:
        raise ValidationError("That revision belongs to another story.")
    saved_at = version.revision.date_created
    with _workflow_step(article, by, comment=f"Reverted to the revision of {newsroom_time(saved_at)}") as story:
        kept = {field: getattr(story, field) for field in WORKFLOW_FIELDS}
        version.revision.revert(delete=True)
        reverted = Article.objects.get(pk=story.pk)
        for field, value in kept.items():
            setattr(reverted, field, value)
        reverted.version = story.version + 1
        reverted.updated_by = by
        reverted.save()
        _record(
            reverted, by=by, action=Action.REVERTED, from_status=story.status,
            note=f"To the revision saved {newsroom_time(saved_at)} by {user_name(version.revision.user)}",
        )
    return _refreshed(article)


def record_creation(*, article, by, note="", at=None):
    """The first event of a story: created in the admin, or loaded (`at` its time)."""
    _record(article, by=by, action=Action.CREATED, from_status="", note=note, at=at)


# Review notes ---------------------------------------------------------------

NOTE_REFUSAL = "You may not read or write review notes on this story."
NO_SUCH_NOTE = "There is no such review note on this story."
NOTES_ANCHOR = "#review-notes"


def may_review_note(user, article):
    """Who reads and writes a story's review notes: whoever may open the story in the admin
    (`Article.can_be_seen_by`: editors, and the story's writer and bylined authors)."""
    return bool(user and user.is_active and user.is_staff and article.can_be_seen_by(user))


def review_note_add(*, article, by, text, parent=None):
    """A review note on `article`, or a reply in the thread of `parent` (a reply to a reply
    joins the same thread). Emails the other side: an editor's note goes to the story's
    writers, a writer's to the editors who have written notes on it (every editor if none has)."""
    if not may_review_note(by, article):
        raise PermissionDenied(NOTE_REFUSAL)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write the review note before adding it."})
    if len(text) > ReviewNote.MAX_LENGTH:
        raise ValidationError({"text": f"Keep a review note under {ReviewNote.MAX_LENGTH} characters."})
    thread = None
    if parent is not None:
        if parent.article_id != article.pk:
            raise ValidationError(NO_SUCH_NOTE)
        thread = parent.parent if parent.parent_id else parent
        if thread.is_resolved:
            raise ValidationError("This thread is resolved: start a new review note instead.")
    with transaction.atomic():
        note = ReviewNote.objects.create(article=article, author=by, parent=thread, text=text)
        transaction.on_commit(lambda: _mail_review_note(note, by, resolved=False))
    return note


def review_note_resolve(*, note, by):
    """Resolve a thread (`note`'s, or the one `note` starts): it folds away on the story's
    page. Emails the other side, as a new note does."""
    if not may_review_note(by, note.article):
        raise PermissionDenied(NOTE_REFUSAL)
    thread = note.parent if note.parent_id else note
    with transaction.atomic():
        resolved = ReviewNote.objects.filter(pk=thread.pk, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=by,
        )
        if not resolved:
            raise ValidationError("This thread is already resolved.")
        thread.refresh_from_db()
        transaction.on_commit(lambda: _mail_review_note(thread, by, resolved=True))
    return thread


def _is_editor(user):
    """Editors review; an editor on a story's byline still counts as one of its editors."""
    return user.has_perm("articles.edit_any_article")


def _review_note_recipients(story, by):
    """The other side of `by`, who may read the notes: the story's writers for an editor;
    for a writer, the editors who have written notes on it, or every editor if none has."""
    if _is_editor(by):
        people = _writers(story)
    else:
        reviewers = _editors().filter(pk__in=ReviewNote.objects.filter(article=story).values("author"))
        people = list(reviewers) or list(_editors())
    return _addresses(person for person in people if person != by and may_review_note(person, story))


# Helpers ---------------------------------------------------------------------


@contextmanager
def _workflow_step(article, by, comment=""):
    """Lock the story's row and collect a revision with its author, in one transaction."""
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(by)
        if comment:
            reversion.set_comment(comment)
        yield Article.objects.select_for_update().get(pk=article.pk)


def _require(user, permission, message):
    if not (user and user.is_active and user.has_perm(permission)):
        raise PermissionDenied(message)


@contextmanager
def _step(name, article, by, *, note="", at=None):
    """Take the step `name` of WORKFLOW: refuse an actor without its permission and
    input it lacks before anything is locked; then, in the step's transaction, an
    actor who may not edit the story (if the step asks) and a story in a state the
    step does not start from."""
    step = STEP[name]
    _require(by, step.permission, step.refusal)
    errors = step.input_errors(note=note, at=at)
    if errors:
        raise ValidationError(errors)
    with _workflow_step(article, by) as story:
        if step.others_refusal and not story.can_be_edited_by(by):
            raise PermissionDenied(step.others_refusal)
        if workflow_state(story) not in step.starts_from:
            raise ValidationError(step.wrong_state.format(state=story.get_status_display().lower(), done=step.done))
        yield story


def _move(story, *, by, action, to_status, note=""):
    from_status = story.status
    story.status = to_status
    story.version += 1
    story.updated_by = by
    story.save()
    reversion.set_comment(f"{ArticleEvent.Action(action).label}" + (f": {note}" if note else ""))
    _record(story, by=by, action=action, from_status=from_status, note=note)
    if action in STEP_MAIL:
        transaction.on_commit(lambda: _mail_step(STEP_MAIL[action], story, by, note))


def _record(story, *, by, action, from_status, note="", at=None):
    return ArticleEvent.objects.create(
        article=story, actor=by, action=action, from_status=from_status, to_status=story.status, note=note,
        created_at=at or timezone.now(),
    )


def _goes_live(story):
    return f"Goes live {newsroom_time(story.go_live_at)}" if story.go_live_at else ""


def _refreshed(article):
    article.refresh_from_db()
    return article


def _admin_link(story, anchor=""):
    path = reverse("admin:articles_article_change", args=[story.pk])
    return absolute_url(path + anchor)


def _editors():
    User = get_user_model()
    return User.objects.filter(groups__name="Editor", is_active=True).exclude(email="").distinct()


def _writers(story):
    """The story's writer (who created it) and its bylined authors with accounts."""
    bylined = {byline.author.user for byline in story.bylines.select_related("author__user")}
    return [user for user in {story.created_by} | bylined if user is not None and user.is_active and user.email]


def _addresses(users):
    return sorted({user.email for user in users if user.email})


def _step_recipients(mail, story, by):
    """The addresses STEP_MAIL's row `mail` goes to: never the actor, nor who turned it off."""
    people = list(_editors()) if mail.to == EDITORS else _writers(story)
    people = [person for person in people if person != by]
    if mail.setting and people:
        off = set(NotificationSettings.objects.filter(
            user__in=people, **{mail.setting: False}).values_list("user_id", flat=True))
        people = [person for person in people if person.pk not in off]
    return _addresses(people)


def _when(story):
    """When a Published story goes live, as its writer reads it in an email."""
    if story.status != Status.PUBLISHED:
        return ""
    if story.is_scheduled():
        return f"It goes live on {newsroom_time(story.go_live_at)} (newsroom time, {settings.TIME_ZONE}).\n\n"
    return f"It is public now: {absolute_url(story.get_absolute_url())}\n\n"


def _mail_step(mail, story, by, note):
    emails = _step_recipients(mail, story, by)
    if not emails:
        return
    if note == _goes_live(story):
        note = ""  # the schedule's own note, the time again: _when says it
    body = (
        f"{mail.opening.format(actor=user_name(by))}\n\n{story.headline}\n{story.standfirst}\n\n"
        + _when(story)
        + (f"{mail.note_label}:\n{note}\n\n" if note else "")
        + f"{mail.link}: {_admin_link(story)}\n"
    )
    subject = mail.subject.format(headline=story.headline)
    send_mass_mail([(subject, body, None, [email]) for email in emails])


def _mail_review_note(note, by, *, resolved):
    story = note.article
    emails = _review_note_recipients(story, by)
    if not emails:
        return
    if resolved:
        subject, what = f"Review note resolved: {story.headline}", "resolved this review note"
    else:
        subject = f"Review note: {story.headline}"
        what = "replied to a review note" if note.parent_id else "left a review note"
    body = (
        f"{user_name(by)} has {what} on “{story.headline}”:\n\n{note.text}\n\n"
        f"See the review notes here: {_admin_link(story, NOTES_ANCHOR)}\n"
    )
    send_mass_mail([(subject, body, None, [email]) for email in emails])

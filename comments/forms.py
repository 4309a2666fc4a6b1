from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django_comments_xtd.forms import XtdCommentForm
from django_comments_xtd.models import max_thread_level_for_content_type

from .models import REPORT_NOTE_MAX_LENGTH, CommentReason, ReaderComment

REPLY_TOO_DEEP = "reply_too_deep"
REPLY_NOT_FOUND = "reply_not_found"
# The largest id a bigint column holds; a larger reply_to would crash the query (OverflowError on SQLite).
MAX_ID = 2**63 - 1


class CommentForm(XtdCommentForm):
    """The reader's comment form: comment, name, email (never shown), follow-up emails.

    Adds our wording, drops xtd's website field and checks the reply depth:
    xtd 2.10 raises an unhandled MaxThreadLevelExceededException (HTTP 500)
    when `reply_to` is deeper than allowed.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        del self.fields["url"]
        comment, name, email = self.fields["comment"], self.fields["name"], self.fields["email"]
        comment.label = "Your comment"
        comment.error_messages.update(
            required="Please enter your comment.",
            max_length=f"Please keep your comment under {comment.max_length:,} characters.",
        )
        comment.widget = forms.Textarea(attrs={"rows": 6, "maxlength": comment.max_length})
        name.label = "Your name"
        name.help_text = "Shown with your comment."
        name.error_messages.update(
            required="Please enter your name.", max_length="Please keep your name under 50 characters."
        )
        name.widget = forms.TextInput(attrs={"autocomplete": "name", "maxlength": 50})
        email.label = "Your email address"
        email.help_text = (
            "Never shown. We email you a link to confirm it, once: this browser then remembers the address for a year."
        )
        email.error_messages.update(
            required="Please enter a valid email address.", invalid="Please enter a valid email address."
        )
        email.widget = forms.EmailInput(attrs={"autocomplete": "email"})
        self.fields["followup"].label = "Email me when someone comments on this story"
        self.fields["followup"].widget.attrs.pop("class", None)
        self.fields["honeypot"].label = "Leave this field empty"

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data["url"] = ""  # xtd's comment data expects it
        self.check_reply(cleaned_data.get("reply_to") or 0)
        return cleaned_data

    def check_reply(self, parent_pk):
        """A reply must answer a visible comment on the same story, within the allowed depth."""
        if not parent_pk:
            return
        if not 0 < parent_pk <= MAX_ID:
            raise ValidationError("The comment you are replying to is not available.", code=REPLY_NOT_FOUND)
        parent = (
            ReaderComment.objects.visible().for_article(self.target_object).filter(pk=parent_pk).first()
        )
        if parent is None:
            raise ValidationError("The comment you are replying to is not available.", code=REPLY_NOT_FOUND)
        if parent.level >= max_thread_level_for_content_type(parent.content_type):
            raise ValidationError(
                "Replies cannot go deeper than this one. Please reply to the comment above it instead.",
                code=REPLY_TOO_DEEP,
            )

    @property
    def has_reply_error(self):
        return self.has_error(NON_FIELD_ERRORS, REPLY_TOO_DEEP) or self.has_error(NON_FIELD_ERRORS, REPLY_NOT_FOUND)


class ReportForm(forms.Form):
    """A reader's report: a reason (CommentReason) and a note, needed for "other". The rules
    are comments.services.check_report's; this form shows them field by field."""

    reason = forms.ChoiceField(
        label="Why are you reporting this comment?",
        choices=[(value, label[:1].upper() + label[1:]) for value, label in CommentReason.choices],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Please choose why you are reporting this comment.",
            "invalid_choice": "Please choose why you are reporting this comment.",
        },
    )
    note = forms.CharField(
        label="Anything a moderator should know",
        required=False,
        help_text=f"Needed when you choose Other. At most {REPORT_NOTE_MAX_LENGTH} characters; never shown to readers.",
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": REPORT_NOTE_MAX_LENGTH}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self):
        from .services import check_report

        cleaned_data = super().clean()
        if "reason" in cleaned_data:
            try:
                check_report(cleaned_data["reason"], cleaned_data.get("note", ""))
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data

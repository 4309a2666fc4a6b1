"""The risk score that orders the Pending queue of the moderation desk: the riskiest
comment first, the oldest first among equals.

WEIGHTS is the one table of what counts and how much. Each factor is a number the
database works out for every comment (so the queue is ordered and paginated in SQL):
`annotate_risk()` adds one `risk_<key>` per factor and their weighted sum `risk`;
`explain()` turns those numbers back into the lines the card shows ("watched word +40").

- watched word, links: the reasons stored when the comment was held (comments/moderation.py
  decided them with the word lists and link limit of that moment);
- first comment: no other comment from this email address (capitals ignored) is public;
- reports: open reader reports (since the last approval: ReaderCommentQuerySet.with_open_reports);
- removals: other comments from this email address that moderators removed.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce

from .models import ModerationReason, ReaderComment
from .queues import with_reports

Reason = ModerationReason.Code


@dataclass(frozen=True)
class Factor:
    key: str
    weight: int
    # What one unit of it is, on the card: "+40 watched word", "+20 2 × removed before".
    label: str
    each: bool = False  # counted per unit (reports, removals) or once


WEIGHTS = (
    Factor("watched_word", 40, "contains a watched word"),
    Factor("links", 20, "several links"),
    Factor("first_comment", 15, "first comment from this email"),
    Factor("reports", 10, "open reader report", each=True),
    Factor("removed_before", 25, "earlier comment removed", each=True),
)


def _has_reason(code):
    return Cast(Exists(ModerationReason.objects.filter(comment=OuterRef("pk"), code=code)), IntegerField())


def _others_from_same_email():
    return ReaderComment.objects.filter(user_email__iexact=OuterRef("user_email")).exclude(pk=OuterRef("pk"))


def _count(queryset):
    return Coalesce(
        Subquery(queryset.order_by().annotate(one=Value(1)).values("one").annotate(n=Count("pk")).values("n")[:1]),
        0,
    )


def _expressions():
    """The database expression of each factor: a whole number for each comment."""
    return {
        "watched_word": _has_reason(Reason.WATCHED_WORD),
        "links": _has_reason(Reason.LINKS),
        "first_comment": 1 - Cast(Exists(_others_from_same_email().visible()), IntegerField()),
        "reports": F("open_reports"),
        "removed_before": _count(_others_from_same_email().filter(is_removed=True)),
    }


def annotate_risk(queryset):
    """`risk_<key>` for each factor of WEIGHTS, and `risk`, their weighted sum."""
    expressions = _expressions()
    queryset = with_reports(queryset).annotate(
        **{f"risk_{factor.key}": expressions[factor.key] for factor in WEIGHTS}
    )
    total = sum((F(f"risk_{factor.key}") * factor.weight for factor in WEIGHTS), Value(0))
    return queryset.annotate(risk=total)


@dataclass(frozen=True)
class Part:
    factor: Factor
    count: int

    @property
    def points(self):
        return self.factor.weight * self.count

    def __str__(self):
        label = self.factor.label
        if self.factor.each:
            label = f"{self.count} × {label}"
        return f"+{self.points} {label}"


@dataclass(frozen=True)
class Score:
    parts: tuple

    @property
    def total(self):
        return sum(part.points for part in self.parts)

    def __str__(self):
        return ", ".join(str(part) for part in self.parts) or "nothing counts against it"


def score(counts):
    """The score of a comment from its factor counts ({key: number}; missing keys are 0)."""
    return Score(tuple(Part(factor, int(counts.get(factor.key) or 0)) for factor in WEIGHTS
                       if counts.get(factor.key)))


def explain(comment):
    """The score of a comment annotated by annotate_risk()."""
    return score({factor.key: getattr(comment, f"risk_{factor.key}") for factor in WEIGHTS})

"""The risk score that orders the desk's Pending queue (comments/risk.py)."""

import pytest

from comments.models import CommentReport, ModerationReason, ReaderComment
from comments.risk import WEIGHTS, annotate_risk, explain, score
from tests.factories import CommentFactory, UserFactory

Reason = ModerationReason.Code
WEIGHT = {factor.key: factor.weight for factor in WEIGHTS}


def test_score_is_the_weighted_sum_of_its_factors():
    result = score({"watched_word": 1, "reports": 3, "removed_before": 2})

    assert result.total == WEIGHT["watched_word"] + 3 * WEIGHT["reports"] + 2 * WEIGHT["removed_before"]
    assert [part.factor.key for part in result.parts] == ["watched_word", "reports", "removed_before"]


def test_score_explains_each_part_in_words():
    result = score({"links": 1, "reports": 3})

    assert str(result) == f"+{WEIGHT['links']} several links, +{3 * WEIGHT['reports']} 3 × open reader report"


def test_a_comment_with_nothing_against_it_scores_zero():
    result = score({})

    assert result.total == 0
    assert str(result) == "nothing counts against it"


def test_every_factor_has_a_positive_weight_and_a_unique_key():
    assert len({factor.key for factor in WEIGHTS}) == len(WEIGHTS)
    assert all(factor.weight > 0 for factor in WEIGHTS)


@pytest.mark.django_db
def test_the_database_scores_each_factor(story):
    history = "repeat@example.org"
    CommentFactory(content_object=story, user_email=history, is_removed=True)
    CommentFactory(content_object=story, user_email=history.upper(), is_removed=True)
    risky = CommentFactory(content_object=story, user_email=history, is_public=False)
    for code in (Reason.WATCHED_WORD, Reason.LINKS):
        ModerationReason.objects.create(comment=risky, code=code)
    for _ in range(2):
        CommentReport.objects.create(comment=risky, user=UserFactory(), reason="spam")
    known = CommentFactory(content_object=story, user_email="known@example.org", is_public=False)
    CommentFactory(content_object=story, user_email="Known@example.org")

    scored = {c.pk: c for c in annotate_risk(ReaderComment.objects.filter(pk__in=[risky.pk, known.pk]))}

    risky_counts = {"watched_word": 1, "links": 1, "first_comment": 1, "reports": 2, "removed_before": 2}
    assert {f.key: getattr(scored[risky.pk], f"risk_{f.key}") for f in WEIGHTS} == risky_counts
    assert scored[risky.pk].risk == score(risky_counts).total == explain(scored[risky.pk]).total
    assert scored[known.pk].risk == 0
    assert str(explain(scored[known.pk])) == "nothing counts against it"

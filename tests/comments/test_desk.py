"""The moderation desk (/admin/comments/moderation/): cards, queues, decisions, and who may use it."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Commenter, CommentReport, ModerationDecision, ModerationReason, ReaderComment, WatchedWord
from comments.services import comment_remove
from tests.factories import ArticleFactory, CommentFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db

DESK = reverse("admin:comments_moderation")
Reason = ModerationReason.Code
HTMX = {"HTTP_HX_REQUEST": "true"}


def decide_url(comment, action):
    return reverse("admin:comments_moderation_decide", args=[comment.pk, action])


def held(story, *codes, **fields):
    """A comment waiting in the queue, with the reasons it was held for."""
    fields.setdefault("content_object", story)
    comment = CommentFactory(is_public=False, **fields)
    for code in codes:
        ModerationReason.objects.create(comment=comment, code=code)
    return comment


def report(comment, *reasons):
    for reason in reasons:
        CommentReport.objects.create(comment=comment, reason=reason, user=UserFactory())
    return comment


def card_ids(response):
    return [card.pk for card in response.context["cards"]]


@pytest.fixture
def desk(client, moderator):
    """A client signed in as a moderator."""
    client.force_login(moderator)
    return client


# --- the page ----------------------------------------------------------------------------


def test_a_card_shows_the_comment_with_its_reasons_in_words_and_the_commenters_record(desk, story):
    WatchedWord.objects.create(word="scam")
    CommentFactory(content_object=story, user_email="ana@example.org", submit_date=timezone.now() - timedelta(days=9))
    CommentFactory(content_object=story, user_email="ana@example.org", is_removed=True)
    parent = CommentFactory(content_object=story, user_name="Ben", comment="The harbour needs dredging.")
    comment = held(story, Reason.WATCHED_WORD, Reason.LINKS, user_name="Ana", user_email="Ana@example.org",
                   comment="A scam, see https://a.example/x and www.b.example", parent=parent)
    report(comment, "spam", "abuse", "spam")

    html = desk.get(DESK).content.decode()

    assert "Comment by Ana" in html
    assert "A <mark>scam</mark>, see <mark>https://a.example/x</mark> and <mark>www.b.example</mark>" in html
    assert "contains the watched word ‘scam’" in html
    assert "2 links" in html
    assert "reported 3 times: spam, abuse or harassment" in html
    assert "In reply to Ben" in html and "The harbour needs dredging." in html
    assert f'href="{story.get_absolute_url()}"' in html
    assert "1 approved, 1 removed, 1 pending; first seen" in html
    assert reverse("admin:comments_readercomment_changelist") + "?queue=all&amp;email=Ana%40example.org" in html
    assert "Approve<span class=\"desk-sr\"> comment by Ana</span>" in html


def test_reader_text_is_escaped_and_only_the_desk_marks_it(desk, story):
    WatchedWord.objects.create(word="casino")
    held(story, Reason.WATCHED_WORD, user_name="<b>Eve</b>",
         comment='<script>alert("x")</script> <mark>fake</mark> casino')

    html = desk.get(DESK).content.decode()

    assert "<script>alert" not in html and "<b>Eve</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;mark&gt;fake&lt;/mark&gt; <mark>casino</mark>" in html
    assert "Comment by &lt;b&gt;Eve&lt;/b&gt;" in html


def test_pending_is_ordered_by_risk_score_and_oldest_first_on_ties(desk, story):
    now = timezone.now()
    calm_new = held(story, submit_date=now - timedelta(minutes=1), user_email="a@example.org")
    calm_old = held(story, submit_date=now - timedelta(hours=2), user_email="b@example.org")
    risky = held(story, Reason.WATCHED_WORD, submit_date=now, user_email="c@example.org")
    reported_twice = report(held(story, submit_date=now, user_email="d@example.org"), "spam", "spam")
    for email in ("a@example.org", "b@example.org"):  # neither is a first comment
        CommentFactory(content_object=story, user_email=email)

    response = desk.get(DESK)

    assert card_ids(response) == [risky.pk, reported_twice.pk, calm_old.pk, calm_new.pk]
    scores = [card.score.total for card in response.context["cards"]]
    assert scores == sorted(scores, reverse=True) and scores[-1] == scores[-2] == 0
    assert "+40 contains a watched word" in response.content.decode()


def test_queues_have_their_counts_and_each_lists_its_comments(desk, story):
    pending = held(story, Reason.PREMODERATED)
    reported = report(CommentFactory(content_object=story), "off_topic")
    public = CommentFactory(content_object=story)
    removed = CommentFactory(content_object=story, is_removed=True)

    page = desk.get(DESK)
    assert page.context["queues"][0]["count"] == 1
    assert {row["queue"].slug: row["count"] for row in page.context["queues"]} == {
        "pending": 1, "reported": 1, "public": 2, "removed": 1,
    }
    assert card_ids(page) == [pending.pk]
    assert card_ids(desk.get(DESK, {"queue": "reported"})) == [reported.pk]
    assert set(card_ids(desk.get(DESK, {"queue": "public"}))) == {reported.pk, public.pk}
    assert card_ids(desk.get(DESK, {"queue": "removed"})) == [removed.pk]


def test_filters_by_story_and_by_section_narrow_the_cards_and_the_counts(desk, story):
    other_section = SectionFactory(name="Sport", slug="sport")
    match_report = ArticleFactory(section=other_section, headline="Cup final")
    here = held(story)
    there = held(match_report)

    by_story = desk.get(DESK, {"story": story.pk})
    by_section = desk.get(DESK, {"section": other_section.pk})

    assert card_ids(by_story) == [here.pk]
    assert card_ids(by_section) == [there.pk]
    assert by_section.context["queues"][0]["count"] == 1
    assert set(card_ids(desk.get(DESK, {"story": "x", "section": "99999999999999999999"}))) == {here.pk, there.pk}


def test_the_desk_has_a_constant_number_of_queries_however_many_cards(desk, story, query_budget):
    parent = CommentFactory(content_object=story)
    for n in range(100):
        where = {"parent": parent} if n % 5 == 0 else {"content_object": ArticleFactory() if n % 10 == 1 else story}
        comment = held(story, Reason.LINKS, Reason.FIRST_COMMENT, user_email=f"r{n % 30}@example.org", **where)
        if n % 7 == 0:
            report(comment, "spam")

    with query_budget("moderation desk"):
        response = desk.get(DESK)
    assert len(response.context["cards"]) == 25
    assert response.context["page_obj"].paginator.count == 100
    with query_budget("moderation desk"):
        assert len(desk.get(DESK, {"page": 4}).context["cards"]) == 25


def test_a_moderator_sees_the_desk_first_with_the_pending_and_reported_counts(desk, story):
    held(story)
    held(story)
    report(CommentFactory(content_object=story), "spam")

    home = desk.get(reverse("admin:index"))

    comments_app = next(app for app in home.context["app_list"] if app["app_label"] == "comments")
    assert comments_app["models"][0]["name"] == "Moderation desk · 2 pending · 1 reported"
    assert comments_app["models"][0]["admin_url"] == DESK
    sidebar = desk.get(reverse("admin:comments_readercomment_changelist")).context["available_apps"]
    assert next(app for app in sidebar if app["app_label"] == "comments")["models"][0]["admin_url"] == DESK


def test_the_counts_cost_the_home_page_one_query_and_only_moderators_see_them(client, moderator, writer, story):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    held(story)
    client.force_login(writer)
    assert "Moderation desk" not in client.get(reverse("admin:index")).content.decode()
    client.force_login(moderator)

    with CaptureQueriesContext(connection) as queries:
        home = client.get(reverse("admin:index"))

    assert "Moderation desk · 1 pending · 0 reported" in home.content.decode()
    comment_queries = [q["sql"] for q in queries.captured_queries if "django_comments" in q["sql"]]
    assert len(comment_queries) == 1


def test_the_changelist_still_works_and_reads_the_same_queues(desk, story):
    pending = held(story)
    changelist = desk.get(reverse("admin:comments_readercomment_changelist"))

    assert [c.pk for c in changelist.context["cl"].result_list] == [pending.pk]


# --- decisions ---------------------------------------------------------------------------


def test_approve_with_htmx_returns_the_card_and_the_counts_and_logs_who(desk, moderator, story):
    comment = held(story, Reason.FIRST_COMMENT, user_name="Ana")
    held(story)

    response = desk.post(decide_url(comment, "approve"), {"state": "pending", "queue": "pending"},
                         HTTP_HX_TARGET=f"card-{comment.pk}", **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<article class="desk-card desk-card--decided" id="card-{comment.pk}"')
    assert "Approved comment by Ana. 1 left." in html
    assert 'id="desk-queues" class="desk-queues" aria-label="Queues" hx-swap-oob="true"' in html
    assert '<p id="desk-announce" hx-swap-oob="innerHTML">Approved comment by Ana. 1 left.</p>' in html
    comment.refresh_from_db()
    assert comment.is_public
    decision = comment.decisions.get()
    assert (decision.action, decision.by) == ("approved", moderator)


def test_every_decision_also_works_as_a_plain_post_and_redirect(desk, story):
    comment = held(story, user_name="Ana")

    response = desk.post(decide_url(comment, "remove"),
                         {"state": "pending", "queue": "pending", "story": story.pk, "reason": "spam", "note": "Ads"})

    assert response.status_code == 302
    assert response["Location"] == f"{DESK}?queue=pending&story={story.pk}#card-{comment.pk}"
    page = desk.get(response["Location"])
    assert "Removed comment by Ana. 0 left." in page.content.decode()
    decision = ModerationDecision.objects.get(comment=comment)
    assert (decision.action, decision.reason, decision.note) == ("removed", "spam", "Ads")


def test_remove_needs_a_reason_from_the_list(desk, story):
    comment = held(story)

    for reason in ("", "because"):
        response = desk.post(decide_url(comment, "remove"), {"state": "pending", "reason": reason}, **HTMX)
        assert response.status_code == 400
        assert "choose why" in response.content.decode()

    comment.refresh_from_db()
    assert not comment.is_removed and not comment.decisions.exists()


def test_undo_restores_exactly_the_state_before_the_decision(desk, story):
    reported = report(CommentFactory(content_object=story, user_name="Ana"), "spam")
    desk.post(decide_url(reported, "remove"), {"state": "reported", "queue": "reported", "reason": "abuse"})
    decision = ModerationDecision.objects.get(comment=reported)

    response = desk.post(reverse("admin:comments_moderation_undo"), {"decision": decision.pk, "queue": "reported"},
                         HTTP_HX_TARGET=f"card-{reported.pk}", **HTMX)

    reported.refresh_from_db()
    assert response.status_code == 200
    assert reported.is_public and not reported.is_removed  # public again, with its open report: not "pending"
    assert "back where it was. 1 left." in response.content.decode()
    assert 'data-decided' not in response.content.decode().split("</article>")[0]
    assert ModerationDecision.objects.filter(comment=reported, action="undone", undoes=decision).exists()


def test_the_last_decision_box_offers_the_moderators_latest_decision_not_undone(desk, moderator, story):
    first, second = held(story, user_name="Ana"), held(story, user_name="Ben")
    desk.post(decide_url(first, "approve"), {"state": "pending"})
    desk.post(decide_url(second, "approve"), {"state": "pending"})
    assert desk.get(DESK).context["last_decision"].comment_id == second.pk

    desk.post(reverse("admin:comments_moderation_undo"), {"decision": ModerationDecision.objects.get(comment=second).pk})

    assert desk.get(DESK).context["last_decision"].comment_id == first.pk


def test_undo_is_refused_when_a_later_decision_exists(desk, moderator, story):
    comment = held(story)
    desk.post(decide_url(comment, "approve"), {"state": "pending"})
    approval = ModerationDecision.objects.get(comment=comment)
    comment_remove(comment=ReaderComment.objects.get(pk=comment.pk), by=moderator, reason="spam")

    response = desk.post(reverse("admin:comments_moderation_undo"), {"decision": approval.pk}, **HTMX)

    assert response.status_code == 409
    comment.refresh_from_db()
    assert comment.is_removed


def test_a_decision_on_a_comment_in_another_state_is_refused(desk, story):
    public = CommentFactory(content_object=story)
    removed = CommentFactory(content_object=story, is_removed=True)

    stale = desk.post(decide_url(public, "approve"), {"state": "pending"}, **HTMX)  # approved meanwhile
    twice = desk.post(decide_url(removed, "remove"), {"state": "removed", "reason": "spam"}, **HTMX)
    forged = desk.post(decide_url(public, "approve"), {"state": "public"}, **HTMX)  # nothing to approve

    assert stale.status_code == twice.status_code == forged.status_code == 409
    assert "is public now" in stale.content.decode()
    assert not ModerationDecision.objects.exists()


def test_commenter_decisions_by_email_and_address(desk, moderator, story, comment_post):
    comment = held(story, user_email="Troll@Example.org", ip_address="2001:db8:1:2::7")
    url = reverse("admin:comments_moderation_commenter", args=["ban"])

    response = desk.post(url, {"comment": comment.pk, "with_address": "1", "queue": "pending"},
                         HTTP_HX_TARGET=f"card-{comment.pk}", **HTMX)

    assert response.status_code == 200
    commenter = Commenter.objects.get(email="troll@example.org")
    assert commenter.status == Commenter.Status.BANNED
    assert commenter.banned_address.startswith("2001:db8:1:2")
    assert "Banned: Troll@Example.org and the address 2001:db8:1:2::7" in response.content.decode()
    assert "comments refused" in response.content.decode()  # the card shows the new status

    for action, status in [("trust", "trusted"), ("premoderate", "premoderated"), ("reset", "normal")]:
        desk.post(reverse("admin:comments_moderation_commenter", args=[action]), {"comment": comment.pk})
        assert Commenter.objects.get(email="troll@example.org").status == status


def test_a_banned_commenters_next_comment_is_refused(desk, client, story, comment_post, settings):
    comment = held(story, user_email="troll@example.org")
    desk.post(reverse("admin:comments_moderation_commenter", args=["ban"]), {"comment": comment.pk})
    desk.logout()

    comment_post(story, email="troll@example.org", comment="Back again.")

    assert not ReaderComment.objects.filter(comment="Back again.").exists()


def test_a_decision_refreshes_exactly_the_cached_pages_it_changes(desk, story):
    reader = Client()
    comment = held(story, comment="Worth reading.")
    other = held(story, comment="Never shown.")
    reader.get(story.get_absolute_url())
    assert reader.get(story.get_absolute_url())["X-Page-Cache"] == "hit"

    desk.post(decide_url(other, "remove"), {"state": "pending", "reason": "spam"})  # readers never saw it
    assert reader.get(story.get_absolute_url())["X-Page-Cache"] == "hit"

    desk.post(decide_url(comment, "approve"), {"state": "pending"})
    page = reader.get(story.get_absolute_url())
    assert page["X-Page-Cache"] == "miss" and "Worth reading." in page.content.decode()

    desk.post(reverse("admin:comments_moderation_undo"),
              {"decision": ModerationDecision.objects.get(comment=comment).pk})
    page = reader.get(story.get_absolute_url())
    assert page["X-Page-Cache"] == "miss" and "Worth reading." not in page.content.decode()


# --- who may use it (from the attacker's side) -------------------------------------------


def desk_requests(comment, decision):
    """Every desk URL, as (method, url, data)."""
    return [
        ("get", DESK, {}),
        ("post", decide_url(comment, "approve"), {"state": "pending"}),
        ("post", decide_url(comment, "remove"), {"state": "pending", "reason": "spam"}),
        ("post", reverse("admin:comments_moderation_undo"), {"decision": decision.pk}),
        *[("post", reverse("admin:comments_moderation_commenter", args=[action]), {"comment": comment.pk})
          for action in ("trust", "premoderate", "ban", "reset")],
    ]


@pytest.fixture
def staff_without_permission(db):
    """A staff user who may change comments in the admin, but not moderate."""
    user = UserFactory(username="helper", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_comment", content_type__app_label="django_comments"))
    return user


@pytest.mark.parametrize("who", ["writer", "editor", "staff_without_permission", "reader"])
def test_only_moderators_may_use_any_desk_url(client, request, story, moderator, who):
    comment = held(story)
    decision = comment_remove(comment=CommentFactory(content_object=story), by=moderator, reason="spam")
    client.force_login(request.getfixturevalue(who))

    for method, url, data in desk_requests(comment, decision):
        response = getattr(client, method)(url, data, **HTMX)
        if who == "reader":  # not staff: the admin's sign-in page
            assert response.status_code == 302 and "/admin/login/" in response["Location"], url
        else:
            assert response.status_code == 403, url

    comment.refresh_from_db()
    assert not comment.is_public and not comment.is_removed
    assert not Commenter.objects.exists()
    assert ModerationDecision.objects.count() == 1


def test_signed_out_visitors_get_the_sign_in_page_or_403(client, story, moderator):
    comment = held(story)
    decision = comment_remove(comment=CommentFactory(content_object=story), by=moderator, reason="spam")

    for method, url, data in desk_requests(comment, decision):
        response = getattr(client, method)(url, data)
        if method == "get":
            assert response.status_code == 302 and "/admin/login/" in response["Location"]
        else:
            assert response.status_code == 403, url
    assert ModerationDecision.objects.count() == 1


def test_forged_ids_are_not_found(desk, story, moderator):
    other_moderator = UserFactory(username="othermod", is_staff=True, is_superuser=True)
    theirs = comment_remove(comment=CommentFactory(content_object=story), by=other_moderator, reason="spam")
    not_on_a_story = CommentFactory(content_object=UserFactory(), is_public=False)

    for url, data in [
        (reverse("admin:comments_moderation_decide", args=[10**12, "approve"]), {"state": "pending"}),
        (f"{DESK}99999999999999999999999/approve/", {"state": "pending"}),
        (f"{DESK}abc/approve/", {"state": "pending"}),
        (decide_url(not_on_a_story, "approve"), {"state": "pending"}),
        (decide_url(held(story), "publish"), {"state": "pending"}),
        (reverse("admin:comments_moderation_undo"), {"decision": theirs.pk}),  # another moderator's decision
        (reverse("admin:comments_moderation_undo"), {"decision": "1 OR 1=1"}),
        (reverse("admin:comments_moderation_commenter", args=["ban"]), {"comment": "-1"}),
        (reverse("admin:comments_moderation_commenter", args=["delete"]), {"comment": not_on_a_story.pk}),
    ]:
        assert desk.post(url, data, **HTMX).status_code == 404, url

    assert not Commenter.objects.exists()
    assert ModerationDecision.objects.count() == 1


def test_decisions_need_the_csrf_token(moderator, story):
    comment = held(story)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(moderator)

    assert browser.post(decide_url(comment, "approve"), {"state": "pending"}, **HTMX).status_code == 403
    assert browser.post(reverse("admin:comments_moderation_commenter", args=["ban"]),
                        {"comment": comment.pk}).status_code == 403
    comment.refresh_from_db()
    assert not comment.is_public and not Commenter.objects.exists()


def test_the_desk_only_answers_get_and_post(desk, story):
    comment = held(story)

    assert desk.post(DESK).status_code == 405
    assert desk.get(decide_url(comment, "approve")).status_code == 405

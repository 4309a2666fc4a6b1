"""The admin's home by role (articles/home.py) and the editorial calendar (articles/admin_home.py)."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import services
from articles.admin_home import read_period
from articles.home import week_start
from articles.models import Article
from tests.factories import ArticleFactory, CommentFactory, CommentReportFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = Article.Status
CALENDAR = "/admin/articles/article/calendar/"


def _panels(response):
    """{panel title: (count, [headlines of its rows])} of the home page."""
    return {
        built["panel"].title: (built["count"], [story.headline for story in built.get("rows", [])])
        for built in response.context["home_panels"]
    }


def _draft(writer, headline, **fields):
    return ArticleFactory(headline=headline, status=Status.DRAFT, publish_at=None, created_by=writer,
                          bylines=[writer.author_profile], **fields)


@pytest.fixture
def newsroom(writer, other_writer, editor):
    """A week's work: two stories in review (the writer's, submitted first, and another
    writer's), one sent back to the writer, drafts of both writers, a story going live
    tomorrow under embargo, one in three days, one published an hour ago and one last month."""
    from tests.factories import AuthorFactory

    other_writer_byline = AuthorFactory(name="Otto Other", user=other_writer)
    now = timezone.now()
    mine = _draft(writer, "Ferry fares to rise in spring")
    services.article_submit(article=mine, by=writer)
    theirs = ArticleFactory(headline="Bridge repairs run late", status=Status.DRAFT, publish_at=None,
                            created_by=other_writer, bylines=[other_writer_byline])
    services.article_submit(article=theirs, by=other_writer)
    sent_back = _draft(writer, "Harbour wall survey")
    services.article_submit(article=sent_back, by=writer)
    note = "Check the survey's date with the council.\nThen give the cost in full."
    services.article_request_changes(article=sent_back, by=editor, note=note)
    _draft(writer, "Lighthouse keepers reunion")
    ArticleFactory(headline="Secret merger talks", status=Status.DRAFT, publish_at=None, created_by=other_writer,
                   bylines=[other_writer_byline])
    tomorrow = now + timedelta(days=1)
    embargoed = ArticleFactory(headline="Budget report embargoed", publish_at=tomorrow, embargo_until=tomorrow)
    ArticleFactory(headline="Regatta preview", publish_at=now + timedelta(days=3))
    ArticleFactory(headline="Tide tables published", publish_at=now - timedelta(hours=1),
                   bylines=[writer.author_profile])
    ArticleFactory(headline="Old ferry story", publish_at=now - timedelta(days=30), bylines=[writer.author_profile])
    return {"mine": mine, "theirs": theirs, "sent_back": sent_back, "note": note, "embargoed": embargoed}


def test_an_editor_sees_the_reviews_oldest_first_with_who_submitted_and_the_week_ahead(client, editor, newsroom):
    client.force_login(editor)

    response = client.get("/admin/")

    panels = _panels(response)
    assert panels["Awaiting your review"] == (2, ["Ferry fares to rise in spring", "Bridge repairs run late"])
    assert panels["Scheduled in the next 48 hours"] == (1, ["Budget report embargoed"])
    assert panels["Under embargo"] == (1, ["Budget report embargoed"])
    assert panels["Recently published"] == (1, ["Tide tables published"])
    assert panels["Stories with comments waiting"] == (0, [])
    assert "Sent back to you" not in panels and "Your drafts" not in panels
    page = response.content.decode()
    assert "Wendy Writer, <time" in page  # who submitted it, then how long ago
    assert "Embargo until" in page
    change = f'/admin/articles/article/{newsroom["mine"].pk}/change/'
    assert f'href="{change}"' in page
    assert client.get(change).status_code == 200


def test_an_editor_sees_the_stories_with_comments_waiting_for_a_moderator(client, editor, story):
    quiet = ArticleFactory(headline="No comments here")
    CommentFactory(content_object=quiet)  # public: nothing waits
    CommentFactory(content_object=story, is_public=False, submit_date=timezone.now() - timedelta(hours=2))
    CommentFactory(content_object=story, is_public=False)
    client.force_login(editor)

    response = client.get("/admin/")

    assert _panels(response)["Stories with comments waiting"] == (1, ["Harbour plan unveiled"])
    assert "2 waiting, the oldest for <time" in response.content.decode()


def test_a_writer_sees_their_own_work_and_the_editors_note_in_full_never_another_writers(
    client, writer, newsroom
):
    client.force_login(writer)

    response = client.get("/admin/")

    panels = _panels(response)
    assert list(panels) == ["Sent back to you", "Your drafts", "In review", "Published this week"]
    assert panels["Sent back to you"] == (1, ["Harbour wall survey"])
    assert panels["Your drafts"] == (1, ["Lighthouse keepers reunion"])
    assert panels["In review"] == (1, ["Ferry fares to rise in spring"])
    expected = ["Tide tables published"] if timezone.now() - timedelta(hours=1) >= week_start(timezone.now()) else []
    assert panels["Published this week"] == (len(expected), expected)
    page = response.content.decode()
    assert "Check the survey&#x27;s date with the council.<br>Then give the cost in full." in page
    for hidden in ["Secret merger talks", "Bridge repairs run late", "Budget report embargoed", "Awaiting your review"]:
        assert hidden not in page


def test_a_moderator_sees_the_pending_and_reported_counts_and_the_oldest_wait_and_no_stories(
    client, moderator, story
):
    CommentFactory(content_object=story, is_public=False, submit_date=timezone.now() - timedelta(hours=3))
    CommentFactory(content_object=story, is_public=False)
    CommentReportFactory(comment=CommentFactory(content_object=story))
    ArticleFactory(headline="Draft for the desk", status=Status.IN_REVIEW, publish_at=None)
    client.force_login(moderator)

    response = client.get("/admin/")

    [built] = response.context["home_panels"]
    assert (built["pending"], built["reported"]) == (2, 1)
    assert timezone.now() - built["oldest_pending"] >= timedelta(hours=3)
    page = response.content.decode()
    assert "3\xa0hours" in page
    assert "/admin/comments/moderation/?queue=reported" in page
    assert "Draft for the desk" not in page and "Harbour plan unveiled" not in page


def test_a_user_with_no_role_sees_no_panel(client, db):
    client.force_login(UserFactory(username="intern", is_staff=True))

    response = client.get("/admin/")

    assert response.context["home_panels"] == []


def test_the_nav_shows_the_editors_review_count_and_not_the_writers(client, editor, writer, newsroom):
    client.force_login(editor)
    assert "Awaiting your review · 2" in client.get("/admin/articles/article/").content.decode()

    client.force_login(writer)
    page = client.get("/admin/articles/article/").content.decode()
    assert "Awaiting your review" not in page
    assert 'href="/admin/articles/article/calendar/"' in page  # "Calendar" in the story list's tools


def test_a_panel_counts_every_match_and_lists_its_first_rows_with_a_link_to_the_rest(client, editor, section):
    now = timezone.now()
    for hour in range(12):
        ArticleFactory(section=section, publish_at=now - timedelta(hours=hour + 1))
    client.force_login(editor)

    response = client.get("/admin/")

    count, rows = _panels(response)["Recently published"]
    assert (count, len(rows)) == (12, 8)
    assert "All 12 in the story list" in response.content.decode()


# The queryset methods the panels, the calendar and the story list's filter share.


@pytest.mark.parametrize(("status", "publish", "embargo", "scheduled", "embargoed"), [
    (Status.PUBLISHED, -1, None, False, False),
    (Status.PUBLISHED, 1, None, True, False),
    (Status.PUBLISHED, 2, 1, True, True),
    (Status.PUBLISHED, -2, -1, False, False),
    (Status.PUBLISHED, None, None, True, False),
    (Status.DRAFT, 1, None, False, False),
    (Status.WITHDRAWN, 1, 1, False, False),
])
def test_scheduled_and_under_embargo_mirror_the_story_they_describe(status, publish, embargo, scheduled, embargoed):
    now = timezone.now()

    def hours(value):
        return None if value is None else now + timedelta(hours=value)

    story = ArticleFactory(status=status, publish_at=hours(publish), embargo_until=hours(embargo))

    assert Article.objects.scheduled(now).filter(pk=story.pk).exists() is scheduled is story.is_scheduled(now)
    assert Article.objects.under_embargo(now).filter(pk=story.pk).exists() is embargoed


def test_going_live_between_takes_the_later_of_publish_time_and_embargo(db):
    now = timezone.now()
    late_embargo = ArticleFactory(publish_at=now + timedelta(hours=1), embargo_until=now + timedelta(hours=5))
    plain = ArticleFactory(publish_at=now + timedelta(hours=2))

    soon = Article.objects.going_live_between(now, now + timedelta(hours=3))

    assert list(soon) == [plain]
    later = Article.objects.going_live_between(now + timedelta(hours=3), now + timedelta(hours=6)).get()
    assert later == late_embargo and later.goes_live == late_embargo.go_live_at


# The calendar.


def _this_week_story(**fields):
    """A story going live tomorrow, or earlier today when today is Sunday (inside this week)."""
    now = timezone.now()
    local = timezone.localtime(now)
    at = now + timedelta(days=1) if local.weekday() < 6 else now + timedelta(minutes=5)
    return ArticleFactory(publish_at=at, **fields)


def test_the_calendar_lists_this_weeks_stories_by_day_with_embargoes_marked(client, editor):
    story = _this_week_story(headline="Budget report embargoed")
    story.embargo_until = story.publish_at
    story.save()
    ArticleFactory(headline="Published last month", publish_at=timezone.now() - timedelta(days=40))
    ArticleFactory(headline="Still a draft", status=Status.DRAFT, publish_at=timezone.now() + timedelta(hours=1))
    client.force_login(editor)

    response = client.get(CALENDAR)

    assert response.status_code == 200
    day = timezone.localtime(story.publish_at).date()
    [listed] = [d for d in response.context["days"] if d["date"] == day]
    assert [s.headline for s in listed["stories"]] == ["Budget report embargoed"]
    page = response.content.decode()
    assert "Embargo until" in page and "Scheduled" in page
    assert f'href="/admin/articles/article/{story.pk}/change/"' in page
    assert "Published last month" not in page and "Still a draft" not in page
    assert len(response.context["days"]) == 7


def test_the_calendar_goes_by_week_and_month_with_previous_and_next(client, editor):
    ArticleFactory(headline="New year story", publish_at=timezone.make_aware(datetime(2027, 1, 1, 9, 0)))
    client.force_login(editor)

    week = client.get(CALENDAR, {"week": "2026-W53"})
    month = client.get(CALENDAR, {"month": "2027-01"})

    assert week.status_code == month.status_code == 200
    assert "New year story" in week.content.decode() and "New year story" in month.content.decode()
    assert 'href="?week=2026-W52"' in week.content.decode() and 'href="?week=2027-W01"' in week.content.decode()
    assert 'href="?month=2026-12"' in month.content.decode() and 'href="?month=2027-02"' in month.content.decode()
    assert [d["date"].isoformat() for d in week.context["days"]][::6] == ["2026-12-28", "2027-01-03"]
    days = month.context["days"]
    assert len(days) % 7 == 0 and days[0]["date"].weekday() == 0
    assert sum(not d["outside"] for d in days) == 31


@pytest.mark.parametrize("query", [
    {"week": "2026-W54"}, {"week": "2026-53"}, {"week": "0001-W01"}, {"week": "9999-W52"}, {"week": "x" * 5000},
    {"month": "2026-13"}, {"month": "2026-00"}, {"month": "0001-01"}, {"month": "9999-12"}, {"month": "२०२६-१२"},
    {"week": "２０２６-W01"},
])
def test_a_period_that_is_not_one_is_a_400_saying_what_to_write(client, editor, query):
    client.force_login(editor)

    response = client.get(CALENDAR, query)

    assert response.status_code == 400
    assert "write it as year-" in response.content.decode()


def test_read_period_defaults_to_this_week_from_monday():
    today = timezone.localdate()

    period = read_period({}, today)

    assert period.first.weekday() == 0 and period.first <= today <= period.last


def test_a_writers_calendar_lists_only_their_own_stories(client, writer):
    own = _this_week_story(headline="My scheduled piece", bylines=[writer.author_profile])
    _this_week_story(headline="Someone else's scoop")
    client.force_login(writer)

    page = client.get(CALENDAR).content.decode()

    assert own.headline in page and "Someone else" not in page


def test_a_moderator_may_not_open_the_calendar(client, moderator):
    client.force_login(moderator)

    assert client.get(CALENDAR).status_code == 403


def test_the_calendar_is_not_for_readers(client, reader):
    client.force_login(reader)

    assert client.get(CALENDAR).status_code == 302  # to the admin's sign-in


def _stories_of_every_kind(writer, editor, n):
    """5×n stories: in review, sent back with a note, drafts, scheduled (every other one under
    embargo), and published with a comment waiting."""
    section = SectionFactory()
    now = timezone.now()
    for i in range(n):
        services.article_submit(article=_draft(writer, f"Review {n}-{i}", section=section), by=writer)
        sent_back = _draft(writer, f"Back {n}-{i}", section=section)
        services.article_submit(article=sent_back, by=writer)
        services.article_request_changes(article=sent_back, by=editor, note=f"Note {i}")
        _draft(writer, f"Draft {n}-{i}", section=section)
        at = now + timedelta(hours=1 + i)
        ArticleFactory(section=section, publish_at=at, embargo_until=None if i % 2 else at)
        published = ArticleFactory(section=section, publish_at=now - timedelta(minutes=i + 1),
                                   bylines=[writer.author_profile])
        CommentFactory(content_object=published, is_public=False)
        CommentReportFactory(comment=CommentFactory(content_object=published))


@pytest.mark.parametrize("role", ["editor", "writer", "moderator"])
def test_the_home_takes_as_many_queries_with_100_stories_as_with_5(client, role, editor, writer, moderator,
                                                                   query_budget):
    user = {"editor": editor, "writer": writer, "moderator": moderator}[role]
    client.force_login(user)
    _stories_of_every_kind(writer, editor, 1)
    client.get("/admin/")  # warm what a running site keeps (content types, the Site)
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/")
    _stories_of_every_kind(writer, editor, 19)

    with query_budget(f"admin home, {role}"):
        response = client.get("/admin/")

    assert response.status_code == 200
    with CaptureQueriesContext(connection) as many:
        client.get("/admin/")
    assert len(many) == len(few), role


def test_the_calendar_takes_as_many_queries_with_100_stories_as_with_one(client, editor, query_budget):
    client.force_login(editor)
    start = week_start(timezone.now())
    ArticleFactory(publish_at=start + timedelta(hours=1))
    with query_budget("editorial calendar"), CaptureQueriesContext(connection) as queries:
        assert len([s for d in client.get(CALENDAR).context["days"] for s in d["stories"]]) == 1
    first = len(queries)
    for i in range(99):
        ArticleFactory(publish_at=start + timedelta(minutes=90 * i + 1))

    with query_budget("editorial calendar"), CaptureQueriesContext(connection) as queries:
        response = client.get(CALENDAR)

    assert response.status_code == 200
    assert len([s for d in response.context["days"] for s in d["stories"]]) == 100
    assert len(queries) == first


def test_the_story_lists_publication_filter_reads_the_same_querysets(client, editor):
    now = timezone.now()
    ArticleFactory(headline="Out already")
    ArticleFactory(headline="Later today", publish_at=now + timedelta(hours=3))
    ArticleFactory(headline="Embargoed till noon", publish_at=now + timedelta(hours=4), embargo_until=now + timedelta(hours=4))
    client.force_login(editor)

    def listed(value):
        response = client.get("/admin/articles/article/", {"publication": value})
        return sorted(story.headline for story in response.context["cl"].result_list)

    assert listed("live") == ["Out already"]
    assert listed("scheduled") == ["Embargoed till noon", "Later today"]
    assert listed("embargoed") == ["Embargoed till noon"]

"""Per-IP rate limits on comment posting (django-ratelimit, newsroom/ratelimits.py)."""

import pytest

from comments.models import ReaderComment
from newsroom.ratelimits import limit_per_ip

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_interval(settings):
    """No per-poster interval: these tests post many comments from one address quickly."""
    settings.NEWSROOM_COMMENTS_MIN_INTERVAL = 0


def post_many(comment_post, story, count, ip, **fields):
    return [comment_post(story, ip=ip, comment=f"Point number {n} about the plan.", **fields) for n in range(count)]


def test_comment_posting_is_limited_to_ten_a_minute_per_ip(comment_post, story):
    responses = post_many(comment_post, story, 11, "198.51.100.7")

    assert [r.status_code for r in responses[:10]] == [302] * 10
    assert responses[10].status_code == 429


def test_the_429_page_says_what_happened_and_how_long_to_wait(comment_post, story):
    response = post_many(comment_post, story, 11, "198.51.100.7")[-1]

    page = response.content.decode()
    assert response.status_code == 429
    assert "Please slow down" in page
    assert "at most 10 a minute" in page and "Your last comment was not posted" in page
    assert 1 <= int(response["Retry-After"]) <= 60


def test_a_refused_comment_is_not_stored(client, comment_post, reader, story, settings):
    # An hourly window: django-ratelimit's windows are fixed, and a minute one may end mid-test.
    settings.NEWSROOM_RATE_LIMITS = {**settings.NEWSROOM_RATE_LIMITS, "comments": ["10/h"]}
    client.force_login(reader)
    post_many(comment_post, story, 12, "198.51.100.7")

    assert ReaderComment.objects.count() == 10


def test_the_limit_counts_per_ip_address(comment_post, story, settings):
    settings.NEWSROOM_RATE_LIMITS = {**settings.NEWSROOM_RATE_LIMITS, "comments": ["10/h"]}  # see above
    post_many(comment_post, story, 10, "198.51.100.7")

    assert comment_post(story, ip="198.51.100.7").status_code == 429
    assert comment_post(story, ip="198.51.100.8").status_code == 302


def test_the_hourly_limit_applies_too(comment_post, story, settings):
    settings.NEWSROOM_RATE_LIMITS = {"comments": ["100/m", "3/h"]}

    responses = post_many(comment_post, story, 4, "198.51.100.7")

    assert [r.status_code for r in responses] == [302, 302, 302, 429]
    assert "at most 3 a hour" not in responses[-1].content.decode()
    assert "at most 3 an hour" in responses[-1].content.decode()


def test_behind_a_trusted_proxy_the_forwarded_address_is_limited(comment_post, story, settings):
    settings.NEWSROOM_TRUSTED_PROXIES = 1
    settings.NEWSROOM_RATE_LIMITS = {"comments": ["2/m"]}
    proxy = "10.0.0.1"

    def post(reader_ip):
        return comment_post(story, ip=proxy, meta={"HTTP_X_FORWARDED_FOR": reader_ip})

    assert [post("203.0.113.5").status_code for _ in range(3)] == [302, 302, 429]
    assert post("203.0.113.6").status_code == 302


def test_a_forged_forwarded_header_does_not_escape_the_limit(comment_post, story, settings):
    settings.NEWSROOM_RATE_LIMITS = {"comments": ["2/m"]}

    statuses = [
        comment_post(story, ip="198.51.100.7", meta={"HTTP_X_FORWARDED_FOR": f"203.0.113.{n}"}).status_code
        for n in range(3)
    ]

    assert statuses == [302, 302, 429]


def test_the_helper_limits_any_view_with_one_decorator(rf, settings):
    from django.http import HttpResponse

    settings.NEWSROOM_RATE_LIMITS = {"lookups": ["2/m"]}

    @limit_per_ip("lookups")
    def view(request):
        return HttpResponse("ok")

    statuses = [view(rf.get("/anything/", REMOTE_ADDR="198.51.100.9")).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_a_group_without_limits_is_not_limited(rf):
    from django.http import HttpResponse

    @limit_per_ip("no-such-group")
    def view(request):
        return HttpResponse("ok")

    assert {view(rf.get("/", REMOTE_ADDR="198.51.100.9")).status_code for _ in range(30)} == {200}

"""Random and hostile input to every public form and query parameter never gets a 5xx
(hypothesis), and our management commands refuse bad arguments with one line."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django_comments_xtd import get_form
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.factories import ArticleFactory, CommentFactory, SectionFactory, UserFactory
from tests.security.payloads import PAYLOADS

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent

# Text a hostile client might send: any unicode (surrogates excluded: they cannot be
# encoded into a request), NUL bytes, huge strings, payloads, numbers as text.
hostile_text = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300),
    st.sampled_from(PAYLOADS),
    st.sampled_from(["", "\x00", "\x00" * 10, "a" * 100_000, "-1", "0", "99999999999999999999", "1e308", "NaN",
                     "None", "null", "[]", "{}", "true", "../../etc/passwd", "%00", "' OR 1=1 --"]),
    st.integers().map(str),
)
# A value as the form encoder sends it: one string, or a list (the same field repeated).
hostile_value = st.one_of(hostile_text, st.lists(hostile_text, max_size=3))
few_examples = hypothesis_settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)

COMMENT_FIELDS = ["comment", "name", "email", "followup", "reply_to", "honeypot", "content_type", "object_pk",
                  "timestamp", "security_hash", "next"]
# Public pages and their query parameters. Add a new public page or parameter here.
PUBLIC_PAGES = ["/", "/news/{story}/", "/section/{section}/", "/tag/{tag}/", "/author/{author}/", "/corrections/",
                "/search/", "/feed/", "/feed/atom/", "/section/{section}/feed/", "/tag/{tag}/feed/",
                "/author/{author}/feed/", "/sitemap.xml", "/sitemap-stories.xml", "/sitemap-news.xml", "/robots.txt",
                "/comments/sent/", "/comments/posted/", "/comments/flagged/", "/comments/deleted/",
                "/comments/confirm/not-a-key/", "/comments/mute/not-a-key/", "/healthz"]
QUERY_PARAMETERS = ["page", "c", "utm_source", "next", "from", "to", "q", "section", "p"]


@pytest.fixture
def newsroom(settings):
    """A public story with a tag, a byline and a comment; limits that hypothesis won't trip."""
    settings.NEWSROOM_RATE_LIMITS = {}
    settings.NEWSROOM_COMMENTS_MIN_INTERVAL = 0
    section = SectionFactory()
    story = ArticleFactory(section=section, tags=["harbour"])
    author = story.bylines.first().author if story.bylines.exists() else None
    return {
        "story": story,
        "comment": CommentFactory(content_object=story),
        "paths": [page.format(story=story.slug, section=section.slug, tag="harbour",
                              author=author.slug if author else "nobody") for page in PUBLIC_PAGES],
    }


def not_5xx(response):
    return response.status_code < 500


def client_for(signed_in):
    client = Client(raise_request_exception=False)
    if signed_in:
        client.force_login(UserFactory())
    return client


@few_examples
@given(fields=st.dictionaries(st.sampled_from(COMMENT_FIELDS), hostile_value, max_size=len(COMMENT_FIELDS)),
       keep_security_fields=st.booleans(), signed_in=st.booleans())
def test_hostile_comment_posts_never_get_a_5xx(newsroom, fields, keep_security_fields, signed_in):
    data = dict(get_form()(newsroom["story"]).initial) if keep_security_fields else {}
    data.update(fields)

    response = client_for(signed_in).post(reverse("comments-post-comment"), data)

    assert not_5xx(response), (data, response.status_code)


@few_examples
@given(fields=st.dictionaries(st.sampled_from(COMMENT_FIELDS), hostile_value, max_size=len(COMMENT_FIELDS)),
       signed_in=st.booleans())
def test_hostile_replies_never_get_a_5xx(newsroom, fields, signed_in):
    parent = newsroom["comment"]
    data = {**get_form()(newsroom["story"]).initial, "reply_to": parent.pk, **fields}

    client = client_for(signed_in)
    page = client.get(reverse("comments-xtd-reply", args=[parent.pk]))
    response = client.post(reverse("comments-post-comment"), data)

    assert not_5xx(page) and not_5xx(response), (data, response.status_code)


@few_examples
@given(comment_id=hostile_text, fields=st.dictionaries(hostile_text, hostile_value, max_size=4),
       signed_in=st.booleans())
def test_hostile_flags_never_get_a_5xx(newsroom, comment_id, fields, signed_in):
    client = client_for(signed_in)
    comment = newsroom["comment"]

    responses = [
        client.get(reverse("comments-flag", args=[comment.pk]), fields),
        client.post(reverse("comments-flag", args=[comment.pk]), fields),
        client.get(f"/comments/flag/{comment_id}/"),
        client.get(f"/comments/reply/{comment_id}/"),
        client.post(f"/comments/flag/{comment_id}/", fields),
    ]

    assert all(not_5xx(response) for response in responses), [r.status_code for r in responses]


@few_examples
@given(page=st.integers(0, len(PUBLIC_PAGES) - 1),
       params=st.dictionaries(st.one_of(st.sampled_from(QUERY_PARAMETERS), hostile_text), hostile_value, max_size=4),
       signed_in=st.booleans())
def test_hostile_query_parameters_on_public_pages_never_get_a_5xx(newsroom, page, params, signed_in, settings):
    settings.PAGE_CACHE_SECONDS = 0
    path = newsroom["paths"][page]

    response = client_for(signed_in).get(path, params)

    assert not_5xx(response), (path, params, response.status_code)


@pytest.mark.parametrize("value", ["9223372036854775808", "-9223372036854775809", "1" * 40, "x", ""])
def test_every_public_page_survives_an_impossible_number(newsroom, value, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client = Client(raise_request_exception=False)

    statuses = {path: client.get(path, {name: value for name in QUERY_PARAMETERS}).status_code
                for path in newsroom["paths"]}

    assert all(status < 500 for status in statuses.values()), statuses


@pytest.mark.parametrize("arguments", [["--no-such-option"], ["unexpected-positional"], ["--verbosity", "loud"]])
def test_load_demo_with_bad_arguments_exits_non_zero_with_one_line(arguments, tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo", *arguments], cwd=ROOT, capture_output=True, text=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
             "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
        timeout=120,
    )

    # argparse prints its usage, then the one error line; no traceback.
    lines = result.stderr.strip().splitlines()
    assert result.returncode != 0
    assert [line for line in lines if "error:" in line] == [lines[-1]], result.stderr
    assert "Traceback" not in result.stderr


def test_load_demo_under_production_settings_exits_non_zero_with_one_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "load_demo"], cwd=ROOT, capture_output=True, text=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "newsroom.settings.prod", "SECRET_KEY": "x" * 60,
             "ALLOWED_HOSTS": "example.org", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
        timeout=120,
    )

    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "CommandError: load_demo refuses to run with production settings (demo accounts have a public password)."
    ]

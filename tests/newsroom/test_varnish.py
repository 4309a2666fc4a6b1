"""Varnish in front of Django (deploy/varnish/newsroom.vcl, newsroom/surrogate.py, newsroom/purge.py):
a real varnishd in front of the live server."""

import http.client
import re
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.core.signals import request_started

from tests.factories import ArticleFactory, CommentFactory

RUN = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "run"
PORT = 8131  # the Varnish everyone may purge from 127.0.0.1
GUARDED_PORT = 8133  # a second one whose purgers exclude 127.0.0.1


def _start_varnish(port, backend, purgers):
    workdir = tempfile.mkdtemp(prefix=f"newsroom-varnish-{port}-", dir="/tmp")
    process = subprocess.Popen(
        [str(RUN), f"127.0.0.1:{port}", backend, workdir, purgers],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if _request(port, "GET", "/_esi/csrf-token").status == 404:
                return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"varnishd did not start on port {port}")


class Answer:
    def __init__(self, response):
        self.status = response.status
        self.headers = response.headers
        self.body = response.read().decode()
        self.cookies = dict(
            re.match(r"([^=]+)=([^;]*)", value).groups() for value in response.headers.get_all("Set-Cookie") or []
        )


def _request(port, method, path, *, cookies=None, headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = dict(headers or {})
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    try:
        connection.request(method, path, body=body, headers=headers)
        return Answer(connection.getresponse())
    finally:
        connection.close()


@pytest.fixture(scope="module")
def varnish(live_server):
    """Varnish on PORT (purgeable from here) and GUARDED_PORT (not), in front of the live server."""
    backend = urlsplit(live_server.url).netloc
    processes = [_start_varnish(PORT, backend, "127.0.0.1,::1"), _start_varnish(GUARDED_PORT, backend, "192.0.2.1")]
    yield PORT
    for process in processes:
        process.terminate()
        process.wait(10)


@pytest.fixture
def through_varnish(varnish, settings):
    """Django purges the Varnish on PORT, which starts empty; `get(path, cookies=...)` asks it."""
    settings.PAGE_CACHE_PURGER = "newsroom.purge.VarnishPurger"
    settings.PAGE_CACHE_PURGE_URLS = [f"http://127.0.0.1:{PORT}"]
    for port in (PORT, GUARDED_PORT):
        _request(port, "PURGE", "/", headers={"xkey-purge": "site"})

    def get(path, **kwargs):
        return _request(PORT, "GET", path, **kwargs)

    return get


@pytest.fixture
def backend_requests():
    """The paths of the requests that reached Django, in order."""
    seen = []

    def record(sender, environ, **kwargs):
        seen.append(environ["PATH_INFO"])

    request_started.connect(record)
    yield seen
    request_started.disconnect(record)


@pytest.fixture
def csrf_cookie(through_varnish, section):
    """The CSRF cookie a first visit to a story page set (through Varnish)."""
    answer = through_varnish(ArticleFactory(section=section).get_absolute_url())
    return {"csrftoken": answer.cookies["csrftoken"]}


def _within_a_second(check):
    deadline = time.monotonic() + 1
    while True:
        answer = check()
        if answer or time.monotonic() > deadline:
            return answer
        time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
def test_story_page_is_a_varnish_hit_on_the_second_request(through_varnish, backend_requests, story):
    first = through_varnish(story.get_absolute_url())
    assert first.status == 200 and first.headers["X-Cache"] in ("miss", "pass")
    cookies = {"csrftoken": first.cookies["csrftoken"]}
    backend_requests.clear()

    second = through_varnish(story.get_absolute_url(), cookies=cookies)

    assert second.status == 200
    assert second.headers["X-Cache"] == "hit"
    assert [path for path in backend_requests if path.startswith("/news/")] == []
    assert story.headline in second.body
    # The form carries the reader's own CSRF secret, and no mark meant for Varnish shows.
    assert "esi:include" not in second.body
    for header in ("xkey", "Surrogate-Control", "Set-Cookie", "X-Newsroom-Esi"):
        assert header not in second.headers


@pytest.mark.django_db(transaction=True)
def test_each_reader_gets_their_own_csrf_token_from_the_stored_page(through_varnish, csrf_cookie, story):
    through_varnish(story.get_absolute_url(), cookies=csrf_cookie)
    other = {"csrftoken": "b" * 32}

    answer = through_varnish(story.get_absolute_url(), cookies=other)

    assert answer.headers["X-Cache"] == "hit"
    assert 'name="csrfmiddlewaretoken" value="' + "b" * 32 + '"' in answer.body
    assert csrf_cookie["csrftoken"] not in answer.body


@pytest.mark.django_db(transaction=True)
def test_a_reader_without_csrf_cookie_gets_one_with_a_matching_token(through_varnish, csrf_cookie, story):
    through_varnish(story.get_absolute_url(), cookies=csrf_cookie)
    assert through_varnish(story.get_absolute_url(), cookies=csrf_cookie).headers["X-Cache"] == "hit"

    answer = through_varnish(story.get_absolute_url())

    assert answer.headers["X-Cache"] == "pass"
    assert "csrftoken" in answer.cookies
    assert 'name="csrfmiddlewaretoken" value="' in answer.body and "esi:include" not in answer.body


@pytest.mark.django_db(transaction=True)
def test_approving_a_comment_shows_it_through_varnish_within_a_second(through_varnish, csrf_cookie, story, moderator):
    from comments.services import comment_approve

    held = CommentFactory(content_object=story, comment="A held but fair remark.", is_public=False)
    through_varnish(story.get_absolute_url(), cookies=csrf_cookie)
    before = through_varnish(story.get_absolute_url(), cookies=csrf_cookie)
    assert before.headers["X-Cache"] == "hit" and held.comment not in before.body

    comment_approve(comment=held, by=moderator)

    assert _within_a_second(lambda: held.comment in through_varnish(story.get_absolute_url(), cookies=csrf_cookie).body)


@pytest.mark.django_db(transaction=True)
def test_editing_a_story_shows_through_varnish_within_a_second(through_varnish, csrf_cookie, story):
    through_varnish(story.get_absolute_url(), cookies=csrf_cookie)
    assert through_varnish(story.get_absolute_url(), cookies=csrf_cookie).headers["X-Cache"] == "hit"

    story.headline = "Harbour plan rewritten overnight"
    story.save()

    assert _within_a_second(lambda: story.headline in through_varnish(story.get_absolute_url(), cookies=csrf_cookie).body)


@pytest.mark.django_db(transaction=True)
def test_publishing_a_story_in_its_section_shows_through_varnish_within_a_second(
    through_varnish, csrf_cookie, story, draft_by_writer, editor
):
    from articles.services import article_publish

    draft_by_writer.tags.add("NATO")
    pages = [story.get_absolute_url(), story.section.get_absolute_url()]
    for page in pages:
        through_varnish(page, cookies=csrf_cookie)
        before = through_varnish(page, cookies=csrf_cookie)
        assert before.headers["X-Cache"] == "hit" and draft_by_writer.headline not in before.body

    article_publish(article=draft_by_writer, by=editor)

    for page in pages:
        assert _within_a_second(lambda page=page: draft_by_writer.headline in through_varnish(page, cookies=csrf_cookie).body)


@pytest.mark.django_db(transaction=True)
def test_signed_in_readers_and_previews_are_never_cached_by_varnish(
    through_varnish, backend_requests, client, story, draft_by_writer, editor
):
    client.force_login(editor)
    signed_in = {"sessionid": client.cookies["sessionid"].value}

    answers = [through_varnish(path, cookies=signed_in) for path in [story.get_absolute_url(), draft_by_writer.get_absolute_url()] * 2]

    assert [answer.status for answer in answers] == [200, 200, 200, 200]
    assert [answer.headers["X-Cache"] for answer in answers] == ["pass"] * 4
    # (The live server is shared: a browser tab an earlier journey left open may still ping the admin.)
    asked = [path for path in backend_requests if path.startswith("/news/")]
    assert asked == [story.get_absolute_url(), draft_by_writer.get_absolute_url()] * 2
    assert draft_by_writer.headline in answers[3].body
    # And a reader who is not signed in still sees no preview.
    assert through_varnish(draft_by_writer.get_absolute_url()).status == 404


@pytest.mark.django_db(transaction=True)
def test_an_anonymous_comment_posts_through_varnish_with_its_csrf_token(through_varnish, csrf_cookie, story):
    through_varnish(story.get_absolute_url(), cookies=csrf_cookie)
    page = through_varnish(story.get_absolute_url(), cookies=csrf_cookie)
    assert page.headers["X-Cache"] == "hit"
    form = re.search(r'<form[^>]*action="(/comments/post/)"[^>]*>(.*?)</form>', page.body, re.S)
    fields = dict(re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form.group(2)))
    fields.update(name="A reader", email="reader@example.org", comment="Posted through Varnish.", honeypot="")

    answer = _request(
        PORT, "POST", form.group(1), cookies=csrf_cookie, body=urlencode(fields),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )

    assert answer.headers["X-Cache"] == "pass"
    assert answer.status in (200, 302), answer.body[:500]


@pytest.mark.django_db(transaction=True)
def test_purge_is_refused_from_an_address_outside_the_purgers_acl(through_varnish):
    assert _request(PORT, "PURGE", "/", headers={"xkey-purge": "site"}).status == 200
    assert _request(GUARDED_PORT, "PURGE", "/", headers={"xkey-purge": "site"}).status == 403


@pytest.mark.django_db
def test_a_story_edit_succeeds_with_varnish_down(settings, client, editor, story, form_data, caplog):
    settings.PAGE_CACHE_PURGER = "newsroom.purge.VarnishPurger"
    settings.PAGE_CACHE_PURGE_URLS = ["http://127.0.0.1:8139"]  # nothing listens there
    client.force_login(editor)

    answer = client.post(f"/admin/articles/article/{story.pk}/change/", form_data(story, headline="Edited with Varnish down"))

    assert answer.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Edited with Varnish down"
    assert "Purge of" in caplog.text and "127.0.0.1:8139" in caplog.text

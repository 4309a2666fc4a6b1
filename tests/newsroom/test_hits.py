"""Page-cache hits served before Django's handler (pagecache.PageCacheHits, in newsroom/wsgi.py):
the same page, headers, CSRF cookie and log line as a hit through the middleware, and every
request it cannot answer exactly as Django would goes to Django."""

import logging

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, RequestFactory

from newsroom.pagecache import PageCacheHits
from newsroom.wsgi import application
from tests.newsroom.test_pagecache import _form_fields

pytestmark = pytest.mark.django_db

# Per response: the token in the form, the cookie's value and expiry, the request id, the clock.
PER_RESPONSE = {"set-cookie", "x-request-id", "date"}


class Answer:
    def __init__(self, status, headers, body, handled_by_django):
        self.status_code = int(status.split()[0])
        self.headers = headers
        self.body = body
        self.handled_by_django = handled_by_django

    def __getitem__(self, name):
        return dict((n.lower(), v) for n, v in self.headers)[name.lower()]

    def header_names(self):
        return {name.lower() for name, _ in self.headers}


def wsgi(path, method="GET", secure=False, app=application, **environ):
    """`path` asked of the WSGI application gunicorn serves, as a server would call it."""
    request = getattr(RequestFactory(), method.lower())(path, secure=secure, **environ)
    started = []

    def count(**kwargs):
        started.append(kwargs)

    # As Django's test client does: the request must not close the test's database connection.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    request_started.connect(count)
    answer = []
    try:
        chunks = app(request.environ, lambda status, headers, exc_info=None: answer.extend([status, headers]))
        body = b"".join(chunks)
        if hasattr(chunks, "close"):
            chunks.close()
    finally:
        request_started.disconnect(count)
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
    return Answer(answer[0], answer[1], body, handled_by_django=bool(started))


def test_the_served_application_answers_hits_before_djangos_handler():
    assert isinstance(application, PageCacheHits)


def test_a_stored_page_is_served_without_djangos_handler_or_a_query(client, story, django_assert_num_queries):
    client.get(story.get_absolute_url())  # built and stored

    with django_assert_num_queries(0):
        answer = wsgi(story.get_absolute_url())

    assert answer.status_code == 200 and not answer.handled_by_django
    assert answer["X-Page-Cache"] == "hit"
    assert story.headline.encode() in answer.body
    assert int(answer["Content-Length"]) == len(answer.body)
    assert b"\x00csrf-token\x00" not in answer.body


@pytest.mark.parametrize("secure", [False, True])
def test_a_hit_before_the_handler_sends_what_a_hit_through_the_middleware_sends(client, story, settings, secure):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 3600
    proto = {"HTTP_X_FORWARDED_PROTO": "https"} if secure else {}
    client.get(story.get_absolute_url(), **proto)
    through_django = client.get(story.get_absolute_url(), **proto)

    answer = wsgi(story.get_absolute_url(), **proto)

    assert through_django["X-Page-Cache"] == "hit" and not answer.handled_by_django
    expected = {name.lower(): value for name, value in through_django.items() if name.lower() not in PER_RESPONSE}
    got = {name.lower(): value for name, value in answer.headers if name.lower() not in PER_RESPONSE}
    assert got == expected
    assert ("strict-transport-security" in got) is secure
    # The CSRF cookie: the same attributes as CsrfViewMiddleware's, a value of the reader's own.
    cookie = answer["Set-Cookie"]
    django_cookie = through_django.cookies["csrftoken"]
    assert cookie.startswith("csrftoken=")
    for attribute in (f"Max-Age={django_cookie['max-age']}", "Path=/", "SameSite=Lax"):
        assert attribute in cookie
    assert len(answer.body) == len(through_django.content)


def test_a_comment_posts_with_the_csrf_cookie_and_token_of_a_hit_before_the_handler(client, story):
    from django.core import mail

    client.get(story.get_absolute_url())
    answer = wsgi(story.get_absolute_url())
    secret = answer["Set-Cookie"].split(";")[0].split("=", 1)[1]
    reader = Client(enforce_csrf_checks=True)
    reader.cookies["csrftoken"] = secret
    _, fields = _form_fields(answer.body.decode())
    fields.update(name="Early Reader", email="early@example.org", comment="Posted from the fast path.", honeypot="")

    response = reader.post("/comments/post/", fields, REMOTE_ADDR="198.51.100.78")

    assert not answer.handled_by_django
    assert response.status_code == 302, response.content.decode()[:300]
    assert [m.to for m in mail.outbox] == [["early@example.org"]]


def test_a_readers_valid_csrf_cookie_is_kept_and_a_forged_one_replaced(client, story):
    from django.middleware.csrf import _unmask_cipher_token

    client.get(story.get_absolute_url())
    kept = "a" * 16 + "B" * 16
    with_cookie = wsgi(story.get_absolute_url(), HTTP_COOKIE=f"csrftoken={kept}")
    forged = wsgi(story.get_absolute_url(), HTTP_COOKIE='csrftoken=not"a<token')

    assert with_cookie["Set-Cookie"].startswith(f"csrftoken={kept};")
    token = _form_fields(with_cookie.body.decode())[1]["csrfmiddlewaretoken"]
    assert _unmask_cipher_token(token) == kept
    new_secret = forged["Set-Cookie"].split(";")[0].split("=", 1)[1]
    assert new_secret != 'not"a<token' and len(new_secret) == 32
    assert not with_cookie.handled_by_django and not forged.handled_by_django


def test_two_readers_never_get_the_same_token(client, story):
    client.get(story.get_absolute_url())

    first, second = wsgi(story.get_absolute_url()), wsgi(story.get_absolute_url())

    tokens = [_form_fields(a.body.decode())[1]["csrfmiddlewaretoken"] for a in (first, second)]
    assert tokens[0] != tokens[1]
    assert first["Set-Cookie"].split(";")[0] != second["Set-Cookie"].split(";")[0]


@pytest.mark.parametrize(
    "method, environ, status",
    [
        ("HEAD", {}, 200),
        ("GET", {"HTTP_IF_NONE_MATCH": '"whatever"'}, 200),
        ("GET", {"HTTP_COOKIE": "sessionid=abc"}, 200),
        ("GET", {"HTTP_COOKIE": "messages=abc"}, 200),
        ("GET", {"HTTP_HOST": "evil.example"}, 400),
        ("POST", {}, 403),
    ],
)
def test_what_the_hit_path_cannot_answer_goes_to_django(client, story, method, environ, status):
    client.get(story.get_absolute_url())

    answer = wsgi(story.get_absolute_url(), method=method, **environ)

    assert answer.handled_by_django
    assert answer.status_code == status
    if "HTTP_HOST" in environ:
        assert story.headline.encode() not in answer.body


def test_a_conditional_request_for_a_stored_page_gets_its_304_from_django(client, story):
    etag = client.get(story.get_absolute_url())["ETag"]

    answer = wsgi(story.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)

    assert answer.status_code == 304 and answer.handled_by_django


def test_plain_http_is_still_redirected_to_https(client, story, settings):
    from django.core.handlers.wsgi import WSGIHandler

    client.get(story.get_absolute_url())
    settings.SECURE_SSL_REDIRECT = True
    served = PageCacheHits(WSGIHandler())  # as gunicorn loads it: the middleware reads settings once

    answer = wsgi(story.get_absolute_url(), app=served)

    assert answer.status_code == 301 and answer["Location"].startswith("https://")


def test_a_change_is_served_on_the_next_request(client, story):
    client.get(story.get_absolute_url())
    assert not wsgi(story.get_absolute_url()).handled_by_django

    story.headline = "A corrected headline"
    story.save()
    rebuilt = wsgi(story.get_absolute_url())
    again = wsgi(story.get_absolute_url())

    assert rebuilt.handled_by_django and rebuilt["X-Page-Cache"] == "miss"
    assert b"A corrected headline" in again.body and not again.handled_by_django


def test_query_parameters_the_view_does_not_read_share_the_stored_page(client, story):
    client.get("/search/?q=nato")

    answer = wsgi("/search/?utm_source=mail&q=nato")

    assert not answer.handled_by_django and answer["X-Page-Cache"] == "hit"


def test_with_the_page_cache_off_every_request_goes_to_django(client, story, settings):
    client.get(story.get_absolute_url())
    settings.PAGE_CACHE_SECONDS = 0

    assert wsgi(story.get_absolute_url()).handled_by_django


def test_a_hit_is_logged_with_its_request_id(client, story, caplog):
    client.get(story.get_absolute_url())

    with caplog.at_level(logging.INFO, logger="newsroom.requests"):
        fresh = wsgi(story.get_absolute_url())
        from_proxy = wsgi(story.get_absolute_url(), HTTP_X_REQUEST_ID="edge-42")
        forged = wsgi(story.get_absolute_url(), HTTP_X_REQUEST_ID="bad id<script>")

    assert from_proxy["X-Request-ID"] == "edge-42"
    assert len(fresh["X-Request-ID"]) == 32 and len(forged["X-Request-ID"]) == 32
    lines = [r.getMessage() for r in caplog.records if r.name == "newsroom.requests"]
    assert len(lines) == 3
    assert f"request_id={fresh['X-Request-ID']} method=GET path={story.get_absolute_url()} status=200" in lines[0]
    assert "<script>" not in "".join(lines)

"""CSRF is required on every POST: each URL of the site refuses a POST without a token."""

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom_ids(section):
    """Real objects for every id in a URL."""
    story = ArticleFactory(section=section)
    comment = CommentFactory(content_object=story)
    return {"articles.article": story.pk, "articles.section": section.pk, "comment": comment.pk, "slug": story.slug}


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "superuser"])
def test_every_post_without_a_csrf_token_is_refused(every_path, newsroom_ids, signed_in):
    client = Client(enforce_csrf_checks=True)
    if signed_in:
        client.force_login(UserFactory(username="chief", is_staff=True, is_superuser=True))
    paths = every_path(newsroom_ids)

    answers = {}
    for _name, path in paths:
        resolve(path)  # every path is a real URL of the site
        answers[path] = client.post(path, {"comment": "hello", "name": "x", "email": "x@example.org"}).status_code

    assert len(paths) > 60
    assert {path: status for path, status in answers.items() if status != 403} == {}


def test_the_walk_covers_the_admin_comments_and_public_pages(every_path, newsroom_ids):
    names = {name for name, _path in every_path(newsroom_ids)}

    assert {"login", "logout", "password_change", "articles_article_change", "articles_article_delete",
            "articles_article_changelist", "articles_article_correction", "articles_article_revert",
            "comments_readercomment_changelist", "comments-post-comment", "comments-xtd-reply", "comments-flag",
            "comments-delete", "comments-xtd-sent", "comments-flag-done", "healthz", "detail"} <= names


def test_a_post_with_a_token_gets_through():
    """The control: the same client machinery passes CSRF when the token is sent."""
    client = Client(enforce_csrf_checks=True)
    client.get("/admin/login/")
    token = client.cookies["csrftoken"].value

    response = client.post("/admin/login/", {"username": "nobody", "password": "wrong", "csrfmiddlewaretoken": token})

    assert response.status_code == 200


def test_unresolvable_paths_are_not_in_the_walk(every_path, newsroom_ids):
    for _name, path in every_path(newsroom_ids):
        try:
            resolve(path)
        except Resolver404:
            pytest.fail(f"{path} does not resolve")


def test_the_comment_api_that_skips_our_rules_is_not_served(client, newsroom_ids):
    """xtd's REST API would take anonymous comments without CSRF and without our limits:
    no route leads to it, so no view runs at all (tests/security/test_comment_urls.py)."""
    for path in ["/comments/api/comment/", "/comments/api/preview/", "/comments/api/flag/",
                 f"/comments/api/articles-article/{newsroom_ids['articles.article']}/"]:
        assert client.get(path).status_code == 404
        assert Client(enforce_csrf_checks=True).post(path, {"comment": "hi"}).status_code == 404

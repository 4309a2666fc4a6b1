"""A database outage answers 503 with Retry-After, never a 500 (newsroom.views.server_error)."""

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def refuse_with(error_class):
    """An execute wrapper that fails every query as a driver does when the server is gone."""

    def refuse(execute, sql, params, many, context):
        raise error_class("connection to server at 127.0.0.1 failed: Connection refused")

    return refuse


@pytest.fixture
def browser_client():
    """A client that gets the error page instead of the exception, as a browser would."""
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("error_class", [OperationalError, InterfaceError])
def test_an_unreachable_database_answers_503_with_retry_after(browser_client, section, error_class, settings):
    settings.PAGE_CACHE_SECONDS = 0
    story = ArticleFactory(section=section)

    with connection.execute_wrapper(refuse_with(error_class)):
        response = browser_client.get(story.get_absolute_url())

    assert response.status_code == 503
    assert response["Retry-After"] == str(settings.NEWSROOM_DATABASE_RETRY_AFTER)
    assert "back in a moment" in response.content.decode()


def test_a_database_outage_during_a_comment_post_answers_503(browser_client, section, comment_post):
    story = ArticleFactory(section=section)

    with connection.execute_wrapper(refuse_with(OperationalError)):
        response = comment_post(story, using=browser_client)

    assert response.status_code == 503


def test_other_errors_still_answer_500(browser_client, section):
    story = ArticleFactory(section=section)

    def broken(execute, sql, params, many, context):
        raise ZeroDivisionError("a bug, not an outage")

    with connection.execute_wrapper(broken):
        response = browser_client.get(story.get_absolute_url())

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()

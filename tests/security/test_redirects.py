"""Redirect targets (`next`) outside the site are refused everywhere one is accepted."""

import pytest
from django.urls import reverse

from tests.factories import CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

OUTSIDE = ["https://evil.example/", "//evil.example/", "http:evil.example", "/\\evil.example",
           "https://evil.example@testserver/", " https://evil.example", "javascript:alert(1)"]


def stays_on_site(response):
    location = response.get("Location", "")
    return response.status_code in {302, 303} and (location.startswith("/") and not location.startswith(("//", "/\\")))


@pytest.fixture
def staff(db):
    """A superuser who can sign in to the admin."""
    user = UserFactory(username="chief", is_staff=True, is_superuser=True)
    user.set_password("a long and sturdy passphrase")
    user.save()
    return user


@pytest.mark.parametrize("target", OUTSIDE)
def test_admin_sign_in_ignores_an_outside_next(client, staff, target):
    response = client.post(reverse("admin:login") + "?next=" + target,
                           {"username": "chief", "password": "a long and sturdy passphrase", "next": target})

    assert stays_on_site(response), response.get("Location")


@pytest.mark.parametrize("target", OUTSIDE)
def test_admin_sign_out_ignores_an_outside_next(client, staff, target):
    client.force_login(staff)

    response = client.post(reverse("admin:logout"), {"next": target})

    assert "evil.example" not in response.get("Location", "") and "javascript" not in response.get("Location", "")


@pytest.mark.parametrize("target", OUTSIDE)
def test_comment_posting_ignores_an_outside_next(comment_post, story, target, settings):
    settings.NEWSROOM_COMMENTS_MIN_INTERVAL = 0

    response = comment_post(story, next=target)

    assert stays_on_site(response), response.get("Location")


@pytest.mark.parametrize("target", OUTSIDE)
def test_flagging_ignores_an_outside_next(client, reader, story, target):
    comment = CommentFactory(content_object=story)
    client.force_login(reader)

    response = client.post(reverse("comments-flag", args=[comment.pk]), {"reason": "spam", "next": target})

    assert stays_on_site(response), response.get("Location")


@pytest.mark.parametrize("target", OUTSIDE)
def test_moderator_delete_ignores_an_outside_next(client, moderator, story, target):
    comment = CommentFactory(content_object=story)
    client.force_login(moderator)

    response = client.post(reverse("comments-delete", args=[comment.pk]), {"next": target})

    assert "evil.example" not in response.get("Location", "") and "javascript" not in response.get("Location", "")
    assert response.status_code in {302, 403}

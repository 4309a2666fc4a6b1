import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_user(db):
    """A staff account whose password is "right-password"."""
    return UserFactory(username="desk", is_staff=True, password="right-password")


def _sign_in(client, password, ip="203.0.113.7"):
    return client.post(
        "/admin/login/?next=/admin/", {"username": "desk", "password": password}, REMOTE_ADDR=ip
    )


def test_admin_sign_in_locks_out_after_five_failures_with_a_clear_message(client, staff_user):
    for _ in range(4):
        assert _sign_in(client, "wrong").status_code == 200  # the form again, with its error

    fifth = _sign_in(client, "wrong")
    with_right_password = _sign_in(client, "right-password")

    assert fifth.status_code == 429
    assert with_right_password.status_code == 429
    page = with_right_password.content.decode()
    assert "Signing in is paused" in page and "refused for 15 minutes" in page
    assert "_auth_user_id" not in client.session


def test_a_lockout_does_not_reach_other_accounts_on_other_addresses(client, staff_user):
    colleague = UserFactory(username="colleague", is_staff=True, password="colleague-password")
    for _ in range(5):
        _sign_in(client, "wrong", ip="203.0.113.7")

    locked_username = _sign_in(client, "right-password", ip="198.51.100.20")
    other_account = client.post(
        "/admin/login/?next=/admin/", {"username": "colleague", "password": "colleague-password"},
        REMOTE_ADDR="198.51.100.20",
    )

    assert locked_username.status_code == 429  # the username is locked from every address
    assert other_account.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)


def test_a_successful_sign_in_resets_the_count(client, staff_user):
    for _ in range(4):
        _sign_in(client, "wrong")
    assert _sign_in(client, "right-password").status_code == 302
    client.logout()

    for _ in range(4):
        assert _sign_in(client, "wrong").status_code == 200


def test_the_address_behind_trusted_proxies_is_used(rf, settings):
    from newsroom.clientip import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.20")

    assert client_ip(request) == "10.0.0.2"
    settings.NEWSROOM_TRUSTED_PROXIES = 1
    assert client_ip(request) == "198.51.100.20"  # the address the proxy saw, not the forged first one

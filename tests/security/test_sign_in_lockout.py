"""Guessing admin passwords: the lockout counts failures per username across addresses and
per address across usernames, wherever axes keeps the counts (the database without Redis,
the cache with it, as in production)."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ATTACKER_ADDRESSES = [f"203.0.113.{n}" for n in range(1, 6)]  # five failures: the limit


@pytest.fixture(params=["axes.handlers.database.AxesDatabaseHandler", "axes.handlers.cache.AxesCacheHandler"])
def lockout_counts(request, settings):
    """Where axes keeps its failure counts: the database, or the cache (production's Redis)."""
    from axes.handlers.proxy import AxesProxyHandler

    settings.AXES_HANDLER = request.param
    AxesProxyHandler.get_implementation(force=True)
    yield request.param
    AxesProxyHandler.implementation = None  # made again from the restored setting on next use


@pytest.fixture
def desk(db):
    """The staff account under attack; its password is "right-password"."""
    return UserFactory(username="desk", is_staff=True, password="right-password")


@pytest.fixture
def colleague(db):
    """Another staff account, signing in from the same networks."""
    return UserFactory(username="colleague", is_staff=True, password="colleague-password")


def _sign_in(client, username, password, ip):
    client.logout()
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_guessing_one_password_from_rotating_addresses_locks_that_username_out(client, lockout_counts, desk, colleague):
    guesses = [_sign_in(client, "desk", f"guess-{n}", ip) for n, ip in enumerate(ATTACKER_ADDRESSES)]

    owner_elsewhere = _sign_in(client, "desk", "right-password", "198.51.100.20")
    colleague_from_attacker_address = _sign_in(client, "colleague", "colleague-password", ATTACKER_ADDRESSES[0])

    assert [r.status_code for r in guesses] == [200] * 4 + [429]
    assert owner_elsewhere.status_code == 429  # even with the right password: the guesser cannot find it
    assert "Signing in is paused" in owner_elsewhere.content.decode()
    assert colleague_from_attacker_address.status_code == 302  # each address failed only once


def test_guessing_many_usernames_from_one_address_locks_that_address_out(client, lockout_counts, desk):
    guesses = [_sign_in(client, username, "password1", "203.0.113.9")
               for username in ["admin", "editor", "root", "newsdesk", "webmaster"]]

    from_that_address = _sign_in(client, "desk", "right-password", "203.0.113.9")
    from_elsewhere = _sign_in(client, "desk", "right-password", "198.51.100.20")

    assert [r.status_code for r in guesses] == [200] * 4 + [429]
    assert from_that_address.status_code == 429
    assert "Signing in is paused" in from_that_address.content.decode()
    assert from_elsewhere.status_code == 302


def test_a_username_written_as_an_address_does_not_lock_that_address_out(client, lockout_counts, desk):
    victim_address = "198.51.100.20"  # a newsroom's office, say
    for n in range(5):
        _sign_in(client, victim_address, f"guess-{n}", f"203.0.113.{n + 1}")

    response = _sign_in(client, "desk", "right-password", victim_address)

    assert response.status_code == 302

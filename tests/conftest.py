import socket

import pytest


def _free_port(start=20000, stop=32000):
    """A free loopback port below the kernel's ephemeral range (FACTS.md)."""
    for port in range(start, stop):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port below 32768")


def pytest_configure(config):
    if not config.option.liveserver:
        import os
        start = 20000 + (os.getpid() % 100) * 100
        config.option.liveserver = f"127.0.0.1:{_free_port(start)}"


@pytest.fixture
def section(db):
    """A news section."""
    from tests.factories import SectionFactory

    return SectionFactory(name="World", slug="world")


@pytest.fixture
def editor(db):
    """A signed-in-able staff user in the Editor group."""
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    user = UserFactory(username="editor", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture
def reader(db):
    """A signed-in user with no permissions."""
    from tests.factories import UserFactory

    return UserFactory(username="reader")


@pytest.fixture
def current_site(db):
    """The Sites framework's current Site, cached as in a running server (one lookup a process)."""
    from django.contrib.sites.models import Site

    return Site.objects.get_current()

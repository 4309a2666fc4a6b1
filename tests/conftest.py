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


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache (pages, rate limits, cache versions)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def role_group(name):
    """The role group `name`, rebuilt by the role migrations when a transactional
    test has flushed it."""
    import importlib

    from django.contrib.auth.models import Group, Permission

    group, created = Group.objects.get_or_create(name=name)
    if created:
        codes = importlib.import_module("articles.migrations.0002_roles").ROLES[name]
        if name == "Moderator":
            codes = codes + importlib.import_module("comments.migrations.0002_moderator_permissions").MODERATOR
        for code in codes:
            app_label, codename = code.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group


@pytest.fixture
def moderator(db):
    """A staff user in the Moderator group."""
    from tests.factories import UserFactory

    user = UserFactory(username="moderator", is_staff=True)
    user.groups.add(role_group("Moderator"))
    return user


@pytest.fixture
def writer(db):
    """A staff user in the Writer group."""
    from tests.factories import UserFactory

    user = UserFactory(username="writer", is_staff=True)
    user.groups.add(role_group("Writer"))
    return user


@pytest.fixture
def comment_post(client):
    """Post a comment as a reader would: `comment_post(article, comment=..., ...)`.

    Fills in the form's security fields, a name, an email and a fresh IP
    address (REMOTE_ADDR) unless given; `meta` adds request headers.
    """
    import itertools

    from django.urls import reverse
    from django_comments_xtd import get_form

    addresses = itertools.count(1)

    def post(article, *, using=None, ip=None, meta=None, **fields):
        n = next(addresses)
        data = {
            key: value
            for key, value in get_form()(article).initial.items()
            if key in {"content_type", "object_pk", "timestamp", "security_hash"}
        }
        data.update(name=f"Reader {n}", email=f"reader{n}@example.org", comment=f"A considered view, number {n}.",
                    reply_to=0, honeypot="")
        data.update(fields)
        return (using or client).post(
            reverse("comments-post-comment"), data, REMOTE_ADDR=ip or f"192.0.2.{n}", **(meta or {})
        )

    return post


@pytest.fixture
def confirm_link():
    """The path of the confirmation link in the latest email to `address`."""
    import re

    from django.core import mail

    def link(address):
        message = next(m for m in reversed(mail.outbox) if address in m.to)
        return re.search(r"https?://[^/\s]+(/comments/confirm/[^/\s]+/)", message.body).group(1)

    return link

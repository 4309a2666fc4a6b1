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
def story(section):
    """A public story in the World section, with one byline and the tag NATO."""
    from tests.factories import ArticleFactory

    return ArticleFactory(section=section, headline="Harbour plan unveiled", tags=["NATO"])


@pytest.fixture
def regular(story):
    """An email address with an approved comment on the story (its next comments are not held
    as first comments)."""
    from tests.factories import CommentFactory

    CommentFactory(content_object=story, user_email="regular@example.org")
    return "regular@example.org"


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


# Editorial workflow (issue 3) ------------------------------------------------


def staff_in_group(username, group_name, **extra):
    """A staff user in one of the newsroom's role groups."""
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    user = UserFactory(username=username, is_staff=True, **extra)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def writer(db):
    """A staff user in the Writer group, with a byline of their own."""
    from tests.factories import AuthorFactory

    user = staff_in_group("writer", "Writer", first_name="Wendy", last_name="Writer")
    AuthorFactory(name="Wendy Writer", user=user)
    return user


@pytest.fixture
def other_writer(db):
    """A second writer, whose stories the first must not touch."""
    return staff_in_group("otherwriter", "Writer")


@pytest.fixture
def moderator(db):
    """A staff user in the Moderator group (comments only)."""
    return staff_in_group("moderator", "Moderator")


@pytest.fixture
def administrator(db):
    """A staff user in the Administrator group (not a superuser: the group's permissions count)."""
    return staff_in_group("administrator", "Administrator")


@pytest.fixture
def draft_by_writer(writer, section):
    """A draft created by the writer, under their byline."""
    from articles.models import Article
    from tests.factories import ArticleFactory

    return ArticleFactory(
        section=section, status=Article.Status.DRAFT, publish_at=None, created_by=writer,
        headline="Harbour plan goes to council", bylines=[writer.author_profile],
    )


def change_form_data(article, **overrides):
    """The admin change form's POST data for `article`, as a browser sends it
    (version token included), with `overrides` applied."""
    from django.utils import timezone

    def split(value):
        if not value:
            return "", ""
        local = timezone.localtime(value)
        return local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")

    bylines = list(article.bylines.all())
    tags = [item.tag.name for item in article.tagged_items.select_related("tag").order_by("pk")]
    pins = list(article.related_pins.all())
    data = {
        "headline": article.headline, "slug": article.slug, "standfirst": article.standfirst,
        "body": article.body, "section": article.section_id, "version_token": article.version,
        "hero": article.hero_id or "",
        "comment_mode": article.comment_mode, "comments_close_after_days": article.comments_close_after_days or "",
        "workflow_note": "",
        "bylines-TOTAL_FORMS": len(bylines), "bylines-INITIAL_FORMS": len(bylines),
        "bylines-MIN_NUM_FORMS": "1", "bylines-MAX_NUM_FORMS": "1000",
        "tags": ", ".join(tags),
        "related_pins-TOTAL_FORMS": len(pins), "related_pins-INITIAL_FORMS": len(pins),
        "related_pins-MIN_NUM_FORMS": "0", "related_pins-MAX_NUM_FORMS": "3",
    }
    data["publish_at_0"], data["publish_at_1"] = split(article.publish_at)
    data["embargo_until_0"], data["embargo_until_1"] = split(article.embargo_until)
    for i, byline in enumerate(bylines):
        data.update({f"bylines-{i}-id": byline.pk, f"bylines-{i}-article": article.pk,
                     f"bylines-{i}-author": byline.author_id, f"bylines-{i}-position": byline.position})
    for i, pin in enumerate(pins):
        data.update({f"related_pins-{i}-id": pin.pk, f"related_pins-{i}-article": article.pk,
                     f"related_pins-{i}-target": pin.target_id, f"related_pins-{i}-position": pin.position})
    data.update(overrides)
    return data


def add_form_data(*, section, author, **overrides):
    """The admin add form's POST data for a new story in `section` with one byline by
    `author`, as a browser sends it, with `overrides` applied."""
    data = {
        "headline": "Ferry timetable changes", "slug": "ferry-timetable", "standfirst": "Summary.",
        "body": "<p>Text</p>", "section": section.pk, "publish_at_0": "", "publish_at_1": "",
        "embargo_until_0": "", "embargo_until_1": "", "comment_mode": "", "comments_close_after_days": "",
        "bylines-TOTAL_FORMS": "1", "bylines-INITIAL_FORMS": "0", "bylines-MIN_NUM_FORMS": "1",
        "bylines-MAX_NUM_FORMS": "1000", "bylines-0-author": author.pk, "bylines-0-position": "0",
        "tags": "",
        "related_pins-TOTAL_FORMS": "0", "related_pins-INITIAL_FORMS": "0",
        "related_pins-MIN_NUM_FORMS": "0", "related_pins-MAX_NUM_FORMS": "3",
    }
    data.update(overrides)
    return data


@pytest.fixture
def form_data():
    """change_form_data: the admin change form's POST data for a story."""
    return change_form_data


@pytest.fixture
def clock(monkeypatch):
    """Set the time Django's timezone.now() returns: `clock(moment)`."""
    from django.utils import timezone

    def set_time(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_time


@pytest.fixture
def role_groups(db):
    """The role groups. articles.roles.sync_roles restores them after every
    migrate and every flush (a transactional test empties every table)."""
    from django.contrib.auth.models import Group

    return Group.objects.filter(name__in=["Writer", "Editor", "Moderator", "Administrator"])


# Reader comments (issue 4) ---------------------------------------------------


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


@pytest.fixture
def current_site(db):
    """The Sites framework's current Site, cached as in a running server (one lookup a process)."""
    from django.contrib.sites.models import Site

    return Site.objects.get_current()


# Query budgets (issue 7) -----------------------------------------------------

# The most queries each page may take to build, whatever its number of rows: one number per
# page and situation, read by every test that counts that page's queries. Measured with the
# page cache off and the Site cached (`current_site`), as on a running site.
QUERY_BUDGETS = {
    # nav sections, the lead, its bylines, the recent-window cutoff, ranked stories, their bylines
    "home": 6,
    # the owner (section, tag or author), the count, the page, its bylines, nav sections
    "list page": 5,
    # first build: the story, bylines, tags, their story counts, "Read more", nav sections, the
    # comment thread; a corrected story's corrections are one more (measured with nav cached)
    "story": 7,
    # the tags' story counts already cached (or no tags): one query fewer
    "story, tag counts cached": 6,
    "search": 6,
    "feed": 5,
    # nav sections, the count, the page
    "corrections log": 3,
    # "Read more" alone: the story's tags, their story counts, the links
    "read more": 3,
    # ... the tags' story counts already cached: the tags, the links
    "read more, tag counts cached": 2,
    # ... with the nav sidebar's "Awaiting your review · N" for an editor (one count)
    "admin story list": 13,
    # A story's change form (editor): session, user, permissions, the story, its bylines and
    # authors, tags, pins, section, the last workflow note, corrections, the user's autosaved copy..., its
    # review notes with their authors (one query, however many), and the nav sidebar's
    # "Awaiting your review · N"
    "admin story form": 23,
    # ... and the Pending and Reported counts of the nav sidebar (one query)
    "moderation queue": 12,
    # session, user, its permissions (2), the counts of every queue (with the nav's), the page of
    # cards, their stories, reasons, parents, the watched words (2), the commenters' records
    # (2), open reports, the last decision, the story and section filters (3)
    "moderation desk": 18,
    # session, user, permissions (2), counts (2), the page, its uses, date and uploader filters (3)
    "admin image list": 12,
    # the admin's home (articles/home.py), 5 or 100 stories: session, user, permissions (2), per
    # story panel its count and its rows (+1 for the submissions or notes they show), the nav's
    # review count shared with its panel: 5 panels
    "admin home, editor": 16,
    # ... 4 panels
    "admin home, writer": 14,
    # ... the Pending and Reported counts and the oldest pending comment (one query, shared with
    # the app list's "Moderation desk · N pending")
    "admin home, moderator": 6,
    # session, user, permissions (2), the nav's review count, the period's stories with their sections
    "editorial calendar": 6,
    # session, user, permissions (2), the story and its bylines, its events, its revisions, the nav
    # sidebar's "Awaiting your review · N"
    "story history": 9,
}


@pytest.fixture
def query_budget(django_assert_max_num_queries):
    """Assert that a block stays within a page's budget: `with query_budget("story"): ...`."""

    def within(page):
        return django_assert_max_num_queries(QUERY_BUDGETS[page])

    return within

"""Script-injection payloads (tests/security/payloads.py) submitted through every reader
form field, every query parameter and every admin text field, then rendered in
Chromium: no dialog opens, no script runs, no template expression is evaluated.

The browser context bypasses the Content-Security-Policy, so this proves the
escaping and sanitising on their own; the CSP is a second wall (test_csp.py).
"""

import itertools
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles.demo_images import hero_jpeg
from articles.models import Article, Author, Section, Tag
from comments.models import ReaderComment, WatchedWord
from images.models import Image as LibraryImage
from tests.conftest import change_form_data
from tests.factories import ArticleFactory, UserFactory
from tests.security.payloads import PAYLOADS

pytestmark = pytest.mark.django_db(transaction=True)

ALL = " ".join(PAYLOADS)


def chunks(limit):
    """Every payload, packed into strings of at most `limit` characters."""
    packed, current = [], ""
    for payload in PAYLOADS:
        payload = payload[:limit]
        if current and len(current) + 1 + len(payload) > limit:
            packed.append(current)
            current = ""
        current = f"{current} {payload}".strip()
    return [*packed, current]


@pytest.fixture
def relaxed_comment_rules(settings):
    """Comments go public at once, so the payloads reach the public thread."""
    settings.NEWSROOM_COMMENTS_MIN_INTERVAL = 0
    settings.NEWSROOM_COMMENTS_HOLD_FIRST_COMMENT = False
    settings.NEWSROOM_COMMENTS_HOLD_LINKS = 0
    settings.NEWSROOM_RATE_LIMITS = {}
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def superuser_client(role_groups):
    """A signed-in superuser, as the admin's forms see them."""
    user = UserFactory(username="chief", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


def admin_post(client, url, data, expect=302):
    response = client.post(url, data)
    errors = getattr(response, "context_data", None) and response.context_data.get("errors")
    assert response.status_code == expect, errors or response.content.decode()[:2000]
    return response


def submit_through_the_admin(client):
    """Every admin text field gets every payload; returns the stories it made."""
    section_names = chunks(80)
    for n, name in enumerate(section_names):
        admin_post(client, reverse("admin:articles_section_add"), {
            "name": f"{n} {name}"[:80], "slug": f"hostile-{n}", "description": ALL, "position": 50 + n,
            "comment_mode": "open",
        })
    for n, name in enumerate(chunks(120)):
        admin_post(client, reverse("admin:articles_author_add"), {"name": name, "slug": f"hostile-author-{n}", "bio": ALL})
    for n, name in enumerate(chunks(100)):
        admin_post(client, reverse("admin:articles_tag_add"), {"name": f"{n} {name}"[:100], "slug": f"hostile-tag-{n}"})
    for n, word in enumerate(chunks(100)):
        admin_post(client, reverse("admin:comments_watchedword_add"), {"word": f"{n}{word}"[:100], "action": "hold"})

    section = Section.objects.get(slug="hostile-0")
    authors = list(Author.objects.filter(slug__startswith="hostile-author-"))
    tags = list(Tag.objects.filter(slug__startswith="hostile-tag-"))
    headlines, credits, captions, alts, standfirsts = chunks(200), chunks(120), chunks(300), chunks(250), chunks(400)
    stories = []
    for n in range(max(len(headlines), len(credits))):
        story = ArticleFactory(section=section, bylines=[authors[n % len(authors)]], tags=[])
        story.tagged_items.create(tag=tags[n % len(tags)])
        admin_post(client, reverse("admin:images_image_add"), {
            "file": SimpleUploadedFile("photo.jpg", hero_jpeg(f"hostile-{n}", (320, 200)), "image/jpeg"),
            "credit": credits[n % len(credits)], "caption": captions[n % len(captions)],
            "alt_text": alts[n % len(alts)], "focal_x": 50, "focal_y": 50,
        })
        admin_post(client, reverse("admin:articles_article_change", args=[story.pk]), change_form_data(
            story, headline=headlines[n % len(headlines)], standfirst=standfirsts[n % len(standfirsts)], body=ALL,
            hero=LibraryImage.objects.latest("pk").pk, workflow_note=ALL,
        ))
        admin_post(client, reverse("admin:articles_article_correction", args=[story.pk]), {"text": ALL})
        stories.append(Article.objects.get(pk=story.pk))
    withdrawn = stories[-1]
    admin_post(client, reverse("admin:articles_article_change", args=[withdrawn.pk]),
               change_form_data(withdrawn, _workflow="withdraw", workflow_note=ALL))
    return stories[:-1], withdrawn


def submit_as_readers(stories, comment_post):
    """Comments and replies carrying every payload in the comment and the name."""
    reader = UserFactory(username="hostile-reader", email="hostile@example.org")
    signed_in = Client()
    signed_in.force_login(reader)
    names = chunks(50)
    for n, text in enumerate(chunks(3000)):
        for story in stories[:3]:
            response = comment_post(story, using=signed_in, comment=f"{n} {text}", name=names[n % len(names)])
            assert response.status_code == 302, response.content.decode()[:2000]
    parents = list(ReaderComment.objects.filter(is_public=True).order_by("pk")[:3])
    for parent, name in zip(itertools.cycle(parents), names):
        response = comment_post(parent.content_object, comment=f"reply {name}", name=name, reply_to=parent.pk)
        assert response.status_code == 302, response.content.decode()[:2000]
    return parents


@pytest.fixture
def hostile_newsroom(superuser_client, relaxed_comment_rules, comment_post):
    """Stories, sections, authors, tags, corrections, comments and moderation notes full of payloads."""
    stories, withdrawn = submit_through_the_admin(superuser_client)
    parents = submit_as_readers(stories, comment_post)
    held = list(ReaderComment.objects.order_by("pk")[:5])
    admin_post(superuser_client, reverse("admin:comments_readercomment_changelist"), {
        "action": "remove", "_selected_action": [c.pk for c in held], "note": ALL,
    })
    return {"stories": stories, "withdrawn": withdrawn, "parents": parents, "client": superuser_client}


def hostile_query(path):
    params = {"page": PAYLOADS[0], **{f"p{n}": payload for n, payload in enumerate(PAYLOADS)}, PAYLOADS[2]: PAYLOADS[3]}
    return f"{path}?{urlencode(params)}"


@pytest.fixture
def watched_page(browser):
    """A tab that ignores the CSP and records every dialog that opens."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.dialogs = []

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    context.close()


def assert_nothing_ran(page, url):
    page.goto(url)
    page.wait_for_timeout(50)
    assert page.dialogs == [], f"{url}: a dialog opened: {page.dialogs}"
    assert page.evaluate("window.__xss") is None, f"{url}: a payload ran"
    assert page.evaluate("window.top.__xss") is None
    assert "xss49" not in page.content(), f"{url}: a template expression was evaluated"


def test_payloads_in_reader_pages_and_query_parameters_never_run(live_server, watched_page, hostile_newsroom):
    stories, parents = hostile_newsroom["stories"], hostile_newsroom["parents"]
    paths = [
        "/", "/corrections/", Section.objects.get(slug="hostile-0").get_absolute_url(),
        *(story.get_absolute_url() for story in stories),
        *(tag.get_absolute_url() for tag in Tag.objects.filter(slug__startswith="hostile-tag-")),
        *(author.get_absolute_url() for author in Author.objects.filter(slug__startswith="hostile-author-")),
        *(reverse("comments-xtd-reply", args=[parent.pk]) for parent in parents),
        hostile_newsroom["withdrawn"].get_absolute_url(),
    ]
    for path in paths:
        assert_nothing_ran(watched_page, live_server.url + path)
    for path in ["/", "/corrections/", stories[0].get_absolute_url(), "/section/hostile-0/", "/no-such-page/",
                 "/search/"]:
        assert_nothing_ran(watched_page, live_server.url + hostile_query(path))


@pytest.mark.django_db(transaction=True)
def test_payloads_as_search_queries_never_run(live_server, watched_page, hostile_newsroom, settings):
    """Each payload as the search query: it is echoed in the box and the heading, and matched
    against stories whose text holds payloads (snippets), and never runs."""
    settings.NEWSROOM_RATE_LIMITS = {}
    for payload in PAYLOADS:
        assert_nothing_ran(watched_page, f"{live_server.url}/search/?{urlencode({'q': payload})}")


def test_payloads_typed_into_the_comment_form_never_run(live_server, watched_page, hostile_newsroom):
    """The form page shown again with errors (an invalid email) keeps the payloads as text."""
    story = hostile_newsroom["stories"][0]
    page = watched_page
    for text in chunks(3000):
        page.goto(live_server.url + story.get_absolute_url())
        page.fill("textarea[name=comment]", text)
        page.fill("input[name=name]", PAYLOADS[28][:50])
        page.fill("input[name=email]", PAYLOADS[33])
        page.click("button[name=post]")
        page.wait_for_load_state()
        assert "Please enter a valid email address." in page.content()
        assert page.dialogs == [] and page.evaluate("window.__xss") is None
        assert page.input_value("textarea[name=comment]") == text


def test_payloads_in_admin_pages_never_run(live_server, watched_page, hostile_newsroom):
    client = hostile_newsroom["client"]
    watched_page.context.add_cookies([{
        "name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url,
    }])
    stories = [*hostile_newsroom["stories"][:3], hostile_newsroom["withdrawn"]]
    comment = ReaderComment.objects.order_by("pk").first()
    paths = [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"), reverse("admin:articles_section_changelist"),
        reverse("admin:articles_author_changelist"), reverse("admin:articles_tag_changelist"),
        reverse("admin:articles_correction_changelist"), reverse("admin:comments_readercomment_changelist"),
        reverse("admin:comments_watchedword_changelist"),
        reverse("admin:comments_readercomment_change", args=[comment.pk]),
        reverse("admin:articles_section_change", args=[Section.objects.get(slug="hostile-0").pk]),
        reverse("admin:articles_author_change", args=[Author.objects.filter(slug__startswith="hostile-").first().pk]),
        reverse("admin:articles_tag_change", args=[Tag.objects.filter(slug__startswith="hostile-").first().pk]),
        reverse("admin:comments_watchedword_change", args=[WatchedWord.objects.first().pk]),
        *(reverse("admin:articles_article_change", args=[story.pk]) for story in stories),
        *(reverse("admin:articles_article_history", args=[story.pk]) for story in stories[:2]),
        *(reverse("admin:articles_article_revisions", args=[story.pk]) for story in stories[:2]),
        hostile_query(reverse("admin:articles_article_changelist")),
    ]
    for path in paths:
        assert_nothing_ran(watched_page, live_server.url + path)

"""Issue 12: every /comments/ URL is ours. From the attacker's side: the library URLs we
do not serve are 404s for everyone; the pages we do serve reveal nothing about a held or
removed comment, or a story readers may not see, to anyone who may not see it; the
moderators' links on the story page take one path, logged once."""

import re
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_comments.models import CommentFlag

from articles.models import Article, Tag
from comments.models import CommentReport, ModerationDecision, ModerationReason, ReaderComment
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reader", "writer", "moderator"]


@pytest.fixture
def commented_story(section):
    """A public story with a visible comment and a reply."""
    story = ArticleFactory(section=section, headline="Harbour crane reopens", tags=["harbour"])
    reply_to = CommentFactory(content_object=story, user_name="Open Olive", comment="A visible view.")
    CommentFactory(parent=reply_to, user_name="Reply Rita", comment="A visible reply.")
    return story


@pytest.fixture
def secrets(section, commented_story):
    """What no reader may learn: hidden stories (embargoed, draft, withdrawn), a tag used only
    on hidden stories, a held and a removed comment on the public story, and a public comment
    on the embargoed story. `words` lists every telltale string."""
    now = timezone.now()
    embargoed = ArticleFactory(section=section, headline="Embargoed merger terms", slug="embargoed-merger-terms",
                               embargo_until=now + timedelta(days=2), tags=["secret-merger"])
    draft = ArticleFactory(section=section, headline="Draft minister resigns", slug="draft-minister-resigns",
                           status=Article.Status.DRAFT, publish_at=None)
    withdrawn = ArticleFactory(section=section, headline="Withdrawn libel claim", slug="withdrawn-libel-claim",
                               status=Article.Status.WITHDRAWN)
    held = CommentFactory(content_object=commented_story, user_name="Held Hannah", comment="Held text for moderators.",
                          is_public=False)
    ModerationReason.objects.create(comment=held, code=ModerationReason.Code.FIRST_COMMENT)
    removed = CommentFactory(content_object=commented_story, user_name="Removed Rupert", comment="Removed text, gone.",
                             is_removed=True)
    on_hidden = CommentFactory(content_object=embargoed, user_name="Early Edna", comment="Seen before the embargo.")
    tag = Tag.objects.get(name="secret-merger")
    return {
        "stories": [embargoed, draft, withdrawn], "tag": tag, "comments": [held, removed, on_hidden],
        "words": ["Embargoed merger terms", "embargoed-merger-terms", "Draft minister resigns",
                  "draft-minister-resigns", "Withdrawn libel claim", "withdrawn-libel-claim", "secret-merger",
                  "Held Hannah", "Held text for moderators.", "Removed Rupert", "Removed text, gone.",
                  "Early Edna", "Seen before the embargo.", "first comment from your email",
                  "held for review"],
    }


@pytest.fixture
def client_as(reader, writer, moderator):
    """A client signed in as one of ROLES (anonymous: not signed in)."""
    users = {"anonymous": None, "reader": reader, "writer": writer, "moderator": moderator}

    def make(role, **kwargs):
        client = Client(**kwargs)
        if users[role] is not None:
            client.force_login(users[role])
        return client

    return make


def revealed(response, words):
    """The telltale strings found in a response's body or its Location header."""
    text = response.content.decode(errors="replace") + " " + response.get("Location", "")
    return [word for word in words if word.lower() in text.lower()]


def library_paths(story, secrets):
    """URLs django-comments-xtd 2.10 and django-contrib-comments 2.2 served under /comments/
    that the site no longer serves, with real ids (format-suffix twins included)."""
    held, removed, on_hidden = secrets["comments"]
    article_type = ContentType.objects.get_for_model(Article).pk
    tag_type = ContentType.objects.get_for_model(Tag).pk
    paths = [f"/comments/cr/{article_type}/{hidden.pk}/" for hidden in [*secrets["stories"], story]]
    paths.append(f"/comments/cr/{tag_type}/{secrets['tag'].pk}/")
    for comment in [held, removed, on_hidden]:
        paths += [f"/comments/cr/{ContentType.objects.get_for_model(ReaderComment).pk}/{comment.pk}/",
                  f"/comments/approve/{comment.pk}/", f"/comments/like/{comment.pk}/",
                  f"/comments/dislike/{comment.pk}/", f"/comments/reply/{comment.pk}.json",
                  f"/comments/reply/{comment.pk}.html", f"/comments/flag/{comment.pk}.json",
                  f"/comments/delete/{comment.pk}.json", f"/comments/sent.json?c={comment.pk}",
                  f"/comments/flagged.json?c={comment.pk}",
                  f"/comments/deleted/?c={comment.pk}", f"/comments/approved/?c={comment.pk}",
                  f"/comments/posted/?c={comment.pk}", f"/comments/liked/?c={comment.pk}",
                  f"/comments/disliked/?c={comment.pk}"]
    paths += ["/comments/sent.json", "/comments/sent.api", "/comments/liked/", "/comments/disliked/",
              "/comments/approved/", "/comments/deleted/", "/comments/posted/",
              "/comments/api/comment/", "/comments/api/preview/", "/comments/api/feedback/",
              "/comments/api/flag/", f"/comments/api/articles-article/{story.pk}/",
              f"/comments/api/articles-article/{story.pk}/count/",
              f"/comments/api/articles-article/{secrets['stories'][0].pk}/", "/comments/", "/comments/anything/"]
    return paths


@pytest.mark.parametrize("role", ROLES)
def test_library_comment_urls_we_do_not_serve_are_404_for_everyone(client_as, role, commented_story, secrets):
    client = client_as(role, raise_request_exception=False)

    answers = {}
    for path in library_paths(commented_story, secrets):
        for method in (client.get, client.post):
            response = method(path)
            if response.status_code != 404 or revealed(response, secrets["words"]):
                answers[f"{method.__name__.upper()} {path}"] = (response.status_code, revealed(response, secrets["words"]))

    assert answers == {}


@pytest.mark.parametrize("role", ROLES)
def test_the_cr_shortcut_does_not_reveal_hidden_stories_or_tags(client_as, role, secrets):
    client = client_as(role)
    article_type = ContentType.objects.get_for_model(Article).pk
    tag_type = ContentType.objects.get_for_model(Tag).pk

    for path in [*(f"/comments/cr/{article_type}/{hidden.pk}/" for hidden in secrets["stories"]),
                 f"/comments/cr/{tag_type}/{secrets['tag'].pk}/"]:
        response = client.get(path)
        assert response.status_code == 404, (path, response.get("Location"))
        assert revealed(response, secrets["words"]) == []


@pytest.mark.parametrize("suffix_path", ["/comments/reply/{pk}.json", "/comments/reply/{pk}.html",
                                         "/comments/sent.json", "/comments/flag/{pk}.json"])
def test_format_suffix_urls_are_404_not_500(client, commented_story, suffix_path):
    pk = ReaderComment.objects.filter(is_public=True).first().pk

    response = Client(raise_request_exception=False).get(suffix_path.format(pk=pk), {"c": pk})

    assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_served_comment_pages_reveal_nothing_about_hidden_comments(client_as, role, secrets):
    """sent/, flagged/, flag/ and reply/ for a held comment, a removed one and one on a hidden
    story: the same as for a comment that does not exist, and not a word of any of them."""
    client = client_as(role, raise_request_exception=False)
    nobody = max(ReaderComment.objects.values_list("pk", flat=True)) + 1000

    def answers(pk):
        return [client.get("/comments/sent/", {"c": pk}), client.get("/comments/flagged/", {"c": pk}),
                client.get(f"/comments/flag/{pk}/"), client.post(f"/comments/flag/{pk}/", {"reason": "spam"}),
                client.get(f"/comments/reply/{pk}/")]

    expected = [response.status_code for response in answers(nobody)]
    for comment in secrets["comments"]:
        responses = answers(comment.pk)
        assert [response.status_code for response in responses] == expected, comment.comment
        for response in responses:
            assert revealed(response, secrets["words"]) == [], (role, comment.comment, response.status_code)
    assert not CommentReport.objects.exists()


@pytest.mark.parametrize("role", ["anonymous", "reader", "writer"])
def test_enumerating_sent_pages_reveals_nothing(client_as, role, commented_story, secrets):
    """Comment ids are sequential: walking `sent/?c=` over all of them (and past them)
    answers every id the same way, with no name, text, headline or moderation status."""
    client = client_as(role, raise_request_exception=False)
    ids = ReaderComment.objects.values_list("pk", flat=True)

    answers = {}
    for pk in range(min(ids) - 2, max(ids) + 3):
        response = client.get("/comments/sent/", {"c": pk})
        answers[pk] = (response.status_code, response.get("Location"), tuple(revealed(response, secrets["words"])))

    assert len(set(answers.values())) == 1, answers
    status, location, words = next(iter(answers.values()))
    assert status == 404 and location is None and words == ()


def test_the_sent_page_still_tells_its_own_author_why_a_comment_is_held(client, comment_post, reader, commented_story):
    client.force_login(reader)
    response = comment_post(commented_story, name="Rea Reader", email="", comment="My very first comment here.")
    own = client.get(response["Location"])
    other = Client()
    other.force_login(UserFactory(username="nosy"))
    theirs = other.get(response["Location"])

    assert "It is the first comment from your email address" in own.content.decode()
    assert theirs.status_code == 404
    assert "My very first comment" not in theirs.content.decode() and "first comment" not in theirs.content.decode()


@pytest.mark.parametrize("role", ["reader", "writer"])
def test_reports_are_only_for_visible_comments_on_public_stories(client_as, role, secrets):
    client = client_as(role)

    for comment in secrets["comments"]:
        assert client.get(reverse("comments-flag", args=[comment.pk])).status_code == 404
        assert client.post(reverse("comments-flag", args=[comment.pk]), {"reason": "spam"}).status_code == 404

    assert not CommentReport.objects.exists()


@pytest.mark.parametrize("role", ["anonymous", "reader"])
def test_a_report_on_a_visible_comment_still_works(client_as, role, commented_story):
    comment = ReaderComment.objects.get(user_name="Open Olive")
    client = client_as(role)

    page = client.get(reverse("comments-flag", args=[comment.pk]))
    response = client.post(reverse("comments-flag", args=[comment.pk]), {"reason": "spam"})
    done = client.get(response["Location"])

    assert page.status_code == 200 and "A visible view." in page.content.decode()
    assert CommentReport.objects.filter(comment=comment, reason="spam").count() == 1
    assert "a moderator will look at it" in done.content.decode()
    assert commented_story.get_absolute_url() in done.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_the_story_page_renders_every_link_for_each_role(client_as, role, commented_story, settings):
    """No link on the story page points at a URL we no longer serve (NoReverseMatch is a 500)."""
    settings.PAGE_CACHE_SECONDS = 0
    client = client_as(role)

    page = client.get(commented_story.get_absolute_url())

    assert page.status_code == 200
    html = page.content.decode()
    links = set(re.findall(r'href="(/comments/[^"]*)"', html))
    assert links, html[-3000:]
    for link in links:
        assert client.get(link).status_code in {200, 302}, link
    assert ("/comments/delete/" in html) == (role == "moderator")
    assert "/comments/flag/" in html


def test_comment_permalinks_and_follower_emails_point_at_the_story_not_the_cr_shortcut(client, moderator, commented_story):
    from comments.services import comment_approve

    CommentFactory(content_object=commented_story, user_email="follower@example.org", followup=True)
    held = CommentFactory(content_object=commented_story, user_name="Newcomer", is_public=False)

    comment_approve(comment=ReaderComment.objects.get(pk=held.pk), by=moderator)

    assert held.get_absolute_url() == f"{commented_story.get_absolute_url()}#c{held.pk}"
    message = next(m for m in mail.outbox if "follower@example.org" in m.to)
    assert f"{commented_story.get_absolute_url()}#c{held.pk}" in message.body and "/comments/cr/" not in message.body


# One path for moderation decisions ------------------------------------------


def csrf_client(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def token(client, path):
    page = client.get(path)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)


def test_a_removal_from_the_story_page_is_one_decision_and_one_flag(moderator, commented_story):
    comment = ReaderComment.objects.get(user_name="Open Olive")
    client = csrf_client(moderator)
    link = reverse("comments-delete", args=[comment.pk])
    assert f'href="{link}"' in client.get(commented_story.get_absolute_url()).content.decode()

    page = client.get(link)
    assert page.status_code == 200 and "A visible view." in page.content.decode()
    comment.refresh_from_db()
    assert not comment.is_removed  # a GET only asks
    assert client.post(link).status_code == 403  # no CSRF token
    csrf = {"csrfmiddlewaretoken": token(client, link)}
    response = client.post(link, csrf)
    again = client.post(link, csrf)  # sent twice: decided once

    assert "has been removed" in client.get(link).content.decode()
    assert again.status_code == 302

    comment.refresh_from_db()
    assert comment.is_removed
    assert response.status_code == 302 and response["Location"].startswith(commented_story.get_absolute_url())
    assert list(ModerationDecision.objects.values_list("comment", "action", "by")) == [
        (comment.pk, ModerationDecision.Action.REMOVED, moderator.pk)]
    assert list(CommentFlag.objects.values_list("comment", "flag", "user")) == [
        (comment.pk, CommentFlag.MODERATOR_DELETION, moderator.pk)]
    assert "A visible view." not in client.get(commented_story.get_absolute_url()).content.decode()


def test_followers_hear_once_about_an_approved_comment_the_story_page_then_removes(moderator, commented_story):
    from comments.services import comment_approve

    CommentFactory(content_object=commented_story, user_email="follower@example.org", followup=True)
    held = CommentFactory(content_object=commented_story, user_name="Newcomer", comment="Fresh from the queue.",
                          is_public=False)
    comment_approve(comment=ReaderComment.objects.get(pk=held.pk), by=moderator)
    client = csrf_client(moderator)
    link = reverse("comments-delete", args=[held.pk])

    client.post(link, {"csrfmiddlewaretoken": token(client, link)})

    told = [m for m in mail.outbox if "follower@example.org" in m.to]
    assert len(told) == 1 and "Fresh from the queue." in told[0].body
    assert list(ModerationDecision.objects.filter(comment=held).values_list("action", flat=True)) == [
        ModerationDecision.Action.APPROVED, ModerationDecision.Action.REMOVED]
    assert CommentFlag.objects.filter(comment=held).count() == 2  # approval, deletion


@pytest.mark.parametrize("role", ["reader", "writer"])
def test_the_remove_page_is_for_moderators_only(client_as, role, secrets):
    client = client_as(role)

    for comment in secrets["comments"]:
        page = client.get(reverse("comments-delete", args=[comment.pk]))
        posted = client.post(reverse("comments-delete", args=[comment.pk]))
        assert page.status_code == 403 and posted.status_code == 403
        assert revealed(page, secrets["words"]) == [] and revealed(posted, secrets["words"]) == []

    assert not ModerationDecision.objects.exists() and not CommentFlag.objects.exists()


def test_the_remove_page_sends_anonymous_visitors_to_sign_in(client, secrets):
    held = secrets["comments"][0]

    response = client.post(reverse("comments-delete", args=[held.pk]))

    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    held.refresh_from_db()
    assert not held.is_removed and not ModerationDecision.objects.exists()


# Names (finding 7) ------------------------------------------------------------


def test_a_staff_comment_shows_the_name_typed_not_the_account_name(client, comment_post, settings, commented_story):
    settings.NEWSROOM_COMMENTS_HOLD_FIRST_COMMENT = False
    settings.PAGE_CACHE_SECONDS = 0
    staff = UserFactory(username="admin-login-x9", first_name="Real", last_name="Person", is_staff=True,
                        is_superuser=True)
    client.force_login(staff)

    assert 'name="name"' in client.get(commented_story.get_absolute_url()).content.decode()
    response = comment_post(commented_story, name="Night Desk", email="", comment="Typed under a pen name.")

    assert response.status_code == 302
    comment = ReaderComment.objects.get(comment="Typed under a pen name.")
    assert comment.user == staff and comment.user_name == comment.name == "Night Desk"
    for page in [Client().get(commented_story.get_absolute_url()), client.get(commented_story.get_absolute_url()),
                 client.get(comment.get_reply_url())]:
        html = page.content.decode()
        assert "Night Desk" in html
        assert "admin-login-x9" not in html and "Real Person" not in html


def test_a_signed_in_reader_must_type_a_name(client, comment_post, reader, commented_story):
    reader.first_name, reader.last_name = "Full", "Name"
    reader.save()
    client.force_login(reader)

    response = comment_post(commented_story, name="", email="", comment="Nameless thoughts.")

    assert response.status_code == 200 and "Please enter your name." in response.content.decode()
    assert not ReaderComment.objects.filter(comment="Nameless thoughts.").exists()

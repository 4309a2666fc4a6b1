"""Every admin URL (admin.site.get_urls() and each ModelAdmin's, with real object ids)
and every admin action, opened as anonymous, writer, editor and moderator."""

import pytest
import reversion
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from reversion.models import Version

from articles.models import Article, Tag
from comments.models import WatchedWord
from tests.factories import ArticleFactory, CommentFactory, CorrectionFactory, ImageFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "writer", "editor", "moderator")
# What each role gets on each admin page: "ok" (200), "login" (sent to sign in),
# "no" (403, 404, 405, or sent back to the admin index: the page is not shown),
# "redirect" (302 to a page of the admin that the role may see).
# A page not listed: anonymous -> "login", every signed-in role -> "no".
EXPECTED = {
    "index": ("login", "ok", "ok", "ok"),
    # Signed in, the sign-in page sends you back to the index; sign-out needs a POST.
    "login": ("ok", "no", "no", "no"),
    "logout": ("no", "no", "no", "no"),
    "jsi18n": ("login", "ok", "ok", "ok"),
    # "View on site" of the writer's draft: only for who may open it (tests/security/test_view_on_site.py).
    "view_on_site": ("login", "redirect", "redirect", "no"),
    "password_change": ("login", "ok", "ok", "ok"),
    "password_change_done": ("login", "ok", "ok", "ok"),
    "app_list": ("login", "ok", "ok", "no"),
    # The moderation desk: moderators only (its decisions are POSTs: tests/comments/test_desk.py).
    "comments_moderation": ("login", "no", "no", "ok"),
    # Stories: writers see their own draft; editors everything; moderators nothing.
    "articles_article_changelist": ("login", "ok", "ok", "no"),
    "articles_article_add": ("login", "ok", "ok", "no"),
    "articles_article_change": ("login", "ok", "ok", "no"),
    "articles_article_history": ("login", "ok", "ok", "no"),
    "articles_article_delete": ("login", "no", "ok", "no"),
    # The old Revisions page sends editors to the story's history.
    "articles_article_revisions": ("login", "no", "redirect", "no"),
    "articles_article_compare": ("login", "no", "redirect", "no"),
    "articles_article_revert": ("login", "no", "ok", "no"),
    "articles_article_correction": ("login", "no", "ok", "no"),
    # The Tags field's suggestions: for who writes stories (tests/articles/test_story_form.py).
    "articles_article_tag_suggestions": ("login", "ok", "ok", "no"),
    # The editorial calendar: a writer's lists only their own stories (tests/articles/test_home.py).
    "articles_article_calendar": ("login", "ok", "ok", "no"),
    # The story form's autosave (POST only: a GET is 405) and who else is editing (tests/security/test_autosave.py).
    "articles_article_presence": ("login", "ok", "ok", "no"),
    # Review notes are POSTs (a GET is 405: tests/articles/test_review_notes.py); the settings of
    # the workflow emails are for who writes stories.
    "articles_article_review_notes": ("login", "no", "no", "no"),
    "notification_settings": ("login", "ok", "ok", "no"),
    "articles_correction_changelist": ("login", "no", "ok", "no"),
    "articles_correction_change": ("login", "no", "ok", "no"),
    "articles_correction_history": ("login", "no", "ok", "no"),
    "articles_section_changelist": ("login", "ok", "ok", "no"),
    "articles_section_change": ("login", "ok", "ok", "no"),
    "articles_section_history": ("login", "ok", "ok", "no"),
    "articles_section_add": ("login", "no", "ok", "no"),
    "articles_author_changelist": ("login", "ok", "ok", "no"),
    "articles_author_change": ("login", "ok", "ok", "no"),
    "articles_author_history": ("login", "ok", "ok", "no"),
    "articles_author_add": ("login", "no", "ok", "no"),
    # The image library: writers and editors upload and edit; only editors delete.
    "images_image_changelist": ("login", "ok", "ok", "no"),
    "images_image_add": ("login", "ok", "ok", "no"),
    "images_image_change": ("login", "ok", "ok", "no"),
    "images_image_history": ("login", "ok", "ok", "no"),
    "images_image_delete": ("login", "no", "ok", "no"),
    "images_image_chooser": ("login", "ok", "ok", "no"),
    "images_image_chooser_chosen": ("login", "ok", "ok", "no"),
    "images_image_chooser_focal": ("login", "ok", "ok", "no"),
    "articles_tag_changelist": ("login", "ok", "ok", "no"),
    "articles_tag_change": ("login", "ok", "ok", "no"),
    "articles_tag_history": ("login", "ok", "ok", "no"),
    "articles_tag_add": ("login", "ok", "ok", "no"),
    # Editors delete tags when they merge them (the tag admin's merge action).
    "articles_tag_delete": ("login", "no", "ok", "no"),
    # Comments: the moderation desk only.
    "comments_readercomment_changelist": ("login", "no", "no", "ok"),
    "comments_readercomment_change": ("login", "no", "no", "ok"),
    "comments_readercomment_history": ("login", "no", "no", "ok"),
    "comments_watchedword_changelist": ("login", "no", "no", "ok"),
    "comments_watchedword_add": ("login", "no", "no", "ok"),
    "comments_watchedword_change": ("login", "no", "no", "ok"),
    "comments_watchedword_history": ("login", "no", "no", "ok"),
    "comments_watchedword_delete": ("login", "no", "no", "ok"),
}


def outcome(response):
    location = response.get("Location", "")
    if response.status_code == 200:
        return "ok"
    if response.status_code == 302 and "/admin/login/" in location:
        return "login"
    if response.status_code in {403, 404, 405} or (response.status_code == 302 and location in {"/admin/", "/admin"}):
        return "no"
    if response.status_code == 302:
        return "redirect"
    return str(response.status_code)


@pytest.fixture
def newsroom_objects(writer, editor, moderator, other_writer, section, draft_by_writer):
    """One object of every model the admin shows, and the ids its URLs take."""
    with reversion.create_revision():
        draft_by_writer.save()
    story = ArticleFactory(section=section)
    comment = CommentFactory(content_object=story)
    tag = Tag.objects.create(name="Harbour", slug="harbour")
    return {
        "users": {"anonymous": None, "writer": writer, "editor": editor, "moderator": moderator},
        "others_draft": ArticleFactory(section=section, status=Article.Status.DRAFT, publish_at=None,
                                       created_by=other_writer),
        "ids": {
            "articles.article": draft_by_writer.pk, "articles.section": section.pk,
            "articles.author": writer.author_profile.pk, "articles.tag": tag.pk,
            "images.image": ImageFactory().pk,
            "articles.correction": CorrectionFactory(article=story).pk, "comments.readercomment": comment.pk,
            "comments.watchedword": WatchedWord.objects.create(word="spam").pk, "auth.user": writer.pk,
            "auth.group": Group.objects.first().pk, "sites.site": Site.objects.get_current().pk,
            "version": Version.objects.get_for_object(draft_by_writer).first().pk,
            "content_type": ContentType.objects.get_for_model(Article).pk,
        },
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_page_by_role(client, every_path, newsroom_objects, role):
    user = newsroom_objects["users"][role]
    if user:
        client.force_login(user)
    paths = [(name, path) for name, path in every_path(newsroom_objects["ids"]) if path.startswith("/admin/")]

    got = {}
    for name, path in paths:
        if name is None:  # /admin/<app>/<model>/<id>/: a redirect to the change page, checked there
            continue
        got[name] = outcome(client.get(path))

    expected = {name: EXPECTED.get(name, ("login", "no", "no", "no"))[ROLES.index(role)] for name in got}
    assert len(paths) > 80
    assert got == expected


@pytest.mark.parametrize("suffix", ["change/", "history/", "delete/", "revisions/", "correction/"])
def test_a_writer_cannot_open_another_writers_draft(client, writer, newsroom_objects, suffix):
    client.force_login(writer)

    response = client.get(f"/admin/articles/article/{newsroom_objects['others_draft'].pk}/{suffix}")

    assert outcome(response) == "no"


ACTIONS = {
    "/admin/articles/article/": ["submit_selected", "approve_selected", "publish_selected", "delete_selected"],
    "/admin/comments/readercomment/": ["approve", "remove", "restore"],
    "/admin/comments/watchedword/": ["delete_selected"],
}
MODEL_OF = {"/admin/articles/article/": "articles.article", "/admin/comments/readercomment/": "comments.readercomment",
            "/admin/comments/watchedword/": "comments.watchedword"}
# Who may run the actions of each changelist. A writer may submit their own draft.
ACTION_ROLES = {
    "submit_selected": {"writer", "editor"}, "approve_selected": {"editor"}, "publish_selected": {"editor"},
    "approve": {"moderator"}, "remove": {"moderator"}, "restore": {"moderator"},
    # Deleting: stories by editors, watched words by moderators.
    ("articles.article", "delete_selected"): {"editor"}, ("comments.watchedword", "delete_selected"): {"moderator"},
}


def state_of(model_key, pk):
    """What an action would change: a story's status, a comment's flags, a watched word's existence."""
    from comments.models import ReaderComment

    if model_key == "articles.article":
        return tuple(Article.objects.filter(pk=pk).values_list("status", "version"))
    if model_key == "comments.readercomment":
        return tuple(ReaderComment.objects.filter(pk=pk).values_list("is_public", "is_removed"))
    return tuple(WatchedWord.objects.filter(pk=pk).values_list("pk"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("changelist", list(ACTIONS))
def test_every_admin_action_by_role(client, newsroom_objects, role, changelist):
    user = newsroom_objects["users"][role]
    if user:
        client.force_login(user)
    model_key = MODEL_OF[changelist]
    pk = newsroom_objects["ids"][model_key]

    for action in ACTIONS[changelist]:
        before = state_of(model_key, pk)
        response = client.post(changelist, {"action": action, "_selected_action": [pk], "note": "walk", "post": "yes"})
        allowed = ACTION_ROLES.get(action) or ACTION_ROLES[(model_key, action)]
        if role == "anonymous":
            assert outcome(response) == "login", action
            assert state_of(model_key, pk) == before, action
        elif role not in allowed:
            assert outcome(response) in {"no", "redirect"}, (action, response.status_code)
            assert state_of(model_key, pk) == before, action
        else:
            assert response.status_code in {200, 302}, (action, response.status_code)

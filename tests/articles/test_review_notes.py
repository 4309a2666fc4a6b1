"""Review notes (issue 17, item 4): threaded notes between a story's editors and writers on
its admin page, each emailed to the other side, resolved threads folded away; never public,
and nobody who may not open the story reads or writes them."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles import services
from articles.models import Article, ReviewNote
from tests.conftest import QUERY_BUDGETS, staff_in_group
from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.django_db
Status = Article.Status
HX = {"HTTP_HX_REQUEST": "true"}


def change_url(story):
    return f"/admin/articles/article/{story.pk}/change/"


def notes_url(story):
    return f"/admin/articles/article/{story.pk}/notes/"


@pytest.fixture
def in_review(draft_by_writer):
    """The writer's story, waiting for an editor."""
    Article.objects.filter(pk=draft_by_writer.pk).update(status=Status.IN_REVIEW)
    draft_by_writer.refresh_from_db()
    return draft_by_writer


@pytest.fixture
def second_editor(db):
    """An editor who has not taken part in the story's notes."""
    return staff_in_group("second_editor", "Editor")


def signed_in(user):
    """A client of its own (its own cookies), signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def post_note(user, story, capture, headers=None, **data):
    with capture(execute=True):
        return signed_in(user).post(notes_url(story), data, **(headers or {}))


# Add, reply, resolve -------------------------------------------------------------------


def test_an_editors_note_is_kept_and_emailed_to_the_writer_with_a_link_to_the_notes(
    editor, writer, in_review, django_capture_on_commit_callbacks
):
    response = post_note(editor, in_review, django_capture_on_commit_callbacks,
                         text="The second quote needs a surname.")

    assert response.status_code == 302
    assert response["Location"] == change_url(in_review) + "#review-notes"
    note = ReviewNote.objects.get()
    assert (note.article, note.author, note.parent, note.text) == (
        in_review, editor, None, "The second quote needs a surname.")
    assert [message.to for message in mail.outbox] == [[writer.email]]
    assert mail.outbox[0].subject == "Review note: Harbour plan goes to council"
    assert "The second quote needs a surname." in mail.outbox[0].body
    assert f"http://testserver{change_url(in_review)}#review-notes" in mail.outbox[0].body


def test_the_writer_sees_the_note_on_the_story_and_replies_to_the_editor_who_wrote_it(
    editor, second_editor, writer, in_review, django_capture_on_commit_callbacks
):
    note = services.review_note_add(article=in_review, by=editor, text="Is the vote on Tuesday?")
    mail.outbox.clear()

    page = signed_in(writer).get(change_url(in_review)).content.decode()
    assert "Is the vote on Tuesday?" in page
    assert "Review notes (1 open)" in page

    response = post_note(writer, in_review, django_capture_on_commit_callbacks,
                         text="Wednesday; fixed.", parent=note.pk)

    assert response.status_code == 302
    reply = ReviewNote.objects.get(parent=note)
    assert (reply.author, reply.text) == (writer, "Wednesday; fixed.")
    # The editor in the conversation, not every editor.
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert "replied to a review note" in mail.outbox[0].body


def test_a_writers_first_note_goes_to_every_editor(
    editor, second_editor, writer, in_review, django_capture_on_commit_callbacks
):
    post_note(writer, in_review, django_capture_on_commit_callbacks, text="Can the photo wait a day?")

    assert sorted(address for message in mail.outbox for address in message.to) == sorted(
        [editor.email, second_editor.email])


def test_a_reply_to_a_reply_joins_the_same_thread(editor, writer, in_review):
    thread = services.review_note_add(article=in_review, by=editor, text="Check the figures.")
    reply = services.review_note_add(article=in_review, by=writer, text="Which ones?", parent=thread)

    again = services.review_note_add(article=in_review, by=editor, text="The budget.", parent=reply)

    assert again.parent == thread


def test_a_bylined_co_author_is_emailed_too_and_the_note_writer_never_is(
    editor, writer, in_review, django_capture_on_commit_callbacks
):
    colleague = staff_in_group("colleague", "Writer")
    in_review.bylines.create(author=AuthorFactory(user=colleague), position=1)
    thread = services.review_note_add(article=in_review, by=writer, text="Ready for a look.")
    mail.outbox.clear()

    post_note(editor, in_review, django_capture_on_commit_callbacks, text="Looks good.", parent=thread.pk)

    assert sorted(address for message in mail.outbox for address in message.to) == sorted(
        [writer.email, colleague.email])


def test_resolving_folds_the_thread_away_and_tells_the_other_side(
    editor, writer, in_review, django_capture_on_commit_callbacks
):
    thread = services.review_note_add(article=in_review, by=editor, text="Add the council's reply.")
    services.review_note_add(article=in_review, by=writer, text="Added in paragraph four.", parent=thread)
    mail.outbox.clear()

    post_note(editor, in_review, django_capture_on_commit_callbacks, resolve=thread.pk)

    thread.refresh_from_db()
    assert thread.is_resolved and thread.resolved_by == editor
    assert [message.to for message in mail.outbox] == [[writer.email]]
    assert mail.outbox[0].subject == "Review note resolved: Harbour plan goes to council"
    page = signed_in(writer).get(change_url(in_review)).content.decode()
    folded = page[page.index('<details class="review-notes-resolved">'):]
    assert "Resolved review notes (1)" in folded
    assert "Add the council&#x27;s reply." in folded and "Added in paragraph four." in folded
    assert "No open review notes." in page
    assert 'name="resolve"' not in page  # nothing left to resolve


def test_a_resolved_thread_takes_no_reply_and_cannot_be_resolved_twice(editor, writer, in_review):
    thread = services.review_note_add(article=in_review, by=editor, text="Shorten the headline.")
    services.review_note_resolve(note=thread, by=writer)

    with pytest.raises(services.ValidationError):
        services.review_note_add(article=in_review, by=writer, text="Done.", parent=thread)
    with pytest.raises(services.ValidationError):
        services.review_note_resolve(note=thread, by=editor)


def test_htmx_gets_the_section_back_with_the_new_note_to_focus(
    editor, in_review, django_capture_on_commit_callbacks
):
    response = post_note(editor, in_review, django_capture_on_commit_callbacks, headers=HX,
                         text="Where is the map?")

    note = ReviewNote.objects.get()
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="review-notes"')
    assert re.search(rf'id="review-note-{note.pk}" tabindex="-1" autofocus', html)
    assert "Review note added." in html
    assert "<html" not in html


@pytest.mark.parametrize("text", ["", "   ", "x" * (ReviewNote.MAX_LENGTH + 1)])
def test_a_refused_note_keeps_its_text_in_its_field_and_is_not_stored(
    editor, in_review, text, django_capture_on_commit_callbacks
):
    response = post_note(editor, in_review, django_capture_on_commit_callbacks, headers=HX, text=text)

    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="review-note-text-error"' in html
    assert re.search(r'<textarea id="review-note-text"[^>]*aria-invalid="true" autofocus>' + re.escape(text.strip() and text), html)
    assert not ReviewNote.objects.exists()
    assert mail.outbox == []


def test_without_javascript_a_refused_note_says_why_on_the_story_page(editor, in_review):
    client = signed_in(editor)

    response = client.post(notes_url(in_review), {"text": " "}, follow=True)

    assert response.redirect_chain[-1][0] == change_url(in_review) + "#review-notes"
    assert "Not done: Write the review note before adding it." in response.content.decode()


def test_the_notes_endpoint_takes_posts_only(editor, in_review):
    assert signed_in(editor).get(notes_url(in_review)).status_code == 405


# From the attacker's side ------------------------------------------------------------


def test_another_writer_cannot_read_the_notes_of_a_story_they_may_not_open(editor, other_writer, in_review):
    services.review_note_add(article=in_review, by=editor, text="Confidential: the source is the mayor.")

    response = signed_in(other_writer).get(change_url(in_review), follow=True)

    assert "Confidential: the source is the mayor." not in response.content.decode()


def test_a_forged_post_from_another_writer_adds_nothing_and_mails_nobody(
    editor, other_writer, in_review, django_capture_on_commit_callbacks
):
    thread = services.review_note_add(article=in_review, by=editor, text="Check the date.")
    mail.outbox.clear()
    attacker = signed_in(other_writer)

    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            attacker.post(notes_url(in_review), {"text": "Injected"}),
            attacker.post(notes_url(in_review), {"text": "Injected", "parent": thread.pk}, **HX),
            attacker.post(notes_url(in_review), {"resolve": thread.pk}, **HX),
        ]

    assert [answer.status_code for answer in answers] == [403, 403, 403]
    assert all("Check the date." not in answer.content.decode() for answer in answers)
    assert list(ReviewNote.objects.values_list("text", flat=True)) == ["Check the date."]
    thread.refresh_from_db()
    assert not thread.is_resolved
    assert mail.outbox == []


def test_enumerating_story_ids_answers_the_same_for_hidden_and_missing_stories(editor, other_writer, in_review):
    services.review_note_add(article=in_review, by=editor, text="Check the date.")
    attacker = signed_in(other_writer)
    hidden = attacker.post(notes_url(in_review), {"text": "x"})
    missing = attacker.post(f"/admin/articles/article/{in_review.pk + 1000}/notes/", {"text": "x"})
    nonsense = attacker.post("/admin/articles/article/not-a-number/notes/", {"text": "x"})

    assert hidden.status_code == missing.status_code == nonsense.status_code == 403
    assert hidden.content == missing.content == nonsense.content


def test_a_note_id_from_another_story_is_no_such_note(
    editor, other_writer, in_review, section, django_capture_on_commit_callbacks
):
    """The other writer's own story's endpoint, with the id of a note on a story they may not see."""
    secret = services.review_note_add(article=in_review, by=editor, text="The source is the mayor.")
    own = ArticleFactory(section=section, status=Status.DRAFT, publish_at=None, created_by=other_writer)
    mail.outbox.clear()

    replied = post_note(other_writer, own, django_capture_on_commit_callbacks, headers=HX,
                        text="Tell me more", parent=secret.pk)
    resolved = post_note(other_writer, own, django_capture_on_commit_callbacks, headers=HX, resolve=secret.pk)

    for answer in (replied, resolved):
        assert answer.status_code == 400
        assert services.NO_SUCH_NOTE in answer.content.decode()
        assert "The source is the mayor." not in answer.content.decode()
    assert not ReviewNote.objects.filter(parent=secret).exists()
    assert not ReviewNote.objects.filter(article=own).exists()
    secret.refresh_from_db()
    assert not secret.is_resolved
    assert mail.outbox == []


@pytest.mark.parametrize("role", ["Moderator", None])
def test_staff_without_the_story_desk_are_refused(role, in_review):
    user = staff_in_group("someone", role) if role else staff_in_group("someone", "Writer")
    if role is None:
        user.groups.clear()  # staff, in no role

    assert signed_in(user).post(notes_url(in_review), {"text": "x"}).status_code == 403
    assert not ReviewNote.objects.exists()


def test_a_reader_signed_out_is_sent_to_the_sign_in_page(client, in_review):
    response = client.post(notes_url(in_review), {"text": "x"})

    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not ReviewNote.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(editor, in_review):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    assert client.post(notes_url(in_review), {"text": "x"}).status_code == 403
    assert not ReviewNote.objects.exists()


def test_a_writer_who_may_open_but_not_edit_the_story_still_writes_notes(writer, editor, in_review):
    """In review, the story is the editor's to change; the conversation stays open to its writer."""
    assert not in_review.can_be_edited_by(writer)

    assert signed_in(writer).post(notes_url(in_review), {"text": "One more thing."}).status_code == 302
    assert ReviewNote.objects.get().author == writer


# Never public ----------------------------------------------------------------------------


def test_notes_are_on_no_public_page_feed_or_preview(client, editor, writer, section, draft_by_writer):
    public = ArticleFactory(section=section, headline="Ferry timetable changes", tags=["Harbour"])
    note_texts = ["Unpublished: the ferry source", "Unpublished: the draft's source"]
    services.review_note_add(article=public, by=editor, text=note_texts[0])
    services.review_note_add(article=draft_by_writer, by=editor, text=note_texts[1])
    author = public.bylines.get().author
    urls = [
        "/", public.get_absolute_url(), section.get_absolute_url(), "/tag/harbour/", author.get_absolute_url(),
        "/search/?q=ferry", "/search/?q=source", "/feed/", "/feed/atom/", f"{section.get_absolute_url()}feed/",
        "/sitemap.xml", "/sitemap-news.xml", "/sitemap-stories.xml", "/corrections/",
    ]

    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert all(text not in body for text in note_texts), url
    client.force_login(writer)
    preview = client.get(draft_by_writer.get_absolute_url())
    assert preview.status_code == 200
    assert note_texts[1] not in preview.content.decode()


# Queries ---------------------------------------------------------------------------------


def test_the_change_form_takes_the_same_queries_with_many_notes(editor, writer, section):
    quiet = ArticleFactory(section=section, created_by=writer)
    busy = ArticleFactory(section=section, created_by=writer)
    for i in range(6):
        thread = services.review_note_add(article=busy, by=editor, text=f"Point {i}")
        services.review_note_add(article=busy, by=writer, text=f"Answer {i}", parent=thread)
        if i % 2:
            services.review_note_resolve(note=thread, by=editor)
    client = signed_in(editor)
    counts = []
    for story in (quiet, busy):
        client.get(change_url(story))  # the session and permissions, cached as on a running site
        with CaptureQueriesContext(connection) as captured:
            assert client.get(change_url(story)).status_code == 200
        counts.append(len(captured))

    assert counts[0] == counts[1] <= QUERY_BUDGETS["admin story form"]

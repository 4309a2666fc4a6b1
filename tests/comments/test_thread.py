"""The thread under a story, and comment counts on lists."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from comments.models import ReaderComment
from comments.services import comment_approve, comment_remove
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def thread_html(client, story):
    content = client.get(story.get_absolute_url()).content.decode()
    return content[content.index('<section class="comments"'):]


def test_thread_shows_replies_nested_oldest_first(client, story):
    now = timezone.now()
    first = CommentFactory(content_object=story, user_name="Ada", comment="First.", submit_date=now - timedelta(hours=3))
    second = CommentFactory(content_object=story, user_name="Ben", comment="Second.", submit_date=now - timedelta(hours=2))
    reply = CommentFactory(parent=first, user_name="Cy", comment="Reply to first.", submit_date=now - timedelta(hours=1))
    CommentFactory(parent=reply, user_name="Di", comment="Reply to reply.")

    html = thread_html(client, story)

    assert html.index("First.") < html.index("Reply to first.") < html.index("Reply to reply.") < html.index("Second.")
    first_article = html[html.index(f'id="c{first.pk}"'):html.index(f'id="c{second.pk}"')]
    assert "Reply to reply." in first_article  # nested inside the first comment's <article>
    assert html.count("<article ") == 4
    assert re.search(r'<h3 class="comment-name" id="c\d+-name">Ada</h3>', html)
    assert re.search(r'<h4 class="comment-name" id="c\d+-name">Cy</h4>', html)
    assert re.search(r'<h5 class="comment-name" id="c\d+-name">Di</h5>', html)
    assert "Comments <span class=\"comment-count\">(4)</span>" in html


def test_thread_times_have_no_microseconds(client, story):
    comment = CommentFactory(content_object=story)
    expected = timezone.localtime(comment.submit_date).replace(microsecond=0).isoformat()

    html = thread_html(client, story)

    assert f'<time datetime="{expected}">' in html


def test_deepest_replies_offer_no_reply_link(client, story):
    deepest = CommentFactory(parent=CommentFactory(parent=CommentFactory(content_object=story)))

    html = thread_html(client, story)

    assert html.count(">Reply<") == 2
    assert f"/comments/reply/{deepest.pk}/" not in html


def test_script_and_html_in_names_and_text_are_shown_as_text(client, story):
    CommentFactory(
        content_object=story,
        user_name='<script>alert("name")</script>',
        comment='<b>bold</b> <img src=x onerror=alert(1)> <a href="javascript:alert(2)">click</a>',
    )

    html = thread_html(client, story)

    assert "<script>alert" not in html and "<img src=x" not in html and "<b>bold" not in html
    assert "&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert 'href="javascript' not in html


def test_comment_text_keeps_line_breaks_and_links_urls_for_nobody(client, story):
    CommentFactory(content_object=story, comment="Line one\nline two\n\nSee https://example.org/report?a=1&b=2 now")

    html = thread_html(client, story)

    assert "<p>Line one<br>line two</p>" in html
    assert (
        '<a href="https://example.org/report?a=1&amp;b=2" rel="nofollow ugc noopener">https://example.org/report?a=1&amp;b=2</a>'
        in html
    )


def test_email_addresses_are_never_shown(client, story):
    CommentFactory(content_object=story, user_email="private.person@example.org")

    assert "private.person" not in client.get(story.get_absolute_url()).content.decode()


def test_held_and_removed_comments_and_their_replies_stay_hidden(client, story):
    CommentFactory(content_object=story, comment="Waiting for a moderator.", is_public=False)
    removed = CommentFactory(content_object=story, comment="Taken down.", is_removed=True)
    CommentFactory(parent=removed, comment="Reply under a removed comment.")
    CommentFactory(content_object=story, comment="Visible one.")

    html = thread_html(client, story)

    assert "Visible one." in html
    assert "Waiting for a moderator." not in html and "Taken down." not in html
    assert "Reply under a removed comment." not in html


def test_approving_a_comment_does_not_publish_its_held_replies(moderator, story):
    parent = CommentFactory(content_object=story, is_public=False)
    held_reply = CommentFactory(parent=parent, is_public=False)

    comment_approve(comment=ReaderComment.objects.get(pk=parent.pk), by=moderator)
    comment_remove(comment=ReaderComment.objects.get(pk=parent.pk), by=moderator)

    held_reply.refresh_from_db()
    assert held_reply.is_public is False


def test_moderators_see_remove_links_and_report_counts(client, moderator, reader, story):
    from tests.factories import CommentReportFactory

    comment = CommentFactory(content_object=story)
    CommentReportFactory(comment=comment, user=reader)
    client.force_login(moderator)

    html = thread_html(client, story)

    assert f'href="/comments/delete/{comment.pk}/"' in html
    assert '<span class="comment-reports">1 report</span>' in html


def test_readers_see_a_report_link_but_no_moderator_links(client, reader, story):
    comment = CommentFactory(content_object=story)

    anonymous = thread_html(client, story)
    client.force_login(reader)
    signed_in = thread_html(client, story)

    # The same plain link for everyone: the anonymous page is cached and shared.
    link = f'<a href="/comments/flag/{comment.pk}/" rel="nofollow">Report'
    assert link in anonymous and "/comments/delete/" not in anonymous
    assert link in signed_in and "/comments/delete/" not in signed_in
    assert "comment-reports" not in anonymous + signed_in


def test_moderator_removal_from_the_story_page_is_logged(client, moderator, story):
    comment = CommentFactory(content_object=story)
    client.force_login(moderator)

    client.post(f"/comments/delete/{comment.pk}/")

    comment.refresh_from_db()
    decision = comment.decisions.get()
    assert comment.is_removed and decision.by == moderator and decision.action == "removed"


def test_writers_cannot_use_the_story_page_moderator_links(client, writer, story):
    comment = CommentFactory(content_object=story)
    client.force_login(writer)

    assert client.post(f"/comments/delete/{comment.pk}/").status_code == 403
    comment.refresh_from_db()
    assert not comment.is_removed


def test_lists_show_comment_counts(client, story):
    CommentFactory.create_batch(2, content_object=story)
    CommentFactory(content_object=story, is_public=False)
    CommentFactory(content_object=story, is_removed=True)
    quiet = ArticleFactory(section=story.section, headline="Quiet story")

    content = client.get(story.section.get_absolute_url()).content.decode()
    home = client.get("/").content.decode()

    assert f'<a href="{story.get_absolute_url()}#comments">2 comments</a>' in content
    assert f"{quiet.get_absolute_url()}#comments" not in content
    assert f'<a href="{story.get_absolute_url()}#comments">2 comments</a>' in home


@pytest.mark.parametrize("rows", [1, 30])
def test_comment_counts_add_no_query_per_story(
    client, settings, section, current_site, rows, query_budget
):
    settings.PAGE_CACHE_SECONDS = 0  # measure building the page, not serving it from the cache
    for story in ArticleFactory.create_batch(rows, section=section):
        CommentFactory(content_object=story)

    # owner + count + page + bylines + nav
    with query_budget("list page"):
        assert client.get(section.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("rows", [1, 50])
def test_story_thread_is_one_query(client, settings, section, current_site, rows, query_budget):
    settings.PAGE_CACHE_SECONDS = 0  # measure building the page, not serving it from the cache
    story = ArticleFactory(section=section)
    for parent in CommentFactory.create_batch(rows, content_object=story):
        CommentFactory(parent=parent)

    # story + bylines + tags + related + nav + comment thread
    with query_budget("story, tag counts cached"):
        assert client.get(story.get_absolute_url()).status_code == 200


def test_moderator_permission_check_uses_the_django_comments_label(moderator):
    assert moderator.has_perm("django_comments.can_moderate")
    assert Permission.objects.filter(codename="can_moderate").count() == 2


@hypothesis_settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from([*"ab wx.@:/-_()<>&\"'\n\té", "http", "www", ".org", ".com", "mailto"]), max_size=30).map("".join))
def test_comment_text_links_exactly_what_urlize_links(text):
    """The shortcut for text without an address gives what urlize() gives."""
    from django.utils.html import linebreaks, urlize

    from comments.templatetags.newsroom_comments import comment_text

    expected = urlize(text, nofollow=True, autoescape=True).replace(' rel="nofollow"', ' rel="nofollow ugc noopener"')

    assert comment_text(text) == linebreaks(expected, autoescape=False)

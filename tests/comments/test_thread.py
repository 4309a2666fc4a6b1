"""The thread under a story, and comment counts on lists."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import get_script_prefix, reverse, set_script_prefix
from django.utils import timezone
from django.utils.html import escape
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from comments.models import ReaderComment
from comments.services import comment_approve, comment_remove
from comments.templatetags.newsroom_comments import _PLACEHOLDER_PK, comment_tree
from comments.thread import story_thread
from tests.factories import ArticleFactory, CommentFactory, CommentReportFactory

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


# The thread's markup byte for byte, as the thread gave it while it was built from model
# instances and format_html (before it was built from rows of values): a change to the
# markup must be made here on purpose. {first} and the others are the comments' pks.
THREAD_FOR_READERS = (
    '<section class="comments" id="comments" aria-labelledby="comments-heading">\n'
    '  <h2 id="comments-heading">Comments <span class="comment-count">(4)</span></h2>\n'
    '  \n'
    '  <ol class="comment-list">\n'
    '<li><article class="comment" id="c{first}" aria-labelledby="c{first}-name">\n'
    '<header class="comment-header"><h3 class="comment-name" id="c{first}-name">&lt;b&gt;Ann &amp; &quot;Bo&quot;&lt;/b&gt;</h3> <a class="comment-time" href="#c{first}"><time datetime="2026-07-01T10:05:07+01:00">1 July 2026, 10:05</time></a></header>\n'
    '<div class="comment-text"><p>&lt;i&gt;Hi&lt;/i&gt; &amp; &#x27;bye&#x27;<br>second line</p></div>\n'
    '<footer class="comment-actions"><a href="/comments/reply/{first}/">Reply<span class="visually-hidden"> to &lt;b&gt;Ann &amp; &quot;Bo&quot;&lt;/b&gt;</span></a> <a href="/comments/flag/{first}/" rel="nofollow">Report<span class="visually-hidden"> the comment by &lt;b&gt;Ann &amp; &quot;Bo&quot;&lt;/b&gt;</span></a></footer>\n'
    '<ol class="comment-list">\n'
    '<li><article class="comment" id="c{reply}" aria-labelledby="c{reply}-name">\n'
    '<header class="comment-header"><h4 class="comment-name" id="c{reply}-name">Typed name</h4> <a class="comment-time" href="#c{reply}"><time datetime="2026-07-02T00:30:00+01:00">2 July 2026, 00:30</time></a></header>\n'
    '<div class="comment-text"><p>See <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">https://example.org/a?b=1&amp;c=2</a> now.</p>\n'
    '\n'
    '<p>New paragraph.</p></div>\n'
    '<footer class="comment-actions"><a href="/comments/reply/{reply}/">Reply<span class="visually-hidden"> to Typed name</span></a> <a href="/comments/flag/{reply}/" rel="nofollow">Report<span class="visually-hidden"> the comment by Typed name</span></a></footer>\n'
    '<ol class="comment-list">\n'
    '<li><article class="comment" id="c{deepest}" aria-labelledby="c{deepest}-name">\n'
    '<header class="comment-header"><h5 class="comment-name" id="c{deepest}-name">Cy</h5> <a class="comment-time" href="#c{deepest}"><time datetime="2026-07-02T01:01:00+01:00">2 July 2026, 01:01</time></a></header>\n'
    '<div class="comment-text"><p>Deepest.</p></div>\n'
    '<footer class="comment-actions"> <a href="/comments/flag/{deepest}/" rel="nofollow">Report<span class="visually-hidden"> the comment by Cy</span></a></footer>\n'
    '</article></li>\n'
    '</ol></article></li>\n'
    '</ol></article></li>\n'
    '<li><article class="comment" id="c{last}" aria-labelledby="c{last}-name">\n'
    '<header class="comment-header"><h3 class="comment-name" id="c{last}-name">Di</h3> <a class="comment-time" href="#c{last}"><time datetime="2026-12-24T18:00:59+00:00">24 December 2026, 18:00</time></a></header>\n'
    '<div class="comment-text"><p>Winter is far.</p></div>\n'
    '<footer class="comment-actions"><a href="/comments/reply/{last}/">Reply<span class="visually-hidden"> to Di</span></a> <a href="/comments/flag/{last}/" rel="nofollow">Report<span class="visually-hidden"> the comment by Di</span></a></footer>\n'
    '</article></li>\n'
    '</ol>\n'
    '  \n'
    '  \n'
    '  \n'
    '  '
)

THREAD_FOR_MODERATORS = (
    '<section class="comments" id="comments" aria-labelledby="comments-heading">\n'
    '  <h2 id="comments-heading">Comments <span class="comment-count">(4)</span></h2>\n'
    '  \n'
    '  <ol class="comment-list">\n'
    '<li><article class="comment" id="c{first}" aria-labelledby="c{first}-name">\n'
    '<header class="comment-header"><h3 class="comment-name" id="c{first}-name">&lt;b&gt;Ann &amp; &quot;Bo&quot;&lt;/b&gt;</h3> <a class="comment-time" href="#c{first}"><time datetime="2026-07-01T10:05:07+01:00">1 July 2026, 10:05</time></a></header>\n'
    '<div class="comment-text"><p>&lt;i&gt;Hi&lt;/i&gt; &amp; &#x27;bye&#x27;<br>second line</p></div>\n'
    '<footer class="comment-actions"><a href="/comments/reply/{first}/">Reply<span class="visually-hidden"> to &lt;b&gt;Ann &amp; &quot;Bo&quot;&lt;/b&gt;</span></a> <a href="/comments/flag/{first}/" rel="nofollow">Report<span class="visually-hidden"> the comment by &lt;b&gt;Ann &amp; &quot;Bo&quot;&lt;/b&gt;</span></a> <span class="comment-reports">1 report</span> <a href="/comments/delete/{first}/">Remove<span class="visually-hidden"> the comment by &lt;b&gt;Ann &amp; &quot;Bo&quot;&lt;/b&gt;</span></a></footer>\n'
    '<ol class="comment-list">\n'
    '<li><article class="comment" id="c{reply}" aria-labelledby="c{reply}-name">\n'
    '<header class="comment-header"><h4 class="comment-name" id="c{reply}-name">Typed name</h4> <a class="comment-time" href="#c{reply}"><time datetime="2026-07-02T00:30:00+01:00">2 July 2026, 00:30</time></a></header>\n'
    '<div class="comment-text"><p>See <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">https://example.org/a?b=1&amp;c=2</a> now.</p>\n'
    '\n'
    '<p>New paragraph.</p></div>\n'
    '<footer class="comment-actions"><a href="/comments/reply/{reply}/">Reply<span class="visually-hidden"> to Typed name</span></a> <a href="/comments/flag/{reply}/" rel="nofollow">Report<span class="visually-hidden"> the comment by Typed name</span></a> <a href="/comments/delete/{reply}/">Remove<span class="visually-hidden"> the comment by Typed name</span></a></footer>\n'
    '<ol class="comment-list">\n'
    '<li><article class="comment" id="c{deepest}" aria-labelledby="c{deepest}-name">\n'
    '<header class="comment-header"><h5 class="comment-name" id="c{deepest}-name">Cy</h5> <a class="comment-time" href="#c{deepest}"><time datetime="2026-07-02T01:01:00+01:00">2 July 2026, 01:01</time></a></header>\n'
    '<div class="comment-text"><p>Deepest.</p></div>\n'
    '<footer class="comment-actions"> <a href="/comments/flag/{deepest}/" rel="nofollow">Report<span class="visually-hidden"> the comment by Cy</span></a> <a href="/comments/delete/{deepest}/">Remove<span class="visually-hidden"> the comment by Cy</span></a></footer>\n'
    '</article></li>\n'
    '</ol></article></li>\n'
    '</ol></article></li>\n'
    '<li><article class="comment" id="c{last}" aria-labelledby="c{last}-name">\n'
    '<header class="comment-header"><h3 class="comment-name" id="c{last}-name">Di</h3> <a class="comment-time" href="#c{last}"><time datetime="2026-12-24T18:00:59+00:00">24 December 2026, 18:00</time></a></header>\n'
    '<div class="comment-text"><p>Winter is far.</p></div>\n'
    '<footer class="comment-actions"><a href="/comments/reply/{last}/">Reply<span class="visually-hidden"> to Di</span></a> <a href="/comments/flag/{last}/" rel="nofollow">Report<span class="visually-hidden"> the comment by Di</span></a> <span class="comment-reports">2 reports</span> <a href="/comments/delete/{last}/">Remove<span class="visually-hidden"> the comment by Di</span></a></footer>\n'
    '</article></li>\n'
    '</ol>\n'
    '  \n'
    '  \n'
    '  \n'
    '  '
)


def thread_section(client, story):
    content = client.get(story.get_absolute_url()).content.decode()
    return content[content.index('<section class="comments"'):content.index('<h3 id="comment-form-heading">')]


def small_thread(story, reader):
    """Nested replies three deep, a removed comment with a reply, a held comment, a held reply,
    a comment with a web address, HTML in a name and a text, a signed-in reader's comment
    under the name they typed, open reports. Dates in summer and in winter time (Europe/London)."""
    reader.first_name, reader.last_name = "Staff", "Member"
    reader.save()
    first = CommentFactory(
        content_object=story, user_name='<b>Ann & "Bo"</b>', comment="<i>Hi</i> & 'bye'\nsecond line",
        submit_date=datetime(2026, 7, 1, 9, 5, 7, 123456, tzinfo=UTC),
    )
    reply = CommentFactory(
        parent=first, user=reader, user_name="Typed name",
        comment="See https://example.org/a?b=1&c=2 now.\n\nNew paragraph.",
        submit_date=datetime(2026, 7, 1, 23, 30, tzinfo=UTC),
    )
    deepest = CommentFactory(parent=reply, user_name="Cy", comment="Deepest.", submit_date=datetime(2026, 7, 2, 0, 1, tzinfo=UTC))
    removed = CommentFactory(content_object=story, user_name="Gone", comment="Taken down.", is_removed=True,
                             submit_date=datetime(2026, 7, 2, 1, tzinfo=UTC))
    CommentFactory(parent=removed, user_name="Orphan", comment="Under a removed one.",
                   submit_date=datetime(2026, 7, 2, 2, tzinfo=UTC))
    CommentFactory(content_object=story, user_name="Held", comment="Waiting.", is_public=False,
                   submit_date=datetime(2026, 7, 2, 3, tzinfo=UTC))
    last = CommentFactory(content_object=story, user_name="Di", comment="Winter is far.",
                          submit_date=datetime(2026, 12, 24, 18, 0, 59, tzinfo=UTC))
    CommentFactory(parent=last, user_name="Held reply", comment="Waiting too.", is_public=False,
                   submit_date=datetime(2026, 12, 24, 19, tzinfo=UTC))
    CommentReportFactory.create_batch(2, comment=last)
    CommentReportFactory(comment=first)
    return first, reply, deepest, last


def test_thread_markup_is_exactly_what_it_was(client, moderator, reader, story):
    first, reply, deepest, last = small_thread(story, reader)
    pks = {"first": first.pk, "reply": reply.pk, "deepest": deepest.pk, "last": last.pk}

    anonymous = thread_section(client, story)
    client.force_login(moderator)
    moderating = thread_section(client, story)

    assert anonymous == THREAD_FOR_READERS.format(**pks)
    assert moderating == THREAD_FOR_MODERATORS.format(**pks)


@pytest.mark.parametrize("script_name", ["/news", f"/{_PLACEHOLDER_PK}&'x"])
def test_thread_links_are_what_reverse_gives_under_a_script_prefix(moderator, story, script_name):
    """The links are reversed once a render: under the request's script prefix, even one
    holding the placeholder pk, they are what reverse() gives for each comment."""
    comment = CommentFactory(content_object=story)
    reply = CommentFactory(parent=comment)
    before = get_script_prefix()
    set_script_prefix(script_name)
    try:
        html = comment_tree({"user": moderator}, story_thread(story, with_reports=True)[0])
        expected = [reverse("comments-xtd-reply", kwargs={"cid": c.pk}) for c in (comment, reply)] + [
            reverse(name, args=[c.pk]) for name in ("comments-flag", "comments-delete") for c in (comment, reply)
        ]
    finally:
        set_script_prefix(before)

    assert all(url.startswith(f"{script_name}/comments/") for url in expected)
    for url in expected:
        assert f'href="{escape(url)}"' in html
    assert html.count('href="') == 6 + 2  # no others: both comments' Reply, Report, Remove, and their times


@hypothesis_settings(max_examples=300, deadline=None)
@given(
    moments=st.lists(
        st.datetimes(datetime(1900, 1, 1), datetime(2200, 1, 1), timezones=st.just(UTC)), min_size=1, max_size=5
    ),
    zone=st.sampled_from(["Europe/London", "UTC", "America/St_Johns", "Asia/Kathmandu"]),
    language=st.sampled_from(["en-gb", "de", "fr"]),
)
def test_comment_times_are_what_date_format_gives(moments, zone, language):
    """The thread formats the date part of a comment's time once a day: what it writes is
    date_format(localtime(submit_date), "j F Y, H:i") escaped, in any zone and language."""
    from django.utils import translation
    from django.utils.formats import date_format

    from comments.templatetags.newsroom_comments import _ThreadRender

    with timezone.override(zone), translation.override(language):
        render = _ThreadRender(moderator=False)
        for moment in moments + moments:  # the second time from the day's cache
            local = timezone.localtime(moment)
            assert render.submitted(moment) == (
                local.replace(microsecond=0).isoformat(), escape(date_format(local, "j F Y, H:i"))
            )


def _without_per_request_values(form):
    return re.sub(r'(name="(?:csrfmiddlewaretoken|timestamp|security_hash)" value=")[^"]*', r"\1", form)


def _form_fields(page):
    return re.search(r'<form method="post".*?</form>', page.content.decode(), re.S).group(0)


def test_the_comment_forms_fields_are_each_readers_own(client, story, reader):
    """An empty form's fields are rendered once a process (comment_form_fields): still the email
    field for a reader without a known address only, and each reply form's own follow-up box."""
    reader.email = "reader@example.org"
    reader.save()
    anonymous = _form_fields(client.get(story.get_absolute_url()))
    client.force_login(reader)
    signed_in = _form_fields(client.get(story.get_absolute_url()))
    client.logout()

    assert 'name="email"' in anonymous and 'name="email"' not in signed_in
    assert 'name="comment"' in signed_in and 'name="name"' in signed_in
    assert _without_per_request_values(_form_fields(client.get(story.get_absolute_url()))) == (
        _without_per_request_values(anonymous)
    )
    first, second = CommentFactory(content_object=story), CommentFactory(content_object=story)
    for comment in (first, second):
        reply_form = _form_fields(client.get(reverse("comments-xtd-reply", kwargs={"cid": comment.pk})))
        assert f'id="id_followup_{comment.pk}"' in reply_form


def test_a_comment_form_sent_back_with_errors_keeps_what_the_reader_typed(client, story, comment_post):
    client.get(story.get_absolute_url())  # the empty form's fields rendered once

    page = comment_post(story, name="", comment="What I typed before the name")

    assert "What I typed before the name" in page.content.decode() and "Please enter your name." in page.content.decode()


def test_only_a_moderators_thread_counts_open_reports(client, story, moderator, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0  # every page built
    CommentReportFactory(comment=CommentFactory(content_object=story))

    def report_queries():
        with CaptureQueriesContext(connection) as queries:
            client.get(story.get_absolute_url())
        return [query["sql"] for query in queries if '"comments_commentreport"' in query["sql"]]

    assert report_queries() == []
    client.force_login(moderator)
    assert len(report_queries()) == 1

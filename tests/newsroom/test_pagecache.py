from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _pages(story):
    return [
        "/",
        story.get_absolute_url(),
        story.section.get_absolute_url(),
        "/tag/nato/",
        story.byline_authors[0].get_absolute_url(),
    ]


def test_second_anonymous_request_is_served_from_the_cache_without_queries(client, story, django_assert_num_queries):
    first = client.get(story.get_absolute_url())

    with django_assert_num_queries(0):
        second = client.get(story.get_absolute_url())

    assert first["X-Page-Cache"] == "miss" and second["X-Page-Cache"] == "hit"
    assert second.content.decode().count(story.headline) >= 1
    assert second["ETag"] == first["ETag"]


def test_signed_in_users_are_never_served_from_the_cache(client, story, editor):
    client.get(story.get_absolute_url())
    client.force_login(editor)

    response = client.get(story.get_absolute_url())

    assert "X-Page-Cache" not in response


def test_previews_are_never_cached(client, story, editor):
    Article.objects.filter(pk=story.pk).update(status=Article.Status.DRAFT)
    client.force_login(editor)
    client.get(story.get_absolute_url())
    client.logout()

    assert client.get(story.get_absolute_url()).status_code == 404


def test_saving_a_story_refreshes_every_page_that_shows_it(client, story):
    for url in _pages(story):
        assert client.get(url)["X-Page-Cache"] == "miss"
        assert client.get(url)["X-Page-Cache"] == "hit"

    story.headline = "Corrected headline"
    story.save()

    for url in _pages(story):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Corrected headline" in response.content.decode(), url


def test_an_unrelated_story_page_stays_cached(client, story):
    other = ArticleFactory(tags=["Football"], headline="Cup final")
    client.get(other.get_absolute_url())

    story.headline = "Changed"
    story.save()

    assert client.get(other.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_new_story_sharing_a_tag_refreshes_story_pages_that_may_show_it(client, story):
    client.get(story.get_absolute_url())

    ArticleFactory(tags=["NATO"], headline="Related newcomer")

    response = client.get(story.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "Related newcomer" in response.content.decode()


def test_withdrawing_a_story_removes_it_from_cached_pages(client, story):
    for url in _pages(story):
        client.get(url)

    story.status = Article.Status.WITHDRAWN
    story.save()

    assert client.get(story.get_absolute_url()).status_code == 404
    for url in ["/", story.section.get_absolute_url()]:
        assert story.headline not in client.get(url).content.decode()


def test_a_comment_change_refreshes_its_story_page(client, story):
    client.get(story.get_absolute_url())
    comment = XtdComment.objects.create(
        content_type=ContentType.objects.get_for_model(Article), object_pk=str(story.pk),
        site=Site.objects.get_current(), name="Reader", email="r@example.org", comment="Hello", is_public=False,
    )
    client.get(story.get_absolute_url())

    comment.is_public = True  # a moderator approves it
    comment.save()

    assert client.get(story.get_absolute_url())["X-Page-Cache"] == "miss"


def test_a_scheduled_story_appears_on_time_with_a_warm_cache(client, section, clock):
    ArticleFactory(section=section, headline="Already out")
    scheduled = ArticleFactory(section=section, headline="Goes live soon", publish_at=timezone.now() + timedelta(seconds=2))
    assert "Goes live soon" not in client.get("/").content.decode()
    assert client.get("/")["X-Page-Cache"] == "hit"

    clock(scheduled.publish_at + timedelta(seconds=0.2))

    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Goes live soon" in response.content.decode()


def test_an_embargoed_story_appears_when_the_embargo_lifts_with_a_warm_cache(client, section, clock):
    ArticleFactory(section=section, headline="Already out")
    embargoed = ArticleFactory(section=section, headline="Under embargo", embargo_until=timezone.now() + timedelta(seconds=2))
    assert "Under embargo" not in client.get("/").content.decode()

    clock(embargoed.embargo_until + timedelta(seconds=0.2))

    assert "Under embargo" in client.get("/").content.decode()


def test_story_pages_answer_304_when_unchanged(client, story):
    first = client.get(story.get_absolute_url())

    by_etag = client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(story.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    assert by_etag.status_code == 304 and by_date.status_code == 304
    story.headline = "Changed"
    story.save()
    assert client.get(story.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_cached_pages_are_private_to_the_browser(client, story):
    client.get(story.get_absolute_url())

    response = client.get(story.get_absolute_url())

    assert "private" in response["Cache-Control"] and "max-age=0" in response["Cache-Control"]


def test_a_cache_hit_carries_the_same_security_headers_as_a_miss(client, story):
    miss = client.get(story.get_absolute_url())
    hit = client.get(story.get_absolute_url())

    assert hit["X-Page-Cache"] == "hit"
    for header in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "Content-Type"):
        assert hit[header] == miss[header], header
    assert int(hit["Content-Length"]) == len(hit.content)


def _form_fields(html):
    """The named inputs of the comment form in `html`, as a POST would send them."""
    import re

    form = re.search(r'<form method="post" action="[^"]*" class="comment-form".*?</form>', html, re.S).group(0)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))
    fields.update(re.findall(r'<input[^>]*?name="([^"]+)"[^>]*?value="([^"]*)"', form))
    return form, fields


def test_a_comment_posts_from_a_cached_story_page_with_the_readers_own_csrf_token(story):
    from django.test import Client
    from django_comments_xtd.models import XtdComment

    first_reader = Client(enforce_csrf_checks=True)
    first_reader.get(story.get_absolute_url())  # builds and stores the page
    second_reader = Client(enforce_csrf_checks=True)

    page = second_reader.get(story.get_absolute_url())
    html = page.content.decode()
    form, fields = _form_fields(html)
    fields.update(name="Second Reader", email="second@example.org", comment="Posted from a cached page.",
                  honeypot="")
    response = second_reader.post("/comments/post/", fields, REMOTE_ADDR="198.51.100.77")

    assert page["X-Page-Cache"] == "hit"
    assert "csrftoken" in page.cookies  # the hit gave this reader a CSRF cookie of their own
    assert fields["csrfmiddlewaretoken"] != "\x00csrf-token\x00"
    assert response.status_code == 302, response.content.decode()[:500]
    assert "/comments/" in response["Location"]  # told to confirm by email: the post was accepted
    assert not XtdComment.objects.exists()  # stored only once the emailed link is followed
    from django.core import mail

    assert [m.to for m in mail.outbox] == [["second@example.org"]]


def test_a_post_with_another_readers_cached_token_is_refused(story):
    from django.test import Client

    writer_of_page = Client(enforce_csrf_checks=True)
    html = writer_of_page.get(story.get_absolute_url()).content.decode()
    _, fields = _form_fields(html)
    stranger = Client(enforce_csrf_checks=True)  # no CSRF cookie of its own

    response = stranger.post("/comments/post/", {**fields, "name": "X", "email": "x@example.org", "comment": "Hi"})

    assert response.status_code == 403


def test_pinning_or_excluding_related_reading_refreshes_the_story_page(client, story):
    from articles.models import RelatedPin

    other = ArticleFactory(headline="Pinned by the desk")
    client.get(story.get_absolute_url())

    RelatedPin.objects.create(article=story, target=other, position=0)
    pinned = client.get(story.get_absolute_url())
    story.excluded_related.add(other)
    excluded = client.get(story.get_absolute_url())

    assert pinned["X-Page-Cache"] == "miss" and "Pinned by the desk" in pinned.content.decode()
    assert excluded["X-Page-Cache"] == "miss" and "Pinned by the desk" not in excluded.content.decode()


def test_a_page_rebuilt_before_an_edit_commits_is_refreshed_once_it_commits(client, story, django_capture_on_commit_callbacks):
    # The admin saves inside a transaction: the save bumps the page's version at once, and a
    # reader may rebuild the page before the commit (in production from the data as it was).
    # The test settings' margin of 0 stands for a transaction longer than the margin.
    client.get(story.get_absolute_url())
    with django_capture_on_commit_callbacks() as commit_callbacks:
        story.headline = "Edited headline"
        story.save()
        during = client.get(story.get_absolute_url())
    before_commit = client.get(story.get_absolute_url())

    for callback in commit_callbacks:  # the transaction commits
        callback()
    after_commit = client.get(story.get_absolute_url())

    assert during["X-Page-Cache"] == "miss" and before_commit["X-Page-Cache"] == "hit"
    assert after_commit["X-Page-Cache"] == "miss"  # the commit made the page built in between stale


def test_a_page_is_not_stored_right_after_one_of_its_keys_was_bumped(client, story, settings):
    settings.PAGE_CACHE_CLOCK_MARGIN = 1  # production's default
    story.headline = "Edited headline"
    story.save()  # within PAGE_CACHE_CLOCK_MARGIN of the next build

    first, second = client.get(story.get_absolute_url()), client.get(story.get_absolute_url())

    assert first["X-Page-Cache"] == second["X-Page-Cache"] == "miss"
    assert "Edited headline" in second.content.decode()


def _during_render(template_name, action):
    """Run `action` once, when `template_name` is rendered (while a page is being built);
    returns the function that disconnects it."""
    from django.test.signals import template_rendered

    def receiver(sender, template, **kwargs):
        if template.name == template_name:
            template_rendered.disconnect(receiver)
            action()

    template_rendered.connect(receiver)
    return lambda: template_rendered.disconnect(receiver)


@pytest.mark.parametrize("edited", ["a story the page links", "a story elsewhere"])
def test_an_edit_during_a_build_keeps_only_the_pages_it_touches_from_being_stored(client, story, edited):
    other = ArticleFactory(headline="Another story", tags=["NATO"] if edited == "a story the page links" else ["Budget"])

    def edit():
        other.headline = "Edited while the page was built"
        other.save()  # another editor's save, while the story page is being built

    disconnect = _during_render("articles/article_detail.html", edit)
    try:
        built = client.get(story.get_absolute_url())
    finally:
        disconnect()
    next_request = client.get(story.get_absolute_url())

    assert built["X-Page-Cache"] == "miss"
    if edited == "a story the page links":  # via the shared tag: the page may show the old headline
        assert next_request["X-Page-Cache"] == "miss"
        assert "Edited while the page was built" in next_request.content.decode()
    else:
        assert next_request["X-Page-Cache"] == "hit"


def test_a_readers_existing_csrf_cookie_is_kept_and_each_hit_masks_it_afresh(story):
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, _unmask_cipher_token
    from django.test import Client

    Client().get(story.get_absolute_url())  # stored
    reader = Client(enforce_csrf_checks=True)
    first = reader.get(story.get_absolute_url())
    secret = first.cookies["csrftoken"].value
    second = reader.get(story.get_absolute_url())
    tokens = [_form_fields(page.content.decode())[1]["csrfmiddlewaretoken"] for page in (first, second)]

    assert first["X-Page-Cache"] == second["X-Page-Cache"] == "hit"
    assert len(secret) == 32 and set(secret) <= set(CSRF_ALLOWED_CHARS)
    assert second.cookies["csrftoken"].value == secret  # the same secret, its expiry renewed
    assert tokens[0] != tokens[1]  # masked afresh on every response (BREACH)
    assert all(len(token) == 64 and _unmask_cipher_token(token) == secret for token in tokens)


def test_csrf_secrets_made_for_cache_hits_use_the_whole_alphabet_evenly():
    from collections import Counter

    from django.middleware.csrf import CSRF_ALLOWED_CHARS

    from newsroom.pagecache import _random_csrf_string

    secrets_made = [_random_csrf_string() for _ in range(2000)]
    counts = Counter("".join(secrets_made))

    assert len(set(secrets_made)) == 2000 and {len(s) for s in secrets_made} == {32}
    assert set(counts) == set(CSRF_ALLOWED_CHARS)
    expected = 2000 * 32 / len(CSRF_ALLOWED_CHARS)  # about 1032 each
    assert all(0.8 * expected < n < 1.2 * expected for n in counts.values())



@pytest.mark.django_db(transaction=True)
def test_a_burst_of_readers_on_an_uncached_page_builds_it_once(story):
    from threading import Barrier, Thread

    from django.db import connection
    from django.test import Client
    from django.test.signals import template_rendered

    builds, responses, readers = [], [], 6
    start_together = Barrier(readers)

    def count_builds(sender, template, **kwargs):
        if template.name == "articles/article_detail.html":
            builds.append(template)

    def read():
        try:
            start_together.wait()
            responses.append(Client().get(story.get_absolute_url()))
        finally:
            connection.close()

    template_rendered.connect(count_builds)
    try:
        threads = [Thread(target=read) for _ in range(readers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        template_rendered.disconnect(count_builds)

    assert len(builds) == 1  # the others waited for it
    assert [r.status_code for r in responses] == [200] * readers
    assert sorted(r["X-Page-Cache"] for r in responses) == ["hit"] * (readers - 1) + ["miss"]
    assert len({r.content.split(b"csrfmiddlewaretoken")[0] for r in responses}) == 1


def test_a_reader_does_not_wait_forever_for_a_builder_that_died(client, story, settings):
    from django.core.cache import cache

    from newsroom.pagecache import page_key

    settings.PAGE_CACHE_BUILD_WAIT = 0.05
    cache.add(page_key(story.get_absolute_url()) + ":building", 1, 30)  # its builder never finishes

    waited = client.get(story.get_absolute_url())
    then = client.get(story.get_absolute_url())

    assert waited.status_code == 200 and waited["X-Page-Cache"] == "miss"  # built it itself
    assert story.headline in waited.content.decode()
    assert then["X-Page-Cache"] == "hit"  # and stored it


@pytest.mark.parametrize("how", ["shares a tag", "is pinned"])
def test_editing_a_read_more_story_refreshes_the_story_pages_that_link_it(client, story, how):
    from articles.models import RelatedPin

    other = ArticleFactory(headline="Linked story", tags=["NATO"] if how == "shares a tag" else ["Budget"])
    if how == "is pinned":
        RelatedPin.objects.create(article=story, target=other, position=0)
    assert "Linked story" in client.get(story.get_absolute_url()).content.decode()

    other.headline = "Linked story, edited"
    other.save()
    response = client.get(story.get_absolute_url())

    assert response["X-Page-Cache"] == "miss" and "Linked story, edited" in response.content.decode()


def test_a_new_story_in_the_section_refreshes_a_latest_in_section_read_more(client, section):
    lonely = ArticleFactory(section=section, headline="No shared tags", tags=["Rare topic"])
    ArticleFactory(section=section, headline="Older in section", publish_at=timezone.now() - timedelta(days=2))
    assert "Latest in " in client.get(lonely.get_absolute_url()).content.decode()

    ArticleFactory(section=section, headline="Newest in section", tags=["Other topic"])
    response = client.get(lonely.get_absolute_url())

    assert response["X-Page-Cache"] == "miss" and "Newest in section" in response.content.decode()


def test_static_and_root_files_are_never_looked_up_in_the_page_cache(client, settings):
    from django.test import RequestFactory

    from newsroom.pagecache import _eligible

    requests = RequestFactory()

    assert not _eligible(requests.get("/favicon.ico"))  # served by WhiteNoise from WHITENOISE_ROOT
    assert not _eligible(requests.get(settings.STATIC_URL + "css/site.css"))
    assert not _eligible(requests.get(settings.MEDIA_URL + "heroes/a.jpg"))
    assert _eligible(requests.get("/news/some-story/"))
    assert client.get("/favicon.ico").status_code == 200


def test_a_story_alone_in_its_section_shows_the_first_newcomer_there_at_once(client, section):
    lonely = ArticleFactory(section=section, headline="Alone here", tags=["Rare topic"])
    assert "Read more" not in client.get(lonely.get_absolute_url()).content.decode()  # nothing to link yet

    ArticleFactory(section=section, headline="First newcomer", tags=["Other topic"])
    response = client.get(lonely.get_absolute_url())

    assert response["X-Page-Cache"] == "miss" and "First newcomer" in response.content.decode()


def test_a_page_built_across_a_publish_time_is_not_kept_without_the_story(client, section, clock):
    go_live = timezone.now().replace(microsecond=0) + timedelta(minutes=5)
    ArticleFactory(section=section, headline="Already out", publish_at=go_live - timedelta(days=1))
    ArticleFactory(section=section, headline="Goes live now", publish_at=go_live)
    clock(go_live - timedelta(seconds=0.5))  # the home page's stories are chosen just before it ...
    disconnect = _during_render("articles/home.html", lambda: clock(go_live + timedelta(seconds=0.5)))  # ... stored after
    try:
        built = client.get("/")
    finally:
        disconnect()
    next_reader = client.get("/")

    assert "Goes live now" not in built.content.decode()
    assert next_reader["X-Page-Cache"] == "miss" and "Goes live now" in next_reader.content.decode()


def _comment(story, **fields):
    return XtdComment.objects.create(
        content_type=ContentType.objects.get_for_model(Article), object_pk=str(story.pk),
        site=Site.objects.get_current(), name="Reader", email="r@example.org", comment="Hello", **fields,
    )


def test_a_held_comment_and_its_edits_leave_every_page_cached(client, story):
    for url in _pages(story):
        client.get(url)

    held = _comment(story, is_public=False)
    held.comment = "Hello, edited while in the queue"
    held.save()
    held.delete()

    for url in _pages(story):
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_a_change_readers_do_not_see_leaves_every_page_cached(client, story):
    comment = _comment(story, is_public=True)
    for url in _pages(story):
        client.get(url)

    comment.followup = not comment.followup  # the reader stops the follow-up emails
    comment.save()
    XtdComment.objects.get(pk=comment.pk).save()  # saved again unchanged

    for url in _pages(story):
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_editing_a_shown_comment_refreshes_only_its_story_page(client, story):
    comment = _comment(story, is_public=True)
    for url in _pages(story):
        client.get(url)

    comment.comment = "Hello, with a typo fixed"
    comment.save()

    story_page = client.get(story.get_absolute_url())
    assert story_page["X-Page-Cache"] == "miss" and "with a typo fixed" in story_page.content.decode()
    for url in _pages(story)[2:] + ["/"]:  # lists count comments; the count did not change
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_approving_or_removing_a_comment_refreshes_the_story_and_the_counts_on_lists(client, story):
    comment = _comment(story, is_public=False)
    for change in ({"is_public": True}, {"is_removed": True}):
        for url in _pages(story):
            client.get(url)

        for name, value in change.items():
            setattr(comment, name, value)
        comment.save()

        for url in _pages(story):
            assert client.get(url)["X-Page-Cache"] == "miss", (change, url)

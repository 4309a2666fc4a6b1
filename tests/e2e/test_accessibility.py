"""axe-core (through axe-playwright-python) on every kind of public page, in the
light and the dark colour scheme: any violation fails."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from articles.models import Article
from tests.factories import ArticleFactory, AuthorFactory, CommentFactory, CorrectionFactory, ImageFactory

AXE = Axe()


def _violations(page):
    results = AXE.run(page)
    return [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


@pytest.fixture
def newsroom(db):
    """A story with a hero image and a library image in its text, comments three levels deep, tags, a correction and related reading."""
    from images.embed import library_figure_html

    figure = ImageFactory(size=(800, 500), alt_text="Engineers check a transformer", caption="A night shift.",
                          credit="Staff")
    story = ArticleFactory(
        headline="Ministers agree a winter plan", tags=["NATO", "Ukraine"],
        bylines=[AuthorFactory(name="Ana Ruiz", bio="Covers defence.")],
        hero=ImageFactory(size=(640, 400), alt_text="Flags outside the venue", caption="Flags outside the venue",
                          credit="Staff"),
        body=f"<p>First paragraph.</p>{library_figure_html(figure)}<p>Second paragraph.</p>",
    )
    ArticleFactory(section=story.section, tags=["NATO"], headline="Air defence drill")
    top = CommentFactory(content_object=story, user_name="Reader One", comment="First thoughts.\nOn two lines.")
    reply = CommentFactory(parent=top, user_name="Reader Two", comment="A reply https://example.org/x")
    CommentFactory(parent=reply, user_name="Reader Three", comment="A reply to the reply.")
    CorrectionFactory(article=story)
    return story


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_public_pages_have_no_axe_violations(live_server, browser, newsroom, scheme):
    story = Article.objects.get(pk=newsroom.pk)
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    pages = {
        "home": "/",
        "story with comments": story.get_absolute_url(),
        "section": story.section.get_absolute_url(),
        "tag": "/tag/nato/",
        "author": story.byline_authors[0].get_absolute_url(),
        "search box": "/search/",
        "search with results": "/search/?q=winter",
        "search without results": "/search/?q=zzzzqqq",
        "corrections log": "/corrections/",
        "404": "/no-such-page/",
    }
    found = {}
    for name, path in pages.items():
        page.goto(live_server.url + path)
        found[name] = _violations(page)
    page.goto(live_server.url + "/search/?q=winter")
    assert page.get_by_role("link", name="Ministers agree a winter plan").is_visible()  # results were there

    # The comment form sent empty: the page with the error summary and field messages.
    page.goto(live_server.url + story.get_absolute_url())
    page.get_by_role("button", name="Send comment").click()
    page.wait_for_load_state()
    assert page.get_by_text("Please enter your comment.").first.is_visible()
    found["comment form with errors"] = _violations(page)
    context.close()

    assert found == {name: [] for name in found}


@pytest.mark.django_db(transaction=True)
def test_the_error_summary_receives_focus_and_links_to_the_fields(live_server, page, newsroom):
    page.goto(live_server.url + newsroom.get_absolute_url())
    page.get_by_label("Your name").fill("Kept Name")
    page.get_by_role("button", name="Send comment").click()
    page.wait_for_load_state()

    summary = page.locator(".error-summary")
    assert summary.evaluate("element => element === document.activeElement")
    assert summary.get_attribute("role") == "alert"
    summary.get_by_role("link", name="Please enter your comment.").click()
    assert page.evaluate("document.activeElement.id") == "id_comment"
    comment = page.locator("#id_comment")
    assert comment.get_attribute("aria-invalid") == "true"
    assert "id_comment_error" in comment.get_attribute("aria-describedby")
    assert page.get_by_label("Your name").input_value() == "Kept Name"  # the reader's text is kept

import pytest

from tests.factories import ArticleFactory, AuthorFactory, ImageFactory


@pytest.mark.django_db(transaction=True)
def test_reader_opens_home_follows_a_story_and_sees_it(live_server, page):
    story = ArticleFactory(
        headline="Defence ministers meet on winter support",
        bylines=[AuthorFactory(name="Maya Lindqvist"), AuthorFactory(name="Owen Price")],
        hero=ImageFactory(size=(600, 400), alt_text="Flags outside a conference centre"),
        tags=["NATO", "Ukraine"],
    )

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Defence ministers meet on winter support").click()

    page.wait_for_url(f"**{story.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == "Defence ministers meet on winter support"
    assert page.get_by_role("link", name="Maya Lindqvist").is_visible()
    assert page.get_by_role("link", name="Owen Price").is_visible()
    hero = page.get_by_role("img", name="Flags outside a conference centre")
    assert hero.is_visible()
    assert hero.evaluate("img => img.complete && img.naturalWidth > 0")
    assert hero.evaluate("img => img.currentSrc").endswith(".webp")  # the WebP rendition was chosen

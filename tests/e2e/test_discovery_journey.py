import pytest

from tests.factories import ArticleFactory, SectionFactory


@pytest.mark.django_db(transaction=True)
def test_reader_searches_from_the_header_and_follows_read_more(live_server, page):
    world = SectionFactory(name="World", slug="world")
    story = ArticleFactory(section=world, headline="Harbour reopens after the storm", tags=["Shipping", "Storms"])
    related = ArticleFactory(section=world, headline="Ferries return to the islands", tags=["shipping"])

    page.goto(live_server.url + "/")
    page.get_by_role("searchbox", name="Search stories").first.fill("harbour")
    page.get_by_role("button", name="Search").first.click()

    page.wait_for_url("**/search/?q=harbour")
    assert "1 story found for “harbour”" in page.get_by_role("status").inner_text()
    page.get_by_role("link", name="Harbour reopens after the storm").click()

    page.wait_for_url(f"**{story.get_absolute_url()}")
    read_more = page.get_by_role("complementary", name="Read more")
    assert read_more.get_by_role("link", name=related.headline).is_visible()
    assert "Also tagged Shipping" in read_more.inner_text()

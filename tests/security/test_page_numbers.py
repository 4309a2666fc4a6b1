"""Page numbers a hostile client sends (issue 12, finding 8): Unicode digits, signs, exponents,
huge numbers. No page answers 5xx; a value that is not a page number is a 404 on every paged
list and never reaches the canonical link."""

import re

import pytest
from django.test import Client

from articles.models import Correction
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

NOT_PAGE_NUMBERS = [
    "²",  # str.isdigit() says yes, int() raises ValueError: this was a 500 on every page
    "٣",  # Arabic-Indic three: int() reads 3
    "-1", "0", "1e3", "+2", " 2", "2_0", "1.0", "last",
    str(10**30),
    "1" * 5000,  # int() refuses more than 4,300 digits
]
LISTS = ["/section/world/", "/tag/harbour/", "/author/{author}/", "/search/?q=harbour", "/corrections/"]
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)">')


@pytest.fixture
def newsroom(settings):
    """A public story in a section, with a tag, a byline and a correction; no page cache
    (each request is built)."""
    settings.PAGE_CACHE_SECONDS = 0
    story = ArticleFactory(section=SectionFactory(name="World", slug="world"), headline="Harbour reopens",
                           tags=["harbour"])
    story.corrections.create(text="An earlier version gave the wrong date.")
    return {"author": story.bylines.get().author.slug, "story": story}


@pytest.fixture
def two_pages(newsroom, settings):
    """Then two pages of each list (the page sizes are read when the views are imported)."""
    story = newsroom["story"]
    for n in range(settings.NEWSROOM_PAGE_SIZE):
        ArticleFactory(section=story.section, headline=f"Harbour story {n}", tags=["harbour"],
                       bylines=[story.bylines.get().author])
    Correction.objects.bulk_create(
        Correction(article=story, text=f"Correction {n}.") for n in range(settings.NEWSROOM_CORRECTIONS_PAGE_SIZE)
    )
    return newsroom


def get(path, newsroom, page):
    path = path.format(**newsroom)
    separator = "&" if "?" in path else "?"
    return Client(raise_request_exception=False).get(f"{path}{separator}page={page}")


def canonical(response):
    return CANONICAL.search(response.content.decode()).group(1)


@pytest.mark.parametrize("page", NOT_PAGE_NUMBERS)
@pytest.mark.parametrize("path", LISTS)
def test_a_value_that_is_not_a_page_number_is_a_404_on_every_list(newsroom, path, page):
    response = get(path, newsroom, page)

    assert response.status_code == 404, response.status_code
    assert "?page=" not in canonical(response)


@pytest.mark.parametrize("page", NOT_PAGE_NUMBERS)
def test_the_home_page_ignores_a_page_number_it_does_not_use(newsroom, page):
    response = get("/", newsroom, page)

    assert response.status_code == 200
    assert canonical(response) == "http://testserver/"


@pytest.mark.parametrize("path", LISTS)
def test_page_numbers_still_page_and_the_canonical_link_keeps_them(two_pages, path):
    responses = {page: get(path, two_pages, page) for page in ["", "1", "2", "3"]}

    assert {page: response.status_code for page, response in responses.items()} == {
        "": 200, "1": 200, "2": 200, "3": 404,
    }
    assert "?page=" not in canonical(responses[""])
    assert "?page=" not in canonical(responses["1"])
    assert canonical(responses["2"]).endswith("?page=2")


@pytest.mark.parametrize("page", ["²", "٣", "0", "-1", str(10**30), "9"])
def test_a_sitemap_page_that_is_not_a_page_number_is_a_404(newsroom, page):
    response = Client(raise_request_exception=False).get(f"/sitemap-stories.xml?p={page}")

    assert response.status_code == 404

"""Library images on the public pages: inside a story's text as on its hero, and the page
cache following edits of an image's words and focal point."""

import re

import pytest

from articles.sanitize import clean_body
from images.embed import library_figure_html
from tests.factories import ArticleFactory, ImageFactory

pytestmark = pytest.mark.django_db


def test_a_library_figure_in_the_text_becomes_a_picture_with_srcset_lazy_and_the_librarys_words(client):
    image = ImageFactory(size=(1000, 600), alt_text="Engineers at a transformer", caption="A night shift.",
                         credit="Ada Holm")
    story = ArticleFactory(body=f"<p>One.</p>{library_figure_html(image)}<p>Two.</p>")
    image.caption = "A night shift, edited in the library."
    image.save()

    page = client.get(story.get_absolute_url()).content.decode()
    figure = re.search(r'<figure class="story-figure".*?</figure>', page, re.DOTALL).group(0)

    assert '<source type="image/webp" srcset="' in figure and ".webp 960w" in figure
    assert 'alt="Engineers at a transformer" width="1000" height="600" loading="lazy"' in figure
    assert "A night shift, edited in the library." in figure and '<span class="credit">Ada Holm</span>' in figure


def test_the_body_keeps_only_a_library_figures_image_number(client):
    cleaned = clean_body('<figure data-image="7" class="x" onclick="alert(1)"><img src="/m/a.jpg" data-image="7" '
                         'data-other="1" alt="A"></figure>')

    assert cleaned == '<figure data-image="7"><img src="/m/a.jpg" data-image="7" alt="A"></figure>'


def test_a_figure_of_a_missing_image_keeps_what_the_editor_stored(client):
    story = ArticleFactory(body='<p>One.</p><figure data-image="999999"><img src="/media/x.jpg" alt="Old"></figure>')

    page = client.get(story.get_absolute_url()).content.decode()

    assert '<figure data-image="999999"><img src="/media/x.jpg" alt="Old"></figure>' in page


@pytest.mark.parametrize("use", ["hero", "text"])
def test_editing_an_images_words_or_focal_point_refreshes_the_stories_and_lists_that_show_it(client, use):
    image = ImageFactory(caption="Before the edit", alt_text="A crane")
    story = ArticleFactory(tags=["NATO"], **({"hero": image} if use == "hero" else
                                            {"body": f"<p>One.</p>{library_figure_html(image)}"}))
    pages = [story.get_absolute_url(), "/", story.section.get_absolute_url()]
    for path in pages:
        client.get(path)
    assert client.get(story.get_absolute_url())["X-Page-Cache"] == "hit"

    image.caption = "After the edit"
    image.save()
    response = client.get(story.get_absolute_url())
    assert response["X-Page-Cache"] == "miss" and "After the edit" in response.content.decode()

    image.focal_x = 10
    image.save()
    for path in pages[1:]:
        assert client.get(path)["X-Page-Cache"] == "miss"
    if use == "hero":
        assert image.rendition("card").url in client.get("/").content.decode()


def test_an_image_no_story_uses_changes_no_page(client):
    story = ArticleFactory()
    client.get(story.get_absolute_url())
    image = ImageFactory()

    image.caption = "Edited"
    image.save()

    assert client.get(story.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_readers_first_request_makes_no_rendition(client, settings):
    """Renditions are made when the picture is saved (images.models.Image.save): a story page,
    the home page and a section page only name files that already exist."""
    import os

    def files():
        return {os.path.join(root, name) for root, _, names in os.walk(settings.MEDIA_ROOT) for name in names}

    hero, inline = ImageFactory(size=(1600, 900)), ImageFactory(size=(1000, 600))
    story = ArticleFactory(hero=hero, body=f"<p>One.</p>{library_figure_html(inline)}")
    before = files()

    pages = [client.get(path).content.decode()
             for path in (story.get_absolute_url(), "/", story.section.get_absolute_url())]

    assert files() == before
    named = set(re.findall(r"/media/([^\s\"',]+\.(?:jpg|webp))", "".join(pages)))
    assert named and all(os.path.join(str(settings.MEDIA_ROOT), name) in before for name in named)

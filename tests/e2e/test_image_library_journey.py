"""An editor uploads a picture in the story form's chooser, sets its focal point, uses it as
the story's hero, survives a refused save, publishes, and readers get <picture> elements."""

import re

import pytest

from articles.demo_images import hero_jpeg
from articles.models import Article
from images.models import Image
from tests.e2e.conftest import admin_page
from tests.factories import ArticleFactory

SCREENSHOTS = "/tmp/images-journey"


@pytest.mark.django_db(transaction=True)
def test_editor_uploads_a_picture_in_the_chooser_sets_its_focal_point_and_publishes_it_as_the_hero(
    live_server, browser, role_groups, editor, tmp_path
):
    story = ArticleFactory(headline="Harbour cranes come down", status=Article.Status.DRAFT, publish_at=None)
    photo = tmp_path / "DSC_0042.jpg"
    photo.write_bytes(hero_jpeg("journey-crane", (1200, 800)))
    page = admin_page(browser, live_server, editor)
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")

    # The chooser: a dialog over the form, upload with the picture's words.
    page.get_by_role("button", name="Choose or upload a picture…").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("heading", name="Choose a picture").wait_for()
    dialog.get_by_label("Picture (JPEG, PNG, WebP or GIF)").set_input_files(str(photo))
    dialog.get_by_role("button", name="Upload").click()
    assert "Describe the picture" in dialog.locator(".errornote").inner_text()  # alt text is required
    dialog.get_by_label("Picture (JPEG, PNG, WebP or GIF)").set_input_files(str(photo))
    dialog.get_by_label("Alt text").fill("Two cranes against a grey sky above the harbour wall")
    dialog.get_by_label("Caption").fill("The last two cranes are lowered on Tuesday.")
    dialog.get_by_label("Credit").fill("Ada Holm / Staff")
    dialog.get_by_role("button", name="Upload").click()

    # Stored at once; now the focal point: a click on the picture sets both numbers.
    dialog.get_by_role("heading", name=re.compile("Focal point")).wait_for()
    image = Image.objects.get()
    assert image.uploaded_by == editor and image.credit == "Ada Holm / Staff"
    picture = dialog.locator(".focal-picker img")
    picture.wait_for()
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.75})
    assert 23 <= int(dialog.get_by_label("% from the left").input_value()) <= 27
    assert 73 <= int(dialog.get_by_label("% from the top").input_value()) <= 77
    dialog.get_by_label("% from the top").fill("70")  # the keyboard way
    page.screenshot(path=f"{SCREENSHOTS}-focal.png", full_page=False)
    dialog.get_by_role("button", name="Use this picture").click()
    page.get_by_role("button", name="Choose another picture…").wait_for()
    assert not dialog.is_visible()
    image.refresh_from_db()
    assert image.focal_x in range(23, 28) and image.focal_y == 70
    assert "The last two cranes" in page.locator("[data-chooser-current]").inner_text()

    # A refused save (no headline) keeps the picture: it is in the library, the form names it.
    page.get_by_label("Headline").fill("")
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_load_state()
    assert page.locator(".errornote").first.is_visible()
    assert "The last two cranes" in page.locator("[data-chooser-current]").inner_text()
    page.screenshot(path=f"{SCREENSHOTS}-form.png", full_page=False)
    page.get_by_label("Headline").fill("Harbour cranes come down")
    page.get_by_role("button", name="Publish now").click()
    page.wait_for_load_state()
    story.refresh_from_db()
    assert story.hero == image and story.is_published()

    # Readers: the hero as a <picture> of renditions, the social card cropped around the focal point.
    reader = browser.new_context().new_page()
    reader.goto(live_server.url + story.get_absolute_url())
    hero = reader.locator("figure.hero picture")
    assert hero.locator("source[type='image/webp']").get_attribute("srcset").count("w,") >= 2
    img = hero.locator("img")
    assert img.get_attribute("alt") == "Two cranes against a grey sky above the harbour wall"
    assert (img.get_attribute("width"), img.get_attribute("height")) == ("1200", "800")
    assert img.evaluate("img => img.complete && img.naturalWidth > 0")
    assert "Ada Holm / Staff" in reader.locator("figure.hero figcaption").text_content()
    og_image = reader.locator("meta[property='og:image']").get_attribute("content")
    assert og_image.endswith(image.rendition("social").url)
    reader.goto(live_server.url + "/")
    card = reader.locator("article.card", has_text="Harbour cranes come down").locator("picture img")
    assert card.evaluate("img => img.complete && img.naturalWidth > 0")
    assert card.get_attribute("width") == str(image.rendition("card").width)


@pytest.mark.django_db(transaction=True)
def test_the_chooser_works_at_390_pixels_and_with_the_keyboard(live_server, browser, role_groups, editor):
    from tests.factories import ImageFactory

    ImageFactory(caption="Ferry at dawn", credit="Staff")
    story = ArticleFactory(headline="Ferry timetable changes", status=Article.Status.DRAFT, publish_at=None)
    page = admin_page(browser, live_server, editor, viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")

    page.get_by_role("button", name="Choose or upload a picture…").focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Search captions, credits and alt text").fill("ferry")
    page.keyboard.press("Enter")
    dialog.get_by_role("button", name=re.compile("Ferry at dawn")).wait_for()
    page.screenshot(path=f"{SCREENSHOTS}-390.png", full_page=False)
    dialog.get_by_role("button", name=re.compile("Ferry at dawn")).focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Choose another picture…").wait_for()
    assert page.evaluate("document.activeElement.textContent") == "Choose another picture…"
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_load_state()
    story.refresh_from_db()
    assert story.hero.caption == "Ferry at dawn"

"""An editor uploads a picture in the story form's chooser, sets its focal point, uses it as
the story's hero, inserts it inside the body from the editor's toolbar, survives a refused
save, publishes, and readers get <picture> elements for both."""

import re

import pytest
from playwright.sync_api import expect

from articles.demo_images import hero_jpeg
from articles.models import Article
from articles.sanitize import clean_body
from images.models import Image
from tests.e2e.conftest import admin_page
from tests.factories import ArticleFactory

SCREENSHOTS = "/tmp/images-journey"


@pytest.mark.django_db(transaction=True)
def test_editor_uploads_a_picture_in_the_chooser_sets_its_focal_point_and_publishes_it_as_the_hero(
    live_server, browser, role_groups, editor, tmp_path
):
    story = ArticleFactory(headline="Harbour cranes come down", status=Article.Status.DRAFT, publish_at=None,
                           body="<p>Cranes stood here for fifty years.</p>")
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

    # The same picture inside the text: the body's toolbar opens the same dialog.
    body = page.get_by_role("textbox", name="Body")
    body.click()
    # Under load the click may land before the editor has the focus: keys go to it only then.
    page.wait_for_function("document.activeElement.classList.contains('ProseMirror')")
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("The yard closes in spring.")
    page.get_by_role("button", name="Insert image from the library").click()
    dialog.get_by_role("heading", name="Choose a picture").wait_for()
    dialog.get_by_role("button", name=re.compile("The last two cranes")).click()
    page.locator(f".story-body-editor figure[data-image='{image.pk}'] img").wait_for()
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('ProseMirror')")
    page.keyboard.type("Work starts on the new quay.")  # the cursor is after the figure
    assert "Work starts on the new quay." in body.inner_text()

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
    assert story.body.startswith(
        f'<p>Cranes stood here for fifty years.</p><p>The yard closes in spring.</p><figure data-image="{image.pk}"><img src="')
    assert story.body.endswith(
        "<figcaption>The last two cranes are lowered on Tuesday. Ada Holm / Staff</figcaption></figure>"
        "<p>Work starts on the new quay.</p>")

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
    assert hero.locator("img").get_attribute("loading") is None  # the hero is not lazy
    inline = reader.locator(f".story-body figure[data-image='{image.pk}'] picture")
    assert inline.locator("source[type='image/webp']").get_attribute("srcset").count("w,") >= 2
    inline_img = inline.locator("img")
    assert inline_img.get_attribute("srcset").count("w,") >= 2
    assert (inline_img.get_attribute("width"), inline_img.get_attribute("height")) == ("1200", "800")
    assert inline_img.get_attribute("loading") == "lazy"
    assert inline_img.get_attribute("alt") == "Two cranes against a grey sky above the harbour wall"
    assert "Ada Holm / Staff" in reader.locator(f".story-body figure[data-image='{image.pk}'] figcaption").text_content()
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


@pytest.mark.django_db(transaction=True)
def test_a_picture_goes_inside_the_body_by_keyboard_alone_at_390_pixels(live_server, browser, role_groups, writer):
    from tests.factories import ImageFactory

    image = ImageFactory(caption="Night ferry", credit="Staff", alt_text="A lit ferry at the pier")
    story = ArticleFactory(headline="Ferry crews", status=Article.Status.DRAFT, publish_at=None, created_by=writer,
                           bylines=[writer.author_profile], body="<p>Crews sign a deal.</p>")
    page = admin_page(browser, live_server, writer, viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")

    body = page.get_by_role("textbox", name="Body")
    body.focus()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Talks end.")  # the editor has taken the cursor to the end
    expect(body).to_contain_text("Talks end.")
    for _ in range(25):  # back from the text to the toolbar's button
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == "Insert image from the library":
            break
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("heading", name="Choose a picture").wait_for()
    page.keyboard.press("Tab")  # from the dialog's heading to its search box
    page.keyboard.type("ferry")
    page.keyboard.press("Enter")
    # The first list already holds the picture: wait for the search's answer, which replaces
    # it (a Tab taken in the first list would land in a list about to go).
    expect(dialog.locator("[data-chooser-body]")).not_to_have_attribute("aria-busy", "true")
    pick = dialog.get_by_role("button", name=re.compile("Night ferry"))
    pick.wait_for()
    assert dialog.get_by_label("Search captions, credits and alt text").input_value() == "ferry"
    while not pick.evaluate("button => button === document.activeElement"):
        page.keyboard.press("Tab")
    page.screenshot(path=f"{SCREENSHOTS}-body-390.png", full_page=False)
    page.keyboard.press("Enter")
    page.locator(f".story-body-editor figure[data-image='{image.pk}']").wait_for()
    assert page.evaluate("document.activeElement.classList.contains('ProseMirror')")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=f"{SCREENSHOTS}-body-inserted-390.png", full_page=False)
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_load_state()
    story.refresh_from_db()
    assert story.body.startswith(f'<p>Crews sign a deal. Talks end.</p><figure data-image="{image.pk}"><img ')
    assert story.image_uses.filter(image=image).exists()


@pytest.mark.django_db(transaction=True)
def test_a_body_with_library_figures_opens_and_saves_unchanged(live_server, browser, role_groups, editor):
    from images.embed import library_figure_html
    from tests.factories import ImageFactory

    first = ImageFactory(caption="Quay", credit="Staff")
    second = ImageFactory(alt_text="A map of the bay", caption="", credit="")
    stored = f"<p>One.</p>{library_figure_html(first)}<p>Two.</p>{library_figure_html(second)}<p>Three.</p>"
    story = ArticleFactory(headline="Bay plan", body=stored)
    assert clean_body(stored) == stored
    page = admin_page(browser, live_server, editor)
    page.goto(f"{live_server.url}/admin/articles/article/{story.pk}/change/")

    page.get_by_role("textbox", name="Body").locator("p", has_text="Three.").click()
    page.keyboard.press("End")
    page.keyboard.type("x")
    page.keyboard.press("Backspace")  # the textarea now holds what the editor wrote
    assert page.locator("textarea[name=body]").input_value() != stored  # the editor's own markup
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_load_state()
    story.refresh_from_db()
    assert story.body == stored

"""The image library in the admin: the list, the chooser, deleting, and what a story records."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from articles.demo_images import hero_jpeg
from articles.models import Article, ImageUse
from articles.sanitize import clean_body
from images.embed import library_figure_html
from images.models import Image
from images.renditions import planned
from tests.factories import ArticleFactory, ImageFactory, UserFactory

pytestmark = pytest.mark.django_db

CHOOSER = {"HTTP_X_IMAGE_CHOOSER": "1"}


@pytest.fixture
def editor_client(client, editor):
    """A client signed in as an editor."""
    client.force_login(editor)
    return client


def jpeg(name="DSC_0001.jpg", size=(800, 600)):
    return SimpleUploadedFile(name, hero_jpeg(name, size), "image/jpeg")


def test_the_list_shows_thumbnails_and_the_stories_using_each_image(editor_client):
    image = ImageFactory(caption="Cranes at dusk", credit="Ada Holm")
    first = ArticleFactory(headline="Cranes come down", hero=image)
    ArticleFactory(headline="Harbour plan", body=f"<p>Text.</p>{library_figure_html(image)}")
    ImageFactory(caption="Unused picture")

    page = editor_client.get(reverse("admin:images_image_changelist")).content.decode()

    assert 'class="library-thumb"' in page
    assert "2 stories" in page and "no story" in page
    assert reverse("admin:articles_article_change", args=[first.pk]) in page
    assert ">Harbour plan</a>" in page


def test_the_list_searches_captions_credits_and_alt_text_and_filters_by_uploader(editor_client, editor):
    ImageFactory(caption="Ferry at dawn", uploaded_by=editor)
    ImageFactory(credit="Agency Nord", alt_text="A tram")
    other = UserFactory(username="photographer", is_staff=True)
    ImageFactory(alt_text="Snow on the quay", uploaded_by=other)
    url = reverse("admin:images_image_changelist")

    def shown(**params):
        return {str(image) for image in editor_client.get(url, params).context["cl"].result_list}

    assert shown(q="ferry") == {"Ferry at dawn"}
    assert shown(q="nord") == {"A tram"}
    assert shown(q="quay") == {"Snow on the quay"}
    assert shown(uploaded_by__id__exact=other.pk) == {"Snow on the quay"}


def test_the_list_filters_by_upload_date(editor_client):
    recent = ImageFactory(caption="Harbour crane today")
    old = ImageFactory(caption="Harbour crane last spring")
    Image.objects.filter(pk=old.pk).update(uploaded_at=timezone.now() - timedelta(days=200))
    page = editor_client.get(reverse("admin:images_image_changelist"))
    choices = {choice["display"]: choice["query_string"] for spec in page.context["cl"].filter_specs
               if spec.title == "uploaded at" for choice in spec.choices(page.context["cl"])}

    past_week = editor_client.get(reverse("admin:images_image_changelist") + choices["Past 7 days"])

    assert [image.pk for image in past_week.context["cl"].result_list] == [recent.pk]


def test_a_writer_sees_how_many_stories_use_an_image_but_not_the_headline_of_a_hidden_one(client, writer):
    image = ImageFactory()
    ArticleFactory(headline="Secret merger talks", status=Article.Status.DRAFT, publish_at=None, hero=image)
    ArticleFactory(headline="Public harbour story", hero=image)
    client.force_login(writer)

    page = client.get(reverse("admin:images_image_changelist")).content.decode()

    assert "2 stories" in page and "Public harbour story" in page
    assert "Secret merger" not in page


def test_the_list_takes_the_same_queries_for_100_images(editor_client, query_budget, django_assert_max_num_queries):
    url = reverse("admin:images_image_changelist")
    for n in range(3):
        ArticleFactory(hero=ImageFactory(size=(64, 48)), headline=f"Story {n}")
    with query_budget("admin image list") as few:
        editor_client.get(url)
    images = [Image(file=f"images/{n:032x}.jpg", width=640, height=400, alt_text=f"Picture {n}")
              for n in range(100)]
    Image.objects.bulk_create(images)
    for n, image in enumerate(Image.objects.order_by("-pk")[:20]):
        ArticleFactory(hero=image, headline=f"More {n}")

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = editor_client.get(url)
    assert len(response.context["cl"].result_list) == 50


def test_deleting_an_image_a_story_uses_is_refused_naming_the_story(editor_client):
    image = ImageFactory(caption="Cranes at dusk")
    ArticleFactory(headline="Cranes come down", hero=image)
    ArticleFactory(headline="Harbour plan", body=library_figure_html(image))

    page = editor_client.post(reverse("admin:images_image_delete", args=[image.pk]), {"post": "yes"})

    assert page.status_code == 200
    text = page.content.decode()
    assert "cannot be deleted while stories use it" in text
    assert "Cranes come down" in text and "Harbour plan" in text
    assert Image.objects.filter(pk=image.pk).exists()


def test_deleting_images_in_bulk_is_refused_for_those_in_use_and_an_unused_one_goes(editor_client):
    used, unused = ImageFactory(caption="Used"), ImageFactory(caption="Unused")
    ArticleFactory(headline="Cranes come down", hero=used)
    url = reverse("admin:images_image_changelist")

    refused = editor_client.post(url, {"action": "delete_selected", "_selected_action": [used.pk, unused.pk],
                                       "post": "yes"})
    assert "cannot be deleted while stories use them" in refused.content.decode()
    assert Image.objects.count() == 2

    editor_client.post(url, {"action": "delete_selected", "_selected_action": [unused.pk], "post": "yes"})
    assert list(Image.objects.all()) == [used]


def test_writers_upload_and_edit_but_do_not_delete_images(client, writer):
    client.force_login(writer)
    image = ImageFactory()

    assert client.get(reverse("admin:images_image_add")).status_code == 200
    assert client.get(reverse("admin:images_image_change", args=[image.pk])).status_code == 200
    assert client.post(reverse("admin:images_image_delete", args=[image.pk]), {"post": "yes"}).status_code == 403


def test_moderators_cannot_open_the_library_or_its_chooser(client, moderator):
    client.force_login(moderator)

    assert client.get(reverse("admin:images_image_chooser")).status_code == 403
    response = client.post(reverse("admin:images_image_chooser_upload"), {"file": jpeg(), "alt_text": "x"}, **CHOOSER)
    assert response.status_code == 403
    assert not Image.objects.exists()


def test_the_chooser_lists_and_searches_the_library(editor_client):
    ImageFactory(caption="Ferry at dawn")
    ImageFactory(caption="Tram depot")

    page = editor_client.get(reverse("admin:images_image_chooser"), {"q": "ferry"}, **CHOOSER).content.decode()

    assert "Ferry at dawn" in page and "Tram depot" not in page
    assert 'data-chooser-upload' in page


def test_an_upload_in_the_chooser_is_stored_at_once_with_its_words_and_renditions(editor_client, editor):
    response = editor_client.post(reverse("admin:images_image_chooser_upload"), {
        "file": jpeg(), "alt_text": "Two cranes", "caption": "The last cranes.", "credit": "Ada Holm",
    }, **CHOOSER)

    assert response.status_code == 200
    image = Image.objects.get()
    assert (image.alt_text, image.caption, image.credit, image.uploaded_by) == (
        "Two cranes", "The last cranes.", "Ada Holm", editor)
    assert (image.width, image.height) == (800, 600)
    assert all(default_storage.exists(rendition.name) for rendition in planned(image))
    assert "Focal point" in response.content.decode()


def test_an_upload_without_alt_text_is_refused_unless_decorative(editor_client):
    url = reverse("admin:images_image_chooser_upload")

    refused = editor_client.post(url, {"file": jpeg(), "alt_text": " "}, **CHOOSER)
    assert refused.status_code == 400 and "Describe the picture" in refused.content.decode()
    assert not Image.objects.exists()

    assert editor_client.post(url, {"file": jpeg(), "decorative": "on"}, **CHOOSER).status_code == 200
    assert Image.objects.get().alt == ""


def test_a_hostile_upload_in_the_chooser_is_refused_like_any_other(editor_client):
    response = editor_client.post(reverse("admin:images_image_chooser_upload"), {
        "file": SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not a picture", "image/jpeg"), "alt_text": "x",
    }, **CHOOSER)

    assert response.status_code == 400 and "not an image" in response.content.decode()
    assert not Image.objects.exists()


def test_the_chooser_without_javascript_redirects_to_the_image(editor_client):
    response = editor_client.post(reverse("admin:images_image_chooser_upload"), {"file": jpeg(), "alt_text": "A"})

    assert response.status_code == 302
    assert response.url == reverse("admin:images_image_change", args=[Image.objects.get().pk])


def test_setting_the_focal_point_makes_new_crops_and_answers_the_chosen_image(editor_client):
    image = ImageFactory(size=(1200, 600))
    card_before = image.rendition("card")

    response = editor_client.post(reverse("admin:images_image_chooser_focal", args=[image.pk]),
                                  {"focal_x": "10", "focal_y": "40"}, **CHOOSER)

    assert f'data-chosen-image="{image.pk}"' in response.content.decode()
    image.refresh_from_db()
    card = image.rendition("card")
    assert (image.focal_x, image.focal_y) == (10, 40)
    assert card.box[0] == 0 and card.name != card_before.name  # the crop moved left, a new file
    assert default_storage.exists(card.name)
    assert image.rendition("original").name == planned(image, "original")[-1].name  # untouched
    bad = editor_client.post(reverse("admin:images_image_chooser_focal", args=[image.pk]),
                             {"focal_x": "150", "focal_y": "x"}, **CHOOSER)
    assert bad.status_code == 400


def test_a_refused_story_save_keeps_the_chosen_library_image(editor_client, form_data):
    story = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    editor_client.post(reverse("admin:images_image_chooser_upload"), {"file": jpeg(), "alt_text": "Two cranes"},
                       **CHOOSER)
    image = Image.objects.get()

    refused = editor_client.post(reverse("admin:articles_article_change", args=[story.pk]),
                                 form_data(story, headline="", hero=image.pk, _continue="1"))

    assert refused.status_code == 200 and refused.context["adminform"].form.errors["headline"]
    page = refused.content.decode()
    assert f'value="{image.pk}"' in page and "Two cranes" in page  # the chooser still shows it
    saved = editor_client.post(reverse("admin:articles_article_change", args=[story.pk]),
                               form_data(story, hero=image.pk, _continue="1"))
    assert saved.status_code == 302
    story.refresh_from_db()
    assert story.hero == image


def test_a_story_records_its_hero_and_the_library_images_in_its_text():
    hero, inline, other = ImageFactory(), ImageFactory(), ImageFactory()
    story = ArticleFactory(hero=hero, body=f"<p>One.</p>{library_figure_html(inline)}")

    assert set(ImageUse.objects.filter(article=story).values_list("image_id", "role")) == {
        (hero.pk, "hero"), (inline.pk, "body")}

    story.hero = None
    story.body = f'<p>One.</p>{library_figure_html(other)}<figure data-image="999999"></figure>'
    story.save()
    assert set(ImageUse.objects.filter(article=story).values_list("image_id", "role")) == {(other.pk, "body")}


def test_an_alt_text_is_required_unless_decorative():
    from django.core.exceptions import ValidationError

    image = ImageFactory.build(alt_text="")
    with pytest.raises(ValidationError) as refused:
        image.full_clean()
    assert "Describe the picture" in refused.value.message_dict["alt_text"][0]
    image.decorative = True
    image.full_clean()


def _chosen_figure(response):
    """The library figure in a chosen-image answer (its data-chosen-figure attribute)."""
    from html.parser import HTMLParser

    found = {}

    class Chosen(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.update(a for a in attrs if a[0] == "data-chosen-figure")

    Chosen().feed(response.content.decode())
    return found["data-chosen-figure"]


def test_the_chosen_image_answers_the_library_figure_a_body_stores(editor_client):
    image = ImageFactory(alt_text="Quay at night", caption="The quay, lit.", credit="Staff")

    response = editor_client.get(reverse("admin:images_image_chooser_chosen", args=[image.pk]), **CHOOSER)

    figure = _chosen_figure(response)
    assert figure == library_figure_html(image)
    assert figure.startswith(f'<figure data-image="{image.pk}"><img src="{image.rendition("original").url}"')
    assert "<figcaption>The quay, lit. Staff</figcaption>" in figure
    assert clean_body(figure) == figure  # stored as it comes


def test_hostile_words_of_a_chosen_image_reach_the_body_as_text_only(editor_client, writer):
    hostile = '"><img src=x onerror=alert(1)><script>alert(2)</script>'
    image = ImageFactory(alt_text=hostile, caption=hostile, credit="</figcaption><b>x</b>")
    editor_client.force_login(writer)

    response = editor_client.get(reverse("admin:images_image_chooser_chosen", args=[image.pk]), **CHOOSER)

    assert "<script>alert(2)" not in response.content.decode()
    figure = _chosen_figure(response)
    assert figure.count("<img") == 1 and "<script" not in figure and "<b>" not in figure
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in figure
    stored = clean_body(figure)  # as the body keeps it: the words as text, nothing else
    assert stored.count("<img") == 1 and "<script" not in stored and "<b>" not in stored
    assert stored.count("<figcaption>") == 1 and "&lt;/figcaption&gt;" in stored

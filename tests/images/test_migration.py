"""Hero pictures move into the image library (articles 0006), nothing lost, and back."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.demo_images import hero_jpeg

BEFORE = [("articles", "0004_story_autosave"), ("images", "0001_initial")]
AFTER = [("articles", "0007_remove_old_hero_fields"), ("images", "0002_image_file_size")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_hero_pictures_become_library_images_with_their_words_and_come_back_when_reversed():
    old = migrate(BEFORE)
    Section, Article = old.get_model("articles", "Section"), old.get_model("articles", "Article")
    section = Section.objects.create(name="World", slug="world")
    name = default_storage.save("heroes/2026/11/harbour-crane.jpg", ContentFile(hero_jpeg("old", (300, 200))))
    common = {"section": section, "standfirst": "S.", "hero_image": name, "hero_width": 300, "hero_height": 200}
    first = Article.objects.create(headline="One", slug="one", hero_alt="A harbour crane", hero_caption="The crane.",
                                   hero_credit="Staff", **common)
    second = Article.objects.create(headline="Two", slug="two", hero_alt="A harbour crane",
                                    hero_decorative=False, **common)
    bare = Article.objects.create(headline="Three", slug="three", section=section, standfirst="S.")

    new = migrate(AFTER)
    Article, Image = new.get_model("articles", "Article"), new.get_model("images", "Image")
    ImageUse = new.get_model("articles", "ImageUse")
    image = Image.objects.get()
    assert image.file.name == name  # the same file, where it was: its address does not change
    assert (image.width, image.height, image.alt_text, image.caption, image.credit) == (
        300, 200, "A harbour crane", "The crane.", "Staff")
    assert set(Article.objects.filter(hero=image).values_list("pk", flat=True)) == {first.pk, second.pk}
    assert Article.objects.get(pk=bare.pk).hero is None
    assert ImageUse.objects.filter(image=image, role="hero").count() == 2

    old = migrate(BEFORE)
    Article = old.get_model("articles", "Article")
    back = Article.objects.get(pk=first.pk)
    assert (back.hero_image.name, back.hero_alt, back.hero_caption, back.hero_credit, back.hero_width) == (
        name, "A harbour crane", "The crane.", "Staff", 300)
    assert not Article.objects.get(pk=bare.pk).hero_image

    new = migrate(AFTER)  # forward again: the image left in the library is used, not copied
    assert new.get_model("images", "Image").objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_images_stored_before_sizes_were_recorded_get_theirs_and_a_missing_file_none():
    old = migrate([("images", "0001_initial")])
    Image = old.get_model("images", "Image")
    name = default_storage.save("images/before-sizes.jpg", ContentFile(hero_jpeg("before", (300, 200))))
    stored = Image.objects.create(file=name, width=300, height=200, alt_text="A crane")
    missing = Image.objects.create(file="images/gone.jpg", width=300, height=200, alt_text="A quay")

    executor = MigrationExecutor(connection)
    Image = migrate(executor.loader.graph.leaf_nodes()).get_model("images", "Image")  # every app's latest

    assert Image.objects.get(pk=stored.pk).file_size == default_storage.size(name)
    assert Image.objects.get(pk=missing.pk).file_size == 0

"""The body's one allow-list (articles/sanitize.py): the editor and nh3 read the same extensions."""

import json

import pytest
from django_prose_editor.config import allowlist_from_extensions

from articles.demo_content import STORIES
from articles.editor import StoryBodyWidget
from articles.sanitize import BODY_EXTENSIONS, body_cleaner, body_rules, clean_body


def _widget_extensions(extensions=None):
    html = StoryBodyWidget(extensions=extensions).render("body", "")
    start = html.index('data-django-prose-editor-story="') + len('data-django-prose-editor-story="')
    config = html[start:html.index('"', start)].replace("&quot;", '"')
    return json.loads(config)["extensions"]


def test_the_editor_and_the_sanitizer_read_one_allow_list():
    offered = _widget_extensions()

    # The editor is configured with BODY_EXTENSIONS itself, plus only the library's core
    # (document, paragraph, text, menu, history, cursors), which add no tag of their own.
    assert {name: offered[name] for name in BODY_EXTENSIONS if BODY_EXTENSIONS[name] is not False} == {
        name: options for name, options in BODY_EXTENSIONS.items() if options is not False
    }
    core = {name: options for name, options in offered.items() if name not in BODY_EXTENSIONS}
    assert allowlist_from_extensions(core)["tags"] == {"p"}
    # and the sanitizer keeps exactly the tags of what the editor offers.
    assert body_rules()["tags"] == set(allowlist_from_extensions(offered)["tags"])


def test_an_empty_link_title_is_dropped_and_an_empty_alt_kept():
    from_editor = '<p><a href="https://example.org/" title="">a</a> <a href="https://example.org/" title="Plan">b</a></p>'

    assert clean_body(from_editor) == (
        '<p><a href="https://example.org/" rel="noopener noreferrer">a</a> '
        '<a href="https://example.org/" title="Plan" rel="noopener noreferrer">b</a></p>'
    )
    assert clean_body('<figure><img src="/media/a.jpg" alt=""></figure>') == '<figure><img src="/media/a.jpg" alt=""></figure>'


def test_removing_an_extension_removes_its_toolbar_entry_and_its_tag():
    without_quotes = {name: on for name, on in BODY_EXTENSIONS.items() if name != "Blockquote"}

    assert "Blockquote" in _widget_extensions()
    assert "Blockquote" not in _widget_extensions(without_quotes)
    assert clean_body("<blockquote><p>Q</p></blockquote>") == "<blockquote><p>Q</p></blockquote>"
    assert body_cleaner(without_quotes)("<blockquote><p>Q</p></blockquote>") == "<p>Q</p>"


@pytest.mark.parametrize("story", STORIES, ids=[story["slug"] for story in STORIES])
def test_every_demo_body_is_unchanged_by_cleaning_again(story):
    stored = clean_body(story["body"])

    assert clean_body(stored) == stored
    assert stored.count("<p>") == story["body"].count("<p>")


def test_the_editors_markup_of_a_figure_and_list_cleans_to_the_stored_form():
    from_editor = (
        '<figure class="figure"><img src="/media/a.jpg" alt="A harbour"><figcaption class="figure-caption">'
        'The harbour</figcaption></figure><ul><li><p>One</p></li></ul>'
        '<p><a target="_blank" rel="nofollow" href="https://example.org/">link</a></p>'
    )

    assert clean_body(from_editor) == (
        '<figure><img src="/media/a.jpg" alt="A harbour"><figcaption>The harbour</figcaption></figure>'
        '<ul><li>One</li></ul><p><a href="https://example.org/" rel="noopener noreferrer">link</a></p>'
    )


def test_word_and_google_docs_markup_cleans_to_structure_only():
    pasted = (
        '<b style="font-weight:normal;" id="docs-internal-guid-1"><p class="MsoNormal" style="margin:0">'
        '<span style="font-size:11pt;font-family:Arial"><font color="red">Council</font> <strong>votes</strong>'
        '</span><o:p></o:p></p><h2 style="color:red">Next</h2><ul class="x"><li style="list-style:disc">'
        '<a href="javascript:alert(1)" onclick="x()">bad</a> <a href="https://e.org" class="c">ok</a></li></ul>'
        '<style>p{color:red}</style><script>alert(1)</script></b>'
    )

    assert clean_body(pasted) == (
        '<p>Council <strong>votes</strong></p><h2>Next</h2><ul><li><a rel="noopener noreferrer">bad</a> '
        '<a href="https://e.org" rel="noopener noreferrer">ok</a></li></ul>'
    )


def test_an_empty_editor_is_an_empty_body():
    assert clean_body("<p></p>") == ""

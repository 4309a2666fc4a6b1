import re

import pytest
from django.urls import URLResolver, get_resolver


def _walk(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern, prefix + str(pattern.pattern))
        else:
            yield pattern.name, prefix + str(pattern.pattern)


MODEL_IN_ADMIN_ROUTE = re.compile(r"^admin/(\w+)/(\w+)/")


def concrete_path(route, ids):
    """A path for `route` (a path() or re_path() pattern), with real ids from `ids`
    ({"articles.article": pk, ..., "comment": pk, "slug": ...}); None for format-suffix twins."""
    if "format" in route:
        return None
    model = MODEL_IN_ADMIN_ROUTE.match(route)
    object_id = str(ids.get(f"{model[1]}.{model[2]}", 1)) if model else "1"
    if "content_type_id" in route:  # "view on site": ids["content_type"] is the story's content type
        object_id = str(ids.get("articles.article", 1))
    replacements = [
        (r"\(\?P<app_label>[^)]*\)", "articles"),
        (r"<path:object_id>", object_id),
        (r"<int:version_id>", str(ids.get("version", 1))),
        (r"<(?:int|path):content_type_id>", str(ids.get("content_type", 1))),
        (r"<id>", object_id),
        (r"<path:object_id>", object_id),
        (r"<int:\w+>|\(\?P<cid>\\d\+\)|\(\\d\+\)", str(ids.get("comment", 1))),
        (r"<slug:section>", "stories"),  # sitemap-<section>.xml
        (r"<slug:slug>", ids.get("slug", "x")),
        (r"\(\?P<key>\[\^/\]\+\)", "not-a-real-key"),
        (r"\(\?P<content_type>[^)]*\)", "articles-article"),
        (r"\(\?P<object_pk>[^)]*\)", str(ids.get("articles.article", 1))),
        (r"\(\.\+\)", "elsewhere"),
        (r"<path:\w+>|<str:\w+>", "x"),
        (r"\^|\$", ""),
    ]
    path = route
    for pattern, value in replacements:
        path = re.sub(pattern, lambda _match, value=value: value, path)
    path = "/" + path.replace("\\.", ".")
    # Left-over regex syntax: a pattern with no placeholder to fill in;
    # tests/security/test_bad_input.py covers such routes.
    return None if re.search(r"[(\[{|]", path) else path


@pytest.fixture
def every_path():
    """Every URL of the site as a concrete path: `every_path(ids)` -> [(name, path)]."""

    def paths(ids):
        found = []
        for name, route in _walk(get_resolver()):
            path = concrete_path(route, ids)
            if path is not None and (name, path) not in found:
                found.append((name, path))
        return found

    return paths

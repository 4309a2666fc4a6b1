"""Every page-cache invalidation key of the newsroom's content, built here only.

A page records the keys it was built from (`newsroom.pagecache.add_cache_keys`), and
`articles/signals.py` bumps a key when what it names changes:

- `story(pk)`: one story (its page, and pages that link it by name: pins);
- `section(pk)`, `tag(pk)`, `author(pk)`: a list page, and a story page whose "Read more"
  drew on that section or tag;
- `thread(pk)`: the comment thread under one story (what readers see of its comments);
- `comment_count(pk)`: the number of comments readers see on one story, wherever it is
  shown (the story cards of lists), so a comment that appears changes neither "Read more"
  nor a list that does not show that story;
- `ANY_ARTICLE`: any story, for home and the other site-wide lists (also the key a page
  depends on when its view names none);
- `SITE`: names in the navigation (sections).
"""

from newsroom.pagecache import ANY_ARTICLE, SITE

__all__ = ["ANY_ARTICLE", "SITE", "story", "section", "tag", "author", "owner", "thread", "comment_count"]


def story(pk):
    return f"article:{pk}"


def section(pk):
    return f"section:{pk}"


def tag(pk):
    return f"tag:{pk}"


def author(pk):
    return f"author:{pk}"


def thread(pk):
    return f"thread:{pk}"


def comment_count(pk):
    return f"comment-count:{pk}"


def owner(kind, pk):
    """The key of a list page's owner: kind is "section", "tag" or "author"."""
    return {"section": section, "tag": tag, "author": author}[kind](pk)

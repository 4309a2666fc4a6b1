"""Every page-cache invalidation key of the newsroom's content, built here only.

A page records the keys it was built from (`newsroom.pagecache.add_cache_keys`), and
`articles/signals.py` bumps a key when what it names changes:

- `story(pk)`: one story (its page, and pages that link it by name: pins);
- `section(pk)`, `tag(pk)`, `author(pk)`: a list page, and a story page whose "Read more"
  drew on that section or tag;
- `thread(pk)`: the comment thread under one story (what readers see of its comments);
- `comment_counts(key)`: the comment counts on the story cards of the list page (or pages)
  of `key` (a section, tag or author, or `ANY_ARTICLE` for home), so a comment that appears
  changes the lists that show its story (`listing`) but neither "Read more" nor the story;
- `ANY_ARTICLE`: any story, for home and the other site-wide lists (also the key a page
  depends on when its view names none);
- `SITE`: names in the navigation (sections).
"""

from newsroom.pagecache import ANY_ARTICLE, SITE

__all__ = ["ANY_ARTICLE", "SITE", "story", "section", "tag", "author", "owner", "thread", "comment_counts", "listing"]


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


def comment_counts(key):
    return f"comments-on:{key}"


def listing(key):
    """The keys of a list page of `key`: its stories, and their comment counts on its cards."""
    return key, comment_counts(key)


def owner(kind, pk):
    """The key of a list page's owner: kind is "section", "tag" or "author"."""
    return {"section": section, "tag": tag, "author": author}[kind](pk)

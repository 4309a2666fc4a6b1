"""Print the URL lists the benchmark draws from, one block per kind."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from articles.models import Article, Tag  # noqa: E402

AFTER_COMMENT_STORIES = 200

newest = Article.objects.published().order_by("-publish_at")
stories = newest.values_list("slug", flat=True)[:5000]
print("stories")
print("\n".join(f"/news/{slug}/" for slug in stories))
print()
print("tags")
print("\n".join(f"/tag/{slug}/" for slug in Tag.objects.values_list("slug", flat=True)))
print()
print("after_comment")  # "pk path" of stories the benchmark builds once, then rebuilds after a comment
print("\n".join(f"{pk} /news/{slug}/" for pk, slug in newest.values_list("pk", "slug")[:AFTER_COMMENT_STORIES]))
print()
print("home")
print("/")
print()
print("searches")
words = "alliance budget council defence energy harbour ministers parliament pipeline port radar".split()
print("\n".join(f"/search/?q={a}" for a in words))
print("\n".join(f"/search/?q={a}+{b}" for a in words[:5] for b in words[5:]))
print()

# A comment form for the newest story, as a reader's browser would post it. The CSRF
# token is the unmasked secret that the benchmark also sends as the csrftoken cookie.
from urllib.parse import urlencode  # noqa: E402

from django_comments_xtd import get_form  # noqa: E402

story = Article.objects.published().order_by("-publish_at").first()
SIGNED_FIELDS = {"content_type", "object_pk", "timestamp", "security_hash"}
fields = {k: v for k, v in get_form()(story).initial.items() if k in SIGNED_FIELDS}
fields.update(csrfmiddlewaretoken="benchmarkbenchmarkbenchmarkbench", name="Bench Reader", reply_to=0, honeypot="")
print("comment")
print(story.get_absolute_url())
print(urlencode(fields))

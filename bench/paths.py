"""Print the URL lists the benchmark draws from, one block per kind."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django  # noqa: E402

django.setup()

from articles.models import Article, Tag  # noqa: E402

stories = Article.objects.published().order_by("-publish_at").values_list("slug", flat=True)[:5000]
print("stories")
print("\n".join(f"/news/{slug}/" for slug in stories))
print()
print("tags")
print("\n".join(f"/tag/{slug}/" for slug in Tag.objects.values_list("slug", flat=True)))
print()
print("home")
print("/")

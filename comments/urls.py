"""Our two views in front of django-comments-xtd's urls (same paths, listed first in
newsroom/urls.py, so `comments-post-comment` and `comments-xtd-reply` land here)."""

from django.urls import path, re_path

from . import views

app_name = "comments"

urlpatterns = [
    path("post/", views.post_comment, name="post"),
    path("reply/<int:cid>/", views.reply, name="reply"),
    # xtd's REST API (for its optional React front end) is not served: it would take
    # comments past post_comment's rules (rate limits, intervals, duplicates), and DRF
    # skips the CSRF check for anonymous requests. The site uses the plain forms only.
    re_path(r"^api/", views.no_api, name="no-api"),
]

"""Our two views in front of django-comments-xtd's urls (same paths, listed first in
newsroom/urls.py, so `comments-post-comment` and `comments-xtd-reply` land here)."""

from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("post/", views.post_comment, name="post"),
    path("reply/<int:cid>/", views.reply, name="reply"),
]

"""Our views in front of django-comments-xtd's urls (same paths, listed first in
newsroom/urls.py, so `comments-post-comment` and `comments-xtd-reply` land here)."""

from django.urls import path, re_path

from django_comments.views.comments import comment_done
from django_comments.views.moderation import approve_done, delete_done, flag_done
from django_comments_xtd.views import sent

from . import views

app_name = "comments"

urlpatterns = [
    # The links of comment emails, ours: xtd 2.10's views at these paths unpickle their key
    # (issue 12). xtd's own names, which the code reverses without a namespace (the same
    # path whichever pattern answers to the name).
    path("confirm/<str:key>/", views.confirm, name="comments-xtd-confirm"),
    path("mute/<str:key>/", views.mute, name="comments-xtd-mute"),
    # A comment id too large for the database's bigint (19 digits or more; no real id
    # gets there) is a 404 here: xtd's and django-contrib-comments' views would pass
    # it to the database, which fails with an OverflowError (HTTP 500) on SQLite.
    re_path(r"^(?:reply|flag|delete|approve|like|dislike|cr)/[0-9]{19,}(?:/|\.|$)", views.no_such_comment),
    *(path(route, views.without_impossible_comment_id(view)) for route, view in [
        ("sent/", sent), ("posted/", comment_done), ("flagged/", flag_done), ("deleted/", delete_done),
        ("approved/", approve_done),
    ]),
    path("post/", views.post_comment, name="post"),
    path("reply/<int:cid>/", views.reply, name="reply"),
    # xtd's REST API (for its optional React front end) is not served: it would take
    # comments past post_comment's rules (rate limits, intervals, duplicates), and DRF
    # skips the CSRF check for anonymous requests. The site uses the plain forms only.
    re_path(r"^api/", views.no_api, name="no-api"),
]

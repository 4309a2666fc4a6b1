"""Every URL the site serves under /comments/; anything else there is a 404.

No third-party URL module is included: django-comments-xtd 2.10's `urls.py` (and
django-contrib-comments 2.2's, which it includes) also served the `cr/` redirect to any
object's address, views that show held comments, likes, a REST API that skips our
posting rules, and format-suffix twins of every route (`reply/1.json`: HTTP 500).

The names are the libraries' own, without a namespace: their code and template tags
reverse them (`comments-post-comment`, `comments-xtd-reply`, `comments-xtd-sent`,
`comments-xtd-confirm`, `comments-xtd-mute`, `comments-flag`, `comments-delete`).
"""

from django.urls import path

from . import views

urlpatterns = [
    path("post/", views.post_comment, name="comments-post-comment"),
    path("sent/", views.sent, name="comments-xtd-sent"),
    # The links of comment emails (the confirmation, and "stop these emails" in follow-ups):
    # ours, since xtd's views at these paths unpickle their key (issue 12).
    path("confirm/<str:key>/", views.confirm, name="comments-xtd-confirm"),
    path("mute/<str:key>/", views.mute, name="comments-xtd-mute"),
    path("reply/<int:cid>/", views.reply, name="comments-xtd-reply"),
    # "Report" under a comment, for every reader.
    path("flag/<int:comment_id>/", views.report, name="comments-flag"),
    path("flagged/", views.reported, name="comments-flag-done"),
    # "Remove" under a comment, for moderators: the same decision as the admin's action.
    path("delete/<int:comment_id>/", views.remove, name="comments-delete"),
]

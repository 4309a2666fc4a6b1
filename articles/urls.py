from django.conf import settings
from django.urls import path

from . import feeds, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("news/<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("section/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<slug:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("corrections/", views.CorrectionListView.as_view(), name="corrections"),
    path("search/", views.search, name="search"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-news.xml", views.news_sitemap, name="news_sitemap"),
    path("sitemap-<slug:section>.xml", views.sitemap, name="sitemap"),
    path("feed/", feeds.LatestStoriesFeed(), name="feed"),
    path("feed/atom/", feeds.LatestStoriesAtomFeed(), name="feed_atom"),
    path("section/<slug:slug>/feed/", feeds.SectionFeed(), name="section_feed"),
    path("section/<slug:slug>/feed/atom/", feeds.SectionAtomFeed(), name="section_feed_atom"),
    path("tag/<slug:slug>/feed/", feeds.TagFeed(), name="tag_feed"),
    path("tag/<slug:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag_feed_atom"),
    path("author/<slug:slug>/feed/", feeds.AuthorFeed(), name="author_feed"),
    path("author/<slug:slug>/feed/atom/", feeds.AuthorAtomFeed(), name="author_feed_atom"),
]

if settings.NEWSROOM_BENCH_VIEWS:
    urlpatterns.append(path("bench/comment-approved/<int:pk>", views.bench_comment_approved))

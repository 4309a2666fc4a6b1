from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from newsroom.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # Every comment URL is listed in comments/urls.py; no library's URL module is included.
    path("comments/", include("comments.urls")),
    path("", include("articles.urls")),
]

if settings.NEWSROOM_BENCH_VIEWS:
    from newsroom.views import minimal

    urlpatterns.append(path("bench/minimal", minimal))

if settings.NEWSROOM_ENVIRONMENT == "dev":
    # Uploaded images on a developer's machine (production serves media from its storage).
    urlpatterns.append(
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

# A database outage answers 503, not 500 (newsroom.views.server_error).
handler500 = "newsroom.views.server_error"

admin.site.site_header = f"{settings.SITE_NAME} admin"
admin.site.site_title = settings.SITE_NAME
admin.site.index_title = "Newsroom"

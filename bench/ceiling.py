"""The benchmark's ceiling: a one-file Django project with `startproject`'s default middleware
and one view returning "ok", served by `bench/run.py` with the same gunicorn settings as the
newsroom (`gunicorn -c gunicorn.conf.py bench.ceiling:application`), in the same run.

Nothing of the newsroom is imported: this is what Django itself costs per request on this
machine, so the newsroom's pages are measured as a fraction of it. `/bench/minimal` (a view
inside our own middleware stack) stays as a second row: the gap between the two is what our
middleware costs."""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="benchmark-ceiling-only-not-a-real-key-0123456789abcdefghijklmnopqrstuvwxyz",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    # As `django-admin startproject` writes them (Django 5.2).
    INSTALLED_APPS=[
        "django.contrib.admin",
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
        "django.contrib.staticfiles",
    ],
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
    TEMPLATES=[{
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": [
            "django.template.context_processors.request",
            "django.contrib.auth.context_processors.auth",
            "django.contrib.messages.context_processors.messages",
        ]},
    }],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    STATIC_URL="static/",
    USE_TZ=True,
)


def ok(request):
    return HttpResponse("ok", content_type="text/plain")


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("", ok), path("healthz", healthz)]

application = get_wsgi_application()

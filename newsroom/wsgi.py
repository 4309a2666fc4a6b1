import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.prod")
application = get_wsgi_application()

# Page-cache hits are answered before Django's handler (newsroom/pagecache.py, PageCacheHits).
from newsroom.pagecache import PageCacheHits  # noqa: E402 (needs the settings configured above)

application = PageCacheHits(application)

"""gunicorn settings for production-like serving (`make serve-prod`, or the app servers)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
timeout = 30
graceful_timeout = 20
# RequestLogMiddleware writes the access log (with request ids) to stdout; gunicorn's own errors go there too.
accesslog = None
errorlog = "-"
wsgi_app = "newsroom.wsgi:application"

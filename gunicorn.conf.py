"""gunicorn settings for production-like serving (`make serve-prod`, or the app servers)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Load Django and the project once, in the master: a recycled worker is then a fork
# (milliseconds) instead of a fresh import (~0.7 s of CPU, measured), which at 2,000
# requests a second recycled a worker every second and cost a third of the machine.
# Code changes need a restart, not a HUP (see README, "Production").
preload_app = True
timeout = 30
graceful_timeout = 20
# RequestLogMiddleware writes the access log (with request ids) to stdout; gunicorn's own errors go there too.
accesslog = None
errorlog = "-"
wsgi_app = "newsroom.wsgi:application"



def when_ready(server):
    """In the master, after loading the app and before forking any worker: close any
    database connection loading opened (none should be), so no two workers share one."""
    from django.db import connections

    connections.close_all()

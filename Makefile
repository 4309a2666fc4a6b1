# The newsroom's commands. `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run install install-prod test check chromium varnish serve-prod bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# requirements/base.txt: the application and its production server; requirements/test.txt
# adds the test suite. Each stamp is redone when one of the files it installs changes.
$(BIN)/.installed: requirements/base.txt requirements/test.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements/test.txt
	touch $@

$(BIN)/.installed-prod: requirements/base.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements/base.txt
	touch $@

## make install: .venv with the application and the test suite (what run, test and check use)
install: $(BIN)/.installed

## make install-prod: .venv with only what production runs (requirements/base.txt: no test tools)
install-prod: $(BIN)/.installed-prod

## make run: install, migrate, load the demo newsroom and serve it at http://127.0.0.1:8000
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## make test: the whole suite (SQLite unless DATABASE_URL is set), browser journeys included
test: install chromium varnish
	$(BIN)/python -m pytest

## make check: ruff (lint and import order, ruff.toml), Django's system checks, no missing migrations
check: install
	$(BIN)/ruff check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

## make serve-prod: production settings on this machine: PostgreSQL, Redis, gunicorn with several workers
## (VARNISH=1 make serve-prod: Varnish on PORT in front, gunicorn on BACKEND_PORT)
BACKEND_PORT ?= 8001
PROD_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/newsroom
# SECRET_KEY from the environment; unset, a random key made once for this checkout and kept in
# the git-ignored .secret-key.serve-prod (never a key anyone could guess or read in the repository).
SERVE_PROD_SECRET_KEY = $(BIN)/python -c 'from newsroom.settings.base import secret_key_in; print(secret_key_in(".secret-key.serve-prod"))'
PROD_ENV = DJANGO_SETTINGS_MODULE=newsroom.settings.prod \
	SECRET_KEY=$${SECRET_KEY:-$$($(SERVE_PROD_SECRET_KEY))} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} DATABASE_URL=$(PROD_DATABASE_URL) \
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} SITE_DOMAIN=$${SITE_DOMAIN:-127.0.0.1:$(PORT)} \
	SECURE_SSL_REDIRECT=false SECURE_COOKIES=false DATABASE_CONN_MAX_AGE=60
serve-prod: install
	@test -n "$$SECRET_KEY" || echo "SECRET_KEY is not set: using this checkout's random key in .secret-key.serve-prod"
	psql -h 127.0.0.1 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname = 'newsroom'" | grep -q 1 \
		|| createdb -h 127.0.0.1 -U postgres newsroom
	$(PROD_ENV) $(BIN)/python manage.py migrate --noinput
	$(PROD_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
ifeq ($(VARNISH),1)
	@# Varnish on $(PORT) (deploy/varnish/newsroom.vcl), gunicorn behind it on $(BACKEND_PORT):
	@# one more proxy in X-Forwarded-For, and every version bump purges Varnish.
	deploy/varnish/run $(HOST):$(PORT) $(HOST):$(BACKEND_PORT) $(CURDIR)/.varnish & \
	trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	$(PROD_ENV) WEB_CONCURRENCY=$${WEB_CONCURRENCY:-4} GUNICORN_BIND=$(HOST):$(BACKEND_PORT) \
		NEWSROOM_TRUSTED_PROXIES=$$(( $${NEWSROOM_TRUSTED_PROXIES:-0} + 1 )) \
		PAGE_CACHE_PURGER=newsroom.purge.VarnishPurger VARNISH_PURGE_URLS=http://$(HOST):$(PORT) \
		$(BIN)/gunicorn -c gunicorn.conf.py
else
	$(PROD_ENV) WEB_CONCURRENCY=$${WEB_CONCURRENCY:-4} GUNICORN_BIND=$(HOST):$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py
endif

# Varnish in front (deploy/varnish/, tests/newsroom/test_varnish.py): Debian's varnish, and
# varnish-modules for the xkey vmod.
varnish:
	@test -x /usr/sbin/varnishd && test -n "$$(ls /usr/lib/*/varnish/vmods/libvmod_xkey.so 2>/dev/null)" || { \
		echo "Installing Debian's varnish and varnish-modules for the Varnish tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq varnish varnish-modules; }

# Browser journeys need Debian's Chromium (Playwright cannot download browsers here).
chromium:
	@test -x /usr/bin/chromium || { \
		echo "Installing Debian's chromium for the browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium fonts-dejavu-core; }

## make bench: 50,000 stories on PostgreSQL, gunicorn + Redis, wrk load; prints req/s, p50/p99 and ratios
bench: install
	@command -v wrk >/dev/null || { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get install -y -qq wrk; }
	$(BIN)/python bench/run.py $(BENCH_ARGS)

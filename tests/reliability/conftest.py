"""A production-like stack of our own for the reliability tests: a private
PostgreSQL and Redis on free loopback ports, and gunicorn with several workers
under newsroom.settings.prod.

The machine's shared PostgreSQL (5432) and Redis (6379) are never touched: the
tests stop and restart only the instances they started.
"""

import http.client
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.conftest import _free_port

ROOT = Path(__file__).resolve().parent.parent.parent
PG_BIN = Path(os.environ.get("NEWSROOM_PG_BIN", "/usr/lib/postgresql/15/bin"))
REPORT = ROOT / "bench" / "out" / "reliability.json"
# The load test's own limits: all clients share one address (127.0.0.1), so the
# per-IP and per-poster limits are raised for it through the environment.
LOAD_ENV = {"NEWSROOM_COMMENTS_MIN_INTERVAL": "0", "NEWSROOM_RATE_LIMIT_COMMENTS": "100000/m"}

SEED = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from django_comments_xtd import get_form
from articles.models import Article, Author, Byline, Section

User = get_user_model()

def session(user):
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key

section = Section.objects.create(name="Reliability", slug="reliability")
author = Author.objects.create(name="Rita Reliable", slug="rita-reliable")
story = Article.objects.create(
    headline="Harbour crane passes its load test", slug="harbour-crane-load-test", section=section,
    standfirst="Engineers lifted twice the rated weight.", body="<p>The crane held.</p>",
    status=Article.Status.PUBLISHED, publish_at=timezone.now() - timezone.timedelta(hours=1),
)
Byline.objects.create(article=story, author=author, position=1)
commenters = [
    User.objects.create_user(f"commenter{n}", f"commenter{n}@example.org", first_name=f"Commenter {n}")
    for n in range(8)
]
editor_group = Group.objects.get(name="Editor")
editors = []
for n in range(2):
    user = User.objects.create_user(f"deskeditor{n}", f"deskeditor{n}@example.org", is_staff=True)
    user.groups.add(editor_group)
    editors.append(user)
form = get_form()(story)
print(json.dumps({
    "story_pk": story.pk,
    "story_path": story.get_absolute_url(),
    "form": {key: str(form.initial[key]) for key in ("content_type", "object_pk", "timestamp", "security_hash")},
    "commenters": [session(user) for user in commenters],
    "editors": [session(user) for user in editors],
}))
"""

COUNT_COMMENTS = """
import json
from comments.models import ReaderComment
rows = ReaderComment.objects.values_list("pk", "comment")
print(json.dumps([[pk, text] for pk, text in rows]))
"""


def _wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise RuntimeError(f"timed out waiting for {what}")


def _as_postgres(command):
    """Run a PostgreSQL server command as the postgres user (initdb refuses root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class PrivatePostgres:
    """A throw-away PostgreSQL cluster in a temp dir, on its own port."""

    def __init__(self):
        self.port = _free_port(24000)
        self.dir = Path(tempfile.mkdtemp(prefix="newsroom-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self.data = self.dir / "data"
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _ctl(self, *args):
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), *args]),
                       check=True, capture_output=True, timeout=60)

    def init(self):
        subprocess.run(
            _as_postgres([str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync"]),
            check=True, capture_output=True, timeout=120,
        )

    def start(self):
        options = f"-k {self.dir} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100"
        self._ctl("-o", options, "-l", str(self.dir / "log"), "-w", "start")

    def stop(self, mode="fast"):
        self._ctl("-m", mode, "-w", "stop")

    def remove(self):
        try:
            self.stop("immediate")
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(self.dir, ignore_errors=True)


class PrivateRedis:
    """A Redis that keeps nothing on disk, as a child process on its own port."""

    def __init__(self):
        self.port = _free_port(25000)
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        _wait_for(lambda: _port_open(self.port), 10, "redis")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


def _port_open(port):
    import socket

    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


class AppServer:
    """gunicorn with newsroom.settings.prod against the private PostgreSQL and Redis."""

    def __init__(self, postgres, redis):
        self.port = _free_port(26000)
        self.log = Path(tempfile.mkstemp(prefix="newsroom-gunicorn-", suffix=".log")[1])
        self.static_root = Path(tempfile.mkdtemp(prefix="newsroom-static-"))
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.prod",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": postgres.url,
            "REDIS_URL": redis.url,
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "WEB_CONCURRENCY": "4",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "STATIC_ROOT": str(self.static_root),
            "SITE_DOMAIN": f"127.0.0.1:{self.port}",
            **LOAD_ENV,
        }
        self.process = None

    def manage(self, *args, stdin=None):
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, input=stdin,
            capture_output=True, text=True, timeout=300,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def shell(self, code):
        return json.loads(self.manage("shell", "-c", code).strip().splitlines()[-1])

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"], cwd=ROOT, env=self.env,
            stdout=self.log.open("ab"), stderr=subprocess.STDOUT,
        )
        _wait_for(lambda: self.get("/healthz")[0] == 200, 60, "gunicorn")

    def workers(self):
        """The pids of gunicorn's worker processes (children of the master)."""
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                pids.append(int(stat.parent.name))
        return pids

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.static_root, ignore_errors=True)
        self.log.unlink(missing_ok=True)

    def request(self, method, path, *, body=None, cookies=None, timeout=15):
        """(status, headers, body text), or (None, None, error) when the connection failed."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {"Host": "127.0.0.1"}
        if cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urlencode(body, doseq=True)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as exc:
            return None, None, f"{type(exc).__name__}: {exc}"
        finally:
            connection.close()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, *, session, **kwargs):
        """POST as a signed-in user, with a CSRF token as the browser would send it."""
        token = secrets.token_hex(16)
        return self.request(
            "POST", path, body={**data, "csrfmiddlewaretoken": token},
            cookies={"sessionid": session, "csrftoken": token}, **kwargs,
        )

    def stored_comments(self):
        return self.shell(COUNT_COMMENTS)


@pytest.fixture(scope="session")
def private_postgres():
    """A PostgreSQL cluster of our own (never the machine's shared one)."""
    postgres = PrivatePostgres()
    try:
        postgres.init()
        postgres.start()
        yield postgres
    finally:
        postgres.remove()


@pytest.fixture(scope="session")
def private_redis():
    """A Redis of our own (never the machine's shared one)."""
    redis = PrivateRedis()
    redis.start()
    yield redis
    redis.stop()


@pytest.fixture(scope="session")
def app_server(private_postgres, private_redis):
    """gunicorn (4 workers, production settings), migrated and seeded with a story, 8 signed-in
    commenters and 2 editors; `app_server.seed` holds their ids and session keys."""
    server = AppServer(private_postgres, private_redis)
    server.manage("migrate", "--noinput", "-v0")
    server.manage("collectstatic", "--noinput", "-v0")
    server.seed = server.shell(SEED)
    server.start()
    yield server
    server.stop()


FIGURES = {}


@pytest.fixture(scope="session")
def reliability_report():
    """Figures of each scenario: written to bench/out/reliability.json and printed after the run."""
    return FIGURES


def pytest_terminal_summary(terminalreporter):
    if not FIGURES:
        return
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(FIGURES, indent=2) + "\n")
    terminalreporter.section("reliability figures (bench/out/reliability.json)")
    for scenario, numbers in FIGURES.items():
        terminalreporter.write_line(f"{scenario}: " + ", ".join(f"{key}={value}" for key, value in numbers.items()))

"""The benchmark's ceiling (bench/ceiling.py) is a Django project of its own: startproject's
middleware and nothing of the newsroom. Run in a separate interpreter (it configures its own
settings)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from django.conf import settings
from django.test import Client
import bench.ceiling
response = Client().get("/", HTTP_HOST="127.0.0.1")
assert response.status_code == 200 and response.content == b"ok", response
assert response["X-Frame-Options"] == "DENY"  # startproject's middleware ran
assert not [name for name in sys.modules if name.split(".")[0] in ("newsroom", "articles", "comments", "images")]
print(",".join(settings.MIDDLEWARE))
"""


def test_the_ceiling_is_startprojects_middleware_and_an_ok_view_with_nothing_of_ours():
    env = {"PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True)

    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().split(",") == [
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ]

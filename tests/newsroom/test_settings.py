import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROD_ENV = {
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-check-0123456789abcdef",
    "ALLOWED_HOSTS": "news.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/newsroom",
}


def _manage(*args, env):
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE must not leak into a production check.
    dropped = {*PROD_ENV, "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    clean.update(env, DJANGO_SETTINGS_MODULE="newsroom.settings.prod")
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("missing", sorted(PROD_ENV))
def test_production_settings_refuse_to_start_naming_the_missing_variable(missing):
    env = {k: v for k, v in PROD_ENV.items() if k != missing}

    result = _manage("check", env=env)

    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert f"Set the {missing} environment variable" in last_line


def test_production_settings_pass_the_deploy_check():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PROD_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_load_demo_refuses_to_run_with_production_settings():
    result = _manage("load_demo", env=PROD_ENV)

    assert result.returncode != 0
    assert "refuses to run with production settings" in result.stderr


def test_production_settings_put_media_in_the_bucket_media_s3_names():
    env = {**PROD_ENV, "MEDIA_S3_BUCKET": "news-media", "MEDIA_S3_CUSTOM_DOMAIN": "media.example.org"}

    result = _manage("shell", "-c", "from django.conf import settings; import json; print(json.dumps("
                     "[settings.STORAGES['default'], settings.STORAGES['staticfiles']['BACKEND']]))", env=env)

    assert result.returncode == 0, result.stderr
    default, static = json.loads(result.stdout.strip().splitlines()[-1])
    assert default["BACKEND"] == "storages.backends.s3.S3Storage"
    assert default["OPTIONS"]["custom_domain"] == "media.example.org"
    assert static == "whitenoise.storage.CompressedManifestStaticFilesStorage"

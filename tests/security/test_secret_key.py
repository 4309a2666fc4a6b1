"""Issue 12, finding 1: SECRET_KEY signs every link and cookie, so no key is ever committed.

The dev key was a constant in newsroom/settings/dev.py; each checkout now makes its own,
once, in a file git ignores.
"""

import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def dev_secret_key(key_file):
    """SECRET_KEY as newsroom.settings.dev sets it, in a fresh process with no SECRET_KEY in the environment."""
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    env["NEWSROOM_DEV_SECRET_KEY_FILE"] = str(key_file)
    result = subprocess.run(
        [sys.executable, "-c", "from newsroom.settings import dev; print(dev.SECRET_KEY)"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True,
    )
    return result.stdout.strip()


def test_each_checkout_gets_its_own_dev_key_made_once(tmp_path):
    key_file = tmp_path / "checkout-a" / ".secret-key.dev"

    first = dev_secret_key(key_file)
    again = dev_secret_key(key_file)
    other_checkout = dev_secret_key(tmp_path / "checkout-b" / ".secret-key.dev")

    assert first == again == key_file.read_text().strip()
    assert other_checkout != first
    assert len(first) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600  # readable by its owner only


def test_the_dev_key_file_is_ignored_by_git():
    for name in [".secret-key.dev", ".secret-key.serve-prod"]:
        result = subprocess.run(["git", "check-ignore", "-q", name], cwd=ROOT, capture_output=True)
        assert result.returncode == 0, f"{name} is not ignored by git"


def _make(*args):
    bin_dir = Path(sys.executable).parent
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    return subprocess.run(["make", "-s", "--no-print-directory", "-C", str(ROOT), f"BIN={bin_dir}", *args],
                          env=env, capture_output=True, text=True, timeout=120, check=True).stdout


def test_serve_prod_without_a_secret_key_uses_a_random_key_kept_for_the_checkout():
    """Its default key was `local-prod-like-$(hostname)-...`: anyone could work it out."""
    key = _make("--eval", "serve-prod-secret-key: ; @$(SERVE_PROD_SECRET_KEY)", "serve-prod-secret-key").strip()
    commands = [line for line in _make("-n", "serve-prod").splitlines() if "gunicorn -c" in line]

    assert len(key) >= 50 and key == (ROOT / ".secret-key.serve-prod").read_text().strip()
    assert os.uname().nodename not in key
    assert len(commands) == 1
    assert "SECRET_KEY=${SECRET_KEY:-$(" in commands[0] and "secret_key_in(\".secret-key.serve-prod\")" in commands[0]


"""The newsroom benchmark: `make bench`.

1. Creates a PostgreSQL database of its own and fills it (bench/make_dataset.py).
2. Serves it with gunicorn (several workers) and Redis, under production settings.
3. Drives load from a separate process with wrk, in rounds (three by default: every row
   once a round, the ceiling too), and prints the median round of each row: for each page,
   requests per second and p50/p99 latency uncached (a different URL each request,
   every one built by Django), cold (the cache emptied, then every connection asks
   for the page at once) and warm (the page stored), as a ratio to the ceiling: a
   one-file Django project with startproject's middleware (bench/ceiling.py), served
   by the same gunicorn settings in the same run. `/bench/minimal`, a view inside our
   own middleware, is the second row: what our middleware costs.
4. Prints where the time of building one story page goes (bench/story_build.py)
   and the query plans of the list, related-reading and search queries.
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"


def log(message):
    print(message, flush=True)


def run(args, env, **kwargs):
    return subprocess.run(args, cwd=ROOT, env=env, check=True, **kwargs)


def wrk(url, env, seconds, connections, script=None, script_args=(), threads=2):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if script:
        command += ["-s", str(script)]
    command.append(url)
    if script_args:
        command += ["--", *script_args]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.M))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": rps, "p50": latency.get("50", "?"), "p99": latency.get("99", "?"),
            "errors": int(non2xx.group(1)) if non2xx else 0}


def wait_until_up(base, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("bench: gunicorn did not answer /healthz in time")


def main():
    parser = argparse.ArgumentParser(description="The newsroom benchmark")
    parser.add_argument("--stories", type=int, default=50_000)
    parser.add_argument("--tags", type=int, default=500)
    parser.add_argument("--comments", type=int, default=200_000)
    parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of every row (the table shows medians)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8931)
    parser.add_argument("--database", default="newsroom_bench")
    parser.add_argument("--reuse", action="store_true", help="keep an existing benchmark database")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("bench: wrk is missing (apt-get install -y wrk)")

    base = f"http://{HOST}:{args.port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.prod",
        "SECRET_KEY": "benchmark-only-secret-key-not-for-any-real-server-0123456789",
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
        "DATABASE_CONN_MAX_AGE": "600",
        "REDIS_URL": "redis://127.0.0.1:6379/5",
        "SITE_DOMAIN": f"{HOST}:{args.port}",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "NEWSROOM_BENCH_VIEWS": "true",
        # Comment posts come "through a proxy" with a different reader address each (bench/post.lua).
        "NEWSROOM_TRUSTED_PROXIES": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        # One load generator is one address: lift the per-IP search limit for the runs.
        "NEWSROOM_RATE_LIMIT_SEARCH": "1000000/m",
        # Every comment post asks for a confirmation email: lift the site-wide cap for the runs.
        "NEWSROOM_RATE_LIMIT_CONFIRMATION_MAILS": "1000000/h",
        "WEB_CONCURRENCY": str(args.workers),
        "GUNICORN_BIND": f"{HOST}:{args.port}",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    log(f"machine: {os.cpu_count()} cores; gunicorn workers: {args.workers}; wrk: 2 threads, "
        f"{args.connections} connections, {args.seconds} s a run, {args.rounds} rounds")

    if not args.reuse:
        run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", args.database], env)
        run(["createdb", "-h", "127.0.0.1", "-U", "postgres", args.database], env)
        run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
        run([PYTHON, "bench/make_dataset.py", "--stories", str(args.stories), "--tags", str(args.tags),
             "--comments", str(args.comments)], env)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    explain = subprocess.run([PYTHON, "bench/explain.py"], cwd=ROOT, env=env, capture_output=True, text=True)
    paths = subprocess.run([PYTHON, "bench/paths.py"], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    files = {}
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    workdir.chmod(0o755)  # Varnish's own users read its files under it
    comment_form = None
    for block in paths.stdout.split("\n\n"):
        name, *lines = block.strip().splitlines()
        if name == "comment":
            comment_form = lines[1]
            continue
        files[name] = workdir / f"{name}.txt"
        files[name].write_text("\n".join(lines) + "\n")

    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py"], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    ceiling_base = f"http://{HOST}:{args.port + 1}"
    ceiling = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "bench.ceiling:application"], cwd=ROOT,
        env={**{k: v for k, v in env.items() if k != "DJANGO_SETTINGS_MODULE"},
             "GUNICORN_BIND": f"{HOST}:{args.port + 1}"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    varnish = varnish_base = None
    if shutil.which("varnishd"):  # Varnish in front of the same gunicorn (deploy/varnish/run)
        varnish_dir = workdir / "varnish"
        varnish_base = f"http://{HOST}:{args.port + 2}"
        varnish = subprocess.Popen(
            [str(ROOT / "deploy/varnish/run"), f"{HOST}:{args.port + 2}", f"{HOST}:{args.port}", str(varnish_dir)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )

    def backend_requests():
        """Requests Varnish has sent to gunicorn so far (varnishstat's MAIN.backend_req)."""
        out = subprocess.run(["varnishstat", "-n", str(varnish_dir), "-1", "-f", "MAIN.backend_req"],
                             capture_output=True, text=True, check=True).stdout
        return int(out.split()[1])

    try:
        wait_until_up(base)
        wait_until_up(ceiling_base)
        if varnish:
            wait_until_up(varnish_base)
        first = lambda key: files[key].read_text().splitlines()[0]  # noqa: E731
        pages = [("home", "/", files["home"]), ("story", first("stories"), files["stories"]),
                 ("tag", first("tags"), files["tags"]), ("search", first("searches"), files["searches"])]
        # Every row is measured once a round; the table shows each row's median round, and
        # every ratio is to the ceiling's median, measured in the same rounds.
        runs = {}

        def record(name, mode, result):
            runs.setdefault((name, mode), []).append(result)

        def flush():
            subprocess.run(["redis-cli", "-n", "5", "FLUSHDB"], check=True, capture_output=True)

        for number in range(1, args.rounds + 1):
            record("ceiling", "warm", wrk(ceiling_base + "/", env, args.seconds, args.connections))
            urllib.request.urlopen(base + "/bench/minimal").read()
            record("/bench/minimal", "warm", wrk(base + "/bench/minimal", env, args.seconds, args.connections))
            for name, path, uncached_file in pages:
                # uncached: every request a different URL, built by Django; cold: the cache
                # emptied, then all connections ask for one page at once (a story breaking: one
                # request builds it, the others wait for it); warm: the page already stored.
                flush()
                record(name, "uncached", wrk(base, env, args.seconds, args.connections, ROOT / "bench/paths.lua",
                                             [str(uncached_file)]))
                flush()
                record(name, "cold", wrk(base + path, env, args.seconds, args.connections))
                urllib.request.urlopen(base + path).read()  # stored, if it was not yet
                record(name, "warm", wrk(base + path, env, args.seconds, args.connections))
            if varnish:
                # Through Varnish: the page stored there (with a reader's CSRF cookie: a page
                # with a form is filled from it); a hit sends nothing to gunicorn.
                for name, path, _ in pages[:2]:
                    cookie = {"Cookie": "csrftoken=" + "b" * 32}
                    for _ in range(2):
                        urllib.request.urlopen(urllib.request.Request(varnish_base + path, headers=cookie)).read()
                    before = backend_requests()
                    result = wrk(varnish_base + path, env, args.seconds, args.connections, ROOT / "bench/cookie.lua")
                    result["backend"] = backend_requests() - before
                    record(f"{name} via Varnish", "warm", result)
            # After one comment (after the Varnish rows: a bump still in flight when its wrk run
            # ends purges pages there): stories whose pages were built once (their fragments stored)
            # are each rebuilt after a bump of what approving a comment bumps; one connection
            # a thread, so each GET follows its bump. Pages per second: half the requests.
            for line in files["after_comment"].read_text().splitlines():
                urllib.request.urlopen(base + line.split()[1]).read()
            result = wrk(base, env, args.seconds, args.connections, ROOT / "bench/after_comment.lua",
                         [str(files["after_comment"])], threads=args.connections)
            result["rps"] /= 2
            record("story after a comment", "rebuilt", result)
            flush()
            record("comment post", "POST", wrk(base, env, args.seconds, args.connections, ROOT / "bench/post.lua",
                                               [comment_form]))
            log(f"  round {number} of {args.rounds} measured")

        def median(results):
            return sorted(results, key=lambda r: r["rps"])[len(results) // 2]

        baseline = median(runs[("ceiling", "warm")])["rps"]
        log("")
        log(f"{'page':<22}{'mode':<10}{'req/s':>9}{'p50':>10}{'p99':>10}{'× ceiling':>11}{'non-2xx':>9}")
        for (name, mode), results in runs.items():
            r = median(results)
            errors = sum(result["errors"] for result in results)
            log(f"{name:<22}{mode:<10}{r['rps']:>9.0f}{r['p50']:>10}{r['p99']:>10}"
                f"{r['rps'] / baseline:>11.2f}{errors:>9}")
        log(f"(median of {args.rounds} rounds; non-2xx summed over them)")
        for (name, _mode), results in runs.items():
            if "backend" in results[0]:
                sent = sum(result["backend"] for result in results)
                log(f"{name}: {sent} requests reached gunicorn during its {len(results)} runs")
        log("")
        build = subprocess.run([PYTHON, "bench/story_build.py"], cwd=ROOT, env=env, capture_output=True, text=True)
        log(build.stdout + (f"\nbench/story_build.py failed:\n{build.stderr}" if build.returncode else ""))
        log(explain.stdout + (f"\nbench/explain.py failed:\n{explain.stderr}" if explain.returncode else ""))
    finally:
        for process in (server, ceiling, varnish):
            if process is None:
                continue
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Where a page-cache hit's time goes: the WSGI application called in-process (no server, no
network but Redis), N times for one path, against bench/ceiling.py called the same way.

    python bench/hit_profile.py /news/<slug>/ [--requests 3000] [--profile]

Run with the benchmark's environment (bench/run.py sets it; DJANGO_SETTINGS_MODULE of the
newsroom). Prints CPU microseconds per request for the newsroom and for the ceiling (each
in its own process, alternating, median of 3), and with --profile the functions that take
a hit's time (cProfile, by own time)."""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def environ(path, cookie=""):
    path, _, query = path.partition("?")
    env = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000", "HTTP_HOST": "127.0.0.1", "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr, "wsgi.multithread": False, "wsgi.multiprocess": True,
        "wsgi.run_once": False, "wsgi.version": (1, 0), "HTTP_USER_AGENT": "wrk",
    }
    if cookie:
        env["HTTP_COOKIE"] = cookie
    return env


def call(application, path):
    status = []
    body = application(environ(path), lambda s, h, exc_info=None: status.append(s))
    data = b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return status[0], data


def child(kind, path, requests, profile):
    """In a fresh process: time `requests` calls of the application (after a warm-up)."""
    if kind == "ceiling":
        sys.path.insert(0, str(ROOT))
        os.environ.pop("DJANGO_SETTINGS_MODULE", None)
        from bench.ceiling import application
        path = "/"
    else:
        sys.path.insert(0, str(ROOT))
        from newsroom.wsgi import application
    import logging

    if os.environ.get("HIT_PROFILE_QUIET"):  # without the request log's line
        logging.disable(logging.CRITICAL)
    for _ in range(200):
        status, _ = call(application, path)
    assert status.startswith("200"), status
    profiler = cProfile.Profile() if profile else None
    started = time.process_time()
    if profiler:
        profiler.enable()
    for _ in range(requests):
        call(application, path)
    if profiler:
        profiler.disable()
    per_request = (time.process_time() - started) / requests * 1e6
    print(f"{per_request:.1f}")
    if profiler:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).sort_stats(os.environ.get("HIT_PROFILE_SORT", "tottime"))
        stats.print_stats(int(os.environ.get("HIT_PROFILE_LINES", "25")))
        sys.stderr.write(out.getvalue())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--child", choices=("newsroom", "ceiling"))
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.path, args.requests, args.profile)
    runs = {"newsroom": [], "ceiling": []}
    for _ in range(3):
        for kind in runs:
            out = subprocess.run(
                [sys.executable, __file__, args.path, "--requests", str(args.requests), "--child", kind],
                capture_output=True, text=True, check=True, cwd=ROOT,
            )
            runs[kind].append(float(out.stdout.strip().splitlines()[-1]))
    ours, ceiling = statistics.median(runs["newsroom"]), statistics.median(runs["ceiling"])
    print(f"{args.path}: {ours:.0f} µs of CPU a request; ceiling {ceiling:.0f} µs; ratio {ceiling / ours:.2f}×")
    if args.profile:
        subprocess.run([sys.executable, __file__, args.path, "--requests", str(args.requests), "--child", "newsroom",
                        "--profile"], check=True, cwd=ROOT)


if __name__ == "__main__":
    main()

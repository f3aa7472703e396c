"""`make load`: complete quiz sessions against gunicorn, from a load generator on loopback.

Two kinds of virtual voter, one after the other in the same run, each answering at random
(so pages that differ by answer differ here too) over one kept-alive connection, as a
browser does (and as nginx does to gunicorn with the upstream keepalive of
docs/deploying.md):
- without JavaScript: landing page, start the full quiz (with the page's CSRF token), GET
  and POST every statement, the marks page's POST, then the results page;
- with JavaScript, the browser-side quiz's real sequence: landing page, start, the first
  statement page, /api/v1/quiz, and one POST of all answers, which answers with the results.
Prints completed quizzes per second, request latency p50/p99 and errors for each.
Run outside CI timing; the figures depend on the machine (see docs/benchmarks.md).

With --stack the voters go through the production shape instead (tests/stack.py): Debian's
nginx with the configuration of docs/deploying.md over HTTPS, two gunicorn instances,
Redis for the limits (docs/capacity.md).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import ssl
import statistics
import tempfile
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

from quiz.events import db
from tests.helpers import CSRF_FIELD, FULL, SHIPPED
from tests.servers import AppServer
from tests.stack import Stack
from tests.stack import _PinnedHTTPS as PinnedHTTPS

STATEMENTS = FULL


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.quizzes = 0
        self.errors: list[str] = []

    def timed(self, call, expected: int, *args):
        start = time.perf_counter()
        status, body = call(*args)
        elapsed = time.perf_counter() - start
        with self.lock:
            self.latencies.append(elapsed)
            if status != expected:
                self.errors.append(f"{args[0]}: {status}")
        return status, body


class Visitor:
    """One browser: one connection kept alive for the whole quiz, its cookie and the CSRF
    token of the last page; follows no redirects. (tests.servers.Browserless opens a new
    connection per request, which a browser does not; under load that doubled the
    server's work per request.)"""

    def __init__(self, base: str) -> None:
        address = urllib.parse.urlsplit(base)
        if address.scheme == "https":  # through the stack's nginx, at 127.0.0.1
            context = ssl.create_default_context()
            context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
            self.connection: http.client.HTTPConnection = PinnedHTTPS(
                address.hostname, address.port, timeout=30, context=context
            )
        else:
            self.connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
        self.cookies: dict[str, str] = {}
        self.token = ""

    def get(self, path: str) -> tuple[int, str]:
        return self._send("GET", path, None)

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str]:
        body = urllib.parse.urlencode({"csrf_token": self.token, **data})
        return self._send("POST", path, body)

    def _send(self, method: str, path: str, body: str | None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body, headers)
        response = self.connection.getresponse()
        html = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if 300 <= response.status < 400:
            return response.status, response.headers.get("Location", "")
        if match := CSRF_FIELD.search(html):
            self.token = match.group(1)
        return response.status, html

    def close(self) -> None:
        self.connection.close()


ANSWERS = ("agree", "neutral", "disagree", "skip")
WEIGHTS = {area.id: str(area.weight) for area in SHIPPED.areas}


def voter_without_javascript(base: str, stats: Stats, stop: float) -> None:
    rng = random.Random()
    while time.monotonic() < stop:
        client = Visitor(base)
        stats.timed(client.get, 200, "/")
        stats.timed(client.post, 302, "/quiz/start", {"mode": "full"})
        for n in range(1, STATEMENTS + 1):
            stats.timed(client.get, 200, f"/quiz/{n}")
            stats.timed(client.post, 302, f"/quiz/{n}", {"answer": rng.choice(ANSWERS)})
        stats.timed(
            client.post, 302, "/quiz/prioriteringer", {f"w_{a}": w for a, w in WEIGHTS.items()}
        )
        status, html = stats.timed(client.get, 200, "/resultat")
        client.close()
        if status == 200 and "data-overall-number" in html:
            with stats.lock:
                stats.quizzes += 1


def voter_with_javascript(base: str, stats: Stats, stop: float) -> None:
    rng = random.Random()
    while time.monotonic() < stop:
        answers = {s.id: rng.choice(ANSWERS) for s in SHIPPED.statements}
        data = json.dumps({"answers": answers, "important": [], "area_weights": {}})
        client = Visitor(base)
        stats.timed(client.get, 200, "/")
        stats.timed(client.post, 302, "/quiz/start", {"mode": "full"})
        stats.timed(client.get, 200, "/quiz/1")
        stats.timed(client.get, 200, "/api/v1/quiz?lang=nb")
        status, html = stats.timed(client.post, 200, "/quiz/svar", {"mode": "full", "data": data})
        client.close()
        if status == 200 and "data-overall-number" in html:
            with stats.lock:
                stats.quizzes += 1


def run(server_url: str, voter, voters: int, seconds: float) -> tuple[Stats, float]:
    stats = Stats()
    stop = time.monotonic() + seconds
    started = time.monotonic()
    threads = [
        threading.Thread(target=voter, args=(server_url, stats, stop)) for _ in range(voters)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return stats, time.monotonic() - started


def report(name: str, stats: Stats, elapsed: float) -> None:
    latencies = sorted(stats.latencies)
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[max(int(len(latencies) * 0.99) - 1, 0)] * 1000
    print(f"{name}:")
    print(f"  completed quizzes: {stats.quizzes} ({stats.quizzes / elapsed:.2f} per second)")
    print(f"  requests: {len(latencies)} ({len(latencies) / elapsed:.0f} per second)")
    print(f"  latency: p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    print(f"  errors: {len(stats.errors)}")
    for error in stats.errors[:10]:
        print(f"    {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20.0, help="per kind of voter")
    parser.add_argument("--voters", type=int, default=8, help="concurrent virtual voters")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument(
        "--stack", action="store_true", help="through nginx, two instances and Redis"
    )
    args = parser.parse_args()

    kinds = [
        ("full quiz without JavaScript", voter_without_javascript),
        ("full quiz with JavaScript", voter_with_javascript),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp}/load.sqlite3"
        db.upgrade(url)
        if args.stack:
            with Stack(url, Path(tmp)) as stack:
                base = f"https://quiz.test:{stack.port}"
                runs = [
                    (name, run(base, voter, args.voters, args.seconds)) for name, voter in kinds
                ]
                shape = "nginx (HTTPS) + 2 instances × 2 workers × 8 threads + Redis"
        else:
            with AppServer(url, workers=args.workers, threads=4) as server:
                runs = [
                    (name, run(server.url, voter, args.voters, args.seconds))
                    for name, voter in kinds
                ]
                shape = f"gunicorn: {args.workers} workers × 4 threads"
    print(
        f"machine: {os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}"
    )
    print(
        f"{shape}; {args.voters} virtual voters; "
        f"{args.seconds:g} s per kind; load generator on the same machine"
    )
    for name, (stats, elapsed) in runs:
        report(name, stats, elapsed)
    raise SystemExit(1 if any(stats.errors for _name, (stats, _e) in runs) else 0)


if __name__ == "__main__":
    main()

"""`make load`: complete quiz sessions against gunicorn, from a load generator on loopback.

Two kinds of virtual voter, one after the other in the same run:
- without JavaScript: landing page, start the full quiz (with the page's CSRF token), GET
  and POST every statement, the marks page's POST, then the results page;
- with JavaScript, the browser-side quiz's real sequence: landing page, start, the first
  statement page, /api/v1/quiz, and one POST of all answers, which answers with the results.
Prints completed quizzes per second, request latency p50/p99 and errors for each.
Run outside CI timing; the figures depend on the machine (see docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import threading
import time

from quiz.events import db
from tests.helpers import FULL, SHIPPED
from tests.servers import AppServer, Browserless

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


ANSWERS = ("agree", "neutral", "disagree", "skip")
WEIGHTS = {area.id: str(area.weight) for area in SHIPPED.areas}


def voter_without_javascript(base: str, stats: Stats, stop: float) -> None:
    while time.monotonic() < stop:
        client = Browserless(base)
        stats.timed(client.get, 200, "/")
        stats.timed(client.post, 302, "/quiz/start", {"mode": "full"})
        for n in range(1, STATEMENTS + 1):
            stats.timed(client.get, 200, f"/quiz/{n}")
            stats.timed(client.post, 302, f"/quiz/{n}", {"answer": ANSWERS[n % 4]})
        stats.timed(
            client.post, 302, "/quiz/prioriteringer", {f"w_{a}": w for a, w in WEIGHTS.items()}
        )
        status, html = stats.timed(client.get, 200, "/resultat")
        if status == 200 and "data-overall-number" in html:
            with stats.lock:
                stats.quizzes += 1


def voter_with_javascript(base: str, stats: Stats, stop: float) -> None:
    answers = {s.id: ANSWERS[i % 4] for i, s in enumerate(SHIPPED.statements)}
    data = json.dumps({"answers": answers, "important": [], "area_weights": {}})
    while time.monotonic() < stop:
        client = Browserless(base)
        stats.timed(client.get, 200, "/")
        stats.timed(client.post, 302, "/quiz/start", {"mode": "full"})
        stats.timed(client.get, 200, "/quiz/1")
        stats.timed(client.get, 200, "/api/v1/quiz?lang=nb")
        status, html = stats.timed(client.post, 200, "/quiz/svar", {"mode": "full", "data": data})
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
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/load.sqlite3"
        db.upgrade(url)
        with AppServer(url, workers=args.workers, threads=4) as server:
            runs = [
                (
                    "full quiz without JavaScript",
                    run(server.url, voter_without_javascript, args.voters, args.seconds),
                ),
                (
                    "full quiz with JavaScript",
                    run(server.url, voter_with_javascript, args.voters, args.seconds),
                ),
            ]
    print(
        f"machine: {os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}"
    )
    print(
        f"gunicorn: {args.workers} workers × 4 threads; {args.voters} virtual voters; "
        f"{args.seconds:g} s per kind; load generator on the same machine"
    )
    for name, (stats, elapsed) in runs:
        report(name, stats, elapsed)
    raise SystemExit(1 if any(stats.errors for _name, (stats, _e) in runs) else 0)


if __name__ == "__main__":
    main()

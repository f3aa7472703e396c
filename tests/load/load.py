"""`make load`: complete quiz sessions against gunicorn, from a load generator on loopback.

Each virtual voter does what a browser without JavaScript does: landing page, start the
full quiz (with the CSRF token from the page), GET and POST every statement, then the
results page. Prints completed quizzes per second, request latency p50/p99 and errors.
Run outside CI timing; the figures depend on the machine (see docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import threading
import time

from quiz.events import db
from tests.helpers import FULL
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


def voter(base: str, stats: Stats, stop: float) -> None:
    while time.monotonic() < stop:
        client = Browserless(base)
        stats.timed(client.get, 200, "/")
        stats.timed(client.post, 302, "/quiz/start", {"mode": "full"})
        for n in range(1, STATEMENTS + 1):
            stats.timed(client.get, 200, f"/quiz/{n}")
            answer = ("agree", "neutral", "disagree", "skip")[n % 4]
            stats.timed(client.post, 302, f"/quiz/{n}", {"answer": answer})
        status, html = stats.timed(client.get, 200, "/resultat")
        if status == 200 and "data-overall-number" in html:
            with stats.lock:
                stats.quizzes += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--voters", type=int, default=8, help="concurrent virtual voters")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/load.sqlite3"
        db.upgrade(url)
        with AppServer(url, workers=args.workers, threads=4) as server:
            stats = Stats()
            stop = time.monotonic() + args.seconds
            started = time.monotonic()
            threads = [
                threading.Thread(target=voter, args=(server.url, stats, stop))
                for _ in range(args.voters)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started

    latencies = sorted(stats.latencies)
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    print(
        f"machine: {os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}"
    )
    print(
        f"gunicorn: {args.workers} workers × 4 threads; {args.voters} virtual voters; {elapsed:.0f} s"
    )
    print(f"completed quizzes: {stats.quizzes} ({stats.quizzes / elapsed:.2f} per second)")
    print(f"requests: {len(latencies)} ({len(latencies) / elapsed:.0f} per second)")
    print(f"latency: p50 {p50:.1f} ms, p99 {p99:.1f} ms")
    print(f"errors: {len(stats.errors)}")
    for error in stats.errors[:10]:
        print(f"  {error}")
    raise SystemExit(1 if stats.errors else 0)


if __name__ == "__main__":
    main()

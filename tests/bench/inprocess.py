"""In-process render times: each route through Flask's test client, the 10th percentile of
100 requests, the least of five such batches (the least disturbed by this shared machine),
beside a bare Flask hello.

    python -m tests.bench.inprocess

A report for docs/benchmarks.md, not a test. The visitor has answered the full quiz (the
statement page shows an answer chosen; the results page has every row)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from flask import Flask

from tests.helpers import FULL, AppFactory

REQUESTS = 100
BATCHES = 5


def p10(call) -> float:
    for _ in range(30):
        call()  # warm: the kept pages are made on the first request
    found = []
    for _ in range(BATCHES):
        times = []
        for _ in range(REQUESTS):
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
        found.append(statistics.quantiles(times, n=10)[0] * 1000)
    return min(found)


def main() -> None:
    hello = Flask("hello")
    hello.get("/")(lambda: "hello")
    bare = hello.test_client()
    with tempfile.TemporaryDirectory() as base:
        factory = AppFactory(Path(base))
        app = factory()
        client = app.test_client()
        client.post("/quiz/start", data={"mode": "full"})
        for n in range(1, FULL + 1):
            client.post(f"/quiz/{n}", data={"answer": ["agree", "neutral", "disagree"][n % 3]})
        routes = {
            "hello (bare Flask)": lambda: bare.get("/"),
            "landing": lambda: client.get("/"),
            "statement GET (full quiz answered)": lambda: client.get("/quiz/3"),
            "answer POST": lambda: client.post("/quiz/3", data={"answer": "agree"}),
            "priorities": lambda: client.get("/quiz/prioriteringer"),
            f"results, {FULL} answers": lambda: client.get("/resultat"),
            "quiz API": lambda: client.get("/api/v1/quiz"),
        }
        print("| route | p10 |\n| --- | --- |")
        for name, call in routes.items():
            print(f"| {name} | {p10(call):.2f} ms |")
        factory.close()


if __name__ == "__main__":
    main()

"""`make bench`: how fast the scoring and each route are, as figures and as ratios to a bare
Flask "hello" served the same way in the same run. A report, not a test (machines are noisy).

Routes are loaded with wrk (Debian's `wrk`), which asks for no compression, so the ratios
measure the app. Both servers run under gunicorn with the same settings: gthread workers,
WORKERS × THREADS (default 2 × 4), access log off.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import tempfile
import timeit
from pathlib import Path

import numpy as np

from quiz.content.loader import load_catalogue
from quiz.events import db
from quiz.scoring.matching import score
from quiz.scoring.results import area_counts, results
from quiz.voter.answers import Answers
from tests.data.many_parties import many_parties
from tests.helpers import ROOT, SHARE_LINK, SHIPPED
from tests.servers import AppServer, Browserless

LUA_POST = """wrk.method = "POST"
wrk.body = [[{body}]]
wrk.headers["Content-Type"] = "{content_type}"
wrk.headers["Cookie"] = [[{cookie}]]
"""


def per_call(function, number: int) -> float:
    """Median seconds per call over 7 repeats."""
    return statistics.median(timeit.repeat(function, number=number, repeat=7)) / number


def micro() -> list[tuple[str, str]]:
    catalogue = load_catalogue(ROOT / "statements")
    n_statements = len(catalogue.statements)
    rng = np.random.default_rng(1)
    one = rng.choice([-1.0, 0.0, 1.0, np.nan], size=(1, n_statements))
    many = rng.choice([-1.0, 0.0, 1.0, np.nan], size=(100_000, n_statements))
    common = {
        "stances": catalogue.stances,
        "area_of": catalogue.area_of,
        "n_areas": len(catalogue.areas),
    }
    voter = Answers(
        "full",
        {
            s.id: ("agree", "neutral", "disagree", "skip")[i % 4]
            for i, s in enumerate(catalogue.statements)
        },
        frozenset(s.id for s in catalogue.statements[::7]),
    )
    rows = [
        (
            "matching.score, one voter",
            f"{per_call(lambda: score(one, **common), 2000) * 1e6:.1f} µs",
        ),
        (
            "matching.score, 100 000 voters in one call",
            f"{per_call(lambda: score(many, **common), 3) * 1e3:.0f} ms",
        ),
        (
            "results view-model, one voter (full quiz)",
            f"{per_call(lambda: (results(catalogue, voter), area_counts(catalogue, voter)), 300) * 1e6:.0f} µs",
        ),
    ]
    return rows


def wrk(url: str, seconds: float, connections: int, script: str | None = None) -> float:
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds:g}s", "--latency"]
    if script:
        args += ["-s", script]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} non-2xx/3xx responses")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def visitor_with_full_quiz(base: str, statements: int | None = None) -> tuple[Browserless, str]:
    """A voter who took the full quiz: their cookie, and the share link of their result."""
    voter = Browserless(base)
    voter.get("/")
    voter.post("/quiz/start", {"mode": "full"})
    for n in range(1, (statements or len(SHIPPED.statements)) + 1):
        voter.post(f"/quiz/{n}", {"answer": ("agree", "neutral", "disagree", "skip")[n % 4]})
    _, html = voter.get("/resultat")
    share = SHARE_LINK.search(html)
    return voter, share.group(1)


def cookie_of(visitor: Browserless) -> str:
    return "; ".join(f"{c.name}={c.value}" for c in visitor.jar)


def routes(
    seconds: float, connections: int, workers: int, threads: int, rounds: int, only: str = ""
) -> list[tuple[str, float, float, float]]:
    """Each route's req/s, and the bare hello's, in `rounds` alternating pairs: the machine's
    speed drifts (shared hosts), so every ratio pairs two figures taken moments apart, and
    the median of the pairs' ratios is reported (with the median rates)."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.sqlite3"
        db.upgrade(url)
        rows = []
        hello_server = AppServer(url, workers=workers, threads=threads, app="tests.bench.hello:app")
        with hello_server as hello, AppServer(url, workers=workers, threads=threads) as server:
            voter, share_path = visitor_with_full_quiz(server.url)
            cookie = cookie_of(voter)
            token = voter.token or ""
            scripts = Path(tmp)

            def post_script(name: str, body: str, content_type: str) -> str:
                path = scripts / f"{name}.lua"
                path.write_text(
                    LUA_POST.format(body=body, content_type=content_type, cookie=cookie)
                )
                return str(path)

            get_with_cookie = scripts / "get.lua"
            get_with_cookie.write_text(f'wrk.headers["Cookie"] = [[{cookie}]]\n')
            answer = post_script(
                "answer", f"csrf_token={token}&answer=agree", "application/x-www-form-urlencoded"
            )
            score_body = '{"answers": {"' + SHIPPED.statements[0].id + '": "agree"}}'
            score_api = post_script("score", score_body, "application/json")
            cases = [
                ("landing", "/", None),
                ("statement GET", "/quiz/3", str(get_with_cookie)),
                ("answer POST", "/quiz/3", answer),
                ("priorities", "/quiz/prioriteringer", str(get_with_cookie)),
                (f"results ({len(SHIPPED.statements)} answers)", "/resultat", str(get_with_cookie)),
                ("score API", "/api/v1/score", score_api),
                ("quiz API", "/api/v1/quiz", None),
                ("shared page", share_path, None),
                ("share image", share_path + "/bilde.png", None),
            ]
            for name, path, script in cases:
                if only not in name:
                    continue
                pairs = []
                for _ in range(rounds):
                    bare = wrk(hello.url + "/", seconds / rounds, connections)
                    rate = wrk(server.url + path, seconds / rounds, connections, script)
                    pairs.append((rate, bare))
                rates, bares = zip(*pairs, strict=True)
                ratio = statistics.median(rate / bare for rate, bare in pairs)
                rows.append((name, statistics.median(rates), statistics.median(bares), ratio))
            if "parties" in only or not only:
                rows += party_counts(
                    tmp, url, hello, seconds, connections, workers, threads, rounds
                )
        return rows


PARTY_COUNTS = (1, 10, 30)


def party_counts(
    tmp: str,
    url: str,
    hello: AppServer,
    seconds: float,
    connections: int,
    workers: int,
    threads: int,
    rounds: int,
) -> list[tuple[str, float, float, float]]:
    """The results page and the score API with 1, 10 and 30 parties (examples/mange-partier
    and the set made from it, tests/data/many_parties.py), each paired with the hello."""
    rows = []
    for count in PARTY_COUNTS:
        # One party is the shipped quiz (the one-party page as it ships); more are the
        # example's fictional parties.
        folder = ROOT / "statements" if count == 1 else many_parties(Path(tmp) / f"p{count}", count)
        statements = len(load_catalogue(folder).statements)
        with AppServer(url, workers=workers, threads=threads, STATEMENTS_DIR=str(folder)) as server:
            voter, _share = visitor_with_full_quiz(server.url, statements)
            script = Path(tmp) / f"get-{count}.lua"
            script.write_text(f'wrk.headers["Cookie"] = [[{cookie_of(voter)}]]\n')
            score = Path(tmp) / f"score-{count}.lua"
            body = '{"answers": {"' + SHIPPED.statements[0].id + '": "agree"}}'
            score.write_text(LUA_POST.format(body=body, content_type="application/json", cookie=""))
            for name, path, lua in (
                (f"results, {count} {'party' if count == 1 else 'parties'}", "/resultat", script),
                (
                    f"score API, {count} {'party' if count == 1 else 'parties'}",
                    "/api/v1/score",
                    score,
                ),
            ):
                pairs = []
                for _ in range(rounds):
                    bare = wrk(hello.url + "/", seconds / rounds, connections)
                    rate = wrk(server.url + path, seconds / rounds, connections, str(lua))
                    pairs.append((rate, bare))
                rates, bares = zip(*pairs, strict=True)
                ratio = statistics.median(r / b for r, b in pairs)
                rows.append((name, statistics.median(rates), statistics.median(bares), ratio))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0, help="per route, all pairs")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=5, help="hello/route pairs per route")
    parser.add_argument("--only", default="", help="routes whose name contains this")
    args = parser.parse_args()
    print(
        f"machine: {os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}"
    )
    for name, figure in micro():
        print(f"{name}: {figure}")
    if not shutil.which("wrk"):
        print("routes: skipped, wrk is missing; install it with: sudo apt-get install wrk")
        raise SystemExit(1)
    print(
        f"routes: gunicorn gthread, {args.workers} workers × {args.threads} threads, access log off; "
        f"wrk 2 threads, {args.connections} connections, {args.seconds:g} s per route in "
        f"{args.rounds} hello/route pairs; median rates and median ratio of the pairs"
    )
    print(f"{'route':<26} {'req/s':>9} {'hello req/s':>12} {'× bare Flask':>13}")
    found = routes(
        args.seconds, args.connections, args.workers, args.threads, args.rounds, args.only
    )
    for name, rate, bare, ratio in found:
        print(f"{name:<26} {rate:>9.0f} {bare:>12.0f} {ratio:>13.2f}")
    # With several parties each route should keep above half of its one-party rate: the
    # ratios to the hello (taken moments apart) compared, so the machine's drift cancels.
    ratios = {name: ratio for name, _rate, _bare, ratio in found}
    for route in ("results", "score API"):
        one = ratios.get(f"{route}, 1 party")
        for count in PARTY_COUNTS[1:]:
            many = ratios.get(f"{route}, {count} parties")
            if one and many:
                print(f"{route}, {count} parties: {many / one:.2f} of the one-party rate")


if __name__ == "__main__":
    main()

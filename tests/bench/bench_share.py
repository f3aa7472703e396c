"""`make bench`: the share image's render time (a report, not a test: machines are noisy)."""

from __future__ import annotations

import statistics
import time

from quiz.sharing.card import render_card

BEST = tuple((f"Område {i}", f"{90 - 10 * i} %") for i in range(3))
WORST = tuple((f"Område {i + 5}", f"{10 * i} %") for i in range(3))


def main() -> None:
    timings = []
    for i in range(30):
        render_card.cache_clear()
        start = time.perf_counter()
        render_card("Programtesten", f"{i} %", "enig med et program", BEST, WORST, "Ta testen selv")
        timings.append((time.perf_counter() - start) * 1000)
    start = time.perf_counter()
    for _ in range(1000):
        render_card("Programtesten", "0 %", "enig med et program", BEST, WORST, "Ta testen selv")
    cached = (time.perf_counter() - start) * 1000 / 1000
    median = statistics.median(timings)
    print(f"share image, cold render: median {median:.1f} ms, max {max(timings):.1f} ms (30 runs)")
    print(f"share image, cached: {cached * 1000:.1f} µs; cold/cached ratio {median / cached:.0f}×")
    print(f"budget 150 ms: {'within' if median < 150 else 'OVER'}")


if __name__ == "__main__":
    main()

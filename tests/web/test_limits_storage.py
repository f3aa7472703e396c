"""The rate limits' in-memory store under threads: no 500 from its expiry timer.

limits' MemoryStorage restarts its timer without a lock (alisaifee/limits#26); two threads
could start the same timer twice and the request got a 500. That surfaced once in
test_200_concurrent_sends_to_an_open_session_of_100_leave_exactly_150 on PostgreSQL.
"""

from __future__ import annotations

import threading
import time

from limits.storage import storage_from_string
from limits.storage.memory import MemoryStorage

from quiz import create_app
from quiz.web.limits import ThreadSafeMemoryStorage, limiter


class SlowDeadTimer:
    """A timer that is never alive and takes 20 ms to say so: long enough that two threads
    checking it without a lock are both inside at once."""

    def __init__(self) -> None:
        self.inside = 0
        self.most_inside = 0
        self.guard = threading.Lock()

    def is_alive(self) -> bool:
        with self.guard:
            self.inside += 1
            self.most_inside = max(self.most_inside, self.inside)
        time.sleep(0.02)
        with self.guard:
            self.inside -= 1
        return False


def most_threads_checking_the_timer_at_once(storage: MemoryStorage) -> int:
    fake = SlowDeadTimer()
    storage.timer = fake  # type: ignore[assignment]
    gate = threading.Barrier(8)

    def hit() -> None:
        gate.wait()
        storage.incr("key", 60)

    threads = [threading.Thread(target=hit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    storage.timer.join()  # the real timer the last check started
    return fake.most_inside


def test_limits_own_store_lets_several_threads_restart_the_timer_at_once():
    # The flaw, shown so that the fix below is seen to matter: with limits' own class all
    # eight threads are inside the check together, so several replace the timer and one
    # can start a timer another already started (the RuntimeError, a 500).
    storage = MemoryStorage()
    storage.timer.join()
    assert most_threads_checking_the_timer_at_once(storage) > 1


def test_our_store_checks_and_restarts_the_timer_one_thread_at_a_time():
    storage = ThreadSafeMemoryStorage()
    storage.timer.join()
    assert most_threads_checking_the_timer_at_once(storage) == 1
    assert storage.get("key") == 8  # every hit counted


def test_memory_uri_and_the_redis_fallback_both_use_it():
    assert type(storage_from_string("memory://")) is ThreadSafeMemoryStorage
    app = create_app(
        {"SECRET_KEY": "x" * 64, "RATELIMIT_STORAGE_URI": "memory://", "TESTING": True}
    )
    with app.app_context():
        assert type(limiter._storage) is ThreadSafeMemoryStorage
    # With Redis configured (never reached here: nothing is asked of it), the fallback
    # Flask-Limiter keeps for when Redis is away is ours too.
    app = create_app(
        {"SECRET_KEY": "x" * 64, "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1", "TESTING": True}
    )
    with app.app_context():
        assert type(limiter._fallback_storage) is ThreadSafeMemoryStorage

"""Rate limits: what they count by, where they count, and the failed-lookup budget.

Limits are per client address, sized for a school behind one NAT address
(docs/deploying.md "Limits"). Keys are a keyed hash of the address, never the address in
clear, so the store (memory or Redis) holds nothing that names a client; with the same
SECRET_KEY on every instance the keys agree across instances. With RATELIMIT_STORAGE_URI
set to redis://… every limit is global across workers and instances; if Redis goes away,
each process goes on with its own counts and says so in the log (Flask-Limiter's in-memory
fallback), never a 500, and returns to Redis when it answers again.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import threading
from typing import ClassVar

import flask_limiter._extension
from flask import Flask, Response, current_app, request
from flask.logging import default_handler
from flask_limiter import Limiter
from limits.storage import MemoryStorage

# How long a request waits for Redis before the limits fall back to this process's own.
REDIS_TIMEOUT = 0.5  # seconds


def client_network() -> str:
    """The address a limit counts: the client's IPv4 address, or its IPv6 address's /64. A
    device picks new IPv6 addresses within its /64 at will (privacy addresses), so counting
    by the whole address would let one device count as millions."""
    address = request.remote_addr or "127.0.0.1"
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:  # ::ffff:192.0.2.1 is that IPv4 address
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, 64), strict=False))
    return str(parsed)


def client_key() -> str:
    """What the store keeps for an address: an HMAC of it under SECRET_KEY (16 bytes, hex).
    The same on every instance, and no address can be read back from the store."""
    secret = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(secret, b"limit:" + client_network().encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


class ThreadSafeMemoryStorage(MemoryStorage):
    """limits' in-memory store, with its expiry timer restarted under a lock.

    MemoryStorage restarts a timer thread on every hit once the last one has finished,
    with no lock: two threads of one gthread worker can both find it finished, each put
    a new timer in place, and one of them start the other's a second time, a RuntimeError
    ("threads can only be started once") and a 500 (alisaifee/limits#26, still so in
    limits 5.8). tests/events/test_events_concurrency.py met it with 200 students pressing
    send at once. The scheme stays "memory://" (this class takes it over in the registry),
    and Flask-Limiter's fallback while Redis is away uses it too.
    """

    STORAGE_SCHEME: ClassVar[list[str]] = ["memory"]  # read once, by the registry

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: str):
        self.timer_lock = threading.Lock()
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    def __setstate__(self, state: dict) -> None:
        self.timer_lock = threading.Lock()
        super().__setstate__(state)

    def _MemoryStorage__schedule_expiry(self) -> None:  # the parent's private name
        with self.timer_lock:
            if not self.timer.is_alive():
                self.timer = threading.Timer(0.01, self._MemoryStorage__expire_events)
                self.timer.start()


# The in-memory fallback Flask-Limiter makes while Redis is away (RATELIMIT_IN_MEMORY_
# FALLBACK_ENABLED) is built from this name; tests/web/test_limits_storage.py checks it.
flask_limiter._extension.MemoryStorage = ThreadSafeMemoryStorage  # type: ignore[misc]

limiter = Limiter(key_func=client_key)


def _failed_lookup(response: Response) -> bool:
    return response.status_code in (403, 404)


# Every route that looks up a session by its code, a seat or a secret counts the lookups
# that found nothing (404) or were refused (403), in one budget per address: a guesser
# runs out, while a school where ten of 150 students mistype the code does not
# (LOOKUP_LIMIT; the arithmetic is in docs/school-sessions.md).
lookup_limit = limiter.shared_limit(
    lambda: current_app.config["LOOKUP_LIMIT"], scope="lookup", deduct_when=_failed_lookup
)


def storage_settings(uri: str) -> dict[str, object]:
    """Flask-Limiter settings for a storage URI: for Redis, short timeouts and a fallback to
    per-process counting while it is away, and errors swallowed (logged) rather than a 500."""
    if not uri.startswith(("redis://", "rediss://", "redis+unix://")):
        return {}
    return {
        "RATELIMIT_STORAGE_OPTIONS": {
            "socket_timeout": REDIS_TIMEOUT,
            "socket_connect_timeout": REDIS_TIMEOUT,
        },
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_SWALLOW_ERRORS": True,
    }


def init_app(app: Flask) -> None:
    for name, value in storage_settings(app.config["RATELIMIT_STORAGE_URI"]).items():
        app.config.setdefault(name, value)
    limiter.init_app(app)
    # The limiter's own warnings (the store went away, came back) go where the app's log
    # lines go: under gunicorn, its error log.
    limiter_log = logging.getLogger("flask-limiter")
    if default_handler not in limiter_log.handlers:
        limiter_log.addHandler(default_handler)
    if not (app.config.get("RATELIMIT_DEFAULT") or app.config.get("RATELIMIT_APPLICATION")):
        # The limited routes carry their limits in decorators, which check them themselves.
        # With no default or application-wide limit, the limiter's before_request hook only
        # searched every other request for limits that do not exist (~0.07 ms each;
        # docs/benchmarks.md), so it is taken off.
        app.before_request_funcs[None].remove(limiter._check_request_limit)

"""gunicorn settings for production: `gunicorn wsgi:app` reads this file."""

from __future__ import annotations

import multiprocessing
import os
import re

from gunicorn.glogging import Logger

# numpy must not start a thread pool per worker: the matching is small and the workers
# already use every core. Set before any worker imports numpy.
for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(name, "1")

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = 30
graceful_timeout = 20
keepalive = 5  # longer than nginx's upstream keepalive_timeout (docs/deploying.md)
max_requests = 5000  # recycle workers now and then, with jitter so they do not all go at once
max_requests_jitter = 500
preload_app = True  # parse the programme and catalogue once, before forking
# Access log without client addresses or query strings: method, path, status, size, time.
accesslog = "-"
access_log_format = '"%(m)s %(U)s" %(s)s %(b)s %(L)ss'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


class RedactingLogger(Logger):
    """The teacher's admin URL, the projector view's URL and a party's questionnaire link
    (/svar/<token>/…) carry secrets; the access log shows them masked (also the old
    /oversikt/ admin links, still redirected)."""

    SECRET_PATH = re.compile(r"(/(?:oversikt|admin|skjerm|svar)/)[^/]+")

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = self.SECRET_PATH.sub(r"\1…", atoms["U"])
        return atoms


logger_class = RedactingLogger


def when_ready(server) -> None:
    """Say at start when the rate limits cannot hold as configured: with the default
    memory:// store every worker counts on its own, so an address gets each limit once per
    worker (and per instance). They are never divided by the worker count: that would lock
    a school behind one address out. docs/deploying.md says how to share them (Redis)."""
    storage = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    if storage.startswith("memory://") and server.cfg.workers > 1:
        server.log.warning(
            "rate limits count per worker: RATELIMIT_STORAGE_URI is memory:// with %d "
            "workers, so each address gets every limit %d times over on this instance; "
            "set RATELIMIT_STORAGE_URI=redis://... to share them (docs/deploying.md)",
            server.cfg.workers,
            server.cfg.workers,
        )

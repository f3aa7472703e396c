"""Fingerprinted static URLs: /static/css/app.css?v=<content hash>.

Because the URL changes whenever the file does, a proxy (or Flask) can let browsers cache
static files for a year without ever serving a stale one after a deploy.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from flask import Flask

ONE_YEAR = 365 * 24 * 3600


def init_app(app: Flask) -> None:
    static = Path(app.static_folder or "")

    @lru_cache(maxsize=256)
    def fingerprint(filename: str) -> str | None:
        path = (static / filename).resolve()
        if not path.is_file() or static.resolve() not in path.parents:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()[:12]

    @app.url_defaults
    def add_fingerprint(endpoint: str, values: dict) -> None:
        if endpoint != "static" or "filename" not in values or "v" in values:
            return
        if version := fingerprint(values["filename"]):
            values["v"] = version

    # Every page links static files through url_for, so the URLs carry the fingerprint.
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = ONE_YEAR

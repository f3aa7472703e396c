"""The yardstick for `make bench`: the smallest Flask app, served like the real one."""

from __future__ import annotations

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "Hello, World!"


@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}

"""Who is the editor: a sign-in against a password hash from the environment
(EDITOR_PASSWORD_HASH, scrypt through werkzeug), kept in the signed session cookie for
EDITOR_SESSION_MINUTES after the editor's last page.

There are no accounts: whoever publishes the quiz holds the one password. The session
records a fingerprint of the hash it was opened with, so changing the hash (a new
password, a leaked one) ends every open editor session at once.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from flask import current_app, session
from werkzeug.security import check_password_hash, generate_password_hash

KEY = "editor"


def configured() -> bool:
    return bool(current_app.config["EDITOR_PASSWORD_HASH"])


def make_hash(password: str) -> str:
    """What EDITOR_PASSWORD_HASH holds: werkzeug's scrypt hash, salted."""
    return generate_password_hash(password, method="scrypt")


def _fingerprint() -> str:
    stored = current_app.config["EDITOR_PASSWORD_HASH"].encode()
    return hashlib.sha256(b"editor:" + stored).hexdigest()[:16]


def _lifetime() -> int:
    return int(current_app.config["EDITOR_SESSION_MINUTES"]) * 60


def sign_in(password: str) -> bool:
    """Check the password; on success the session is the editor's."""
    stored = current_app.config["EDITOR_PASSWORD_HASH"]
    if not stored or not password or len(password) > 200:
        return False
    try:
        ok = check_password_hash(stored, password)
    except ValueError:  # a hash werkzeug cannot read: nobody signs in
        current_app.logger.error("EDITOR_PASSWORD_HASH is not a hash werkzeug can check")
        return False
    if ok:
        session[KEY] = {"key": _fingerprint(), "until": int(time.time()) + _lifetime()}
    return ok


def signed_in() -> bool:
    """An editor session that has not expired, opened with today's hash; each page seen
    moves its end on (the editor at work is not signed out mid-review)."""
    held = session.get(KEY)
    if not configured() or not isinstance(held, dict):
        return False
    key, until = held.get("key"), held.get("until")
    if not isinstance(key, str) or not hmac.compare_digest(key, _fingerprint()):
        return False
    if not isinstance(until, int) or until <= time.time():
        session.pop(KEY, None)
        return False
    session[KEY] = {"key": key, "until": int(time.time()) + _lifetime()}
    return True


def sign_out() -> None:
    session.pop(KEY, None)

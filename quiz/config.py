"""Settings, read from the environment with safe defaults for local use."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SECRET_KEY = "dev-only-not-secret"
PRODUCT_NAME = "Programtesten"  # a name: the same in every language


def _bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def from_environment() -> dict[str, object]:
    instance = Path(os.environ.get("QUIZ_INSTANCE_PATH", ROOT / "instance"))
    https = _bool("QUIZ_HTTPS")
    database_url = os.environ.get("DATABASE_URL", f"sqlite:///{instance / 'quiz.sqlite3'}")
    if database_url.startswith(("postgres://", "postgresql://")):
        # Hosting platforms hand out plain postgres URLs; psycopg 3 is the driver here.
        database_url = "postgresql+psycopg://" + database_url.split("://", 1)[1]
    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY),
        "DATABASE_URL": database_url,
        "STATEMENTS_DIR": Path(os.environ.get("STATEMENTS_DIR", ROOT / "statements")),
        "INSTANCE_PATH": instance,
        # The host names the quiz answers to (QUIZ_HOSTS, comma-separated, e.g.
        # "programtesten.no,www.programtesten.no"): absolute URLs (share links, QR codes,
        # Open Graph tags, the OpenAPI servers) are built from the Host header, so any other
        # host gets 400 and never sees its own name in a page (web/security.py; /healthz
        # and /readyz answer any host, for load balancers). Unset: this machine only.
        "PUBLIC_HOSTS": [
            h.strip()
            for h in os.environ.get("QUIZ_HOSTS", "localhost,127.0.0.1,::1,[::1]").split(",")
            if h.strip()
        ],
        # Behind a reverse proxy: how many proxies set X-Forwarded-* (0 = trust none).
        "PROXY_HOPS": int(os.environ.get("PROXY_HOPS", "0")),
        "HTTPS": https,
        "SESSION_COOKIE_NAME": "valgomat",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": https,
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        # The largest legitimate body is a full score request; 64 KiB is far above it.
        "MAX_CONTENT_LENGTH": 64 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,  # a quiz may sit open on a phone for hours
        # Over HTTPS Flask-WTF would also demand a Referer from this site on every form
        # post, but the pages tell browsers to send none (Referrer-Policy: no-referrer: no
        # page address of a quiz leaves the browser), so every post would fail. The token,
        # the SameSite=Lax cookie and HSTS stop forged posts without it (found by the
        # HTTPS stack test, tests/web/test_stack.py).
        "WTF_CSRF_SSL_STRICT": False,
        # WTForms' messages are never shown (the pages word their own), so its per-form
        # translation lookup is skipped.
        "WTF_I18N_ENABLED": False,
        # Pages and JSON are compressed for clients that ask. No page reflects
        # request-controlled text beside a secret (web/templating.here), so compressing
        # pages that hold a CSRF token does not open BREACH. Static files are left to the
        # proxy (docs/deploying.md): Flask-Compress would read their file responses whole.
        "COMPRESS_MIMETYPES": ["text/html", "application/json"],
        "COMPRESS_ALGORITHM": ["br", "gzip"],
        "COMPRESS_MIN_SIZE": 500,
        "BABEL_DEFAULT_LOCALE": "nb",
        # Times a teacher types and reads (an event's end) are wall-clock times here.
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("QUIZ_TIMEZONE", "Europe/Oslo"),
        "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "quiz" / "translations"),
        # Per client address. A school shares one address behind NAT, so the limits are
        # sized for a whole school (docs/deploying.md): every teacher of a large school
        # making a session within one hour, and the largest session (1,000 expected, 1,500
        # places) sending within one minute. A session's own bound is its stated size.
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        # Off: with it on, the limiter stamps every limited route's response with a
        # Retry-After as long as its window (a minute), even a 503 that asks for 5 seconds.
        # A refusal sets its own Retry-After (web/errors.py, views/events/student.send_refused).
        "RATELIMIT_HEADERS_ENABLED": False,
        "CREATE_EVENT_LIMIT": os.environ.get("CREATE_EVENT_LIMIT", "60 per hour"),
        "SUBMIT_LIMIT": os.environ.get("SUBMIT_LIMIT", "1500 per minute"),
        # Failed lookups of a session code, seat code, admin secret or projector token, per
        # address (an IPv6 /64): a school's mistypes stay far below it, a guesser does not.
        "LOOKUP_LIMIT": os.environ.get("LOOKUP_LIMIT", "40 per 10 minutes"),
        # The sites that may show the quiz in an iframe (/embed only), space-separated
        # origins, e.g. "https://www.avisa.no https://sentrum.no". Empty: none but this one.
        "EMBED_ALLOWED_ORIGINS": os.environ.get("EMBED_ALLOWED_ORIGINS", ""),
        # Quiz pages rendered once per what they show and reused (web/rendering): the
        # most each worker keeps, in bytes of HTML. 0 renders every page afresh.
        "PAGE_CACHE_BYTES": int(os.environ.get("QUIZ_PAGE_CACHE_BYTES", str(16 * 1024 * 1024))),
        # How often (seconds) a worker deletes expired sessions while serving.
        "PURGE_INTERVAL": int(os.environ.get("PURGE_INTERVAL", "300")),
        # Who publishes the quiz, and whether the party has confirmed the positions given
        # as its own (an ISO date, e.g. 2027-08-15). Shown on the About page and in the
        # footer; the defaults say plainly that nothing has been confirmed.
        # The editor's sign-in (the parties' questionnaire, docs/parties.md): a password
        # hash made by `flask --app quiz parties password` (scrypt), never the password.
        # Unset: nobody can sign in, and the editor's pages say how to set it.
        "EDITOR_PASSWORD_HASH": os.environ.get("QUIZ_EDITOR_PASSWORD_HASH", ""),
        # A signed-in editor stays signed in this long after their last page.
        "EDITOR_SESSION_MINUTES": int(os.environ.get("QUIZ_EDITOR_SESSION_MINUTES", "60")),
        # Sign-in attempts per address: the editor's mistypes stay far below it.
        "EDITOR_LOGIN_LIMIT": os.environ.get("EDITOR_LOGIN_LIMIT", "10 per 15 minutes"),
        # Before launch the statements are confidential: until this date (ISO, the local
        # wall clock; e.g. 2027-08-16 or 2027-08-16T09:00) the public quiz shows only an
        # "opens on" page, while the parties' questionnaire runs. Empty: open.
        "OPENS_ON": os.environ.get("QUIZ_OPENS_ON", ""),
        "PUBLISHER": os.environ.get("QUIZ_PUBLISHER", ""),
        "PUBLISHER_CONTACT": os.environ.get("QUIZ_CONTACT", ""),
    }

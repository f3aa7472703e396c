"""Security headers and proxy handling, in one place."""

from __future__ import annotations

from flask import Flask, Response, request
from werkzeug.middleware.proxy_fix import ProxyFix

# Everything is served by the app itself: no CDN, no fonts, no analytics.
POLICY = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
]
# No page may be framed by another site, except the embed pages (views/embed.py), and
# those only by the sites in EMBED_ALLOWED_ORIGINS (default: none but this one).
CONTENT_SECURITY_POLICY = "; ".join([*POLICY, "frame-ancestors 'none'"])


def embed_policy(allowed: str) -> str:
    return "; ".join([*POLICY, f"frame-ancestors 'self' {allowed}".strip()])


PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


def init_app(app: Flask) -> None:
    hops = int(app.config.get("PROXY_HOPS", 0))
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]

    common = [
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("Permissions-Policy", PERMISSIONS_POLICY),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]
    if app.config.get("HTTPS"):
        common.append(("Strict-Transport-Security", "max-age=63072000; includeSubDomains"))
    pages = [("Content-Security-Policy", CONTENT_SECURITY_POLICY), *common]
    embeds = [
        ("Content-Security-Policy", embed_policy(app.config["EMBED_ALLOWED_ORIGINS"])),
        *common,
    ]

    @app.after_request
    def set_security_headers(response: Response) -> Response:
        """Each header unless the view set its own (a view may: the projector's referrer
        policy). One look at the headers already there; setdefault raised and caught a
        KeyError per header on every response."""
        headers = response.headers
        present = {name.lower() for name, _ in headers.items()}
        for name, value in embeds if request.blueprint == "embed" else pages:
            if name.lower() not in present:
                headers.add(name, value)
        return response

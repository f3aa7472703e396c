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

    framed_by = embed_policy(app.config.get("EMBED_ALLOWED_ORIGINS", ""))

    @app.after_request
    def set_security_headers(response: Response) -> Response:
        headers = response.headers
        policy = framed_by if request.blueprint == "embed" else CONTENT_SECURITY_POLICY
        headers.setdefault("Content-Security-Policy", policy)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "no-referrer")
        headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if app.config.get("HTTPS"):
            headers.setdefault("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
        return response

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


# May a copy of a response be kept (by the browser's cache, a proxy, a shared computer's
# history)? Decided for every endpoint of the url map (tests/events/test_school_trust.py checks that
# none is missing; one that is gets no-store, the safe side). NO_STORE: the response holds
# a voter's answers, a seat code, the admin secret or the projector token, or it sets a
# cookie holding them. VIEW: public or visitor-neutral content whose view sets its own
# Cache-Control (ETag and revalidation, or public for the open data and share images).
NO_STORE, VIEW = "no-store", "view"
CACHING: dict[str, str] = {
    "api.score": NO_STORE,
    "api.catalogue_data": VIEW,
    "api.openapi": VIEW,
    "embed.start": NO_STORE,
    "embed.step": NO_STORE,
    "embed.submit_all": NO_STORE,
    "events.create": NO_STORE,  # its POST puts the admin secret in the teacher's cookie
    "events.saved_link": NO_STORE,
    "events.admin": NO_STORE,
    "events.old_dashboard": NO_STORE,
    "events.seat_sheet": NO_STORE,
    "events.add_seats": NO_STORE,
    "events.distribution_csv": NO_STORE,
    "events.delete": NO_STORE,
    "events.projector": NO_STORE,
    "events.discussion_sheet": NO_STORE,
    "events.join_by_code": NO_STORE,
    "events.join_page": NO_STORE,
    "events.join": NO_STORE,  # puts the seat code in the student's cookie
    "events.leave": NO_STORE,
    "events.next_student": NO_STORE,
    "events.send": NO_STORE,
    "events.thanks": NO_STORE,
    "questions.start": NO_STORE,
    "questions.statement": NO_STORE,
    "questions.overview": NO_STORE,
    "questions.priorities": NO_STORE,
    "questions.send_all": NO_STORE,
    "questions.clear": NO_STORE,
    "results.show": NO_STORE,
    "results.party": NO_STORE,  # the voter's answers beside one party's
    "share.compare": NO_STORE,
    "share.shared": VIEW,  # scores the sharer chose to publish, never answers
    "share.image": VIEW,
    "share.quiz_card": VIEW,
    "pages.index": VIEW,  # how many answered, never which answers
    "pages.about": VIEW,
    "pages.method": VIEW,
    "pages.privacy": VIEW,
    "pages.programme": VIEW,
    "pages.programme_index": VIEW,
    "pages.parties": VIEW,
    "pages.party": VIEW,
    "pages.statement": VIEW,
    "pages.set_language": VIEW,
    "pages.healthz": VIEW,
    "pages.readyz": NO_STORE,  # a state of the moment, never to be kept
    "static": VIEW,
    # The parties' questionnaire (the link is a secret; drafts are not yet published) and
    # the editor's pages (a signed-in session, unpublished answers): never kept.
    "questionnaire.start": NO_STORE,
    "questionnaire.all_statements": NO_STORE,
    "questionnaire.statement": NO_STORE,
    "questionnaire.save": NO_STORE,
    "questionnaire.submit": NO_STORE,
    "questionnaire.receipt": NO_STORE,
    "editor.login": NO_STORE,
    "editor.logout": NO_STORE,
    "editor.overview": NO_STORE,
    "editor.add_party": NO_STORE,
    "editor.party": NO_STORE,
    "editor.invite": NO_STORE,
    "editor.new_link": NO_STORE,
    "editor.revoke": NO_STORE,
    "editor.send_back": NO_STORE,
    "editor.approve": NO_STORE,
    "editor.export_party": NO_STORE,
    "editor.export_all": NO_STORE,
    "editor.answers_csv": NO_STORE,
    "editor.delete": NO_STORE,
}


# Health checks come from load balancers by address, without the public host name.
ANY_HOST = frozenset({"pages.healthz", "pages.readyz"})


def host_name(host: str) -> str:
    """ "quiz.example:8443" -> "quiz.example"; "[::1]:5000" -> "[::1]"."""
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def init_app(app: Flask) -> None:
    hops = int(app.config.get("PROXY_HOPS", 0))
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]

    public = frozenset(h.lower() for h in app.config["PUBLIC_HOSTS"])

    @app.before_request
    def refuse_other_hosts() -> Response | None:
        """Absolute URLs are built from the request's host (after ProxyFix, the proxy's
        X-Forwarded-Host): a host the quiz does not answer to gets a bare 400 before any
        page is built, so its name never appears in a page, link, QR code or API document.
        Runs before routing errors too (an unknown path on another host: 400 as well)."""
        if request.endpoint in ANY_HOST or host_name(request.host.lower()) in public:
            return None
        return Response("Ukjent vertsnavn. Unknown host name.", 400, mimetype="text/plain")

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
        if request.endpoint is None or CACHING.get(request.endpoint, NO_STORE) == NO_STORE:
            # Also on errors and redirects of these routes; an unknown path (no endpoint)
            # may hold a secret too (a mistyped admin link).
            headers["Cache-Control"] = "no-store"
        return response

"""Content pages: landing, programme, about, method, privacy, language choice."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    abort,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from ...content.editorial import method_figures
from ...scoring.probes import one_answer_to_everything
from ...voter.answers import DEFAULT_MODE, MODES
from .. import content, database, visitor
from ..i18n import normalise_language
from ..rendering.pages import (
    Landing,
    PartiesPage,
    PartyPage,
    StatementPositionsPage,
    chrome,
    render_page,
)

bp = Blueprint("pages", __name__)


def revalidated(html: str) -> Response:
    """A page that changes only with the content: an ETag over everything it holds (so the
    visitor's language, a joined event's banner and its form are covered), private to the
    visitor, revalidated on every use: an unchanged page costs a 304 and no download."""
    response = make_response(html)
    response.add_etag()
    response.headers["Cache-Control"] = "private, no-cache"
    response.vary.update(("Cookie", "Accept-Language"))
    return response.make_conditional(request)


@bp.get("/")
def index():
    catalogue = content.catalogue()
    answers = visitor.load()
    page = Landing(
        chrome(),
        answers.mode if answers.given else DEFAULT_MODE,
        answers.answered_count(catalogue),
        len(answers.statements(catalogue)),
        answers.next_unanswered(catalogue),
        visitor.compared_with() is not None,
    )
    return render_page(page)


@bp.get("/program")
def programme_index():
    programmes = content.programmes()
    if len(programmes) == 1:
        return redirect(url_for(".programme", programme_id=next(iter(programmes))))
    return render_template("pages/programmes.html", programmes=programmes)


@bp.get("/program/<programme_id>")
def programme(programme_id: str):
    found = content.programmes().get(programme_id)
    if found is None:
        abort(404)
    return revalidated(render_template("pages/programme.html", programme=found))


@bp.get("/partier")
def parties():
    """Every party's answers without the quiz: the list of parties and statements."""
    return revalidated(render_page(PartiesPage(chrome())))


@bp.get("/partier/<party_id>")
def party(party_id: str):
    if not content.catalogue().has_party(party_id):
        abort(404)
    return revalidated(render_page(PartyPage(chrome(), party_id)))


@bp.get("/pastander/<statement_id>")
def statement(statement_id: str):
    if not content.catalogue().has_statement(statement_id):
        abort(404)
    return revalidated(render_page(StatementPositionsPage(chrome(), statement_id)))


@bp.get("/om")
def about():
    return render_template("pages/about.html", programmes=content.programmes())


@bp.get("/metode")
def method():
    catalogue = content.catalogue()
    # "Enig" to everything, per mode, for the parties the quiz was made from (the figure
    # the method page gives for cheap agreement); a millisecond of numpy, no cache needed.
    agree_all = {mode: one_answer_to_everything(catalogue, mode) for mode in MODES}
    return revalidated(
        render_template(
            "pages/method.html",
            figures=method_figures(catalogue),
            catalogue=catalogue,
            agree_all=agree_all,
        )
    )


@bp.get("/personvern")
def privacy():
    return render_template("pages/privacy.html")


@bp.get("/healthz")
def healthz():
    """For load balancers: the app is up and its content loaded. Needs no database, since
    the quiz works without one; event pages report their own 503 when it is away."""
    return {"status": "ok", "statements": len(content.catalogue().statements)}


@bp.get("/readyz")
def readyz():
    """For load balancers that should send nothing to a server that cannot take a send:
    /healthz and the database answering (a replaced SQLite file answers 503 here too)."""
    try:
        database.session().execute(text("SELECT 1"))
    except DBAPIError:
        database.session().rollback()
        return {"status": "database unavailable"}, 503
    return {"status": "ok", "statements": len(content.catalogue().statements)}


@bp.get("/sprak/<code>")
def set_language(code: str):
    language = normalise_language(code)
    if language is None:
        abort(404)
    session["lang"] = language
    return redirect(safe_next(request.args.get("next")))


def safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect to another origin."""
    if not target:
        return url_for(".index")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for(".index")
    return target

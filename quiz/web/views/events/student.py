"""The student's side of a session: join by code or link (and group), leave, the kiosk's
next student, and sending the answers anonymously."""

from __future__ import annotations

from flask import (
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import TooManyRequests

from ....events import codes, seats, sending, service
from ....events.models import Event
from ... import content, database, visitor
from ...errors import error_response, retry_after_seconds
from ...forms import EmptyForm, JoinForm, JoinGroupForm
from ...limits import limiter, lookup_limit
from . import bp, live_event_or_404

RETRY_AFTER_UNAVAILABLE = 5  # seconds: the database was briefly away


def _submit_limit() -> str:
    return current_app.config["SUBMIT_LIMIT"]


@bp.route("/event/bli-med", methods=["GET", "POST"])
@lookup_limit
def join_by_code():
    form = JoinForm()
    if request.method == "GET":
        return render_template("events/join_code.html", form=form)
    code = codes.normalise_code(form.code.data) if form.validate() else None
    if code is None:
        form.code.errors = [
            _(
                "Koden har åtte tegn, for eksempel %(example)s. Sjekk den og prøv igjen.",
                example=codes.display_code("K7P2QX9M"),
            )
        ]
        return render_template("events/join_code.html", form=form), 400
    event = service.find_event(database.session(), code)
    if event is None:
        form.code.errors = [_("Vi fant ingen pågående økt med den koden.")]
        return render_template("events/join_code.html", form=form), 404
    if event.groups or event.needs_seat:  # the student chooses a group, types a seat
        return redirect(url_for(".join_page", code=event.code))
    visitor.join(event)
    return redirect(url_for("questions.statement", number=1))


def _join_page(event: Event, form: JoinGroupForm, status: int = 200):
    chosen = form.group.data if form.group.data else request.args.get("gruppe", type=int)
    page = render_template(
        "events/join.html",
        event=event,
        form=form,
        chosen=chosen,
        seat_example=codes.display_code("K7P2QX9M"),
    )
    return page, status


def _refuse_seat(form: JoinGroupForm) -> None:
    form.seat.errors = [_("Plasskoden er ukjent eller allerede brukt. Sjekk lappen fra læreren.")]


@bp.get("/e/<code>")
@lookup_limit
def join_page(code: str):
    return _join_page(live_event_or_404(code), JoinGroupForm(formdata=None))


@bp.post("/e/<code>")
@lookup_limit
def join(code: str):
    event = live_event_or_404(code)
    form = JoinGroupForm()
    if not form.validate():
        if "csrf_token" in form.errors:
            abort(400)
        if "seat" in form.errors:  # longer than any seat code
            _refuse_seat(form)
        else:
            form.group.errors = [_("Velg gruppen din.")]
        return _join_page(event, form, 400)
    group = next((g for g in event.groups if g.position == form.group.data), None)
    if event.groups and group is None:
        form.group.errors = [_("Velg gruppen din.")]
        return _join_page(event, form, 400)
    seat = None
    if event.needs_seat:
        seat = codes.normalise_seat(form.seat.data)
        if seat is None or not seats.seat_is_free(database.session(), event, seat):
            _refuse_seat(form)
            return _join_page(event, form, 403 if seat else 400)
    visitor.join(event, group, seat)
    return redirect(url_for("questions.statement", number=1))


@bp.post("/event/forlat")
def leave():
    if not EmptyForm().validate():
        abort(400)
    visitor.leave()
    flash(_("Du har forlatt økta. Ingen svar ble sendt."))
    return redirect(url_for("results.show"))


@bp.route("/e/<code>/ny-elev", methods=["GET", "POST"])
def next_student(code: str):
    """Kiosk mode: after inactivity or a submission the device starts over. Only a POST
    with the page's CSRF token clears the answers: a link from another site (a GET, even
    a HEAD) must not wipe a student's work. A GET (the no-JavaScript inactivity timer)
    shows the page with the button."""
    joined = visitor.joined_event()
    if joined is None or joined.code != code or not joined.kiosk:
        return redirect(url_for("pages.index"))
    if request.method != "POST":  # GET or HEAD
        return render_template("events/next_student.html", joined=joined, form=EmptyForm())
    if not EmptyForm().validate():
        abort(400)
    visitor.reset_for_next_student(joined)
    return redirect(url_for(".join_page", code=code))


def _send_page(status: int = 200, problem: str | None = None, retry_after: int | None = None):
    """The send page, also when a send was refused: it stays, says what happened and (for
    a pause) offers to retry; the answers are still in the student's session."""
    joined = visitor.joined_event()
    if joined is None:
        return redirect(url_for("results.show"))
    answers = visitor.load()
    catalogue = content.catalogue()
    page = render_template(
        "events/submit.html",
        joined=joined,
        answered=answers.answered_count(catalogue),
        total=len(answers.statements(catalogue)),
        already=visitor.has_submitted(joined.code),
        form=EmptyForm(),
        problem=problem,
        retry_after=retry_after,
    )
    headers = {"Retry-After": str(retry_after)} if retry_after else {}
    return page, status, headers


@bp.route("/event/send", methods=["GET", "POST"])
@limiter.limit(_submit_limit, methods=["POST"])
def send():
    """A student sends their answers to the session they joined (after a consent page)."""
    joined = visitor.joined_event()
    if joined is None:
        return redirect(url_for("results.show"))
    if request.method == "GET" or visitor.has_submitted(joined.code):
        if request.args.get("avbrutt") and not visitor.has_submitted(joined.code):
            # A proxy lost the server this send went to (nginx's error_page for 502/504,
            # docs/deploying.md): perhaps it arrived, perhaps not. The page asks to send
            # again; the send's one-time key makes that safe.
            return _send_page(503, "unavailable", RETRY_AFTER_UNAVAILABLE)
        return _send_page()
    if not EmptyForm().validate():
        abort(400)
    answers = visitor.load()
    if not answers.given:
        return _send_page(400, "empty")
    try:
        event = service.find_event(database.session(), joined.code)
        if event is None:  # ended (or deleted) while the student was answering
            return _send_page(410, "ended")
        asked = [s.id for s in content.catalogue().statements_for(event.mode)]
        sent = sending.submit_response(
            database.session(),
            event,
            answers,
            asked,
            joined.group_id,
            visitor.seat(),
            visitor.send_key(),
        )
    except DBAPIError:
        database.session().rollback()
        current_app.logger.warning("database unavailable on a send; the student may retry")
        return _send_page(503, "unavailable", RETRY_AFTER_UNAVAILABLE)
    if sent is sending.Sent.FULL:
        return _send_page(409, "full")
    if sent is sending.Sent.SEAT:
        return _send_page(409, "seat")
    visitor.mark_submitted(joined.code)
    if joined.kiosk:
        after = url_for(".thanks", code=joined.code)
    else:
        flash(_("Takk! Svarene dine er sendt anonymt til klassen."))
        after = url_for("results.show")
    if request.headers.get("X-Requested-With") == "fetch":
        # The page's script sent it: it goes on by itself, and the flash waits for it.
        return jsonify(next=after)
    return redirect(after)


@bp.errorhandler(TooManyRequests)
def send_refused(error: TooManyRequests):
    """A send over the address limit keeps the student on the send page, with the wait."""
    wait = retry_after_seconds()
    if request.endpoint in ("events.join_by_code", "events.join_page", "events.join"):
        # Too many codes that found nothing from this address: the student stays on the
        # join form, told how long to wait.
        form = JoinForm(formdata=None)
        form.code.errors = [
            _(
                "For mange feil koder fra dette nettverket på kort tid. "
                "Vent %(minutes)s minutter og prøv igjen.",
                minutes=max(1, round(wait / 60)),
            )
        ]
        page = render_template("events/join_code.html", form=form)
        return page, 429, {"Retry-After": str(wait)}
    if request.endpoint != "events.send":
        body, status = error_response(429)
        return body, status, {"Retry-After": str(wait)}
    return _send_page(429, "busy", wait)


@bp.get("/e/<code>/takk")
def thanks(code: str):
    joined = visitor.joined_event()
    if joined is None or joined.code != code:
        return redirect(url_for("pages.index"))
    return render_template("events/thanks.html", joined=joined)

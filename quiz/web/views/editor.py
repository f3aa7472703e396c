"""The editor's side of the round: sign in, the overview of every party and its status,
a party's page (its link, its answers beside the editors' own coding with every
difference marked, the parties' comments on wording, send back, approve), the exports
(a party's content file, all approved at once, a spreadsheet) and deleting a party.

Every page here is no-store and needs the editor's session (web/editor_login). A link is
shown once, on a page of its own, from the editor's session, as the teacher's admin link.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _

from ...content.catalogue import Party
from ...content.languages import LANGUAGES
from ...questionnaire import export, service
from ...questionnaire.answers import Answer, is_source, statement_fingerprint
from ...questionnaire.models import RoundParty
from .. import content, database, editor_login
from ..limits import limiter
from ..templating import answer_label, current_lang, local_zone

bp = Blueprint("editor", __name__, url_prefix="/redaksjon")

NEW_LINK = "new_invitation"  # the editor's session keeps a new link until it is shown


def _login_limit() -> str:
    return current_app.config["EDITOR_LOGIN_LIMIT"]


def editor_only(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not editor_login.signed_in():
            if request.method == "GET":
                return redirect(url_for(".login", next=request.path), 303)
            flash(_("Du var logget ut. Logg inn og gjør det igjen."))
            return redirect(url_for(".login"), 303)
        return view(*args, **kwargs)

    return wrapped


def _safe_next(target: str | None) -> str:
    if target and target.startswith("/redaksjon") and "//" not in target and "\\" not in target:
        return target
    return url_for(".overview")


@bp.route("/logg-inn", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    configured = editor_login.configured()
    if request.method == "POST":
        if editor_login.sign_in(request.form.get("password", "")):
            return redirect(_safe_next(request.args.get("next")), 303)
        status = 401 if configured else 503
        return render_template("editor/login.html", failed=True, configured=configured), status
    return render_template("editor/login.html", failed=False, configured=configured)


@bp.post("/logg-ut")
def logout():
    editor_login.sign_out()
    flash(_("Du er logget ut."))
    return redirect(url_for(".login"), 303)


def _deployed_party(party: RoundParty) -> Party | None:
    catalogue = content.catalogue()
    return catalogue.party(party.slug) if catalogue.has_party(party.slug) else None


def _deployment(party: RoundParty) -> export.Deployed | None:
    """How the deployed content compares with the approved answers; marks the party
    deployed the first time its file holds them."""
    approved = service.approved_submission(party)
    if approved is None:
        return None
    state = export.deployed_state(approved.answers, _deployed_party(party))
    if state.same:
        service.mark_deployed(database.session(), party)
    elif party.deployed_at is not None:  # the file changed after it was deployed
        party.deployed_at = None
        database.session().commit()
    return state


@bp.get("")
@editor_only
def overview():
    db = database.session()
    catalogue = content.catalogue()
    rows = []
    for party in service.parties(db):
        _deployment(party)
        drafts = service.drafts_of(db, party)
        states = service.progress(catalogue.statements, drafts)
        rows.append(
            {
                "party": party,
                "status": service.status_of(party),
                "done": list(states.values()).count(service.DONE),
                "changed": list(states.values()).count(service.CHANGED),
                "link": service.live_invitation(party),
            }
        )
    known = [p for p in catalogue.parties if service.party_by_slug(db, p.id) is None]
    return render_template(
        "editor/overview.html", rows=rows, total=len(catalogue.statements), known=known
    )


@bp.post("/partier")
@editor_only
def add_party():
    form = request.form
    slug = form.get("slug", "").strip().lower()
    # A party the content already has: what the editor leaves empty comes from its file.
    catalogue = content.catalogue()
    known = catalogue.party(slug) if catalogue.has_party(slug) else None
    name = form.get("name", "").strip() or (known.name if known else "")
    short_name = form.get("short_name", "").strip() or (known.short_name if known else "")
    programme_url = form.get("programme_url", "").strip() or (
        known.programme_url if known else None
    )
    try:
        if programme_url is not None and not is_source(programme_url):
            raise service.RoundError("url")
        party = service.add_party(database.session(), slug, name, short_name, programme_url)
    except service.RoundError as error:
        flash(_add_error(error.code))
        return redirect(url_for(".overview") + "#ny", 303)
    return redirect(url_for(".party", slug=party.slug), 303)


def _add_error(code: str) -> str:
    return {
        "slug": _(
            "Partiets id blir filnavnet: små bokstaver a–z, tall og bindestrek, høyst 40 tegn, "
            "for eksempel «fjordlista»."
        ),
        "name": _("Skriv partiets navn (høyst 120 tegn) og eventuelt et kortnavn (høyst 40)."),
        "exists": _("Det partiet er allerede med i runden."),
        "url": _("Programadressen må begynne med https:// eller http://."),
    }.get(code, _("Partiet ble ikke lagt til."))


def _party_or_404(slug: str) -> RoundParty:
    party = service.party_by_slug(database.session(), slug)
    if party is None:
        abort(404)
    return party


def _rows(party: RoundParty) -> tuple[list[dict[str, Any]], str]:
    """One row per statement: the party's answer (its last submission, else its drafts),
    the editors' coding where the content has one, the approved answer, what differs."""
    catalogue = content.catalogue()
    last = service.latest_submission(party)
    approved = service.approved_submission(party)
    if last is not None:
        answered, source = last.answers, "submitted"
    else:
        drafts = service.drafts_of(database.session(), party)
        answered = {sid: service.answer_of(d).record() for sid, d in drafts.items()}
        source = "drafts"
    deployed = _deployed_party(party)
    rows = []
    for statement in catalogue.statements:
        record = answered.get(statement.id)
        answer = Answer.from_record(record) if record else None
        coded = None
        if deployed is not None:
            position = deployed.positions.get(statement.id)
            if position is not None and position.set_by == "editors":
                coded = position.stance or "none"
        before = approved.answers.get(statement.id) if approved and last is not approved else None
        changed_since = (
            before is not None
            and record is not None
            and Answer.from_record(before).published() != Answer.from_record(record).published()
        )
        rows.append(
            {
                "statement": statement,
                "answer": answer,
                "coded": coded,
                "differs": coded is not None
                and (answer is None or (answer.stance or "none") != coded),
                "changed_since_approval": changed_since,
                "asked_again": record is not None
                and record.get("asked") not in (None, statement_fingerprint(statement)),
            }
        )
    return rows, source


@bp.get("/parti/<slug>")
@editor_only
def party(slug: str):
    found = _party_or_404(slug)
    rows, source = _rows(found)
    return render_template(
        "editor/party.html",
        party=found,
        status=service.status_of(found),
        link=service.live_invitation(found),
        last=service.latest_submission(found),
        approved=service.approved_submission(found),
        deployment=_deployment(found),
        rows=rows,
        source=source,
        coded_any=any(r["coded"] for r in rows),
        differences=sum(1 for r in rows if r["differs"]),
        languages=LANGUAGES,
        max_days=service.MAX_DEADLINE.days,
        default_days=service.DEFAULT_DEADLINE.days,
    )


@bp.post("/parti/<slug>/lenke")
@editor_only
def invite(slug: str):
    found = _party_or_404(slug)
    typed = request.form.get("deadline", "").strip()
    try:
        wall = datetime.fromisoformat(typed).replace(tzinfo=local_zone()) if typed else None
        deadline = service.deadline_from(wall)
    except ValueError as error:
        code = error.code if isinstance(error, service.RoundError) else "format"
        flash(
            {
                "past": _("Fristen har allerede vært. Velg en dato fram i tid."),
                "too-far": _(
                    "Fristen kan være høyst %(n)s dager fram.", n=service.MAX_DEADLINE.days
                ),
            }.get(code, _("Skriv fristen som dato og klokkeslett, for eksempel 2027-06-01T12:00."))
        )
        return redirect(url_for(".party", slug=slug) + "#lenke", 303)
    token = service.invite(database.session(), found, deadline)
    session[NEW_LINK] = {"slug": found.slug, "token": token}
    return redirect(url_for(".new_link", slug=found.slug), 303)


@bp.get("/parti/<slug>/ny-lenke")
@editor_only
def new_link(slug: str):
    found = _party_or_404(slug)
    new = session.pop(NEW_LINK, None)
    if not isinstance(new, dict) or new.get("slug") != found.slug:
        flash(
            _(
                "Lenken vises bare én gang, rett etter at den er laget. "
                "Lag en ny om dere trenger den."
            )
        )
        return redirect(url_for(".party", slug=slug), 303)
    url = url_for("questionnaire.start", token=new["token"], _external=True)
    return render_template(
        "editor/new_link.html", party=found, url=url, link=service.live_invitation(found)
    )


@bp.post("/parti/<slug>/trekk-tilbake")
@editor_only
def revoke(slug: str):
    found = _party_or_404(slug)
    service.revoke(database.session(), found)
    flash(
        _(
            "Lenken er trukket tilbake. Svarene er tatt vare på; "
            "lag en ny lenke når partiet skal fortsette."
        )
    )
    return redirect(url_for(".party", slug=slug), 303)


@bp.post("/parti/<slug>/send-tilbake")
@editor_only
def send_back(slug: str):
    found = _party_or_404(slug)
    try:
        service.send_back(database.session(), found, request.form.get("comment", ""))
    except service.RoundError as error:
        if error.code == "comment":
            flash(_("Skriv en kommentar til partiet (høyst %(n)s tegn).", n=service.MAX_SEND_BACK))
        else:
            flash(_("Partiet har ikke sendt inn noe ennå."))
        return redirect(url_for(".party", slug=slug) + "#send-tilbake", 303)
    flash(_("Sendt tilbake. Partiet ser kommentaren når det åpner lenken."))
    return redirect(url_for(".party", slug=slug), 303)


@bp.post("/parti/<slug>/godkjenn")
@editor_only
def approve(slug: str):
    found = _party_or_404(slug)
    try:
        number = int(request.form.get("number", ""))
        service.approve(database.session(), found, number)
    except (ValueError, service.RoundError):
        flash(
            _(
                "Partiet har sendt inn på nytt mens du leste. "
                "Les den nye innsendingen før du godkjenner."
            )
        )
        return redirect(url_for(".party", slug=slug), 303)
    flash(_("Godkjent. Last ned filen og legg den inn i innholdet (docs/parties.md)."))
    return redirect(url_for(".party", slug=slug), 303)


@bp.get("/parti/<slug>/fil.toml")
@editor_only
def export_party(slug: str):
    found = _party_or_404(slug)
    made = export.approved_file(found, content.catalogue(), local_zone())
    if made is None:
        abort(404)
    name, text = made
    return Response(
        text,
        mimetype="application/toml",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/godkjente.zip")
@editor_only
def export_all():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for found in service.parties(database.session()):
            made = export.approved_file(found, content.catalogue(), local_zone())
            if made is not None:
                archive.writestr(f"parties/{made[0]}", made[1])
    return Response(
        buffer.getvalue(),
        mimetype="application/zip",
        headers={"Content-Disposition": 'attachment; filename="parties.zip"'},
    )


@bp.get("/parti/<slug>/svar.csv")
@editor_only
def answers_csv(slug: str):
    found = _party_or_404(slug)
    rows, _source = _rows(found)
    lang = current_lang()
    headers = [
        _("Påstand"), _("Tekst"), _("Partiets svar"), _("Begrunnelse (bokmål)"),
        _("Begrunnelse (nynorsk)"), _("Begrunnelse (engelsk)"), _("Løfter"), _("Kilde"),
        _("Kommentar til formuleringen"), _("Redaksjonens koding"),
    ]  # fmt: skip
    body = export.answers_csv(
        [
            (row["statement"].id, row["statement"].text[lang], _record(row["answer"]), row["coded"])
            for row in rows
        ],
        headers,
        stance_word,
    )
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{found.slug}-svar.csv"'},
    )


def _record(answer: Answer | None) -> dict[str, Any] | None:
    return answer.record() if answer is not None else None


def stance_word(stance: str | None) -> str:
    if stance is None:
        return ""
    return _("Vil ikke svare") if stance == "none" else answer_label(stance)


@bp.post("/parti/<slug>/slett")
@editor_only
def delete(slug: str):
    found = _party_or_404(slug)
    if request.form.get("confirm") != found.slug:
        flash(_("Skriv partiets id for å bekrefte at alt skal slettes."))
        return redirect(url_for(".party", slug=slug) + "#slett", 303)
    service.delete_party(database.session(), found)
    flash(_("%(name)s er slettet fra runden, med lenker, utkast og innsendinger.", name=found.name))
    return redirect(url_for(".overview"), 303)

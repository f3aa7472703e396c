"""The party's side of the round: its private link opens the questionnaire. Every
statement with its area and explanation (all on one printable page too), one page per
statement to answer, the list of what is left, submitting and a printable receipt.

A wrong link is 404 and a revoked one 403, and neither shows anything of the round. After
the deadline the answers can be read, not changed. Nothing here shows another party's
answers or the editors' own coding. Every save is a plain form post (no JavaScript
needed); a refused save (too long, a newer version from another tab, the database away,
the deadline) shows the form again with the text the party typed.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy.exc import DBAPIError

from ...content.catalogue import Catalogue, Party, Statement
from ...content.languages import LANGUAGES
from ...content.programme import Pledge
from ...questionnaire import answers, service
from ...questionnaire.answers import Answer
from ...questionnaire.models import Invitation, RoundParty
from .. import content, database
from ..errors import error_response
from ..limits import lookup_limit

bp = Blueprint("questionnaire", __name__, url_prefix="/svar")

RETRY_AFTER_UNAVAILABLE = 5  # seconds


def _invitation(token: str) -> tuple[Invitation, str]:
    invitation = service.find_invitation(database.session(), token)
    state = service.link_state(invitation)
    if state == service.UNKNOWN:
        abort(404)
    if state == service.REVOKED:
        # Nothing of the party or the round: only what to do next.
        abort(
            make_response(
                error_response(
                    403,
                    _(
                        "Denne lenken er trukket tilbake eller erstattet av en nyere. "
                        "Be redaksjonen om den nye lenken; "
                        "svarene dere har lagret, er tatt vare på."
                    ),
                )
            )
        )
    assert invitation is not None
    return invitation, state


def _statement_or_404(statement_id: str) -> Statement:
    catalogue = content.catalogue()
    if len(statement_id) > 80 or not catalogue.has_statement(statement_id):
        abort(404)
    return catalogue.statement(statement_id)


def own_programme_party(party: RoundParty) -> Party | None:
    """The party as the content knows it, where it has a parsed programme to cite."""
    catalogue = content.catalogue()
    if catalogue.has_party(party.slug):
        known = catalogue.party(party.slug)
        if known.programme is not None:
            return known
    return None


def pledge_choices(party: RoundParty, statement: Statement) -> list[Pledge]:
    """The pledges the party may cite for a statement: those of the statement's chapter in
    its own programme (all of them where no chapter matches the area)."""
    known = own_programme_party(party)
    if known is None or known.programme is None:
        return []
    pledges = [p for p in known.programme.pledges if p.priority is None]
    in_area = [p for p in pledges if p.chapter_id == statement.area]
    return in_area or pledges


def _programme_language(party: RoundParty | None) -> str:
    known = own_programme_party(party) if party is not None else None
    return known.programme.language if known and known.programme else "nb"


def _neighbours(catalogue: Catalogue, statement: Statement) -> tuple[str | None, str | None]:
    index, statements = catalogue.statement_index(statement.id), catalogue.statements
    previous = statements[index - 1].id if index else None
    return previous, statements[index + 1].id if index + 1 < len(statements) else None


def _typed_answer() -> tuple[Answer, int]:
    form = request.form
    stance = form.get("stance") or None
    answer = Answer.typed(
        stance=stance,
        reasons={lang: form.get(f"reason_{lang}", "") for lang in LANGUAGES},
        pledges=form.getlist("pledges")[: answers.MAX_PLEDGES + 1],
        source=form.get("source", "")[:2000],
        comment=form.get("comment", "")[:20000],
    )
    try:
        version = max(0, int(form.get("version", "0")))
    except ValueError:
        version = 0
    return answer, version


def _statement_page(
    token: str,
    statement: Statement,
    answer: Answer,
    version: int,
    *,
    party: RoundParty | None,
    state: str,
    status: int = 200,
    problem: str | None = None,
    field_problems: list[answers.FieldProblem] | None = None,
    newer: Answer | None = None,
    changed: str | None = None,
):
    catalogue = content.catalogue()
    previous, following = _neighbours(catalogue, statement)
    page = render_template(
        "questionnaire/statement.html",
        token=token,
        party=party,
        state=state,
        statement=statement,
        area=catalogue.area(statement.area),
        number=catalogue.statement_index(statement.id) + 1,
        total=len(catalogue.statements),
        answer=answer,
        version=version,
        problem=problem,
        problems={p.field: p for p in field_problems or ()},
        newer=newer,
        pledges=pledge_choices(party, statement) if party is not None else [],
        pledge_lang=_programme_language(party),
        previous=previous,
        following=following,
        max_reason=answers.MAX_REASON,
        max_comment=answers.MAX_COMMENT,
        languages=LANGUAGES,
        changed=changed,  # the statement's text as the party answered it, now changed
    )
    headers = {"Retry-After": str(RETRY_AFTER_UNAVAILABLE)} if status == 503 else {}
    return page, status, headers


@bp.get("/<token>")
@lookup_limit
def start(token: str):
    invitation, state = _invitation(token)
    party = invitation.party
    catalogue = content.catalogue()
    drafts = service.drafts_of(database.session(), party)
    states = service.progress(catalogue.statements, drafts)
    return render_template(
        "questionnaire/start.html",
        token=token,
        party=party,
        invitation=invitation,
        state=state,
        status=service.status_of(party),
        states=states,
        counts={s: list(states.values()).count(s) for s in service.STATEMENT_STATES},
        last=service.latest_submission(party),
        unsent=service.unsent_changes(party, drafts),
        catalogue=catalogue,
        max_reason=answers.MAX_REASON,
    )


@bp.get("/<token>/alle")
@lookup_limit
def all_statements(token: str):
    invitation, _state = _invitation(token)
    return render_template(
        "questionnaire/print.html",
        token=token,
        party=invitation.party,
        invitation=invitation,
        catalogue=content.catalogue(),
    )


@bp.get("/<token>/pastand/<statement_id>")
@lookup_limit
def statement(token: str, statement_id: str):
    invitation, state = _invitation(token)
    found = _statement_or_404(statement_id)
    drafts = service.drafts_of(database.session(), invitation.party)
    draft = drafts.get(found.id)
    answer = service.answer_of(draft) if draft else Answer(stance=None)
    changed = service.statement_state(found, draft) == service.CHANGED
    return _statement_page(
        token,
        found,
        answer,
        draft.version if draft else 0,
        party=invitation.party,
        state=state,
        changed=draft.asked_text if draft is not None and changed else None,
    )


@bp.post("/<token>/pastand/<statement_id>")
@lookup_limit
def save(token: str, statement_id: str):
    found = _statement_or_404(statement_id)
    answer, version = _typed_answer()
    db = database.session()
    try:
        invitation, state = _invitation(token)
        party = invitation.party
        if state == service.CLOSED:
            return _statement_page(
                token,
                found,
                answer,
                version,
                party=party,
                state=state,
                status=403,
                problem="closed",
            )
        known = own_programme_party(party)
        refused = answers.problems(answer, known.programme if known else None)
        if refused:
            return _statement_page(
                token, found, answer, version, party=party, state=state, status=400,
                field_problems=refused,
            )  # fmt: skip
        saved = service.save_answer(db, party, found, answer, version)
    except DBAPIError:
        db.rollback()
        current_app.logger.warning("a party's save refused: database unavailable")
        # Nothing of the round is shown (the link could not be checked): only the form,
        # holding what the party typed, to send again.
        return _statement_page(
            token, found, answer, version, party=None, state=service.OPEN, status=503,
            problem="unavailable",
        )  # fmt: skip
    if saved.conflict:
        return _statement_page(
            token, found, answer, saved.draft.version, party=party, state=state, status=409,
            problem="conflict", newer=service.answer_of(saved.draft),
        )  # fmt: skip
    flash(_("Lagret: påstand %(n)s.", n=content.catalogue().statement_index(found.id) + 1))
    go = request.form.get("go")
    _previous, following = _neighbours(content.catalogue(), found)
    if go == "next" and following:
        return redirect(url_for(".statement", token=token, statement_id=following), 303)
    if go == "stay":
        return redirect(url_for(".statement", token=token, statement_id=found.id), 303)
    return redirect(url_for(".start", token=token) + f"#s-{found.id}", 303)


@bp.post("/<token>/send-inn")
@lookup_limit
def submit(token: str):
    invitation, state = _invitation(token)
    if state == service.CLOSED:
        abort(
            make_response(
                error_response(403, _("Fristen er ute: svarene kan leses, men ikke endres."))
            )
        )
    outcome = service.submit(database.session(), invitation.party, content.catalogue())
    if outcome.submission is None:
        flash(
            _(
                "Ikke sendt inn ennå: %(n)s påstander mangler svar eller begrunnelse. "
                "De er merket i lista.",
                n=len(outcome.still_to_do),
            )
        )
        return redirect(url_for(".start", token=token) + "#liste", 303)
    return redirect(url_for(".receipt", token=token), 303)


@bp.get("/<token>/kvittering")
@lookup_limit
def receipt(token: str):
    invitation, _state = _invitation(token)
    last = service.latest_submission(invitation.party)
    if last is None:
        return redirect(url_for(".start", token=token), 303)
    return render_template(
        "questionnaire/receipt.html",
        token=token,
        party=invitation.party,
        submission=last,
        answers={sid: Answer.from_record(r) for sid, r in last.answers.items()},
        catalogue=content.catalogue(),
    )

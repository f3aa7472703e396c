"""The round with the parties, step by step: add a party, invite it (a private link, kept
as a hash), save its drafts (with a version check), take its submission, send it back or
approve it, delete it. No Flask here; the editor's and the party's pages call these.

Statuses, in the order a party moves through them (status_of): added (no link yet),
invited, started (a draft saved), submitted, sent back, approved, deployed (the content
file holds what was approved: export.deployed_state). A submission after approval is
"submitted" again, a change to approve.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..content.catalogue import Catalogue, Statement
from ..content.scale import ID_PATTERN
from ..events.codes import hash_secret
from .answers import Answer, missing, positions_hash, statement_fingerprint
from .models import DraftAnswer, Invitation, RoundParty, Submission, aware, utc_now

STATUSES = ("added", "invited", "started", "submitted", "sent_back", "approved", "deployed")
# The round's data (links, drafts, submissions) is deleted this long after the party's
# last deadline, if the editor has not deleted it before (the privacy page says so). What
# was approved lives on in git, as content.
RETENTION = timedelta(days=180)
DEFAULT_DEADLINE = timedelta(days=21)
MAX_DEADLINE = timedelta(days=120)
MAX_NAME = 120
MAX_SHORT_NAME = 40
MAX_SEND_BACK = 2000
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


class RoundError(ValueError):
    """A step the editor must do differently; code says which ("exists", "slug", …)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


# --- parties and links -------------------------------------------------------------------


def add_party(
    db: Session, slug: str, name: str, short_name: str = "", programme_url: str | None = None
) -> RoundParty:
    slug, name, short_name = slug.strip().lower(), " ".join(name.split()), short_name.strip()
    if not SLUG.match(slug) or not ID_PATTERN.match(slug):
        raise RoundError("slug")
    if not name or len(name) > MAX_NAME or len(short_name) > MAX_SHORT_NAME:
        raise RoundError("name")
    party = RoundParty(slug=slug, name=name, short_name=short_name, programme_url=programme_url)
    db.add(party)
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        raise RoundError("exists") from None
    return party


def parties(db: Session) -> list[RoundParty]:
    return list(db.scalars(select(RoundParty).order_by(RoundParty.name, RoundParty.slug)))


def party_by_slug(db: Session, slug: str) -> RoundParty | None:
    if not SLUG.match(slug):
        return None
    return db.scalar(select(RoundParty).where(RoundParty.slug == slug))


def deadline_from(typed: datetime | None, now: datetime | None = None) -> datetime:
    """The questionnaire's deadline (UTC) from what the editor typed, or DEFAULT_DEADLINE
    from now; a deadline already past or beyond MAX_DEADLINE is refused."""
    now = now or utc_now()
    if typed is None:
        return now + DEFAULT_DEADLINE
    typed = aware(typed) or typed
    if typed <= now:
        raise RoundError("past")
    if typed > now + MAX_DEADLINE:
        raise RoundError("too-far")
    return typed


def invite(db: Session, party: RoundParty, deadline: datetime, now: datetime | None = None) -> str:
    """A new private link for the party, returned once and kept only as a hash. Any link
    before it stops working; the drafts stay with the party."""
    now = now or utc_now()
    revoke(db, party, now, commit=False)
    token = secrets.token_urlsafe(24)  # 192 bits: not guessed, whatever the rate
    db.add(Invitation(party=party, token_hash=hash_secret(token), deadline=deadline))
    party.invited_at = party.invited_at or now
    db.commit()
    return token


def revoke(db: Session, party: RoundParty, now: datetime | None = None, commit: bool = True) -> int:
    """Every live link of the party stops working (403). The number revoked."""
    now = now or utc_now()
    count = 0
    for invitation in party.invitations:
        if invitation.revoked_at is None:
            invitation.revoked_at = now
            count += 1
    if commit:
        db.commit()
    return count


def live_invitation(party: RoundParty) -> Invitation | None:
    return next((i for i in reversed(party.invitations) if i.revoked_at is None), None)


# A link's state for the party's pages: unknown (404), revoked (403), open, closed (the
# deadline has passed: readable, no longer saved).
UNKNOWN, REVOKED, OPEN, CLOSED = "unknown", "revoked", "open", "closed"


def find_invitation(db: Session, token: str) -> Invitation | None:
    if not token or len(token) > 100:
        return None
    return db.scalar(select(Invitation).where(Invitation.token_hash == hash_secret(token)))


def link_state(invitation: Invitation | None, now: datetime | None = None) -> str:
    if invitation is None:
        return UNKNOWN
    if invitation.revoked_at is not None:
        return REVOKED
    if (aware(invitation.deadline) or invitation.deadline) <= (now or utc_now()):
        return CLOSED
    return OPEN


# --- drafts ------------------------------------------------------------------------------


def drafts_of(db: Session, party: RoundParty) -> dict[str, DraftAnswer]:
    rows = db.scalars(select(DraftAnswer).where(DraftAnswer.party_id == party.id))
    return {d.statement_id: d for d in rows}


def answer_of(draft: DraftAnswer) -> Answer:
    return Answer(
        stance=draft.stance,
        reason=dict(draft.reason or {}),
        pledges=tuple(draft.pledges or ()),
        source=draft.source,
        comment=draft.comment,
    )


@dataclass(frozen=True)
class Saved:
    """The outcome of a save: the draft as it now stands; conflict when it was not saved
    because a newer version was there (the draft shown is that newer one)."""

    draft: DraftAnswer
    conflict: bool = False


def save_answer(
    db: Session,
    party: RoundParty,
    statement: Statement,
    answer: Answer,
    version: int,
    now: datetime | None = None,
) -> Saved:
    """Save the party's answer, made from the draft's version ``version`` (0: there was
    none). A save from an older version is not written (a second tab, a double click, a
    back button): the caller shows both texts. Saving what is already there is no
    conflict, so a double click saves once."""
    now = now or utc_now()
    asked = statement_fingerprint(statement)
    values = {
        "stance": answer.stance,
        "reason": dict(answer.reason),
        "pledges": list(answer.pledges),
        "source": answer.source,
        "comment": answer.comment,
        "asked": asked,
        "asked_text": statement.text["nb"],
        "updated_at": now,
    }
    current = db.scalar(
        select(DraftAnswer).where(
            DraftAnswer.party_id == party.id, DraftAnswer.statement_id == statement.id
        )
    )
    if current is None:
        draft = DraftAnswer(party_id=party.id, statement_id=statement.id, version=1, **values)
        db.add(draft)
        party.started_at = party.started_at or now
        try:
            db.commit()
        except IntegrityError:  # the other tab's first save came first
            db.rollback()
            return _conflict_or_same(db, party, statement.id, answer, asked)
        return Saved(draft)
    if current.version != version:
        return _conflict_or_same(db, party, statement.id, answer, asked)
    written = db.execute(
        update(DraftAnswer)
        .where(DraftAnswer.id == current.id, DraftAnswer.version == version)
        .values(version=version + 1, **values)
        .execution_options(synchronize_session=False)
    )
    if written.rowcount != 1:  # another save of the same version won the race
        db.rollback()
        return _conflict_or_same(db, party, statement.id, answer, asked)
    party.started_at = party.started_at or now
    db.commit()
    db.refresh(current)
    return Saved(current)


def _conflict_or_same(
    db: Session, party: RoundParty, statement_id: str, answer: Answer, asked: str
) -> Saved:
    db.expire_all()
    current = db.scalar(
        select(DraftAnswer).where(
            DraftAnswer.party_id == party.id, DraftAnswer.statement_id == statement_id
        )
    )
    assert current is not None
    same = answer_of(current) == answer and current.asked == asked
    return Saved(current, conflict=not same)


# --- where the party stands --------------------------------------------------------------

# A statement's state on the party's list: not answered, saved but not complete (no stance,
# or no reason in nb), done, or changed since the party answered (asked again).
TODO, INCOMPLETE, DONE, CHANGED = "todo", "incomplete", "done", "changed"
STATEMENT_STATES = (TODO, INCOMPLETE, DONE, CHANGED)


def statement_state(statement: Statement, draft: DraftAnswer | None) -> str:
    if draft is None:
        return TODO
    if draft.asked != statement_fingerprint(statement):
        return CHANGED
    return INCOMPLETE if missing(answer_of(draft)) else DONE


def progress(statements: Sequence[Statement], drafts: Mapping[str, DraftAnswer]) -> dict[str, str]:
    """Statement id -> its state, for every statement of the quiz."""
    return {s.id: statement_state(s, drafts.get(s.id)) for s in statements}


def latest_submission(party: RoundParty) -> Submission | None:
    return party.submissions[-1] if party.submissions else None


def frozen_answers(
    statements: Sequence[Statement], drafts: Mapping[str, DraftAnswer]
) -> dict[str, dict]:
    """The answers as they go into a submission: every statement's, with the date of its
    last save (the content file's set_on) and the statement as asked."""
    frozen = {}
    for statement in statements:
        draft = drafts[statement.id]
        updated = aware(draft.updated_at).isoformat()  # type: ignore[union-attr]
        frozen[statement.id] = draft_record(draft) | {"set_on": updated}
    return frozen


def draft_record(draft: DraftAnswer) -> dict:
    """A draft as a submission keeps it, its date aside: the answer and the statement as
    asked."""
    return answer_of(draft).record() | {"asked": draft.asked}


def without_dates(answers: Mapping[str, Mapping]) -> dict[str, dict]:
    """Submitted records with their set_on dropped: what was answered, whenever saved."""
    return {sid: {k: v for k, v in r.items() if k != "set_on"} for sid, r in answers.items()}


def submission_hash(answers: Mapping[str, Mapping]) -> str:
    return positions_hash({sid: Answer.from_record(a).published() for sid, a in answers.items()})


@dataclass(frozen=True)
class Submitted:
    """The outcome of submitting: the submission (a new one, or the same one again on a
    double submit), or the statements still to answer."""

    submission: Submission | None
    still_to_do: tuple[str, ...] = ()


def submit(
    db: Session, party: RoundParty, catalogue: Catalogue, now: datetime | None = None
) -> Submitted:
    """Send in every answer as it stands. Every statement needs a stance (or *no answer*)
    and a stance a reason in nb; a statement changed since it was answered is answered
    again first. Submitting what was just submitted (a double click, a reload) makes no
    new submission, unless the editor sent the last one back."""
    now = now or utc_now()
    drafts = drafts_of(db, party)
    states = progress(catalogue.statements, drafts)
    still = tuple(sid for sid, state in states.items() if state != DONE)
    if still:
        return Submitted(None, still)
    answers = frozen_answers(catalogue.statements, drafts)
    digest = submission_hash(answers)
    last = latest_submission(party)
    sent_back = aware(party.sent_back_at)
    same = last is not None and without_dates(last.answers) == without_dates(answers)
    if same and (sent_back is None or aware(last.submitted_at) > sent_back):  # type: ignore
        return Submitted(last)
    submission = Submission(
        party=party,
        number=(last.number + 1) if last else 1,
        submitted_at=now,
        answers=answers,
        hash=digest,
    )
    db.add(submission)
    party.submitted_at = now
    try:
        db.commit()
    except IntegrityError:  # a second click submitted the same number first
        db.rollback()
        db.refresh(party)
        return Submitted(latest_submission(party))
    return Submitted(submission)


def unsent_changes(party: RoundParty, drafts: Mapping[str, DraftAnswer]) -> bool:
    """The party changed something since it last submitted."""
    last = latest_submission(party)
    if last is None:
        return False
    current = {sid: draft_record(draft) for sid, draft in drafts.items()}
    sent = without_dates(last.answers)
    return any(current.get(sid) != record for sid, record in sent.items()) or bool(
        set(current) - set(sent)
    )


# --- the editor's steps ------------------------------------------------------------------


def send_back(db: Session, party: RoundParty, comment: str, now: datetime | None = None) -> None:
    """Return the last submission to the party with the editor's comment: the party sees
    it on its questionnaire and submits again."""
    comment = comment.replace("\r\n", "\n").strip()
    if latest_submission(party) is None:
        raise RoundError("nothing")
    if not comment or len(comment) > MAX_SEND_BACK:
        raise RoundError("comment")
    party.sent_back_at = now or utc_now()
    party.sent_back_comment = comment
    db.commit()


def approve(db: Session, party: RoundParty, number: int, now: datetime | None = None) -> None:
    """Approve submission ``number``, the one the editor read: a newer one arrived in
    between is not approved unseen (RoundError "stale")."""
    last = latest_submission(party)
    if last is None:
        raise RoundError("nothing")
    if last.number != number:
        raise RoundError("stale")
    party.approved_at = now or utc_now()
    party.approved_number = last.number
    party.approved_hash = last.hash
    party.deployed_at = None
    db.commit()


def approved_submission(party: RoundParty) -> Submission | None:
    if party.approved_number is None:
        return None
    return next((s for s in party.submissions if s.number == party.approved_number), None)


def mark_deployed(db: Session, party: RoundParty, now: datetime | None = None) -> None:
    """The editor's overview found the approved answers in the deployed content."""
    if party.deployed_at is None:
        party.deployed_at = now or utc_now()
        db.commit()


def status_of(party: RoundParty) -> str:
    """The party's place in the round (STATUSES), from its dates."""
    last = latest_submission(party)
    if last is not None and party.approved_number == last.number:
        return "deployed" if party.deployed_at is not None else "approved"
    sent_back, submitted = aware(party.sent_back_at), aware(party.submitted_at)
    if sent_back is not None and (submitted is None or sent_back >= submitted):
        return "sent_back"
    if last is not None:
        return "submitted"
    if party.started_at is not None:
        return "started"
    if party.invited_at is not None:
        return "invited"
    return "added"


def delete_party(db: Session, party: RoundParty, commit: bool = True) -> None:
    """The party and everything of its round: links, drafts, submissions. Each table by
    name, so nothing is left even where the database does not enforce ON DELETE CASCADE
    (SQLite without its foreign_keys pragma)."""
    for model in (DraftAnswer, Submission, Invitation):
        db.execute(delete(model).where(model.party_id == party.id))
    db.execute(delete(RoundParty).where(RoundParty.id == party.id))
    db.expunge(party)
    if commit:
        db.commit()


def purge_finished(db: Session, now: datetime | None = None, limit: int = 100) -> int:
    """Delete the rounds of parties whose last deadline is more than RETENTION ago (and
    parties never invited, RETENTION after they were added). The number deleted."""
    cutoff = (now or utc_now()) - RETENTION
    gone = 0
    for party in db.scalars(select(RoundParty).order_by(RoundParty.id)):
        deadlines = [aware(i.deadline) for i in party.invitations]
        last = max(deadlines) if deadlines else aware(party.created_at)
        if last is not None and last < cutoff:
            delete_party(db, party, commit=False)
            gone += 1
            if gone >= limit:
                break
    if gone:
        db.commit()
    return gone

"""Flask commands for editors and operators."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from .content.catalogue import Catalogue, priorities_covered
from .content.drafting import draft_statements
from .content.editorial import (
    MODES,
    disagree_share,
    keeps_today_statements,
    largest_share,
    status_quo_stances,
    trigger_word_statements,
)
from .content.loader import read_catalogue
from .content.problems import CatalogueError
from .events import db, service
from .questionnaire import export
from .questionnaire import service as round_service
from .scoring.probes import one_answer_to_everything
from .web import content, database, editor_login
from .web.templating import local_zone


def loaded_catalogue() -> Catalogue:
    """The content; on invalid content, its problems and exit 1 (no traceback)."""
    try:
        return content.catalogue()
    except CatalogueError as error:
        raise click.ClickException(str(error)) from error


@click.command("programme")
@with_appcontext
def programme_command() -> None:
    """Print the chapters, sections and pledge counts the parser found."""
    loaded_catalogue()
    for programme in content.programmes().values():
        click.echo(f"{programme.party} — {programme.title} ({programme.id})")
        click.echo(f"  {len(programme.pledges)} pledges, from {programme.text_path.name}")
        for chapter in programme.chapters:
            count = sum(b.kind == "pledge" for s in chapter.sections for b in s.blocks)
            click.echo(f"  {chapter.title} [{chapter.id}, {chapter.kind}]: {count}")
            for section in chapter.sections:
                if section.title:
                    n = sum(b.kind == "pledge" for b in section.blocks)
                    click.echo(f"    {section.title}: {n}")
        for prio in programme.priorities:
            links = ", ".join(prio.repeats) or "(no chapter pledge)"
            click.echo(f"  priority {prio.priority} repeats: {links}")


@click.group("statements")
def statements_group() -> None:
    """The statement catalogue."""


@statements_group.command("check")
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def statements_check(directory: Path | None) -> None:
    """Validate the catalogue; print every problem and the counts."""
    catalogue, problems = read_catalogue(directory or current_app.config["STATEMENTS_DIR"])
    for problem in problems:
        click.echo(str(problem), err=problem.level == "error")
    errors = sum(p.level == "error" for p in problems)
    if catalogue is None:
        click.echo(f"{errors} errors: the catalogue is invalid", err=True)
        raise SystemExit(1)
    for line in summary(catalogue):
        click.echo(line)
    click.echo("the catalogue is valid")


def summary(catalogue: Catalogue) -> list[str]:
    """The counts an editor wants after a check."""
    lines = [f"{len(catalogue.statements)} statements, {len(catalogue.core_statements())} core"]
    for area in catalogue.areas:
        n = sum(s.area == area.id for s in catalogue.statements)
        core = sum(s.area == area.id and s.core for s in catalogue.statements)
        inputs = (
            ""
            if area.pledges is None
            else f" (from {area.pledges} pledges and {area.priorities} "
            f"{'priority' if area.priorities == 1 else 'priorities'})"
        )
        lines.append(f"  {area.id}: {n} ({core} core), default weight {area.weight}{inputs}")
    for mode in MODES:
        sid, share = largest_share(catalogue, mode)
        lines.append(
            f"largest share of the score one statement decides, {mode} quiz: {share:.1%} ({sid})"
        )
    kept = keeps_today_statements(catalogue)
    lines.append(
        f"keeps today's rule (keeps_today): {len(kept)} statements"
        + (f" ({', '.join(s.id for s in kept)})" if kept else "")
    )
    unread = [s.id for s in trigger_word_statements(catalogue) if not s.keeps_today]
    if unread:
        lines.append(f"  worded with a status-quo word but not marked: {', '.join(unread)}")
    agree_all = {mode: one_answer_to_everything(catalogue, mode) for mode in MODES}
    for party in catalogue.parties:
        stances = Counter(p.stance for p in party.positions.values())
        total = sum(stances.values()) - stances[None]
        lines.append(
            f"{party.name}: {total} stances, {stances['agree']} agree, "
            f"{stances['neutral']} neutral, {stances['disagree']} disagree "
            f"({disagree_share(party):.0%} disagree), {stances[None]} no answer"
        )
        reversals = status_quo_stances(catalogue, party)
        lines.append(
            f"  status-quo stances (disagree on a statement that keeps today's rule): "
            f"{len(reversals)} of {stances['disagree']} disagree, at most "
            f"{catalogue.rules['max_status_quo']}"
        )
        lines.append(
            "  answering 'enig' to everything: "
            + ", ".join(f"{_percent(agree_all[m][party.id])} in the {m} quiz" for m in MODES)
        )
        prios = party.programme.priorities if party.programme else ()
        if prios:
            covered = sorted(priorities_covered(party))
            lines.append(
                f"  priorities covered: {len(covered)} of {len(prios)} "
                f"({', '.join(map(str, covered))})"
            )
    return lines


def _percent(value: float | None) -> str:
    return "no score" if value is None else f"{value:.1f} %"


@statements_group.command("draft")
@click.option("--area", help="only pledges of this chapter (its id, e.g. samferdsel)")
@with_appcontext
def statements_draft(area: str | None) -> None:
    """Print TOML skeletons for pledges no statement uses yet. Writes no file."""
    click.echo(draft_statements(loaded_catalogue(), area))


@click.group("db")
def db_group() -> None:
    """The database of events and responses."""


@db_group.command("upgrade")
@with_appcontext
def db_upgrade_command() -> None:
    """Create or migrate the database to the newest schema."""
    db.upgrade(current_app.config["DATABASE_URL"])
    click.echo("database is up to date")


@click.group("events")
def events_group() -> None:
    """School events."""


@events_group.command("purge")
@with_appcontext
def events_purge_command() -> None:
    """Delete expired events and all their responses."""
    count = service.purge_expired(database.session())
    click.echo(f"deleted {count} expired events")


@click.group("parties")
def parties_group() -> None:
    """The parties' questionnaire (docs/parties.md)."""


@parties_group.command("export")
@click.argument("party_id", required=False)
@click.option("--all", "every", is_flag=True, help="every approved party")
@click.option(
    "--to",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    help="the folder to write <id>.toml into (default: the content's parties/)",
)
@with_appcontext
def parties_export(party_id: str | None, every: bool, directory: Path | None) -> None:
    """Write an approved party's content file (or every approved party's), as the editor's
    download does. A party not approved is an error: nothing unapproved leaves."""
    if every == (party_id is not None):
        raise click.UsageError("give a party id or --all")
    catalogue = loaded_catalogue()
    target = directory or Path(current_app.config["STATEMENTS_DIR"]) / "parties"
    session = database.session()
    if every:
        chosen = round_service.parties(session)
    else:
        found = round_service.party_by_slug(session, party_id or "")
        if found is None:
            raise click.ClickException(f"no party {party_id!r} in the round")
        chosen = [found]
    written = 0
    for party in chosen:
        made = export.approved_file(party, catalogue, local_zone())
        if made is None:
            if not every:
                raise click.ClickException(f"{party.slug}: nothing approved to export")
            continue
        target.mkdir(parents=True, exist_ok=True)
        (target / made[0]).write_text(made[1], encoding="utf-8")
        click.echo(f"wrote {target / made[0]}")
        written += 1
    if every:
        click.echo(f"{written} approved parties exported")


@parties_group.command("password")
@click.password_option(help="the editor's password (asked twice if not given)")
def parties_password(password: str) -> None:
    """Print the hash to set as QUIZ_EDITOR_PASSWORD_HASH for the editor's sign-in."""
    if len(password) < 12:
        raise click.ClickException("use at least 12 characters")
    click.echo(editor_login.make_hash(password))


def init_app(app: Flask) -> None:
    app.cli.add_command(programme_command)
    app.cli.add_command(db_group)
    app.cli.add_command(statements_group)
    app.cli.add_command(events_group)
    app.cli.add_command(parties_group)

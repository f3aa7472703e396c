"""Flask commands for editors and operators."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from . import content, db


@click.command("programme")
@with_appcontext
def programme_command() -> None:
    """Print the chapters, sections and pledge counts the parser found."""
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


@click.group("db")
def db_group() -> None:
    """The database of events and responses."""


@db_group.command("upgrade")
@with_appcontext
def db_upgrade_command() -> None:
    """Create or migrate the database to the newest schema."""
    db.upgrade(current_app.config["DATABASE_URL"])
    click.echo("database is up to date")


def init_app(app: Flask) -> None:
    app.cli.add_command(programme_command)
    app.cli.add_command(db_group)

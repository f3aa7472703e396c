"""The pledge quiz: a voter-match quiz built from a party's election programme."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Any

from flask import Flask

from .config import DEFAULT_SECRET_KEY, ROOT, from_environment


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_mapping(from_environment())
    if config:
        app.config.from_mapping(config)
    check_secret_key(app)
    app.instance_path = str(app.config["INSTANCE_PATH"])

    load_content(app)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def check_secret_key(app: Flask) -> None:
    if app.config["SECRET_KEY"] == DEFAULT_SECRET_KEY and not (
        app.debug or app.testing or is_cli_task()
    ):
        raise RuntimeError(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "value, the same on every server, e.g. "
            "SECRET_KEY=$(python -c 'import secrets; print(secrets.token_hex(32))')"
        )


def is_cli_task() -> bool:
    """`flask statements check` and the like serve no one, so they sign nothing."""
    return os.environ.get("FLASK_RUN_FROM_CLI") == "true" and "run" not in sys.argv[1:]


def load_content(app: Flask) -> None:
    from .content.problems import CatalogueError
    from .web import content

    try:
        content.init_app(app)
    except CatalogueError as error:
        if not is_cli_task():
            raise  # the app does not start on invalid content (the error names every problem)
        # `flask statements check` on invalid content prints the problems itself; the
        # commands that need the content say why and exit 1, without a traceback.
        content.without_content(app, error)


def register_extensions(app: Flask) -> None:
    from .web import (
        database,
        extensions,
        housekeeping,
        launch,
        rendering,
        security,
        session_cookie,
        static_files,
        templating,
    )

    database.init_app(app)
    housekeeping.init_app(app)
    extensions.init_app(app)
    security.init_app(app)
    launch.init_app(app)  # after the host check: before launch only a plain page
    session_cookie.init_app(app)
    static_files.init_app(app)
    templating.init_app(app)
    rendering.init_app(app)


def register_blueprints(app: Flask) -> None:
    from .web import extensions
    from .web.views import (
        api,
        editor,
        embed,
        events,
        pages,
        questionnaire,
        questions,
        results,
        share,
    )

    app.register_blueprint(pages.bp)
    app.register_blueprint(questions.bp)
    app.register_blueprint(results.bp)
    app.register_blueprint(share.bp)
    app.register_blueprint(events.bp)
    app.register_blueprint(embed.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(questionnaire.bp)
    app.register_blueprint(editor.bp)
    # The API takes JSON without cookies, so there is no session to forge requests with.
    extensions.csrf.exempt(api.bp)


def register_errorhandlers(app: Flask) -> None:
    from .web import errors

    errors.init_app(app)


def register_commands(app: Flask) -> None:
    from . import cli

    cli.init_app(app)

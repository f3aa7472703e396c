"""`flask --app quiz parties export <id>|--all` writes what the editor's download gives;
nothing unapproved leaves. `parties password` makes the sign-in's hash."""

from __future__ import annotations

import tomllib

from werkzeug.security import check_password_hash

from tests.questionnaire.round import add_and_invite, content_copy, editor_config, submitted_round


def approved_round(app):
    """Sentrum submitted (not yet approved); Fjordlista invited, nothing to approve."""
    editor, _party, _link = submitted_round(app)
    add_and_invite(editor, "fjordlista", name="Fjordlista")
    return editor


def test_export_writes_the_approved_file_and_only_that(app_factory, tmp_path):
    app = app_factory(**editor_config())
    editor = approved_round(app)
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["parties", "export", "sentrum", "--to", str(tmp_path)])
    assert refused.exit_code == 1 and "nothing approved" in refused.output
    editor.post("/redaksjon/parti/sentrum/godkjenn", data={"number": "1"})
    done = runner.invoke(args=["parties", "export", "sentrum", "--to", str(tmp_path)])
    assert done.exit_code == 0, done.output
    written = (tmp_path / "sentrum.toml").read_text(encoding="utf-8")
    assert written == editor.get("/redaksjon/parti/sentrum/fil.toml").get_data(as_text=True)
    assert tomllib.loads(written)["set_by"] == "party"

    every = tmp_path / "all"
    result = runner.invoke(args=["parties", "export", "--all", "--to", str(every)])
    assert result.exit_code == 0 and "1 approved parties exported" in result.output
    assert [p.name for p in every.iterdir()] == ["sentrum.toml"]  # fjordlista: not approved
    assert runner.invoke(args=["parties", "export", "nobody"]).exit_code == 1
    assert runner.invoke(args=["parties", "export"]).exit_code == 2  # an id or --all


def test_export_by_default_writes_into_the_contents_parties_folder(app_factory, tmp_path):
    content = content_copy(tmp_path)
    app = app_factory(STATEMENTS_DIR=content, **editor_config())
    editor = approved_round(app)
    editor.post("/redaksjon/parti/sentrum/godkjenn", data={"number": "1"})
    result = app.test_cli_runner().invoke(args=["parties", "export", "sentrum"])
    assert result.exit_code == 0, result.output
    assert "answered by the party" in (content / "parties" / "sentrum.toml").read_text()


def test_the_zip_holds_every_approved_party(app_factory):
    import io
    import zipfile

    app = app_factory(**editor_config())
    editor = approved_round(app)
    editor.post("/redaksjon/parti/sentrum/godkjenn", data={"number": "1"})
    archive = zipfile.ZipFile(io.BytesIO(editor.get("/redaksjon/godkjente.zip").data))
    assert archive.namelist() == ["parties/sentrum.toml"]


def test_password_makes_a_hash_the_sign_in_accepts(app_factory):
    runner = app_factory().test_cli_runner()
    result = runner.invoke(
        args=["parties", "password"], input="et langt passord\net langt passord\n"
    )
    assert result.exit_code == 0, result.output
    made = result.output.strip().splitlines()[-1]
    assert made.startswith("scrypt:") and check_password_hash(made, "et langt passord")
    short = runner.invoke(args=["parties", "password", "--password", "kort"])
    assert short.exit_code == 1

"""The session cookie is plain JSON (web/session_cookie.py); cookies written before, by
Flask's tagged serializer, still read."""

from __future__ import annotations

from flask.json.tag import TaggedJSONSerializer

from tests.helpers import SHIPPED


def test_a_cookie_from_the_tagged_serializer_still_reads(app):
    first, second = (s.id for s in SHIPPED.statements_for("short")[:2])
    interface = app.session_interface
    signer = interface.get_signing_serializer(app)
    signer.serializer = TaggedJSONSerializer()  # as Flask wrote cookies until now
    old = signer.dumps(
        {
            "answers": {"mode": "short", "a": {first: "agree", second: "skip"}, "i": [], "w": {}},
            "_flashes": [("message", "Gammel melding")],  # a tuple: tagged as {" t": [...]}
        }
    )
    assert '" t"' in TaggedJSONSerializer().dumps({"f": ("a", "b")})
    client = app.test_client()
    client.set_cookie("valgomat", old)
    page = client.get("/").get_data(as_text=True)
    assert "Gammel melding" in page
    assert "Du har svart på 2 av" in page


def test_the_cookie_is_written_as_plain_json_and_reads_back(app):
    client = app.test_client()
    client.post("/quiz/start", data={"mode": "short"})
    client.post("/quiz/1", data={"answer": "agree"})
    client.post("/quiz/slett")  # flashes a message: a (category, text) pair
    signer = app.session_interface.get_signing_serializer(app)
    stored = signer.loads(client.get_cookie("valgomat").value)
    assert stored["_flashes"] == [["message", "Svarene dine er slettet fra denne nettleseren."]]
    assert "Svarene dine er slettet" in client.get("/").get_data(as_text=True)

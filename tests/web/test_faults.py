"""With the database away, the quiz goes on and event pages say 503; then it recovers."""

from __future__ import annotations

import os

from sqlalchemy.engine import make_url

from tests.helpers import create_event, join, seats_of, take_quiz
from tests.servers import TcpProxy


def test_database_outage_and_recovery(app_factory, tmp_path, postgres_url):
    database = make_url(postgres_url).database
    host = os.environ.get("PGHOST", "localhost")
    proxy = TcpProxy((host, int(os.environ.get("PGPORT", "5432"))))
    proxy.start()
    url = f"postgresql+psycopg://{os.environ.get('PGUSER', 'postgres')}@127.0.0.1:{proxy.port}/{database}"
    app = app_factory(DATABASE_URL=url)
    client = app.test_client()
    code, dashboard = create_event(client, "Valgdag")
    student = app.test_client()  # joined and answered before the outage
    assert join(student, code, seats_of(client, dashboard)[0]).status_code == 302
    assert student.post("/quiz/1", data={"answer": "agree"}).status_code == 302

    proxy.stop()
    try:
        # The quiz, the result and sharing need no database.
        voter = app.test_client()
        assert voter.get("/").status_code == 200
        take_quiz(voter)
        results = voter.get("/resultat")
        assert results.status_code == 200
        share = results.get_data(as_text=True).split('id="share-url" type="url" readonly value="')[
            1
        ]
        assert voter.get(share.split('"')[0].replace("http://localhost", "")).status_code == 200
        assert voter.get("/healthz").status_code == 200
        assert (
            voter.post("/api/v1/score", json={"answers": {"matpakke": "agree"}}).status_code == 200
        )
        # Event pages answer 503 with a clear message, in the visitor's language.
        for response in (
            client.get(dashboard),
            client.get(f"/e/{code}"),
            client.post("/event/ny", data={"name": "x", "mode": "short"}),
            voter.post("/event/bli-med", data={"code": code}),
        ):
            assert response.status_code == 503, response.request.path
            assert "midlertidig utilgjengelig" in response.get_data(as_text=True)
        english = client.get(f"/e/{code}", headers={"Accept-Language": "en"})
        assert "temporarily unavailable" in english.get_data(as_text=True)
        # A student's send stays on the send page, says so, and asks to try again.
        refused = student.post("/event/send")
        assert refused.status_code == 503, refused.status_code
        assert "Tjenesten var utilgjengelig et øyeblikk." in refused.get_data(as_text=True)
        assert refused.headers["Retry-After"] == "5"
    finally:
        proxy.start()

    assert student.post("/event/send").status_code == 302  # the retry is counted

    # Back without a restart: a dead pooled connection is replaced on first use.
    assert client.get(f"/e/{code}").status_code == 200
    assert client.get(dashboard).status_code == 200
    proxy.stop()

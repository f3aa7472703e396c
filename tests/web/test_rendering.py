"""Pages kept by web/rendering: a page served from the store is the page a fresh render gives
the same visitor, one visitor's own values never reach another's page, and a kept template
cannot read what is not in its key."""

from __future__ import annotations

import json
import re

import pytest
from markupsafe import Markup

from quiz.content.loader import load_catalogue
from quiz.web.rendering.kept import NONCE, KeptStore, fill, split
from tests.helpers import EXAMPLE_DIR, SHARE_LINK, SHIPPED, create_event, take_quiz, take_quiz_as

EXAMPLE = load_catalogue(EXAMPLE_DIR)

COOKIE = "valgomat"
CSRF = re.compile(r'(name="csrf_token" value="|"csrf": ")[^"]+"')


def normalised(html: str) -> str:
    """A CSRF token is signed with the second it was made in, so two renders a moment apart
    differ there and nowhere else."""
    return CSRF.sub(r'\1…"', html)


@pytest.fixture
def apps(app_factory):
    """The same app twice, one keeping pages and one rendering every page afresh; one
    secret, so a visitor's cookie is good on both."""
    return app_factory(), app_factory(PAGE_CACHE_BYTES=0)


def same_visitor_on(uncached, client):
    other = uncached.test_client()
    other.set_cookie(COOKIE, client.get_cookie(COOKIE).value)
    return other


def visitors():
    """Ways a visitor can stand on the landing and statement pages: what they answered, in
    which quiz and language, from where they came, and the school session they joined."""
    first, second, third = (s.id for s in SHIPPED.statements_for("short")[:3])

    def new(client, app):
        pass

    def short_two_answered(client, app):
        client.post("/quiz/start", data={"mode": "short"})
        client.post("/quiz/1", data={"answer": "agree"})
        client.post("/quiz/2", data={"answer": "skip"})

    def full_in_nynorsk(client, app):
        client.get("/sprak/nn?next=/")
        client.post("/quiz/start", data={"mode": "full"})
        client.post("/quiz/3", data={"answer": "disagree"})

    events = {}

    def in_a_school_session(client, app):
        if app not in events:  # one session per app, which every visitor joins
            events[app], _ = create_event(
                app.test_client(),
                name="9C <valg> & «debatt»",
                kiosk="y",
                groups="9C, 9D",
                open_access="y",
            )
        client.post(f"/e/{events[app]}", data={"group": 2})
        client.post("/quiz/1", data={"answer": "neutral"})

    def finished(client, app):
        take_quiz(client)

    assert first and second and third
    return [new, short_two_answered, full_in_nynorsk, in_a_school_session, finished]


PAGES = [
    "/",
    "/quiz/1",
    "/quiz/2",
    "/quiz/3",
    "/quiz/2?til=resultat",
    "/quiz/3?til=oversikt",
    "/quiz/prioriteringer",
    "/resultat",
    "/resultat?deling=samlet",
]


def test_a_kept_page_is_the_page_rendered_afresh(apps):
    """Visitors in every state fill the cache first, so that a key missing one of the facts a
    page shows would hand one of them another's page."""
    cached, uncached = apps
    for where, kept, fresh in kept_and_fresh(cached, uncached, visitors(), PAGES):
        assert kept.status_code == fresh.status_code, where
        assert normalised(kept.get_data(as_text=True)) == normalised(
            fresh.get_data(as_text=True)
        ), where


def kept_and_fresh(cached, uncached, arrivals, paths):
    """Every visitor of ``arrivals`` (arrive(client, app)) first fills the store of the
    keeping app with every path; then each arrives again and gets every path from it and,
    with the same cookie, from the app that renders afresh: ((arrival, path), kept, fresh)."""
    for arrive in arrivals:
        earlier = cached.test_client()
        arrive(earlier, cached)
        for path in paths:
            earlier.get(path)
    out = []
    for arrive in arrivals:
        visitor = cached.test_client()
        arrive(visitor, cached)
        for path in paths:
            kept = visitor.get(path)
            fresh = same_visitor_on(uncached, visitor).get(path)
            out.append(((arrive.__name__, path), kept, fresh))
    return out


def seed_of(html: str) -> dict:
    return json.loads(
        re.search(r'<script type="application/json" id="quiz-seed">(.*?)</script>', html).group(1)
    )


def test_one_visitors_own_values_never_reach_another(app):
    first, second = (s.id for s in SHIPPED.statements_for("short")[:2])
    alice, bob = app.test_client(), app.test_client()
    for client, answer in ((alice, "agree"), (bob, "disagree")):
        client.post("/quiz/start", data={"mode": "short"})
        client.post("/quiz/1", data={"answer": answer})
        client.post("/quiz/2", data={"answer": answer})
    alice_page = alice.get("/quiz/3").get_data(as_text=True)
    bob_page = bob.get("/quiz/3").get_data(as_text=True)  # the same page, from the cache
    assert seed_of(alice_page)["answers"] == {first: "agree", second: "agree"}
    assert seed_of(bob_page)["answers"] == {first: "disagree", second: "disagree"}
    alice_epoch = re.search(r'data-epoch="([0-9a-f]+)"', alice_page).group(1)
    bob_epoch = re.search(r'data-epoch="([0-9a-f]+)"', bob_page).group(1)
    assert alice_epoch != bob_epoch
    assert alice_epoch not in bob_page

    # Without the seed, epoch and CSRF token, the two pages are one page.
    def bare(html):
        html = normalised(html).replace(alice_epoch, "").replace(bob_epoch, "")
        return re.sub(r'id="quiz-seed">.*?<', "", html)

    assert bare(alice_page) == bare(bob_page)


def test_a_flashed_message_is_shown_once_and_not_kept(app):
    client = app.test_client()
    client.post("/quiz/start", data={"mode": "short"})
    client.post("/quiz/1", data={"answer": "agree"})
    client.post("/quiz/slett")
    assert "Svarene dine er slettet" in client.get("/").get_data(as_text=True)
    assert "Svarene dine er slettet" not in client.get("/").get_data(as_text=True)
    assert "Svarene dine er slettet" not in app.test_client().get("/").get_data(as_text=True)


def test_the_store_keeps_the_most_recently_used_pages_within_its_size():
    store = KeptStore(max_bytes=10)
    store.put("a", ["aaaa"], 4)
    store.put("b", ["bbbb"], 4)
    assert store.get("a") == ["aaaa"]  # a is now the most recent
    store.put("c", ["cccc"], 4)  # 12 bytes: the least recently used (b) goes
    assert store.get("b") is None
    assert store.get("a") and store.get("c")
    assert store.size == 8
    store.put("huge", ["x" * 11], 11)  # larger than the whole store: not kept
    assert store.get("huge") is None and len(store) == 2


def test_split_and_fill_each_hole_with_its_value_escaped_unless_markup():
    pieces = split(f"<p>qh{NONCE}.epoch.</p><i>qh{NONCE}.csrf. qh{NONCE}.epoch.</i>")
    calls = []

    def epoch():
        calls.append("epoch")
        return "e1"

    assert fill(pieces, {"epoch": epoch, "csrf": lambda: "t"}) == "<p>e1</p><i>t e1</i>"
    assert calls == ["epoch"]  # a value used twice is computed once
    # A visitor's text is escaped; a part rendered by a template (Markup) is not.
    one = split(f"<p>qh{NONCE}.x.</p>")
    assert fill(one, {"x": lambda: '<script>"'}) == "<p>&lt;script&gt;&#34;</p>"
    assert fill(one, {"x": lambda: Markup("<b>kept</b>")}) == "<p><b>kept</b></p>"


@pytest.mark.parametrize(
    "reads",
    ["session.answers", "request.args", "g._answers", "config.SECRET_KEY", "joined_event()"],
)
def test_a_kept_template_cannot_read_the_visitor(app, reads):
    """Kept templates render in their own environment: what is not in the key is undefined
    there, and reading it fails instead of showing one visitor's data to the next."""
    from jinja2 import UndefinedError

    from quiz.web.rendering.kept import KEY

    env = app.extensions[KEY].env
    with app.test_request_context("/"), pytest.raises(UndefinedError):
        env.from_string("{{ " + reads + " }}").render()
    # The same names are there in the app's own environment (pages for one visitor).
    with app.test_request_context("/"):
        app.jinja_env.from_string("{{ request.path }} {{ session }} {{ g }} {{ config }}").render()


TOKENS = re.compile(r'name="csrf_token" value="([^"]+)"|"csrf": "([^"]+)"')


def test_every_token_on_a_kept_page_is_the_visitors_own(app_factory):
    """As it ships (CSRF on): the second visitor's pages come from the cache, and every CSRF
    token on them, in forms and in the browser-side quiz's data, is their own."""
    from itsdangerous import URLSafeTimedSerializer

    from quiz.web.rendering.kept import KEY
    from tests.helpers import FormClient

    app = app_factory(WTF_CSRF_ENABLED=True)
    app.test_client_class = FormClient
    tokens = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="wtf-csrf-token")
    cookies = app.session_interface.get_signing_serializer(app)
    pages = ["/", "/quiz/2", "/quiz/prioriteringer", "/resultat"]
    for _ in range(2):
        visitor = app.test_client()
        visitor.post("/quiz/start", data={"mode": "short"})
        assert visitor.post("/quiz/1", data={"answer": "agree"}).status_code == 302
        own = cookies.loads(visitor.get_cookie("valgomat").value)["csrf_token"]
        for path in pages:
            html = visitor.get(path).get_data(as_text=True)
            found = [a or b for a, b in TOKENS.findall(html)]
            assert found, path
            assert {tokens.loads(token) for token in found} == {own}, path
    # Each of those pages was kept (the second visitor's came from the cache).
    kept = {key[0].template for key in app.extensions[KEY].store.kept_keys()}
    assert kept >= {
        "pages/index.html",
        "questions/statement.html",
        "questions/priorities.html",
        "results/show.html",
    }


def test_a_shared_result_is_the_same_page_for_everyone_who_opens_it(apps):
    cached, uncached = apps
    sharer = cached.test_client()
    take_quiz(sharer, "short", lambda n: "agree" if n % 3 else "disagree")
    results = sharer.get("/resultat").get_data(as_text=True)
    path = SHARE_LINK.search(results).group(1)
    for language in (None, "en"):  # a visitor who chose English sees it in English
        for _ in range(2):  # the second from the cache
            friend = cached.test_client()
            if language:
                friend.get(f"/sprak/{language}?next=/")
            kept = friend.get(path)
            fresh = same_visitor_on(uncached, friend).get(path)
            assert kept.status_code == 200
            assert normalised(kept.get_data(as_text=True)) == normalised(
                fresh.get_data(as_text=True)
            )
    assert '<html lang="en">' in kept.get_data(as_text=True)


def test_a_comparison_link_is_the_same_page_for_everyone_who_opens_it(apps):
    """The last kept page: the comparison of two results, from the link the friend's
    results page offers (its own page: tests/sharing/test_sharing.py)."""
    cached, uncached = apps
    sharer = cached.test_client()
    take_quiz(sharer)
    results = sharer.get("/resultat").get_data(as_text=True)
    path = SHARE_LINK.search(results)[1]
    friend = cached.test_client()
    friend.post(path + "/sammenlign")
    take_quiz(friend, "short", "disagree")
    page = friend.get("/resultat").get_data(as_text=True)
    compared = re.search(
        r'id="compare-url" type="url" readonly value="https?://[^/]+([^"]+)"', page
    )[1]
    for _ in range(2):  # the second from the cache
        kept = cached.test_client().get(compared)
        fresh = uncached.test_client().get(compared)  # a new visitor on each: no cookie
        assert kept.status_code == 200
        assert normalised(kept.get_data(as_text=True)) == normalised(fresh.get_data(as_text=True))
    assert "To resultater" in kept.get_data(as_text=True)


SEVERAL_PAGES = [
    "/",
    "/resultat",
    "/partier",
    f"/partier/{EXAMPLE.parties[3].id}",
    f"/pastander/{EXAMPLE.statements[5].id}",
    f"/resultat/parti/{EXAMPLE.parties[0].id}",
    "/metode",
]


def test_a_kept_page_of_several_parties_is_the_page_rendered_afresh(app_factory):
    """The same with the example of ten parties: visitors whose rankings differ (and ties)
    fill the store first; each then gets exactly the page a fresh render gives them."""
    cached = app_factory(STATEMENTS_DIR=EXAMPLE_DIR)
    uncached = app_factory(STATEMENTS_DIR=EXAMPLE_DIR, PAGE_CACHE_BYTES=0)

    def as_party(party):
        def arrive(client, app):
            take_quiz_as(client, party.id, catalogue=EXAMPLE)

        arrive.__name__ = f"as {party.id}"
        return arrive

    def all_neutral(client, app):  # every party at 50 %: one tie of ten
        take_quiz(client, "full", "neutral", catalogue=EXAMPLE)

    def in_nynorsk(client, app):
        client.get("/sprak/nn?next=/")
        take_quiz(client, "short", "agree", catalogue=EXAMPLE)

    arrivals = [as_party(EXAMPLE.parties[0]), as_party(EXAMPLE.parties[7]), all_neutral, in_nynorsk]
    for where, kept, fresh in kept_and_fresh(cached, uncached, arrivals, SEVERAL_PAGES):
        assert kept.status_code == fresh.status_code == 200, where
        assert normalised(kept.get_data(as_text=True)) == normalised(
            fresh.get_data(as_text=True)
        ), where

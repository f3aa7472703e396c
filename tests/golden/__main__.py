"""Golden pages for a refactoring: every route in five visitor states, saved as normalised
HTML before a change and compared after it.

    python -m tests.golden save DIR      # before the change
    python -m tests.golden compare DIR   # after it: lists every page that differs

The five states: a new visitor; mid-quiz (half the short quiz answered); finished (the full
quiz answered, marks and weights set); in a school session (joined with a seat, answering);
comparing (came through a friend's share link and finished). Each visits every page a
visitor can GET (and the site tour's forms, posted), in bokmål, nynorsk and English.
Random values (CSRF tokens, epochs, event codes and secrets, seat codes, times) are replaced
by their kind's name, so two runs of unchanged code compare equal.
"""

from __future__ import annotations

import difflib
import re
import sys
import tempfile
from pathlib import Path

from tests.helpers import (
    FULL,
    SHARE_LINK,
    SHORT,
    AppFactory,
    FormClient,
    create_event,
    join,
    seats_of,
)
from tests.site_tour import tour

LANGUAGES = ("nb", "nn", "en")
GET_ROUTES = (
    "/",
    "/quiz/1",
    "/quiz/2",
    "/quiz/oversikt",
    "/quiz/prioriteringer",
    "/resultat",
    "/resultat?deling=samlet",
    "/quiz/slett",
    "/om",
    "/metode",
    "/personvern",
    "/program/partiet-sentrum-baerum-2023-2027",
    "/event/bli-med",
    "/event/send",
    "/embed",
    "/api/v1/quiz",
)

RANDOM = [
    (re.compile(r'(name="csrf_token" (?:type="hidden" )?value=")[^"]+'), r"\1CSRF"),
    (re.compile(r'(value=")[^"]+(" name="csrf_token")'), r"\1CSRF\2"),
    (re.compile(r'("csrf": ")[^"]+'), r"\1CSRF"),
    (re.compile(r'(data-epoch=")[0-9a-f]*'), r"\1EPOCH"),
    (re.compile(r'("epoch": ")[0-9a-f]*'), r"\1EPOCH"),
    (re.compile(r'(name="state" value=")[^"]+'), r"\1STATE"),
    (re.compile(r"/admin/[A-Za-z0-9_-]{16,}"), "/admin/SECRET"),
    (re.compile(r"/skjerm/[A-Za-z0-9_-]{16,}"), "/skjerm/SECRET"),
    (re.compile(r"\b[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}\b"), "SEAT"),
    (re.compile(r"\b[A-HJ-NP-Z2-9]{8}\b"), "CODE"),
    (re.compile(r"\d{1,2}\. \w+ kl\. \d\d\.\d\d|\d{1,2} \w+ at \d\d:\d\d"), "TIME"),
    (re.compile(r"/r/[A-Za-z0-9_.-]{20,}"), "/r/TOKEN"),
    (re.compile(r"data:image/[^\"']+"), "DATA-URL"),
    (re.compile(r'<svg viewBox="[^"]*" class="segno">.*?</svg>', re.S), "QR"),
    (re.compile(r"\?v=[0-9a-f]{12}"), "?v=VERSION"),  # static files' cache busting
]


BETWEEN_TAGS = re.compile(r">\s+<")
SPACES = re.compile(r"\s+")


def normalise(html: str) -> str:
    """Random values named; whitespace between tags dropped and runs of it made one space
    (how a template is indented is not what a visitor gets); then one tag a line."""
    for pattern, replacement in RANDOM:
        html = pattern.sub(replacement, html)
    html = SPACES.sub(" ", BETWEEN_TAGS.sub("><", html))
    return html.replace("><", ">\n<")


def states(app) -> dict[str, FormClient]:
    """A client in each visitor state (CSRF on: forms post the site's own token)."""
    app.test_client_class = FormClient
    new = app.test_client()
    mid = app.test_client()
    mid.post("/quiz/start", data={"mode": "short"})
    for n in range(1, SHORT // 2 + 1):
        mid.post(f"/quiz/{n}", data={"answer": ["agree", "disagree", "neutral", "skip"][n % 4]})
    finished = app.test_client()
    finished.post("/quiz/start", data={"mode": "full"})
    for n in range(1, FULL + 1):
        finished.post(f"/quiz/{n}", data={"answer": ["agree", "neutral", "disagree"][n % 3]})
    priorities = finished.get("/quiz/prioriteringer").get_data(as_text=True)
    marks = re.findall(r'name="viktig" value="([^"]+)"', priorities)[:3]
    weights = dict(re.findall(r'name="(w_[a-z-]+)" value="(\d)"[^>]*checked', priorities))
    finished.post("/quiz/prioriteringer", data={"viktig": marks, **weights})
    teacher = app.test_client()
    code, admin = create_event(teacher, name="8C <valg>")
    student = app.test_client()
    join(student, code, seat=seats_of(teacher, admin)[0])
    for n in range(1, 4):
        student.post(f"/quiz/{n}", data={"answer": "agree"})
    sharer = app.test_client()
    sharer.post("/quiz/start", data={"mode": "short"})
    for n in range(1, SHORT + 1):
        sharer.post(f"/quiz/{n}", data={"answer": "agree"})
    link = SHARE_LINK.search(sharer.get("/resultat").get_data(as_text=True))[1]
    comparing = app.test_client()
    comparing.post(link + "/sammenlign", data={})
    comparing.post("/quiz/start", data={"mode": "short"})
    for n in range(1, SHORT + 1):
        comparing.post(f"/quiz/{n}", data={"answer": ["disagree", "agree"][n % 2]})
    return {
        "new": new,
        "mid-quiz": mid,
        "finished": finished,
        "school": student,
        "comparing": comparing,
    }


def pages() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as base:
        factory = AppFactory(Path(base))
        try:
            out = {f"tour/{k}": v for k, v in tour(factory(WTF_CSRF_ENABLED=True)).items()}
            app = factory(WTF_CSRF_ENABLED=True)
            for state, client in states(app).items():
                for lang in LANGUAGES:
                    client.get(f"/sprak/{lang}")
                    for route in GET_ROUTES:
                        response = client.get(route)
                        body = response.get_data(as_text=True)
                        out[f"{state}/{lang}{route}"] = f"{response.status_code}\n{body}"
        finally:
            factory.close()
    return {name: normalise(html) for name, html in out.items()}


def file_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name) + ".html"


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in {"save", "compare"}:
        print(__doc__)
        return 2
    where = Path(argv[1])
    found = pages()
    if argv[0] == "save":
        where.mkdir(parents=True, exist_ok=True)
        for name, html in found.items():
            (where / file_name(name)).write_text(html, encoding="utf-8")
        print(f"saved {len(found)} pages in {where}")
        return 0
    differ = 0
    for name, html in found.items():
        path = where / file_name(name)
        before = path.read_text(encoding="utf-8") if path.exists() else ""
        if before != html:
            differ += 1
            print(f"--- {name}")
            sys.stdout.writelines(
                list(difflib.unified_diff(before.splitlines(True), html.splitlines(True), n=1))[:40]
            )
    missing = {p.name for p in where.glob("*.html")} - {file_name(n) for n in found}
    for name in sorted(missing):
        print(f"--- {name}: no longer rendered")
    print(f"{len(found)} pages, {differ} differ, {len(missing)} missing")
    return 1 if differ or missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

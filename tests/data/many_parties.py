"""A content set of any number of parties, made from the example of ten
(examples/mange-partier): for the size budgets and the benchmarks at 10 and 30 parties.

Party k of the new ones is example party k mod 10 with every stance moved one step along
agree -> neutral -> disagree -> agree at a seeded random ~third of the statements, so the
thirty are all different and still answer like real parties (some no answers kept).
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "mange-partier"
NEXT = {"agree": "neutral", "neutral": "disagree", "disagree": "agree"}


def many_parties(target: Path, count: int) -> Path:
    """A content folder at ``target`` with ``count`` parties (1 to any number): the first
    ten are the example's (in file order), the rest made from them. Returns ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    catalogue = (EXAMPLE / "catalogue.toml").read_text(encoding="utf-8")
    statements = (EXAMPLE / "../../statements").resolve()
    catalogue = catalogue.replace('statements = "../../statements"', f'statements = "{statements}"')
    (target / "catalogue.toml").write_text(catalogue, encoding="utf-8")
    parties = target / "parties"
    if parties.exists():
        shutil.rmtree(parties)
    parties.mkdir()
    sources = sorted((EXAMPLE / "parties").glob("*.toml"))
    for k in range(count):
        source = sources[k % len(sources)]
        text = source.read_text(encoding="utf-8")
        if k < len(sources):
            (parties / source.name).write_text(text, encoding="utf-8")
            continue
        rng = random.Random(k)
        generation = k // len(sources) + 1

        def move(match: re.Match, rng: random.Random = rng) -> str:
            stance = match.group(1)
            return f'stance = "{NEXT[stance] if rng.random() < 0.35 else stance}"'

        text = re.sub(r'stance = "(agree|neutral|disagree)"', move, text)
        text = re.sub(r'^name = "(.*)"$', rf'name = "\1 {generation}"', text, count=1, flags=re.M)
        text = re.sub(
            r'^short_name = "(.*)"$', rf'short_name = "\1 {generation}"', text, count=1, flags=re.M
        )
        (parties / f"{source.stem}-{generation}.toml").write_text(text, encoding="utf-8")
    return target

"""The editorial rules a machine can check, and the figures an editor reads. No Flask.

They run on a built catalogue (after the structural checks in :mod:`quiz.catalogue`) and
follow the rubric in the statements review: a fair quiz is balanced (polarity), does not
reverse today's rules more than a handful of times (a statement that keeps today's rule,
which the party opposes: "… bør fortsatt …"), uses no loaded words, does not test one
pledge twice in the short quiz, lets no single statement decide too much of the score,
and names a source for every number or year it states.

Which statements keep today's rule is an editor's reading, marked ``keeps_today = true``
on the statement (review 2 found the word list counting 5 where a reader counts 7); the
words ("fortsatt", "bare" …) only flag a statement for that reading.
What a machine cannot judge (is the stance faithful, does the statement split voters)
stays with the editor; these rules only catch what can be caught.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .catalogue import Area, Catalogue, Party, Statement
from .problems import Problem, binding
from .weighting import emphasis, statement_shares, steps_above_one

MODES = ("short", "full")
DIGIT = re.compile(r"\d")


def check_editorial(catalogue: Catalogue, quiz_file: str) -> list[Problem]:
    rules = catalogue.rules
    problems: list[Problem] = []
    for party in catalogue.parties:
        found = _polarity(party, rules) + _one_pledge_one_core_statement(catalogue, party)
        # The rubric binds the editors' coding; a party's own answers are reports (as in
        # the loader's check_party).
        problems += binding(found, catalogue.is_source(party) and not party.answered_itself)
    problems += _status_quo(catalogue)
    problems += _unmarked_trigger_words(catalogue)
    problems += _loaded_words(catalogue)
    problems += _sources(catalogue)
    for mode in MODES:
        limit = rules["max_statement_share"]
        for sid, share in shares(catalogue, mode).items():
            if share > limit:
                problems.append(
                    Problem(
                        catalogue.statement(sid).file,
                        sid,
                        f"decides {share:.1%} of the overall score in the {mode} quiz, "
                        f"more than {limit:.0%}: add statements to its area or lower its weight",
                    )
                )
    return problems


# --- the figures ----------------------------------------------------------------------


def disagree_share(party: Party) -> float:
    stances = [p.stance for p in party.positions.values() if p.answered]
    return stances.count("disagree") / len(stances) if stances else 0.0


def shares(catalogue: Catalogue, mode: str) -> dict[str, float]:
    """Each statement's share of the overall score at the default weights (see weighting)."""
    return statement_shares(
        ((s.id, s.area) for s in catalogue.statements_for(mode)),
        {a.id: float(a.weight) for a in catalogue.areas},
    )


def largest_share(catalogue: Catalogue, mode: str) -> tuple[str, float]:
    found = shares(catalogue, mode)
    sid = max(found, key=lambda k: found[k])
    return sid, found[sid]


@dataclass(frozen=True)
class AreaFigures:
    """One row of the method page's weights table: the rule's inputs and its result."""

    area: Area
    pledges: int
    priorities: int
    emphasis: float  # n / N + p / P (weighting.emphasis)
    scaled: float  # (max_weight − 1) × e / e_max before rounding up; 0 without priorities


@dataclass(frozen=True)
class MethodFigures:
    """The real numbers behind the method page's account of weights and balance."""

    rows: tuple[AreaFigures, ...]
    max_weight: int
    pledges: int  # N: all chapter pledges
    priorities: int  # P: all priorities (0: the chapter-length rule applies)
    top: AreaFigures  # the largest emphasis
    example: AreaFigures  # a priority area whose rounding up is visible
    short_share: float  # the largest share of the score one statement decides
    full_share: float
    disagree: tuple[tuple[Party, float], ...]
    aim: tuple[float, float]
    keeps_today: int  # statements marked as keeping today's rule
    status_quo: tuple[tuple[Party, int, int], ...]  # (party, reversals, its disagree stances)
    max_status_quo: int

    @property
    def areas(self) -> tuple[Area, ...]:
        return tuple(row.area for row in self.rows)


def method_figures(catalogue: Catalogue) -> MethodFigures | None:
    """None where the weights are not derived from a programme (nothing to explain)."""
    areas = tuple(a for a in catalogue.areas if a.pledges is not None)
    if not areas:
        return None
    max_weight = catalogue.rules["max_weight"]
    pledge_counts = {a.id: a.pledges or 0 for a in areas}
    priority_counts = {a.id: a.priorities or 0 for a in areas}
    found = emphasis(pledge_counts, priority_counts)
    steps = steps_above_one(pledge_counts, priority_counts, max_weight)
    with_priorities = any(priority_counts.values())
    rows = tuple(
        AreaFigures(
            a, pledge_counts[a.id], priority_counts[a.id], float(found[a.id]), float(steps[a.id])
        )
        for a in areas
    )
    top = max((r for r in rows if r.priorities or not with_priorities), key=lambda r: r.emphasis)
    # The example: the priority area furthest below a whole step, so the rounding shows.
    candidates = [r for r in rows if r.priorities] or list(rows)
    example = max(candidates, key=lambda r: (math.ceil(r.scaled) - r.scaled, -r.emphasis))
    sources = [p for p in catalogue.parties if catalogue.is_source(p)]
    return MethodFigures(
        rows=rows,
        max_weight=max_weight,
        pledges=sum(pledge_counts.values()),
        priorities=sum(priority_counts.values()),
        top=top,
        example=example,
        short_share=largest_share(catalogue, "short")[1],
        full_share=largest_share(catalogue, "full")[1],
        # The balance the quiz aims at is a rule for the programme it was made from; other
        # parties answered as they answered.
        disagree=tuple((p, disagree_share(p)) for p in sources),
        aim=tuple(catalogue.rules["aim_disagree_share"]),
        keeps_today=len(keeps_today_statements(catalogue)),
        status_quo=tuple(
            (
                p,
                len(status_quo_stances(catalogue, p)),
                sum(x.stance == "disagree" for x in p.positions.values()),
            )
            for p in sources
        ),
        max_status_quo=catalogue.rules["max_status_quo"],
    )


def keeps_today_statements(catalogue: Catalogue) -> list[Statement]:
    """Statements an editor marked as worded to keep today's rule (``keeps_today``)."""
    return [s for s in catalogue.statements if s.keeps_today]


def status_quo_stances(catalogue: Catalogue, party: Party) -> list[Statement]:
    """The party's reversals: statements that keep today's rule and that it disagrees
    with. Each is a "disagree" made by wording today's rule as the proposal, which the
    rubric allows a handful of times (review 2 counted 7 of 13 disagree stances)."""
    return [
        s
        for s in keeps_today_statements(catalogue)
        if (position := party.positions.get(s.id)) is not None and position.stance == "disagree"
    ]


def trigger_word_statements(catalogue: Catalogue) -> list[Statement]:
    """Statements whose wording has a word that often keeps today's rule ("fortsatt",
    "bare" …): for an editor to read, not a count."""
    patterns = _patterns(catalogue.rules["status_quo_words"])
    return [s for s in catalogue.statements if _hits(patterns, s.text)]


# --- the rules --------------------------------------------------------------------------


NEGATION = re.compile(r"\b(ikke|ikkje|aldri|ingen)\b", re.IGNORECASE)
JOINED = re.compile(r"\b(og/eller|og|eller)\b", re.IGNORECASE)


def style_problems(file: str, sid: str, text: str, one_issue: bool = False) -> list[Problem]:
    """Negations and joined clauses in a statement's Bokmål text (rubric 5)."""
    problems: list[Problem] = []
    if NEGATION.search(text):
        problems.append(
            Problem(file, sid, "likely negation: write the statement positively", "warning")
        )
    if "og/eller" in text.lower():
        problems.append(Problem(file, sid, "'og/eller' joins two issues", "error"))
    elif not one_issue and (match := JOINED.search(text)):
        problems.append(
            Problem(
                file,
                sid,
                f"'{match.group(0)}' may join two issues: check that it is one",
                "warning",
            )
        )
    return problems


def _polarity(party: Party, rules: Mapping) -> list[Problem]:
    if not any(p.answered for p in party.positions.values()):
        return []
    share = disagree_share(party)
    low, high = rules["min_disagree_share"], rules["max_disagree_share"]
    aim_low, aim_high = rules["aim_disagree_share"]
    if not low <= share <= high:
        return [
            Problem(
                party.file,
                None,
                f"polarity: {share:.0%} of stances are 'disagree', outside {low:.0%}–{high:.0%}",
            )
        ]
    if not aim_low <= share <= aim_high:
        return [
            Problem(
                party.file,
                None,
                f"polarity: {share:.0%} 'disagree', outside the aim of "
                f"{aim_low:.0%}–{aim_high:.0%}; the method page says so",
                "warning",
            )
        ]
    return []


def _one_pledge_one_core_statement(catalogue: Catalogue, party: Party) -> list[Problem]:
    """Two core statements resting on one pledge test the same thing twice.

    A priority that repeats exactly one chapter pledge is that pledge in other words, so
    it counts as that pledge; a priority that bundles several pledges stands for itself.
    """
    programme = party.programme
    if programme is None:
        return []

    def canonical(pledge_id: str) -> str:
        repeats = programme.pledge(pledge_id).repeats
        return repeats[0] if len(repeats) == 1 else pledge_id

    users: dict[str, list[str]] = defaultdict(list)
    for statement in catalogue.core_statements():
        position = party.positions.get(statement.id)
        if position is not None:
            for pid in {canonical(p) for p in position.pledges}:
                users[pid].append(statement.id)
    return [
        Problem(
            party.file,
            ids[1],
            f"pledge {pid!r} is behind two core statements ({', '.join(ids)}): "
            "the short quiz would test it twice",
        )
        for pid, ids in users.items()
        if len(ids) > 1
    ]


def _status_quo(catalogue: Catalogue) -> list[Problem]:
    """More than max_status_quo reversals for the party the quiz was made from: a warning
    the method page explains (#dagens-regel), not an error; another party answered as it
    answered."""
    limit = catalogue.rules["max_status_quo"]
    problems = []
    for party in catalogue.parties:
        found = status_quo_stances(catalogue, party)
        if catalogue.is_source(party) and len(found) > limit:
            problems.append(
                Problem(
                    party.file,
                    None,
                    f"{len(found)} 'disagree' stances are on statements that keep today's "
                    f"rule ({', '.join(s.id for s in found)}), more than {limit}: the "
                    "method page says so; prefer positions the programme opposes",
                    "warning",
                )
            )
    return problems


def _unmarked_trigger_words(catalogue: Catalogue) -> list[Problem]:
    return [
        Problem(
            s.file,
            s.id,
            "worded with a word that often keeps today's rule: read it, and mark "
            "keeps_today = true if it does (or rephrase)",
            "warning",
        )
        for s in trigger_word_statements(catalogue)
        if not s.keeps_today
    ]


def _loaded_words(catalogue: Catalogue) -> list[Problem]:
    patterns = _patterns(catalogue.rules["loaded_words"])
    problems = []
    for statement in catalogue.statements:
        for what, texts in (("text", statement.text), ("explanation", statement.explanation)):
            for lang, word in _hits(patterns, texts or {}):
                problems.append(
                    Problem(
                        statement.file,
                        statement.id,
                        f"loaded word {word!r} in the {what} ({lang}): use neutral words",
                    )
                )
    return problems


def _sources(catalogue: Catalogue) -> list[Problem]:
    """A number or year in an explanation is a fact about today: it needs a source. A
    statement that keeps today's rule turns on that rule: its explanation states it, with
    a source (the method page promises so)."""
    problems = [
        Problem(
            s.file,
            s.id,
            "the explanation states a number or year but names no source (source.nb …)",
        )
        for s in catalogue.statements
        if s.explanation
        and s.source is None
        and any(DIGIT.search(text) for text in s.explanation.values())
    ]
    problems += [
        Problem(
            s.file,
            s.id,
            "keeps today's rule: the explanation must state that rule, with a source",
        )
        for s in catalogue.statements
        if s.keeps_today and (s.explanation is None or s.source is None)
    ]
    return problems


def _patterns(words: Mapping[str, Iterable[str]]) -> dict[str, list[tuple[str, re.Pattern]]]:
    return {
        lang: [(w, re.compile(rf"(?<!\w){re.escape(w)}(?!\w)", re.IGNORECASE)) for w in ws]
        for lang, ws in words.items()
    }


def _hits(
    patterns: Mapping[str, list[tuple[str, re.Pattern]]], texts: Mapping[str, str]
) -> list[tuple[str, str]]:
    return [
        (lang, word)
        for lang, text in texts.items()
        for word, pattern in patterns.get(lang, [])
        if pattern.search(text)
    ]

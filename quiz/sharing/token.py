"""Share tokens: a result anyone may see, without the answers behind it.

A token carries only what the share card shows: format version, a fingerprint of the
catalogue's parties and areas, language, party, the quiz length, and whole-percent scores
(overall and per area). It is signed with the app's SECRET_KEY, so no database row is
needed and any app server can read it. The payload is packed into bytes to keep links
short enough to post (a comparison link is under 100 characters with a 30-character
https origin; SMS allows 140).

What a score may give away: an area's percentage over one or two answered statements turns
back into the answers (100 % or 0 % on two statements reveals both), so an area is shared
only where the voter answered at least MIN_ANSWERED of its statements (honest_areas). The
voter may also share the overall score alone.

With several parties a share holds less: whole-percent overall scores of at most the
voter's top TOP_PARTIES parties, and no area scores at all; and it is made only from
MIN_RANKED_ANSWERS answered statements up. Several parties' area scores, and even three
overall scores over few answers, are equations in the answers that can be solved
(tests/sharing/test_reconstruction.py solves them below that, and fails from it up).
Parties are named by a three-byte code of their id (Party.code), and the fingerprint covers
the areas only, so a link keeps opening, and naming the same parties, when a party is added.

Formats, each still read (links already posted keep opening):
  1  [1, fingerprint, lang, party, overall, *areas]              first round
  2  [2, fingerprint, lang, party, flags, overall, *areas]       + length, overall only
  3  [3, fingerprint, lang, party, flags A, flags B, overall A, overall B, *areas A,
      *areas B]                                                  a comparison of two people
  4  [4, area print, lang, flags, k, (code, overall) × k]        several parties, top k ≤ 3
  5  [5, area print, lang, flags A, flags B, kA, kB, (code, overall) × (kA + kB)]
                                                                 two people, several parties
flags: bit 0 the full quiz (else short), bit 1 the overall score alone (formats 1–3).
Formats 1–3 name the party by its place in a one-party catalogue: a link made then keeps
opening after parties were added (the fingerprint of that one party finds it).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass

from itsdangerous import BadSignature, Signer

from ..content.catalogue import Catalogue
from ..content.languages import LANGUAGES

FIRST = 1
VERSION = 2
COMPARISON = 3
NULL = 255  # "not enough answers" (or not shared)
MIN_ANSWERED = 3  # answered statements an area needs before its score may be shared
MAX_TOKEN_CHARS = 200  # far above a real token; anything longer is junk, refused unread
FULL, OVERALL_ONLY = 1, 2
RANKING = 4
RANKING_COMPARISON = 5
TOP_PARTIES = 3  # the most parties a share of several names
# Answered statements a result of several parties needs before it may be shared. Three
# whole percents are three equations in the answers: over few answers they can be solved
# (tests/sharing/test_reconstruction.py does it for eight answers, and fails at this many,
# the short quiz of the shipped content).
MIN_RANKED_ANSWERS = 22
CODE_BYTES = 3


@dataclass(frozen=True)
class SharedResult:
    """Everything a share link holds. There is deliberately no field for answers."""

    version: int
    lang: str
    party: str
    mode: str | None  # "short" or "full"; None in first-round links, which did not say
    overall_only: bool
    overall: int | None
    areas: tuple[int | None, ...]  # in the catalogue's area order


@dataclass(frozen=True)
class Comparison:
    """Two people's scores side by side: the one who shared first, and the friend."""

    lang: str
    party: str
    sharer: SharedResult
    friend: SharedResult


def fingerprint(catalogue: Catalogue, party_ids: list[str] | None = None) -> int:
    """One byte of formats 1–3 that changes when the parties or areas change."""
    ids = party_ids if party_ids is not None else [p.id for p in catalogue.parties]
    joined = "|".join([*ids, "#"] + [a.id for a in catalogue.areas])
    return hashlib.sha256(joined.encode()).digest()[0]


def area_print(catalogue: Catalogue) -> int:
    """One byte of formats 4–5: the areas only, so adding a party keeps links opening."""
    joined = "|".join(["#ranking"] + [a.id for a in catalogue.areas])
    return hashlib.sha256(joined.encode()).digest()[0]


@dataclass(frozen=True)
class SharedRanking:
    """A share of several parties: at most TOP_PARTIES overall scores, best first."""

    lang: str
    mode: str
    scores: tuple[tuple[str, int | None], ...]  # (party id, whole percent)


@dataclass(frozen=True)
class RankingComparison:
    lang: str
    sharer: SharedRanking
    friend: SharedRanking


def best_of(shared: SharedRanking) -> tuple[tuple[str, ...], int | None]:
    """The shared parties at the top (all of them where tied) and their whole percent;
    ((), None) when the link holds no score. A page or card names a tie as a tie."""
    top = shared.scores[0][1] if shared.scores else None
    if top is None:
        return (), None
    return tuple(pid for pid, v in shared.scores if v == top), top


def shared_ranking(
    lang: str, ranked_scores: list[tuple[str, float | None]], mode: str = "short"
) -> SharedRanking:
    """What a link of several parties holds: the first TOP_PARTIES of the voter's ranking
    (best first, as the results page ranks them), whole percents, nothing else."""
    return SharedRanking(
        lang, mode, tuple((pid, whole_percent(v)) for pid, v in ranked_scores[:TOP_PARTIES])
    )


def _ranking_bytes(catalogue: Catalogue, shared: SharedRanking) -> list[int]:
    out: list[int] = []
    for pid, value in shared.scores:
        out += [*catalogue.party(pid).code, _byte(value)]
    return out


def encode_ranking(secret_key: str, catalogue: Catalogue, shared: SharedRanking) -> str:
    payload = bytes(
        [
            RANKING,
            area_print(catalogue),
            LANGUAGES.index(shared.lang),
            _flags(shared.mode, False),
            len(shared.scores),
            *_ranking_bytes(catalogue, shared),
        ]
    )
    return _sign(secret_key, payload)


def encode_ranking_comparison(
    secret_key: str, catalogue: Catalogue, lang: str, sharer: SharedRanking, friend: SharedRanking
) -> str:
    payload = bytes(
        [
            RANKING_COMPARISON,
            area_print(catalogue),
            LANGUAGES.index(lang),
            _flags(sharer.mode, False),
            _flags(friend.mode, False),
            len(sharer.scores),
            len(friend.scores),
            *_ranking_bytes(catalogue, sharer),
            *_ranking_bytes(catalogue, friend),
        ]
    )
    return _sign(secret_key, payload)


def _read_scores(
    catalogue: Catalogue, data: bytes | list[int], count: int
) -> tuple[tuple[str, int | None], ...] | None:
    by_code = {p.code: p.id for p in catalogue.parties}
    size = CODE_BYTES + 1
    if count > TOP_PARTIES or len(data) != count * size:
        return None
    scores = []
    for i in range(count):
        chunk = bytes(data[i * size : (i + 1) * size])
        pid = by_code.get(chunk[:CODE_BYTES])
        value = chunk[CODE_BYTES]
        if pid is None or (value > 100 and value != NULL):
            return None  # a party no longer in the quiz, or junk
        scores.append((pid, None if value == NULL else value))
    if len({pid for pid, _v in scores}) != len(scores):
        return None
    return tuple(scores)


def read_ranking(secret_key: str, catalogue: Catalogue, token: str) -> SharedRanking | None:
    payload = _unsign_any(secret_key, token)
    if payload is None or len(payload) < 5 or payload[0] != RANKING:
        return None
    _version, printed, lang, flags, count, *rest = payload
    if printed != area_print(catalogue) or lang >= len(LANGUAGES) or flags > FULL:
        return None
    scores = _read_scores(catalogue, rest, count)
    if scores is None:
        return None
    return SharedRanking(LANGUAGES[lang], "full" if flags & FULL else "short", scores)


def read_ranking_comparison(
    secret_key: str, catalogue: Catalogue, token: str
) -> RankingComparison | None:
    payload = _unsign_any(secret_key, token)
    if payload is None or len(payload) < 7 or payload[0] != RANKING_COMPARISON:
        return None
    _version, printed, lang, flags_a, flags_b, k_a, k_b, *rest = payload
    if printed != area_print(catalogue) or lang >= len(LANGUAGES) or max(flags_a, flags_b) > FULL:
        return None
    size = CODE_BYTES + 1
    sharer = _read_scores(catalogue, rest[: k_a * size], k_a)
    friend = _read_scores(catalogue, rest[k_a * size :], k_b)
    if sharer is None or friend is None:
        return None
    language = LANGUAGES[lang]
    return RankingComparison(
        language,
        SharedRanking(language, "full" if flags_a & FULL else "short", sharer),
        SharedRanking(language, "full" if flags_b & FULL else "short", friend),
    )


def whole_percent(value: float | None) -> int | None:
    """Whole percents, halves up like the results page's one decimal (62.5 -> 63). The one
    number a share shows everywhere: the text offered to each service, the page, the card."""
    return None if value is None else max(0, min(100, math.floor(value + 0.5)))


def _byte(value: float | None) -> int:
    whole = whole_percent(value)
    return NULL if whole is None else whole


def honest_areas(
    areas: Mapping[str, float | None], answered: Mapping[str, int]
) -> dict[str, float | None]:
    """Area scores a share may show: None where fewer than MIN_ANSWERED were answered."""
    return {
        area: (value if answered.get(area, 0) >= MIN_ANSWERED else None)
        for area, value in areas.items()
    }


def _flags(mode: str, overall_only: bool) -> int:
    return (FULL if mode == "full" else 0) | (OVERALL_ONLY if overall_only else 0)


def _scores(result: SharedResult) -> list[int]:
    return [_byte(result.overall), *(_byte(v) for v in result.areas)]


def shared_result(
    catalogue: Catalogue,
    lang: str,
    party_id: str,
    overall: float | None,
    areas: Mapping[str, float | None],
    answered: Mapping[str, int],
    mode: str = "short",
    overall_only: bool = False,
) -> SharedResult:
    """What a link made now holds: whole percents; areas with too few answers, or all
    areas when only the overall score is shared, left out, whatever the caller passes."""
    shown = {} if overall_only else honest_areas(areas, answered)
    return SharedResult(
        version=VERSION,
        lang=lang,
        party=party_id,
        mode=mode,
        overall_only=overall_only,
        overall=whole_percent(overall),
        areas=tuple(whole_percent(shown.get(a.id)) for a in catalogue.areas),
    )


def encode_token(secret_key: str, catalogue: Catalogue, shared: SharedResult) -> str:
    """A one-person link's token (format 2) for what shared_result made."""
    payload = bytes(
        [
            VERSION,
            fingerprint(catalogue),
            LANGUAGES.index(shared.lang),
            catalogue.party_index(shared.party),
            _flags(shared.mode or "short", shared.overall_only),
            *_scores(shared),
        ]
    )
    return _sign(secret_key, payload)


def make_token(
    secret_key: str,
    catalogue: Catalogue,
    lang: str,
    party_id: str,
    overall: float | None,
    areas: Mapping[str, float | None],
    answered: Mapping[str, int],
    mode: str = "short",
    overall_only: bool = False,
) -> str:
    """shared_result and encode_token in one call."""
    shared = shared_result(catalogue, lang, party_id, overall, areas, answered, mode, overall_only)
    return encode_token(secret_key, catalogue, shared)


def make_comparison_token(
    secret_key: str, catalogue: Catalogue, lang: str, sharer: SharedResult, friend: SharedResult
) -> str:
    """Both people's shared scores in one link (each already under the honesty rule)."""
    sharer_scores, friend_scores = _scores(sharer), _scores(friend)
    payload = bytes(
        [
            COMPARISON,
            fingerprint(catalogue),
            LANGUAGES.index(lang),
            catalogue.party_index(sharer.party),
            _flags(sharer.mode or "short", sharer.overall_only),
            _flags(friend.mode or "short", friend.overall_only),
            sharer_scores[0],
            friend_scores[0],
            *sharer_scores[1:],
            *friend_scores[1:],
        ]
    )
    return _sign(secret_key, payload)


def read_token(secret_key: str, catalogue: Catalogue, token: str) -> SharedResult | None:
    """The result in a one-person token (format 1 or 2), or None for anything tampered,
    truncated, junk, outdated or a comparison."""
    payload = _unsign(secret_key, catalogue, token)
    if payload is None:
        return None
    n_areas = len(catalogue.areas)
    version, _print, lang, party, *rest = payload
    party = _party_of(catalogue, payload)
    if version == FIRST and len(rest) == 1 + n_areas:
        return _result(catalogue, FIRST, lang, party, None, rest[0], rest[1:])
    if version == VERSION and len(rest) == 2 + n_areas:
        return _result(catalogue, VERSION, lang, party, rest[0], rest[1], rest[2:])
    return None


def read_comparison(secret_key: str, catalogue: Catalogue, token: str) -> Comparison | None:
    payload = _unsign(secret_key, catalogue, token)
    if payload is None:
        return None
    n = len(catalogue.areas)
    version, _print, lang, party, *rest = payload
    party = _party_of(catalogue, payload)
    if version != COMPARISON or len(rest) != 4 + 2 * n:
        return None
    flags_a, flags_b, overall_a, overall_b = rest[:4]
    sharer = _result(catalogue, COMPARISON, lang, party, flags_a, overall_a, rest[4 : 4 + n])
    friend = _result(catalogue, COMPARISON, lang, party, flags_b, overall_b, rest[4 + n :])
    if sharer is None or friend is None:
        return None
    return Comparison(sharer.lang, sharer.party, sharer, friend)


def _result(
    catalogue: Catalogue,
    version: int,
    lang: int,
    party: int,
    flags: int | None,
    overall: int,
    areas: list[int],
) -> SharedResult | None:
    if lang >= len(LANGUAGES) or party >= len(catalogue.parties):
        return None
    if any(v > 100 and v != NULL for v in (overall, *areas)):
        return None
    if flags is not None and flags > (FULL | OVERALL_ONLY):
        return None
    return SharedResult(
        version=version,
        lang=LANGUAGES[lang],
        party=catalogue.parties[party].id,
        mode=None if flags is None else ("full" if flags & FULL else "short"),
        overall_only=bool(flags and flags & OVERALL_ONLY),
        overall=None if overall == NULL else overall,
        areas=tuple(None if v == NULL else v for v in areas),
    )


def _party_of(catalogue: Catalogue, payload: bytes) -> int:
    """The party a format 1–3 link names: by its index while the parties are as they were;
    once parties were added, the one whose one-party fingerprint the link carries (links
    of those formats were made while the quiz had one party). Out of range: no party."""
    if payload[1] == fingerprint(catalogue):
        return payload[3]
    found = [
        i
        for i, p in enumerate(catalogue.parties)
        if fingerprint(catalogue, [p.id]) == payload[1] and payload[3] == 0
    ]
    return found[0] if len(found) == 1 else len(catalogue.parties)


def _sign(secret_key: str, payload: bytes) -> str:
    encoded = base64.urlsafe_b64encode(payload).rstrip(b"=")
    return _signer(secret_key).sign(encoded).decode()


def _unsign_any(secret_key: str, token: str) -> bytes | None:
    if len(token) > MAX_TOKEN_CHARS or not token.isascii():
        return None
    try:
        encoded = _signer(secret_key).unsign(token.encode())
        return base64.urlsafe_b64decode(encoded + b"=" * (-len(encoded) % 4))
    except (BadSignature, binascii.Error, ValueError):
        return None


def _unsign(secret_key: str, catalogue: Catalogue, token: str) -> bytes | None:
    """A format 1–3 payload made for this catalogue (or for one of its parties alone)."""
    payload = _unsign_any(secret_key, token)
    if payload is None or len(payload) < 5 or payload[0] not in (FIRST, VERSION, COMPARISON):
        return None
    prints = {fingerprint(catalogue)} | {fingerprint(catalogue, [p.id]) for p in catalogue.parties}
    if payload[1] not in prints:
        return None
    return payload


def _signer(secret_key: str) -> Signer:
    return Signer(secret_key, salt="share-card")

"""Share tokens: a result anyone may see, without the answers behind it.

A token carries only what the share card shows: format version, a fingerprint of the
catalogue's parties and areas, language, party, and whole-percent scores (overall and per
area). It is signed with the app's SECRET_KEY, so no database row is needed and any app
server can read it. The payload is packed into bytes to keep links short enough to post.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
from dataclasses import dataclass

from itsdangerous import BadSignature, Signer

from ..content.catalogue import Catalogue
from ..content.languages import LANGUAGES

VERSION = 1
NULL = 255  # "not enough answers"
MAX_TOKEN_CHARS = 200  # far above a real token; anything longer is junk, refused unread


@dataclass(frozen=True)
class SharedResult:
    """Everything a share link holds. There is deliberately no field for answers."""

    version: int
    lang: str
    party: str
    overall: int | None
    areas: tuple[int | None, ...]  # in the catalogue's area order


def fingerprint(catalogue: Catalogue) -> int:
    """One byte that changes when parties or areas change, so old links expire cleanly."""
    ids = "|".join([p.id for p in catalogue.parties] + ["#"] + [a.id for a in catalogue.areas])
    return hashlib.sha256(ids.encode()).digest()[0]


def _whole(value: float | None) -> int:
    """Whole percents, halves up like the results page's one decimal (62.5 -> 63)."""
    return NULL if value is None else max(0, min(100, math.floor(value + 0.5)))


def make_token(
    secret_key: str,
    catalogue: Catalogue,
    lang: str,
    party_id: str,
    overall: float | None,
    areas: dict[str, float | None],
) -> str:
    party_index = next(i for i, p in enumerate(catalogue.parties) if p.id == party_id)
    payload = bytes(
        [VERSION, fingerprint(catalogue), LANGUAGES.index(lang), party_index, _whole(overall)]
        + [_whole(areas.get(a.id)) for a in catalogue.areas]
    )
    encoded = base64.urlsafe_b64encode(payload).rstrip(b"=")
    return _signer(secret_key).sign(encoded).decode()


def read_token(secret_key: str, catalogue: Catalogue, token: str) -> SharedResult | None:
    """The result in a token, or None for anything tampered, truncated, junk or outdated."""
    if len(token) > MAX_TOKEN_CHARS or not token.isascii():
        return None
    try:
        encoded = _signer(secret_key).unsign(token.encode())
        payload = base64.urlsafe_b64decode(encoded + b"=" * (-len(encoded) % 4))
    except (BadSignature, binascii.Error, ValueError):
        return None
    n_areas = len(catalogue.areas)
    if len(payload) != 5 + n_areas:
        return None
    version, catalogue_print, lang, party, overall, *areas = payload
    if version != VERSION or catalogue_print != fingerprint(catalogue):
        return None
    if lang >= len(LANGUAGES) or party >= len(catalogue.parties):
        return None
    if any(v > 100 and v != NULL for v in (overall, *areas)):
        return None
    return SharedResult(
        version=version,
        lang=LANGUAGES[lang],
        party=catalogue.parties[party].id,
        overall=None if overall == NULL else overall,
        areas=tuple(None if v == NULL else v for v in areas),
    )


def _signer(secret_key: str) -> Signer:
    return Signer(secret_key, salt="share-card")

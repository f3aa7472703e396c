"""What the results page offers to share: the link's text, each service's share link, and
in words exactly what the link reveals. Free of Flask: the caller gives the link and its
translations (``gettext(string, **variables)``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import quote

from ..content.numbers import percent
from . import token
from .token import SharedRanking, SharedResult

Gettext = Callable[..., str]


@dataclass(frozen=True)
class ShareOffer:
    url: str
    text: str
    links: dict[str, str]
    reveals: str
    overall_only: bool


def share_offer(shared: SharedResult, party_name: str, url: str, _: Gettext) -> ShareOffer:
    if shared.overall is None:
        text = _("Hvor enig er du med valgprogrammet til %(party)s?", party=party_name)
    else:
        # The same whole number as the shared page and the card: "40 %", never "39,8 %".
        text = _(
            "Jeg er %(n)s %% enig med valgprogrammet til %(party)s. Hva med deg?",
            n=shared.overall,
            party=party_name,
        )
    return ShareOffer(url, text, share_links(url, text, _), reveals(shared, _), shared.overall_only)


def ranking_offer(
    shared: SharedRanking, names: Mapping[str, str], url: str, _: Gettext
) -> ShareOffer:
    """Several parties: the text names the voter's top parties with whole percents."""
    scored = [(names[pid], v) for pid, v in shared.scores if v is not None]
    if not scored:
        text = _("Hvilke partier er du mest enig med?")
    else:
        listed = ", ".join(_("%(party)s (%(n)s %%)", party=name, n=value) for name, value in scored)
        text = _("Jeg er mest enig med %(parties)s. Hva med deg?", parties=listed)
    return ShareOffer(url, text, share_links(url, text, _), ranking_reveals(shared, _), True)


def ranking_reveals(shared: SharedRanking, _: Gettext) -> str:
    return _(
        "Lenken viser den samlede enigheten med de %(n)s partiene du er mest enig med, og at "
        "du tok %(length)s. Den viser ingen områder, ingen andre partier og ingen av svarene "
        "dine.",
        n=len(shared.scores),
        length=length_words(shared.mode, _),
    )


def length_words(mode: str | None, _: Gettext) -> str:
    return _("den korte testen") if mode == "short" else _("hele testen")


def reveals(shared: SharedResult, _: Gettext) -> str:
    """What the link shows, said exactly, for the text beside the share button."""
    overall = percent(shared.overall, shared.lang)
    if shared.overall_only:
        return _(
            "Lenken viser bare den samlede enigheten (%(overall)s) og at du tok %(length)s. "
            "Den viser ingen områder og ingen av svarene dine.",
            overall=overall,
            length=length_words(shared.mode, _),
        )
    return _(
        "Lenken viser den samlede enigheten (%(overall)s), enigheten i %(n)s av %(m)s områder "
        "(bare der du har svart på minst %(min)s påstander) og at du tok %(length)s. "
        "Den viser ingen av svarene dine.",
        overall=overall,
        n=sum(v is not None for v in shared.areas),
        m=len(shared.areas),
        min=token.MIN_ANSWERED,
        length=length_words(shared.mode, _),
    )


def share_links(url: str, text: str, _: Gettext) -> dict[str, str]:
    """Plain links to each service's own share page: no script, no tracking parameters."""
    u, t = quote(url, safe=""), quote(text, safe="")
    return {
        "Facebook": f"https://www.facebook.com/sharer/sharer.php?u={u}",
        "X": f"https://x.com/intent/post?text={t}&url={u}",
        "LinkedIn": f"https://www.linkedin.com/sharing/share-offsite/?url={u}",
        _("E-post"): f"mailto:?subject={t}&body={t}%0A{u}",
        "SMS": f"sms:?&body={t}%20{u}",
    }

"""First drafts of statements for pledges that no statement uses yet, for an editor to rewrite."""

from __future__ import annotations

import re

from .catalogue import Catalogue
from .programme import Pledge


def first_draft(pledge: Pledge) -> str:
    """ "bygge ut bussnettet …" -> "Kommunen bør bygge ut bussnettet …"."""
    text = re.sub(r"\s+", " ", pledge.text).strip().rstrip(".")
    if m := re.match(r"^at kommunen (?:skal )?(.*)$", text, re.IGNORECASE):
        return f"Kommunen bør {m.group(1)}."
    if m := re.match(r"^at (.*?) skal (.*)$", text):
        return f"{m.group(1)[:1].upper()}{m.group(1)[1:]} bør {m.group(2)}."
    if text[:1].islower():
        return f"Kommunen bør {text}."
    return f"{text}."


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def draft_statements(catalogue: Catalogue, area: str | None = None) -> str:
    blocks: list[str] = []
    area_ids = {a.id for a in catalogue.areas}
    for party in catalogue.parties:
        used = {pid for position in party.positions.values() for pid in position.pledges}
        # A priority counts as used when a chapter pledge it repeats is used, and back.
        programme = party.programme
        for pid in list(used):
            used.update(programme.pledge(pid).repeats)
            used.update(programme.pledge(pid).repeated_by)
        for pledge in programme.pledges:
            if pledge.id in used or (area and pledge.chapter_id != area):
                continue
            area_id = pledge.chapter_id if pledge.chapter_id in area_ids else "AREA"
            draft_id = f"{pledge.id}-utkast"
            blocks.append(
                "\n".join(
                    [
                        f"# {pledge.id} ({pledge.chapter}"
                        + (f" / {pledge.section}" if pledge.section else "")
                        + f"): {pledge.text}",
                        "[[statement]]",
                        f"id = {_toml_string(draft_id)}",
                        f"area = {_toml_string(area_id)}",
                        f"text.nb = {_toml_string(first_draft(pledge))}",
                        'text.nn = ""',
                        'text.en = ""',
                        f"# parties/{party.id}.toml: {draft_id} = "
                        f'{{ stance = "agree", pledges = ["{pledge.id}"] }}',
                    ]
                )
            )
    if not blocks:
        return "# every pledge is used by a statement"
    header = "# First drafts: rewrite each one (one issue, plain words, no negation) before use.\n"
    return header + "\n\n".join(blocks)

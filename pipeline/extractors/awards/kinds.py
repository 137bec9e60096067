"""Winners of no known kind among winners that are organizations: list membership as evidence.

The entity model misses names that stand alone in lists ("Best Training Program: Quillmark"); the award
readers still find them as winners, of kind "other". When the other winners of its list (or of its
award) are mostly organizations, such a winner is one too, unless it reads like a person's name or a
product ("Orvik 2400").
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Protocol

from ...context import ReleaseContext
from ...knowledge import census_names, words
from .winners import Name

_MIN_ORGANIZATIONS = (
    2  # typed organizations among the siblings before membership counts, and twice the people
)


class _Record(Protocol):
    winners: dict[str, Name]
    covered: dict[str, Name]


def retype_among_organizations(ctx: ReleaseContext, records: Iterable[_Record]) -> None:
    """Re-type, in place, the "other" winners whose siblings are mostly organizations (at least two,
    and twice as many as people): the winners of one list of the structure layer, or else of one award."""
    lists = ctx.structure.lists(min_size=2)
    in_list = {block.start: index for index, blocks in enumerate(lists) for block in blocks}
    groups: dict[tuple[str, int], list[tuple[dict[str, Name], str]]] = defaultdict(list)
    for number, record in enumerate(records):
        for found in (record.winners, record.covered):
            for key, winner in found.items():
                block = ctx.structure.block_at(winner.start)
                listed = in_list.get(block.start) if block is not None else None
                groups[("list", listed) if listed is not None else ("award", number)].append((found, key))
    for members in groups.values():
        kinds = Counter(found[key].kind for found, key in members)
        if kinds["organization"] < max(_MIN_ORGANIZATIONS, 2 * kinds["person"]):
            continue
        for found, key in members:
            winner = found[key]
            if winner.kind == "other" and _reads_as_organization(ctx.text[winner.start : winner.end]):
                found[key] = dataclasses.replace(winner, kind="organization")


def _reads_as_organization(name: str) -> bool:
    """A capitalised name with no digit (a model number) that does not read as a person's name."""
    tokens = name.split()
    if not tokens or not name[0].isupper() or re.search(r"\d", name):
        return False
    if tokens[0].casefold() in census_names("given"):
        return False  # "Nora Blix", "Casey"
    heads = words("org_heads")
    surname_last = tokens[-1].casefold() in census_names("surname") and tokens[-1].casefold() not in heads
    return not (2 <= len(tokens) <= 3 and name.istitle() and surname_last)  # "Arvel Gomez"

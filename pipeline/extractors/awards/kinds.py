"""Winners of no known kind among winners of one kind: list membership as evidence.

The entity model misses names that stand alone in lists ("Best Training Program: Quillmark", "Coach of
the Year: Arvel Gomez"); the award readers still find them as winners, of kind "other". When the other
winners of its list (or of its award) are mostly organizations, such a winner is one too, unless it
reads like a person's name or a product ("Orvik 2400"); when they are mostly people, a winner that
reads like a person's name is a person.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Protocol

from ...context import ReleaseContext
from ...knowledge import census_names, is_common_word, words
from ...models import WinnerKind
from .winners import Name, has_legal_suffix

_MIN_SIBLINGS = 2  # typed siblings of the majority kind before membership counts, and twice the other kind
_MAX_PERSON_WORDS = 4  # 'Jo "JJ" Lee Hart'


class _Record(Protocol):
    winners: dict[str, Name]
    covered: dict[str, Name]


def retype_by_siblings(ctx: ReleaseContext, records: Iterable[_Record]) -> None:
    """Re-type, in place, the "other" winners whose siblings are mostly of one kind (at least two, and
    twice as many as of the other): the winners of one list of the structure layer, or else of one award."""
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
        kind = _majority(Counter(found[key].kind for found, key in members))
        if kind is None:
            continue
        for found, key in members:
            winner = found[key]
            name = ctx.text[winner.start : winner.end]
            the_before = ctx.text[max(0, winner.start - 4) : winner.start].casefold() == "the "
            reads = _reads_as_organization(name) if kind == "organization" else _reads_as_person(name)
            reads = reads and not (kind == "person" and the_before)  # "and the Grace Notes": a band
            if winner.kind == "other" and reads:
                found[key] = dataclasses.replace(winner, kind=kind)


def _majority(kinds: Counter[WinnerKind]) -> WinnerKind | None:
    organizations, people = kinds["organization"], kinds["person"]
    if organizations >= max(_MIN_SIBLINGS, 2 * people):
        return "organization"
    if people >= max(_MIN_SIBLINGS, 2 * organizations):
        return "person"
    return None


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


def _reads_as_person(name: str) -> bool:
    """One to four capitalised words with no digit, no organization word, no word of names of things
    and no company form, that open with a census given name ("Arvel Gomez", "Ida" of "Thane & Ida
    Moss") or end in a census surname after a word English does not use ('JB "Jay" Hart'); "Tribe
    Called Quest" is none."""
    tokens = name.split()
    if not tokens or len(tokens) > _MAX_PERSON_WORDS or re.search(r"[\d:]", name):
        return False
    if not all(t.strip("\"“”'‘’()")[:1].isupper() for t in tokens):
        return False
    business = (t.casefold() in words("org_heads") or t.casefold() in words("not_name_words") for t in tokens)
    if any(business) or has_legal_suffix(name):
        return False
    if tokens[0].casefold() in census_names("given"):
        return True
    return (
        len(tokens) > 1 and tokens[-1].casefold() in census_names("surname") and not is_common_word(tokens[0])
    )

"""What the awards readers report: a relation between an award named in the text and its winners."""

from __future__ import annotations

from dataclasses import dataclass

from ...context import ReleaseContext
from ..spans import Span
from .winners import Name

_BLOCKS_BACK = 3  # an award named in the same block or the three before is the one a text refers to
_CHARS_BACK = 2000


@dataclass(frozen=True)
class Relation:
    """Winners (maybe none) the text gives an award, and what it says of their number. `covered`
    winners were also given to a category of this award: the award keeps them only when the text
    states its count (GOLD_SPEC: an overall award is listed when it holds what its categories can't)."""

    award: Span
    winners: tuple[Name, ...] = ()
    count: int | None = None
    partial: bool = False
    covered: bool = False
    reader: str = ""


def named_before(ctx: ReleaseContext, names: list[Span], offset: int) -> Span | None:
    """The award named last before `offset`, near enough for "the award", "the winners are" or a lead
    without a name to mean it: in the same block or the few before, not in an "About" section."""
    blocks = ctx.structure.blocks
    here = ctx.structure.index_at(offset)
    if here is None:
        here = next((i for i, b in enumerate(blocks) if b.start > offset), len(blocks)) - 1
    floor = blocks[max(0, here - _BLOCKS_BACK)].start if blocks and here >= 0 else 0
    outside = [(s.start, s.end) for s in ctx.sections if s.kind in {"about", "contact"}]
    for name in reversed([n for n in names if n[1] <= offset]):
        if name[0] < floor or offset - name[1] > _CHARS_BACK:
            return None
        if not any(s <= name[0] < e for s, e in outside):
            return name
    return None

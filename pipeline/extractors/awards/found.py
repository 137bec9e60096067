"""What the awards readers report: a relation between an award named in the text and its winners."""

from __future__ import annotations

from dataclasses import dataclass

from ..spans import Span
from .winners import Name


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

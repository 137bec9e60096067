"""A proposed entity span and its kind: what the proposing rules hand to the filters and grouping."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["person", "org", "city", "product"]


@dataclass(frozen=True)
class Candidate:
    kind: Kind
    start: int
    end: int
    rule: bool = False
    weak: bool = False  # a fallback rule: only fills gaps NER left
    anchored: bool = False  # a rule with unambiguous layout or wording: beats every NER reading

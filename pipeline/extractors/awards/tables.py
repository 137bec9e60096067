"""Award tables: a header row with an award (or category) column and a winner column, then one row per
award ("| Category | Winner |")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...context import ReleaseContext
from ...knowledge import words
from ..blocks import Block
from .found import Relation
from .winners import split_winners


def table_relations(ctx: ReleaseContext) -> Iterator[Relation]:
    """A relation per row of every table whose header names an award column and a winner column."""
    for table in _tables(ctx.structure.blocks):
        header = [_words(ctx.text[s:e]) for s, e in table[0].cells]
        award_col = next((i for i, ws in enumerate(header) if ws & words("award_column_headers")), None)
        winner_words = words("winner_nouns") | words("winner_column_headers")
        winner_col = next((i for i, ws in enumerate(header) if ws & winner_words and i != award_col), None)
        if award_col is None or winner_col is None:
            continue
        for row in table[1:]:
            if len(row.cells) <= max(award_col, winner_col):
                continue
            award, winner = row.cells[award_col], row.cells[winner_col]
            if award[0] < award[1] and winner[0] < winner[1]:
                yield Relation(award, tuple(split_winners(ctx, *winner)), reader="table row")


def _tables(blocks: tuple[Block, ...]) -> Iterator[list[Block]]:
    run: list[Block] = []
    for block in [*blocks, None]:
        if block is not None and block.kind == "row":
            run.append(block)
            continue
        if len(run) >= 2:
            yield run
        run = []


def _words(cell: str) -> set[str]:
    return set(re.findall(r"[a-z]+", cell.casefold()))

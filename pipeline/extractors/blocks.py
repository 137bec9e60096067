"""The structure layer: a release as a sequence of blocks (headline, headings, lines, paragraphs, list
items, table rows), each a stripped span of the text, in text order and never overlapping.

Wire copy loses its layout in many ways, so a block is read from what survives: line breaks; bullets and
numbers at a line's start; a bullet ("•") or a dash after a colon inside a line, where a list was
flattened into a paragraph; and runs of two or more spaces or a tab inside a line, where archive copies
flattened line breaks. Stages ask this layer for "the list after this lead" or "the block of this
offset" instead of scanning the raw text with their own patterns.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import Literal

from .spans import Span, strip_span

BlockKind = Literal["headline", "heading", "line", "paragraph", "item", "row", "rule"]

_MARKER = re.compile(r"[ \t]*(?P<marker>[-*•▪●◦+–]|\d{1,3}[.)]|\(\d{1,3}\))[ \t]+(?=\S)")
_HASH_HEADING = re.compile(r"[ \t]*#{1,6}[ \t]+")
_RULE = re.compile(r"[ \t]*(?:-{3,}|\*{3,}|_{3,}|(?:- ){2,}-|(?:\* ){2,}\*)[ \t]*")  # "---", a thematic break
_TABLE_ROW = re.compile(r"[ \t]{0,3}\|.*\|[ \t]*")
_TABLE_RULE = re.compile(r"[ \t|:\-]+")
# Inside a line: a bullet character (with the spaces around it), or a soft break where an archive copy
# flattened a line break (two or more spaces, or a tab, between words).
_INLINE = re.compile(
    r"(?P<bullet>[^\S\n]*(?<!\S)[•▪●◦](?=\s)[^\S\n]*)|(?P<soft>(?<=\S)(?:[^\S\n]{2,}|\t)(?=\S))"
)
# "Honorees included: - Norvik Labs (Energy) - Pell Robotics (Mobility)": a dash or star list after a colon.
_COLON_RUN = re.compile(r":(?:[ \t]+(?P<marker>[-*–])|[ \t]*(?P<star>\*))[ \t]+(?=\S)")
_NUMBERED = re.compile(r"\d{1,3}")
_LINKED = re.compile(r"\]\((?:https?://|www\.)|https?://")
_BOLD = ("**", "__")
_SHORT_WORDS = 14
_SHORT_CHARS = 160
_SENTENCE_END = (".", "!", "?", ",", ";")


@dataclass(frozen=True)
class Block:
    """One block: `start`/`end` cover its content (no bullet, no heading marks, no bold markers)."""

    kind: BlockKind
    start: int
    end: int
    marker: str = ""  # an item's bullet or number as written; "#" or "**" for a marked heading
    depth: int = 0  # an item's nesting: its indentation in steps of two spaces
    inline: bool = False  # found inside a flattened line, not at the start of a line of its own
    cells: tuple[Span, ...] = ()  # a table row's cells, stripped


class Structure:
    """The blocks of one release and the questions stages ask of them."""

    def __init__(self, text: str, blocks: tuple[Block, ...]) -> None:
        self.text = text
        self.blocks = blocks
        self._starts = [b.start for b in blocks]

    @cached_property
    def trailer_start(self) -> int:
        """Where the trailing link block of an archive copy starts (a thematic break followed by lines of
        links: "Original/Source", pickups, "TLDR"), else the end of the text; it is not the release."""
        rules = [i for i, b in enumerate(self.blocks) if b.kind == "rule"]
        for i in rules:
            after = self.blocks[i + 1 :]
            links = [b for b in after if _LINKED.search(self.text, b.start, b.end)]
            if after and len(links) * 2 >= len(after):
                return self.blocks[i].start
        return len(self.text)

    def lists(self, min_size: int = 3) -> list[list[Block]]:
        """The release's lists, before its trailing link block: runs of `min_size` or more consecutive
        items of one list, short lines, or table rows."""
        found: list[list[Block]] = []
        run: list[Block] = []
        for block in self.blocks:
            if block.start >= self.trailer_start:
                break
            if run and block.kind == run[0].kind and (block.kind != "item" or _same_list(block, run[0])):
                run.append(block)
                continue
            if len(run) >= min_size:
                found.append(run)
            run = [block] if block.kind in ("item", "line", "row") else []
        if len(run) >= min_size:
            found.append(run)
        return found

    def index_at(self, offset: int) -> int | None:
        """Index of the block that holds `offset`, or None when it falls between blocks."""
        i = bisect_right(self._starts, offset) - 1
        return i if i >= 0 and offset < self.blocks[i].end else None

    def block_at(self, offset: int) -> Block | None:
        i = self.index_at(offset)
        return self.blocks[i] if i is not None else None

    def index_of(self, block: Block) -> int:
        i = bisect_right(self._starts, block.start) - 1
        if i < 0 or self.blocks[i] != block:
            raise ValueError("not a block of this release")
        return i

    def following(self, block: Block) -> Iterator[Block]:
        yield from self.blocks[self.index_of(block) + 1 :]

    def previous(self, block: Block) -> Block | None:
        i = self.index_of(block)
        return self.blocks[i - 1] if i > 0 else None

    def within(self, start: int, end: int) -> list[Block]:
        """The blocks that start inside text[start:end]."""
        return [b for b in self.blocks if start <= b.start < end]

    def list_after(self, lead: Block, max_gap: int = 2) -> list[Block]:
        """The list a lead introduces: the items right after it (description paragraphs between items
        of the same marker are skipped, at most `max_gap` in a row; a short line between them is a new
        heading and ends the list), else a run of short lines, else the rows of a table."""
        following = list(self.following(lead))
        if not following:
            return []
        first = following[0]
        if first.kind == "item":
            return _items_from(following, first, max_gap)
        if first.kind == "row":
            return _run(following, "row")
        if first.kind == "line":
            return _run(following, "line")
        return []


def _items_from(blocks: list[Block], first: Block, max_gap: int) -> list[Block]:
    items: list[Block] = []
    gap = 0
    for block in blocks:
        if block.kind == "item" and _same_list(block, first) and block.depth >= first.depth:
            if block.depth == first.depth:
                items.append(block)
            gap = 0
        elif block.kind == "paragraph" and gap < max_gap:
            gap += 1
        else:
            break
    return items


def _same_list(block: Block, first: Block) -> bool:
    """Items of one list share a bullet, or number the same way ("1." then "2.")."""
    return _NUMBERED.sub("1", block.marker) == _NUMBERED.sub("1", first.marker)


def _run(blocks: list[Block], kind: BlockKind) -> list[Block]:
    run = []
    for block in blocks:
        if block.kind != kind:
            break
        run.append(block)
    return run


def find_blocks(text: str, headline: Span | None = None) -> Structure:
    """Every block of `text`, in order; the block at `headline` (from the sections) is the headline."""
    blocks: list[Block] = []
    for line in re.finditer(r"[^\n]+", text):
        blocks.extend(_line_blocks(text, line.start(), line.end()))
    if headline is not None:
        blocks = [
            Block("headline", b.start, b.end) if b.start < headline[1] and headline[0] < b.end else b
            for b in blocks
        ]
    return Structure(text, tuple(blocks))


def _line_blocks(text: str, start: int, end: int) -> Iterator[Block]:
    if not text[start:end].strip():
        return
    if _TABLE_ROW.fullmatch(text, start, end):
        if not _TABLE_RULE.fullmatch(text, start, end):
            cells = tuple(_cells(text, start, end))
            s, e = strip_span(text, start, end)
            yield Block("row", s, e, cells=cells)
        return
    if _RULE.fullmatch(text, start, end):
        s, e = strip_span(text, start, end)
        yield Block("rule", s, e)  # a thematic break: what follows is another part (archive link blocks)
        return
    hashes = _HASH_HEADING.match(text, start, end)
    if hashes is not None:
        s, e = _unbolded(text, *strip_span(text, hashes.end(), end))
        if s < e:
            yield Block("heading", s, e, marker="#")
        return
    marker = _MARKER.match(text, start, end)
    content = marker.end() if marker else start
    depth = _indent(text[start:content]) // 2 if marker else 0
    for index, (s, e, bulleted) in enumerate(_pieces(text, content, end)):
        if index == 0 and marker is not None:
            yield Block("item", s, e, marker=marker.group("marker"), depth=depth)
        elif bulleted:
            yield Block("item", s, e, marker="•", inline=True)
        else:
            yield from _plain(text, s, e, whole_line=index == 0 and e == strip_span(text, start, end)[1])


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
    """(start, end, after_bullet) of each piece of a line cut at inline bullets and soft breaks."""
    position, bulleted = start, False
    for sep in _INLINE.finditer(text, start, end):
        s, e = strip_span(text, position, sep.start())
        if s < e:
            yield s, e, bulleted
        position, bulleted = sep.end(), sep.group("bullet") is not None
    s, e = strip_span(text, position, end)
    if s < e:
        yield s, e, bulleted


def _plain(text: str, start: int, end: int, whole_line: bool) -> Iterator[Block]:
    """A piece without a bullet: a colon run inside it becomes a lead and items; otherwise it is a
    marked heading, a short line or a paragraph."""
    run = _COLON_RUN.search(text, start, end)
    if run is not None:
        marker = run.group("marker") or run.group("star")
        spaced = rf"[ \t]+{re.escape(marker)}[ \t]+(?=\S)"
        separator = re.compile(spaced if run.group("marker") else rf"[ \t]*{re.escape(marker)}[ \t]+(?=\S)")
        cuts = list(separator.finditer(text, run.end(), end))
        # two items or more, or a star glued to the colon ("winners are:* Acme" then "* Bolt" below)
        if cuts or run.group("star"):
            yield _classified(text, start, run.start() + 1, whole_line=False)
            position = run.end()
            for cut in [*cuts, None]:
                s, e = strip_span(text, position, cut.start() if cut else end)
                if s < e:
                    yield Block("item", s, e, marker=marker, inline=True)
                if cut is not None:
                    position = cut.end()
            return
    yield _classified(text, start, end, whole_line)


def _classified(text: str, start: int, end: int, whole_line: bool) -> Block:
    s, e = _unbolded(text, start, end)
    if whole_line and (s, e) != (start, end) and s < e:
        return Block("heading", s, e, marker="**")
    return Block("line" if _is_short_line(text[start:end]) else "paragraph", start, end)


def _is_short_line(piece: str) -> bool:
    """A few words with no sentence punctuation at the end: a heading, a label or a list entry."""
    stripped = piece.rstrip("*_ ")
    return (
        len(stripped) <= _SHORT_CHARS
        and len(stripped.split()) <= _SHORT_WORDS
        and not stripped.endswith(_SENTENCE_END)
        and not stripped.startswith(("http", "www.", "!["))
    )


def _unbolded(text: str, start: int, end: int) -> Span:
    """The span inside bold markers that wrap the whole piece ("**Winners**")."""
    for mark in _BOLD:
        if text.startswith(mark, start) and text.endswith(mark, start, end) and end - start > 2 * len(mark):
            inner = text[start + len(mark) : end - len(mark)]
            if mark not in inner:
                return strip_span(text, start + len(mark), end - len(mark))
    return start, end


def _indent(prefix: str) -> int:
    return len(prefix.expandtabs(4)) - len(prefix.expandtabs(4).lstrip())


def _cells(text: str, start: int, end: int) -> Iterator[Span]:
    bars = [i for i in range(start, end) if text[i] == "|"]
    for left, right in pairwise(bars):
        s, e = _unbolded(text, *strip_span(text, left + 1, right))
        yield s, e

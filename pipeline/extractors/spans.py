"""Character spans shared by the stages: pieces of text without their surrounding whitespace."""

from __future__ import annotations

import re

Span = tuple[int, int]


def strip_span(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def stripped_pieces(text: str, piece: str, start: int, end: int) -> list[Span]:
    """Spans of each match of `piece` in text[start:end], stripped, empty ones dropped."""
    spans = []
    for match in re.finditer(piece, text[start:end]):
        s, e = strip_span(text, start + match.start(), start + match.end())
        if s < e:
            spans.append((s, e))
    return spans


def occupied(length: int, spans: list[Span]) -> bytearray:
    """One byte per character, 1 where one of `spans` covers it: an overlap test is then one
    `marks.find(1, start, end)` instead of a loop over every span (long texts have thousands)."""
    marks = bytearray(length)
    for start, end in spans:
        mark(marks, start, end)
    return marks


def mark(marks: bytearray, start: int, end: int) -> None:
    marks[start:end] = b"\x01" * (end - start)


_WORD_CHAR = re.compile(r"[\w&\-]")


def whole_word_occurrences(text: str, written: str) -> list[Span]:
    """Non-overlapping occurrences of `written` not touching a letter, digit, "&" or "-" on either side;
    found with str.find, which is fast where a regex with a lookbehind tries every position."""
    found = []
    start = text.find(written)
    while start >= 0:
        end = start + len(written)
        if (start == 0 or not _WORD_CHAR.match(text, start - 1)) and not _WORD_CHAR.match(text, end):
            found.append((start, end))
            start = text.find(written, end)
        else:
            start = text.find(written, start + 1)
    return found

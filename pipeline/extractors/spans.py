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

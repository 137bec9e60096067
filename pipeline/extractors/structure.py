"""The structure stage: headline, subheadline, dateline, body, about, contact and end-mark spans, and
the release's blocks (see blocks.py).

Later stages read these spans instead of re-finding boilerplate, so a body-only stage never sees a
contact block or an "About" paragraph, and read the blocks instead of re-finding lists and headings.
"""

from __future__ import annotations

import re

from ..context import ReleaseContext
from ..knowledge import legal_suffixes
from ..models import Section, SectionKind
from .blocks import find_blocks
from .dateline import find_dateline, search_start
from .spans import Span, strip_span, stripped_pieces

_HEADLINE_MARKS = re.compile(r"[ \t]{0,8}(?:#{1,6}[ \t]{1,4})?(?:\*\*|__)?[ \t]{0,4}")
# "About Acme Inc." is a heading; "About 40 people came." is a sentence.
_DOTTED_SUFFIXES = tuple(" " + suffix for suffix in legal_suffixes() if suffix.endswith("."))
_ABOUT_RE = re.compile(r"(?:#{1,6} {1,4})?(?:\*\*|__)?(?:About|ABOUT) [^\n]{1,100}")
_CONTACT_RE = re.compile(
    r"(?:#{1,6} {1,4})?(?:\*\*|__)?(?i:(?:media|press|investor|investor relations|pr)[ \t]contacts?\b"
    r"|contacts?[ \t]{0,2}(?::|\*\*|$)|contact (?:details|information)\b"
    r"|for more information,? (?:please )?contact\b)"
    r"|SOURCE[: ]|Source: "
)
_END_RE = re.compile(r"(?:#{3}|# # #|-30-|- ?END ?-)[ \t]*$")
_MAX_SUBHEADLINE = 400


def _lines(text: str, start: int) -> list[Span]:
    """(start, end) of each non-empty line from `start`, without surrounding whitespace."""
    return stripped_pieces(text, r"[^\n]+", start, len(text))


def _headline(text: str, start: int, end: int) -> tuple[int, int]:
    """The headline line without markdown heading marks or bold markers around it."""
    m = _HEADLINE_MARKS.match(text, start, end)
    s = m.end() if m and m.end() < end else start
    e = end
    for mark in ("**", "__"):
        if text.endswith(mark, s, e) and e - s > len(mark):
            e -= len(mark)
    return strip_span(text, s, e)


def _marker_kind(text: str, start: int, end: int) -> SectionKind | None:
    line = text[start:end]
    if _END_RE.match(line):
        return "end_mark"
    heading = line.rstrip("*_")
    if _ABOUT_RE.fullmatch(line) and (not heading.endswith(".") or heading.endswith(_DOTTED_SUFFIXES)):
        return "about"
    if _CONTACT_RE.match(line):
        return "contact"
    return None


def _is_subheadline_line(text: str, start: int, end: int) -> bool:
    line = text[start:end]
    return end - start <= _MAX_SUBHEADLINE and not line.startswith("![") and line.strip("-*_ ") != ""


def extract(ctx: ReleaseContext) -> None:
    """Fill `ctx.sections` with the release's parts, sorted by start, as stripped spans."""
    text = ctx.text
    lines = _lines(text, 0)
    if not lines:
        ctx.sections = []
        ctx.structure = find_blocks(text)
        return
    sections: list[Section] = []

    def add(kind: SectionKind, start: int, end: int) -> None:
        start, end = strip_span(text, start, end)
        if start < end:
            sections.append(Section(kind=kind, start=start, end=end))

    head_start, head_end = _headline(text, *lines[0])
    add("headline", head_start, head_end)

    found = find_dateline(text, search_start(text))
    between = [ln for ln in lines[1:] if found is None or ln[1] <= found.start]
    if found is not None:
        subs = [ln for ln in between if not text.startswith("![", ln[0])]
        if subs and all(_is_subheadline_line(text, *ln) for ln in subs):
            add("subheadline", subs[0][0], subs[-1][1])
        add("dateline", found.start, found.end)
        body_start = found.end
    else:
        body_start = lines[0][1]
        # Without a dateline only a short unpunctuated line right under the headline is a subheadline.
        if len(lines) > 2:
            s, e = lines[1]
            unpunctuated = not text[s:e].rstrip("*_").endswith((".", ":", "!", "?", '"', "”"))
            plain_line = _is_subheadline_line(text, s, e) and _marker_kind(text, s, e) is None
            if e - s <= 200 and unpunctuated and plain_line:
                add("subheadline", s, e)
                body_start = e

    markers = [(s, e, kind) for s, e in _lines(text, body_start) if (kind := _marker_kind(text, s, e))]
    body_end = markers[0][0] if markers else len(text)
    add("body", body_start, body_end)
    for i, (s, e, kind) in enumerate(markers):
        block_end = e if kind == "end_mark" else (markers[i + 1][0] if i + 1 < len(markers) else len(text))
        add(kind, s, block_end)
    ctx.sections = sorted(sections, key=lambda sec: sec.start)
    ctx.structure = find_blocks(text, (head_start, head_end))

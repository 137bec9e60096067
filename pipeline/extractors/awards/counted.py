"""Winners named one by one after a count: "Acme honored ten educators at its Bright Lantern Awards."
followed by paragraphs that introduce each of the ten ("Nora Quill of Birchfield Academy will ...").

No sentence there says "won", so the count is the evidence: the winners are taken only when the
paragraphs after the count name exactly that many new people (or, failing that, organizations) before
anything else begins (a quotation, a heading, another section).
"""

from __future__ import annotations

import re

from ...context import ReleaseContext
from ...knowledge import words
from ..spans import Span
from .winners import Name

_MAX_PARAGRAPHS = 6
_QUOTES = ("“", '"')


def named_after_count(ctx: ReleaseContext, award: Span, count: int) -> tuple[Name, ...]:
    """The people (else organizations) first named after the sentence that gives `award` its count,
    when there are exactly `count` of them; else none."""
    start = _sentence_end(ctx, award[1])
    end = _stretch_end(ctx, award[1], start)
    if count < 2 or end <= start:
        return ()
    for kind, records in (("person", ctx.people), ("organization", ctx.organizations)):
        firsts = []
        for record in records:
            first = min(record.mentions, key=lambda m: m.start)
            if start <= first.start < end:
                full = next((m for m in record.mentions if m.text == record.name), first)
                firsts.append(Name(full.start, full.end, kind, at=first.start))  # type: ignore[arg-type]
        if len(firsts) == count:
            return tuple(sorted(firsts, key=lambda n: n.position))
    return ()


def _sentence_end(ctx: ReleaseContext, offset: int) -> int:
    token = ctx.doc.char_span(offset - 1, offset, alignment_mode="expand")
    return offset if token is None else token[0].sent.end_char


def _stretch_end(ctx: ReleaseContext, award_end: int, start: int) -> int:
    """Where the paragraphs after `start` (the end of the sentence naming the award) stop introducing
    winners: at a quotation, a heading or a list, or after a few paragraphs."""
    here = ctx.structure.index_at(award_end - 1)
    if here is None:
        return start
    blocks = ctx.structure.blocks
    end = blocks[here].end
    for block in blocks[here + 1 : here + 1 + _MAX_PARAGRAPHS]:
        if block.kind != "paragraph" or _quotes_someone(ctx.text[block.start : block.end]):
            break
        end = block.end
    if _quotes_someone(ctx.text[min(start, blocks[here].end) : blocks[here].end]):
        return start  # the count's own paragraph goes on to quote someone
    return end


def _quotes_someone(text: str) -> bool:
    """ "“We are proud,” said Mike Lee.": a quotation and a verb of saying; quoted words alone
    (podcast-powered “learning walks”) quote no one."""
    if not any(q in text for q in _QUOTES):
        return False
    return text.lstrip().startswith(_QUOTES) or any(
        w in words("quote_verbs") for w in re.findall(r"[a-z]+", text)
    )

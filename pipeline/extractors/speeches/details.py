"""Talks in event-details blocks, read from the structure layer:

    WHAT: Panel: Ports in 2040                      <- a label ending in a talk word, then the title
    WHEN: ...
    WHO: Panelists:                                 <- a lead whose label names speakers ...
      * Ada Kim, CEO, Norvale                       <- ... and its list (Structure.list_after)
    Moderator:                                      <- a lead whose label names who runs the talk
      * Zoe Hart, Partner, Brightwater

Labels are short Title-Case phrases before a colon; "Speaker: Ada Kim, CEO" names one inline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...knowledge import words
from ..tags import first_token_from
from .candidates import SpeakerCandidate, TitleCandidate
from .quotes import unwrapped

if TYPE_CHECKING:
    from ...context import ReleaseContext
    from ..blocks import Block
    from .people import Names

_LABEL_COLON = re.compile(r":(?=\s|$)")  # "WHAT:", not "1:30"
_WORD = re.compile(r"[\w'’&-]+")
_MAX_LABEL_WORDS = 6
_MAX_PREFIX_WORDS = 2  # "WHAT:", "Session 3:" in front of the talk's label
_REACH = 12  # blocks after the title that may hold its lists


def details_talks(
    ctx: ReleaseContext, names: Names
) -> Iterator[tuple[TitleCandidate, list[SpeakerCandidate]]]:
    """Each labelled talk title and the people its following leads list (moderators included: the
    speaker rules drop them)."""
    blocks = ctx.structure.blocks
    for i, block in enumerate(blocks):
        found = _talk_label(ctx.text, block)
        if found is None:
            continue
        word_at, (start, end) = found
        talk_word = first_token_from(ctx.doc, word_at)
        if talk_word is None:
            continue
        title = TitleCandidate(ctx.doc, start, end, talk_word.i, talk_word.i, "details")
        listed = list(_listed(ctx, names, blocks[i + 1 : i + 1 + _REACH], title.session))
        yield title, listed


def _talk_label(text: str, block: Block) -> tuple[int, tuple[int, int]] | None:
    """(offset of the talk word, title span) of "WHAT: Panel Discussion: Ports in 2040": short labels
    ("WHAT") may come first; the label that ends in a capitalised talk word is followed by the title."""
    position = block.start
    for colon in _LABEL_COLON.finditer(text, block.start, block.end):
        label = list(_WORD.finditer(text, position, colon.start()))
        if not label or not _is_label(label):
            return None
        last = label[-1].group()
        if last.casefold() in _talk_words() and last[:1].isupper() and len(label) <= _MAX_LABEL_WORDS:
            if text[block.end - 1] == ".":
                return None  # "Keynote: Ada Kim will open the day." is a sentence, not a title
            title = unwrapped(text, colon.end(), block.end)
            return (label[-1].start(), title) if title is not None else None
        if len(label) > _MAX_PREFIX_WORDS:
            return None
        position = colon.end()
    return None


def _is_label(label: list[re.Match[str]]) -> bool:
    return label[0].group()[:1].isupper()


def _talk_words() -> frozenset[str]:
    return words("talk_words") | words("session_words")


def _listed(
    ctx: ReleaseContext, names: Names, following: tuple[Block, ...], session: bool
) -> Iterator[SpeakerCandidate]:
    """The people of the leads after a talk's title, up to the next title or heading."""
    text = ctx.text
    leads: list[tuple[Block, str, int]] = []
    for block in following:
        if block.kind == "heading" or _talk_label(text, block) is not None:
            break
        lead = _lead(text, block) if block.kind != "item" else None
        if lead is not None:
            leads.append((block, *lead))
    for index, (block, label, content_start) in enumerate(leads):
        for start, end in _entries(ctx, block, content_start, leads[index + 1 :]):
            person = _person_opening(text, names, start, end)
            if person is not None:
                record, mention = person
                token = first_token_from(ctx.doc, mention.start)
                yield SpeakerCandidate(record.name, record, mention, token, "listed", session, lead=label)


def _entries(
    ctx: ReleaseContext, lead: Block, content_start: int, later: list[tuple[Block, str, int]]
) -> list[tuple[int, int]]:
    """The lead's own content ("Speaker: Ada Kim"), else the items of its list up to the next lead (a
    list may skip a paragraph between items, never another lead's list)."""
    if content_start < lead.end:
        return [(content_start, lead.end)]
    next_lead = later[0][0].start if later else len(ctx.text)
    return [(item.start, item.end) for item in ctx.structure.list_after(lead) if item.start < next_lead]


def _lead(text: str, block: Block) -> tuple[str, int] | None:
    """(label, where its content starts) of "WHO: Panelists:", "Moderator:", "Speaker: Ada Kim, CEO"; the
    label is the last labelled piece and must name speakers or who runs the talk."""
    role_words = words("speaker_nouns") | words("moderator_words")
    label, content_start, position = None, None, block.start
    for colon in _LABEL_COLON.finditer(text, block.start, block.end):
        pieces = list(_WORD.finditer(text, position, colon.start()))
        if not pieces or len(pieces) > _MAX_LABEL_WORDS or not _is_label(pieces):
            break
        label, content_start, position = text[position : colon.start()].strip(), colon.end(), colon.end()
    if label is None or content_start is None:
        return None
    if not any(word.casefold() in role_words for word in _WORD.findall(label)):
        return None
    while content_start < block.end and text[content_start].isspace():
        content_start += 1
    return label, content_start


def _person_opening(text: str, names: Names, start: int, end: int) -> tuple | None:
    """The person named first in a list entry, before its first comma ("Ada Kim, CEO, Norvale")."""
    comma = text.find(",", start, end)
    people = names.people_in(start, comma if comma > 0 else end)
    return people[0] if people else None

"""The layout of a written title: a quotation that opens at a position (straight or curly, single or
double quotes), an unquoted title running to the end of its clause, a Title-Case run, and the quotation
someone "said" (which is no title). Layout only: the words come from the knowledge folder.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...knowledge import entries, words
from ..spans import Span
from ..tags import first_token_from

if TYPE_CHECKING:
    from spacy.tokens import Doc

MAX_TITLE = 300
OPENERS = {"“": '”"', '"': '"”', "‘": "’'", "'": "'’", "«": "»"}
_TRIM = ",.;:"
_BEFORE_OPENER = "([{:–—-"
# Where an unquoted title ends, by layout: a full stop, a comma or semicolon before a lower-case word,
# a bracket, a line break.
_UNQUOTED_END = re.compile(r"\.(?:\s|$)|[,;]\s+[a-z]|\s\(|\n")
_WORD = re.compile(r"[\w'’]+")
_SENTENCE_BREAK = re.compile(r"[a-z]{2}[.!?][ \t]+[A-Z]")


def quoted_at(text: str, pos: int, lead: str) -> tuple[Span, int] | None:
    """The inside of a quotation that opens at `pos` after `lead` (a layout pattern), trimmed, and the
    offset of its closing quote; None when none opens there, it runs over a line break or it holds no
    letter."""
    opening = re.compile(lead).match(text, pos)
    if opening is None or opening.end() >= len(text) or text[opening.end()] not in OPENERS:
        return None
    open_at = opening.end()
    if open_at > 0 and not (text[open_at - 1].isspace() or text[open_at - 1] in _BEFORE_OPENER):
        return None  # `workshops," Christian said`: a quote glued to a word closes a quotation
    close_at = closing_quote(text, open_at)
    if close_at is None:
        return None
    inside = trimmed(text, open_at + 1, close_at)
    return (inside, close_at) if inside is not None else None


def closing_quote(text: str, open_at: int) -> int | None:
    """The offset of the quote that closes the one at `open_at`; an apostrophe ("Who's") closes nothing."""
    closers = OPENERS[text[open_at]]
    for i in range(open_at + 1, min(len(text), open_at + 1 + MAX_TITLE)):
        char = text[i]
        if char == "\n":
            return None
        if char in closers and not (char in "’'" and i + 1 < len(text) and text[i + 1].isalpha()):
            return i
    return None


def trimmed(text: str, start: int, end: int) -> Span | None:
    """text[start:end] without surrounding spaces and trailing clause punctuation; None when it holds
    fewer than two characters or no letter."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRIM):
        end -= 1
    if end - start < 2 or not any(ch.isalpha() for ch in text[start:end]):
        return None
    return start, end


def unwrapped(text: str, start: int, end: int) -> Span | None:
    """A title written whole inside quotes loses them: “Small Data” -> Small Data."""
    if end - start > 2 and text[start] in OPENERS and closing_quote(text, start) == end - 1:
        return trimmed(text, start + 1, end - 1)
    return trimmed(text, start, end)


def unquoted_at(text: str, pos: int, stops: list[int]) -> Span | None:
    """ "entitled Urban Growth: A Plan." — a capitalised title of two words or more, running to the end
    of its clause or to the first of `stops` (offsets where a title-ending word starts)."""
    start = pos
    while start < len(text) and text[start] in " \t,":
        start += 1
    if start >= len(text) or not (text[start].isupper() or text[start].isdigit()):
        return None
    window = text[start : start + MAX_TITLE]
    layout_end = _UNQUOTED_END.search(window, 1)
    end = start + (layout_end.start() if layout_end else len(window))
    end = min([end, *(stop for stop in stops if start < stop < end)])
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",.;:–—-"):
        end -= 1
    if len(text[start:end].split()) < 2 or not _title_cased(text[start:end]):
        return None
    return start, end


def _title_cased(title: str) -> bool:
    """ "Trade Corridors and Regional Growth", not "Internet marketing": two thirds of the words that are
    not small words ("of", "the") are capitalised."""
    small = words("title_small_words")
    content = [w for w in _WORD.findall(title) if w.casefold() not in small]
    capitalised = [w for w in content if w[:1].isupper() or w[:1].isdigit()]
    return 3 * len(capitalised) >= 2 * len(content)


def title_case_run(doc: Doc, i: int) -> Span | None:
    """ "spoke on the Rise of Cities as Global Brands," — a long Title-Case phrase ending a clause."""
    small = words("title_small_words")
    n = len(doc)
    if i < n and doc[i].lower_ in {"the", "a", "an"}:
        i += 1
    first = i
    capitals = 0
    while i < n:
        token = doc[i]
        if token.is_space or "\n" in doc[i - 1].whitespace_:
            break  # a line break ends the title
        glued = i > first and not doc[i - 1].whitespace_ and not token.is_punct  # "Chinese-style"
        if token.text[:1].isupper() and token.is_alpha:
            capitals += 1
        elif not (token.lower_ in small or token.text in {":", "-", "–"} or glued):
            break
        i += 1
    if i == first:
        return None
    last = doc[i - 1]
    ends_clause = (
        i == n
        or doc[i].is_sent_start
        or doc[i].is_space
        or "\n" in doc[i - 1].whitespace_
        or doc[i].text in {",", ".", ";", "!", "?", ")"}
    )
    run_words = [t for t in doc[first:i] if t.is_alpha]
    if not ends_clause or capitals < 3 or len(run_words) < 5 or last.lower_ in small:
        return None
    return doc[first].idx, last.idx + len(last.text)


def is_said(doc: Doc, text: str, close_at: int) -> bool:
    """`“...,” said X`, `“...,” X added`: the quotation closing at `close_at` is something said. After a
    full stop inside the quotes only a lower-case verb right after counts ("“We grew.” Maria said" is two
    sentences)."""
    verbs = words("quote_verbs")
    sentence_closed = text[close_at - 1 : close_at] in {".", "!", "?"}
    first = first_token_from(doc, close_at + 1)
    if first is None:
        return False
    names = 0
    for token in doc[first.i : first.i + 8]:
        if token.text in {",", "’", "”", "'", '"'} or token.is_space:
            continue
        if token.lower_ in verbs:
            return not sentence_closed or token.text.islower()
        if sentence_closed or names >= 5 or not (token.text[:1].isupper() or token.tag_ == "PRP"):
            return False
        names += 1
    return False


def is_first_person(text: str, start: int, end: int) -> bool:
    """ "In his speech, “We will grow.”": a first-person sentence in quotes is a quotation, not a title."""
    sentence_end = text[end : end + 1] in {".", "!"}
    first_person = frozenset(entries("first_person_words"))
    return sentence_end and any(word in first_person for word in _WORD.findall(text[start:end]))


def holds_sentence_break(text: str, start: int, end: int) -> bool:
    """ "... a new era. Although concerns exist, ...": a full stop after a lower-case word, then a capital."""
    return _SENTENCE_BREAK.search(text, start, end) is not None

"""Helpers of the awards stage: stated counts, and splitting a written list into winner names.

A list's members are cut where the entity records and company-form suffixes allow ("Acme Co., Ltd., Foo
Inc. and Bar" is three members), and each member is trimmed to the name as written ("Anji in Zhejiang"
-> "Anji", "Towong Councils" -> "Towong"; "Northern Beaches of Sydney" stays whole).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..context import ReleaseContext
from ..knowledge import words
from ..models import Mention, WinnerKind
from ..validate import normalise_space
from .entities import common_words
from .spans import Span, strip_span
from .tags import opens_with_verb

_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_NUMBER = (
    r"(?:(?!(?:19|20)\d\d\b)\d{1,4}|(?i:"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")(?:[- ](?i:one|two|three|four|five|six|seven|eight|nine))?(?: (?i:hundred))?)"
)
# "a total of 25 cities", "Ten urban districts", "the 19 winners": a number, up to two modifiers, a plural.
_COUNT = re.compile(
    rf"(?<![\w$£€.,])(?P<number>{_NUMBER})(?: [a-z][a-z\-]{{1,20}}){{0,2}} "
    r"(?P<noun>[a-z]{2,20}s|people|individuals)\b"
)
_NOT_COUNTED = frozenset(
    {"years", "months", "weeks", "days", "hours", "minutes", "times", "percent", "markets", "countries"}
)
_PARTIAL = re.compile(
    r"\b(?:including|includes|include|such as|among them|among|etc\.?|and others|and more)\b"
)


def number_value(written: str) -> int | None:
    """ "25" -> 25, "seven" -> 7, "twenty-five" -> 25, "two hundred" -> 200."""
    if written.isdigit():
        return int(written)
    total = 0
    for part in re.split(r"[- ]", written.casefold()):
        if part == "hundred":
            total = max(total, 1) * 100
        elif part in _NUMBER_WORDS:
            total += _NUMBER_WORDS[part]
        else:
            return None
    return total or None


def stated_count(text: str) -> int | None:
    """The first number of things written in `text` ("seven cities"), not years, durations or shares."""
    for match in _COUNT.finditer(text):
        number = match.group("number")
        if re.fullmatch(r"(?:19|20)\d\d", number) or match.group("noun") in _NOT_COUNTED:
            continue
        value = number_value(number)
        if value is not None and value > 1:
            return value
    return None


def says_partial(text: str) -> bool:
    """ "including ...", "among the winners", "etc.": the text names only some winners."""
    return bool(_PARTIAL.search(text))


# --- splitting lists -------------------------------------------------------------------------------

_SEPARATOR = re.compile(r",? (?:and|&) |; ?|, ?| (?:and|&) ")
_LEGAL_NEXT = re.compile(
    r"(?:Co\.|Inc\b|Ltd\b|LLC\b|LLP\b|L\.L\.C\.|Corp\b|Limited\b|plc\b|PLC\b|S\.A\.|N\.V\.|GmbH\b)"
)
_LEAD = re.compile(r"(?:(?:and|&|both|all|the|The|as well as|including|namely|respectively)\s+){1,3}")
_CUT_PLACE = re.compile(r" (?:in|at|from|of) (?=[A-Z])")
_TAIL = re.compile(r"(?:,? (?:etc\.?|and others|and more))$|\s*\([^()]{0,40}\)$")
_GROUP_NOUN = re.compile(r" (?:Councils|Cities|Counties|Districts|Shires|Municipalities|Companies)$")
_CONNECTORS = frozenset({"of", "and", "&", "de", "du", "la", "van", "von", "der", "for", "the", "y"})
_NAME_WORD = re.compile(r"[A-Z0-9][\w’'&/.\-]*|[a-z]+[A-Z][\w\-]*")


@dataclass(frozen=True)
class Item:
    start: int
    end: int
    kind: WinnerKind


def protected_spans(ctx: ReleaseContext) -> list[Span]:
    """Spans a list is never cut inside: every mention of a person, organization or city."""
    mentions = [
        m for records in (ctx.people, ctx.organizations, ctx.cities) for r in records for m in r.mentions
    ]
    return sorted((m.start, m.end) for m in mentions)


def list_items(ctx: ReleaseContext, start: int, end: int, protected: list[Span]) -> list[Item]:
    """The names of the list written in text[start:end], in order; stops at the first piece that is not
    a name ("Acme, a startup from Ohio, ..." gives "Acme")."""
    text = ctx.text
    pieces: list[Span] = []
    piece_start = start
    brackets = [m.span() for m in re.finditer(r"\([^()\n]{0,80}\)", text[start:end])]
    for sep in _SEPARATOR.finditer(text, start, end):
        inside = any(s < sep.start() < e for s, e in protected) or any(
            s < sep.start() - start < e for s, e in brackets
        )
        if inside or _LEGAL_NEXT.match(text, sep.end()):
            continue
        pieces.append((piece_start, sep.start()))
        piece_start = sep.end()
    pieces.append((piece_start, end))
    items = []
    for piece in pieces:
        name = member_name(text, *piece)
        if name is None:
            break
        name = _without_role(ctx, *name)
        if name is not None:
            items.append(Item(name[0], name[1], winner_kind(ctx, *name)))
    return items


_CREDENTIAL = re.compile(r"[A-Z]{2,5}|Ph\.?D\.?|M\.?D\.?|Esq\.?|Jr\.?|Sr\.?")


def _without_role(ctx: ReleaseContext, start: int, end: int) -> Span | None:
    """ "Representative Jane Roe" -> "Jane Roe"; an appositive role ("Co-Founder", "President of Acme")
    or a credential after a name ("MPH") is no member at all."""
    text = ctx.text
    first = text[start:end].split(" ", 1)[0]
    inner = [m for p in ctx.people for m in p.mentions if start <= m.start and m.end <= end and " " in m.text]
    if inner and not _LEGAL_IN.search(text[start:end]):
        # "Cook County Commissioner Jane Roe", "Rookie of the Year Jane Roe of Acme Pancakes": the person
        person = max(inner, key=lambda m: (m.end - m.start, -m.start))
        return person.start, person.end
    if any(start < m.end and m.start < end for m in _title_mentions(ctx)):
        return None  # "Jane Roe, MPH, Health Director for the county": the title the affiliations stage read
    named = any(
        m.start == start for records in (ctx.organizations, ctx.people) for r in records for m in r.mentions
    )
    if not named and opens_with_verb(ctx.doc, start, end, min_tokens=2):
        return None  # "Award: Celebrating 10 Years of Service", "Winners: Announcing ..."
    if first.casefold().rstrip(".") in words("titles") or first in {"As", "Additionally", "Also"}:
        return None
    if first.casefold() in words("title_heads") and not inner:
        return None  # an appositive role: "Health Director for the county"
    if " " not in text[start:end] and text[start:end].casefold() in common_words(text):
        return None  # a common noun written with a capital ("Equity", "Mining")
    if _CREDENTIAL.fullmatch(text[start:end]) and not named:
        return None
    return start, end


def _title_mentions(ctx: ReleaseContext) -> list[Mention]:
    return [
        m
        for person in ctx.people
        for affiliation in person.affiliations
        for m in affiliation.mentions
        if normalise_space(m.text) == affiliation.title
    ]


_LEGAL_IN = re.compile(r"\b(?:Inc|Ltd|LLC|Corp|Corporation|Company|Group|Limited|GmbH|plc)\b")


def member_name(text: str, start: int, end: int) -> Span | None:
    """The name a list piece gives, as written, or None when the piece is not a name."""
    start, end = strip_span(text, start, end)
    lead = _LEAD.match(text, start, end)
    if lead:
        start = lead.end()
    piece = text[start:end]
    tail = _TAIL.search(piece)
    if tail:
        end = start + tail.start()
    end = start + len(text[start:end].rstrip(" ,;:!?*\"”’'"))
    if text[end - 1 : end] == "." and not re.search(r"\b(?:Inc|Ltd|Co|Corp|Jr|Sr|[A-Z])\.$", text[start:end]):
        end -= 1
    words = list(re.finditer(r"\S+", text[start:end]))
    if not words or not _NAME_WORD.fullmatch(words[0].group().strip(",.’'")):
        return None
    last = words[0].end()
    for word in words[1:]:
        token = word.group()
        if not (_NAME_WORD.match(token) or token in _CONNECTORS):
            break
        last = word.end()
    end = start + last
    place = _CUT_PLACE.search(text, start, end)
    if place and " of " not in place.group():
        end = place.start()  # "Anji in Zhejiang": the member is the first place
    group = _GROUP_NOUN.search(text, start, end)
    if group:
        end = group.start()  # "Banyule and Towong Councils": the members are places
    while end > start and text[end - 1] in " ,;:-–—":
        end -= 1
    while text[start:end].rsplit(" ", 1)[-1] in _CONNECTORS and " " in text[start:end]:
        end = start + text[start:end].rindex(" ")
    if end - start < 2 or not any(ch.isalpha() for ch in text[start:end]):
        return None
    return start, end


def winner_kind(ctx: ReleaseContext, start: int, end: int) -> WinnerKind:
    """A city, organization or person record at the name decides its kind; a name around one (
    "City of Perth") takes that record's kind."""
    found: list[tuple[int, WinnerKind]] = []
    kinds: tuple[tuple[WinnerKind, list[Mention]], ...] = (
        ("person", [m for r in ctx.people for m in r.mentions]),
        ("organization", [m for r in ctx.organizations for m in r.mentions]),
        ("city", [m for r in ctx.cities for m in r.mentions]),
    )
    for kind, mentions in kinds:
        for m in mentions:
            if m.start == start and m.end == end:
                return kind
            if start <= m.start and m.end <= end:
                found.append((m.end - m.start, kind))
            elif m.start <= start and end <= m.end:
                found.append((end - start, kind))
    if found:
        return max(found)[1]
    if _LEGAL_IN.search(ctx.text[start:end]):
        return "organization"
    return "other"

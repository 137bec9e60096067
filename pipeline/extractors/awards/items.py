"""One list item read by its shape: which part names the award (or its category) and which the winners.

Shapes, tried in order:
- "Winner: Acme - Seattle", "Finalist: ..."      a label that says what the rest is
- "Best EV: Norden Volta 7", "Category: Winner"   a label, then the winners
- "Retail – Copperleaf Goods https://...",        a dash between category and winners; "Acme - Seattle"
  "Gold Award Winner – Lars Eklund"               (a place after the dash) names a winner, no category
- "Norvik Labs (Energy, Gold Award)"              the winner, then its category in brackets
- "Harwick Stone", "Jane Roe, Canton, Ohio"       the winner alone
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...context import ReleaseContext
from ...knowledge import census_names, country_of, is_us_state_code, region_country, words
from ..spans import Span, strip_span
from .names import has_honour_word
from .winners import Name, split_winners, winner_kind

# "Category: Winner", also glued ("Best Wellness Initiative:Kestrelon"), but not a time ("12:45").
_LABEL = re.compile(r"[^:\n]{1,120}?(?:(?<!\d):(?=[A-Za-z\"“])|:\s+)")
_DASH = re.compile(r"\s+[-–—]\s*|\s*[–—]\s+")
_BRACKETED = re.compile(r"\((?P<inside>[^()\n]{1,120})\)")
_STATE_CODE = re.compile(r"[A-Z]{2}")
_MAX_LABEL_WORDS = 12


@dataclass(frozen=True)
class Reading:
    """What an item says: its category (None when the item names winners only) and its winners."""

    shape: str
    category: Span | None = None
    winners: list[Name] = field(default_factory=list)
    not_winners: bool = False  # "Finalist: ...": the item names people who did not win


def read_item(ctx: ReleaseContext, start: int, end: int) -> Reading:
    """The reading of text[start:end] by the first shape that fits it."""
    text = ctx.text
    start, end = strip_span(text, start, end)
    end = start + len(text[start:end].rstrip(" .;*_"))
    label = _LABEL.match(text, start, end)
    dash = _DASH.search(text, start, end)
    if label is not None and dash is not None and start < dash.start() < label.end():
        label = None  # "Hall of Fame – The Crane Family: Lucia, Tom": the dash comes first
    if label is not None and len(text[start : label.end()].split()) <= _MAX_LABEL_WORDS:
        head = strip_span(text, start, label.end() - len(label.group()) + label.group().rindex(":"))
        rest = strip_span(text, label.end(), end)
        return _labelled(ctx, head, rest)
    if dash is not None and dash.start() > start:
        left = strip_span(text, start, dash.start())
        right = strip_span(text, dash.end(), end)
        return _dashed(ctx, left, right)
    bracket = _BRACKETED.search(text, start, end)
    if bracket is not None and bracket.start() > start:
        category = _honour_part(ctx, *bracket.span("inside"))
        return Reading("bracket", category, split_winners(ctx, start, bracket.start(), in_item=True))
    return Reading("bare", None, split_winners(ctx, start, end, in_item=True))


def _labelled(ctx: ReleaseContext, head: Span, rest: Span) -> Reading:
    text = ctx.text
    label = text[head[0] : head[1]].strip("*_ ").casefold()
    if label in words("not_winner_nouns"):
        return Reading("winner-label", not_winners=True)
    if label in words("winner_nouns") or _is_place(ctx, *head):
        # "WINNER: Acme"; "Boise, Idaho: Acme" (a place says where, not which award)
        return Reading("winner-label", None, split_winners(ctx, *rest, in_item=True))
    return Reading("label", category_name(text, *head), split_winners(ctx, *rest, in_item=True))


def _dashed(ctx: ReleaseContext, left: Span, right: Span) -> Reading:
    text = ctx.text
    first_right = _DASH.split(text[right[0] : right[1]])[0]
    right_first = (right[0], right[0] + len(first_right.rstrip()))
    left_honour = has_honour_word(text[left[0] : left[1]])
    if not left_honour and _is_place(ctx, *right_first):
        return Reading("winner-place", None, split_winners(ctx, *left, in_item=True))
    if _is_person(ctx, *left) and _opens_with_role(text[right_first[0] : right_first[1]]):
        # "Jana Holm – Sr. Sales Associate – Store #61": a winner and her role
        return Reading("winner-place", None, split_winners(ctx, *left, in_item=True))
    if _ends_with_winner_noun(text, *left):
        return Reading("dash", category_name(text, *left), split_winners(ctx, *right, in_item=True))
    if has_honour_word(text[right_first[0] : right_first[1]]) and not has_honour_word(
        text[left[0] : left[1]]
    ):
        return Reading(
            "winner-dash", category_name(text, *right_first), split_winners(ctx, *left, in_item=True)
        )
    return Reading("dash", category_name(text, *left), split_winners(ctx, *right, in_item=True))


def _is_person(ctx: ReleaseContext, start: int, end: int) -> bool:
    return winner_kind(ctx, start, end) == "person" or person_like(ctx.text[start:end])


def person_like(name: str) -> bool:
    """Two or three title-case words opening with a census given name ("Nora Blix")."""
    tokens = name.split()
    return 2 <= len(tokens) <= 3 and tokens[0].casefold() in census_names("given") and name.istitle()


def _opens_with_role(text: str) -> bool:
    """ "Sr. Sales Associate", "President & Founder": a job title, by its first or last word."""
    tokens = [t.casefold().strip(".,") for t in text.split()]
    roles = words("titles") | words("title_heads")
    return bool(tokens) and (tokens[0] in roles or tokens[-1] in words("title_heads"))


def category_name(text: str, start: int, end: int) -> Span | None:
    """The category a label or dash part names, without a trailing "Winner(s)" and marks."""
    start, end = strip_span(text, start, end)
    while start < end and text[start] in "*_#-–—• ":
        start += 1
    while end > start and text[end - 1] in "*_:-–— ":
        end -= 1
    qualifier = re.search(r"\s*\((?=[a-z])[^()]*\)$", text[start:end])  # "(under age 40)"
    if qualifier is not None:
        end = start + qualifier.start()
    words_in = text[start:end].split()
    while len(words_in) > 1 and words_in[-1].casefold().strip(":") in words("winner_nouns"):
        end = start + text[start:end].rstrip().rindex(" ")
        words_in = words_in[:-1]
    end = strip_span(text, start, end)[1]
    return (start, end) if end > start else None


def _ends_with_winner_noun(text: str, start: int, end: int) -> bool:
    last = text[start:end].split()[-1].casefold().strip("*_:")
    return last in words("winner_nouns")


def _honour_part(ctx: ReleaseContext, start: int, end: int) -> Span | None:
    """ "(Energy, Gold Award)": the comma piece that names an honour."""
    text = ctx.text
    for piece in re.finditer(r"[^,]+", text[start:end]):
        s, e = strip_span(text, start + piece.start(), start + piece.end())
        if has_honour_word(text[s:e]):
            return s, e
    return None


def _is_place(ctx: ReleaseContext, start: int, end: int) -> bool:
    """ "Seattle", "Eau Claire, WI", "Kelowna, Canada", "Lexington (Midtown), KY": a place after a
    winner, read from the city records and the region and country lists."""
    text = ctx.text
    if end <= start:
        return False
    if any(p.name == text[start:end] for p in ctx.people):
        return False  # "Gold Award Winner – Mina Cole": a person named elsewhere, whatever one line says
    if any(m.start == start and m.end == end for city in ctx.cities for m in city.mentions):
        return True  # the whole part is a city, not "Boise Rescue Mission"
    parts = [p.strip(" .()") for p in re.split(r",|\(|\)", text[start:end]) if p.strip(" .()")]
    if not parts or len(parts) > 3:
        return False
    tail = parts[-1]
    known = country_of(tail) or region_country(tail) or region_country(tail + ".") or is_us_state_code(tail)
    return (bool(known) or bool(_STATE_CODE.fullmatch(tail))) and all(p[:1].isupper() for p in parts)

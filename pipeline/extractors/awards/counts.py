"""Stated counts: how many winners the text says an award has ("a total of 25 cities", "seven
advocates were honored", "the (12) Coastal Builders Award Winners", "announced 17 winners")."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from ...knowledge import entries, words

if TYPE_CHECKING:
    from spacy.tokens import Token

_DIGITS = re.compile(r"\d{1,4}")
_YEAR = re.compile(r"(?:19|20)\d\d")
_BRACKETED = re.compile(r"\((?P<number>\d{1,4})\)")


@cache
def _number_words() -> dict[str, int]:
    return {
        word.casefold(): int(value) for word, value in (line.split("\t") for line in entries("number_words"))
    }


def number_value(written: str) -> int | None:
    """ "25" -> 25, "seven" -> 7, "twenty-five" -> 25, "two hundred" -> 200; None for anything else."""
    if _DIGITS.fullmatch(written):
        return int(written)
    total = 0
    for part in re.split(r"[- ]", written.casefold().replace(" and ", " ")):  # "one hundred and five"
        value = _number_words().get(part)
        if value is None:
            return None
        total = max(total, 1) * value if value == 100 else total + value
    return total or None


def count_of(noun: Token) -> int | None:
    """The number a noun is counted with ("seven advocates", "25 cities"), unless the noun counts
    something else than winners ("25 years") or the number is a year."""
    if noun.lower_ in words("not_counted_nouns") and noun.lower_ not in words("winner_nouns"):
        return None
    for child in noun.children:
        if child.dep_ == "nummod" and not _YEAR.fullmatch(child.text):
            value = number_value(_whole_number(child))
            if value is not None and value > 1:
                return value
    return None


def bracketed_count(text: str) -> int | None:
    """ "The (12) 2031 Coastal Builders Award Winners": a count in brackets before a lead's name."""
    match = _BRACKETED.search(text)
    if match is None or _YEAR.fullmatch(match.group("number")) or int(match.group("number")) < 1:
        return None
    return int(match.group("number"))


def _whole_number(token: Token) -> str:
    """ "twenty-five" is three tokens in spaCy; the number as written from its first to last token."""
    parts = [t for t in token.subtree if t.like_num or t.text == "-" or t.lower_ in _number_words()]
    if not parts:
        return token.text
    return token.doc[parts[0].i : parts[-1].i + 1].text

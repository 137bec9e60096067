"""Award names: capitalised phrases around an honour word ("Civic Trust Award", "Hall of Fame",
"Small Business of the Year", "Top 100 Women in Tech") and quoted titles holding one.

A Matcher built from `knowledge/patterns/award_names.jsonl` finds the head; the name grows left over
capitalised words, numbers and connectors, and right over a year or a "for ..." phrase, then loses what
a title-case headline puts in front of it ("Acme Wins the ...", "Winners of the ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from spacy.matcher import Matcher

from ...knowledge import entries, patterns, words
from ..spans import Span
from .counts import number_value

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token
    from spacy.vocab import Vocab

    from ...context import ReleaseContext

# Words that join the capitalised words of one name: "Beacon of Europe", "Minister's", "Arts & Letters".
# Punctuation inside one name ("Minister's", "Asia/Pacific"); the words are in award_name_joiners.txt.
_GLUE = frozenset({"'s", "’s", "'", "’", "-", "–", "/"})
_YEAR = re.compile(r"(?:19|20)\d\d|'\d\d|/\d\d")
_QUOTED = re.compile(r"[“\"](?P<name>[^“”\"\n]{3,300})[”\"]")
_MAX_TOKENS = 16
_FINITE_VERBS = frozenset({"VBZ", "VBD", "VBP", "MD"})


@dataclass(frozen=True)
class _Marks:
    """What a name may not grow over: the headline's verbs, places, and the ends of people's and
    organizations' names (offsets of tokens)."""

    verbs: frozenset[int]
    places: frozenset[int]
    record_ends: frozenset[int]


@cache
def _matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab, validate=True)
    for label, pattern in patterns("award_names"):
        matcher.add(label, [pattern])
    for phrase in entries("honour_phrases"):
        matcher.add("HEAD", [[{"LOWER": word} for word in phrase.split()]])
    return matcher


def award_names(ctx: ReleaseContext) -> list[Span]:
    """Every award name written in the release, outermost spans, in text order."""
    doc = ctx.doc
    marks = _Marks(
        verbs=headline_verbs(ctx),
        places=frozenset(m.start for city in ctx.cities for m in city.mentions),
        record_ends=frozenset(
            doc.char_span(m.start, m.end, alignment_mode="expand")[-1].idx  # type: ignore[index]
            for records in (ctx.people, ctx.organizations)
            for r in records
            for m in r.mentions
            if doc.char_span(m.start, m.end, alignment_mode="expand") is not None
        ),
    )
    headline = ctx.section("headline")
    spans: list[Span] = []
    for match_id, start, end in _matcher(doc.vocab)(doc):
        label = doc.vocab.strings[match_id]
        if _in_upper_case_headline(ctx, doc[start].idx):
            continue  # "ACME WINS TWO GOLD AWARDS IN 2024 BUSINESS AWARDS": no telling where a name ends
        if label == "HEAD" and _is_head(doc, start, end):
            in_title_case = (
                bool(marks.verbs) and headline is not None and headline.start <= doc[start].idx < headline.end
            )
            span = _name_around(doc, start, end, marks, grow_right=not in_title_case)
        elif label == "LIST":
            span = _list_name(doc, start, end)
        elif label == "NUMBERED":
            span = _numbered_list_name(doc, start)
        else:
            span = None
        if span is not None:
            spans.append(span)
    quotes = [q.span("name") for q in _QUOTED.finditer(ctx.text)]
    for start, end in quotes:
        quoted = ctx.text[start:end]
        ranked = quoted.split(" ", 1)[0].casefold() in words("ranking_words")
        if _is_title_like(quoted) and (ranked or _has_head(doc, start, end)):
            spans.append((start, end))  # "2031 Lantern Awards", "Best Employers for Women 2031"
    # A name inside a longer quotation is part of a title of a work ("Outrank: ... Your Competition"),
    # inside a person's or organization's name part of that name ("Sagebrush Community Grant Fund").
    spans = [s for s in spans if not any(q[0] <= s[0] and s[1] <= q[1] and s != q for q in quotes)]
    records = [(m.start, m.end) for rs in (ctx.people, ctx.organizations) for r in rs for m in r.mentions]
    spans = [s for s in spans if not any(m[0] <= s[0] and s[1] <= m[1] and s != m for m in records)]
    return [s for s in _outermost(spans) if not _is_generic(ctx.text[s[0] : s[1]])]


def _joiners() -> frozenset[str]:
    return words("award_name_joiners") | _GLUE


def _is_title_like(quoted: str) -> bool:
    """ "2014 Regional Export Brands - Top 20 from Chile", not "We're excited to unveil this
    year's awards,": a short phrase of capitalised words."""
    tokens = re.findall(r"[\w’'&\-]+", quoted)
    content = [t for t in tokens if t.casefold() not in words("title_small_words")]
    capitalised = [t for t in content if t[:1].isupper() or t[:1].isdigit()]
    return (
        0 < len(tokens) <= 14
        and len(capitalised) * 4 >= len(content) * 3
        and not quoted.rstrip().endswith(",")
    )


def _is_generic(name: str) -> bool:
    """ "Top Honors", "Dual Honors", "two prestigious awards": honour words that name no award."""
    tokens = [t.casefold() for t in re.findall(r"[\w’'\-]+", name)]
    vague = words("generic_honour_words") | words("honour_heads") | words("honour_nouns") | _joiners()
    return all(t in vague or number_value(t) is not None for t in tokens)


_ALIAS = re.compile(r"\s*\((?P<alias>[A-Z][A-Za-z&]{1,11})\)")


def award_aliases(text: str, names: list[Span]) -> dict[str, Span]:
    """ "the 2027 Coastal Auto Writers Awards (CAWA)": an award's abbreviation, which later text uses
    alone ("The 2027 CAWA winners are:")."""
    aliases: dict[str, Span] = {}
    for name in names:
        match = _ALIAS.match(text, name[1])
        if match is not None and match.group("alias").isupper():
            aliases.setdefault(match.group("alias"), name)
    return aliases


def is_honour_noun(token: Token) -> bool:
    """ "the award", "the top prize", "this honor": an honour named without its name."""
    return token.lower_ in words("honour_nouns")


def has_honour_word(text: str) -> bool:
    """Whether a phrase holds an honour head ("Best Retailer Award", "Hall of Fame", "of the Year")."""
    folded = text.casefold()
    tokens = re.findall(r"[\w’']+", folded)
    heads = any(t in words("honour_heads") for t in tokens)
    return heads or any(phrase in folded for phrase in words("honour_phrases"))


def headline_verbs(ctx: ReleaseContext) -> frozenset[int]:
    """Offsets of the headline's verbs. A title-case headline ("Acme Wins Harbor Prize") gets its verbs
    tagged as proper nouns, so the headline is tagged again in lower case."""
    headline = ctx.section("headline")
    if headline is None:
        return frozenset()
    text = ctx.text[headline.start : headline.end]
    if not has_honour_word(text):
        return frozenset()  # no award is named in it: its verbs end no name
    if sum(w[:1].isupper() for w in text.split()) * 2 < len(text.split()) and not text.isupper():
        return frozenset()  # a sentence-case headline is tagged well as it is
    lowered = _tagged(ctx.nlp, text.lower())
    known = words("win_verbs") | words("honour_verbs") | words("give_verbs")
    return frozenset(
        headline.start + t.idx for t in lowered if t.tag_ in _FINITE_VERBS or (t.lower_ in known and t.i > 0)
    )


def _tagged(nlp: Language, text: str) -> Doc:
    """The text with Penn tags only: the parser and NER are not needed to find verbs."""
    if not hasattr(nlp, "pipeline"):
        return nlp(text)  # a plain callable (a test double)
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name in {"tok2vec", "tagger"}:
            doc = component(doc)
    return doc


def _in_upper_case_headline(ctx: ReleaseContext, offset: int) -> bool:
    headline = ctx.section("headline")
    return (
        headline is not None
        and headline.start <= offset < headline.end
        and ctx.text[headline.start : headline.end].isupper()
    )


def _is_head(doc: Doc, start: int, end: int) -> bool:
    """A head that ends a name: not a verb ("Japan honors"), capitalised itself, or lower case after a
    capitalised word that is no head itself ("the Best Ledger Security award")."""
    first, last = doc[start], doc[end - 1]
    if first.tag_.startswith("VB"):
        return False
    if last.text[:1].isupper():
        return True  # "Prize", "of the Year"
    previous = doc[start - 1] if start > 0 else None
    return (
        previous is not None
        and previous.text[:1].isupper()
        and not previous.is_sent_start
        and previous.lower_ not in words("honour_heads")
    )


def _name_around(doc: Doc, start: int, end: int, marks: _Marks, grow_right: bool) -> Span | None:
    """The capitalised phrase around a head; in a title-case headline it does not grow right, where
    a name cannot be told from the words after it ("Wins Harbor Prize for Work in Schools")."""
    left = start
    while left > 0 and start - left < _MAX_TOKENS and _joins_left(doc, left - 1, marks):
        left -= 1
    while left < start and _is_leading_noise(doc[left]):
        left += 1
    if left < start and doc[left].lower_ in _joiners():
        left += 1
    left = _after_owner(doc, left, start, marks)
    right = _extend_right(doc, end, marks.places) if grow_right else end
    if left == start and doc[start].lower_ in words("honour_nouns") and doc[start].lower_.endswith("s"):
        return None  # "Honors for Acme Tanks include:", "Awards for the team": no name
    while right > end and doc[right - 1].lower_ in words("winner_nouns"):
        right -= 1  # "Global Award Winner 2023" names the "Global Award"
    name_tokens = doc[left:right]
    words_in_name = [t for t in name_tokens if t.is_alpha or t.like_num]
    if len(words_in_name) < 2 or all(t.lower_ in words("honour_heads") for t in words_in_name):
        return None
    return name_tokens.start_char, name_tokens.end_char


def _joins_left(doc: Doc, i: int, marks: _Marks) -> bool:
    """Whether token i belongs to the name that continues at i + 1."""
    token = doc[i]
    if "\n" in token.whitespace_ or token.is_space or "\n" in token.text:
        return False
    folded = token.lower_
    possessive = i + 1 < len(doc) and doc[i + 1].text in {"'", "’", "'s", "’s"}
    if folded in words("winner_nouns") and not possessive:
        return False  # "Winners of the ...", but "Judges’ Choice Award"; "Partner of the Year" stays
    if folded in {"the", "a", "an"}:
        return False
    if token.text[:1].isupper() or token.like_num or _ordinal(token.text):
        # A verb ends the name ("Acme Wins the ..."), even one the headline's title case hides.
        return not ((token.tag_ in _FINITE_VERBS and token.i > 0) or token.idx in marks.verbs)
    glued = i > 1 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_
    if glued and doc[i - 2].text[:1].isupper():
        return True  # "County-level", not "back-to-back"
    if (
        folded in {"and", "&"}
        and i > 0
        and (doc[i - 1].lower_ in words("honour_heads") or doc[i - 1].idx in marks.record_ends)
    ):
        return False  # "the A Award and B Award", "Halvern Biotech and Sagebrush Grant Fund": two names
    if folded in _GLUE and token.text in "-–" and (token.whitespace_ or (i > 0 and doc[i - 1].whitespace_)):
        return False  # "Quenby Labs – Small Business of the Year": a spaced dash parts two things
    if folded in _joiners():
        return i > 0 and (doc[i - 1].text[:1].isupper() or doc[i - 1].like_num) and not token.is_sent_start
    return token.text in {"®", "™"}


def _after_owner(doc: Doc, left: int, start: int, marks: _Marks) -> int:
    """ "Harbor Valley Credit Union’s 2025 Bright Lantern Awards": a person or organization that owns
    the award is not part of its name ("Judges’ Choice Award" and "NRDA Minister’s Awards" name no one)."""
    for i in range(start - 1, left, -1):
        if doc[i].text in {"'", "’", "'s", "’s"} and doc[i - 1].idx in marks.record_ends:
            return i + 2 if doc[i + 1].text in {"®", "™"} else i + 1
    return left


def _is_leading_noise(token: Token) -> bool:
    """Words a name does not start with: articles, prepositions, verbs, and counts ("two Bronze
    Awards"; a year stays: "2024 Copper Pen Awards")."""
    folded = token.lower_
    count = token.like_num and not _YEAR.fullmatch(token.text) and not _ordinal(token.text)
    owner = token.i + 1 < len(token.doc) and token.doc[token.i + 1].text in {"'", "’", "'s", "’s"}
    if owner and token.text[:1].isupper():
        return False  # "Judges’ Choice Award", "People's Choice Award": the owner is part of the name
    return (
        folded in words("name_leading_words")
        or folded in words("winner_nouns")
        or folded in words("not_winner_nouns")
        or count
        or token.tag_ in _FINITE_VERBS
        or (token.is_punct and token.text not in {"'s", "’s"})
    )


def _extend_right(doc: Doc, end: int, places: frozenset[int]) -> int:
    """Past a year ("Awards 2023"), a "for ...", "in ..." or "of ..." phrase of capitalised words
    ("Award for Excellence in Engineering", "Medal of Science") that does not name a place."""
    right = end
    if right < len(doc) and doc[right].lower_ in words("honour_heads") and doc[right].text[:1].isupper():
        right += 1  # "Mentor of the Year Award", not "the Y Awards honor excellence"
    if right < len(doc) and _YEAR.fullmatch(doc[right].text) and "\n" not in doc[right - 1].whitespace_:
        return right + 1
    if (
        right + 1 < len(doc)
        and doc[right].lower_ in {"for", "in", "of"}
        and "\n" not in doc[right].whitespace_
    ):
        probe = right + 1
        if doc[probe].lower_ == "the":
            if doc[right].lower_ != "for":
                return right  # "in the Executive of the Year category" names a category, not the award
            probe += 1  # "Award for the Arts"
        if doc[probe].idx in places or doc[probe].lower_ in words("months") | words("weekdays"):
            return right  # "the Y Competition in Austin", "Hall of Fame in June": where or when
        taken = probe
        while taken < len(doc) and taken - probe < 6 and "\n" not in doc[taken - 1].whitespace_:
            token = doc[taken]
            if token.text[:1].isupper() and token.is_alpha and not token.tag_.startswith("VB"):
                taken += 1
            elif token.lower_ in {"of", "and", "&", "in", "the"} and taken + 1 < len(doc):
                if not doc[taken + 1].text[:1].isupper():
                    break
                taken += 1
            else:
                break
        if taken > probe and doc[taken - 1].text[:1].isupper():
            return taken
    return right


def _numbered_list_name(doc: Doc, number: int) -> Span | None:
    """ "the Cloud Weekly 50 list" -> "Cloud Weekly 50": capitalised words before the number."""
    left = number
    while (
        left > 0
        and number - left < 6
        and doc[left - 1].text[:1].isupper()
        and not doc[left - 1].is_sent_start
    ):
        left -= 1
    if left == number or _YEAR.fullmatch(doc[number].text):
        return None
    return doc[left].idx, doc[number].idx + len(doc[number].text)


def _list_name(doc: Doc, start: int, end: int) -> Span | None:
    """ "Top 100 Women in Tech", "Magic Quadrant for Archive Platforms, 2009": capitalised words
    after the start, to the end of the phrase, with a year after a comma."""
    right = end
    while right < len(doc) and right - end < 8 and "\n" not in doc[right - 1].whitespace_:
        token = doc[right]
        if token.text == "," and right + 1 < len(doc) and _YEAR.fullmatch(doc[right + 1].text):
            right += 2
            break
        if token.text[:1].isupper() or token.like_num:  # "Top 40 Under 40"
            right += 1
        elif token.lower_ in {"of", "in", "for", "to", "&", "and"} and right + 1 < len(doc):
            if not doc[right + 1].text[:1].isupper():
                break
            right += 1
        else:
            break
    if right == end or not doc[start].text[:1].isupper():
        return None
    return doc[start].idx, doc[right - 1].idx + len(doc[right - 1].text)


def _has_head(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="contract")
    return span is not None and any(
        doc.vocab.strings[m] in {"HEAD", "LIST"} for m, _, _ in _matcher(doc.vocab)(span)
    )


def _ordinal(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,3}(?:st|nd|rd|th)", text))


def _outermost(spans: list[Span]) -> list[Span]:
    """Spans not inside or across an earlier one ("Book of the Year award" is one name, not also
    "Year award")."""
    kept: list[Span] = []
    for span in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if not any(s < span[1] and span[0] < e for s, e in kept):
            kept.append(span)
    return kept

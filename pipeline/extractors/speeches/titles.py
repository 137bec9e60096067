"""Titles of talks in prose, found by the Matcher patterns of `knowledge/patterns/talks.jsonl`:

- a naming word and a title: "a panel titled 'Ports in 2040'", "her presentation is titled ...", "a
  keynote by Mara Quint, CEO of Fathom Ltd, titled ..." (the titled thing is read from the parse);
- a talk word and a quoted title: "a second panel, “...”";
- a talk word and "on" + a quoted or long Title-Case title: "His presentation on “...”";
- "spoke on ..." and "on/under the topic of ...".

Unquoted titles are read only after the headline, where capitals mean a name.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from spacy.matcher import Matcher

from ...knowledge import patterns, words
from ..tags import NOUN_TAGS, VERB_TAGS
from .candidates import TitleCandidate, is_talk_word
from .quotes import quoted_at, title_case_run, unquoted_at

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.vocab import Vocab

    from ...context import ReleaseContext
    from ..spans import Span

# Layout between a trigger and an opening quote.
_AFTER_NAMING = r"[ \t]{0,2},?[ \t]{0,2}"
_AFTER_TALK = r"[ \t]{0,2}[,:–—\-]?[ \t]{0,2}"
_AFTER_ON = r"[ \t]{1,2}"
_COMMON_NOUN_TAGS = ("NN", "NNS")
_TOPIC_REACH = 8  # tokens before "on the topic of" where the thing it belongs to is looked for


@cache
def matcher(vocab: Vocab, tagged: bool) -> Matcher:
    """The talk patterns, built once per vocabulary; without a tagger the TAG tests are left out."""
    built = Matcher(vocab, validate=True)
    for label, pattern in patterns("talks"):
        built.add(label, [pattern if tagged else [_untagged(token) for token in pattern]])
    return built


def _untagged(token: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in token.items() if key != "TAG"}


def matches(doc: Doc) -> list[tuple[str, int, int]]:
    """(label, start, end) of every talk pattern in `doc`, in text order."""
    found = matcher(doc.vocab, doc.has_annotation("TAG"))(doc)
    return sorted(((doc.vocab.strings[m], s, e) for m, s, e in found), key=lambda m: (m[1], m[2]))


def find_titles(
    ctx: ReleaseContext, found: list[tuple[str, int, int]], mentioned: bytearray
) -> list[TitleCandidate]:
    """Every title the patterns point at, one per title start (the nearest talk word wins)."""
    doc, text = ctx.doc, ctx.text
    headline = ctx.section("headline")
    unquoted_from = headline.end if headline is not None else 0
    stops = [doc[s].idx for label, s, _ in found if label == "TITLE_END"]
    by_start: dict[int, TitleCandidate] = {}
    for label, start, end in found:
        candidate = _candidate(doc, text, label, start, end, stops, unquoted_from, mentioned)
        if candidate is not None:
            by_start[candidate.start] = candidate  # later matches hold the nearer talk word
    return sorted(by_start.values(), key=lambda c: c.start)


def _candidate(
    doc: Doc,
    text: str,
    label: str,
    start: int,
    end: int,
    stops: list[int],
    unquoted_from: int,
    mentioned: bytearray,
) -> TitleCandidate | None:
    after = doc[end - 1].idx + len(doc[end - 1].text)
    noun: int | None = None
    if label == "NAMING":
        span, closed = _quoted_or_unquoted(text, after, _AFTER_NAMING, stops, unquoted_from)
        titled = _titled_noun(doc[start], mentioned)
        noun = titled.i if titled is not None else None
        how = "named"
    elif label == "TALK":
        span, closed = _quoted(text, after, _AFTER_TALK)
        noun, how = start, "quoted"
    elif label == "TALK_ON":
        span, closed = _quoted(text, after, _AFTER_ON)
        if span is None and after >= unquoted_from:
            span = title_case_run(doc, end)
        noun, how = start, "on"
    elif label == "SPOKE_ON":
        span, closed = _quoted(text, after, _AFTER_ON)
        if span is None and after >= unquoted_from:
            span = title_case_run(doc, end)
        how = "spoke-on"
    elif label == "TOPIC":
        span, closed = _quoted_or_unquoted(text, after, _AFTER_ON, stops, unquoted_from)
        noun = _topic_noun(doc[start], mentioned)
        how = "topic"
    else:
        return None
    if span is None:
        return None
    anchor = noun if noun is not None else start
    return TitleCandidate(doc, span[0], span[1], anchor, noun, how, closed_at=closed)


def _quoted(text: str, after: int, lead: str) -> tuple[Span | None, int | None]:
    found = quoted_at(text, after, lead)
    return found if found is not None else (None, None)


def _quoted_or_unquoted(
    text: str, after: int, lead: str, stops: list[int], unquoted_from: int
) -> tuple[Span | None, int | None]:
    span, closed = _quoted(text, after, lead)
    if span is None and after >= unquoted_from:
        return unquoted_at(text, after, stops), None
    return span, closed


def _titled_noun(naming: Token, mentioned: bytearray) -> Token | None:
    """What a naming word names: the common noun right before it ("a keynote speech entitled"), else the
    subject of "is titled", else the first common noun up its chain of heads ("a keynote by Mara Quint,
    CEO of Fathom Ltd, titled" -> keynote), else the nearest common noun before it in the sentence. Names
    of people and organizations are skipped on the way."""
    doc = naming.doc
    before = naming.i - 1
    if before >= 0 and doc[before].text == ",":
        before -= 1
    if before >= 0 and _is_common_noun(doc[before], mentioned):
        return doc[before]
    subject = next((c for c in naming.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is not None:
        return subject
    head = naming
    for _ in range(8):
        if head.head.i == head.i:
            break
        head = head.head
        if head.tag_ in VERB_TAGS:
            break
        if _is_common_noun(head, mentioned):
            return head
    sentence_start = naming.sent.start if doc.has_annotation("SENT_START") else 0
    for i in range(naming.i - 1, sentence_start - 1, -1):
        if _is_common_noun(doc[i], mentioned):
            return doc[i]
    return None


def _topic_noun(preposition: Token, mentioned: bytearray) -> int | None:
    """What "on the topic of" belongs to: the nearest talk word or written work before it in the sentence
    ("a lecture on the topic of", "several books on Amazon on the topic of"); else none (a speaking verb:
    "addressed the students on the topic of")."""
    doc = preposition.doc
    kinds = words("work_words")
    sentence_start = preposition.sent.start if doc.has_annotation("SENT_START") else 0
    for i in range(preposition.i - 1, max(sentence_start, preposition.i - _TOPIC_REACH) - 1, -1):
        token = doc[i]
        if _is_common_noun(token, mentioned) and (is_talk_word(token) or token.lower_ in kinds):
            return i
    return None


def _is_common_noun(token: Token, mentioned: bytearray) -> bool:
    if mentioned[token.idx : token.idx + 1] == b"\x01":
        return False
    if token.doc.has_annotation("TAG"):
        return token.tag_ in _COMMON_NOUN_TAGS or (token.tag_ in NOUN_TAGS and is_talk_word(token))
    return is_talk_word(token)

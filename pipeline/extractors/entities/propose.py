"""Proposing entity candidates: the model's spans, trimmed and split, and what rules add where the model
is silent (organization head words, "Company - City" list lines, district names and lists of places)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from ...context import ReleaseContext
from ...knowledge import (
    census_names,
    is_city_state,
    is_common_word,
    is_known_city,
    is_legal_suffix,
    is_us_state_code,
    legal_suffix_regex,
    words,
)
from ...validate import normalise_space
from ..spans import mark, occupied
from ..tags import opens_with_verb
from .candidate import Candidate, Kind
from .filters import COMMITTEE_OF, is_country_or_region, is_place_name, looks_like_person

# PRODUCT spans never become records; they only take part in lists ("IBM, Acme and Foo"). CITY is the
# trained model's label (training/), GPE en_core_web_sm's, whose places a filter narrows to cities.
NER_KINDS: dict[str, Kind] = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "city",
    "CITY": "city",
    "PRODUCT": "product",
}


# A company-form suffix after a name ("Acme, Inc.", "Foo Co.,Ltd."); the suffixes live in knowledge.
_LEGAL_SUFFIX = re.compile(rf",?[ \t]{{1,3}}{legal_suffix_regex().pattern}(?!\w)")


_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_ABOUT = re.compile(r"^(?:About|ABOUT)\s+")


_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")


_EDGE_JUNK = " \t-–—,;:/|(\"“”‘'*#_[]"


_TICKER = re.compile(r"\((?:[A-Z][A-Za-z\-]{1,12}(?:: ?| ))[A-Z][A-Z.]{0,7}\)")  # "(NYSE: RL)", "(TSX ABC)"


# A line that is only a Markdown link ("[Original/Source Press Release](https://...)") is navigation.
_LINK_LINE = re.compile(r"^[ \t]*(?:[*\-•][ \t]*)?\[[^\]\n]{0,200}\]\([^)\s]{0,2000}\)[ \t]*$", re.MULTILINE)


_LINK_ADDRESS = re.compile(r"\]\((?P<address>[^)\s]{1,2000})\)")


# "![Blockchain Registration](https://...)": an image's address is no prose, nor is a short label for
# alt text; a longer caption ("Founders (L to R) Jane Roe and John Doe") is read like the text.
_MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]\n]{0,500})\]\((?P<address>[^)\s]{0,2000})\)")


_MARKDOWN_HEADING = re.compile(r"^(?:#{1,6}[ \t][^\n]{0,200}|\*\*[^\n*]{1,200}\*\*[ \t]*)$", re.MULTILINE)


_QUOTED = re.compile(r"[“\"]([^“”\"\n]{1,200})[”\"]")


_SENTENCE_END = re.compile(r"[.!?,]\s*$")


_LIST_LINE = re.compile(
    r"^[ \t]{0,8}(?:[-*•][ \t]{1,4})?(?:[A-Za-z][A-Za-z ]{0,30}:[ \t]{1,4})?"
    r"(?P<name>[^\n:]{2,100}?)[ \t]{1,4}[-–—][ \t]{1,4}(?P<place>[A-Z][A-Za-z.'’\- ]{1,40}?)[ \t]*$",
    re.MULTILINE,
)


_CAP = r"[A-Z][\w’'\-]{0,30}(?: [A-Z][\w’'\-]{0,30}){0,3}"


_PLACE_LIST = re.compile(
    rf"(?P<items>{_CAP}(?: (?:in|of) {_CAP})?(?:, (?:and )?{_CAP}(?: (?:in|of) {_CAP})?){{2,60}}"
    rf"(?:,? (?:and|&) {_CAP}(?: (?:in|of) {_CAP})?)?)"
)


_PLACE_SUFFIX = re.compile(
    r"\b(?P<name>(?:[A-Z][a-z’'\-]{1,30} ){1,3}"
    r"(?:District|County|City|Development Zone|Industrial Park|New Area))\b"
)


_COUNCIL_LIST_END = re.compile(r"^\s*(?:Councils|Cities|Counties|Districts|Shires|Municipalities)\b")


_COUNCIL_LIST_TAIL = re.compile(r" (?:Councils|Cities|Counties|Districts|Shires|Municipalities)$")


def propose_candidates(ctx: ReleaseContext, common: frozenset[str]) -> Iterator[Candidate]:
    text = ctx.text
    for ent in ctx.doc.ents:
        kind = NER_KINDS.get(ent.label_)
        if kind is None:
            continue
        for start, end in _trimmed(text, ent.start_char, ent.end_char, kind):
            if kind == "org":
                yield from _org_parts(text, _name_before_suffix(ctx, start, end), end)
            else:
                yield Candidate(kind, start, end)
    yield from _org_head_candidates(ctx)
    yield from _list_line_candidates(ctx)
    yield from _list_member_candidates(ctx)
    yield from _census_name_candidates(ctx)
    yield from _places_before_regions(ctx)
    yield from _places_before_state_codes(ctx)
    yield from _place_candidates(ctx, common)


def _census_name_candidates(ctx: ReleaseContext) -> Iterator[Candidate]:
    """Two or three proper nouns opening with a census given name, ending in a census surname or followed
    by a verb ("Ahmed Farouk delivered"): a person the model did not propose (it rarely expects one right
    after a dateline). Only fills gaps: any reading of the model's wins."""
    doc = ctx.doc
    given, surname = census_names("given"), census_names("surname")
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and _is_proper_word(doc[j].text, doc[j].tag_):
            j += 1
        run = doc[i:j]
        if 2 <= len(run) <= 3 and run[0].text.casefold() in given:
            verb_after = j < len(doc) and doc[j].tag_.startswith("VB")
            named = run[-1].text.casefold() in surname or verb_after
            blocked = has_org_evidence(run.text) or any(_person_word_blocked(t.text) for t in run)
            if named and not blocked:
                yield Candidate("person", run.start_char, run.end_char, rule=True, weak=True)
        i = max(j, i + 1)


def _is_proper_word(word: str, tag: str) -> bool:
    return tag in ("NNP", "NNPS") and word[:1].isupper() and word.isalpha()


def _person_word_blocked(word: str) -> bool:
    folded = word.casefold()
    return folded in words("org_heads") or folded in words("event_words") or folded in words("titles")


def _is_census_name(name: str) -> bool:
    """ "Nora Castillo": a census given name, then at most one more word, then a census surname; the model
    types some people as organizations where releases usually name a company (right after the
    dateline)."""
    tokens = [t.strip(".").casefold() for t in name.split()]
    if not 2 <= len(tokens) <= 3 or is_country_or_region(name.split()[0]):
        return False  # "Jordan Life": a country first is a company's name
    return tokens[0] in census_names("given") and tokens[-1] in census_names("surname")


def has_org_evidence(name: str) -> bool:
    """A name whose last word is a company form or an organization's head word ("Harbor Foundation");
    "Grace Hall", a census given name before a census surname, is a person's."""
    tokens = name.split()
    if len(tokens) < 2 or _GLUED_WORDS.search(name) or re.search(r"['’]s\b", name):
        return False  # run-together words; "Brandon Scott’s Office" is a person's office
    last = tokens[-1]
    if is_legal_suffix(last):
        return True
    if last.casefold() not in words("org_heads"):
        return False
    return not (tokens[0].casefold() in census_names("given") and last.casefold() in census_names("surname"))


def _name_before_suffix(ctx: ReleaseContext, start: int, end: int) -> int:
    """Where an organization's name starts when the model cut it after its first words: "nuvio Foods LLC"
    found as "Foods LLC" starts at "nuvio". Only before a company form, over at most three name words."""
    text = ctx.text
    if not is_legal_suffix(text[start:end].rsplit(" ", 1)[-1]):
        return start
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return start
    i = span.start
    for _ in range(3):
        if i == 0:
            break
        token = ctx.doc[i - 1]
        if text[token.idx + len(token.text) : start] != " " or not _is_name_word(token.text, token.tag_):
            break
        if token.text.endswith(".") or is_legal_suffix(token.text):
            break  # "Foo Holdings Ltd. Acme Media Inc.": the name before is another company's
        start, i = token.idx, i - 1
    return start


def _is_name_word(word: str, tag: str) -> bool:
    """A proper noun, or a lower-case brand that is no English word ("nuvio", "eQuorum")."""
    if word.casefold() in _NOT_NAME_WORDS or not word[:1].isalnum() or _GLUED_WORDS.search(word):
        return False
    if word[:1].isupper():
        return tag in ("NNP", "NNPS")
    return word.isalpha() and not is_common_word(word.casefold())


_CONNECTORS = ("&", "and", "of", "for", "the", "de")
_NOT_NAME_WORDS = frozenset(
    {*_CONNECTORS, "a", "an", "with", "by", "from", "at", "in", "on", "to", "about", "contact", "details"}
)
# Words run together by a scrape ("DetailsResste", "LabsOnez"); "iCoreConnect", "eQuorum" are names.
_GLUED_WORDS = re.compile(r"[a-z]{3}[A-Z]")

# Where a list item's name ends: a dash between words, a colon, a bracket, a comma, a link or a bar.
_NAME_PART_END = re.compile(r"[ \t]+[–—-][ \t]+|:[ \t]|[ \t]\(|,[ \t]|[ \t]+https?://|[ \t]*\|")
_NAME_PART = re.compile(r"(?:[A-Z0-9][\w’'.&\-]*|[a-z]+[A-Z][\w’'.&\-]*|&|and|of|for|the|de)")


def _list_member_candidates(ctx: ReleaseContext) -> Iterator[Candidate]:
    """Names standing alone in a list (one per line, bullets, table columns) where the model proposed
    nothing: an organization when its name says so, else the kind the model gave most other members of
    the same list. They only fill gaps: any reading of the model's wins."""
    text = ctx.text
    kinds = {(e.start_char, e.end_char): NER_KINDS.get(e.label_) for e in ctx.doc.ents}
    for members in _list_columns(ctx):
        parts = [p for p in (_name_part(text, s, e) for s, e in members) if p is not None]
        parts = [p for p in parts if not opens_with_verb(ctx.doc, *p)]  # "Join Our Telegram Group"
        known = [kinds[p] for p in parts if kinds.get(p) in ("org", "person", "city")]
        majority = max(set(known), key=known.count) if known else None
        # The model must have read at least half the members, two thirds of those alike: a list of
        # categories ("Payments & DeFi") has a member or two the model took for a company, no more.
        if majority is not None and (
            known.count(majority) * 3 < len(known) * 2 or len(known) * 2 < len(parts)
        ):
            majority = None
        for start, end in parts:
            if has_org_evidence(text[start:end]):
                yield Candidate("org", start, end, rule=True, weak=True)
            elif majority is not None:
                yield Candidate(majority, start, end, rule=True, weak=True)


def _list_columns(ctx: ReleaseContext) -> Iterator[list[tuple[int, int]]]:
    """Each list's members as (start, end); a table gives one list per column."""
    for blocks in ctx.structure.lists():
        if blocks[0].kind != "row":
            yield [(b.start, b.end) for b in blocks]
            continue
        width = min(len(b.cells) for b in blocks)
        for column in range(width):
            yield [(b.cells[column][0], b.cells[column][1]) for b in blocks]


def _name_part(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name a list member opens with: up to a dash, colon, bracket, comma or link; one to six
    capitalised words (connectors and lower-case brands with a capital inside allowed)."""
    cut = _NAME_PART_END.search(text, start, end)
    stop = cut.start() if cut else end
    while stop > start and text[stop - 1] in " \t.;*":
        stop -= 1
    while start < stop and text[start] in " \t*•▪●◦–-":
        start += 1
    article = _LEADING_ARTICLE.match(text[start:stop])
    start += article.end() if article else 0
    if _GLUED_WORDS.search(text, start, stop) or re.search(r"['’]s\b", text[start:stop]):
        return None  # run-together words; "Brandon Scott’s Office" is a person's office
    words_ = text[start:stop].split(" ")
    if words_[0] == "About":
        return None  # "About Acme Group": the heading of the boilerplate, not a list member
    return (start, stop) if _are_name_words(words_) else None


def _are_name_words(words_: list[str]) -> bool:
    """One to six capitalised words, connectors inside allowed ("Bank of Tides", "Marsh & Quist")."""
    if not 1 <= len(words_) <= 6 or not all(_NAME_PART.fullmatch(w) for w in words_):
        return False
    return words_[0] not in _CONNECTORS and words_[-1] not in _CONNECTORS


_SUBUNIT_OF = re.compile(
    r"^(?:[A-Z][\w\-&]* ){1,5}(?:Department|Division|Unit|Laboratory|Lab|Team|Program|Programme) of (?:the )?"
)
_SUBUNIT_TAIL = re.compile(
    r"['’]s (?:[A-Z][\w\-]* ){0,5}(?:Department|Division|Unit|Board|Team|Lab|Committee)s?$"
)


_EVENT_PREFIX = re.compile(
    r"^(?:[A-Z][\w\-]* ){0,4}(?:Ceremony|Forum|Summit|Conference|Meeting|Launch|Opening) (?:for|of) (?:the )?"
)


_PLACE_TAIL = re.compile(
    r"(?: \([A-Z]{2,6}\))? (?:of|in) (?:the )?"
    r"(?P<place>[A-Z][\w’'\-]{0,30}(?: (?:of )?[A-Z][\w’'\-]{0,30}){0,4})(?: \([A-Z]{2,6}\))?"
)


_REGION_AFTER = re.compile(r" [A-Z][\w\-/]{1,20}(?= |,|\.|;|$)")


COMPASS_REGION = re.compile(
    r" (?:North|South|East|West|Central|Northern|Southern|Eastern|Western) [A-Z][a-z]{2,20}\b"
)


def _org_parts(text: str, start: int, end: int) -> Iterator[Candidate]:
    """The organization inside an NER span: "Acme's Research Department" -> "Acme"; "Opening Ceremony of
    the Foo Society" -> "Foo Society"; "Acme Group" + " South China" -> "Acme Group South China"."""
    name = text[start:end]
    subunit = _SUBUNIT_TAIL.search(name)
    if subunit:
        yield Candidate("org", start, start + subunit.start())
        return
    event = _EVENT_PREFIX.match(name)
    if event:
        yield Candidate("org", start + event.end(), end)
        return
    left, conjunction, right = name.partition(" and ")
    if conjunction and " " not in left and " " not in right and text[max(0, start - 2) : start] == ", ":
        # "Springfield, Riverton and Lakewood": the last two members of a list, not one name
        yield Candidate("org", start, start + len(left))
        yield Candidate("org", end - len(right), end)
        return
    two_bodies = len(left.split()) >= 2 and len(right.split()) >= 2 and left[-1].isalpha()
    last = right.rsplit(" ", 1)[-1]
    if conjunction and two_bodies and (last.casefold() in words("org_heads") or is_legal_suffix(last)):
        yield Candidate("org", start, start + len(left))  # "Foo Access and Bar Technologies": two bodies
        yield Candidate("org", end - len(right), end)
        return
    committee = COMMITTEE_OF.match(name)
    if committee:
        yield Candidate("org", start + committee.end(), end)  # "the Audit Committee of Acme Corp."
        return
    subunit_of = _SUBUNIT_OF.match(name)
    if subunit_of and name.rsplit(" ", 1)[-1].casefold() in words("org_heads"):
        # "Materials Testing Department of the Coastal Energy Institute": the parent is the organization,
        # the sub-unit belongs in the title (GOLD_SPEC); "Department of Defense" names no parent
        yield Candidate("org", start + subunit_of.end(), end)
        return
    title_tail = re.search(r" and (?P<head>[A-Z][\w\-]*)(?: [A-Z][\w\-]*){0,3}$", name)
    if title_tail and title_tail.group("head").casefold() in words("title_heads"):
        end = start + title_tail.start()  # "the Foo Council and Executive" (Vice Chairman of ...)
    end = _purpose_tail_end(text, start, end)
    region = COMPASS_REGION.match(text, end) or _REGION_AFTER.match(text, end)
    if region and is_country_or_region(region.group().split()[-1]):
        end = region.end()  # "Acme Group South China", "Foo Asia-Pacific"
    for _ in range(2):  # "Trade Office of the Foo Government in the HKSAR", "Ministry of X of the PRC"
        tail = _PLACE_TAIL.match(text, end)
        if tail is None or not is_country_or_region(tail.group("place")):
            break
        end = tail.end()
    yield Candidate("org", start, end)


# "National Council" + " for Water Safety", "Global Forum" + " for Coastal Planning and Harbour
# Renewal": what the model may leave off after an organization's head word.
_PURPOSE_TAIL = re.compile(
    r" (?:for|of|on) (?:the )?[A-Z][\w’'\-]*(?:(?: (?:and|&|of|for|on|the))* [A-Z][\w’'\-]*){0,6}"
)


@cache
def _tail_stop_words() -> frozenset[str]:
    return words("months") | words("weekdays") | words("titles") | {"directors", "trustees"}


def _purpose_tail_end(text: str, start: int, end: int) -> int:
    """The end of an organization's name whose model span stops at its head word before "for/of/on"
    and capitalised words; dates, titles and boards ("Board of Directors") are no part of it."""
    if text[start:end].rsplit(" ", 1)[-1].casefold() not in words("org_heads"):
        return end
    tail = _PURPOSE_TAIL.match(text, end)
    if tail is None:
        return end
    tail_words = {w.casefold() for w in tail.group().split()}
    if tail.group().startswith(" of ") and tail.group().split()[-1].casefold() in words("org_heads"):
        return (
            end  # "Materials Testing Department of the Coastal Energy Institute": a sub-unit and its parent
        )
    if tail_words & _tail_stop_words() or any(ch.isdigit() for ch in tail.group()):
        return end
    return tail.end()


def _org_head_candidates(ctx: ReleaseContext) -> Iterator[Candidate]:
    """Runs of proper nouns ending in an organization word ("RMX Expo Group") that NER missed, also
    where a sentence or paragraph opens with one ("Foo Holdings announced ...")."""
    heads = words("org_heads") - {"board", "department", "office", "government", "party"}
    doc = ctx.doc
    for token in doc:
        if token.text.casefold() not in heads or token.tag_ not in ("NNP", "NNPS"):
            continue
        first = token.i
        while first > 0 and doc[first - 1].tag_ in ("NNP", "NNPS") and doc[first - 1].text[:1].isupper():
            first -= 1
        if first < token.i:
            start = doc[first].idx
            yield from (
                Candidate("org", s, _purpose_tail_end(ctx.text, s, e), weak=True)
                for s, e in _trimmed(ctx.text, start, token.idx + len(token), "org")
            )


def _trimmed(text: str, start: int, end: int, kind: Kind) -> Iterator[tuple[int, int]]:
    """Split a span at line breaks and glued headings, and trim articles, honorifics, possessives and
    edge punctuation."""
    for s, e in _unglued(text, start, end):
        for _ in range(4):
            before = (s, e)
            while s < e and text[s] in _EDGE_JUNK:
                s += 1
            while e > s and text[e - 1] in _EDGE_JUNK:
                e -= 1
            if e > s and text[e - 1] == "." and not _keeps_period(text[s:e]):
                e -= 1
            unclosed = text.rfind("(", s, e)
            if unclosed > s and text.find(")", unclosed, e) < 0:
                e = unclosed
            article = _LEADING_ARTICLE.match(text[s:e])
            named = kind == "org" and _article_in_name(text, s) and not is_country_or_region(text[s + 4 : e])
            if article and not named:  # "The Gambia" is a country, not "The Harbor Daily Ledger"
                s += article.end()
            about = _ABOUT.match(text[s:e]) if kind == "org" else None
            if about:
                s += about.end()  # "About Acme Inc.", the boilerplate's heading, read as one span
            possessive = _POSSESSIVE.search(text[s:e])
            if possessive and (kind != "person" or text[e - 1] != "'"):
                e -= len(possessive.group())
            if kind == "person":
                phone = _TRAILING_NUMBER.search(text, s, e)
                if phone:
                    e = phone.start()  # "Jane Roe +1 (555) 010-2233" on a contact line
                first, _, rest = text[s:e].partition(" ")
                if rest and (first.casefold() in words("honorifics") or first.casefold() in _ROLE_PREFIXES):
                    s += len(first) + 1  # "Mr. Wang", "Treasurer Frerichs": the name is the rest
            if (s, e) == before:
                break
        the_name = kind == "org" and text[max(0, s - 4) : s] == "The " and not is_country_or_region(text[s:e])
        if the_name and _article_in_name(text, s - 4):
            s -= 4  # "works at The Oregon Print Network": NER left out the article the name keeps
        if kind == "org":
            suffix = _LEGAL_SUFFIX.match(text, e)
            while suffix and suffix.end() > e:
                e = suffix.end()
                suffix = _LEGAL_SUFFIX.match(text, e)
        if kind == "person":
            half = _SURNAME_HALF.match(text, e)
            if half and is_common_word(half.group()[1:]):
                half = None  # "Jane Roe-Led Startup", "Pete Lund-Chief Marketing Officer": no surname
            tail = half or _GENERATION.match(text, e)
            e = tail.end() if tail else e  # "Ana Ruiz-Oakes", "John Marsh IV": GOLD_SPEC keeps both
        if e - s >= 2:
            yield s, e


_GLUED_OPENERS = frozenset(
    {"The", "This", "With", "Founded", "Established", "Headquartered", "Based", "Since", "Our", "We", "Today"}
)
_GLUE_POINT = re.compile(r"(?<=[a-z0-9])(?=[A-Z][a-z]+\b)")


def _unglued(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The lines of a span, cut where an archive copy glued a heading to its paragraph ("About Ad
    GuildFounded in 1952", "About VorlexVorlex is"): a capitalised word that opens sentences, or repeats
    the word it is glued to, in a word the text writes only once (not "PlushThis", a brand)."""
    for line in re.finditer(r"[^\n]+", text[start:end]):
        s, e = start + line.start(), start + line.end()
        for point in _GLUE_POINT.finditer(text, s, e):
            word_start = max(text.rfind(" ", s, point.start()) + 1, s)
            word_end = point.end() + re.match(r"[A-Za-z]*", text[point.end() : e]).end()  # type: ignore[union-attr]
            glued, opener = text[word_start:word_end], text[point.start() : word_end]
            left = re.search(r"[A-Z][a-z]{3,}$", text[word_start : point.start()])
            repeated = left is not None and left.group() == opener
            if (opener in _GLUED_OPENERS or repeated) and text.count(glued) == 1:
                yield s, point.start()
                # the paragraph goes on with a name ("The Talent Research Institute", "Vorlex"), or not
                s = point.start() if repeated or opener == "The" else word_end
        yield s, e


_SURNAME_HALF = re.compile(r"-[A-Z][a-z]+(?![\w’'\-])")  # a double-barrelled surname the model cut
_GENERATION = re.compile(r" (?:II|III|IV)(?![\w.’'\-])")
_TRAILING_NUMBER = re.compile(r"[ \t]+\+?\d[\d \t().\-]*$")
_BEFORE_ARTICLE = re.compile(r"(?:\b[a-z]+|[,;(])[ \t]+$")


def _article_in_name(text: str, start: int) -> bool:
    """ "a reporter for The Harbor Daily Ledger": a capitalised "The" after a lower-case word or a
    comma is part of the name; at a sentence's or a title-case heading's start it tells nothing."""
    return text.startswith("The ", start) and bool(_BEFORE_ARTICLE.search(text, max(0, start - 30), start))


# Role words that are never given names ("Dean", "Chase" are), stripped from the front of a person span.
_ROLE_PREFIXES = words("titles") - {
    "dean",
    "lead",
    "head",
    "chair",
    "member",
    "partner",
    "principal",
    "senior",
}


def _keeps_period(name: str) -> bool:
    """Abbreviations keep their final period: "Inc.", "Co., Ltd.", "T. Walsh", "U.S."."""
    last = name.rsplit(" ", 1)[-1]
    if last.endswith(".") and legal_suffix_regex().fullmatch(last):
        return True
    return bool(re.fullmatch(r"(?:Jr|Sr|Bros|Mfg|Intl|[A-Z]|(?:[A-Z]\.)+[A-Z])\.", last))


# ", Chief ..." / ", Director of ..." inside a list line's name part: "Name, Title – Employer".
_TITLED_NAME = re.compile(
    r",[ \t]+(?:"
    + "|".join(re.escape(w) for w in sorted(words("title_heads"), key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)


def _list_line_candidates(ctx: ReleaseContext) -> Iterator[Candidate]:
    """Lines such as "Winner: Acme Widgets, Inc. - Springfield": an organization and its city."""
    matches = list(_LIST_LINE.finditer(ctx.text))
    if len(matches) < 2:
        return
    people = {(e.start_char, e.end_char) for e in ctx.doc.ents if e.label_ == "PERSON"}
    for match in matches:
        name_start, name_end = match.span("name")
        if people & {match.span("place")}:
            continue  # "Gold Award Winner – Lars Eklund": a category and its winner, no place
        if _TITLED_NAME.search(match.group("name")):
            continue  # "Jane Roe, Chief Executive Officer – Acme": a person, her title and employer
        if _labels_its_content(match.group("name")):
            continue  # "Chief Sustainability Officer – Acme", "Special Honour – Ada Kim": no place follows
        ner_person = (name_start, name_end) in people
        yield Candidate("person" if ner_person else "org", name_start, name_end, rule=True, anchored=True)
        yield Candidate("city", *match.span("place"), rule=True, anchored=True)


def _labels_its_content(name: str) -> bool:
    """A job title or an honour before a list line's dash: what follows is an employer or a winner."""
    tokens = name.casefold().split()
    if not tokens:
        return False
    titled = any(t in _ROLE_PREFIXES for t in tokens)  # "Vice President Corporate Affairs"
    return titled or tokens[-1] in words("honour_heads") | words("honour_nouns")


def _place_candidates(ctx: ReleaseContext, common: frozenset[str]) -> Iterator[Candidate]:
    """District-level names ("Qinglan District") and members of lists of places."""
    text = ctx.text
    for match in _PLACE_SUFFIX.finditer(text):
        stem = match.group("name").rsplit(" ", 1)[0]
        stem_words = stem.split()
        if stem_words[0].endswith("ing"):
            continue  # "Supporting Monterey County": the verb is not part of the name
        if not any(t.casefold() in common or "’" in t or "'" in t for t in stem_words):
            yield Candidate("city", *match.span("name"), rule=True)
    ner_places = {
        normalise_space(ent.text).casefold()
        for ent in ctx.doc.ents
        if ent.label_ in ("GPE", "CITY") and is_place_name(ent.text)
    }
    for match in _PLACE_LIST.finditer(text):
        items = list(_list_items(text, match.start(), match.end()))
        last_start, last_end = items[-1]
        plural = _COUNCIL_LIST_TAIL.search(text, last_start, last_end)
        councils = bool(plural) or bool(_COUNCIL_LIST_END.match(text, match.end()))
        if plural:
            items[-1] = (last_start, plural.start())
        # a member the model read as a place, or a province or country named with one ("Tonglu in Zhejiang")
        known = sum(
            1 for s, e in items if text[s:e].casefold() in ner_places or is_country_or_region(text[s:e])
        )
        if councils or known >= max(2, (len(items) + 1) // 2):
            for s, e in items:
                if not is_country_or_region(text[s:e]):
                    yield Candidate("city", s, e, rule=True, anchored=councils)


def _list_items(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The names of a comma list, with "X in Y" giving both X and Y."""
    for part in re.finditer(r"(?:(?:and|&) )?(?P<item>[^,]+)", text[start:end]):
        item_start = start + part.start("item")
        for name in re.finditer(r"[A-Z][\w’'\-]*(?: [A-Z][\w’'\-]*)*", part.group("item")):
            yield item_start + name.start(), item_start + name.end()
            if " of " in part.group("item"):
                break  # "Eastern Hills of Adelaide": the member is the first name


def shut_zones(ctx: ReleaseContext) -> list[tuple[int, int]]:
    """Spans whose names are not people, organizations or cities: quoted titles and themes, tickers."""
    text = ctx.text
    zones = [m.span() for m in _TICKER.finditer(text)]
    for quote in _QUOTED.finditer(text):
        inner = quote.group(1)
        if len(inner.split()) <= 25 and not _SENTENCE_END.search(inner):
            zones.append(quote.span())
    headline = ctx.section("headline")
    if headline is not None and _is_title_case(text[headline.start : headline.end]):
        zones.append((headline.start, headline.end))
    zones.extend(m.span() for m in _MARKDOWN_HEADING.finditer(text))
    zones.extend(m.span() for m in _LINK_LINE.finditer(text))
    zones.extend(m.span("address") for m in _LINK_ADDRESS.finditer(text))
    for image in _MARKDOWN_IMAGE.finditer(text):
        zones.append(image.span() if len(image.group("alt").split()) <= 3 else image.span("address"))
    dateline = ctx.section("dateline")
    if dateline is not None:
        zones.append((dateline.start, dateline.end))  # its city comes from the dateline stage
    for kind in ("subheadline",):
        section = ctx.section(kind)
        if section is not None and _is_title_case(text[section.start : section.end]):
            zones.append((section.start, section.end))
    return zones


def _is_title_case(line: str) -> bool:
    """Headlines In Title Case capitalise verbs too, which misleads NER; their names recur in the body."""
    tokens = re.findall(r"[A-Za-z][\w’']*", line)
    long_words = [t for t in tokens if len(t) > 3]
    return bool(long_words) and sum(t[0].isupper() for t in long_words) >= 0.8 * len(long_words)


def outside_zones(
    text: str, candidates: Iterable[Candidate], zones: list[tuple[int, int]]
) -> Iterator[Candidate]:
    """Candidates outside the shut zones; one that runs across a zone's edge keeps its outer part
    ("Chicago (May 2, 2008) - Acme Corp" read as one span keeps "Acme Corp")."""
    for cand in candidates:
        if _inside(cand.start, cand.end, zones):
            continue
        start, end = cand.start, cand.end
        for zone_start, zone_end in zones:
            if zone_start <= start < zone_end:
                start = zone_end
            if zone_start < end <= zone_end:
                end = zone_start
        if (start, end) == (cand.start, cand.end):
            yield cand
            continue
        for s, e in _trimmed(text, start, end, cand.kind) if start < end else ():
            yield Candidate(cand.kind, s, e, cand.rule, cand.weak, cand.anchored)


def _inside(start: int, end: int, zones: Iterable[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in zones)


def resolve_overlaps(ctx: ReleaseContext, candidates: list[Candidate]) -> list[Candidate]:
    """One reading per stretch of text: NER full names of people first, then rule spans, then longer."""
    text = ctx.text

    def rank(c: Candidate) -> tuple[int, int, int, str]:
        full_name = c.kind == "person" and not c.rule and looks_like_person(text[c.start : c.end])
        tier = 0 if c.anchored else 1 if full_name else 2 if c.rule else 4 if c.weak else 3
        return (tier, -(c.end - c.start), c.start, c.kind)

    ranked = sorted(set(candidates), key=rank)
    kept: list[Candidate] = []
    marks = occupied(len(text), [])
    for cand in ranked:
        if marks.find(1, cand.start, cand.end) < 0:
            kept.append(cand)
            mark(marks, cand.start, cand.end)
    return sorted(kept, key=lambda c: (c.start, c.end))


# ", President of ...", ", Global Sales Director of ...": a title among the capitalised words after a name.
_TITLE_AFTER = re.compile(
    r", (?:the |a |an |its |our |former |then |current )?(?P<words>(?:[A-Z][\w\-&/]* ){0,3}[A-Z][\w\-]*)"
)
_LOWER_TITLE_AFTER = re.compile(r", (?:former |then |current )?(?P<words>[a-z][\w\-]* [a-z][\w\-]*) of ")
# "its Co-founder and CEO, Ravi Deshpal": a title after a possessive; "CEO Dana Poe": a title right before.
_TITLE_BEFORE = re.compile(
    r"(?:\b(?:its|their|our|his|her) (?:[\w\-&]+ ){0,4}?(?P<title>[A-Za-z\-]+), "
    r"|\b(?P<bare>[A-Za-z\-]+) )$"
)


def person_by_title(text: str, cand: Candidate) -> Candidate:
    """A full name next to a title (", President of ...", "CEO Jane Roe") or made of a census given
    name and surname is a person whatever NER called it; a "person" whose name ends in a company form or
    an organization's head word is an organization."""
    name = text[cand.start : cand.end]
    if cand.kind == "person" and has_org_evidence(name):
        # "Foo Bar Corporation", "Harbor Foundation": re-typed, not dropped by the person filters
        return Candidate("org", cand.start, cand.end, cand.rule, cand.weak, cand.anchored)
    if cand.kind == "person" or not looks_like_person(name):
        return cand
    if cand.kind == "org" and _is_census_name(name) and not has_org_evidence(name):
        return Candidate("person", cand.start, cand.end, cand.rule, cand.weak, cand.anchored)
    if _titled_nearby(text, cand.start, cand.end):
        return Candidate("person", cand.start, cand.end, cand.rule, cand.weak, cand.anchored)
    return cand


def _titled_nearby(text: str, start: int, end: int) -> bool:
    """A title next to a name: ", President of", ", deputy director of" after it; "its co-founder and
    CEO, " or "CEO " right before it."""
    titles = words("titles")
    after = _TITLE_AFTER.match(text, end)
    if after and any(w.casefold() in titles for w in after.group("words").split()):
        return True
    lower = _LOWER_TITLE_AFTER.match(text, end)
    if lower and any(w in titles for w in lower.group("words").split()[:2]):
        return True
    before = _TITLE_BEFORE.search(text, max(0, start - 60), start)
    return before is not None and (
        (before.group("title") or "").casefold() in titles
        or (before.group("bare") or "").casefold() in _ROLE_PREFIXES
    )


_AFTER_REGION = re.compile(r"[,.;:)\n]| [a-z(]|$")


def place_by_region(text: str, cand: Candidate) -> Candidate:
    """ "Chagrin Falls, Ohio", "Hobart, Tasmania": a "person" followed by its state, province or country
    is a place, and so is one whose name GeoNames knows as a city ("Hong Kong", "Silver Spring") unless a
    title stands next to it ("said Albert Li, Head of Business"). Two-letter codes are left out ("David
    Roe, MD" is a doctor), and organizations too ("CEO of Acme Commons, Iceland")."""
    name = text[cand.start : cand.end]
    known = is_known_city(name) or is_city_state(name)
    if cand.kind == "person" and " " in name and known and not _titled_nearby(text, cand.start, cand.end):
        return Candidate("city", cand.start, cand.end, cand.rule, cand.weak, cand.anchored)  # "Hong Kong"
    if cand.kind != "person" or not _region_follows(text, cand.end):
        return cand
    if not is_place_name(text[cand.start : cand.end]):
        return cand
    return Candidate("city", cand.start, cand.end, cand.rule, cand.weak, cand.anchored)


def _region_follows(text: str, end: int) -> bool:
    """Whether ", <state, province or country>" follows `end` ("..., Ohio, Tigers", "..., Pa. Founded")."""
    if text[end : end + 2] != ", ":
        return False
    following = text[end + 2 : end + 40].split(" ")
    for size in (3, 2, 1):
        region = " ".join(following[:size]).rstrip(",.;:)\n")
        if len(following) < size or not region[:1].isupper():
            continue
        dotted = text.startswith(region + ".", end + 2) and is_us_state_code(region + ".")
        known = is_country_or_region(region) or dotted
        if known and _AFTER_REGION.match(text, end + 2 + len(region) + (1 if dotted else 0)):
            return True
    return False


# A capitalised run of one to three words before a comma: a town when its state or country follows.
_BEFORE_COMMA = re.compile(r"(?<![\w’'.\-])[A-Z][a-z’'\-]+(?: [A-Z][a-z’'\-]+){0,2}(?=, [A-Z])")


def _places_before_regions(ctx: ReleaseContext) -> Iterator[Candidate]:
    """ "Chagrin Falls, Ohio": a town the model did not propose, known by the state or country after it.
    Only fills gaps: a reading of the model's wins."""
    text = ctx.text
    for match in _BEFORE_COMMA.finditer(text):
        if _region_follows(text, match.end()) and is_place_name(match.group()):
            yield Candidate("city", match.start(), match.end(), rule=True, weak=True)


# "Jane Roe - Norwalk, CT", "based in Urbandale, IA": a town, known by the US state code after it.
_TOWN_BEFORE_CODE = re.compile(
    r"(?:(?P<dash>[-–—] ?)|\bin )(?P<town>[A-Z][a-z’'\-]+(?: [A-Z][a-z’'\-]+){0,2})"
    r", (?P<code>[A-Z]{2})\b(?![a-z])"
)


def _places_before_state_codes(ctx: ReleaseContext) -> Iterator[Candidate]:
    """A town after a list line's dash or after "in", followed by a state's postal code. A postal code
    alone is weak evidence ("Jane Roe, MD" is a doctor), so a person's or organization's name is not
    taken; after a dash the town beats the model's reading."""
    text = ctx.text
    people = {(e.start_char, e.end_char) for e in ctx.doc.ents if e.label_ == "PERSON"}
    for match in _TOWN_BEFORE_CODE.finditer(text):
        town = match.group("town")
        if not is_us_state_code(match.group("code")) or _is_census_name(town) or has_org_evidence(town):
            continue
        if match.span("town") in people and not is_known_city(town):
            continue  # "Andrey Espinoza, MD"; but "Silver Spring, MD" is a town GeoNames knows
        if is_place_name(town):
            dashed = match.group("dash") is not None
            yield Candidate("city", *match.span("town"), rule=True, weak=not dashed, anchored=dashed)


_LIST_GLUE = re.compile(r"^(?:,|;|,? and|,? &|,? or)\s{1,3}$")


def places_by_evidence(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """A place the model proposes is a city only with evidence: GeoNames knows it, a place word ends it
    ("Cecil County"), a state, province or country follows ("Greensburg, Indiana", "Tonglu in
    Zhejiang"), a place preposition precedes ("near Lutherville"), or it is listed beside such a place.
    Without any it is dropped: the model takes companies in list lines for places ("Jane Roe, CFO –
    Tallowmere"), and re-typed they were more often wrong than right (streets, regions, fragments); a
    company in a role's slot comes back through the affiliations and joins stages."""
    cities = [c for c in candidates if c.kind == "city"]
    evident = {_name_key(text, c) for c in cities if _place_evidence(text, c, candidates)}
    for run in _list_runs(text, cities):
        shared_head = re.match(r" (\w+)", text[run[-1].end : run[-1].end + 20])  # "A, B and C Councils"
        if len(run) > 1 and shared_head and shared_head.group(1).casefold() in words("place_heads"):
            evident |= {_name_key(text, c) for c in run}
        if any(_name_key(text, c) in evident for c in run):
            evident |= {_name_key(text, c) for c in run}
    return [c for c in candidates if c.kind != "city" or _name_key(text, c) in evident]


def _name_key(text: str, cand: Candidate) -> str:
    return normalise_space(text[cand.start : cand.end]).casefold()


def _place_evidence(text: str, cand: Candidate, named: list[Candidate]) -> bool:
    name = normalise_space(text[cand.start : cand.end])
    if is_known_city(name) or name.rsplit(" ", 1)[-1].casefold() in words("place_heads"):
        return True
    if _region_follows(text, cand.end) or text.startswith("-based", cand.end):
        return True
    code = re.match(r", ([A-Z]{2})\b(?![\w.])", text[cand.end : cand.end + 6])
    if code and is_us_state_code(code.group(1)):
        return True  # "Greensburg, IN"
    line_end = re.match(r"[ \t]*(?:\n|$)", text[cand.end : cand.end + 4])
    dash = re.search(r"\s[-–—]\s$", text[max(0, cand.start - 3) : cand.start])
    if line_end and dash:  # "Cedarvale Orchards - Lutherville": a list line's town after a named winner
        return any(
            c.kind in ("org", "person")
            and 0 <= cand.start - len(dash.group()) - c.end <= 1
            and "," not in text[c.start : c.end]  # a whole "Name, Title" list member is no winner's name
            for c in named
        )
    inside = re.match(r" in ([A-Z][\w\-]*(?: [A-Z][\w\-]*){0,2})", text[cand.end : cand.end + 40])
    if inside and (is_country_or_region(inside.group(1)) or is_known_city(inside.group(1))):
        return True  # "Tonglu in Zhejiang"
    before = re.search(r"(\w+)\s$", text[max(0, cand.start - 12) : cand.start])
    return before is not None and before.group(1).casefold() in words("place_prepositions")


def _list_runs(text: str, cities: list[Candidate]) -> Iterator[list[Candidate]]:
    """Runs of places joined like a list ("Wendale, Corrin and Tallis")."""
    run: list[Candidate] = []
    for cand in sorted(cities, key=lambda c: c.start):
        if run and not _LIST_GLUE.match(text[run[-1].end : cand.start]):
            yield run
            run = []
        run.append(cand)
    if run:
        yield run


def homogenise_lists(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """In "Arvex, Lumio, Petrano and Quillon" NER mislabels some members; the list's majority decides."""
    result = list(candidates)
    run: list[int] = []

    def settle() -> None:
        kinds = [result[i].kind for i in run]
        for kind in ("org", "city"):
            if len(run) >= 3 and kinds.count(kind) * 2 > len(run):
                for i in run:
                    c = result[i]
                    name = text[c.start : c.end]
                    # a full name stays a person's: "Joseph H. Powell, AIA, LEED AP" lists credentials
                    keeps = c.kind == "person" and (
                        (looks_like_person(name) and kind == "city") or _is_census_name(name)
                    )
                    if c.kind != kind and not keeps:
                        result[i] = Candidate(kind, c.start, c.end, c.rule, c.weak, c.anchored)

    for index, cand in enumerate(result):
        if run and _LIST_GLUE.match(text[result[run[-1]].end : cand.start]):
            run.append(index)
        else:
            settle()
            run = [index]
    settle()
    return result


# Between two members of a comma list: ", B, C, and " (the names of members the model left out).
_LIST_GAP = re.compile(r"^[,;]\s(?P<names>[^\n]{0,200}?)(?:,\s|;\s|,?\s(?:and|&)\s)$")
# ", and " before ", "; a bare "&" stays inside a name ("Marsh & Quist Partners")
_GAP_SEPARATOR = re.compile(r",\s(?:and|&)\s|,\s|;\s|\sand\s")
# After the last member the model read: ", Y and Z." (up to three more names, the last after "and").
_LIST_TAIL = re.compile(
    r"^(?P<names>(?:,\s[^\n,;.()]{1,60}?){0,2},?\s(?:and|&)\s[^\n,;.()]{1,60}?)(?=[.;)]|\s\(|$)"
)
_MIN_LISTED_ORGS = 3  # organizations the model read in one comma list before its other members count


def fill_list_gaps(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """ "supported by Acme, Bolt Labs, Quillmark, Corvo and Tessel": in a comma list of organizations
    the model read (three or more, nothing else between them), the members it left out are
    organizations too; they only fill gaps."""
    ordered = sorted(candidates, key=lambda c: c.start)
    added: list[Candidate] = []
    run: list[Candidate] = []
    pending: list[tuple[int, int]] = []

    def settle() -> None:
        if len(run) >= _MIN_LISTED_ORGS:
            pending.extend(_tail_names(text, run[-1].end))
            added.extend(Candidate("org", s, e, rule=True, weak=True) for s, e in pending)
        run.clear()
        pending.clear()

    for cand in ordered:
        if cand.kind != "org":
            settle()
            continue
        if run:
            between = text[run[-1].end : cand.start]
            names = _gap_names(text, run[-1].end, between)
            if names is None:
                settle()
            else:
                pending.extend(names)
        run.append(cand)
    settle()
    people = [
        (c.start, c.end) for c in candidates if c.kind == "person" and _is_census_name(text[c.start : c.end])
    ]
    marks = occupied(len(text), people)
    return [*candidates, *(c for c in added if marks.find(1, c.start, c.end) < 0)]  # "... and Omar Reyes"


def _tail_names(text: str, end: int) -> list[tuple[int, int]]:
    """The members after the last one the model read: ", Y and Z." (all of them, else the last)."""
    tail = _LIST_TAIL.match(text[end : end + 200])
    if tail is None:
        return []
    names = tail.group("names")
    if names.startswith(","):
        found = _gap_names(text, end, names + ", ")
        if found is not None:
            return found
    final = (list(re.finditer(r"\sand\s", names)) or list(re.finditer(r"\s&\s", names)))[-1]
    last = _gap_name(text, end + final.end(), end + len(names))
    return [last] if last else []


def _gap_names(text: str, offset: int, between: str) -> list[tuple[int, int]] | None:
    """The names between two list members ([] when they are adjacent), or None when the text between
    them is no part of one list."""
    if _LIST_GLUE.match(between):
        return []
    gap = _LIST_GAP.match(between)
    if gap is None:
        return None
    start = offset + gap.start("names")
    found = []
    for piece in _GAP_SEPARATOR.split(gap.group("names")):
        name = _gap_name(text, start, start + len(piece))
        if name is None:
            return None
        found.append(name)
        start += len(piece)
        separator = _GAP_SEPARATOR.match(text, start)
        start = separator.end() if separator else start
    return found if len(found) <= 3 else None


def _gap_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A list member's name: one to six capitalised words (connectors inside allowed); not a word
    English uses alone ("Friends"), a short code ("MP4") or an author cited with an initial ("Roe J")."""
    words_ = text[start:end].split(" ")
    if not _are_name_words(words_) or not words_[0][:1].isupper():
        return None
    alone = words_[0] if len(words_) == 1 else ""
    if (alone and (is_common_word(alone) or (alone.isupper() and len(alone) <= 4))) or len(words_[-1]) == 1:
        return None
    return start, end


_COUPLE_FIRST = re.compile(r"\b(?P<first>[A-Z][a-z]+) (?:&|and) $")
_NAME_WORD_BEFORE = re.compile(r"[A-Z][\w.’'\-]* $")


def with_couples(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """ "Dan & Irene Reyes", "Jim and Roxie Armstrong": the given name before a couple's shared
    surname is a person too, as written ("Chris"), when it is a census given name that no other
    name covers."""
    found = list(candidates)
    names = {normalise_space(text[c.start : c.end]) for c in candidates if c.kind == "person"}
    for cand in candidates:
        if cand.kind != "person" or len(text[cand.start : cand.end].split()) != 2:
            continue
        couple = _COUPLE_FIRST.search(text, max(0, cand.start - 20), cand.start)
        if couple is None or couple.group("first").casefold() not in census_names("given"):
            continue
        start, end = couple.span("first")
        if _NAME_WORD_BEFORE.search(text, max(0, start - 30), start):
            continue  # the end of another name: "Pat Kent and Parker Walter", "Los Angeles and Long Beach"
        in_full = f"{couple.group('first')} {text[cand.start : cand.end].split()[-1]}"
        if in_full in names:
            continue  # "Josh Brickey" is named in full elsewhere: his record takes this mention
        if not any(c.start < end and start < c.end for c in found):
            found.append(Candidate("person", start, end, rule=True, anchored=True))
    return sorted(found, key=lambda c: (c.start, c.end))

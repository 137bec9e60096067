"""The entities stage: people, organizations and cities.

spaCy's NER proposes spans; rules that know press releases trim them (articles, possessives, line breaks),
drop what is not a name (wire services, tickers, events, awards, venues, job titles, jargon), add what NER
misses (company-form suffixes, district-level places, places in lists of places, "Company - City" list
lines) and group mentions into one record per person, organization and city.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from ..context import ReleaseContext
from ..knowledge import (
    census_names,
    country_of,
    is_city_state,
    is_common_word,
    is_legal_suffix,
    is_region,
    is_us_state_code,
    legal_suffix_regex,
    words,
)
from ..models import City, Mention, Organization, Person
from ..validate import normalise_space
from .spans import mark, occupied, whole_word_occurrences
from .tags import opens_with_verb

Kind = Literal["person", "org", "city", "product"]

# PRODUCT spans never become records; they only take part in lists ("IBM, Acme and Foo"). CITY is the
# trained model's label (training/), GPE en_core_web_sm's, whose places a filter narrows to cities.
NER_KINDS: dict[str, Kind] = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "city",
    "CITY": "city",
    "PRODUCT": "product",
}

_NAME_CHARS = r"[\w’‘'.&\-]"
# A company-form suffix after a name ("Acme, Inc.", "Foo Co.,Ltd."); the suffixes live in knowledge.
_LEGAL_SUFFIX = re.compile(rf",?[ \t]{{1,3}}{legal_suffix_regex().pattern}(?!\w)")
# Those a grouping key drops, at the end of a name: "Acme, Inc." groups with "Acme", "Acme Holdings" not.
_LEGAL_SUFFIX_AT_END = re.compile(rf"(?:,?\s{legal_suffix_regex(droppable_only=True).pattern}(?!\w))+$")
_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")
_EDGE_JUNK = " \t-–—,;:/|(\"“”‘'*#_[]"
_TICKER = re.compile(r"\((?:[A-Z][A-Za-z\-]{1,12}(?:: ?| ))[A-Z][A-Z.]{0,7}\)")  # "(NYSE: RL)", "(TSX ABC)"
_NEWSWIRE = re.compile(r"(?:News|Press)[Ww]ire$")
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


@dataclass(frozen=True)
class Candidate:
    kind: Kind
    start: int
    end: int
    rule: bool = False
    weak: bool = False  # a fallback rule: only fills gaps NER left
    anchored: bool = False  # a rule with unambiguous layout or wording: beats every NER reading


def extract(ctx: ReleaseContext) -> None:
    """Fill ctx.people, ctx.organizations and ctx.cities."""
    text = ctx.text
    common = common_words(text)
    shut = _shut_zones(ctx)
    candidates = list(_outside(text, _candidates(ctx, common), shut))
    candidates = _resolve_overlaps(ctx, candidates)
    candidates = _homogenise_lists(text, [_person_by_title(text, c) for c in candidates])
    candidates = [_place_by_region(text, c) for c in candidates]
    people = _people(ctx, [c for c in candidates if c.kind == "person"], common)
    person_words = {w for p in people for w in p.name.split()}
    organizations = _organizations(
        ctx, [c for c in candidates if c.kind == "org" and text[c.start : c.end] not in person_words], common
    )
    taken = [(m.start, m.end) for p in people for m in p.mentions] + shut
    taken += [(m.start, m.end) for org in organizations for m in org.mentions]
    marks = occupied(len(text), taken)
    organizations = [_with_repeats(text, org, marks) for org in organizations]
    cities = _cities(
        ctx, [c for c in candidates if c.kind == "city" and text[c.start : c.end] not in person_words], common
    )
    ctx.people, ctx.organizations, ctx.cities = people, organizations, cities


def common_words(text: str) -> frozenset[str]:
    """Words this release also writes in lower case: a name made only of them is a phrase, not a name."""
    without_addresses = re.sub(r"\S{1,200}(?:\.[a-z]{2,6}|@)\S{0,200}", " ", text)
    return frozenset(re.findall(r"\b[a-z][a-z\-]{1,30}\b", without_addresses))


def _is_common_phrase(name: str, common: frozenset[str]) -> bool:
    tokens = re.findall(r"[A-Za-z][A-Za-z\-]*", name)
    return bool(tokens) and all(t.casefold() in common or t.casefold() in _FUNCTION_WORDS for t in tokens)


_FUNCTION_WORDS = frozenset({"of", "and", "for", "the", "a", "an", "in", "on", "to", "at", "by", "with", "&"})


# --- proposing spans -------------------------------------------------------------------------------


def _candidates(ctx: ReleaseContext, common: frozenset[str]) -> Iterator[Candidate]:
    text = ctx.text
    for ent in ctx.doc.ents:
        kind = NER_KINDS.get(ent.label_)
        if kind is None:
            continue
        for start, end in _trimmed(text, ent.start_char, ent.end_char, kind):
            if kind == "org":
                yield from _org_parts(text, start, end)
            else:
                yield Candidate(kind, start, end)
    yield from _org_head_candidates(ctx)
    yield from _list_line_candidates(ctx)
    yield from _place_candidates(ctx, common)


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
_COMPASS_REGION = re.compile(
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
    committee = _COMMITTEE_OF.match(name)
    if committee:
        yield Candidate("org", start + committee.end(), end)  # "the Audit Committee of Acme Corp."
        return
    title_tail = re.search(r" and (?P<head>[A-Z][\w\-]*)(?: [A-Z][\w\-]*){0,3}$", name)
    if title_tail and title_tail.group("head").casefold() in words("title_heads"):
        end = start + title_tail.start()  # "the Foo Council and Executive" (Vice Chairman of ...)
    region = _COMPASS_REGION.match(text, end) or _REGION_AFTER.match(text, end)
    if region and _is_country_or_region(region.group().split()[-1]):
        end = region.end()  # "Acme Group South China", "Foo Asia-Pacific"
    for _ in range(2):  # "Liaison Office of the Foo Government in the HKSAR", "Ministry of X of the PRC"
        tail = _PLACE_TAIL.match(text, end)
        if tail is None or not _is_country_or_region(tail.group("place")):
            break
        end = tail.end()
    yield Candidate("org", start, end)


def _org_head_candidates(ctx: ReleaseContext) -> Iterator[Candidate]:
    """Runs of proper nouns ending in an organization word ("ADG Expo Group") that NER missed, also
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
                Candidate("org", s, e, weak=True)
                for s, e in _trimmed(ctx.text, start, token.idx + len(token), "org")
            )


def _trimmed(text: str, start: int, end: int, kind: Kind) -> Iterator[tuple[int, int]]:
    """Split a span at line breaks and trim articles, honorifics, possessives and edge punctuation."""
    for piece in re.finditer(r"[^\n]+", text[start:end]):
        s, e = start + piece.start(), start + piece.end()
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
            if article:
                s += article.end()
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
        if kind == "org":
            suffix = _LEGAL_SUFFIX.match(text, e)
            while suffix and suffix.end() > e:
                e = suffix.end()
                suffix = _LEGAL_SUFFIX.match(text, e)
        if e - s >= 2:
            yield s, e


_TRAILING_NUMBER = re.compile(r"[ \t]+\+?\d[\d \t().\-]*$")

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
    """Abbreviations keep their final period: "Inc.", "Co., Ltd.", "R. Patrick", "U.S."."""
    last = name.rsplit(" ", 1)[-1]
    if last.endswith(".") and legal_suffix_regex().fullmatch(last):
        return True
    return bool(re.fullmatch(r"(?:Jr|Sr|Bros|Mfg|Intl|[A-Z]|(?:[A-Z]\.)+[A-Z])\.", last))


def _list_line_candidates(ctx: ReleaseContext) -> Iterator[Candidate]:
    """Lines such as "Winner: Acme Widgets, Inc. - Springfield": an organization and its city."""
    matches = list(_LIST_LINE.finditer(ctx.text))
    if len(matches) < 2:
        return
    people = {(e.start_char, e.end_char) for e in ctx.doc.ents if e.label_ == "PERSON"}
    for match in matches:
        name_start, name_end = match.span("name")
        if people & {match.span("place")}:
            continue  # "Gold Award Winner – Erik Hansen": a category and its winner, no place
        ner_person = (name_start, name_end) in people
        yield Candidate("person" if ner_person else "org", name_start, name_end, rule=True, anchored=True)
        yield Candidate("city", *match.span("place"), rule=True, anchored=True)


def _place_candidates(ctx: ReleaseContext, common: frozenset[str]) -> Iterator[Candidate]:
    """District-level names ("Dongli District") and members of lists of places."""
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
        if ent.label_ in ("GPE", "CITY") and _is_place_name(ent.text)
    }
    for match in _PLACE_LIST.finditer(text):
        items = list(_list_items(text, match.start(), match.end()))
        last_start, last_end = items[-1]
        plural = _COUNCIL_LIST_TAIL.search(text, last_start, last_end)
        councils = bool(plural) or bool(_COUNCIL_LIST_END.match(text, match.end()))
        if plural:
            items[-1] = (last_start, plural.start())
        known = sum(1 for s, e in items if text[s:e].casefold() in ner_places)
        if councils or known >= max(2, (len(items) + 1) // 2):
            for s, e in items:
                if not _is_country_or_region(text[s:e]):
                    yield Candidate("city", s, e, rule=True, anchored=councils)


def _list_items(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The names of a comma list, with "X in Y" giving both X and Y."""
    for part in re.finditer(r"(?:(?:and|&) )?(?P<item>[^,]+)", text[start:end]):
        item_start = start + part.start("item")
        for name in re.finditer(r"[A-Z][\w’'\-]*(?: [A-Z][\w’'\-]*)*", part.group("item")):
            yield item_start + name.start(), item_start + name.end()
            if " of " in part.group("item"):
                break  # "Northern Beaches of Sydney": the member is the first name


def _shut_zones(ctx: ReleaseContext) -> list[tuple[int, int]]:
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


def _outside(text: str, candidates: Iterable[Candidate], zones: list[tuple[int, int]]) -> Iterator[Candidate]:
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


def _resolve_overlaps(ctx: ReleaseContext, candidates: list[Candidate]) -> list[Candidate]:
    """One reading per stretch of text: NER full names of people first, then rule spans, then longer."""
    text = ctx.text

    def rank(c: Candidate) -> tuple[int, int, int, str]:
        full_name = c.kind == "person" and not c.rule and _looks_like_person(text[c.start : c.end])
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


_TITLE_AFTER = re.compile(r", (?:the |a |an |its |our |former |then |current )?(?P<word>[A-Z][\w\-]*)")


def _person_by_title(text: str, cand: Candidate) -> Candidate:
    """A full name followed by ", President of ..." is a person whatever NER called it."""
    name = text[cand.start : cand.end]
    if cand.kind == "person" and is_legal_suffix(name.rsplit(" ", 1)[-1]):
        return Candidate(
            "org", cand.start, cand.end, cand.rule, cand.weak, cand.anchored
        )  # "Foo Bar Corporation"
    if cand.kind == "person" or not _looks_like_person(name):
        return cand
    after = _TITLE_AFTER.match(text, cand.end)
    if after and after.group("word").casefold() in words("titles"):
        return Candidate("person", cand.start, cand.end, cand.rule, cand.weak, cand.anchored)
    return cand


_AFTER_REGION = re.compile(r"[,.;:)\n]| [a-z(]|$")


def _place_by_region(text: str, cand: Candidate) -> Candidate:
    """ "Chagrin Falls, Ohio", "Hobart, Tasmania": a "person" followed by its state, province or country
    is a place. Two-letter codes are left out ("David Roe, MD" is a doctor), and organizations too
    ("CEO of Acme Commons, Iceland")."""
    if cand.kind != "person" or text[cand.end : cand.end + 2] != ", ":
        return cand
    following = text[cand.end + 2 : cand.end + 40].split(" ")
    for size in (3, 2, 1):
        region = " ".join(following[:size]).rstrip(",.;:)\n")
        if len(following) < size or not region[:1].isupper():
            continue
        dotted = text.startswith(region + ".", cand.end + 2) and is_us_state_code(region + ".")
        known = _is_country_or_region(region) or dotted
        rest = cand.end + 2 + len(region) + (1 if dotted else 0)
        if known and _AFTER_REGION.match(text, rest) and _is_place_name(text[cand.start : cand.end]):
            return Candidate("city", cand.start, cand.end, cand.rule, cand.weak, cand.anchored)
    return cand


_LIST_GLUE = re.compile(r"^(?:,|;|,? and|,? &|,? or)\s{1,3}$")


def _homogenise_lists(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """In "IBM, Microsoft, Serena and Borland" NER mislabels some members; the list's majority decides."""
    result = list(candidates)
    run: list[int] = []

    def settle() -> None:
        kinds = [result[i].kind for i in run]
        for kind in ("org", "city"):
            if len(run) >= 3 and kinds.count(kind) * 2 > len(run):
                for i in run:
                    c = result[i]
                    if c.kind != kind and not (
                        c.kind == "person" and _looks_like_person(text[c.start : c.end]) and kind == "city"
                    ):
                        result[i] = Candidate(kind, c.start, c.end, c.rule, c.weak, c.anchored)

    for index, cand in enumerate(result):
        if run and _LIST_GLUE.match(text[result[run[-1]].end : cand.start]):
            run.append(index)
        else:
            settle()
            run = [index]
    settle()
    return result


# --- people ----------------------------------------------------------------------------------------


_NAME_PARTICLES = frozenset(
    {
        "van",
        "von",
        "de",
        "da",
        "der",
        "den",
        "del",
        "della",
        "di",
        "du",
        "la",
        "le",
        "bin",
        "binti",
        "dos",
        "das",
    }
)


_GLUED = re.compile(r"[a-z]{3}[A-Z]|www|\d")


def _is_glued(name: str) -> bool:
    """Scraped text loses spaces ("QuandariesThe", "Texaswww"); such strings are not names."""
    return bool(_GLUED.search(name))


def _looks_like_person(name: str) -> bool:
    tokens = name.split()
    if not 2 <= len(tokens) <= 5 or _is_glued(name):
        return False
    if re.fullmatch(r"[A-Z]\.", tokens[-1]) or any(re.search(r"['’]s$", t) for t in tokens[:-1]):
        return False  # "Mark R." is cut short; "Dick's Sporting Goods" is a shop
    blocked = words("org_heads") | words("event_words") | words("not_orgs") | words("not_name_words")
    for token in tokens:
        if token.casefold() in blocked or is_legal_suffix(token) or any(ch.isdigit() for ch in token):
            return False
        if not re.fullmatch(r"[A-Z][\w’‘'\-]*\.?|al-\w+", token) and token not in _NAME_PARTICLES:
            return False
        if len(token) > 1 and token.isupper() and not token.endswith("."):
            return False
    return any(len(t.strip(".")) > 1 for t in tokens)


def _people(ctx: ReleaseContext, candidates: list[Candidate], common: frozenset[str]) -> list[Person]:
    """Full names become people; a lone surname or given name joins the full name it shortens."""
    text = ctx.text
    full: dict[str, list[Mention]] = {}
    short: list[Candidate] = []
    for cand in candidates:
        name = normalise_space(text[cand.start : cand.end])
        if (
            _looks_like_person(name)
            and not _is_common_phrase(name, common)
            and not _reads_as_words(name)
            and not _starts_with_verb(ctx, cand)
        ):
            full.setdefault(name, []).append(
                Mention(start=cand.start, end=cand.end, text=text[cand.start : cand.end])
            )
        elif " " not in name:
            short.append(cand)
    # A "name" that contains another full name plus more words is a brand ("Polo Ralph Lauren").
    names = [n for n in full if not any(o != n and f" {o} " in f" {n} " for o in full)]
    surnames = {n: n.split() for n in names}
    taken = [m for name in names for m in full[name]]
    for token in _short_mentions(ctx, surnames, short, taken):
        owner = _owner_of(token, surnames, full)
        if owner is not None:
            full[owner].append(token)
    return [
        Person(doc_id=ctx.release.doc_id, name=name, mentions=sorted(full[name], key=lambda m: m.start))
        for name in names
    ]


def _reads_as_words(name: str) -> bool:
    """ "Hidden Brains", "Vivid Dental", "Ritenour Counseling": a "person" with no census given name whose
    last word is a common English word and no census surname is a brand, product or phrase."""
    tokens = [
        unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode().strip(".’'").lower()
        for t in name.split()
    ]
    last = tokens[-1] if tokens else ""
    if len(last) < 3 or any(t in census_names("given") for t in tokens):
        return False  # "Cardi B", "Shashank M": an initial says nothing
    return last not in census_names("surname") and is_common_word(last)


def _starts_with_verb(ctx: ReleaseContext, cand: Candidate) -> bool:
    """ "Promoting Healthy Lives", "Follow Kami": a capitalised verb opens a phrase, not a name."""
    return opens_with_verb(ctx.doc, cand.start, cand.end)


def _single_word_not_proper(ctx: ReleaseContext, cand: Candidate) -> bool:
    """A one-word organization must be a proper noun or an acronym ("Originally" is neither)."""
    span = ctx.doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    token = span[0]
    return not token.text.isupper() and token.tag_ not in {"NNP", "NNPS"}


def _short_mentions(
    ctx: ReleaseContext, names: dict[str, list[str]], short: list[Candidate], taken: list[Mention]
) -> Iterator[Mention]:
    """Later lone surnames or given names of known people, wherever NER put them (or missed them)."""
    parts = {p for tokens in names.values() for p in (tokens[0], tokens[-1]) if len(p) > 2}
    if not parts:
        return
    spans = {(c.start, c.end) for c in short if ctx.text[c.start : c.end] in parts}
    spans |= {(t.idx, t.idx + len(t.text)) for t in ctx.doc if t.text in parts}
    for start, end in sorted(spans):
        if not any(m.start <= start and end <= m.end for m in taken):
            yield Mention(start=start, end=end, text=ctx.text[start:end])


def _owner_of(mention: Mention, names: dict[str, list[str]], full: dict[str, list[Mention]]) -> str | None:
    """The person a short mention refers to: by surname first, else by the first name written first."""
    by_last = [n for n, tokens in names.items() if tokens[-1] == mention.text]
    by_first = [n for n, tokens in names.items() if tokens[0] == mention.text]
    for group in (by_last, by_first):
        earlier = [n for n in group if full[n][0].start < mention.start]
        if len(earlier) == 1:
            return earlier[0]
        if earlier:
            return max(earlier, key=lambda n: max(m.start for m in full[n] if m.start < mention.start))
    return None


# --- organizations ---------------------------------------------------------------------------------


_VENUE_WORDS = frozenset({"convention", "exhibition", "hotel", "stadium", "arena", "auditorium"})
_NOT_ORG_TAILS = frozenset({"board", "directors", "committees", "trustees", "shareholders", "members"})
_BOARD_COMMITTEE_WORDS = (
    r"(?:Audit|Finance|Compensation|Nominating|Nomination|Governance|Sustainability|Executive|Risk|"
    r"Remuneration|Talent|Culture|Investment|Strategy|Technology|Steering|Advisory|Organizing|Organising|"
    r"Scientific|Ethics|Safety|Special|Search|Standing|Program|Programme|Corporate|Responsibility|Total|"
    r"Rewards)"
)
_GENERIC_COMMITTEE = re.compile(rf"^(?:{_BOARD_COMMITTEE_WORDS},? (?:and |& )?){{1,6}}Committees?$")
_COMMITTEE_OF = re.compile(rf"^(?:{_BOARD_COMMITTEE_WORDS},? (?:and |& )?){{1,6}}Committees? of (?:the )?")


def _is_org_name(name: str, before: str, after: str, common: frozenset[str]) -> bool:
    tokens = name.split()
    folded = name.casefold()
    if not tokens or tokens[-1] in _FUNCTION_WORDS or tokens[-1][:1].islower():
        return False
    if {t.casefold() for t in tokens} & _VENUE_WORDS or tokens[-1].casefold() in _NOT_ORG_TAILS:
        return False
    jargon_first = tokens[0].isupper() and tokens[0].casefold() in words("not_orgs")
    if "," in _strip_legal_suffix(name) or jargon_first:
        return False
    if _GENERIC_COMMITTEE.match(name):
        return False  # a board's committee, not a body of its own
    if _is_common_phrase(name, common) and not any(_is_org_word(t) for t in tokens):
        return False
    if re.search(r"\bat the $", before) and tokens[-1] in {"Center", "Centre", "Hall", "Park"}:
        return False  # a venue: "at the Foo Center"
    if tokens[-1] == "Department" and after.startswith(" of "):
        return False  # a sub-unit: "the Research Department of Acme"
    if not tokens or not any(ch.isupper() for ch in name) or not (name[0].isupper() or name[0].isdigit()):
        return False
    if folded in words("not_orgs") or _is_known_place(name):
        return False
    if _NEWSWIRE.search(name):
        return False  # "CannabisNewsWire", "Foo Newswire": a wire service
    if any(marker in folded for marker in ("www", "http", "@", ".com", "+")):
        return False
    titled = tokens[0].casefold() in words("titles") and not any(_is_org_word(t) for t in tokens)
    if titled or tokens[-1].casefold() in words("titles"):
        return False
    # "National Committee of the Foo Conference": the head before "of" decides, not the last word.
    head = name.split(" of ", 1)[0].split()[-1].casefold()
    event_last = tokens[-1].casefold() in words("event_words") and head not in words("org_heads")
    if event_last or re.match(r"\d{4}\b|\d+(?:st|nd|rd|th)\b", name):
        return False
    # A sub-unit named through its parent ("Acme's Research Department") is not a separate body.
    return not (tokens[-1] == "Department" and re.search(r"['’]s\s*$", before))


def _strip_legal_suffix(name: str) -> str:
    return _LEGAL_SUFFIX_AT_END.sub("", name)


def _is_org_word(token: str) -> bool:
    """A word that makes a name an organization's: "Group", "Foundation", "Inc."."""
    return token.casefold() in words("org_heads") or is_legal_suffix(token)


def _organizations(
    ctx: ReleaseContext, candidates: list[Candidate], common: frozenset[str]
) -> list[Organization]:
    """Group organization mentions: "Acme" and "Acme, Inc." are one; an "(ABC)" acronym is an alias."""
    text = ctx.text
    groups: dict[str, list[Mention]] = {}
    for cand in candidates:
        name = text[cand.start : cand.end]
        before, after = text[max(0, cand.start - 8) : cand.start], text[cand.end : cand.end + 5]
        if not _is_org_name(normalise_space(name), before, after, common) or _is_lowercase_acronym(
            text, cand
        ):
            continue
        groups.setdefault(_org_key(name), []).append(Mention(start=cand.start, end=cand.end, text=name))
    for key in _product_keys(groups):
        del groups[key]
    _join_truncated(text, groups)
    aliases = _acronym_aliases(text, groups)
    records = []
    for key, mentions in groups.items():
        if key in aliases:
            continue  # an acronym: its mentions belong to the organization it abbreviates
        alias_mentions = [m for acronym, owner in aliases.items() if owner == key for m in groups[acronym]]
        name = max((normalise_space(m.text) for m in mentions), key=lambda n: (len(n), n))
        alias_names = sorted({normalise_space(m.text) for m in alias_mentions})
        records.append(
            Organization(
                doc_id=ctx.release.doc_id,
                name=name,
                aliases=alias_names,
                mentions=sorted(
                    {(m.start, m.end): m for m in mentions + alias_mentions}.values(), key=lambda m: m.start
                ),
            )
        )
    return records


def _join_truncated(text: str, groups: dict[str, list[Mention]]) -> None:
    """NER sometimes drops a first word ("Lauren Corporation" in "Ralph Lauren Corporation"): such
    mentions join the longer name they are the tail of, when the text before them supplies the rest."""
    for key in list(groups):
        for longer in groups:
            if longer != key and longer.endswith(" " + key):
                head = longer[: -len(key)]
                if all(text[max(0, m.start - len(head)) : m.start].casefold() == head for m in groups[key]):
                    groups[longer].extend(
                        Mention(start=m.start - len(head), end=m.end, text=text[m.start - len(head) : m.end])
                        for m in groups.pop(key)
                    )
                break


def _with_repeats(text: str, org: Organization, taken: bytearray) -> Organization:
    """NER misses some repeats of a name it found elsewhere ("Acme" right after a dateline); every
    whole-word occurrence of a name outside shut zones, people and other mentions (`taken`, marked by
    character) is a mention too."""
    known = {(m.start, m.end) for m in org.mentions}
    added: list[Mention] = []
    for written in sorted({m.text for m in org.mentions}, key=len, reverse=True):
        if len(written) < 3:
            continue
        for start, end in whole_word_occurrences(text, written):
            if (
                (start, end) in known
                or taken.find(1, start, end) >= 0
                or any(m.start < end and start < m.end for m in added)
            ):
                continue
            added.append(Mention(start=start, end=end, text=written))
    if not added:
        return org
    return org.model_copy(update={"mentions": sorted([*org.mentions, *added], key=lambda m: m.start)})


def _product_keys(groups: dict[str, list[Mention]]) -> list[str]:
    """ "Acme Cloud Studio" beside "Acme" is a product or division of Acme, unless its name says it is
    a body of its own ("Acme Research Institute", "Acme Co., Ltd.")."""
    found = []
    for key, mentions in groups.items():
        if any(_LEGAL_SUFFIX_AT_END.search(m.text) for m in mentions):
            continue
        for other in groups:
            if other != key and (key.startswith(other + " ") or key.startswith(other + "-")):
                rest = key[len(other) + 1 :]
                last = rest.rsplit(" ", 1)[-1]
                regional = bool(_COMPASS_REGION.fullmatch(" " + rest.title())) or is_region(rest)
                if not regional and last not in words("org_heads"):
                    found.append(key)
                    break
    return found


def _is_lowercase_acronym(text: str, cand: Candidate) -> bool:
    """ "software development asset (SDA)": an acronym of a common phrase is not an organization."""
    acronym = text[cand.start : cand.end]
    if not (acronym.isupper() and 2 <= len(acronym) <= 6 and text[cand.start - 1 : cand.start] == "("):
        return False
    before = re.findall(r"[A-Za-z]+", text[max(0, cand.start - 80) : cand.start])[-len(acronym) :]
    return (
        len(before) == len(acronym)
        and all(w[0].islower() for w in before)
        and ("".join(w[0] for w in before).upper() == acronym)
    )


def _org_key(name: str) -> str:
    """Grouping key: space-normalised, without a company-form suffix, case-insensitive."""
    return _strip_legal_suffix(normalise_space(name)).casefold()


def _acronym_aliases(text: str, groups: dict[str, list[Mention]]) -> dict[str, str]:
    """acronym key -> owner key, for "Long Name (LN)" written in the text."""
    aliases: dict[str, str] = {}
    for key, mentions in list(groups.items()):
        for mention in list(mentions):
            after = re.match(r"\s?\((?P<acronym>[A-Z][A-Za-z&]{1,9})\)", text[mention.end : mention.end + 14])
            if not after:
                continue
            acronym = after.group("acronym")
            initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w’'\-]*", mention.text) if w[0].isupper())
            if _is_subsequence(acronym.upper(), initials.upper()):
                aliases.setdefault(acronym.casefold(), key)
                start = mention.end + after.start("acronym")
                groups.setdefault(acronym.casefold(), []).append(
                    Mention(start=start, end=start + len(acronym), text=acronym)
                )
    return {k: v for k, v in aliases.items() if k != v}


def _is_subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return bool(short) and all(ch in letters for ch in short)


# --- cities ----------------------------------------------------------------------------------------


def _is_place_name(name: str, common: frozenset[str] = frozenset()) -> bool:
    name = normalise_space(name)
    if _is_common_phrase(re.sub(r" (?:City|District|County)$", "", name), common):
        return False
    folded = name.casefold()
    tokens = name.split()
    if not tokens or len(tokens) > 4 or not name[0].isupper() or _is_glued(name):
        return False
    if (
        folded in words("honorifics")
        or folded.rstrip(".") in words("honorifics")
        or re.search(r"\.[A-Za-z]", name)
    ):
        return False
    if _is_known_place(name):
        return False
    if folded.startswith("the ") or re.search(r"\b(?:province|state|region|prefecture|republic)$", folded):
        return False
    if len(name) <= 3 and name.isupper():
        return False
    if is_us_state_code(name + "."):
        return False  # "Calif" of "Calif." cut short
    if len(tokens) == 1 and is_common_word(folded) and folded not in words("common_word_cities"):
        return False  # "Kingdom", "Island", "Activate": a word, not a town
    blocked = words("org_heads") | words("event_words") - {"city"}
    return not any(t.casefold() in blocked for t in tokens if t not in {"City", "District", "County"})


def _cities(ctx: ReleaseContext, candidates: list[Candidate], common: frozenset[str]) -> list[City]:
    """Cities as written; the dateline city first, with the dateline's country."""
    text = ctx.text
    dateline = ctx.dateline
    groups: dict[str, list[Mention]] = {}
    countries: dict[str, str | None] = {}
    if dateline.city is not None:
        city_mention = next((m for m in dateline.mentions if m.text == dateline.city), None)
        if city_mention is not None:
            key = normalise_space(dateline.city).casefold()
            groups[key] = [city_mention]
            countries[key] = dateline.country
    for cand in candidates:
        name = text[cand.start : cand.end]
        if not _is_place_name(name, common):
            continue
        key = normalise_space(name).casefold()
        mention = Mention(start=cand.start, end=cand.end, text=name)
        if any(m.start == mention.start for m in groups.get(key, [])):
            continue
        groups.setdefault(key, []).append(mention)
        countries.setdefault(key, _country_after(text, cand.end))
    return [
        City(
            doc_id=ctx.release.doc_id,
            name=normalise_space(mentions[0].text),
            country=countries.get(key),
            mentions=sorted(mentions, key=lambda m: m.start),
        )
        for key, mentions in groups.items()
    ]


def _country_after(text: str, end: int) -> str | None:
    """ "Paris, France" -> "France"."""
    match = re.match(r", ([A-Z][A-Za-z.]{1,20}(?: [A-Z][A-Za-z.]{1,20}){0,2})", text[end : end + 40])
    if match and _is_country(match.group(1)):
        return match.group(1)
    return None


def _is_country(name: str) -> bool:
    """A city-state is no country here: "centers in Singapore and China" names the city as well."""
    return country_of(name) is not None and not is_city_state(name)


def _is_country_or_region(name: str) -> bool:
    return _is_country(name) or is_region(name)


def _is_known_place(name: str) -> bool:
    """A country, region, US state code or city-state: a place, but not a city."""
    return _is_country_or_region(name) or is_us_state_code(name) or is_city_state(name)

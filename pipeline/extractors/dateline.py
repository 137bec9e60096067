"""The dateline stage: where, when and through which wire a release was issued.

`find_dateline` is the one place the dateline pattern lives; the structure stage uses it too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import dateparser

from ..context import ReleaseContext
from ..knowledge import country_of, region_country
from ..models import Dateline, Mention
from .spans import Span, stripped_pieces

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?i:{_MONTH}\.?[ \xa0]{{1,2}}{_DAY},?[ \xa0]{{1,2}}\d{{4}}"
    rf"|{_DAY}[ \xa0]{{1,2}}{_MONTH}\.?,?[ \xa0]{{1,2}}\d{{4}}"
    rf"|{_MONTH}\.?[ \xa0]{{1,2}}\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})"
)
# A place word may not be a month followed by a number or a weekday: that is where the date starts.
_WORD = (
    rf"(?!(?i:{_MONTH})\.?[ \xa0]{{0,2}}\d)(?!(?i:{_WEEKDAY})\b)"
    r"[^\W\d_](?:[\w.'’&]|-(?=[^\W\d_])){0,30}"
)
_PLACE = rf"{_WORD}(?: {_WORD}){{0,4}}"
_LOCATION_RE = re.compile(rf"(?:{_PLACE})(?:(?:, ?| ?/ ?){_PLACE}){{0,3}}")
_LINE_START_RE = re.compile(r"[ \t\xa0]{0,8}(?:\*\*|__)?[ \t\xa0]{0,2}")
_SEP_RE = re.compile(r"[ \t\xa0*]{0,4}(,|--|—|–|-|:)?[ \t\xa0*]{0,4}")
_KNOWN_WIRES = {
    "prnewswire": "PRNewswire",
    "businesswire": "Business Wire",
    "globenewswire": "GlobeNewswire",
    "247pressrelease": "24-7 Press Release",
    "accesswire": "ACCESSWIRE",
    "newsfile": "Newsfile",
    "newsfilecorp": "Newsfile",
    "eznewswire": "EZ Newswire",
    "ibn": "IBN",
    "newmediawire": "NewMediaWire",
    "newsdirect": "News Direct",
    "newsworthyai": "Newsworthy",
    "newsworthy": "Newsworthy",
    "noticiasnewswire": "Noticias Newswire",
    "mediaoutreachnewswire": "Media OutReach Newswire",
    "mediaoutreach": "Media OutReach Newswire",
    "prkarma": "PR Karma",
    "newsusa": "NewsUSA",
    "prismmediawire": "PRISM MediaWire",
    "prweb": "PRWeb",
    "einpresswire": "EIN Presswire",
    "marketwired": "Marketwired",
    "canadanewswire": "CNW",
    "cnw": "CNW",
    "blockchainwire": "Blockchain Wire",
    "investorwire": "InvestorWire",
    "newsramp": "NewsRamp",
}
_BARE_WIRES = "|".join(
    ["News Direct", "PRISM MediaWire", "ACCESSWIRE", "Newsfile", "EZ Newswire", "Blockchain Wire", "IBN"]
)
# Tail elements after the location, tried in order at each step; names say which field they fill.
_ELEMENTS: list[tuple[str, re.Pattern[str]]] = [
    ("date", re.compile(_DATE)),
    ("pdate", re.compile(rf"\(({_DATE})\)")),
    ("wire", re.compile(r"/[ \xa0]{0,2}([^/\n]{1,60}?)[ \xa0]{0,2}/")),
    ("wire", re.compile(r"\(([^()\n]{1,60})\)")),
    ("link", re.compile(r"\[([^\]\n]{1,60})\]\([^)\s]{1,200}\)")),
    ("wire", re.compile(rf"({_BARE_WIRES})\b")),
    ("skip", re.compile(rf"(?i:{_WEEKDAY})(?=[ ,\xa0])")),
    ("skip", re.compile(r"(?:@ ?)?\d{1,2}:\d{2}(?: ?[AaPp]\.?[Mm]\.?(?: [\w/]{1,40})?)?")),
    ("skip", re.compile(r"(?i:for immediate release|release date)")),
]
_DASHES = {"--", "—", "–", "-"}
_CONNECTORS = {"de", "del", "la", "le", "of", "upon", "am", "an", "der", "di", "da", "do", "du", "and", "on"}
_NOT_PLACES = {
    "on", "in", "as", "at", "by", "for", "from", "the", "this", "today", "since", "starting", "after",
    "before", "during", "until", "through", "effective", "updated", "published", "posted", "date", "dated",
    "release", "immediate", "photo", "source", "image", "contact", "when", "where", "what", "time",
    "location", "venue", "deadline", "closing", "opening",
}  # fmt: skip


@dataclass(frozen=True)
class DatelineMatch:
    """Offsets of a dateline's parts in the text; `end` is the end of the whole prefix (dash included)."""

    start: int
    end: int
    city: Span | None = None
    region: Span | None = None
    country: Span | None = None
    date: Span | None = None
    wire: Span | None = None


def _is_place(words: list[str]) -> bool:
    return bool(words) and all(w[0].isupper() or w.lower() in _CONNECTORS for w in words)


def _split_location(text: str, start: int, end: int) -> list[Span]:
    """The comma-separated places of the first group ("SCOTTSDALE, AZ / PALO ALTO, CA" names two cities)."""
    second = re.search(r"/| and ", text[start:end], re.IGNORECASE)
    group_end = end if second is None else start + second.start()
    return stripped_pieces(text, r"[^,/]+", start, group_end)


def _assign_places(text: str, places: list[Span]) -> tuple[Span | None, Span | None, Span | None]:
    """City is the first place; later ones are a country when known as one, else a region."""
    if not places:
        return None, None, None
    city, region, country = places[0], None, None
    for span in places[1:]:
        if normalise_country(text[span[0] : span[1]]) and country is None:
            country = span
        elif region is None:
            region = span
    if country is None and normalise_country(text[city[0] : city[1]]) and len(places) == 1:
        country = city
    return city, region, country


def _parse_tail(text: str, pos: int, end: int) -> tuple[int, Span | None, Span | None, bool, bool]:
    """Read date / wire / weekday / time elements after a location; returns prefix end, date, wire,
    whether the prefix ends with a dash, and whether the first separator was only a space."""
    date: Span | None = None
    wire: Span | None = None
    prefix_end = pos
    first_sep_plain = True
    dashed = False
    for step in range(10):
        sep = _SEP_RE.match(text, pos, end)
        assert sep is not None  # the separator pattern can match the empty string
        sep_text = sep.group(1)
        if step == 0:
            first_sep_plain = sep_text is None and "*" not in sep.group(0)
            if sep_text == ":":
                break  # "WHEN: Tuesday, May 5" is a label, not a dateline
        if sep_text in _DASHES and (date or wire):
            prefix_end, dashed = sep.end(1), True
        pos = sep.end()
        for kind, pattern in _ELEMENTS:
            m = pattern.match(text, pos, end)
            if m is None:
                continue
            if kind in ("date", "pdate"):
                if date is not None:
                    continue  # a second date belongs to the body
                date = m.span(1) if kind == "pdate" else m.span()
            elif kind in ("wire", "link"):
                # A markdown link is a wire only when it names a known one, not "[Source](url)".
                if not (_known_wire(m.group(1)) if kind == "link" else _looks_like_wire(m.group(1))):
                    continue
                wire = wire or m.span(1)
            pos = prefix_end = m.end()
            dashed = False
            break
        else:
            if sep_text in _DASHES:
                prefix_end, dashed = sep.end(1), True
            break
    return prefix_end, date, wire, dashed, first_sep_plain


def _known_wire(name: str) -> bool:
    return re.sub(r"[^a-z0-9]", "", name.lower()) in _KNOWN_WIRES


def _looks_like_wire(name: str) -> bool:
    if _known_wire(name):
        return True
    # Unknown bracketed names count only when they look like a distribution service, not "(NYSE: X)".
    return ":" not in name and bool(re.search(r"(?i)wire|news|press|\bpr\b|media", name))


def find_dateline(text: str, start: int = 0, limit: int = 2000) -> DatelineMatch | None:
    """The first dateline in the first lines after `start`: a place with a date or wire, a wire alone,
    or a line that is only a date; None when there is none."""
    window_end = min(len(text), start + max(0, limit))
    pos = start
    for line_no in range(12):
        if pos >= window_end:
            break
        nl = text.find("\n", pos, window_end)
        line_end = window_end if nl < 0 else nl
        if text[pos:line_end].strip():
            found = _match_line(text, pos, line_end, near_top=line_no < 6)
            if found is not None:
                return found
        pos = line_end + 1
    return None


def _match_line(text: str, pos: int, end: int, near_top: bool) -> DatelineMatch | None:
    lead = _LINE_START_RE.match(text, pos, end)
    pos = lead.end() if lead else pos
    loc = _LOCATION_RE.match(text, pos, end)
    if loc is not None:
        loc_end = _trim_wire_groups(text, loc.start(), loc.end())
        words = text[loc.start() : loc_end].replace(",", " ").replace("/", " ").split()
        if _is_place(words) and words[0].lower() not in _NOT_PLACES and loc_end - loc.start() <= 80:
            found = _with_location(text, loc.start(), loc_end, end)
            if found is not None:
                return found
    # No place: a wire alone ("(NewsUSA) - ") or a line that is just a date, near the top.
    prefix_end, date, wire, dashed, _ = _parse_tail(text, pos, end)
    rest_blank = not text[prefix_end:end].strip()
    known = wire is not None and _known_wire(text[wire[0] : wire[1]])
    if known or (date is not None and near_top and (rest_blank or dashed)):
        return DatelineMatch(start=pos, end=prefix_end, date=date, wire=wire)
    return None


def _trim_wire_groups(text: str, start: int, end: int) -> int:
    """Cut the location before a '/'-group that is a wire name ("BROOMFIELD, CO / PR Karma /")."""
    for m in re.finditer(r" ?/ ?", text[start:end]):
        nxt = text.find("/", start + m.end(), end)
        group = text[start + m.end() : end if nxt < 0 else nxt]
        if re.sub(r"[^a-z0-9]", "", group.lower()) in _KNOWN_WIRES:
            return start + m.start()
    return end


def _with_location(text: str, loc_start: int, loc_end: int, end: int) -> DatelineMatch | None:
    prefix_end, date, wire, dashed, plain = _parse_tail(text, loc_end, end)
    if date is None and wire is None:
        # "PENSACOLA, FL – Body...": an upper-case place with a region and a dash is a dateline too.
        loc = text[loc_start:loc_end]
        if not (dashed and "," in loc and loc.isupper()):
            return None
    elif (
        plain
        and date is not None
        and not text[date[0]].isdigit()
        and text[date[0] - 1] != "("
        and (wire is None or wire[0] > date[0])
    ):
        # "On June 9, 2023" is prose; "Sydney, Australia 29 May 2020" needs no comma.
        return None
    city, region, country = _assign_places(text, _split_location(text, loc_start, loc_end))
    return DatelineMatch(
        start=loc_start, end=prefix_end, city=city, region=region, country=country, date=date, wire=wire
    )


def normalise_wire(name: str) -> str | None:
    """A wire's usual name; unknown services keep their written name."""
    key = re.sub(r"[^a-z0-9]", "", name.lower())
    if key in _KNOWN_WIRES:
        return _KNOWN_WIRES[key]
    return name.strip() if _looks_like_wire(name) else None


def normalise_country(name: str) -> str | None:
    """A country's standard English name; a US state's name is the state ("ATLANTA, Georgia")."""
    return None if state_country(name) == "United States" else _dot_aside(country_of, name)


def state_country(name: str) -> str | None:
    """The country a state or province belongs to ("FL" -> United States), when known."""
    return _dot_aside(region_country, name)


def _dot_aside(lookup: Callable[[str], str | None], name: str) -> str | None:
    """A dateline's place may carry a stray final dot ("DENVER, CO., May 1"): "CO." reads as "CO"."""
    return lookup(name) or lookup(name.removesuffix("."))


def parse_date(date_text: str) -> str | None:
    """ISO date of a dateline date; day-first when the text starts with the day. None if unparsable."""
    cleaned = re.sub(r"(?<=[A-Za-z])\.", "", date_text)
    cleaned = re.sub(r"(?i)\bsept\b", "Sep", cleaned)
    order = "DMY" if cleaned[:1].isdigit() and not re.match(r"\d{4}-", cleaned) else "MDY"
    try:
        parsed = dateparser.parse(
            cleaned,
            languages=["en"],
            settings={
                "DATE_ORDER": order,
                "PREFER_DAY_OF_MONTH": "first",
                "RETURN_AS_TIMEZONE_AWARE": False,
                "STRICT_PARSING": False,
            },
        )
    except Exception:  # dateparser raises assorted errors on junk; a missing date is the answer then
        return None
    return parsed.strftime("%Y-%m-%d") if parsed else None


def _mention(text: str, span: Span | None) -> list[Mention]:
    return [] if span is None else [Mention(start=span[0], end=span[1], text=text[span[0] : span[1]])]


def search_start(text: str) -> int:
    """Where the dateline search begins: after the first non-empty line, which is the headline."""
    stripped = len(text) - len(text.lstrip())
    nl = text.find("\n", stripped)
    return len(text) if nl < 0 else nl + 1


def extract(ctx: ReleaseContext) -> None:
    """Fill `ctx.dateline` from the dateline found after the headline."""
    text = ctx.text
    found = find_dateline(text, search_start(text))
    if found is None:
        ctx.dateline = Dateline()
        return

    def part(span: Span | None) -> str | None:
        return None if span is None else text[span[0] : span[1]]

    region, country_text = part(found.region), part(found.country)
    country = normalise_country(country_text) if country_text else None
    if country is None and region:
        country = state_country(region)
    date_text, wire_text = part(found.date), part(found.wire)
    mentions = [
        *_mention(text, found.city),
        *_mention(text, found.region),
        *_mention(text, found.country if found.country != found.city else None),
        *_mention(text, found.date),
    ]
    ctx.dateline = Dateline(
        city=part(found.city),
        region=region,
        country=country,
        date=parse_date(date_text) if date_text else None,
        wire=normalise_wire(wire_text) if wire_text else None,
        mentions=sorted(mentions, key=lambda m: m.start),
    )

"""Whether a candidate's text is a person's, an organization's or a city's name."""

from __future__ import annotations

import re
import unicodedata

from ...context import ReleaseContext
from ...knowledge import (
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
from ...validate import normalise_space
from ..tags import opens_with_verb
from .candidate import Candidate

# Those a grouping key drops, at the end of a name: "Acme, Inc." groups with "Acme", "Acme Holdings" not.
LEGAL_SUFFIX_AT_END = re.compile(rf"(?:,?\s{legal_suffix_regex(droppable_only=True).pattern}(?!\w))+$")


_NEWSWIRE = re.compile(r"(?:News|Press)[Ww]ire$")


def common_words(text: str) -> frozenset[str]:
    """Words this release also writes in lower case: a name made only of them is a phrase, not a name."""
    without_addresses = re.sub(r"\S{1,200}(?:\.[a-z]{2,6}|@)\S{0,200}", " ", text)
    return frozenset(re.findall(r"\b[a-z][a-z\-]{1,30}\b", without_addresses))


def is_common_phrase(name: str, common: frozenset[str]) -> bool:
    tokens = re.findall(r"[A-Za-z][A-Za-z\-]*", name)
    return bool(tokens) and all(t.casefold() in common or t.casefold() in _FUNCTION_WORDS for t in tokens)


_FUNCTION_WORDS = frozenset({"of", "and", "for", "the", "a", "an", "in", "on", "to", "at", "by", "with", "&"})


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


def looks_like_person(name: str) -> bool:
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


def reads_as_words(name: str) -> bool:
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


def starts_with_verb(ctx: ReleaseContext, cand: Candidate) -> bool:
    """ "Promoting Healthy Lives", "Follow Kami": a capitalised verb opens a phrase, not a name."""
    return opens_with_verb(ctx.doc, cand.start, cand.end)


_VENUE_WORDS = frozenset({"convention", "exhibition", "hotel", "stadium", "arena", "auditorium"})


_NOT_ORG_TAILS = frozenset({"board", "directors", "committees", "trustees", "shareholders", "members"})


_BOARD_COMMITTEE_WORDS = (
    r"(?:Audit|Finance|Compensation|Nominating|Nomination|Governance|Sustainability|Executive|Risk|"
    r"Remuneration|Talent|Culture|Investment|Strategy|Technology|Steering|Advisory|Organizing|Organising|"
    r"Scientific|Ethics|Safety|Special|Search|Standing|Program|Programme|Corporate|Responsibility|Total|"
    r"Rewards)"
)


_GENERIC_COMMITTEE = re.compile(rf"^(?:{_BOARD_COMMITTEE_WORDS},? (?:and |& )?){{1,6}}Committees?$")


COMMITTEE_OF = re.compile(rf"^(?:{_BOARD_COMMITTEE_WORDS},? (?:and |& )?){{1,6}}Committees? of (?:the )?")


def is_org_name(name: str, before: str, after: str, common: frozenset[str]) -> bool:
    tokens = name.split()
    folded = name.casefold()
    if not tokens or tokens[-1] in _FUNCTION_WORDS or tokens[-1][:1].islower():
        return False
    if {t.casefold() for t in tokens} & _VENUE_WORDS or tokens[-1].casefold() in _NOT_ORG_TAILS:
        return False
    jargon_first = tokens[0].isupper() and tokens[0].casefold() in words("not_orgs")
    if "," in strip_legal_suffix(name) or jargon_first:
        return False
    if _GENERIC_COMMITTEE.match(name):
        return False  # a board's committee, not a body of its own
    if is_common_phrase(name, common) and not any(_is_org_word(t) for t in tokens):
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


def strip_legal_suffix(name: str) -> str:
    return LEGAL_SUFFIX_AT_END.sub("", name)


def _is_org_word(token: str) -> bool:
    """A word that makes a name an organization's: "Group", "Foundation", "Inc."."""
    return token.casefold() in words("org_heads") or is_legal_suffix(token)


def is_lowercase_acronym(text: str, cand: Candidate) -> bool:
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


def is_place_name(name: str, common: frozenset[str] = frozenset()) -> bool:
    name = normalise_space(name)
    if is_common_phrase(re.sub(r" (?:City|District|County)$", "", name), common):
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


def is_country(name: str) -> bool:
    """A city-state is no country here: "centers in Singapore and China" names the city as well."""
    return country_of(name) is not None and not is_city_state(name)


def is_country_or_region(name: str) -> bool:
    return is_country(name) or is_region(name)


def _is_known_place(name: str) -> bool:
    """A country, region, US state code or city-state: a place, but not a city."""
    return is_country_or_region(name) or is_us_state_code(name) or is_city_state(name)

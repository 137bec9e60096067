"""Whether a candidate's text is a person's, an organization's or a city's name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

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
from ..types import Rule, first_rule
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


@dataclass(frozen=True)
class Seen:
    """A candidate's name as the filters see it: the text, a few characters around it, the release's
    lower-case words, and for people the context and candidate (the parse says whether a verb opens it)."""

    name: str
    before: str = ""
    after: str = ""
    common: frozenset[str] = frozenset()
    ctx: ReleaseContext | None = None
    cand: Candidate | None = None

    @property
    def tokens(self) -> list[str]:
        return self.name.split()

    @property
    def folded(self) -> str:
        return self.name.casefold()


def rejected_by(rules: Sequence[Rule[Seen]], seen: Seen) -> str | None:
    """The first rule of the table that rejects the name, or None: the answer to "why was X dropped?"."""
    return first_rule(rules, seen)


def _person_word_not_name(token: str) -> bool:
    return token.casefold() in _not_person_words() or is_legal_suffix(token)


@cache
def _not_person_words() -> frozenset[str]:
    """Built once: the check runs for every word of every person candidate."""
    return (
        words("org_heads")
        | words("event_words")
        | words("not_orgs")
        | words("post_nominals")
        | words("not_name_words")
    )


# Run-together initials before a surname ("T.J. Varga", "J.R.R. Tolkien").
_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")


def _initials(token: str) -> bool:
    """Initials of a given name, not a place written the same way ("U.S. Senator Jane Roe", "Washington,
    D.C. Tiller from Norfolk")."""
    return bool(_INITIALS.fullmatch(token)) and not (is_country_or_region(token) or is_us_state_code(token))


_CAPITALISED = re.compile(r"[A-Z][\w’‘'\-]*\.?|al-\w+")


def _name_word(token: str, last: bool) -> bool:
    """A capitalised word, a particle ("van") or, before the surname, run-together initials."""
    return bool(_CAPITALISED.fullmatch(token)) or token in _NAME_PARTICLES or (not last and _initials(token))


# A person's name: two to five capitalised words, none an organization, event or title word.
PERSON_SHAPE_RULES: tuple[Rule[Seen], ...] = (
    Rule("not two to five words", lambda s: not 2 <= len(s.tokens) <= 5),
    Rule("glued words", lambda s: _is_glued(s.name)),
    Rule("cut after an initial", lambda s: bool(re.fullmatch(r"[A-Z]\.", s.tokens[-1]))),  # "Mark R."
    Rule("possessive inside", lambda s: any(re.search(r"['’]s$", t) for t in s.tokens[:-1])),  # "Dick's ..."
    Rule("organization or event word", lambda s: any(_person_word_not_name(t) for t in s.tokens)),
    Rule("digit", lambda s: any(ch.isdigit() for ch in s.name)),
    Rule(
        "word not capitalised",
        lambda s: any(not _name_word(t, last=i == len(s.tokens) - 1) for i, t in enumerate(s.tokens)),
    ),
    Rule(
        "word in capitals",
        lambda s: (
            any(len(t) > 1 and t.isupper() and not t.endswith(".") for t in s.tokens[:-1])
            or (len(s.tokens[-1]) > 1 and s.tokens[-1].isupper() and s.tokens[-1] not in ("II", "III", "IV"))
        ),
    ),
    Rule("initials only", lambda s: not any(len(t.strip(".")) > 1 for t in s.tokens)),
)

# What else keeps a person-shaped name from being a person, read in its release.
PERSON_RULES: tuple[Rule[Seen], ...] = (
    Rule("phrase of common words", lambda s: is_common_phrase(s.name, s.common)),
    Rule("reads as words", lambda s: reads_as_words(s.name)),
    Rule(
        "opens with a verb",
        lambda s: s.ctx is not None and s.cand is not None and starts_with_verb(s.ctx, s.cand),
    ),
)


def looks_like_person(name: str) -> bool:
    return rejected_by(PERSON_SHAPE_RULES, Seen(name)) is None


def person_rejected(seen: Seen) -> str | None:
    """Why a candidate is not a person (its shape, then its reading in the release), or None."""
    return rejected_by(PERSON_SHAPE_RULES, seen) or rejected_by(PERSON_RULES, seen)


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


def _event_last(seen: Seen) -> bool:
    """ "Foo Summit" is an event; "National Committee of the Foo Conference": the head before "of" decides."""
    head = seen.name.split(" of ", 1)[0].split()[-1].casefold()
    return seen.tokens[-1].casefold() in words("event_words") and head not in words("org_heads")


_SMALL_WORDS = frozenset({"of", "and", "for", "the", "&", "on", "in"})


def _acronym_of_no_organization(seen: Seen) -> bool:
    """ "Final Expense (FE)", "Affordable Care Act (ACA)": an acronym defined after a phrase names what
    the phrase names; it is an organization only when the phrase has an organization's word or the model
    read the phrase as one ("National Council for Water Safety (NCWS)")."""
    if seen.ctx is None or seen.cand is None:
        return False
    text, start = seen.ctx.text, seen.cand.start
    acronym = text[start : seen.cand.end]
    if not (
        acronym.isupper() and acronym.isalpha() and 2 <= len(acronym) <= 6 and text[start - 2 : start] == " ("
    ):
        return False
    phrase = re.findall(r"[A-Za-z][\w’'\-]*|&", text[max(0, start - 120) : start - 2])
    initials = ""
    taken: list[str] = []
    for word in reversed(phrase):
        if word.casefold() in _SMALL_WORDS and initials:
            taken.append(word)
            continue
        if not word[0].isupper() or len(initials) == len(acronym):
            break
        initials = word[0] + initials
        taken.append(word)
    if initials != acronym:
        return False
    if any(_is_org_word(w) or _is_org_word(w.removesuffix("s")) for w in taken):
        return False  # "Jewish Federations of North America (JFNA)"
    phrase_start = text.rfind(taken[-1], 0, start)
    return not any(e.label_ == "ORG" and e.start_char <= phrase_start < e.end_char for e in seen.ctx.doc.ents)


# Before a platform named as a channel: "follow us on", "connect with us on", "via", "visit", a bar or a
# bullet of a link row; after it: a colon, a bar or an address.
_CHANNEL_BEFORE = re.compile(
    r"(?:\b(?:on|via|at|follow(?: us)?|connect(?: with us)?|join(?: us)?|subscribe|visit|like us)\s+"
    r"|[|•·/]\s*)$",
    re.IGNORECASE,
)
_CHANNEL_AFTER = re.compile(r"\s*(?:[:|/•·]|\(?https?://|\s*\|)")


def _platform_as_channel(seen: Seen) -> bool:
    """ "Follow us on LinkedIn", "Telegram | X | Discord": a platform named as a channel."""
    if seen.folded not in words("platforms") or seen.ctx is None or seen.cand is None:
        return False
    text, start, end = seen.ctx.text, seen.cand.start, seen.cand.end
    before, after = text[max(0, start - 40) : start], text[end : end + 12]
    listed = re.search(r"(?:,|and|&)\s*$", before) and any(
        p in before.casefold() for p in words("platforms") if len(p) > 2
    )
    return bool(_CHANNEL_BEFORE.search(before) or _CHANNEL_AFTER.match(after) or listed)


def _lower_case_start(seen: Seen) -> bool:
    if seen.name[0].isupper() or seen.name[0].isdigit():
        return False
    first = seen.tokens[0]
    brand = bool(_BRAND.fullmatch(first))  # "eQuorum", "tZERO", "iCoreConnect"; not "contactRaadr"
    lower_name = first.isalpha() and first.islower() and not is_common_word(first)
    lower_name = lower_name and is_legal_suffix(seen.tokens[-1])
    return not (brand or lower_name)  # "nuvio Foods LLC" is a name, "a Nevada Corporation" is not


_BRAND = re.compile(r"[a-z]{1,2}[A-Z][\w\-]*")


def _titled(seen: Seen) -> bool:
    first_title = seen.tokens[0].casefold() in words("titles") and not any(
        _is_org_word(t) for t in seen.tokens
    )
    return first_title or seen.tokens[-1].casefold() in words("titles")


# ", MD, CM, " before a capitals code: a comma run of post-nominal letters after a name.
_CODE = r"(?:[A-Z][A-Za-z]{0,4}\.?){1,3}"
_CODE_RUN = re.compile(rf"[a-z’'],\s(?P<run>(?:{_CODE},\s)+)$")


def _after_post_nominals(seen: Seen) -> bool:
    """ "Jane Roe, MD, CM, FACS": a capitals code in a run that holds a known post-nominal is one more."""
    run = _CODE_RUN.search(seen.before)
    if run is None or not re.fullmatch(_CODE, seen.name) or sum(ch.isupper() for ch in seen.name) < 2:
        return False
    if not seen.after.startswith(","):
        return False  # "Jane Roe, PhD, NASA; ...": the run ends with her employer
    return any(code.casefold() in words("post_nominals") for code in run.group("run").split(", ") if code)


ORG_RULES: tuple[Rule[Seen], ...] = (
    Rule("empty", lambda s: not s.tokens),
    Rule("ends in a function word", lambda s: s.tokens[-1] in _FUNCTION_WORDS),
    # "Barclays plc" ends in a company form written in lower case, "eQuorum" is a brand: both are names
    Rule(
        "ends in lower case",
        lambda s: (
            s.tokens[-1][:1].islower()
            and not is_legal_suffix(s.tokens[-1])
            and not _BRAND.fullmatch(s.tokens[-1])
        ),
    ),
    Rule("venue word", lambda s: bool({t.casefold() for t in s.tokens} & _VENUE_WORDS)),
    Rule("board or members", lambda s: s.tokens[-1].casefold() in _NOT_ORG_TAILS),
    Rule("comma inside", lambda s: "," in strip_legal_suffix(s.name)),
    Rule("board committee", lambda s: bool(_GENERIC_COMMITTEE.match(s.name))),
    Rule(
        "phrase of common words",
        lambda s: is_common_phrase(s.name, s.common) and not any(_is_org_word(t) for t in s.tokens),
    ),
    Rule(
        "venue after 'at the'",
        lambda s: (
            bool(re.search(r"\bat the $", s.before)) and s.tokens[-1] in {"Center", "Centre", "Hall", "Park"}
        ),
    ),
    Rule("department of a parent", lambda s: s.tokens[-1] == "Department" and s.after.startswith(" of ")),
    Rule("no capital letter", lambda s: not any(ch.isupper() for ch in s.name)),
    # "eQuorum", "tZERO", "nuvio Foods LLC": a brand may start in lower case; "das Ökosystem" may not
    Rule("starts in lower case", _lower_case_start),
    Rule(
        "known not an organization",
        lambda s: s.folded in words("not_orgs") or s.folded in words("post_nominals"),
    ),
    Rule("post-nominal after post-nominals", _after_post_nominals),
    Rule("country, region or state", lambda s: _is_known_place(s.name)),
    Rule("newswire", lambda s: bool(_NEWSWIRE.search(s.name))),
    Rule("platform named as a channel", _platform_as_channel),  # "CannabisNewsWire", "Foo Newswire"
    # "Staffly.com" and "Booking.com" are organizations' names; an address with "www", "http" or "@" is not
    Rule("web or mail address", lambda s: any(m in s.folded for m in ("www", "http", "@", "+"))),
    Rule("job title", _titled),
    Rule("event name", _event_last),
    Rule("year or ordinal first", lambda s: bool(re.match(r"\d{4}\b|\d+(?:st|nd|rd|th)\b", s.name))),
    # A sub-unit named through its parent ("Acme's Research Department") is not a separate body.
    Rule(
        "department of the one before",
        lambda s: s.tokens[-1] == "Department" and bool(re.search(r"['’]s\s*$", s.before)),
    ),
    Rule(
        "acronym of a lower-case phrase",  # "software development asset (SDA)"
        lambda s: s.ctx is not None and s.cand is not None and is_lowercase_acronym(s.ctx.text, s.cand),
    ),
    Rule("acronym of a phrase that names no organization", _acronym_of_no_organization),
)


def org_rejected(seen: Seen) -> str | None:
    """Why a candidate is not an organization, or None."""
    return rejected_by(ORG_RULES, seen)


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


def _org_or_event_word(seen: Seen) -> bool:
    blocked = words("org_heads") | words("event_words") - {"city"}
    return any(t.casefold() in blocked for t in seen.tokens if t not in {"City", "District", "County"})


CITY_RULES: tuple[Rule[Seen], ...] = (
    Rule(
        "phrase of common words",
        lambda s: is_common_phrase(re.sub(r" (?:City|District|County)$", "", s.name), s.common),
    ),
    Rule("empty or more than four words", lambda s: not s.tokens or len(s.tokens) > 4),
    Rule("starts in lower case", lambda s: not s.name[0].isupper()),
    Rule("glued words", lambda s: _is_glued(s.name)),
    Rule(
        "honorific", lambda s: s.folded in words("honorifics") or s.folded.rstrip(".") in words("honorifics")
    ),
    Rule("dotted like an address", lambda s: bool(re.search(r"\.[A-Za-z]", s.name))),
    Rule("country, region or state", lambda s: _is_known_place(s.name)),
    Rule("article first", lambda s: s.folded.startswith("the ")),
    Rule(
        "province or state word",
        lambda s: bool(re.search(r"\b(?:province|state|region|prefecture|republic)$", s.folded)),
    ),
    Rule("short capitals", lambda s: len(s.name) <= 3 and s.name.isupper()),
    Rule("state code cut short", lambda s: is_us_state_code(s.name + ".")),  # "Calif" of "Calif."
    Rule(
        "one common word",  # "Kingdom", "Island", "Activate": a word, not a town
        lambda s: (
            len(s.tokens) == 1 and is_common_word(s.folded) and s.folded not in words("common_word_cities")
        ),
    ),
    Rule("organization or event word", _org_or_event_word),
)


def is_place_name(name: str, common: frozenset[str] = frozenset()) -> bool:
    return rejected_by(CITY_RULES, Seen(normalise_space(name), common=common)) is None


def is_country(name: str) -> bool:
    """A city-state is no country here: "centers in Singapore and China" names the city as well."""
    return country_of(name) is not None and not is_city_state(name)


def is_country_or_region(name: str) -> bool:
    return is_country(name) or is_region(name)


def _is_known_place(name: str) -> bool:
    """A country, region, US state code or city-state: a place, but not a city."""
    return is_country_or_region(name) or is_us_state_code(name) or is_city_state(name)

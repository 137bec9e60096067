"""Winner names in a written list: "A, B and C", "Lena Marsh & Omar Quist - Bay Shore, NY;
Ted & Ruth Garland - Joplin, MO", "Odile Brandt, Kavix" (a person and her company: one winner).

A list is cut at semicolons, then at commas, "and" and "&", never inside a person, organization or city
record or before a legal suffix ("Acme Co., Ltd."); a trailing place, link or bracket is not part of a
name; each piece is trimmed to the name as written, and named rules drop what is not a winner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from ...context import ReleaseContext
from ...knowledge import census_names, is_legal_suffix, legal_suffix_regex, words
from ...models import Mention, WinnerKind
from ...validate import normalise_space
from ..entities import common_words
from ..spans import Span, strip_span
from ..tags import first_token_from, opens_with_verb
from ..types import Rule, first_rule
from .counts import number_value


@dataclass(frozen=True)
class Name:
    """One winner's name as written at its fullest (`start`, `end`), with its kind; `at` is where the
    text names it here, which orders the winners."""

    start: int
    end: int
    kind: WinnerKind
    at: int = -1

    @property
    def position(self) -> int:
        return self.at if self.at >= 0 else self.start


_GROUP = re.compile(r";\s*")
_SEPARATOR = re.compile(r",?\s+(?:and|&)\s+|,\s*|\s+(?:and|&)\s+")
_BRACKET = re.compile(r"\([^()\n]{0,120}\)")
_LINK = re.compile(r"\s*(?:https?://|www\.)\S+")
_TAIL_WORDS = re.compile(r"(?:,? (?P<mark>[a-z][a-z. ]{1,14}))$")
_CUT_PLACE = re.compile(r" (?:in|at|from) (?=[A-Z])")

# A word of a name: capitalised or a number ("Zoë", "Łukasz", "360PR+"), camel case ("iQor", "eBay"),
# or written in a script without case ("李明").
_NAME_WORD = re.compile(r"(?:[^\W\d_a-z]|\d)[\w’'&/.\-+®™]*|[a-z]+[A-Z][\w\-]*|[a-z]{1,3}\d[\w\-]*|#\w+")
_CREDENTIAL = re.compile(r"[A-Z]{2,5}|Ph\.?D\.?|M\.?D\.?|Esq\.?|Jr\.?|Sr\.?")
# A place after a winner: "Acme - Seattle", "Ada Brenner - Eau Claire, WI", "Jane Roe, Canton, Ohio".
_DASH_TAIL = re.compile(r"\s+[-–—]\s*[A-Z][^;\n]{0,80}$")


def split_winners(ctx: ReleaseContext, start: int, end: int, in_item: bool = False) -> list[Name]:
    """The winners named in text[start:end], in order. In a list item a leading "The" is part of the
    name ("The TMV Companies"); in prose it is the sentence's article."""
    names: list[Name] = []
    for g_start, g_end in _groups(ctx.text, start, end):
        names.extend(_group_names(ctx, g_start, g_end, in_item))
    return names


def _groups(text: str, start: int, end: int) -> list[Span]:
    """Pieces between semicolons that are not inside brackets."""
    brackets = [m.span() for m in _BRACKET.finditer(text, start, end)]
    groups, position = [], start
    for sep in _GROUP.finditer(text, start, end):
        if any(s < sep.start() < e for s, e in brackets):
            continue
        groups.append((position, sep.start()))
        position = sep.end()
    groups.append((position, end))
    return [g for g in (strip_span(text, *g) for g in groups) if g[0] < g[1]]


def _group_names(ctx: ReleaseContext, start: int, end: int, in_item: bool) -> list[Name]:
    text = ctx.text
    end = _without_tails(ctx, start, end)
    start = _after_label(ctx, start, end)
    start = _from_first_record(ctx, start, end)
    pieces = _pieces(ctx, start, end)
    names: list[Name] = []
    previous: WinnerKind | None = None
    for (p_start, p_end), joint in pieces:
        name = member_name(text, p_start, p_end, keep_the=in_item)
        if name is None:
            break
        name = _at_least_record(ctx, *name, p_end)
        name = _person_inside(ctx, *name)
        name = _record_at_start(ctx, *name)
        if in_item and _described(ctx, name[1], p_end) and winner_kind(ctx, *name) == "other":
            break  # "Majorica Pearls Box: Carbon-negative presentation cases": a description, no name
        kind = winner_kind(ctx, *name)
        if _CREDENTIAL.fullmatch(text[name[0] : name[1]]) and kind == "other":
            continue  # "Tamsin Roe, OBE, and Leo Voss, MBA": a credential between two names
        later_people = any(winner_kind(ctx, *p) == "person" for p, _ in pieces if p[0] >= name[1])
        if previous is not None and joint == "," and _is_affiliation(previous, kind) and not later_people:
            break  # "Jane Roe, Acme, Seattle": what follows describes the winner
        previous = kind
        if why_not_a_winner(ctx, name[0], name[1], kind) is None:
            names.append(_full_form(ctx, Name(name[0], name[1], kind)))
    return names


def _full_form(ctx: ReleaseContext, name: Name) -> Name:
    """A short mention of a person or organization ("Tessaro" for "Tessaro Financial Systems") as
    the record's name, written where the record's name is first written."""
    text = ctx.text
    written = text[name.start : name.end]
    for kind, records in (("person", ctx.people), ("organization", ctx.organizations)):
        for record in records:
            if record.name == written or _misread(record.name):
                continue
            # a surname stands for its person ("Kopser", "Dr. Kopser"), a first name may be another one
            surname = written.split()[-1]
            namesakes = sum(p.name.endswith(" " + surname) for p in ctx.people)
            exact = any(m.start == name.start and m.end == name.end for m in record.mentions) and (
                kind == "organization" or (record.name.endswith(" " + surname) and namesakes == 1)
            )
            prefix = (
                kind == "organization"
                and name.kind == "other"
                and " " not in written
                and record.name.startswith(written + " ")
            )
            full = next((m for m in record.mentions if m.text == record.name), None)
            # "Dr. Roe" for Tamsin Roe, the one person of that surname
            titled = _honorific_surname(written) == record.name.split()[-1]
            exact = exact or (kind == "person" and titled and namesakes == 1)
            suffix_only = full is not None and _legal_suffix().fullmatch(
                full.text[len(written) :].strip(" ,")
            )
            if (exact or prefix) and full is not None and not suffix_only:  # "QuillWorks" stays
                return Name(full.start, full.end, kind, at=name.start)  # type: ignore[arg-type]
    return name


_DESCRIPTION = re.compile(r"['’]s\s+[a-z]|\s+(?!(?:of|and|for|in|at|from|with|by|the|de|y)\b)[a-z]")


def _described(ctx: ReleaseContext, name_end: int, piece_end: int) -> bool:
    """Whether lower-case words other than small joining words follow the name in its piece."""
    return _DESCRIPTION.match(ctx.text, name_end, piece_end) is not None


def _pieces(ctx: ReleaseContext, start: int, end: int) -> list[tuple[Span, str]]:
    """The pieces of a list with the separator before each. Commas separate names only in a list with
    "and", "&" or "etc." ("A, B and C"); otherwise the first comma ends the name and what follows
    describes it ("Maren Holt, Visit Tacoma")."""
    text = ctx.text
    protected = _protected(ctx, start, end)
    brackets = [m.span() for m in _BRACKET.finditer(text, start, end)]
    separators = []
    for sep in _SEPARATOR.finditer(text, start, end):
        inside = any(s < sep.start() < e or s < sep.end() - 1 < e for s, e in protected + brackets)
        if not inside and not _legal_suffix().match(text, sep.end()) and not _firm(text, sep):
            separators.append(sep)
    joined = [sep.group().strip(" ,") or "," for sep in separators]
    tail = _TAIL_WORDS.search(text[start:end])
    marked = bool(tail and tail.group("mark").strip() in words("partial_marks"))
    listed = any(j != "," for j in joined) or marked or _all_named(ctx, start, end, separators)
    pieces, position, joint = [], start, ""
    for sep, kind in zip(separators, joined, strict=True):
        if kind == "," and not listed:
            pieces.append(((position, sep.start()), joint))
            return pieces
        pieces.append(((position, sep.start()), joint))
        position, joint = sep.end(), kind
    pieces.append(((position, end), joint))
    return pieces


def _all_named(ctx: ReleaseContext, start: int, end: int, separators: list[re.Match[str]]) -> bool:
    """ "Halvern Biotech, Quenby Labs": every piece is a person or organization the release names."""
    bounds = [start, *(x for sep in separators for x in (sep.start(), sep.end())), end]
    pieces = [strip_span(ctx.text, bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    mentions = {(m.start, m.end) for m in _record_mentions(ctx, start, end)}
    return len(pieces) > 1 and all(piece in mentions for piece in pieces)


@cache
def _legal_suffix() -> re.Pattern[str]:
    """One company-form suffix as a whole word ("Inc.", "Co., Ltd.")."""
    return re.compile(rf"(?<!\w)(?:{legal_suffix_regex().pattern})(?!\w)")


def has_legal_suffix(name: str) -> bool:
    return _legal_suffix().search(name) is not None


@cache
def _list_opener() -> re.Pattern[str]:
    """ "and", "both", "the", "including": words before a list's first name (knowledge)."""
    openers = "|".join(re.escape(w) for w in sorted(words("list_openers"), key=len, reverse=True))
    return re.compile(rf"(?:(?i:{openers})\s+){{1,3}}")


def _firm(text: str, separator: re.Match[str]) -> bool:
    """ "Pruitt & Kaine", "Gable & Sons": one capitalised word on each side of "&" is a firm's name;
    "Dan & Irene Reyes" is two people."""
    if separator.group().strip() != "&":
        return False
    before = text[max(0, separator.start() - 60) : separator.start()].split()
    after = text[separator.end() : separator.end() + 60].split()
    if not before or not after:
        return False
    one_left = before[-1][:1].isupper() and (len(before) < 2 or not before[-2][:1].isupper())
    one_right = after[0][:1].isupper() and (len(after) < 2 or not after[1][:1].isupper())
    return one_left and one_right


def _after_label(ctx: ReleaseContext, start: int, end: int) -> int:
    """ "The Crane Family: Lucia, Tom & Walter": the names after an inner label."""
    label = re.match(r"[^:\n]{1,60}:\s+(?=[A-Z])", ctx.text[start:end])
    return start + label.end() if label else start


def _from_first_record(ctx: ReleaseContext, start: int, end: int) -> int:
    """ "its Co-founder and CEO, Ravi Deshpal": a list that opens with a possessive and a role starts
    at the first person or organization named after the role."""
    text = ctx.text
    if not text[start : start + 1].islower():
        return start
    first = min((m.start for m in _record_mentions(ctx, start, end)), default=None)
    if first is None:
        return start
    before = re.findall(r"[\w\-]+", text[start:first].casefold())
    roles = words("titles") | words("title_heads")
    if len(before) <= 8 and any(w in roles for w in before) and text[start:first].rstrip().endswith(","):
        return first
    return start


def _without_tails(ctx: ReleaseContext, start: int, end: int) -> int:
    """The end of a winner list before a link, a bracket and a trailing place ("- Seattle")."""
    text = ctx.text
    link = _LINK.search(text, start, end)
    if link is not None:
        end = link.start()
    dash = _DASH_TAIL.search(text, start, end)
    if dash is not None and dash.start() > start:
        end = dash.start()
    while True:
        s, e = strip_span(text, start, end)
        tail = re.search(r"\s*\([^()\n]{0,120}\)$", text[s:e])
        if tail is None or tail.start() == 0:
            return e
        end = s + tail.start()


def _record_mentions(ctx: ReleaseContext, start: int, end: int) -> list[Mention]:
    return [
        m
        for records in (ctx.people, ctx.organizations)
        for r in records
        for m in r.mentions
        if start <= m.start and m.end <= end
    ]


def _protected(ctx: ReleaseContext, start: int, end: int) -> list[Span]:
    """Mentions a list is not cut inside, unless one names a couple ("Dan & Irene Reyes") or runs
    over a separator ("Acme - Seattle")."""
    return [
        (m.start, m.end)
        for records in (ctx.people, ctx.organizations, ctx.cities)
        for r in records
        for m in r.mentions
        if start < m.end and m.start < end and not _misread(_with_following_words(ctx.text, m.start, m.end))
    ]


def _with_following_words(text: str, start: int, end: int) -> str:
    """A mention with the capitalised words that follow it ("Felipe Alvarez & Pili" + "Ugarte")."""
    more = re.match(r"(?: [A-Z][\w’'\-]*)*", text[end : end + 80])
    return text[start : end + (more.end() if more else 0)]


def _misread(mention: str) -> bool:
    """A mention that holds a couple, runs over a list's separators or says its name twice ("Acme Inc
    Acme Inc", from a glued contact line) is no guide to the list."""
    tokens = mention.split()
    half = len(tokens) // 2
    repeated = len(tokens) % 2 == 0 and half > 0 and tokens[:half] == tokens[half:]
    return repeated or _is_couple(mention) or bool(re.search(r"\s[-–—]\s?|;", mention))


_COUPLE = re.compile(
    r"(?P<left>[A-Z][\w’'\-]+(?: [A-Z][\w’'\-]+)?) (?:&|and) (?P<right>[A-Z][\w’'\-]+ [A-Z][\w’'\-]+)"
)


def _is_couple(name: str) -> bool:
    """ "Dan & Irene Reyes", "Felipe Alvarez & Pili Ugarte": two people, one of them named by a
    census given name; "Gable & Sons", "Pruitt & Kaine" and "Acme & Co Group" are companies."""
    match = _COUPLE.fullmatch(name)
    if match is None:
        return False
    right = match.group("right").split()
    if right[-1].casefold() in words("org_heads") or is_legal_suffix(right[-1]):
        return False
    given = census_names("given")
    return match.group("left").split()[0].casefold() in given or right[0].casefold() in given


def _is_affiliation(previous: WinnerKind, kind: WinnerKind) -> bool:
    """ "Tess Moreau, APR, TM Media and PR": after a person, a piece that is no person describes her."""
    return previous == "person" and kind != "person"


def member_name(text: str, start: int, end: int, keep_the: bool = False) -> Span | None:
    """The name a list piece gives, as written, or None when the piece is not a name."""
    start, end = strip_span(text, start, end)
    while start < end and text[start] in "—–-•*(\"“‘'.":
        start += 1  # "— William Luvaas, winner of ...", a bullet or an opening quote
    start, end = strip_span(text, start, end)
    lead = _list_opener().match(text, start, end)
    if lead and not (keep_the and lead.group().strip() == "The"):
        start = lead.end()
    tail = _TAIL_WORDS.search(text[start:end])
    if tail and tail.group("mark").strip() in words("partial_marks"):
        end = start + tail.start()  # "A, B, etc." and "A and others"
    end = start + len(text[start:end].rstrip(" ,;:!?*\"”’'"))
    if text[end - 1 : end] == "." and not re.search(r"\b(?:Inc|Ltd|Co|Corp|Jr|Sr|[A-Z])\.$", text[start:end]):
        end -= 1
    tokens = list(re.finditer(r"\S+", text[start:end]))
    if not tokens or not _NAME_WORD.fullmatch(tokens[0].group().strip(",.’'\"“”")):
        return None
    last = tokens[0].end()
    for token in tokens[1:]:
        word = token.group()
        if not (_NAME_WORD.match(word) or word in words("name_connectors") or word.startswith(('"', "“"))):
            break
        last = token.end()
    end = start + last
    place = _CUT_PLACE.search(text, start, end)
    if place:
        end = place.start()  # "Tonglu in Zhejiang": the member is the first place
    head_and_last = text[start:end].rsplit(" ", 1)
    if len(head_and_last) == 2 and head_and_last[1].casefold() in words("group_nouns"):
        end = start + len(head_and_last[0])  # "Wendale and Corrin Councils": the members are places
    if re.search(r"['’]s$", text[start:end]) and end - start > 3:
        end -= 2  # "RideScout’s vision earned it the award": the winner is RideScout
    while end > start and text[end - 1] in " ,;:-–—":
        end -= 1
    while text[start:end].rsplit(" ", 1)[-1] in words("name_connectors") and " " in text[start:end]:
        end = start + text[start:end].rindex(" ")
    if (end - start < 2 and not text[start:end].isupper()) or not any(ch.isalnum() for ch in text[start:end]):
        return None
    return start, end


def _record_at_start(ctx: ReleaseContext, start: int, end: int) -> Span:
    """ "Priya Volkov Put forward by ...": a piece that opens with a person's or organization's name
    as the release writes it elsewhere ends with that name."""
    text = ctx.text
    names = [r.name for records in (ctx.people, ctx.organizations) for r in records]
    fitting = [n for n in names if text.startswith(n + " ", start) and start + len(n) < end]
    if not fitting:
        return start, end
    cut = start + max(map(len, fitting))
    after = first_token_from(ctx.doc, cut + 1)
    # "Priya Volkov Put forward by ...": a verb ends the name; "Norden Volta 7" is one name
    return (start, cut) if after is not None and after.tag_.startswith("VB") else (start, end)


def _at_least_record(ctx: ReleaseContext, start: int, end: int, limit: int) -> Span:
    """A name is never shorter than the person or organization record it starts with ("Partnership for
    Public Service" reads as a record although "for" is lower case)."""
    records = [
        m.end
        for records in (ctx.people, ctx.organizations)
        for r in records
        for m in r.mentions
        if m.start == start and end < m.end <= limit
    ]
    return start, max(records, default=end)


def _honorific_surname(written: str) -> str | None:
    """ "Dr. Roe" -> "Roe": a surname after an honorific."""
    parts = written.split()
    if len(parts) == 2 and parts[0].casefold() in words("honorifics") | words("abbreviations"):
        return parts[1]
    return None


def _person_inside(ctx: ReleaseContext, start: int, end: int) -> Span:
    """ "Cook County Commissioner Jane Roe" -> "Jane Roe": a person record inside a longer piece."""
    inner = [m for p in ctx.people for m in p.mentions if start <= m.start and m.end <= end and " " in m.text]
    first = next((m for m in inner if m.start == start), None)
    if first is not None:
        return first.start, first.end  # "Mara Quint of Fathom Ltd": the person, then her company
    if inner and not _legal_suffix().search(ctx.text, start, end):
        person = max(inner, key=lambda m: (m.end - m.start, -m.start))
        before = ctx.text[start : person.start].split()
        if person.end == end and before and all(w.casefold() in census_names("given") for w in before):
            return start, end  # "Marta Ellery McCall": NER cut off a given name
        return person.start, person.end
    return start, end


# --- why a piece is not a winner -------------------------------------------------------------------

Piece = tuple[ReleaseContext, int, int, WinnerKind]


def _text(piece: Piece) -> str:
    ctx, start, end, _ = piece
    return ctx.text[start:end]


def _first_word(piece: Piece) -> str:
    return _text(piece).split(" ")[0].casefold()


def _named(piece: Piece) -> bool:
    ctx, start, _, _ = piece
    return any(
        m.start == start for records in (ctx.organizations, ctx.people) for r in records for m in r.mentions
    )


def _is_title(piece: Piece) -> bool:
    """The title the affiliations stage read for someone ("Health Director for the county"), or a
    piece opening with a job title."""
    ctx, start, end, kind = piece
    if kind == "person":
        return False
    if any(start < m.end and m.start < end for m in _title_mentions(ctx)):
        return True
    tokens = [t.casefold().rstrip(".,") for t in _text(piece).split()]
    roles = words("titles") | words("title_heads")
    # "President", "Vice President of Sales", "Director of Sales"; not "General Ferrite"
    role_end = tokens[-1] in words("title_heads")  # "Deputy Majority Leader"
    joined = len(tokens) > 1 and tokens[1] in roles | words("title_joiners")
    return tokens[0] in roles and (len(tokens) == 1 or joined or role_end)


def _title_mentions(ctx: ReleaseContext) -> list[Mention]:
    return [
        m
        for person in ctx.people
        for affiliation in person.affiliations
        for m in affiliation.mentions
        if normalise_space(m.text) == affiliation.title
    ]


WINNER_RULES: tuple[Rule[Piece], ...] = (
    Rule("reference", lambda p: p[3] == "other" and _first_word(p) in words("reference_words")),
    Rule("count", lambda p: p[3] == "other" and _is_count(_text(p).split(" ")[0])),
    Rule("rank", lambda p: bool(re.match(r"(?:No\.?|#)\s*\d", _text(p)))),
    Rule("quoted title", lambda p: _text(p)[:1] in "\"“‘'"),
    Rule("pronoun", lambda p: p[3] == "other" and _text(p).casefold() in _pronouns()),
    Rule("not a winner", lambda p: _text(p).split(" ")[0].casefold() in words("not_winner_nouns")),
    Rule("job title", _is_title),
    Rule(
        "opens with a verb", lambda p: not _named(p) and opens_with_verb(p[0].doc, p[1], p[2], min_tokens=2)
    ),
    Rule("credential", lambda p: not _named(p) and bool(_CREDENTIAL.fullmatch(_text(p)))),
    Rule(
        "date",
        lambda p: p[3] == "other" and _first_word(p).rstrip(".,") in words("months") | words("weekdays"),
    ),
    Rule("a verb alone", lambda p: p[3] == "other" and " " not in _text(p) and _is_verb_form(p)),
    Rule("common word", lambda p: p[3] == "other" and " " not in _text(p) and _is_common(p)),
    Rule("common phrase", lambda p: p[3] == "other" and _is_common_phrase(p)),
    Rule("no proper noun", lambda p: p[3] == "other" and not _has_proper_noun(p)),
)


def _pronouns() -> frozenset[str]:
    """ "His novel won the Y": a pronoun stands for a winner named elsewhere, it is not one."""
    return words("person_pronouns") | (words("reporting_pronouns") - {"company", "firm", "team"})


@lru_cache(maxsize=4)
def _common_words(text: str) -> frozenset[str]:
    """The release's lower-case words, read once per release (a list of 800 winners asks 800 times)."""
    return common_words(text)


def _is_common(piece: Piece) -> bool:
    """ "Equity", "Mining": one word the release also writes in lower case, not a name."""
    return _text(piece).casefold() in _common_words(piece[0].text)


def _is_common_phrase(piece: Piece) -> bool:
    """ "Top Regional Builders" in a title-case headline: words the release also writes in lower case."""
    tokens = re.findall(r"[A-Za-z][\w’'\-]*", _text(piece))
    common = _common_words(piece[0].text)
    known = common | words("name_connectors")
    return len(tokens) > 1 and all(t.casefold() in known for t in tokens)


def _is_verb_form(piece: Piece) -> bool:
    """ "Recognizing", "Honoring": one word the tagger reads as a verb."""
    ctx, start, end, _ = piece
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) == 1 and span[0].tag_ in {"VBG", "VBD", "VBN"}


def _is_count(word: str) -> bool:
    """ "Three Canadian councils", "12th annual": a number, not a name."""
    return number_value(word) is not None or bool(re.fullmatch(r"\d+(?:st|nd|rd|th)", word))


def _has_proper_noun(piece: Piece) -> bool:
    ctx, start, end, _ = piece
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    return any(t.tag_ in {"NNP", "NNPS"} or t.like_num or not t.is_lower for t in span if not t.is_punct)


def why_not_a_winner(ctx: ReleaseContext, start: int, end: int, kind: WinnerKind) -> str | None:
    """The name of the first rule that rules text[start:end] out as a winner, or None."""
    return first_rule(WINNER_RULES, (ctx, start, end, kind))


def winner_kind(ctx: ReleaseContext, start: int, end: int) -> WinnerKind:
    """A city, organization or person record at the name decides its kind; a name around one
    ("City of Geelong") takes that record's kind; a legal suffix makes an organization."""
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
            elif m.start <= start and end <= m.end and 2 * (end - start) >= m.end - m.start:
                found.append(
                    (end - start, kind)
                )  # "Geelong" in "City of Geelong", not "Chris" in "Chris & Jo Lee"
    if found:
        return max(found)[1]
    if _legal_suffix().search(ctx.text, start, end):
        return "organization"
    return "other"

"""The affiliations stage: which title each person holds, at which organization.

Person and organization mentions from the entities stage are the anchors; between them a small grammar
of roles reads the ways releases state a title: "Name, Title of/at Org", "said Name, Title, Org",
"Name (Title, Org)", "Org Title Name", "Title Name of Org", "As Title, Name", "Name ... serves as /
was appointed / will replace X as Title", "Title: Name; Name". A title with no organization keeps
`organization: null`, unless it says "the Company" / "the Board" and the release's issuer is clear.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Token
from spacy.vocab import Vocab

from ..context import ReleaseContext
from ..knowledge import country_of, is_common_word, is_region, legal_suffixes, patterns, words
from ..models import Affiliation, Mention, Organization, Person
from .entities import common_words
from .entities.filters import LEGAL_SUFFIX_AT_END
from .entities.propose import has_org_evidence
from .spans import strip_span

# "SBS, JP,", "M.D. ": honours and degrees after a name (never a title such as "CEO,": see _lead_in_end)
_POST_NOMINAL = re.compile(
    r",?\s{0,3}(?:(?P<letters>[A-Z]{2,5}|Jr\.|Sr\.)(?=,\s)|(?:[A-Z][a-z]?\.){2,3}(?=[,\s]))"
)
_LEAD_IN = re.compile(
    r"^,?\s{0,3}"
    r"(?:who (?:is|was|serves as|served as|has served as|will serve as|is currently)\s{1,3})?"
    r"(?:as\s{1,3}(?=[A-Z]))?"  # "appointed Jane Roe, MD, as Chief Medical Officer"
    r"(?:(?:the|a|an|its|our|their|currently|now|also|then|most recently|recently|new|next|first"
    r"|newly appointed)"
    r"\s{1,3}){0,3}"
    r"(?:(?:[Aa]ppointed|[Nn]amed|[Pp]romoted|[Ee]lected)(?:\s(?:as|to))?\s{1,3}(?=[A-Z]))?"  # list lines
    r"(?:(?:[Nn]ewly-(?:appointed|elected|named)|[Ll]ong-(?:serving|time))\s{1,3})?"  # "newly-appointed CEO"
)
# A sentence's opening "Led by " that ends where a title starts; archive copies that lost their line
# breaks keep a heading apart from its paragraph by two spaces ("About Acme  Led by CEO ...").
_LEADERSHIP_OPENING = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n)|(?<=\S\s\s))(?P<participle>[A-Z][\w\-]+) by\s\Z", re.MULTILINE
)
_CLAUSE_COMMA = re.compile(r",\s(?:the\s)?")
_LIST_LINE_VERB = re.compile(r"(?:[^\n]*\s)?(?:Appointed|Named|Promoted|Elected)(?:\s(?:as|to))?\s")
_CONNECTOR_AT_END = re.compile(r"(?:,|\s)+(?:(?:of|at|for|with|from|in|on|to|[-–—])(?:\s+the)?)?\s*$")
# A "." ends a clause unless it ends an abbreviation ("Sr. Manager", "Acme Inc."): see _clause_end.
_CLAUSE_END = re.compile(
    r"[;:)\n]|\.(?=\s|$)|,\s(?:who|which|said|says|added|explained|noted)\b"
    r"|\s(?:said|says|who|which|that)\b"
    r"|\s(?:since|until|effective|following|beginning|starting|through|in \d)\b"
    # "named Omar Reyes as its Executive Director on Monday", "... on March 3"
    rf"|\s(?:on|this|last|next)\s(?:{'|'.join(sorted(d.title() for d in words('weekdays')))})\b"
    rf"|\son\s(?:{'|'.join(sorted(m.title() for m in words('months')))})\.?\s\d"
)
# "Chair of A and Fellow of B", "T1 of O1 and now T2 at O2": the words that may open the next role.
_NEXT_ROLE = re.compile(
    r",?\s{1,3}(?:and|&)\s{1,3}(?:(?:a|an|the|now|also|later|currently|most recently)\s{1,3})?"
)
_ORG_JOINER = re.compile(r"(?:,\s*|\s+(?:and|&)\s+|,\s+(?:and|&)\s+)(?:the\s+)?")
_ISSUER_WORDS = re.compile(r"\b(?:[Tt]he|[Oo]ur|[Ii]ts) (?:Company|company|Board|board|firm|Firm)\b")
_ABBREVIATIONS = words("abbreviations") | {s.casefold() for s in legal_suffixes() if s.endswith(".")}
_SENTENCE_STOP = re.compile(r"[.!?]\s")
_MAX_TITLE_WORDS = 14
_MAX_TITLE_PARTS = 3  # "Vice President, Global Strategy, Corporate Affairs"; more is a list of roles
_FUNCTION_WORDS = frozenset(
    {"of", "and", "the", "The", "for", "at", "to", "with", "in", "on", "&", "a", "an"}
)
_LOWER_MODIFIER_BEFORE = re.compile(r"\b(?:former|acting|interim)\s$")
_DESCRIPTION_JOINT = re.compile(r"\s(?:and|&)\s(?:(?:a|an|the)\s)?(?=\S)")
_MAX_DESCRIPTION_WORDS = 6
_DESCRIPTIVE_OPENING = re.compile(r"(?!(?:co|vice)-)[A-Za-z]+-[a-z]+(?:ed|ing)$", re.IGNORECASE)
_CLAUSE_WORDS = frozenset({"was", "is", "were", "are", "has", "had", "with", "follow", "by"})
# "Minister of Fisheries, Forests and Waterways": a portfolio list belongs to the title.
_PORTFOLIO = re.compile(r"[^,\n]{1,60}? of [A-Z][a-z]+(?:, [A-Z][a-z]+){1,4},? and [A-Z][a-z]+")
_COUNT_WORDS = re.compile(
    r"(?:(?:the|its|our|their|these|following|several|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve)\s)+"
)
# A capitalised word of a name: it ends in a letter, digit, "&" or "." ("Inc."), never in "-" ("Boston-").
_NAME_WORD = r"[A-Z](?:[\w&'’.\-]*[\w&.])?"
# "President of VANTREX North Asia": a name after "of" that is no sub-unit or business function.
_TITLE_OF_NAME = re.compile(
    rf"(?P<title>[^\n]{{1,80}}?)\sof\s(?:the\s)?(?P<org>{_NAME_WORD}(?:\s(?:{_NAME_WORD}|of|for|and|&)){{0,6}})"
)
# A capitalised name the entity stage may have missed: "CEO, ATP Flight School" where NER found "ATP".
_CAPITALISED_NAME = re.compile(rf"{_NAME_WORD}(?:\s(?:{_NAME_WORD}|of|for|and|&|the)){{0,7}}")
_DASHED_NAME_AT_END = re.compile(
    rf"\s[-–—]\s(?P<org>{_NAME_WORD}(?:\s(?:{_NAME_WORD}|of|for|and|&|the)){{0,7}})$"
)
# "the Mayor of Eastbrook, " / "Acme's founder, " / "its chief executive, " right before a name.
_APPOSED_TITLE = re.compile(
    r"(?:\b(?:[Tt]he|[Ii]ts|[Oo]ur|[Tt]heir)\s+(?:company['’]s\s+)?"
    r"|(?P<owner>\b[A-Z][\w&.\-]*(?:\s[A-Z][\w&.\-]*){0,5})['’]s?\s+)"
    r"(?P<title>[A-Za-z][\w\-]*(?:\s[\w\-]+){0,5}),\s$"
)
_OWNED_TITLE = re.compile(r"(?:['’]s?)?\s(?P<title>[a-z][\w\-]*(?:\s[a-z][\w\-]*){0,4})\s")
_OF_NAME = re.compile(r"\s(?:of|at)\s+(?:the\s+)?(?P<word>[A-Za-z][\w\-]*)")
_FIELD_LABEL = re.compile(r"(?:Position|Title|Job [Tt]itle|Role|Designation):\s*")
_DASH_AFTER_NAME = re.compile(r" [-–—] (?=[A-Z])")
# "Head of Programming for The Harbor Dispatch": the capitalised name after "for" (a "the" in it kept).
_TITLE_FOR_NAME = re.compile(
    rf"(?P<title>[^\n]{{1,120}}?)\sfor\s(?P<org>{_NAME_WORD}(?:\s(?:{_NAME_WORD}|of|and|&)){{0,8}})"
)
# "professor at Foo Po Paris": a capitalised name after "at" is the employer even when NER missed it.
_TITLE_AT_NAME = re.compile(
    rf"(?P<title>[^\n]{{1,120}}?)\sat\s(?:the\s)?(?P<org>{_NAME_WORD}(?:\s(?:{_NAME_WORD}|of|for|and|&)){{0,8}})"
)


@dataclass(frozen=True)
class _Anchor:
    start: int
    end: int
    name: str  # the record's name


@dataclass(frozen=True)
class _Role:
    title_start: int
    title_end: int
    org: _Anchor | None


def extract(ctx: ReleaseContext) -> None:
    """Fill `affiliations` of each person in ctx.people."""
    if not ctx.people:
        return
    finder = _RoleFinder(ctx)
    ctx.people = [
        person.model_copy(update={"affiliations": finder.affiliations_of(person)}) for person in ctx.people
    ]


class _RoleFinder:
    """Reads roles around every mention of a person; built once per release."""

    def __init__(self, ctx: ReleaseContext) -> None:
        self.ctx = ctx
        self.text = ctx.text
        self.orgs = sorted(
            (_Anchor(m.start, m.end, m.text) for org in ctx.organizations for m in org.mentions),
            key=lambda a: a.start,
        )
        self.org_starts = [a.start for a in self.orgs]
        self.people = sorted(
            (_Anchor(m.start, m.end, person.name) for person in ctx.people for m in person.mentions),
            key=lambda a: a.start,
        )
        self.sentences = [(s.start_char, s.end_char) for s in ctx.doc.sents]
        self.sentence_starts = [start for start, _ in self.sentences]
        self.issuer = _issuer(ctx)
        self.common = common_words(ctx.text)
        self.verbal = self._verbal_roles()

    def affiliations_of(self, person: Person) -> list[Affiliation]:
        found: list[Affiliation] = []
        seen: set[tuple[str, str | None]] = set()
        for mention in sorted(person.mentions, key=lambda m: m.start):
            for role in self._roles_at(mention):
                affiliation = self._affiliation(role)
                if affiliation is None:
                    continue
                key = (_title_key(affiliation.title), affiliation.organization)
                if key not in seen:
                    seen.add(key)
                    found.append(affiliation)
        # "CEO" alone is the "CEO of Acme" the release wrote elsewhere, not a second role
        placed = {_title_key(a.title) for a in found if a.organization is not None}
        return [a for a in found if a.organization is not None or _title_key(a.title) not in placed]

    # --- where roles are written ---------------------------------------------------------------

    def _roles_at(self, mention: Mention) -> Iterator[_Role]:
        own = next((a.name for a in self.people if a.start == mention.start), mention.text)
        yield from self._after(mention.end, own)
        yield from self._before(mention)
        yield from self.verbal.get(mention.start, [])
        yield from self._contact_block(mention)
        yield from self._listed_under(mention)

    def _listed_under(self, mention: Mention) -> Iterator[_Role]:
        """ "joined by three independent directors: Jane Roe; John Doe; ..." gives each the title."""
        text = self.text
        sentence_start = self._sentence_at(mention.start, (0, 0))[0]
        colon = text.rfind(":", sentence_start, mention.start)
        if colon < 0 or not re.fullmatch(r"[\s\w.’'\-,;&]*", text[colon + 1 : mention.start]):
            return
        between = [a for a in self.people if colon < a.start < mention.start]
        gaps = [text[a.end : b.start] for a, b in zip(between, [*between[1:], None], strict=False) if b]
        if not all(re.fullmatch(r"\s*[;,]\s*(?:and\s)?", gap) for gap in gaps):
            return
        label = re.search(
            r"((?:[a-z][\w\-]*\s){0,2}[a-z][\w\-]*)\s*$", text[max(sentence_start, colon - 60) : colon]
        )
        if label is None or label.group(1).split()[-1] not in words("title_heads"):
            return
        start = colon - len(label.group(0))
        counted = _COUNT_WORDS.match(label.group(1))
        if counted:  # "three independent directors" -> "independent directors"
            start += counted.end()
        role = self._role(start, colon - len(label.group(0)) + len(label.group(1)), None)
        if role is not None:
            yield role

    def _contact_block(self, mention: Mention) -> Iterator[_Role]:
        """Contact blocks and list entries: "Acme" / "Jane Roe" / "Chief AI Officer" (or "CFO, Acme") on their
        own lines; the name's line may open with a label ("Mentor of the Year – Jane Roe")."""
        text = self.text
        line_start = text.rfind("\n", 0, mention.start) + 1
        line_end = text.find("\n", mention.end)
        line_end = len(text) if line_end < 0 else line_end
        label = text[line_start : mention.start].strip()  # "Mentor of the Year – Jane Roe" labels her line
        if (label and not label.endswith(("–", "—", "-", ":"))) or text[mention.end : line_end].strip():
            return
        following = re.match(r"\n{1,3}([^\n]{2,120})", text[line_end : line_end + 125])
        if not following:
            return
        start, end = line_end + following.start(1), line_end + following.end(1)
        field = _FIELD_LABEL.match(text, start, end)  # "Name: Jane Roe" / "Position: CEO"
        role = self._read_role(field.end() if field else start, end)
        if role is None:
            return
        if role.org is None:
            above = re.search(r"([^\n]{2,80})\n{1,2}$", text[max(0, line_start - 84) : line_start])
            if above:
                above_start = line_start - len(above.group(0))
                org = self._first_org(above_start, above_start + len(above.group(1)))
                if (
                    org is not None
                    and org.start == above_start
                    and org.end == above_start + len(above.group(1))
                ):
                    role = _Role(role.title_start, role.title_end, org)
        yield role

    def _after(self, position: int, name: str) -> Iterator[_Role]:
        """ "Name, Title of Org", "Name (Title, Org)", "said Name, Title, Org", chained with "and"."""
        text = self.text
        if text.startswith(" (", position):
            position += 2
        elif dash := _DASH_AFTER_NAME.match(text, position):
            position = dash.end()
        elif not text.startswith(",", position):
            return
        start = _lead_in_end(text, position)
        yield from self._appositive(start, self._clause_end(start, own=name))

    def _appositive(self, start: int, limit: int) -> list[_Role]:
        """The roles in the clause after a name, read part by part (parts are cut at commas): "CEO, Acme";
        "Vice President, Global Strategy, Corporate Affairs at Acme" (one title); "Chair of A, Fellow of B";
        "president of A, B and C" (one title, three organizations); "VP of Cloud Services, Acme"."""
        text = self.text
        found: list[_Role] = []
        pending: tuple[int, int] | None = None  # a title still waiting for its organization
        first_end = 0  # where the pending title's first part ends: its length when no organization comes
        shared: tuple[int, int] | None = None  # the last title an organization closed
        title_parts = 0  # how many parts the pending title has
        closed_inside = False  # the last role's organization was written inside its own part
        parts = self._parts(start, limit)
        line_ends, in_prose = self._ends_line(limit), self._ends_sentence(limit)  # where the clause stops
        for index, (part_start, part_end) in enumerate(parts):
            last_part = index == len(parts) - 1
            orgs = self._org_list(part_start, part_end)
            if pending and len(orgs) == 1 and _is_subunit(orgs[0].name) and not last_part:
                pending = (pending[0], part_end)  # "Director, Office of Career Services, Acme University"
                title_parts += 1
                continue
            title = pending or shared
            if orgs and title is None and not _opens_title(text[part_start:part_end]):
                break
            if orgs and title is not None:
                if closed_inside and last_part and len(orgs) == 1 and orgs[0].start == part_start:
                    title = self._pop_business_line(found) or title  # "VP of GRC Solutions, NAVEX"
                found.extend(r for org in orgs if (r := self._role(*title, org)) is not None)
                shared, pending, closed_inside = title, None, False
                continue
            if pending is None and closed_inside and last_part:
                body_end, employer = self._tail_org(part_start, part_end, line_ends, in_prose)
                widened = self._pop_business_line(found) if employer and body_end == part_start else None
                if widened is not None:  # "Director of Behavioral Science, Sounding Board"
                    found.extend(r for r in [self._role(*widened, employer)] if r)
                    break
            if pending is None:
                opened = list(self._opening_roles(part_start, part_end, first=index == 0))
                if not opened:
                    break
                *closed, last = opened
                found.extend(closed)
                if last.org is not None:
                    found.append(last)
                    shared, closed_inside = (last.title_start, last.title_end), True
                    continue
                if last.title_end < part_end - 1:  # the title stopped at a verb: the clause goes on
                    found.append(last)
                    break
                pending, first_end, title_parts = (last.title_start, last.title_end), last.title_end, 1
                continue
            body_end, org = self._tail_org(part_start, part_end, last_part and line_ends, in_prose)
            leading = None if org is not None else self._leading_org(part_start, part_end)
            if leading is not None:  # "CEO, ATP Flight School" (NER found "ATP"), "..., Acme was founded"
                found.extend(r for r in [self._role(*pending, leading)] if r is not None)
                pending = None
                break
            if body_end > part_start and title_parts >= _MAX_TITLE_PARTS:
                # "HR Leader, Fractional VP, Author, Speaker, Acme": a list of roles; the employer ends it
                last_org = self._tail_org(*parts[-1], line_ends, in_prose)[1] or next(
                    iter(self._org_list(*parts[-1])), None
                )
                if last_org is not None:
                    found.extend(r for r in [self._role(pending[0], first_end, last_org)] if r is not None)
                    pending = None
                break
            if body_end > part_start and not self._continues_title(part_start, body_end, org is not None):
                break
            title_parts += 1
            if org is None:
                pending = (pending[0], body_end)
                continue
            role = self._role(pending[0], body_end, org)
            if role is not None:
                found.append(role)
                shared = (role.title_start, role.title_end)
            pending = None
        if pending is not None:
            found.extend(r for r in [self._role(pending[0], first_end, None)] if r is not None)
        return found

    def _pop_business_line(self, found: list[_Role]) -> tuple[int, int] | None:
        """When the last role's "organization" named a line of business, that role is taken back and its
        title returned running through it, for the employer that follows."""
        if not found or not self._business_line(found[-1]):
            return None
        inner = found.pop()
        assert inner.org is not None
        return inner.title_start, inner.org.end

    def _business_line(self, role: _Role) -> bool:
        """ "VP of Cloud Services" before its employer: an "organization" after "of" with no company
        form names a line of business ("CMO for Maxim Group LLC" names the employer)."""
        if role.org is None or LEGAL_SUFFIX_AT_END.search(role.org.name):
            return False
        return bool(re.search(r"\sof\s(?:the\s)?$", self.text[role.title_start : role.org.start]))

    def _ends_sentence(self, limit: int) -> bool:
        return bool(re.match(r"\.(?:\s|$)", self.text[limit : limit + 2]))

    def _ends_line(self, limit: int) -> bool:
        """The clause ends its line or its sentence ("said Jane Roe, CEO, Acme."): its last part is a name."""
        return self.text[limit : limit + 1] in ("", "\n") or bool(
            re.match(r"\.(?:\s|$)", self.text[limit : limit + 2])
        )

    def _leading_org(self, start: int, end: int) -> _Anchor | None:
        """The organization a part opens with when a clause follows it ("Acme Robotics was founded"), or
        the capitalised name it opens ("ATP Flight School", NER having found "ATP")."""
        text = self.text
        org = self._first_org(start, end)
        if org is None or org.start != start or _is_subunit(org.name):
            return None
        name = _CAPITALISED_NAME.match(text, start, end)
        if name is not None and name.end() > org.end and self._names_a_body(name.group()):
            org = _Anchor(start, name.end(), name.group())
        if re.match(r"\s(?:of|at|for|in)\s", text[org.end : end]):
            return None  # "Office of Career Services at Acme": the organization comes later
        return org

    def _parts(self, start: int, limit: int) -> list[tuple[int, int]]:
        """The clause cut at commas and semicolons outside parentheses; a portfolio list
        ("Minister of Agriculture, Forestry and Fisheries") stays one part."""
        text = self.text
        listed = _PORTFOLIO.match(text, start, limit)
        parts, part_start, depth = [], start, 0
        position = listed.end() if listed else start
        while position < limit:
            char = text[position]
            depth += (char == "(") - (char == ")" and depth > 0)
            if depth == 0 and char in ",;":
                parts.append(strip_span(text, part_start, position))
                part_start = position + 1
            position += 1
        parts.append(strip_span(text, part_start, limit))
        return [(s, e) for s, e in parts if s < e]

    def _opening_roles(self, start: int, end: int, first: bool) -> Iterator[_Role]:
        """The roles a part opens with: "CEO of Acme", "Chair of A and Fellow of B", "Acme Head of
        Analytics" (the organization first); after the first part only a title word may open one."""
        text = self.text
        joined = _NEXT_ROLE.match(text, start)
        if joined and not first:
            start = joined.end()
        if not first and not _opens_title(text[start:end], reach=1):  # "Sounding Board" opens no role
            return
        owner = self._first_org(start, end)
        possessive = text.startswith(("'s", "’s"), owner.end) if owner is not None else False
        titled = owner is not None and _is_title_word(text[owner.start : owner.end].split()[0])
        if owner is not None and owner.start == start and owner.end < end and not (possessive or titled):
            rest = strip_span(text, owner.end, end)
            of_owner = re.match(r"\s(?:of|at|for)\s", text[owner.end :])
            if _opens_title(text[rest[0] : rest[1]]) and not of_owner:
                role = self._role(rest[0], rest[1], owner)  # "Quillon Media Head of Analytics"
                if role is not None:
                    yield role
                    return
        yield from self._role_chain(start, end)

    def _org_list(self, start: int, end: int) -> list[_Anchor]:
        """The organizations a part consists of ("the A", "A and B", "and the C"), or [] when it holds
        anything else."""
        text = self.text
        lead = re.match(r"(?:(?:and|&)\s+)?(?:the\s+)?", text[start:end])
        position = start + (lead.end() if lead else 0)
        found: list[_Anchor] = []
        while position < end:
            org = self._first_org(position, end)
            if org is None or org.start != position:
                return []
            found.append(org)
            joiner = _ORG_JOINER.match(text, org.end, end)
            position = joiner.end() if joiner and joiner.end() < end else org.end
            if position == org.end and org.end < end:
                return []
        return found

    def _tail_org(
        self, start: int, end: int, line_ends: bool, in_prose: bool = False
    ) -> tuple[int, _Anchor | None]:
        """Where a title part ends and the organization closing it: "Corporate Affairs at Acme" ->
        (end of "Corporate Affairs", Acme); the capitalised name ending a list line is the employer
        ("Deputy Chair, Board for Clean Water")."""
        text = self.text
        orgs = [a for a in self.orgs if start <= a.start and a.end == end]
        if orgs:
            connector = _CONNECTOR_AT_END.search(text, start, orgs[0].start)
            if connector and connector.start() > start and _joins(text[start : orgs[0].start]):
                return connector.start(), orgs[0]
        written = _TITLE_AT_NAME.match(text, start, end)
        if written and written.end() == end and self._names_a_body(written.group("org")):
            org_start = written.start("org")
            return written.end("title"), _Anchor(org_start, end, text[org_start:end])
        dashed = _DASHED_NAME_AT_END.search(text, start, end) if line_ends else None
        if dashed and dashed.end() == end and self._names_a_body(dashed.group("org")):
            return dashed.start(), _Anchor(dashed.start("org"), end, dashed.group("org"))  # "... – Acme Labs"
        name = text[start:end]
        if (
            line_ends
            and _CAPITALISED_NAME.fullmatch(name)
            and not _opens_title(name, reach=1)
            and not self._is_place(start, end)
            and self._names_a_body(name)
            and not (
                in_prose and all(is_common_word(w.casefold()) for w in name.split())
            )  # "Client Services"
        ):
            return start, _Anchor(start, end, name)
        return end, None

    def _continues_title(self, start: int, end: int, closed: bool) -> bool:
        """A part that goes on with the title before it ("Global Supply Strategy & Analytics"), not a
        new clause, nor a place unless an organization closes it ("Officer, North America – Acme")."""
        piece = self.text[start:end]
        tokens = piece.split()
        if not tokens or len(tokens) > 8 or any(ch.isdigit() or ch in '"“”' for ch in piece):
            return False
        if not (piece[0].isupper() or _opens_title(piece)) or tokens[0] in ("and", "&"):
            return False
        if any(start < a.end and a.start < end for a in self.people) or (
            self._is_place(start, end) and not closed
        ):
            return False
        span = self.ctx.doc.char_span(start, end, alignment_mode="expand")
        return span is None or not any(t.tag_.startswith("VB") and t.text.islower() for t in span)

    def _is_place(self, start: int, end: int) -> bool:
        name = self.text[start:end]
        at_city = any(m.start == start and m.end == end for city in self.ctx.cities for m in city.mentions)
        return at_city or country_of(name) is not None or is_region(name)

    def _role_chain_checked(self, start: int, limit: int) -> Iterator[_Role]:
        """Roles "respectively" assigned to several people are not read (they pair up by position)."""
        if "respectively" not in self.text[start : limit + 15]:
            yield from self._appositive(start, limit)

    def _role_chain(self, start: int, limit: int) -> Iterator[_Role]:
        text = self.text
        for step in range(4):  # "Vice Chairman of A and Executive Vice Chairman of B and ..."
            role = self._read_role(start, limit)
            if role is None and step == 0:  # "an award-winning producer and Head of Programming at Acme"
                start = self._past_description(start, limit)
                role = self._read_role(start, limit) if start < limit else None
                if role is not None and role.org is None and not text[start].isupper():
                    role = None  # "... and global audiences": no capital, no employer, no title
            if role is None:
                return
            yield from self._split_compound(role)
            after = role.org.end if role.org else role.title_end
            more = _NEXT_ROLE.match(text[after:limit])
            if not more:
                return
            start = after + more.end()

    def _past_description(self, start: int, limit: int) -> int:
        """Where a title starts after a description of up to six words joined to it by "and" ("an
        award-winning producer and Head of Programming"); `limit` when there is none."""
        joint = _DESCRIPTION_JOINT.search(self.text, start, limit)
        if joint is None or len(self.text[start : joint.start()].split()) > _MAX_DESCRIPTION_WORDS:
            return limit
        text = self.text
        if _opens_title(text[start : joint.start()]) or not _opens_title(text[joint.end() : limit], 1):
            return limit
        if any(limit <= a.start <= limit + 2 for a in self.people):
            return limit  # "A, founder and partner Jane Roe": a title before the next person's name
        described = self.ctx.doc.char_span(start, joint.start(), alignment_mode="expand")
        tokens = list(described) if described is not None else []
        if any(_is_clause_verb(text, t) for t in tokens):
            return limit  # a clause ("the show reaches a statewide and national audience"), no description
        return joint.end()

    def _read_role(self, start: int, limit: int) -> _Role | None:
        """A title from `start`, then the organization it belongs to when one follows in the clause."""
        text = self.text
        org = self._first_org(start, limit)
        if org is not None:
            region = text[start : org.start]
            connector = _CONNECTOR_AT_END.search(region)
            end = start + (connector.start() if connector else len(region))
            if "," in text[start:end] or not _joins(region):
                org = None  # the organization belongs to a later clause
            else:
                parent = self._parent_of(org, limit)
                if parent is not None:  # "Director of the Foo Office of the Bar Council"
                    return self._role(start, org.end, parent)
                return self._role(start, end, org)
        end = self._title_end(start, limit)
        # "Co-Director of the X Program and Director of the Y Program": the chain reads the second
        joint = _second_title(text[start:end])
        end = start + joint.start() if joint is not None else end
        # "Head of Programming at Acme", "... for Acme Post", "... of Acme"
        for written in (_TITLE_AT_NAME, _TITLE_FOR_NAME, _TITLE_OF_NAME):
            written_org = written.match(text, start, end)
            if written is _TITLE_FOR_NAME and written_org and not _names_an_organization(written_org):
                continue  # "Vice President for Academic Affairs"; "founder of the Center for Leadership"
            if written_org and written_org.end() == end and self._names_a_body(written_org.group("org")):
                org_start = written_org.start("org")
                return self._role(
                    start, written_org.end("title"), _Anchor(org_start, end, text[org_start:end])
                )
        dashed = _DASHED_NAME_AT_END.search(text, start, end) if self._ends_line(end) else None
        if dashed is not None and self._employer_after_dash(dashed.group("org")):  # "Head of R&D – Acme"
            employer = _Anchor(dashed.start("org"), dashed.end("org"), dashed.group("org"))
            return self._role(start, dashed.start(), employer)
        return self._role(start, end, None)

    def _employer_after_dash(self, name: str) -> bool:
        """ "– Corvane" ends a list line with an employer; "– Moderator", "– Keynote Address" a role."""
        lists = ("moderator_words", "speaker_nouns", "talk_words")
        a_role = any(w.casefold() in words(role_list) for w in name.split() for role_list in lists)
        return self._names_a_body(name) and not _is_title(name) and not a_role

    def _names_a_body(self, name: str) -> bool:
        """ "Foo Labs South China" names an employer; "Marketing" or "the Foo Region" do not."""
        tokens = re.findall(r"[\w’'\-]+", name)
        if tokens[-1].casefold() in words("subunit_words") or country_of(name) is not None or is_region(name):
            return False
        generic = words("not_name_words") | words("title_heads") | words("event_words")
        return any(
            t.casefold() not in generic
            and not is_region(t)
            and t.casefold() not in self.common
            and t.casefold() not in {"of", "and", "for"}
            for t in tokens
        )

    def _parent_of(self, org: _Anchor, limit: int) -> _Anchor | None:
        """The organization a sub-unit belongs to, when the text says "<unit> of the <parent>"."""
        link = re.match(r" of (?:the )?", self.text[org.end : org.end + 8])
        if link is None:
            return None
        parent = self._first_org(org.end, limit)
        return parent if parent is not None and parent.start == org.end + link.end() else None

    def _role(self, start: int, end: int, org: _Anchor | None) -> _Role | None:
        unclosed = self.text.rfind("(", start, end)
        if unclosed >= 0 and self.text.find(")", unclosed, end) < 0:
            end = unclosed
        while end > start and self.text[end - 1] in " ,’'-–—":
            end -= 1
        honour = _honorifics_before(self.text[start:end] + " ")
        if honour and len(honour) < end - start:  # "Chief Business Officer Dr." (the next name's honorific)
            end = strip_span(self.text, start, end - len(honour) + 1)[1]
        owner = re.match(r"([^\n]{2,60}?)['’]s ", self.text[start:end])
        if owner and org is None:  # "Acme's founder and CEO"
            possessor = self._first_org(start, start + len(owner.group(1)))
            if possessor is not None and possessor.start == start:
                org, start = possessor, start + owner.end()
        title = self.text[start:end]
        if not _is_title(title) or any(start < a.end and a.start < end for a in self.people):
            return None  # a "title" holding another person's name is two clauses run together
        return _Role(start, end, org)

    def _split_compound(self, role: _Role) -> Iterator[_Role]:
        """ "President and CEO" is one title; "secretary of X and governor" is two."""
        joint = _second_title(self.text[role.title_start : role.title_end])
        if joint is not None:
            second = role.title_start + joint.start("next")
            first = self._role(role.title_start, role.title_start + joint.start(), None)
            last = self._role(second, role.title_end, role.org)
            yield from (r for r in (first, last) if r is not None)
        else:
            yield role

    def _before(self, mention: Mention) -> Iterator[_Role]:
        """ "Prime Minister Jane Roe", "Acme Vice President Jane Roe", "Title Jane Roe of Acme"."""
        text = self.text
        line_start = text.rfind("\n", 0, mention.start) + 1
        name_start = mention.start - len(
            _honorifics_before(text[max(line_start, mention.start - 40) : mention.start])
        )
        window_start = max(line_start, name_start - 120)
        stops = [m.end() for m in _SENTENCE_STOP.finditer(text, window_start, name_start)]
        stops = [end for end in stops if not self._abbreviation_at(end - 2)]
        window = text[max([window_start, *stops]) : name_start]  # never across a full stop
        apposed = self._apposed_title(window, name_start, mention.end)
        if apposed is not None:
            yield apposed
            return
        owned = self._org_then_title(name_start - len(window), name_start)
        if (
            owned is not None
        ):  # "Quillon's chief economist Ana Ruiz", "retired Harwick Bank executive Tom Lind"
            yield owned
            return
        run = re.search(r"((?:[A-Z][\w&’'.\-]*\s(?:(?:of|and|for|the|&)\s)?){1,8})$", window)
        if not run:
            return
        run_start = name_start - len(run.group(1))
        earlier = [
            a.end for a in self.people if run_start < a.end <= name_start - 1 and a.start < name_start - 1
        ]
        if earlier:  # "Provost Dr. Elias Moen and Head of Law Dr. Rita Oakes": the run starts after Moen
            after = re.match(r"[\s,]*(?:(?:and|&)\s)?", text[max(earlier) : name_start])
            run_start = max(earlier) + (after.end() if after else 0)
        opening = _LIST_LINE_VERB.match(text, run_start, name_start)  # "Dr. Roe Appointed Chief ..."
        run_start = opening.end() if opening else run_start
        words_ = text[run_start:name_start].split()
        heads = [i for i, w in enumerate(words_) if _is_title_word(w)]
        # The title ends in a title word ("Provost") or in "of" and a field after one ("Head of Law").
        field = heads and words_[heads[-1] + 1 : heads[-1] + 2] == ["of"] and len(words_) - heads[-1] <= 4
        if not heads or not (_is_title_word(words_[-1]) or field):
            return
        offset = run_start + len(" ".join(words_[: heads[0]])) + (1 if heads[0] else 0)
        org = next((o for o in self.orgs if run_start <= o.start and o.end <= offset), None)
        if org is None and self.text[run_start:offset].split()[:1] != ["The"]:
            offset = run_start  # "King County Executive Jane Roe": the place is part of the title
        elif org is not None:
            offset = max(offset, org.end + (1 if self.text[org.end : org.end + 1] == " " else 0))
        modifier = _LOWER_MODIFIER_BEFORE.search(text, max(0, offset - 10), offset)
        offset = modifier.start() if modifier is not None and org is None else offset  # "former Senator"
        after_org = self._org_after_name(mention.end) or self._led_organization(run_start, mention.end)
        role = self._role(offset, name_start, org or after_org)
        if role is not None:
            yield role

    def _org_then_title(self, begin: int, name_start: int) -> _Role | None:
        """The nearest organization before the name, then lower-case title words: "Acme's chief
        economist Jane Roe", "Acme spokesperson Jane Roe"."""
        before = [a for a in self.orgs if begin <= a.start and a.end < name_start]
        if not before:
            return None
        org = max(before, key=lambda a: a.end)
        owned = _OWNED_TITLE.fullmatch(self.text, org.end, name_start)
        if owned is None or not _is_title_word(owned.group("title").split()[-1]):
            return None
        return self._role(owned.start("title"), owned.end("title"), org)

    def _apposed_title(self, window: str, name_start: int, name_end: int) -> _Role | None:
        """ "the Mayor of Eastbrook, Ana Reis, cut ...", "Acme's founder, Jane Roe, said": a title set off
        by commas before the name, after "the", "its" or an organization's possessive."""
        found = _APPOSED_TITLE.search(window)
        if found is None or not re.match(r",|\s(?:said|says|added)\b", self.text[name_end : name_end + 7]):
            return None
        title = found.group("title")
        last = title.split()[-1]
        if not (_is_title_word(last) or re.search(r"\b\w+\sof\s[A-Z][\w\-]*$", title)):
            return None
        if not _opens_title(title, reach=3) or any(ch.isdigit() for ch in title):
            return None
        begin = name_start - len(window) + found.start()  # where the match starts in the text
        title_start = begin + found.start("title") - found.start()
        org = None
        if found.group("owner"):
            owner_start = begin + found.start("owner") - found.start()
            org = self._first_org(owner_start, owner_start + len(found.group("owner")))
            if org is None or org.start != owner_start:
                return None  # "Jane's friend, ...": no organization owns the title
        return self._role(title_start, title_start + len(title), org)

    def _org_after_name(self, position: int) -> _Anchor | None:
        """ "Vice President Jane Roe of Acme", "Professor Jane Roe from Acme University": the organization
        right after the name."""
        match = re.match(r"\s(?:of|at|from)\s(?:the\s)?", self.text[position : position + 12])
        if not match:
            return None
        return self._org_starting_at(position + match.end())

    def _led_organization(self, title_start: int, name_end: int) -> _Anchor | None:
        """ "Led by CEO Jane Roe, Acme offers ...": the subject the opening participle clause describes,
        right after the comma that closes it."""
        opening = _LEADERSHIP_OPENING.search(self.text, max(0, title_start - 20), title_start)
        comma = _CLAUSE_COMMA.match(self.text, name_end)
        if opening is None or comma is None:
            return None
        if opening.group("participle").casefold() not in words("leadership_participles"):
            return None
        return self._org_starting_at(comma.end())

    def _org_starting_at(self, start: int) -> _Anchor | None:
        """The organization whose name starts at `start`, however long, within its clause."""
        org = self._first_org(start, self._clause_end(start))
        return org if org is not None and org.start == start else None

    def _verbal_roles(self) -> dict[int, list[_Role]]:
        """ "Name has served as Title", "appointed Name as Title", "Name will replace X as Title",
        "As Title, Name": roles keyed by the start of the person mention they belong to."""
        doc = self.ctx.doc
        roles: dict[int, list[_Role]] = {}
        people_at = {a.start: a for a in self.people}
        for _, start, _end in _role_matcher(doc.vocab, doc.has_annotation("TAG"))(doc):
            verb = doc[start]
            opener = _title_opener(verb)
            if opener is None:
                continue
            holder = self._holder(verb, opener, people_at)
            if holder is None:
                continue
            title_start = opener.idx + len(opener) + 1
            owner = self._possessor(verb, self.text[title_start : title_start + 6]) or self._where_at(verb)
            title_start = _lead_in_end(self.text, title_start)
            for role in self._role_chain_checked(title_start, self._clause_end(title_start)):
                if role.org is None and owner is not None:
                    role = _Role(role.title_start, role.title_end, owner)
                roles.setdefault(holder.start, []).append(role)
        if doc.has_annotation("DEP"):  # "Jane Roe is Chief Medical Officer at Acme": the subject holds it
            for _, (_verb, title, subject) in _copula_matcher(doc.vocab)(doc):
                token, subject_token = doc[title], doc[subject]
                holder = people_at.get(subject_token.left_edge.idx)
                whole = holder is not None and holder.end == subject_token.right_edge.idx + len(
                    subject_token.right_edge
                )
                if subject_token.lower_ in ("he", "she"):  # "She is Chief Medical Officer at Acme"
                    holder = self._referent(subject_token.idx)
                    whole = holder is not None
                described = token.left_edge.lower_ in ("a", "an")  # "is a global leader": a description
                if holder is None or not whole or described or not _is_title_word(token.text):
                    continue
                start = _lead_in_end(self.text, token.left_edge.idx)
                for role in self._role_chain_checked(start, self._clause_end(start)):
                    # "is CEO of Acme", "is Chair"; not "is CEO and founder of several nationally ..."
                    if role.org is not None or role.title_end - role.title_start <= 30:
                        roles.setdefault(holder.start, []).append(role)
        for sentence in doc.sents:  # "As Chairman of the Board, Jane Roe will ..."
            if sentence[0].lower_ == "as":
                comma = next((t for t in sentence if t.text == ","), None)
                if comma is not None and comma.idx + 2 in people_at:
                    opening = self._read_role(sentence[0].idx + 3, comma.idx)
                    if opening is not None:
                        roles.setdefault(comma.idx + 2, []).append(opening)
        return roles

    def _possessor(self, verb: Token, after_as: str) -> _Anchor | None:
        """ "Acme named Jane Roe as its CFO", "the board of Acme announced the appointment of Jane Roe as
        its CFO": the organization in the subject of the verb (or of the verb it depends on) owns the
        title; "as our CFO" is the issuer's."""
        possessive = re.match(r"(its|their|our)\s", after_as)
        if possessive is None:
            return None
        if possessive.group(1) == "our":
            return self._issuer_anchor()
        token = verb
        for _ in range(4):
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            person_subject = subject is not None and any(a.start <= subject.idx < a.end for a in self.people)
            if subject is not None and not person_subject:  # "Roe, formerly of Bolt, joined as its CFO"
                first, last = subject.left_edge, subject.right_edge
                inside = [a for a in self.orgs if first.idx <= a.start and a.end <= last.idx + len(last)]
                if inside:
                    return inside[0]
                return self._issuer_anchor() if subject.lower_ in ("it", "company", "firm") else None
            if token.head is token:
                return None
            token = token.head
        return None

    def _where_at(self, verb: Token) -> _Anchor | None:
        """ "a professor at the Norland Institute, where she served as Director of ...": the
        organization the "where" clause hangs on."""
        if verb.dep_ != "relcl" or not any(c.lower_ == "where" for c in verb.children):
            return None
        head = verb.head
        return next((a for a in self.orgs if a.start <= head.idx < a.end), None)

    def _issuer_anchor(self) -> _Anchor | None:
        """The issuer's first mention, for "our" (the release speaks for it)."""
        subjects = _opening_subjects(self.ctx)
        issuer = self.issuer or (subjects[-1] if subjects else None)
        if issuer is None:
            return None
        mention = min(issuer.mentions, key=lambda m: m.start)
        return _Anchor(mention.start, mention.end, mention.text)

    def _holder(self, verb: Token, as_token: Token, people_at: dict[int, _Anchor]) -> _Anchor | None:
        """Who takes the title: the object right before "as" ("appointed Jane Roe as"), else the subject."""
        before_as = [a for a in self.people if verb.idx < a.start and a.end <= as_token.idx]
        takes_object = verb.lower_ not in words("subject_role_verbs")  # "Roe will replace Doe as CEO": Roe
        if takes_object and before_as and self._object_of(verb, before_as[-1], as_token):
            return before_as[-1]
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                for token in child.subtree:
                    if token.idx in people_at:
                        return people_at[token.idx]
                if child.lower_ in ("he", "she"):
                    return self._referent(child.idx)
        return None

    def _object_of(self, verb: Token, person: _Anchor, as_token: Token) -> bool:
        """ "appointed Jane Roe as", "announces Jane Roe, former CFO of Acme, as": the person right
        before "as", or the verb's object with an apposition between."""
        if self.text[person.end : as_token.idx].strip() in ("", ","):
            return True
        span = self.ctx.doc.char_span(person.start, person.end, alignment_mode="expand")
        return span is not None and span.root.head is verb and span.root.dep_ == "dobj"

    def _referent(self, position: int) -> _Anchor | None:
        """Whom "he" or "she" means in a biography ("Most recently, he served as CMO at Acme"): the one
        person named in this paragraph up to the pronoun, or else in the paragraph before it; nobody
        when two are."""
        blocks = self.ctx.structure.blocks
        here = self.ctx.structure.index_at(position)
        if here is None:
            return None
        for block in (blocks[here], blocks[here - 1] if here > 0 else None):
            if block is None:
                break
            named = [a for a in self.people if block.start <= a.start < min(position, block.end)]
            if named:
                return named[-1] if len({a.name for a in named}) == 1 else None
        return None

    # --- helpers -------------------------------------------------------------------------------

    def _sentence_at(self, position: int, default: tuple[int, int]) -> tuple[int, int]:
        index = bisect_right(self.sentence_starts, position) - 1
        if index >= 0 and position < self.sentences[index][1]:
            return self.sentences[index]
        return default

    def _first_org(self, start: int, limit: int) -> _Anchor | None:
        index = bisect_left(self.org_starts, start)
        if index < len(self.orgs) and self.orgs[index].end <= limit:
            return self.orgs[index]
        return None

    def _clause_end(self, start: int, own: str | None = None) -> int:
        """Where the clause after `start` ends; it never runs into another person, though it may hold
        the person's own name in an employer's ("Jane Roe, Coach, Jane Roe Consulting")."""
        sentence_end = self._sentence_at(start, (0, len(self.text)))[1]
        end = sentence_end
        for match in _CLAUSE_END.finditer(self.text, start, sentence_end):
            opened = self.text.count("(", start, match.start()) - self.text.count(")", start, match.start())
            if match.group() == ")" and opened > 0:
                continue  # closes a "(" of the title: "Director - Staffing (Scouting, Outreach)"
            if match.group() == "." and self._abbreviation_at(match.start()):
                continue
            end = match.start()
            break
        # A title never runs into the next person: "Jane Roe, CEO of Acme, and John Doe, CFO".
        others = (a for a in self.people if start < a.start < end and a.name != own)
        next_person = next((a.start for a in others), end)
        return min(end, next_person)

    def _abbreviation_at(self, dot: int) -> bool:
        """The full stop at `dot` ends "Sr.", "Inc.", "Gen.", "U.S." or an initial, not a sentence."""
        word = re.search(r"[\w.]+$", self.text[max(0, dot - 12) : dot])
        written = (word.group() if word else "") + "."
        return len(written) <= 3 or "." in written[:-1] or written.casefold() in _ABBREVIATIONS

    def _title_end(self, start: int, limit: int) -> int:
        """Without an organization, a title runs to the first comma outside parentheses or verb."""
        parts = self._parts(start, limit)
        end = parts[0][1] if parts else limit
        for token in self.ctx.doc.char_span(start, end, alignment_mode="expand") or []:
            if token.idx > start and _is_clause_verb(self.text, token):
                return strip_span(self.text, start, token.idx)[1]
        return end

    def _affiliation(self, role: _Role) -> Affiliation | None:
        text = self.text
        title = text[role.title_start : role.title_end]
        mentions = [Mention(start=role.title_start, end=role.title_end, text=title)]
        organization: str | None = None
        if role.org is not None:
            organization = text[role.org.start : role.org.end]
            mentions.append(Mention(start=role.org.start, end=role.org.end, text=organization))
        elif self.issuer is not None and _is_corporate(title) and not _names_employer(title):
            organization = self.issuer.name
        return Affiliation(title=re.sub(r"\s+", " ", title), organization=organization, mentions=mentions)


def _honorifics_before(window: str) -> str:
    """The honorifics ending `window` ("Provost Dr. " -> "Dr. "): they stand between a title and a name."""
    found = re.search(r"(?:(?<=\s)|^)((?:[A-Z][a-z]{1,4}\.?\s)+)$", window)
    if not found:
        return ""
    honours = found.group(1).split()
    while honours and honours[0].casefold() not in words("honorifics"):
        honours = honours[1:]
    return " ".join(honours) + " " if honours else ""


def _lead_in_end(text: str, position: int) -> int:
    """Where a role starts after a name: past post-nominals ("SBS, JP,"; never a title such as "CEO,")
    and words like "who is the", "currently", "newly appointed"."""
    while (honour := _POST_NOMINAL.match(text, position)) and not _is_title_word(
        honour.group("letters") or ""
    ):
        position = honour.end() + (1 if text.startswith(",", honour.end()) else 0)
    lead = _LEAD_IN.match(text[position : position + 120])
    return position + (lead.end() if lead else 0)


def _joins(region: str) -> bool:
    """The words between a title and an organization end in a plain connector ("of the", ", ", "at", and
    the dash of list lines: "Chief Executive Officer – Acme")."""
    return bool(
        re.search(r"(?:\s(?:of|at|for|with|from|in|to|on|[-–—])(?:\s+the)?\s+|,\s+(?:the\s+)?)$", region)
    )


def _is_clause_verb(text: str, token: Token) -> bool:
    """A lower-case verb, not the half of a hyphenated adjective ("board-certified", "Emmy-nominated")."""
    return token.tag_.startswith("VB") and token.text.islower() and text[token.idx - 1] != "-"


def _names_an_organization(written: re.Match[str]) -> bool:
    """After "for": "The Harbor Dispatch" or a name with an organization's evidence ("Harbor Robotics Inc.");
    "for Academic Affairs" names a function, and in "Center for ..." the "for" is inside one name."""
    if written.group("title").split()[-1].casefold() in words("org_heads"):
        return False
    return written.group("org").startswith("The ") or has_org_evidence(written.group("org"))


def _is_title(title: str) -> bool:
    tokens = title.split()
    if not tokens or len(tokens) > _MAX_TITLE_WORDS or any(ch.isdigit() for ch in title):
        return False
    if re.search(r"[\"“”]", title):
        return False
    if tokens[-1] in _FUNCTION_WORDS or tokens[0].casefold() in _FUNCTION_WORDS | _CLAUSE_WORDS:
        return False  # cut short ("founder of The") or a clause ("was a co-founder of")
    if _DESCRIPTIVE_OPENING.match(tokens[0]):
        return False  # "well-respected member", "award-winning author": a description
    return any(_is_title_word(t.strip(",")) for t in tokens[:3])


def _second_title(title: str) -> re.Match[str] | None:
    """Where "secretary of X and governor" joins a second title ("President and CEO" is one title)."""
    for joint in re.finditer(r"\sand\s(?:(?:a|an|the)\s)?(?P<next>[\w\-]+)", title):
        head = joint.group("next").casefold().rsplit("-", 1)[-1]  # "Co-Director", not "board-certified"
        if re.search(r"\s(?:of|at)\s", title[: joint.start()]) and head in words("title_heads"):
            return joint
    return None


def _title_opener(verb: Token) -> Token | None:
    """The word after which a role verb's title starts: "as" ("has served as CFO"), or the "of" of
    "held the position of CFO"."""
    for token in verb.sent[verb.i - verb.sent.start + 1 :]:
        if token.lower_ == "as":
            return token
        following = token.nbor() if token.i + 1 < token.sent.end else None
        if token.lower_ in words("position_nouns") and following is not None and following.lower_ == "of":
            return following
    return None


@cache
def _role_matcher(vocab: Vocab, tagged: bool) -> Matcher:
    """The role-verb patterns of knowledge/patterns/roles.jsonl, built once per vocabulary."""
    built = Matcher(vocab, validate=True)
    for label, pattern in patterns("roles"):
        built.add(
            label, [pattern if tagged else [{k: v for k, v in t.items() if k != "TAG"} for t in pattern]]
        )
    return built


@cache
def _copula_matcher(vocab: Vocab) -> DependencyMatcher:
    """The patterns of knowledge/patterns/copula_roles.jsonl, built once per vocabulary."""
    built = DependencyMatcher(vocab, validate=True)
    for label, pattern in patterns("copula_roles"):
        built.add(label, [pattern])
    return built


def _title_key(title: str) -> str:
    """ "President & CEO" and "president and CEO" are one role written twice."""
    return " ".join(re.sub(r"&", " and ", title).casefold().split())


def _is_subunit(name: str) -> bool:
    words_ = name.split()
    return bool({words_[0].casefold(), words_[-1].casefold()} & words("subunit_words"))


def _opens_title(piece: str, reach: int = 2) -> bool:
    """The part begins like a job title: a title word (or one half of a hyphenated one, "co-chair")
    among its first `reach` words, after an article."""
    tokens = re.findall(r"[\w’'\-]+", piece)[:3]
    if tokens and tokens[0].casefold() in ("a", "an", "the"):
        tokens = tokens[1:]
    return any(_is_title_word(t) for t in tokens[:reach])


def _is_title_word(token: str) -> bool:
    """A title head, or a hyphenated word with one ("co-founder", "Vice-Chair"); "board-certified" and
    "award-winning" are adjectives."""
    word = token.casefold()
    if word in words("title_heads"):
        return True
    halves = word.split("-")
    return (
        len(halves) > 1
        and not halves[-1].endswith(("ed", "ing"))
        and any(h in words("title_heads") for h in halves)
    )


def _names_employer(title: str) -> bool:
    """ "Co-founder and CEO of pgEdge" names its employer (NER missed it), so the issuer is not assumed;
    "Director of Channels" names a business function."""
    return any(
        any(ch.isupper() for ch in m.group("word")) and not is_common_word(m.group("word").casefold())
        for m in _OF_NAME.finditer(title)
    )


def _is_corporate(title: str) -> bool:
    return any(t.casefold() in words("corporate_title_words") for t in re.findall(r"[\w\-]+", title))


def _issuer(ctx: ReleaseContext) -> Organization | None:
    """The organization issuing the release, for "the Company" / "our board": the one its "About X"
    heading names (of several, the one that opens the release), else the subject of its first body
    sentence; never merely the first one mentioned."""
    if not _ISSUER_WORDS.search(ctx.text) or not ctx.organizations:
        return None
    headings = [ctx.text[s.start : _line_end(ctx.text, s.start)] for s in ctx.sections if s.kind == "about"]
    about = [
        org
        for org in ctx.organizations
        if any(
            re.search(rf"\b{re.escape(m.text)}(?!\w)", heading) for m in org.mentions for heading in headings
        )
    ]
    if len(about) == 1:
        return about[0]
    subjects = _opening_subjects(ctx)
    if about:
        return next((org for org in subjects if any(org is other for other in about)), None)
    return subjects[-1] if subjects else None


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _opening_subjects(ctx: ReleaseContext) -> list[Organization]:
    """The organizations before the main verb of the release's first body sentence that has one, outside
    parentheses, in text order ("Following a review by A, Acme (parent: B) today announced": A, Acme); the
    last is the one the release speaks for. Sentences without a verb (a dateline alone) are passed over."""
    body = ctx.section("body")
    if body is None:
        return []
    opening = [s for s in ctx.doc.sents if s.end_char > body.start and s.text.strip()][:3]
    for sentence in opening:
        if not sentence.root.tag_.startswith("VB"):
            continue
        begin = body.start  # verbless pieces before it ("Acme PLC (AIM:ACM," cut at a colon) count
        outside = [
            (m.start, org.name)
            for org in ctx.organizations
            for m in org.mentions
            if begin <= m.start
            and m.end <= sentence.root.idx
            and ctx.text.count("(", begin, m.start) == ctx.text.count(")", begin, m.start)
        ]
        first: dict[str, int] = {}
        for start, name in sorted(outside):
            first.setdefault(name, start)
        return sorted((org for org in ctx.organizations if org.name in first), key=lambda o: first[o.name])
    return []

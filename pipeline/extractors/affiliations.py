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

from spacy.matcher import Matcher
from spacy.tokens import Token

from ..context import ReleaseContext
from ..knowledge import country_of, is_region, words
from ..models import Affiliation, Mention, Organization, Person
from .entities import common_words
from .tags import NOUN_TAGS, VERB_TAGS, verb_forms

_LEAD_IN = re.compile(
    r"^,?\s{0,3}(?:(?:[A-Z]{2,5}|Ph\.D\.|Jr\.|Sr\.),\s{1,3}){0,4}"  # post-nominals: "SBS, JP,"
    r"(?:who (?:is|was|serves as|served as|has served as|will serve as|is currently)\s{1,3})?"
    r"(?:(?:the|a|an|its|our|their|currently|now|also|then|most recently|recently|new|newly appointed)"
    r"\s{1,3}){0,3}"
)
_CONNECTOR_AT_END = re.compile(r"(?:,|\s)+(?:(?:of|at|for|with|from|in|on|to)(?:\s+the)?)?\s*$")
_CLAUSE_END = re.compile(
    r"[;.)\n]|,\s(?:who|which|and|said|says|added|explained|noted)\b|\s(?:said|says|who|which|that)\b"
    r"|\s(?:since|until|effective|following|beginning|starting|through|in \d)\b"
)
_ISSUER_WORDS = re.compile(r"\b(?:the|our|its) (?:Company|company|Board|board|firm|Firm)\b")
_CORPORATE_HEADS = frozenset(
    {"chairman", "chairwoman", "chair", "president", "director", "directors", "ceo", "cfo", "coo", "cto",
     "cio", "cmo", "vp", "svp", "evp", "gm", "officer", "manager", "founder", "co-founder", "head", "partner",
     "treasurer", "secretary", "counsel", "board"}
)  # fmt: skip
_ROLE_VERBS = verb_forms(
    "serve",
    "appoint",
    "name",
    "elect",
    "promote",
    "hire",
    "join",
    "replace",
    "succeed",
    "become",
    "remain",
    "continue",
    "designate",
    "retain",
    "reappoint",
    "install",
) | {"became"}
_SUBJECT_VERBS = verb_forms("replace", "succeed")
_MAX_TITLE_WORDS = 14
_FUNCTION_WORDS = frozenset(
    {"of", "and", "the", "The", "for", "at", "to", "with", "in", "on", "&", "a", "an"}
)
_CLAUSE_WORDS = frozenset({"was", "is", "were", "are", "has", "had", "with", "follow", "by"})
# "Minister of Economy, Trade and Industry": a portfolio list belongs to the title.
_PORTFOLIO = re.compile(r"[^,\n]{1,60}? of [A-Z][a-z]+(?:, [A-Z][a-z]+){1,4},? and [A-Z][a-z]+")
_COUNT_WORDS = re.compile(
    r"(?:(?:the|its|our|their|these|following|several|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve)\s)+"
)
_SUBUNIT_WORDS = frozenset(
    {"Department", "Division", "Unit", "Region", "Team", "Office", "Committee", "Bureau", "Section", "Group"}
)
# "President of ISSTECH South China": a name after "of" that is no sub-unit or business function.
_TITLE_OF_NAME = re.compile(
    r"(?P<title>[^\n]{1,80}?)\sof\s(?:the\s)?(?P<org>[A-Z][\w&'’.\-]*(?:\s(?:[A-Z][\w&'’.\-]*|of|for|and|&)){0,6})"
)
# "professor at Foo Po Paris": a capitalised name after "at" is the employer even when NER missed it.
_TITLE_AT_NAME = re.compile(
    r"(?P<title>[^\n]{1,120}?)\sat\s(?:the\s)?(?P<org>[A-Z][\w&'’.\-]*(?:\s(?:[A-Z][\w&'’.\-]*|of|for|and|&)){0,8})"
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
                key = (affiliation.title.casefold(), affiliation.organization)
                if key not in seen:
                    seen.add(key)
                    found.append(affiliation)
        return found

    # --- where roles are written ---------------------------------------------------------------

    def _roles_at(self, mention: Mention) -> Iterator[_Role]:
        yield from self._after(mention.end)
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
        """Contact blocks: "Acme" / "Jane Roe" / "Chief AI Officer" (or "CFO, Acme") on their own lines."""
        text = self.text
        line_start = text.rfind("\n", 0, mention.start) + 1
        line_end = text.find("\n", mention.end)
        line_end = len(text) if line_end < 0 else line_end
        if text[line_start : mention.start].strip() or text[mention.end : line_end].strip():
            return
        following = re.match(r"\n{1,3}([^\n]{2,120})", text[line_end : line_end + 125])
        if not following:
            return
        start = line_end + following.start(1)
        role = self._read_role(start, start + len(following.group(1)))
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

    def _after(self, position: int) -> Iterator[_Role]:
        """ "Name, Title of Org", "Name (Title, Org)", "said Name, Title, Org", chained with "and"."""
        text = self.text
        if text.startswith(" (", position):
            position += 2
        elif not text.startswith(",", position):
            return
        lead = _LEAD_IN.match(text[position : position + 120])
        start = position + (lead.end() if lead else 0)
        yield from self._role_chain(start, self._clause_end(start))

    def _role_chain_checked(self, start: int, limit: int) -> Iterator[_Role]:
        """Roles "respectively" assigned to several people are not read (they pair up by position)."""
        if "respectively" not in self.text[start : limit + 15]:
            yield from self._role_chain(start, limit)

    def _role_chain(self, start: int, limit: int) -> Iterator[_Role]:
        text = self.text
        for _ in range(4):  # "Vice Chairman of A and Executive Vice Chairman of B and ..."
            role = self._read_role(start, limit)
            if role is None:
                return
            yield from self._split_compound(role)
            after = role.org.end if role.org else role.title_end
            more = re.match(r",?\s{1,3}(?:and|&)\s{1,3}(?:(?:a|an|the)\s{1,3})?", text[after:limit])
            if not more:
                return
            start = after + more.end()

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
        written_org = _TITLE_AT_NAME.match(text, start, end) or _TITLE_OF_NAME.match(text, start, end)
        if written_org and written_org.end() == end and self._names_a_body(written_org.group("org")):
            org_start = written_org.start("org")
            return self._role(start, written_org.end("title"), _Anchor(org_start, end, text[org_start:end]))
        return self._role(start, end, None)

    def _names_a_body(self, name: str) -> bool:
        """ "Foo Labs South China" names an employer; "Marketing" or "the Foo Region" do not."""
        tokens = re.findall(r"[\w’'\-]+", name)
        if tokens[-1] in _SUBUNIT_WORDS or country_of(name) is not None or is_region(name):
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
        while end > start and self.text[end - 1] in " ,’'":
            end -= 1
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
        title = self.text[role.title_start : role.title_end]
        joint = re.search(r"\sand\s(?:(?:a|an|the)\s)?(?P<next>[\w\-]+)", title)
        if (
            joint
            and re.search(r"\s(?:of|at)\s", title[: joint.start()])
            and joint.group("next").casefold() in words("title_heads")
        ):
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
        window = text[max(line_start, mention.start - 120) : mention.start]
        run = re.search(r"((?:[A-Z][\w&’'.\-]*\s(?:(?:of|and|for|the|&)\s)?){1,8})$", window)
        if not run:
            return
        run_start = mention.start - len(run.group(1))
        words_ = run.group(1).split()
        heads = [i for i, w in enumerate(words_) if w.casefold() in words("title_heads")]
        if not heads or words_[-1].casefold() not in words("title_heads"):
            return
        offset = run_start + len(" ".join(words_[: heads[0]])) + (1 if heads[0] else 0)
        org = next((o for o in self.orgs if run_start <= o.start and o.end <= offset), None)
        if org is None and self.text[run_start:offset].split()[:1] != ["The"]:
            offset = run_start  # "King County Executive Jane Roe": the place is part of the title
        elif org is not None:
            offset = max(offset, org.end + (1 if self.text[org.end : org.end + 1] == " " else 0))
        after_org = self._org_after_name(mention.end)
        role = self._role(offset, mention.start, org or after_org)
        if role is not None:
            yield role

    def _org_after_name(self, position: int) -> _Anchor | None:
        """ "Vice President Jane Roe of Acme": the organization right after the name."""
        match = re.match(r"\s(?:of|at)\s(?:the\s)?", self.text[position : position + 12])
        if not match:
            return None
        org = self._first_org(position, position + match.end() + 1)
        return org if org is not None and org.start == position + match.end() else None

    def _verbal_roles(self) -> dict[int, list[_Role]]:
        """ "Name has served as Title", "appointed Name as Title", "Name will replace X as Title",
        "As Title, Name": roles keyed by the start of the person mention they belong to."""
        doc = self.ctx.doc
        matcher = Matcher(doc.vocab)
        matcher.add(
            "ROLE_VERB", [[{"LOWER": {"IN": sorted(_ROLE_VERBS)}, "TAG": {"IN": [*VERB_TAGS, *NOUN_TAGS]}}]]
        )
        matcher.add(
            "APPOINTMENT", [[{"LOWER": {"IN": ["appointment", "election", "promotion", "nomination"]}}]]
        )
        roles: dict[int, list[_Role]] = {}
        people_at = {a.start: a for a in self.people}
        for _, start, _end in matcher(doc):
            verb = doc[start]
            sentence = verb.sent
            as_token = next((t for t in sentence if t.i > verb.i and t.lower_ == "as"), None)
            if as_token is None:
                continue
            holder = self._holder(verb, as_token, people_at)
            if holder is None:
                continue
            title_start = as_token.idx + 3
            lead = _LEAD_IN.match(self.text[title_start : title_start + 60])
            title_start += lead.end() if lead else 0
            for role in self._role_chain_checked(title_start, self._clause_end(title_start)):
                roles.setdefault(holder.start, []).append(role)
        for sentence in doc.sents:  # "As Chairman of the Board, Jane Roe will ..."
            if sentence[0].lower_ == "as":
                comma = next((t for t in sentence if t.text == ","), None)
                if comma is not None and comma.idx + 2 in people_at:
                    opening = self._read_role(sentence[0].idx + 3, comma.idx)
                    if opening is not None:
                        roles.setdefault(comma.idx + 2, []).append(opening)
        return roles

    def _holder(self, verb: Token, as_token: Token, people_at: dict[int, _Anchor]) -> _Anchor | None:
        """Who takes the title: the object right before "as" ("appointed Jane Roe as"), else the subject."""
        before_as = [a for a in self.people if verb.idx < a.start and a.end <= as_token.idx]
        takes_object = verb.lower_ not in _SUBJECT_VERBS  # "Roe will replace Doe as CEO": Roe
        if takes_object and before_as and self.text[before_as[-1].end : as_token.idx].strip() in ("", ","):
            return before_as[-1]
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                for token in child.subtree:
                    if token.idx in people_at:
                        return people_at[token.idx]
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

    def _clause_end(self, start: int) -> int:
        sentence_end = self._sentence_at(start, (0, len(self.text)))[1]
        match = _CLAUSE_END.search(self.text, start, sentence_end)
        end = match.start() if match else sentence_end
        # A title never runs into the next person: "Jane Roe, CEO of Acme, and John Doe, CFO".
        next_person = next((a.start for a in self.people if start < a.start < end), end)
        return min(end, next_person)

    def _title_end(self, start: int, limit: int) -> int:
        """Without an organization, a title runs to the first comma or verb."""
        end = limit
        listed = _PORTFOLIO.match(self.text, start, limit)
        comma = self.text.find(",", listed.end() if listed else start, limit)
        if comma >= 0:
            end = comma
        for token in self.ctx.doc.char_span(start, end, alignment_mode="expand") or []:
            if token.tag_.startswith("VB") and token.text.islower() and token.idx > start:
                return token.idx
        return end

    def _affiliation(self, role: _Role) -> Affiliation | None:
        text = self.text
        title = text[role.title_start : role.title_end]
        mentions = [Mention(start=role.title_start, end=role.title_end, text=title)]
        organization: str | None = None
        if role.org is not None:
            organization = text[role.org.start : role.org.end]
            mentions.append(Mention(start=role.org.start, end=role.org.end, text=organization))
        elif self.issuer is not None and _is_corporate(title):
            organization = self.issuer.name
        return Affiliation(title=re.sub(r"\s+", " ", title), organization=organization, mentions=mentions)


def _joins(region: str) -> bool:
    """The words between a title and an organization end in a plain connector ("of the", ", ", "at")."""
    return bool(re.search(r"(?:\s(?:of|at|for|with|from|in|to|on)(?:\s+the)?\s+|,\s+(?:the\s+)?)$", region))


def _is_title(title: str) -> bool:
    tokens = title.split()
    if not tokens or len(tokens) > _MAX_TITLE_WORDS or any(ch.isdigit() for ch in title):
        return False
    if re.search(r"[\"“”]", title):
        return False
    if tokens[-1] in _FUNCTION_WORDS or tokens[0].casefold() in _FUNCTION_WORDS | _CLAUSE_WORDS:
        return False  # cut short ("founder of The") or a clause ("was a co-founder of")
    heads = [t for t in tokens[:3] if t.casefold().strip(",") in words("title_heads")]
    return bool(heads) or (len(tokens) >= 2 and tokens[1].casefold() in words("title_heads"))


def _is_corporate(title: str) -> bool:
    return any(t.casefold() in _CORPORATE_HEADS for t in re.findall(r"[\w\-]+", title))


def _issuer(ctx: ReleaseContext) -> Organization | None:
    """The organization issuing the release, when the text refers to it as "the Company" / "our board"."""
    if not _ISSUER_WORDS.search(ctx.text) or not ctx.organizations:
        return None
    body = ctx.section("body")
    start = body.start if body else 0
    mentioned = [(m.start, org) for org in ctx.organizations for m in org.mentions if m.start >= start]
    return min(mentioned, key=lambda pair: pair[0])[1] if mentioned else None

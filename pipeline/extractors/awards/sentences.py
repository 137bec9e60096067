"""Awards in prose, read through the dependency parse: "A won the Y", "the Y went to A and B", "A was
named the winner of the Y", "winners of the Y include A", "the jury granted two Y to A and B".

The frames are spaCy DependencyMatcher patterns in `knowledge/patterns/award_relations.jsonl`; a match
points at the token where the winners are named and the token of the award. Winners are read as a
written list from there to the end of the phrase (winners.py), within the block the sentence is in; an
award written as a plain word ("the honor went to ...") is the award last named before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from spacy.matcher import DependencyMatcher

from ...context import ReleaseContext
from ...knowledge import patterns, words
from ..spans import Span
from ..tags import is_verb
from ..types import Rule, first_rule
from .counts import count_of
from .found import Relation, named_before
from .names import is_honour_noun
from .winners import Name, split_winners

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan
    from spacy.vocab import Vocab

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})

# Where an object's list ends inside its sentence (spaCy's sentence end knows "Ltd." and "Sgt.").
_CLAUSE_END = re.compile(r";|,\s+(?:while|whereas|which|who|where|and\s+(?:was|were|is|are))\b|\s+while\b")
_COLON = re.compile(r":\s+")


@cache
def _matcher(vocab: Vocab) -> tuple[DependencyMatcher, dict[str, tuple[str, list[str]]]]:
    """The matcher and, per pattern key, its label and node names (a match lists tokens in node order)."""
    matcher = DependencyMatcher(vocab, validate=True)
    roles: dict[str, tuple[str, list[str]]] = {}
    for number, (label, pattern) in enumerate(patterns("award_relations")):
        key = f"{label}#{number}"
        matcher.add(key, [pattern])
        roles[key] = (label, [node["RIGHT_ID"] for node in pattern])
    return matcher, roles


def sentence_relations(ctx: ReleaseContext, names: list[Span]) -> Iterator[Relation]:
    """A relation for every frame the parse shows between winners and an award."""
    doc = ctx.doc
    if not doc.has_annotation("DEP"):
        return
    matcher, roles = _matcher(doc.vocab)
    seen: set[tuple[int, int]] = set()
    matches = [
        (match_id, [sentence.start + i for i in token_ids])
        for sentence in _award_sentences(doc, names)
        for match_id, token_ids in matcher(sentence)
    ]
    for match_id, token_ids in sorted(matches, key=lambda m: m[1]):
        label, nodes = roles[doc.vocab.strings[match_id]]
        tokens = {node: doc[i] for node, i in zip(nodes, token_ids, strict=True)}
        if _outside_body(ctx, tokens[nodes[0]].idx) or _respectively(tokens[nodes[0]]):
            continue  # "A and B respectively won the X and the Y": respective_relations pairs them
        for relation in _read(ctx, names, label, tokens, tokens[nodes[0]]):
            key = (relation.award[0], relation.winners[0].start if relation.winners else -1)
            if key not in seen:
                seen.add(key)
                yield relation


def _award_sentences(doc: Doc, names: list[Span]) -> Iterator[SpacySpan]:
    """The sentences a frame can be in: every frame finds its award through an award's name in its
    sentence, or through an honour, category or winner noun there ("the award went to", "the winners
    are"). The matcher's time grows with the text it reads, so it reads only these."""
    nouns = words("honour_nouns") | words("category_nouns") | words("winner_nouns")
    for sentence in doc.sents:
        start, end = sentence.start_char, sentence.end_char
        if any(start < n[1] and n[0] < end for n in names) or any(t.lower_ in nouns for t in sentence):
            yield sentence


@cache
def _partial_mark() -> re.Pattern[str]:
    """A word that opens or closes a partial list ("including", "such as", "etc."), from knowledge."""
    marks = sorted(words("partial_marks"), key=len, reverse=True)
    alternatives = "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in marks)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w):?\s*")


@cache
def _listed_after() -> re.Pattern[str]:
    """ "..., including", "such as": a list follows the words before."""
    return re.compile(r"\s*,?\s*" + _partial_mark().pattern)


@cache
def _intro() -> re.Pattern[str]:
    """ "In 2024, ", "Additionally, ": an introductory phrase before a clause's subject."""
    openers = "|".join(re.escape(w) for w in sorted(words("intro_words"), key=len, reverse=True))
    return re.compile(rf"(?i:{openers})\b[^,]{{0,80}},\s+")


@dataclass(frozen=True)
class Frame:
    """One match of a prose pattern: its label and the tokens its nodes matched."""

    ctx: ReleaseContext
    names: tuple[Span, ...]
    label: str
    tokens: dict[str, Token]

    @property
    def verb(self) -> Token | None:
        return self.tokens.get("verb")

    def in_a_name(self, node: str) -> bool:
        token = self.tokens.get(node)
        return token is not None and any(n[0] <= token.idx < n[1] for n in self.names)


def _subject_after_verb(frame: Frame) -> bool:
    winner, verb = frame.tokens.get("winner"), frame.verb
    sides = winner is not None and verb is not None and winner.i > verb.i
    return frame.label in {"WON", "HONOURED"} and sides


def _verb_has_own_subject(frame: Frame) -> bool:
    verb = frame.verb
    return "head" in frame.tokens and verb is not None and any(c.dep_ in _SUBJECTS for c in verb.children)


def _counts_awards(frame: Frame) -> bool:
    """ "Acme wins two Trellis STAR awards", "was named winner of two Pinnacle Awards": how many awards
    someone won, not the name of one."""
    award = frame.tokens.get("award")
    if frame.label not in {"WON", "WINNERS_OF", "HONOURED"} or award is None:
        return False
    if _listed_awards(frame.ctx, list(frame.names), award):
        return False
    name = _award_at(frame.ctx, list(frame.names), award)
    if name is None:
        return False
    # a number before the name that counts what the name names: "two Bronze Stevie Awards"
    return any(
        t.dep_ == "nummod"
        and not name[0] <= t.idx < name[1]
        and name[0] <= t.head.idx < name[1]
        and (count_of(t.head) or 0) > 1
        for t in award.subtree
    )


def _names_non_winners(frame: Frame) -> bool:
    """ "A and B were named finalists for the Y Prize", "was selected as a semi-finalist in the Y"."""
    verb = frame.verb
    if verb is None:
        return False
    complements = [c for c in verb.children if c.dep_ in {"attr", "oprd", "dobj", "prep"}]
    phrase = [t for c in complements for t in c.subtree if not any(n[0] <= t.idx < n[1] for n in frame.names)]
    return any(t.lower_ in words("not_winner_nouns") for t in phrase)  # not "Partner of the Year"


def _not_named_as(frame: Frame) -> bool:
    """ "named Jane Roe its Citizen of the Year": the object is a name and comes before the title."""
    winner, award = frame.tokens.get("winner"), frame.tokens.get("award")
    if frame.label != "NAMED_AS" or winner is None or award is None:
        return False
    return winner.i > award.i or winner.tag_ not in {"NNP", "NNPS"} or not frame.in_a_name("award")


def _present_description(frame: Frame) -> bool:
    """ "The Y Awards recognize companies in three categories": what an award does, not whom it went to."""
    verb = frame.verb
    return frame.label == "INDUCTED" and verb is not None and verb.tag_ in {"VBZ", "VBP", "VB"}


def _not_apposed(frame: Frame) -> bool:
    return frame.label == "APPOSED" and _apposed_name(frame) is None


FRAME_RULES: tuple[Rule[Frame], ...] = (
    Rule("subject after its verb", _subject_after_verb),
    Rule("verb with its own subject", _verb_has_own_subject),
    Rule("subject is no award's name", lambda f: f.label == "INDUCTED" and not f.in_a_name("award")),
    Rule("describes the award", _present_description),
    Rule("not right after the name", _not_apposed),
    Rule("no name given a title", _not_named_as),
    Rule("counts awards", _counts_awards),
    Rule("names non-winners", _names_non_winners),
)


def why_not_a_frame(frame: Frame) -> str | None:
    """The name of the first rule that says a matched frame gives no winners, or None."""
    return first_rule(FRAME_RULES, frame)


def _read(
    ctx: ReleaseContext, names: list[Span], label: str, tokens: dict[str, Token], root: Token
) -> list[Relation]:
    frame = Frame(ctx, tuple(names), label, tokens)
    if why_not_a_frame(frame) is not None:
        return []
    award, others = _frame_award(frame)
    if award is None:
        return []
    count = None
    if label in {"WINNERS_OF", "WINNERS_ARE"}:
        noun = tokens["noun"]
        winner = tokens.get("winner") or _winners_of(ctx, noun)
        count = count_of(noun)
        if winner is None:
            return [Relation(award, count=count, reader="winner noun count")] if count else []
    else:
        winner = tokens["winner"]
        if label == "HONOURED" and frame.verb is not None and winner.dep_ == "nsubj":
            # active voice: "CRN has named Jane Roe to its list" (the object is the winner), "Acme
            # honored ten educators at its Y Awards" (no name: a count); "Acme ranked on the list"
            honoured = next((c for c in frame.verb.children if c.dep_ == "dobj" and not _is_rank(c)), None)
            winner = _named_object(frame.verb) or honoured or winner
        if label == "GIVEN" and tokens["award"].dep_ == "dobj":
            count = count_of(tokens["award"])  # "granted two Special Merit Awards to A and B"
    if label in {"WINNERS_ARE", "WINNERS_OF"} and any(n[0] <= winner.idx < n[1] for n in names):
        # "Winners were: Small Business of the Year, Quenby Labs; Innovator of the Year, ..."
        colon = ctx.text.find(":", tokens["noun"].idx, winner.idx + 1)
        pairs = _category_pairs(ctx, names, colon + 1 if colon >= 0 else winner.idx, _upper(ctx, winner))
        if pairs:
            return [
                Relation(category, (name,), reader="sentence (category, winner)") for category, name in pairs
            ]
    winner = _referent(ctx, winner)
    block = ctx.structure.block_at(root.idx)
    if award[0] <= winner.idx < award[1] or (block is not None and not block.start <= winner.idx < block.end):
        return []
    winners, listed_count, partial = _winners_from(ctx, winner, names)
    partial |= any(t.lower_ == "among" for t in tokens.values())
    found_count = count or listed_count
    if not winners and found_count is None:
        return []
    reader = f"sentence ({label.lower()})"
    return [
        Relation(award, tuple(winners), found_count, partial, reader=reader),
        *(Relation(other, tuple(winners), reader=reader) for other in others if other != award),
    ]


def _frame_award(frame: Frame) -> tuple[Span | None, list[Span]]:
    """The award a frame names, and the others it names beside it ("the A Award and the B Award")."""
    if frame.label == "APPOSED":
        return _apposed_name(frame), []
    token = frame.tokens.get("award")
    if token is None:  # "The winners are A, B and C": the award named last, nearby
        return named_before(frame.ctx, list(frame.names), frame.tokens["noun"].idx), []
    others = _listed_awards(frame.ctx, list(frame.names), token)
    unnamed = is_honour_noun(token) and not frame.in_a_name("award")
    if others and unnamed:  # "received 220 awards, including the A Medal": the awards listed
        return others[0], others
    return _award_at(frame.ctx, list(frame.names), token), others


def _listed_awards(ctx: ReleaseContext, names: list[Span], token: Token) -> list[Span]:
    """The other awards the same frame names: "recognized with the A Award and the B Award", "has
    received 220 awards, including the A Medal and the B Prize"."""
    found = []
    for conj in token.conjuncts:
        found += [n for n in names if n[0] <= conj.idx < n[1]]
    if is_honour_noun(token):
        phrase = (token.idx, token.right_edge.idx + len(token.right_edge.text))
        mark = _partial_mark().search(ctx.text, *phrase)
        if mark is not None:
            found += [n for n in names if mark.end() <= n[0] and n[1] <= phrase[1]]
    return found


def _award_at(ctx: ReleaseContext, names: list[Span], token: Token) -> Span | None:
    """The award name the token is part of, or for "the award"/"the honor", the award named last."""
    appositions = (c for c in token.rights if c.dep_ == "appos")  # "the top honor, the Y Award, went to"
    for candidate in (token, *token.lefts, *appositions):
        for name in names:
            if name[0] <= candidate.idx < name[1]:
                return name
    named_category = token.lower_ in words("category_nouns") and any(
        c.dep_ == "compound" and c.text[:1].isupper() for c in token.children
    )
    if is_honour_noun(token) or named_category:
        # "the award went to", "recognized in the Retail category": the award named last, nearby
        return named_before(ctx, names, token.idx)
    # "placed in the Leaders quadrant of Gartner's Magic Quadrant for ...": a name in the phrase
    phrase = (token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text))
    inside = [n for n in names if phrase[0] <= n[0] and n[1] <= phrase[1]]
    return inside[0] if inside else None


def _winners_of(ctx: ReleaseContext, noun: Token) -> Token | None:
    """Where the winners a winner noun speaks of are named: "A is the winner of", "A, winner of",
    "A was named among the winners of" (the subject or head), "winners of ... include A" (the object)."""
    if noun.dep_ == "appos":  # "Jane Roe, winner of ...", not "Congratulations to ..., this year's winner"
        head = noun.head
        is_name = (head.tag_ in {"NNP", "NNPS"} and head.is_alpha) or _record_at(ctx, head)
        return head if is_name else None
    subject_side = noun.dep_ in {"attr", "oprd"} or (
        noun.dep_ == "pobj" and noun.head.lower_ in {"as", "among"}
    )
    if noun.dep_ not in {"nsubj", "nsubjpass"} and not subject_side:
        return None  # "Acme announced the winners of ...", "this year's winners": no winner named here
    verb = noun
    for _ in range(4):
        if is_verb(verb) or verb.head is verb:
            break
        verb = verb.head
    if not is_verb(verb):
        return None
    if noun.dep_ in {"nsubj", "nsubjpass"}:
        objects = [c for c in verb.children if c.dep_ in {"attr", "dobj"} and c.i > noun.i]
        return objects[0] if objects else None
    named = _named_object(verb)
    if named is not None and named.i < noun.i:
        return named  # "CleanTX has announced Jane Roe as the recipient of ..."
    if any(c.dep_ == "dobj" and c.tag_ == "NNS" and c.i < noun.i for c in verb.children):
        return None  # "A and B selected 36 companies as winners of": the object won, not the subject
    # the verb's subject, else the sentence's: a long clause between them may hang "as the winner of"
    # on another verb ("Tallyra was recognized for a platform that helps ... as the winner of")
    for head in (verb, noun.sent.root):
        subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < noun.i]
        named_subjects = [c for c in subjects if c.tag_ in {"NNP", "NNPS"} or _record_at(ctx, c)]
        if named_subjects:
            return named_subjects[0]
        own = [c for c in subjects if c.tag_ != "PRP"]  # "he was the recipient": the sentence's subject
        if own and head is verb and noun.dep_ in {"attr", "oprd"}:
            # "Quenby Labs, which was the winner of": the name the clause hangs on; "the show that was
            # the recipient of": the noun's own subject, not a name
            relative = own[0].tag_ in {"WDT", "WP"} and verb.dep_ == "relcl"
            antecedent = verb.head if relative else None
            named_antecedent = antecedent is not None and (
                antecedent.tag_ in {"NNP", "NNPS"} or _record_at(ctx, antecedent)
            )
            return antecedent if named_antecedent else None
    return None


def _referent(ctx: ReleaseContext, token: Token) -> Token:
    """ "Acme announced today that it has been named to the Y": "it" is the subject of the clause that
    reports it, when that subject is a name."""
    if token.lower_ not in words("reporting_pronouns"):
        return token
    head = token.head
    for _ in range(6):
        if head.head is head:
            break
        head = head.head
        subject = next((c for c in head.children if c.dep_ == "nsubj" and c.i < token.i), None)
        if subject is not None and (_record_at(ctx, subject) or subject.tag_ in {"NNP", "NNPS"}):
            return subject
    return token


def _record_at(ctx: ReleaseContext, token: Token) -> bool:
    return any(
        m.start <= token.idx < m.end
        for records in (ctx.people, ctx.organizations)
        for r in records
        for m in r.mentions
    )


def _is_rank(token: Token) -> bool:
    """ "ranked No. 14", "#8": a place in a ranking, not someone ranked."""
    return token.like_num or any(t.lower_ in {"no", "no.", "#", "number"} for t in token.subtree)


def _named_object(verb: Token) -> Token | None:
    """The direct object of an active verb when it names someone ("named Jane Roe to"), not a rank
    ("ranked No. 14 on the list") or a thing."""
    found = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if found is None or found.tag_ not in {"NNP", "NNPS"} or found.lower_ in {"no", "no."}:
        return None
    return found


def _apposed_name(frame: Frame) -> Span | None:
    """ "LCSD Teacher of the Year, Jane Roe": the award's name written right before the winner, a
    person or organization, with a comma between."""
    ctx, winner = frame.ctx, frame.tokens["winner"]
    mention = next(
        (
            m
            for records in (ctx.people, ctx.organizations)
            for r in records
            for m in r.mentions
            if m.start <= winner.idx < m.end
        ),
        None,
    )
    if mention is None:
        return None
    return next((n for n in frame.names if ctx.text[n[1] : mention.start] == ", "), None)


def _winners_from(
    ctx: ReleaseContext, anchor: Token, names: list[Span]
) -> tuple[list[Name], int | None, bool]:
    """The winners written from the anchor: a list before the verb when the anchor is a subject, else
    the list that starts at it. "seven cities, including A, B and C" and "a total of 12 cities won the
    Y, including A, B and C": the count and the list."""
    start, end = _extent(ctx, anchor, names)
    text = ctx.text
    count = count_of(anchor) if not anchor.tag_.startswith("NNP") else None
    if count is None:
        count = _total_of(anchor)
    mark = _partial_mark().search(text, start, end)
    if mark is not None and mark.start() > start:
        return split_winners(ctx, mark.end(), end), count, True
    winners = split_winners(ctx, start, end)
    if not winners and count is not None and anchor.dep_ in {"nsubj", "nsubjpass"}:
        # "Two firms, Acme, Bolt and Cord, won the Y": the names in apposition, up to the verb
        apposed = re.match(r"\s*,\s*", text[end : anchor.head.idx])
        if apposed is not None:
            winners = split_winners(ctx, end + apposed.end(), anchor.head.idx)
    if not winners and (count is not None or not anchor.tag_.startswith("NNP")):
        # "Several companies won the Y, including A and B"; "named 12 winners of the Y: A, B and C"
        later = _partial_mark().search(text, end, _upper(ctx, anchor)) or _COLON.search(
            text, end, _upper(ctx, anchor)
        )
        if later is not None and not _lists_categories(ctx, later):
            listed = split_winners(ctx, later.end(), _clause_end(ctx, later.end(), anchor))
            return listed, count, not later.group().startswith(":")
    return winners, count, bool(_partial_mark().search(text, start, end)) or " among " in text[start:end]


def _lists_categories(ctx: ReleaseContext, mark: re.Match[str]) -> bool:
    """ "The winners will be honored in five categories, including A and B": the list after the mark
    hangs on a category noun and names categories, not winners."""
    span = ctx.doc.char_span(mark.start(), mark.end(), alignment_mode="expand")
    return span is not None and any(t.head.lower_ in words("category_nouns") for t in span)


def _extent(ctx: ReleaseContext, anchor: Token, names: list[Span]) -> Span:
    """Where the list at the anchor is written: a subject runs from where its phrase starts (the
    sentence's start when the parse took only the last member of a list; after an award named in front,
    "In the Y category A was ...") to its last word; an object runs to the end of its clause. Never
    outside the block the anchor is in, nor into the dateline."""
    text = ctx.text
    lower, upper = _lower(ctx, anchor), _upper(ctx, anchor)
    if anchor.dep_ in {"nsubj", "nsubjpass"}:
        # The parse may give a verb several subjects for one list ("Arvex, Lumio and Petrano won").
        subjects = [c for c in anchor.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        named = [c for c in subjects if c.tag_ in {"NNP", "NNPS"}]
        if named:
            subjects = named  # "An industry leader, Powell has ...": the name, not its description
        members = [t for s in subjects for t in (s, *s.conjuncts)] or [anchor]
        start = max(min(_name_start(t) for t in members), lower)
        if re.search(r"(?:,|,? and|,? &)\s*$", text[lower:start]) and _records_only(ctx, lower, start):
            start = lower  # the parse took only the last member of a list of names
            intro = _intro().match(text, start, upper)
            if intro:
                start = intro.end()
        in_front = [n for n in names if start <= n[0] and n[1] <= anchor.idx]
        if in_front:
            skip = re.match(r"(?:\s+[a-z][\w\-]*){0,3}[\s,]*", text[in_front[-1][1] : anchor.idx])
            start = in_front[-1][1] + (skip.end() if skip else 0)
        right = max((c.right_edge for c in subjects), key=lambda t: t.i, default=anchor.right_edge)
        return start, min(right.idx + len(right.text), upper)
    return max(anchor.left_edge.idx, lower), _clause_end(ctx, anchor.idx + len(anchor.text), anchor)


# The dependants that belong to a name: "the 2030 Chile's Leading Green Port Award", "Acme Foods".
_NAME_DEPS = frozenset({"compound", "det", "nummod", "poss", "nmod", "quantmod", "case", "prep", "pobj"})


def _name_start(token: Token) -> int:
    """Where the noun phrase of a name starts, without fronted descriptions ("Internationally acclaimed
    and South African-born, Anton Nel")."""
    start = token
    for child in token.lefts:
        if child.dep_ in _NAME_DEPS:
            start = min(start, child.left_edge, key=lambda t: t.i)
    return start.idx


def _records_only(ctx: ReleaseContext, start: int, end: int) -> bool:
    """Whether text[start:end] is a list of person and organization names ("A, B and")."""
    rest = ctx.text[start:end]
    for mention in sorted(
        (
            m
            for records in (ctx.people, ctx.organizations)
            for r in records
            for m in r.mentions
            if start <= m.start and m.end <= end
        ),
        key=lambda m: -m.start,
    ):
        rest = rest[: mention.start - start] + rest[mention.end - start :]
    return not re.sub(r"(?:,|\band\b|&|\s)+", "", rest)


def _clause_end(ctx: ReleaseContext, start: int, anchor: Token) -> int:
    upper = _upper(ctx, anchor)
    stop = _CLAUSE_END.search(ctx.text, start, upper)
    return stop.start() if stop else upper


def _ends_with_abbreviation(sentence: SpacySpan) -> bool:
    """Whether the parser ended a sentence after "Sgt." or "Dr." (one token or two)."""
    last = sentence[-1]
    word = last.lower_ if last.text != "." or len(sentence) < 2 else sentence[-2].lower_ + "."
    return word in words("abbreviations") or word in words("honorifics")


def _lower(ctx: ReleaseContext, anchor: Token) -> int:
    block = ctx.structure.block_at(anchor.idx)
    dateline = ctx.section("dateline")
    lower = max(anchor.sent.start_char, block.start if block else 0)
    if dateline is not None and dateline.start <= anchor.idx and lower < dateline.end:
        lower = dateline.end
    return lower


def _upper(ctx: ReleaseContext, anchor: Token) -> int:
    """The end of the anchor's sentence within its block, or of the next one after a colon; a full
    stop glued to its last word stays with it (the parser may end a sentence before "Ltd.")."""
    block = ctx.structure.block_at(anchor.idx)
    limit = block.end if block else len(ctx.text)
    sentence = anchor.sent
    doc = anchor.doc
    while sentence.end < len(doc) and (
        ctx.text[: sentence.end_char].rstrip().endswith(":")  # "inducted its Class of 2031: A, B and C"
        or _ends_with_abbreviation(sentence)  # "The winner is Sgt. Pip"
    ):
        sentence = doc[sentence.end].sent
    upper = min(sentence.end_char, limit)
    if upper < limit and ctx.text[upper] == "." and not ctx.text[upper - 1].isspace():
        upper += 1
    return upper


def _total_of(anchor: Token) -> int | None:
    """ "a total of 25 cities": the count is on the noun under "total of"."""
    if anchor.lower_ != "total":
        return None
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for noun in child.children:
                if noun.dep_ == "pobj":
                    return count_of(noun)
    return None


def _respectively(token: Token) -> bool:
    return any(c.lower_ == "respectively" for c in token.children)


def _outside_body(ctx: ReleaseContext, offset: int) -> bool:
    """In the contact block or the trailing link block: no award is read there ("About" sections
    name a company's awards)."""
    if offset >= ctx.structure.trailer_start:
        return True
    return any(s.start <= offset < s.end for s in ctx.sections if s.kind == "contact")


def winner_noun(token: Token) -> bool:
    return token.lower_ in words("winner_nouns")


def noun_list_relations(ctx: ReleaseContext, names: list[Span]) -> Iterator[Relation]:
    """ "Kestrel joins past honorees, including Norvane, Brightfield and Tallow", "announced the 2031
    Gem Award winners: A, B and C": winners listed right after a plural winner noun go to the award
    the noun's phrase names, or the award named last."""
    text = ctx.text
    for token in ctx.doc:
        if token.lower_ not in words("winner_nouns") or not token.lower_.endswith("s"):
            continue
        after = token.idx + len(token.text)
        phrase_end = token.right_edge.idx + len(token.right_edge.text)
        # "past honorees, including A", "12 winners of the 2031 Gem Awards, including A and B" (the
        # list inside the noun's phrase)
        listed = _listed_after().match(text, after) or _partial_mark().search(text, after, phrase_end)
        colon = _COLON.match(text, after) if text.startswith(":", after) else None
        if (listed is None and colon is None) or _outside_body(ctx, token.idx):
            continue
        opened = listed or colon
        assert opened is not None
        phrase = (token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text) + 20)
        award = next((n for n in names if phrase[0] <= n[0] and n[1] <= phrase[1]), None)
        award = award or named_before(ctx, names, token.idx)
        end = _upper(ctx, token) if colon else _clause_end(ctx, opened.end(), token)
        pairs = _category_pairs(ctx, names, opened.end(), end) if colon else []
        for category, name in pairs:
            yield Relation(category, (name,), reader="sentence (category, winner)")
        winners = [] if pairs else split_winners(ctx, opened.end(), _clause_end(ctx, opened.end(), token))
        if award is not None and winners:
            reader = "sentence (winner noun, " + ("including)" if listed else "colon)")
            yield Relation(award, tuple(winners), partial=listed is not None, reader=reader)


def _category_pairs(ctx: ReleaseContext, names: list[Span], start: int, end: int) -> list[tuple[Span, Name]]:
    """ "Small Business of the Year, Quenby Labs; Innovator of the Year, Halvern Biotech; and ...":
    groups cut at semicolons that each name an award, a comma, then its winner."""
    text = ctx.text
    pairs = []
    for group in re.finditer(r"[^;]+", text[start:end]):
        g_start, g_end = start + group.start(), start + group.end()
        opening = re.match(r"[\s:]*(?:and\s+)?", text[g_start:g_end])
        g_start += opening.end() if opening else 0
        name = next((n for n in names if n[0] == g_start and text.startswith(", ", n[1])), None)
        winners = split_winners(ctx, name[1] + 2, g_end) if name is not None else []
        if name is None or not winners:
            return []
        pairs.append((name, winners[0]))
    return pairs if len(pairs) >= 2 else []


def respective_relations(ctx: ReleaseContext, names: list[Span]) -> Iterator[Relation]:
    """ "A, B and C respectively won the awards of the X, the Y and the Z": winners and award names
    pair up in order."""
    if "respectively" not in ctx.text.casefold():
        return  # reading every token of every release costs more than this check
    doc = ctx.doc
    for token in doc:
        if token.lower_ != "respectively":
            continue
        verb = token.head
        if verb.lower_ not in words("win_verbs"):
            continue
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        objects = [c for c in verb.children if c.dep_ == "dobj" and is_honour_noun(c)]
        if not subjects or not objects:
            continue
        of = next((c for c in objects[0].children if c.dep_ == "prep" and c.lower_ in {"of", "for"}), None)
        if of is None:
            continue
        winners, _, _ = _winners_from(ctx, subjects[0], names)
        start = of.idx + len(of.text)
        stop = _CLAUSE_END.search(ctx.text, start, token.sent.end_char)
        titles = split_winners(ctx, start, stop.start() if stop else token.sent.end_char)
        if len(titles) == len(winners) >= 2:
            for title, winner in zip(titles, winners, strict=True):
                yield Relation((title.start, title.end), (winner,), reader="sentence (respectively)")

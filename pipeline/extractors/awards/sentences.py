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
from functools import cache
from typing import TYPE_CHECKING

from spacy.matcher import DependencyMatcher

from ...context import ReleaseContext
from ...knowledge import patterns, words
from ..spans import Span
from ..tags import is_verb
from .counts import count_of
from .found import Relation
from .names import is_honour_noun
from .winners import Name, split_winners

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token
    from spacy.vocab import Vocab

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})

_NEAREST_NAME = 1500  # characters back to the award a plain "the award" refers to
_PARTIAL_MARK = re.compile(r"\b(?:including|includes|include|such as|among them|notably|namely)\b:?\s*")
_PARTIAL = re.compile(r"\b(?:among|including|includes|such as|etc\.?|and others|and more)\b")
# Where an object's list ends inside its sentence (spaCy's sentence end knows "Ltd." and "Sgt.").
_CLAUSE_END = re.compile(r";|,\s+(?:while|whereas|which|who|where|and\s+(?:was|were|is|are))\b|\s+while\b")
_COLON = re.compile(r":\s+")
_INTRO = re.compile(r"(?:In|At|On|During|Earlier|This|Last|For|Additionally|Also)\b[^,]{0,80},\s+")


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
    for match_id, token_ids in sorted(matcher(doc), key=lambda m: m[1]):
        label, nodes = roles[doc.vocab.strings[match_id]]
        tokens = {node: doc[i] for node, i in zip(nodes, token_ids, strict=True)}
        if _outside_body(ctx, tokens[nodes[0]].idx) or _respectively(tokens[nodes[0]]):
            continue  # "A and B respectively won the X and the Y": respective_relations pairs them
        for relation in _read(ctx, names, label, tokens, tokens[nodes[0]]):
            key = (relation.award[0], relation.winners[0].start if relation.winners else -1)
            if key not in seen:
                seen.add(key)
                yield relation


def _read(
    ctx: ReleaseContext, names: list[Span], label: str, tokens: dict[str, Token], root: Token
) -> list[Relation]:
    others = _listed_awards(ctx, names, tokens["award"]) if "award" in tokens else []
    if "award" in tokens:
        # "received 220 awards, including the A Medal": the awards listed, not one named before
        token = tokens["award"]
        unnamed = is_honour_noun(token) and not any(n[0] <= token.idx < n[1] for n in names)
        award = others[0] if others and unnamed else _award_at(ctx, names, tokens["award"])
    else:  # "The winners are A, B and C": the award named last
        award = _named_before(names, tokens["noun"].idx)
    if award is None:
        return []
    if label == "WINNERS_OF" or label == "WINNERS_ARE":
        noun = tokens["noun"]
        winner = tokens.get("winner") or _winners_of(noun)
        count = count_of(noun)
        if winner is None:
            return [Relation(award, count=count, reader="winner noun count")] if count else []
        if "award" in tokens and not others and count_of(tokens["award"]) is not None:
            return []  # "named winner of two Stevie Awards": how many awards, named elsewhere
    else:
        winner = tokens["winner"]
        verb = tokens.get("verb")
        if label in {"WON", "HONOURED"} and verb is not None and winner.i > verb.i:
            return []  # a subject after its verb is a misparse, not an inversion
        if "head" in tokens and verb is not None and any(c.dep_ in _SUBJECTS for c in verb.children):
            return []  # "A won the X and B won the Y": the second verb has its own winner
        if label == "HONOURED" and verb is not None and winner.dep_ == "nsubj":
            winner = _object(verb) or winner  # "CRN has named Jane Roe to its Top 100 list"
        if label == "INDUCTED" and not any(n[0] <= tokens["award"].idx < n[1] for n in names):
            return []  # "Acme honors its volunteers": the subject must be an award's name
        if label == "APPOSED" and not _apposed(ctx, names, tokens["award"], winner):
            return []  # "the Y Awards (Las Vegas)", "the Y Award, Honoring a Career"
        given = label == "GIVEN" and tokens["award"].dep_ == "dobj"
        count = count_of(tokens["award"]) if given else None
        if label == "WON" and not others and count_of(tokens["award"]) is not None:
            return []  # "Acme wins two Nicsa NOVA awards": how many awards, named elsewhere
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


def _listed_awards(ctx: ReleaseContext, names: list[Span], token: Token) -> list[Span]:
    """The other awards the same frame names: "recognized with the A Award and the B Award", "has
    received 220 awards, including the A Medal and the B Prize"."""
    found = []
    for conj in token.conjuncts:
        found += [n for n in names if n[0] <= conj.idx < n[1]]
    if is_honour_noun(token):
        phrase = (token.idx, token.right_edge.idx + len(token.right_edge.text))
        mark = _PARTIAL_MARK.search(ctx.text, *phrase)
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
        return _named_before(names, token.idx)  # "the award went to", "recognized in the Retail category"
    # "positioned in the Leader quadrant in Gartner's Magic Quadrant for ...": a name in the phrase
    phrase = (token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text))
    inside = [n for n in names if phrase[0] <= n[0] and n[1] <= phrase[1]]
    return inside[0] if inside else None


def _named_before(names: list[Span], offset: int) -> Span | None:
    earlier = [n for n in names if n[1] <= offset and offset - n[1] <= _NEAREST_NAME]
    return earlier[-1] if earlier else None


def _winners_of(noun: Token) -> Token | None:
    """Where the winners a winner noun speaks of are named: "A is the winner of", "A, winner of",
    "A was named among the winners of" (the subject or head), "winners of ... include A" (the object)."""
    if noun.dep_ == "appos":
        return noun.head
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
    named = _object(verb)
    if named is not None and named.i < noun.i:
        return named  # "CleanTX has announced Jane Roe as the recipient of ..."
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < noun.i]
    return subjects[0] if subjects else None


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


def _object(verb: Token) -> Token | None:
    """The direct object of an active verb."""
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _apposed(ctx: ReleaseContext, names: list[Span], award: Token, winner: Token) -> bool:
    """ "HCPS Teacher of the Year, Jane Roe": a person or organization named right after the award's
    name and a comma."""
    name = next((n for n in names if n[0] <= award.idx < n[1]), None)
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
    return name is not None and mention is not None and ctx.text[name[1] : mention.start] == ", "


def _winners_from(
    ctx: ReleaseContext, anchor: Token, names: list[Span]
) -> tuple[list[Name], int | None, bool]:
    """The winners written from the anchor: a list before the verb when the anchor is a subject, else
    the list that starts at it. "seven cities, including A, B and C" and "a total of 25 cities won the
    Y, including A, B and C": the count and the list."""
    start, end = _extent(ctx, anchor, names)
    text = ctx.text
    count = count_of(anchor) if not anchor.tag_.startswith("NNP") else None
    if count is None:
        count = _total_of(anchor)
    mark = _PARTIAL_MARK.search(text, start, end)
    if mark is not None and mark.start() > start:
        return split_winners(ctx, mark.end(), end), count, True
    winners = split_winners(ctx, start, end)
    if not winners and count is not None and anchor.dep_ in {"nsubj", "nsubjpass"}:
        # "Two firms, Acme, Bolt and Cord, won the Y": the names in apposition, up to the verb
        apposed = re.match(r"\s*,\s*", text[end : anchor.head.idx])
        if apposed is not None:
            winners = split_winners(ctx, end + apposed.end(), anchor.head.idx)
    if not winners and count is not None:
        later = _PARTIAL_MARK.search(text, end, _upper(ctx, anchor)) or _COLON.search(
            text, end, _upper(ctx, anchor)
        )
        if later is not None:
            return split_winners(ctx, later.end(), _clause_end(ctx, later.end(), anchor)), count, True
    return winners, count, bool(_PARTIAL.search(text, start, end))


def _extent(ctx: ReleaseContext, anchor: Token, names: list[Span]) -> Span:
    """Where the list at the anchor is written: a subject runs from where its phrase starts (the
    sentence's start when the parse took only the last member of a list; after an award named in front,
    "In the Y category A was ...") to its last word; an object runs to the end of its clause. Never
    outside the block the anchor is in, nor into the dateline."""
    text = ctx.text
    lower, upper = _lower(ctx, anchor), _upper(ctx, anchor)
    if anchor.dep_ in {"nsubj", "nsubjpass"}:
        # The parse may give a verb several subjects for one list ("TCL, BOE and Sinopec won").
        subjects = [c for c in anchor.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        named = [c for c in subjects if c.tag_ in {"NNP", "NNPS"}]
        if named:
            subjects = named  # "An industry leader, Powell has ...": the name, not its description
        members = [t for s in subjects for t in (s, *s.conjuncts)] or [anchor]
        start = max(min(_name_start(t) for t in members), lower)
        if re.search(r"(?:,|,? and|,? &)\s*$", text[lower:start]) and _records_only(ctx, lower, start):
            start = lower  # the parse took only the last member of a list of names
            intro = _INTRO.match(text, start, upper)
            if intro:
                start = intro.end()
        in_front = [n for n in names if start <= n[0] and n[1] <= anchor.idx]
        if in_front:
            skip = re.match(r"(?:\s+[a-z][\w\-]*){0,3}[\s,]*", text[in_front[-1][1] : anchor.idx])
            start = in_front[-1][1] + (skip.end() if skip else 0)
        right = max((c.right_edge for c in subjects), key=lambda t: t.i, default=anchor.right_edge)
        return start, min(right.idx + len(right.text), upper)
    return max(anchor.left_edge.idx, lower), _clause_end(ctx, anchor.idx + len(anchor.text), anchor)


# The dependants that belong to a name: "the 2022 China's Leading Smart City Award", "Acme Foods".
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
        or _ends_with_abbreviation(sentence)  # "The winner is Sgt. Bo"
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
    """In the contact block: no award is read there ("About" sections name a company's awards)."""
    return any(s.start <= offset < s.end for s in ctx.sections if s.kind == "contact")


def winner_noun(token: Token) -> bool:
    return token.lower_ in words("winner_nouns")


_LISTED_AFTER = re.compile(r"\s*,?\s*(?:including|such as|among them)\b:?\s*")


def noun_list_relations(ctx: ReleaseContext, names: list[Span]) -> Iterator[Relation]:
    """ "SpotOn joins past honorees, including Microsoft, Chobani and Patagonia": winners listed
    after a winner noun go to the award that noun speaks of, or the award named last."""
    for token in ctx.doc:
        if token.lower_ not in words("winner_nouns") or not token.lower_.endswith("s"):
            continue
        listed = _LISTED_AFTER.match(ctx.text, token.idx + len(token.text))
        if listed is None or _outside_body(ctx, token.idx):
            continue
        award = next((n for n in names if token.idx < n[0] and n[1] <= token.right_edge.idx + 20), None)
        award = award or _named_before(names, token.idx)
        winners = split_winners(ctx, listed.end(), _clause_end(ctx, listed.end(), token))
        if award is not None and winners:
            yield Relation(award, tuple(winners), partial=True, reader="sentence (winner noun, including)")


def respective_relations(ctx: ReleaseContext, names: list[Span]) -> Iterator[Relation]:
    """ "A, B and C respectively won the awards of the X, the Y and the Z": winners and award names
    pair up in order."""
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

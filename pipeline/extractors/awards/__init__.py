"""The awards stage: awards, prizes, honours and rankings whose winners the release names.

Readers, each on what decides its case: prose frames through the dependency parse (sentences.py), lists
after a lead through the structure layer (leads.py, items.py), tables (tables.py). Their relations are
merged per award: one record per award name (a year written or not is the same award), its winners in
text order, the count the text states (counts.py) and whether the text lists only some winners.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...context import ReleaseContext
from ...knowledge import words
from ...models import Award, Mention, Winner
from ...validate import normalise_space
from ..spans import Span
from .counted import named_after_count
from .kinds import retype_by_siblings
from .leads import list_relations
from .names import award_names
from .sentences import noun_list_relations, respective_relations, sentence_relations
from .tables import table_relations
from .winners import Name

__all__ = ["extract"]

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_ORDINAL = re.compile(r"\d{1,3}(?:st|nd|rd|th)")
# How a later mention may spell the same name: either apostrophe, any dash, spaces around a dash.
_LOOSE = {"'": "['’]", "’": "['’]", " ": r"\s{1,3}", "-": r"\s?[-–—]\s?", "–": r"\s?[-–—]\s?"}


@dataclass
class _Found:
    """An award being assembled from its relations."""

    names: list[Span] = field(default_factory=list)
    winners: dict[str, Name] = field(default_factory=dict)
    covered: dict[str, Name] = field(default_factory=dict)
    counts: list[int] = field(default_factory=list)
    partial: bool = False


def extract(ctx: ReleaseContext) -> None:
    """Fill `ctx.awards` with every award whose winners are named."""
    names = award_names(ctx)
    relations = [
        # prose frames and winner-noun lists find their award among the names: none, nothing to read
        *(sentence_relations(ctx, names) if names else ()),
        *respective_relations(ctx, names),
        *(noun_list_relations(ctx, names) if names else ()),
        *list_relations(ctx, names),
        *table_relations(ctx),
    ]
    found: dict[str, _Found] = {}
    for relation in relations:
        key = award_key(ctx.text[relation.award[0] : relation.award[1]])
        if not key:
            continue
        record = found.setdefault(key, _Found())
        record.names.append(relation.award)
        target = record.covered if relation.covered else record.winners
        for winner in relation.winners:
            if any(n[0] < winner.end and winner.start < n[1] for n in names):
                continue  # an award's name is no winner ("Top 25 Innovators" in a list of categories)
            target.setdefault(_winner_key(ctx.text[winner.start : winner.end]), winner)
        if relation.count is not None:
            record.counts.append(relation.count)
        record.partial |= relation.partial
    for record in found.values():
        if not record.winners and not record.covered and record.counts:
            # "Acme honored ten educators at its Y Awards." and the paragraphs after name the ten
            for winner in named_after_count(ctx, record.names[0], max(record.counts)):
                record.winners.setdefault(_winner_key(ctx.text[winner.start : winner.end]), winner)
    for name in names:  # the fullest form the release writes ("41st Annual Lantern Awards")
        if (key := award_key(ctx.text[name[0] : name[1]])) in found:
            found[key].names.append(name)
    retype_by_siblings(ctx, found.values())
    awards = [_award(ctx, record) for record in found.values()]
    ctx.awards = [a for a in awards if a is not None]


def award_key(name: str) -> str:
    """The form two mentions of one award share: "the 2025 Founders Showcase" == "Founders Showcase"."""
    without_year = _YEAR.sub(" ", name.replace("’", "").replace("'", ""))
    folded = re.sub(r"[^\w]+", " ", without_year).casefold().split()
    while folded and (folded[0] in words("edition_words") or _ORDINAL.fullmatch(folded[0])):
        folded = folded[1:]
    if folded and folded[-1].endswith("s") and folded[-1][:-1] in words("honour_heads"):
        folded[-1] = folded[-1][:-1]  # "the Gem Awards" and "a Gem Award": one award programme
    return " ".join(folded)


def _winner_key(name: str) -> str:
    return re.sub(r"[^\w]+", " ", name.replace("’", "").replace("'", "")).casefold().strip()


def _award(ctx: ReleaseContext, record: _Found) -> Award | None:
    text = ctx.text
    count = max(record.counts) if record.counts else None
    chosen = dict(record.winners)
    if count is not None:
        for key, winner in record.covered.items():
            chosen.setdefault(key, winner)
    if not chosen:
        return None
    winners = _without_short_forms(ctx.text, sorted(chosen.values(), key=lambda w: w.position))
    name = _first_mention(text, max(record.names, key=lambda n: (len(text[n[0] : n[1]].split()), -n[0])))
    warnings = []
    if count is not None and count < len(winners):
        warnings.append(f"the text states {count} winners but names {len(winners)}")
    partial = record.partial and (count is None or count > len(winners))
    return Award(
        doc_id=ctx.release.doc_id,
        name=normalise_space(text[name[0] : name[1]]),
        stated_count=count,
        winners=[Winner(name=normalise_space(text[w.start : w.end]), kind=w.kind) for w in winners],
        complete=not partial and (count is None or count <= len(winners)),
        warnings=warnings,
        mentions=[
            Mention(start=s, end=e, text=text[s:e]) for s, e in [name, *((w.start, w.end) for w in winners)]
        ],
    )


def _without_short_forms(text: str, winners: list[Name]) -> list[Name]:
    """ "Pip" beside "Sgt. Pip", "Boutwell" beside "Amy Boutwell": one winner, named in full."""
    written = [normalise_space(text[w.start : w.end]) for w in winners]
    return [
        w
        for w, name in zip(winners, written, strict=True)
        if not any(other != name and other.endswith(" " + name) for other in written)
    ]


def _first_mention(text: str, name: Span) -> Span:
    """The name as written at its first full mention (a later one may be the one a reader used)."""
    written = text[name[0] : name[1]]
    pattern = "".join(_LOOSE.get(ch, re.escape(ch)) for ch in normalise_space(written))
    for earlier in re.finditer(rf"(?<!\w){pattern}(?!\w)", text[: name[1]], re.IGNORECASE):
        if earlier.start() >= name[0]:
            break
        if text[earlier.start()].isupper() == written[0].isupper():  # a name, not "the pitch competition"
            return earlier.span()
    return name

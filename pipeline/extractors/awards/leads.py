"""Award lists read from the release's structure: a lead ("The 2031 Lantern Award winners are:", a
heading "2025 Signcraft Award Winners", an award heading over "WINNER: ..." lines) and the list the
structure layer finds after it (bullets, flattened bullets, bare lines, table rows, or paragraphs that
open with the winners' names). Each item is read by its shape (items.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...context import ReleaseContext
from ...knowledge import words
from ..blocks import Block
from ..spans import Span, strip_span
from ..types import Rule, first_rule
from .counts import bracketed_count, count_of, number_value
from .found import Relation, named_before
from .items import Reading, category_name, person_like, read_item
from .names import award_aliases, has_honour_word
from .winners import Name, split_winners

_MAX_PARAGRAPHS = 12
_MAX_SECTION = 60  # blocks under a heading read as its list
# "Honors for Newberry Tanks include:", "Awards won by Acme Foods:": the holder's capitalised name.
_HOLDER = re.compile(r"\b(?:for|by|of)\s+(?P<name>[A-Z][\w’'&.\-]*(?:\s+[A-Z][\w’'&.\-]*){0,5})")
_DASHED_OPENING = re.compile(r"[^.:\n]{2,80}? [–—-] [A-Z]")
_OPENING_NAMES = re.compile(r"(?P<names>[^\n]{2,300}?)(?: for |, for | [-–—] |: |, in )")
_FAMILIES = {
    "label": "label",
    "winner-label": "label",
    "dash": "dash",
    "winner-dash": "dash",
    "winner-place": "dash",
    "bracket": "bracket",
    "bare": "bare",
    "paragraph": "paragraph",
    "row": "row",
}

LeadCandidate = tuple[ReleaseContext, Block]


def _lead_words(candidate: LeadCandidate) -> list[str]:
    """The words of the lead's last sentence: "The winners will be honored in May. This year's
    finalists include:" introduces finalists."""
    ctx, block = candidate
    return re.findall(r"[\w’'\-]+", _last_sentence(ctx, block)[1].casefold())


def _last_sentence_span(ctx: ReleaseContext, block: Block) -> tuple[int, int]:
    start, text = _last_sentence(ctx, block)
    return start, start + len(text.rstrip())


def _last_sentence(ctx: ReleaseContext, block: Block) -> tuple[int, str]:
    """Where the block's last sentence starts, and its text: a list is led by the sentence before it."""
    text = ctx.text[block.start : block.end]
    starts = [m.end() for m in re.finditer(r"(?<=[a-z0-9)®™][.!?])\s+(?=[A-Z])", text)]
    offset = starts[-1] if starts else 0
    return block.start + offset, text[offset:]


def _about_winners(candidate: LeadCandidate) -> bool:
    """A lead's last sentence speaks of winners or honours; a heading may be an award's name
    ("Mentor of the Year"), a sentence must say more than "top-ranking"."""
    tokens = _lead_words(candidate)
    honours = words("winner_nouns") | words("honour_nouns")
    heading = candidate[1].kind in {"heading", "line"}
    return any(t in honours for t in tokens) or (heading and has_honour_word(" ".join(tokens)))


def _winners_not_its_subject(candidate: LeadCandidate) -> bool:
    """A sentence leading a list says who won: "The winners are:", "Honorees included:", "Acme was
    honored with:", "announced the following recipients:"; not "Corvel Cloud, winner of the Y Award,
    now includes:" (a product's features)."""
    ctx, block = candidate
    if not ctx.text[block.start : block.end].rstrip("*_ ").endswith(":"):
        return False
    sentence = ctx.doc.char_span(*_last_sentence_span(ctx, block), alignment_mode="expand")
    if sentence is None:
        return False
    root = sentence.root
    doers = words("win_verbs") | words("honour_verbs") | words("give_verbs")
    honours = words("winner_nouns") | words("honour_nouns")
    said = any(
        t.lower_ in honours
        and (t.dep_ in {"nsubj", "nsubjpass", "attr", "dobj", "ROOT", "compound"} or t is root)
        for t in sentence
    )
    return not (said or root.lower_ in doers or len(sentence) <= 4)


def _names_non_winners_first(candidate: LeadCandidate) -> bool:
    """ "The four other Award Finalists are:", "Judges included:": a list of people who did not win."""
    for token in _lead_words(candidate):
        if token in words("winner_nouns"):
            return False
        if token in words("not_winner_nouns"):
            return True
    return False


def _sentence_without_colon(candidate: LeadCandidate) -> bool:
    ctx, block = candidate
    return block.kind == "paragraph" and not ctx.text[block.start : block.end].rstrip("*_ ").endswith(":")


def _item_shaped(candidate: LeadCandidate) -> bool:
    """ "WINNER: Acme - Seattle", "Best EV: Norden Atlas", "Gold Award Winner – Lars Eklund": a line
    with a label and its content, or two parts around a dash, is an item."""
    ctx, block = candidate
    line = ctx.text[block.start : block.end].rstrip("*_ ")
    if block.kind == "paragraph":
        return False
    labelled = ":" in line[:-1] and bool(line.split(":", 1)[1].strip())
    return labelled or bool(re.search(r"\S\s+[-–—]\s+\S", line))


def _outside_body(candidate: LeadCandidate) -> bool:
    """Not in the body (the headline, subheadline, "About" or contact section): no list is led from
    there. A first paragraph that opens with the dateline is in the body."""
    ctx, block = candidate
    body = ctx.section("body")
    if block.kind == "headline" or block.start >= ctx.structure.trailer_start or body is None:
        return block.kind == "headline" or block.start >= ctx.structure.trailer_start
    return not (body.start < block.end and block.start < body.end)


LEAD_RULES: tuple[Rule[LeadCandidate], ...] = (
    Rule("not a lead block", lambda c: c[1].kind not in {"heading", "line", "paragraph"}),
    Rule("outside the body", _outside_body),
    Rule("sentence without a colon", _sentence_without_colon),
    Rule("item-shaped", _item_shaped),
    Rule("not about winners", lambda c: not _about_winners(c)),
    Rule("winners are not its subject", _winners_not_its_subject),
    Rule("names non-winners", _names_non_winners_first),
)


def why_not_a_lead(ctx: ReleaseContext, block: Block) -> str | None:
    """The name of the first rule that says `block` introduces no winner list, or None."""
    return first_rule(LEAD_RULES, (ctx, block))


def list_relations(ctx: ReleaseContext, names: list[Span]) -> Iterator[Relation]:
    """A relation per item of every winner list that a lead introduces."""
    leads = [b for b in ctx.structure.blocks if why_not_a_lead(ctx, b) is None]
    starts = {b.start for b in leads}
    read: set[int] = set()
    for lead in leads:
        holder = _winner_of_listed_awards(ctx, lead)
        if holder is not None and not _items_name_winners(ctx, lead):
            for block, relation in _awards_of(ctx, lead, holder, starts):
                read.add(block.start)
                yield relation
            continue
        listed = _same_layout(list(_readings(ctx, lead, starts)))
        read.update(block.start for block, _ in listed)
        readings = [reading for _, reading in listed]
        if not readings:
            continue
        award = _lead_award(ctx, lead, names) or named_before(ctx, names, lead.start)
        count = _lead_count(ctx, lead)
        if count is None and award is not None:
            count = _categories_count(ctx, award, lead, readings)
        for reading in readings:
            if reading.not_winners or not reading.winners:
                continue
            winners = tuple(reading.winners)
            if reading.category is not None:
                yield Relation(reading.category, winners, reader=f"list item ({reading.shape})")
                if award is not None:
                    yield Relation(award, winners, covered=True, reader="list lead")
            elif award is not None:
                yield Relation(award, winners, reader=f"list under a lead ({reading.shape})")
        if award is not None and count is not None:
            yield Relation(award, count=count, reader="list lead count")
    yield from _items_without_lead(ctx, read)


def _items_without_lead(ctx: ReleaseContext, read: set[int]) -> Iterator[Relation]:
    """ "- Craft Medal: Tobias Renner" with no lead above: an item whose label or first part names an
    honour is an award and its winners."""
    for block in ctx.structure.blocks:
        if (
            block.start in read
            or block.kind not in {"item", "line", "heading"}
            or _outside_body((ctx, block))
        ):
            continue
        reading = read_item(ctx, block.start, block.end)
        if reading.shape not in {"label", "dash"} or reading.category is None or not reading.winners:
            continue
        # no lead to go by: only names the entities stage knows, or a given name and a surname
        named = tuple(
            w for w in reading.winners if w.kind != "other" or person_like(ctx.text[w.start : w.end])
        )
        if named and has_honour_word(ctx.text[reading.category[0] : reading.category[1]]):
            yield Relation(reading.category, named, reader=f"award item ({reading.shape})")


def _readings(ctx: ReleaseContext, lead: Block, lead_starts: set[int]) -> Iterator[tuple[Block, Reading]]:
    """The items of the list a lead introduces: for a lead ending in a colon, the list after it (or
    the paragraphs that open with winners); for a heading, every line and item under it."""
    if not ctx.text[lead.start : lead.end].rstrip("*_ ").endswith(":"):
        yield from _section_under(ctx, lead, lead_starts)
        return
    items = ctx.structure.list_after(lead)
    if items and _is_sub_lead(ctx, items[0]):
        yield from _sub_lists(ctx, lead, lead_starts)  # "Gold:" / "- Acme" / "Silver:" / "- Bolt"
        return
    if not items:
        if any(t in words("winner_nouns") for t in _lead_words((ctx, lead))):
            yield from _winner_paragraphs(ctx, lead, lead_starts)  # "The winners are:" over paragraphs
        return
    for block in items:
        if block.start in lead_starts:
            return
        if block.kind == "row" or _is_sub_lead(ctx, block):
            continue  # tables are read by the table reader; "Retail:" heads a list of its own
        yield block, read_item(ctx, block.start, block.end)


def _sub_lists(ctx: ReleaseContext, lead: Block, lead_starts: set[int]) -> Iterator[tuple[Block, Reading]]:
    """ "The winners are:" / "Gold:" / "- Acme" / "Silver:" / "- Bolt": each sub-lead names the
    category of the items under it."""
    category: Span | None = None
    for count, block in enumerate(ctx.structure.following(lead)):
        if count >= _MAX_SECTION or block.start in lead_starts or block.kind not in {"line", "item"}:
            return
        if _is_sub_lead(ctx, block):
            category = category_name(ctx.text, block.start, block.end)
            continue
        reading = read_item(ctx, block.start, block.end)
        if reading.category is None and category is not None:
            reading = Reading(reading.shape, category, reading.winners, reading.not_winners)
        yield block, reading


def _section_under(
    ctx: ReleaseContext, heading: Block, lead_starts: set[int]
) -> Iterator[tuple[Block, Reading]]:
    """ "Innovator of the Year" / "- sponsored by Harbor University" / "Ada Kim": the lines and items
    under a heading, up to the next lead, heading or paragraph."""
    for count, block in enumerate(ctx.structure.following(heading)):
        if count >= _MAX_SECTION or block.start in lead_starts or block.kind not in {"line", "item"}:
            return
        if not _is_sub_lead(ctx, block):
            yield block, read_item(ctx, block.start, block.end)


def _is_sub_lead(ctx: ReleaseContext, block: Block) -> bool:
    return ctx.text[block.start : block.end].rstrip("*_ ").endswith(":")


def _winner_of_listed_awards(ctx: ReleaseContext, lead: Block) -> Name | None:
    """ "Honors for Newberry Tanks include:", "Acme received the following awards:": a lead that names
    one winner and no winner noun introduces the awards that winner received."""
    offset, text = _last_sentence(ctx, lead)
    if not text.rstrip("*_ ").endswith(":"):
        return None
    tokens = re.findall(r"[\w’'\-]+", text.casefold())
    if any(t in words("winner_nouns") for t in tokens) or not any(t in words("honour_nouns") for t in tokens):
        return None
    # A person or organization whose name (or the first words of it: "Newberry Tanks" for "Newberry
    # Tanks & Equipment, LLC") the lead writes; NER often misses a name in a lead line.
    found = []
    for kind, group in (("person", ctx.people), ("organization", ctx.organizations)):
        for record in group:
            words_of = record.name.split()
            for size in range(len(words_of), 0, -1):
                written = " ".join(words_of[:size])
                match = re.search(rf"(?<!\w){re.escape(written)}(?!\w)", text)
                if match is not None and (size > 1 or size == len(words_of)):
                    found.append((kind, offset + match.start(), offset + match.end()))
                    break
    if len({(s, e) for _, s, e in found}) == 1:
        kind, start, end = found[0]
        return Name(start, end, kind)  # type: ignore[arg-type]
    holder = _HOLDER.search(text)
    if not found and holder is not None:
        return Name(offset + holder.start("name"), offset + holder.end("name"), "other")
    return None


def _items_name_winners(ctx: ReleaseContext, lead: Block) -> bool:
    """ "Brightway Print's awards went to: • Mentor of the Year: Michelle Bottino": items shaped
    category-and-winner make a winner list, whoever the lead names."""
    readings = [read_item(ctx, b.start, b.end) for b in ctx.structure.list_after(lead)]
    shaped = [r for r in readings if r.shape in {"label", "dash", "winner-label"} and r.winners]
    return len(shaped) * 2 > len(readings) > 0


def _awards_of(
    ctx: ReleaseContext, lead: Block, holder: Name, lead_starts: set[int]
) -> Iterator[tuple[Block, Relation]]:
    for block in ctx.structure.list_after(lead):
        if block.start in lead_starts or block.kind == "row":
            return
        start, end = strip_span(ctx.text, block.start, block.end)
        link = re.search(r"\s*(?:https?://|www\.)\S+", ctx.text[start:end])
        end = start + (link.start() if link else end - start)
        end = start + len(ctx.text[start:end].rstrip(" .;,"))
        if (end > start and has_honour_word(ctx.text[start:end])) or _is_title_case(ctx.text[start:end]):
            yield block, Relation((start, end), (holder,), reader="awards of a winner")


def _is_title_case(text: str) -> bool:
    """ "Silver for Achievement in Growth": the words that are not small words are capitalised."""
    small = words("title_small_words")
    tokens = [t for t in re.findall(r"[A-Za-z][\w’'\-]*", text) if t.casefold() not in small]
    return bool(tokens) and all(t[0].isupper() for t in tokens)


def _same_layout(readings: list[tuple[Block, Reading]]) -> list[tuple[Block, Reading]]:
    """The items laid out like the first one that names winners; other lines are descriptions
    ("Chief Sustainability Officer at Corvane" under "Gold Award Winner – Lars Eklund")."""
    first = next((r for _, r in readings if r.winners or r.not_winners), None)
    if first is None:
        return []
    family = _FAMILIES[first.shape]
    return [(b, r) for b, r in readings if _FAMILIES[r.shape] == family]


def _winner_paragraphs(
    ctx: ReleaseContext, lead: Block, lead_starts: set[int]
) -> Iterator[tuple[Block, Reading]]:
    """ "The winners are:" over paragraphs that open with the winners' names followed by " for ", a
    dash, a colon or ", in"; paragraphs that describe them are skipped."""
    text = ctx.text
    for count, block in enumerate(ctx.structure.following(lead)):
        if (
            count >= _MAX_PARAGRAPHS
            or block.start in lead_starts
            or block.kind in {"heading", "headline", "rule"}
        ):
            return
        if _DASHED_OPENING.match(text, block.start, block.end):
            # "Mentor of Merit – Priya Volkov Put forward by ...": a flattened item and its description
            reading = read_item(ctx, block.start, block.end)
            if reading.winners:
                yield block, reading
            continue
        head = _OPENING_NAMES.match(text, block.start, block.end)
        if head is None:
            continue
        names_end = head.end("names")
        winners = split_winners(ctx, block.start, names_end)
        if winners and winners[-1].end >= names_end - len(" Councils") - 2:
            yield block, Reading("paragraph", None, winners)


def _lead_award(ctx: ReleaseContext, lead: Block, names: list[Span]) -> Span | None:
    """The award a lead names, by name or by the abbreviation the release gave it."""
    inside = [n for n in names if lead.start <= n[0] and n[1] <= lead.end]
    if inside:
        return inside[-1]
    text = ctx.text[lead.start : lead.end]
    for alias, name in award_aliases(ctx.text, names).items():
        if re.search(rf"(?<!\w){re.escape(alias)}(?!\w)", text) and name[1] <= lead.start:
            return name
    return None


def _categories_count(ctx: ReleaseContext, award: Span, lead: Block, readings: list[Reading]) -> int | None:
    """ "The awards recognized the best vehicles in 5 categories" over a list of five categories with
    one winner each: the number of categories is the number of winners."""
    categories = [r for r in readings if r.category is not None and r.winners and not r.not_winners]
    one_each = all(len(r.winners) == 1 for r in categories)
    if len(categories) < 2 or len(categories) != len(readings) or not one_each:
        return None
    span = ctx.doc.char_span(min(award[0], lead.start), lead.end, alignment_mode="expand")
    for token in span if span is not None else ():
        if token.lower_ in words("category_nouns") and any(
            c.dep_ == "nummod" and number_value(c.text) == len(categories) for c in token.children
        ):
            return len(categories)
    return None


def _lead_count(ctx: ReleaseContext, lead: Block) -> int | None:
    text = ctx.text[lead.start : lead.end]
    bracketed = bracketed_count(text)
    if bracketed is not None:
        return bracketed
    span = ctx.doc.char_span(*strip_span(ctx.text, lead.start, lead.end), alignment_mode="expand")
    if span is None:
        return None
    for token in span:
        if token.lower_ in words("winner_nouns"):
            count = count_of(token)
            if count is not None:
                return count
    return None

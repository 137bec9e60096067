"""The awards stage: awards, prizes, honours, rankings and lists whose winners the release names.

Award names are capitalised phrases ending in an award word ("... Award", "... Prize", "... of the
Year", "Magic Quadrant for ..."), quoted titles with one ("Top 10 ..."), or headings over winner lines.
Winners come from the sentence around a name ("A won the Y Award", "the Y Award went to A, B and C",
"winners include ...", "A, B and C, winners of ..."), from "WINNER: Acme - Seattle" lines and bullets
under an award heading, from "Award: Winner" lines and from Markdown tables.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from ..context import ReleaseContext
from ..models import Award, Mention, Winner
from ..validate import normalise_space
from .award_lists import Item, list_items, protected_spans, says_partial, stated_count, winner_kind
from .spans import Span
from .tags import first_token_from, is_noun, verb_forms

_WORD = r"[A-Z0-9][\w’'&/.\-]{0,30}"
_CONNECT = r"(?:of the|of|for the|for|in|and|&|on|de|at|-|–)"
_HEAD = r"(?:Awards?|Prizes?|Honou?rs?|Medals?|Trophy|Rankings?|List|Cup)"
_AWARD_NAME = re.compile(
    rf"(?<![\w’'])(?:{_WORD} (?:{_CONNECT} )?){{0,12}}"
    rf"(?:{_HEAD}(?: (?:of|for) (?:the )?[A-Z][\w’'\-]{{1,30}}(?: [A-Z][\w’'\-]{{1,30}}){{0,3}})?"
    rf"|of the Year(?: {_HEAD})?)"
    rf"(?: (?:19|20)\d\d)?(?![\w’'])(?! [A-Z0-9])(?!-)"
)
_RANKING_NAME = re.compile(
    rf"(?:Magic Quadrant|MarketScape|Wave)(?:™)? (?:for|in|on) {_WORD}(?: (?:{_CONNECT} )?{_WORD}){{0,8}}"
    rf"(?:, (?:19|20)\d\d)?"
)
_LIST_NAME = re.compile(
    rf"\b(?:on|to|in|made|makes|topped|tops) (?:the |this year['’]s )?(?P<name>{_WORD}(?: {_WORD}){{0,6}})"
    r" (?:list|ranking|rankings)\b"
)
_QUOTED = re.compile(r"[“\"](?P<name>[^“”\"\n]{3,120})[”\"]")
_QUOTED_AWARD = re.compile(rf"\b(?:{_HEAD}|Top (?:\d{{1,4}}|Ten|Twenty|Fifty|Hundred))\b")
_LEADING = re.compile(r"^(?:(?:The|THE|A|An)\s+)+")

_TRIGGER = (
    r"(?:won|wins?|received?|receives|earned|earns|took home|takes home|picked up|claimed|secured|"
    r"clinched|captured|garnered|accepted|collected|awarded|honou?red with|presented with|"
    r"(?:winners?|recipients?|honou?rees?|laureates?) of|named(?: to| as| in| on)?|"
    r"ranked(?: on| in| among)?|listed (?:on|in)|included (?:on|in)|recogni[sz]ed|"
    r"positioned (?:in|as)|placed in|inducted into|selected (?:for|as))"
)
# The words between a winning verb and the award name it governs, anchored at the name.
_BRIDGE = re.compile(
    rf"\b{_TRIGGER} (?:(?:[^.;\n]|\.(?! )){{0,60}}? (?:in|on|of|as|for|to) )?"
    r"(?:the |a |an |its |their |this year['’]s |both )?"
    r"(?:(?:[A-Z][\w&.\-]{0,30} ){0,3}[A-Z][\w&.\-]{0,30}['’]s )?"
    r"(?:[a-z\-]{2,20} ){0,2}$"
)
_GENERIC_OBJECT = re.compile(
    rf"\b{_TRIGGER} (?:the |this |an? )(?:[a-z\-]{{2,20}} ){{0,2}}"
    r"(?:trophy|trophies|award|awards|prize|prizes|"
    r"honou?r|title|medal|medals)\b"
)
_AFTER = re.compile(
    r"(?:\s*\([^()\n]{1,40}\))?,?\s*(?:(?:has |have |was |were |is |are )?(?:went|goes|gone|awarded|"
    r"presented|given) to|(?:winners?|recipients?|honou?rees?) (?:include[sd]?|are|were)|"
    r"including|include[sd]?|:)\s+"
)
_RESPECTIVELY = re.compile(r"\brespectively\b")
_WINNERS_LEAD = re.compile(
    r"\b(?:winners|recipients|honou?rees|laureates) (?:are|were|include|included|as follows)\s*:\s*$"
)
_WINNER_LINE = re.compile(
    r"^[ \t]{0,8}(?:[-*•][ \t]{1,4})?(?:\*\*)?(?i:winners?|recipients?|honou?rees?|gold)(?:\*\*)?[ \t]{0,4}"
    r"[:\-–—](?:\*\*)?[ \t]{1,4}(?P<item>[^\n]{2,200})$",
    re.MULTILINE,
)
_OTHER_LABEL = re.compile(
    r"^[ \t]{0,8}(?:[-*•][ \t]{1,4})?(?:\*\*)?[A-Za-z][A-Za-z \-]{0,30}(?:\*\*)?[ \t]{0,4}:", re.MULTILINE
)
_BULLET = re.compile(r"^[ \t]{0,8}(?:[-*•]|\d{1,3}[.)])[ \t]{1,4}(?:\*\*)?(?P<item>[^\n]{2,200})$")
_DASH_PLACE = re.compile(r"[ \t]{1,4}[-–—][ \t]{1,4}[^\n]{1,80}$")
_HEADING_MARKS = " \t#*_:"
_NAMING_VERBS = verb_forms("name", "declare", "crown", "select", "choose", "make") | {
    "chose",
    "chosen",
    "made",
}
# How a later mention may spell the same name: either apostrophe, any dash, spaces around a dash.
_LOOSE = {"'": "['’]", "’": "['’]", " ": r"\s{1,3}", "-": r"\s?[-–—]\s?", "–": r"\s?[-–—]\s?"}


@dataclass
class Found:
    """An award being assembled: its name's first mention, winners in text order, what the text says."""

    name: Span
    winners: dict[str, Item] = field(default_factory=dict)
    counts: list[int] = field(default_factory=list)
    partial: bool = False


def extract(ctx: ReleaseContext) -> None:
    """Fill `ctx.awards` with every award whose winners are named."""
    found: dict[str, Found] = {}
    protected = protected_spans(ctx)
    names = award_names(ctx)
    for name, items, count, partial in _relations(ctx, names, protected):
        key = _key(ctx.text[name[0] : name[1]])
        record = found.setdefault(key, Found(name=_first_mention(ctx.text, name)))
        for item in items:
            record.winners.setdefault(_key(ctx.text[item.start : item.end]), item)
        if count is not None:
            record.counts.append(count)
        record.partial |= partial
    ctx.awards = [_award(ctx, record) for record in found.values() if record.winners]


def _key(name: str) -> str:
    return re.sub(r"[^\w]+", " ", name.replace("’", "").replace("'", "")).casefold().strip()


def _first_mention(text: str, name: Span) -> Span:
    """The name as written at its first full mention (an earlier headline may spell it differently)."""
    written = text[name[0] : name[1]]
    pattern = "".join(_LOOSE.get(ch, re.escape(ch)) for ch in normalise_space(written))
    first = re.search(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE)
    return first.span() if first and first.start() < name[0] else name


def _award(ctx: ReleaseContext, record: Found) -> Award:
    text = ctx.text
    winners = sorted(record.winners.values(), key=lambda item: item.start)
    count = max(record.counts) if record.counts else None
    warnings = []
    if count is not None and count < len(winners):
        warnings.append(f"the text states {count} winners but names {len(winners)}")
    partial = record.partial and (count is None or count > len(winners))
    return Award(
        doc_id=ctx.release.doc_id,
        name=normalise_space(text[record.name[0] : record.name[1]]),
        stated_count=count,
        winners=[Winner(name=normalise_space(text[w.start : w.end]), kind=w.kind) for w in winners],
        complete=not partial and (count is None or count <= len(winners)),
        warnings=warnings,
        mentions=[
            Mention(start=s, end=e, text=text[s:e])
            for s, e in [record.name, *((w.start, w.end) for w in winners)]
        ],
    )


# --- award names -----------------------------------------------------------------------------------


def award_names(ctx: ReleaseContext) -> list[Span]:
    """Every written award name, trimmed of a leading article and of title-case verbs ("Wins the")."""
    text = ctx.text
    spans: list[Span] = []
    for match in _AWARD_NAME.finditer(text):
        span = _trim_name(ctx, *match.span())
        if span is not None:
            spans.append(span)
    spans.extend(m.span() for m in _RANKING_NAME.finditer(text))
    spans.extend(m.span("name") for m in _LIST_NAME.finditer(text) if _is_list_name(m.group("name")))
    for quote in _QUOTED.finditer(text):
        if _QUOTED_AWARD.search(quote.group("name")) and len(quote.group("name").split()) <= 14:
            spans.append(quote.span("name"))
    return _outermost(spans)


def _trim_name(ctx: ReleaseContext, start: int, end: int) -> Span | None:
    text = ctx.text
    lead = _LEADING.match(text, start, end)
    if lead:
        start = lead.end()
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is not None:
        for token in span:
            # Title-case headlines capitalise verbs: "Acme Wins the Best Widget Award".
            if token.tag_ in {"VBZ", "VBD", "VBP", "VBN"} and token.idx > start and token.i < span.end - 1:
                start = token.idx + len(token)
    while start < end and text[start] == " ":
        start += 1
    lead = re.match(
        r"(?:(?:the|The|THE|a|an|At|In|For|With|From|To|On|By|And|(?:Winners?|Recipients?|Honou?rees?|"
        r"Finalists?|Nominees?) (?:of|for))\s+)+",
        text[start:end],
    )
    if lead:
        start += lead.end()
    words = text[start:end].split()
    if len(words) < 2 or words[0] in {"Awards", "Award", "Prize", "List", "Honors", "Honours"}:
        return None
    return start, end


def _is_list_name(name: str) -> bool:
    """ "SD Times 100", "Inc. 5000", "Forbes Global 2000": a named list, not "the Company's list"."""
    return len(name.split()) >= 2 and not name.startswith(("The ", "Company", "Our ")) and name[0].isupper()


def _outermost(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if not any(s <= span[0] and span[1] <= e for s, e in kept):
            kept.append(span)
    return kept


# --- relations -------------------------------------------------------------------------------------

Relation = tuple[Span, list[Item], int | None, bool]


def _relations(ctx: ReleaseContext, names: list[Span], protected: list[Span]) -> Iterator[Relation]:
    yield from _sentence_relations(ctx, names, protected)
    yield from _winner_lines(ctx, protected)
    yield from _award_lines(ctx, names, protected)
    yield from _tables(ctx, protected)


def _sentences(ctx: ReleaseContext) -> list[Span]:
    """Sentences of the parse, cut at line breaks; the contact section is left out."""
    text = ctx.text
    contact, dateline = ctx.section("contact"), ctx.section("dateline")
    limit = contact.start if contact is not None else len(text)
    first = dateline.end if dateline is not None else 0
    spans = []
    for sent in ctx.doc.sents:
        for line in re.finditer(r"[^\n]+", text[sent.start_char : sent.end_char]):
            s, e = sent.start_char + line.start(), sent.start_char + line.end()
            if s < first < e:
                s = first  # the dateline's city and date are not part of the first sentence
            if s < limit:
                spans.append((s, e))
    return spans


def _sentence_relations(ctx: ReleaseContext, names: list[Span], protected: list[Span]) -> Iterator[Relation]:
    text = ctx.text
    sentences = _sentences(ctx)
    for index, (s_start, s_end) in enumerate(sentences):
        inside = [n for n in names if s_start <= n[0] and n[1] <= s_end]
        sentence = text[s_start:s_end]
        if _RESPECTIVELY.search(sentence):
            respective = list(_respective(ctx, s_start, s_end, protected))
            if respective:
                yield from respective
                continue
        for name in inside:
            yield from _around_name(ctx, name, (s_start, s_end), protected, names)
        if not inside:
            yield from _unnamed(ctx, names, sentences, index, protected)


def _around_name(
    ctx: ReleaseContext, name: Span, sentence: Span, protected: list[Span], names: list[Span]
) -> Iterator[Relation]:
    """ "A, B and C won the Y Award", "the Y Award went to A", "winners of the Y include A"."""
    text = ctx.text
    before = text[max(sentence[0], name[0] - 160) : name[0]]
    count = _count_before(before)
    bridge = _BRIDGE.search(before)
    crossed = bridge is not None and any(
        name[0] - len(before) + bridge.start() < n[1] <= name[0] for n in names
    )
    headline = ctx.section("headline")
    in_headline = headline is not None and headline.start <= name[0] < headline.end
    if bridge is not None and not crossed and not in_headline:
        subject = _subject(ctx, name[0] - len(before) + bridge.start(), sentence)
        if subject is not None:
            items, sub_count, partial = _list_with_count(ctx, subject, protected, names)
            partial |= bool(re.search(r"\bamong\b", bridge.group()))
            yield name, items, sub_count or count, partial
    after = _AFTER.match(text, name[1], sentence[1])
    if after is not None:
        items, obj_count, partial = _list_with_count(ctx, (after.end(), sentence[1]), protected, names)
        if not items and _WINNERS_LEAD.search(text[name[1] : sentence[1]]):
            return
        yield name, items, obj_count or count, partial or "includ" in after.group()
    elif count is not None:
        yield name, [], count, False


def _count_before(before: str) -> int | None:
    """ "the 19 winners of the Y Awards": a count of winners written just before the name."""
    match = re.search(
        r"(?P<count>\S+(?: \S+){0,2} (?:winners|recipients|honou?rees|laureates)) (?:of|for)\b", before
    )
    return stated_count(match.group("count")) if match else None


def _subject(ctx: ReleaseContext, trigger: int, sentence: Span) -> Span | None:
    """The subject of the clause whose verb the trigger word depends on, read from the parse; the text
    from the sentence start to the trigger when the parse has none."""
    token = first_token_from(ctx.doc, trigger)
    noun_trigger = token is not None and is_noun(token)
    steps = 0
    while token is not None and steps < 16:
        if noun_trigger and token.dep_ == "dobj" and token.head.lower_ not in _NAMING_VERBS:
            return None  # "Acme announced the winners of ...": the announcer is no winner
        if token.dep_ == "appos" and token.head.i < token.i:
            head = token.head
            return (head.left_edge.idx, token.left_edge.idx)
        subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < token.i]
        if subjects:
            # The parse finds where the subject starts; a list ends where its names end ("A, B and C
            # respectively won"), which the parse often cuts short.
            left = subjects[0].left_edge
            start = max(left.idx, sentence[0])
            if re.search(r"(?:,|,? and|,? &)\s*$", ctx.text[sentence[0] : start]):
                break  # the parse took only the last member of a list as the subject
            if left.idx + len(left) > sentence[0]:
                return (start, trigger)
        if token.head.i == token.i:
            break
        token = token.head
        steps += 1
    start = sentence[0]
    clause = re.search(r"^(?:In|At|On|During|Earlier|This|Last|For)\b[^,]{0,80}, ", ctx.text[start:trigger])
    return (start + clause.end() if clause else start, trigger)


def _list_with_count(
    ctx: ReleaseContext, span: Span, protected: list[Span], names: list[Span]
) -> tuple[list[Item], int | None, bool]:
    """Items of a written list, with the count and "including" that may open it: "seven cities,
    including A, B and C". An award name inside ("In the X Awards category Acme ...") is skipped."""
    text = ctx.text
    start, end = span
    for n_start, n_end in names:
        if start <= n_start < end:
            skip = re.match(r"(?:\s{1,3}[a-z][\w\-]{0,20}){0,3}[\s,]{0,3}", text[n_end:end])
            start = n_end + (skip.end() if skip else 0)
    lead = re.search(r"\b(?:including|such as|among them|namely|notably)\b:?\s*", text[start:end])
    head = text[start : start + lead.start()] if lead else ""
    count = stated_count(head) if lead else None
    if lead:
        start += lead.end()
    elif (count := stated_count(text[start:end][:60])) is not None:
        opening = re.match(r"[^,:\n]{0,60}[,:]\s+", text[start:end])
        if opening is None:
            return [], count, False
        start += opening.end()
    items = [i for i in list_items(ctx, start, end, protected) if _is_winner_name(ctx, i)]
    return items, count, bool(lead) or says_partial(text[start:end])


def _is_winner_name(ctx: ReleaseContext, item: Item) -> bool:
    """A winner is a proper name: a record, or words the parse calls proper nouns."""
    text = ctx.text[item.start : item.end]
    if item.kind != "other":
        return True
    if re.fullmatch(r"(?:It|We|They|He|She|This|That|These|Our|Its|Company|Award|Awards)\b.*", text):
        return False
    span = ctx.doc.char_span(item.start, item.end, alignment_mode="expand")
    return span is not None and any(t.tag_ in {"NNP", "NNPS"} for t in span)


def _unnamed(
    ctx: ReleaseContext, names: list[Span], sentences: list[Span], index: int, protected: list[Span]
) -> Iterator[Relation]:
    """ "The winners are:" over item paragraphs, or "A and B received the trophy": the award is the
    nearest name written before, in this paragraph or the one before."""
    text = ctx.text
    s_start, s_end = sentences[index]
    sentence = text[s_start:s_end]
    # Names come in text order, ends increasing: the nearest one before is the last that ends in time.
    earlier = bisect_right(names, s_start, key=lambda n: n[1])
    if not earlier:
        return
    name = names[earlier - 1]
    if s_start - name[1] > 1500 or "\n\n\n" in text[name[1] : s_start]:
        return
    generic = _GENERIC_OBJECT.search(sentence)
    if generic is not None:
        subject = _subject(ctx, s_start + generic.start(), (s_start, s_end))
        if subject is not None:
            items, count, partial = _list_with_count(ctx, subject, protected, names)
            if items:
                yield name, items, count, partial
        return
    if _WINNERS_LEAD.search(sentence):
        yield name, list(_item_paragraphs(ctx, s_end, names, protected)), None, False


def _item_paragraphs(
    ctx: ReleaseContext, start: int, names: list[Span], protected: list[Span]
) -> Iterator[Item]:
    """Paragraphs after "The winners are:" that open with a list of names followed by " for ", a dash, a
    colon or the line end; description paragraphs between them are skipped."""
    text = ctx.text
    about = ctx.section("about")
    stop = min(start + 6000, about.start if about is not None and about.start > start else len(text))
    for line in re.finditer(r"[^\n]+", text[start:stop]):
        l_start, l_end = start + line.start(), start + line.end()
        raw = line.group()
        if any(l_start <= n[0] < l_end for n in names) and not raw.lstrip().startswith(("-", "*", "•")):
            return
        bullet = _BULLET.match(raw)
        body_start = l_start + (bullet.start("item") if bullet else 0)
        head = re.match(
            r"(?P<names>[^\n]{2,300}?)(?: for |, for | [-–—] |: |, in |\s*$)", text[body_start:l_end]
        )
        if head is None:
            continue
        names_end = body_start + head.end("names")
        items = list_items(ctx, body_start, names_end, protected)
        covered = items and items[-1].end >= names_end - len(" Councils") - 2
        if covered:
            yield from (i for i in items if _is_winner_name(ctx, i))


def _respective(ctx: ReleaseContext, start: int, end: int, protected: list[Span]) -> Iterator[Relation]:
    """ "A, B and C respectively won the awards of the X, the Y and the Z": names and winners pair up."""
    text = ctx.text
    verb = re.search(
        rf"\b{_TRIGGER} (?:the |an? )?(?:[a-z\-]{{2,20}} ){{0,2}}"
        r"(?:awards?|prizes?|honou?rs?|titles?) (?:of|for) ",
        text[start:end],
    )
    if verb is None:
        return
    subject = _subject(ctx, start + verb.start(), (start, end))
    if subject is None:
        return
    winners = [i for i in list_items(ctx, subject[0], subject[1], protected) if _is_winner_name(ctx, i)]
    stop = re.search(r"\s\(|[.;]\s|$", text[start + verb.end() : end])
    object_end = start + verb.end() + (stop.start() if stop else 0)
    titles = list_items(ctx, start + verb.end(), object_end, [])
    if len(titles) != len(winners) or len(titles) < 2:
        return
    for title, winner in zip(titles, winners, strict=True):
        yield (title.start, title.end), [winner], None, False


# --- lines and tables ------------------------------------------------------------------------------


def _heading_above(text: str, line_start: int) -> Span | None:
    """The nearest line above that is not a labelled line ("Finalist: ..."): the award heading."""
    position = line_start
    for _ in range(12):
        if position <= 0:
            return None
        prev_end = position - 1
        prev_start = text.rfind("\n", 0, prev_end) + 1
        line = text[prev_start:prev_end]
        position = prev_start
        if not line.strip() or _OTHER_LABEL.match(line) or _BULLET.match(line):
            continue
        s, e = prev_start, prev_end
        while s < e and text[s] in _HEADING_MARKS:
            s += 1
        while e > s and text[e - 1] in _HEADING_MARKS:
            e -= 1
        heading = text[s:e]
        if len(heading) > 100 or heading.endswith((".", "!", "?")) or not heading[:1].isupper():
            return None
        return s, e
    return None


def _winner_lines(ctx: ReleaseContext, protected: list[Span]) -> Iterator[Relation]:
    """ "Small Business of the Year" over "WINNER: Acme - Seattle": the heading is the award."""
    text = ctx.text
    for match in _WINNER_LINE.finditer(text):
        heading = _heading_above(text, match.start())
        if heading is None:
            continue
        yield heading, _line_items(ctx, *match.span("item"), protected), None, False


def _line_items(ctx: ReleaseContext, start: int, end: int, protected: list[Span]) -> list[Item]:
    """The winner a list line names: the part before " - City", else the list it writes."""
    text = ctx.text
    while end > start and text[end - 1] in " *_":
        end -= 1
    dash = _DASH_PLACE.search(text, start, end)
    if dash is not None:
        s, e = start, dash.start()
        return [Item(s, e, winner_kind(ctx, s, e))]
    return [i for i in list_items(ctx, start, end, protected) if _is_winner_name(ctx, i)]


def _award_lines(ctx: ReleaseContext, names: list[Span], protected: list[Span]) -> Iterator[Relation]:
    """ "Best Newcomer Award: Jane Doe" lines, and bullets under an award-name heading."""
    text = ctx.text
    for name in names:
        # Several "• Award: Winner" entries may share one line.
        line_start = max(text.rfind("\n", 0, name[0]), text.rfind("•", 0, name[0])) + 1
        ends = [i for i in (text.find("\n", name[1]), text.find("•", name[1])) if i >= 0]
        line_end = min(ends, default=len(text))
        prefix = text[line_start : name[0]].strip(" \t-*•#_")
        rest = text[name[1] : line_end]
        if prefix:
            continue
        label = re.match(r"^(?:\*\*)?[ \t]{0,4}[:–—-][ \t]{1,4}(?:\*\*)?", rest)
        if label is not None:
            yield name, _line_items(ctx, name[1] + label.end(), line_end, protected), None, False
        elif not rest.strip(" \t*_:"):
            yield name, list(_bullets_below(ctx, line_end, protected)), None, False


def _bullets_below(ctx: ReleaseContext, position: int, protected: list[Span]) -> Iterator[Item]:
    text = ctx.text
    for line in re.finditer(r"[^\n]*", text[position + 1 :]):
        raw = line.group()
        if not raw.strip():
            continue
        bullet = _BULLET.match(raw)
        if bullet is None:
            return
        start = position + 1 + line.start() + bullet.start("item")
        yield from _line_items(ctx, start, position + 1 + line.end(), protected)[:1]


def _tables(ctx: ReleaseContext, protected: list[Span]) -> Iterator[Relation]:
    """Markdown tables with an award (or category) column and a winner column."""
    text = ctx.text
    for table in re.finditer(r"(?:^[ \t]{0,3}\|[^\n]{1,500}\|[ \t]*\n?){3,200}", text, re.MULTILINE):
        rows = [r for r in re.finditer(r"[^\n]+", table.group()) if not re.fullmatch(r"[\s|:\-]+", r.group())]
        if len(rows) < 2:
            continue
        header = [c.strip().casefold() for c in rows[0].group().strip().strip("|").split("|")]
        award_col = next(
            (i for i, c in enumerate(header) if re.search(r"award|category|prize|honou?r", c)), None
        )
        winner_col = next(
            (i for i, c in enumerate(header) if re.search(r"winner|recipient|honou?ree|laureate|company", c)),
            None,
        )
        if award_col is None or winner_col is None or award_col == winner_col:
            continue
        for row in rows[1:]:
            cells = list(_cells(table.start() + row.start(), row.group()))
            if len(cells) <= max(award_col, winner_col):
                continue
            award, winner = cells[award_col], cells[winner_col]
            if award[1] > award[0] and winner[1] > winner[0]:
                yield award, _line_items(ctx, *winner, protected), None, False


def _cells(offset: int, row: str) -> Iterator[Span]:
    """Stripped spans of a table row's cells, without bold marks."""
    bars = [i for i, ch in enumerate(row) if ch == "|"]
    for left, right in pairwise(bars):
        s, e = offset + left + 1, offset + right
        cell = row[left + 1 : right]
        lead = len(cell) - len(cell.lstrip(" *_"))
        trail = len(cell) - len(cell.rstrip(" *_"))
        yield s + lead, max(s + lead, e - trail)

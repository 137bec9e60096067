"""The speeches stage: talks whose title is given, with their speaker.

A talk word ("keynote speech", "presentation", "lecture", ...) introduces a title: "entitled"/"titled"
followed by the title, a quoted title right after the word, or "on" + a quoted or long Title-Case title;
"spoke on ..." and "on/under the topic of “...”" do the same without a talk word. Names of forums, panels
and sessions are never talk words, and a quote followed by "said" is a quotation, not a title. The speaker
is read from the dependency parse of the sentence (the subject of the verb governing the talk word),
else the nearest person in the sentence, else "he"/"she" resolved to the last person named before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spacy.matcher import Matcher

from ..context import ReleaseContext
from ..knowledge import words
from ..models import Mention, Organization, Person, Speech
from ..validate import normalise_space
from .tags import VERB_TAGS, is_verb

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Word forms, not lemmas, so the rules do not depend on the pipeline having a lemmatizer.
TALK_NOUNS = frozenset(
    {
        "keynote",
        "keynotes",
        "speech",
        "speeches",
        "talk",
        "talks",
        "presentation",
        "presentations",
        "lecture",
        "lectures",
        "address",
        "report",
    }
)
# "address" and "report" are mostly not talks (a street address, a published report): they count only
# when delivered ("gave a report") or qualified as a talk ("keynote address").
DELIVERED_ONLY = frozenset({"address", "report"})
DELIVERY_VERBS = frozenset(
    {
        "deliver",
        "delivers",
        "delivered",
        "delivering",
        "give",
        "gives",
        "gave",
        "given",
        "giving",
        "make",
        "makes",
        "made",
        "making",
        "present",
        "presents",
        "presented",
        "presenting",
    }
)
TALK_MODIFIERS = frozenset(
    {"keynote", "opening", "closing", "welcome", "welcoming", "video", "inaugural", "plenary", "special"}
)
NAMING_WORDS = frozenset({"entitled", "titled", "called", "named"})
SPEAK_VERBS = frozenset({"spoke", "speak", "speaks", "speaking", "spoken", "talked", "lectured"})
TOPIC_WORDS = frozenset({"topic", "title", "subject"})
# Between a talk word and "on": "a keynote speech in Brussels on ..." but not "a speech at the forum on".
GATHERINGS = frozenset(
    {"forum", "forums", "session", "sessions", "panel", "panels", "summit", "conference", "seminar"}
    | {"webinar", "workshop", "symposium", "dialogue", "roundtable", "meeting", "event", "ceremony"}
)
SUBJECT_PRONOUNS = frozenset({"he", "she", "his", "her"})
FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "and", "of", "for", "in", "on", "to", "at", "by", "with", "as", "from", "or", "x"}
    | {"vs", "vs.", "&", "into", "via", "through", "about", "its", "their", "our", "your"}
)

MAX_TITLE = 300
OPENERS = {"“": '”"', '"': '"”', "‘": "’'", "'": "'’", "«": "»"}
_SAID = (
    r"(?:said|says|added|adds|noted|notes|stated|states|explained|explains|commented|remarked|"
    r"continued|concluded|told|emphasized|stressed|declared)\b"
)
# `,” said Maria Gonzalez` or `,” Maria Gonzalez said`; after a full stop only a lowercase `said` follows.
_SAID_AFTER = re.compile(
    r"[ \t]{0,3},?[ \t]{0,3}(?:(?:he|she|they|we|I|[A-Z][\w.'’\-]{0,30}(?: [A-Z][\w.'’\-]{0,30}){0,4}) )?"
    + _SAID
)
_SAID_RIGHT_AFTER = re.compile(r"[ \t]{0,3},?[ \t]{0,3}" + _SAID)
_UNQUOTED_END = re.compile(
    r"\.(?:\s|$)|[,;]\s+[a-z]|\s\(|\s(?:at|during)\sthe\s|\s(?:will|was|were|is|are|has|had)\s|\n|$"
)


@dataclass(frozen=True)
class Trigger:
    """Where a title was found and the token the speaker is looked up from."""

    start: int
    end: int
    anchor: int  # token index


def extract(ctx: ReleaseContext) -> None:
    """Fill ctx.speeches with every talk whose title is given."""
    doc = ctx.doc
    found: dict[str, Speech] = {}
    headline = ctx.section("headline")
    title_case_from = headline.end if headline is not None else 0
    for trigger in _triggers(ctx.text, doc, title_case_from):
        speech = _speech(ctx, trigger)
        key = normalise_space(speech.title).casefold()
        known = found.get(key)
        if known is None or (known.speaker is None and speech.speaker is not None):
            found[key] = speech
    ctx.speeches = list(found.values())


# --- titles ----------------------------------------------------------------------------------------


def _matcher(doc: Doc) -> Matcher:
    matcher = Matcher(doc.vocab)
    # Part-of-speech tests only when the pipeline tags: a `--model` without a tagger still finds titles.
    tagged = doc.has_annotation("TAG")
    talk: dict[str, Any] = {"LOWER": {"IN": sorted(TALK_NOUNS)}}
    between: dict[str, Any] = {"IS_PUNCT": False, "LOWER": {"NOT_IN": sorted(GATHERINGS)}}
    if tagged:
        talk["TAG"] = {"NOT_IN": list(VERB_TAGS)}
        between["TAG"] = {"NOT_IN": list(VERB_TAGS)}
    matcher.add(
        "NAMED", [[talk, {"ORTH": {"IN": [",", ":"]}, "OP": "?"}, {"LOWER": {"IN": sorted(NAMING_WORDS)}}]]
    )
    matcher.add("QUOTED", [[talk]])
    matcher.add("ON", [[talk, {**between, "OP": "{0,4}"}, {"LOWER": "on"}]])
    matcher.add("SPOKE_ON", [[{"LOWER": {"IN": sorted(SPEAK_VERBS)}}, {"LOWER": "on"}]])
    matcher.add(
        "TOPIC",
        [
            [
                {"LOWER": {"IN": ["on", "under"]}},
                {"LOWER": "the"},
                {"LOWER": {"IN": sorted(TOPIC_WORDS)}},
                {"LOWER": "of"},
            ]
        ],
    )
    return matcher


def _triggers(text: str, doc: Doc, unquoted_from: int) -> Iterator[Trigger]:
    """Titles after trigger words; unquoted titles only after the headline, where capitals mean a name."""
    seen: set[int] = set()
    for match_id, start, end in sorted(_matcher(doc)(doc), key=lambda m: (m[1], m[2])):
        rule = doc.vocab.strings[match_id]
        first = doc[start]
        if rule in {"NAMED", "QUOTED", "ON"} and not _is_talk_word(first):
            continue
        after = doc[end - 1].idx + len(doc[end - 1].text)
        span: tuple[int, int] | None
        if rule == "NAMED":
            span = _quoted(text, after, lead=r"[ \t]{0,2},?[ \t]{0,2}")
            if span is None and after >= unquoted_from:
                span = _unquoted(text, after)
        elif rule == "QUOTED":
            span = _quoted(text, after, lead=r"[ \t]{0,2}[,:–—\-]?[ \t]{0,2}")
            if span is not None and _is_quotation(text, *span):
                span = None
        elif rule == "TOPIC":
            span = _quoted(text, after, lead=r"[ \t]{1,2}")
        else:
            span = _quoted(text, after, lead=r"[ \t]{1,2}")
            if span is None and after >= unquoted_from:
                span = _title_case_run(doc, end)
        if span is None or span[0] in seen:
            continue
        seen.add(span[0])
        anchor = start if rule != "TOPIC" else start + 2
        yield Trigger(span[0], span[1], anchor)


def _is_talk_word(token: Token) -> bool:
    if token.lower_ not in DELIVERED_ONLY:
        return True
    delivered = token.dep_ in {"dobj", "pobj", "conj"} and token.head.lower_ in DELIVERY_VERBS
    modified = any(child.lower_ in TALK_MODIFIERS for child in token.lefts)
    previous = token.doc[token.i - 1].lower_ if token.i > 0 else ""
    return delivered or modified or previous in TALK_MODIFIERS


def _quoted(text: str, pos: int, lead: str) -> tuple[int, int] | None:
    """The span inside a quotation that opens right at `pos` (after `lead`), unless someone "said" it."""
    opening = re.compile(lead).match(text, pos)
    if opening is None or opening.end() >= len(text) or text[opening.end()] not in OPENERS:
        return None
    open_at = opening.end()
    closers = OPENERS[text[open_at]]
    close_at = None
    for i in range(open_at + 1, min(len(text), open_at + 1 + MAX_TITLE)):
        char = text[i]
        if char == "\n":
            return None
        # An apostrophe ("Who's") is not a closing single quote: a closer is not followed by a letter.
        if char in closers and not (char in "’'" and i + 1 < len(text) and text[i + 1].isalpha()):
            close_at = i
            break
    if close_at is None:
        return None
    said = _SAID_RIGHT_AFTER if text[close_at - 1] in ".!?" else _SAID_AFTER
    if said.match(text, close_at + 1):
        return None
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",.;:"):
        end -= 1
    if end - start < 2 or not any(ch.isalpha() for ch in text[start:end]):
        return None
    return start, end


def _is_quotation(text: str, start: int, end: int) -> bool:
    """ "In his speech, “We will grow.”": a first-person sentence is a quotation, not a title."""
    sentence_end = text[end : end + 1] in {".", "!"}
    return sentence_end and re.search(r"\b(?:I|we|We|our|Our|us|my|My)\b", text[start:end]) is not None


def _unquoted(text: str, pos: int) -> tuple[int, int] | None:
    """ "entitled Urban Growth: A Plan." — the title runs to the end of its clause."""
    start = pos
    while start < len(text) and text[start] in " \t,":
        start += 1
    if start >= len(text) or not (text[start].isupper() or text[start].isdigit()):
        return None
    window = text[start : start + MAX_TITLE]
    stop = _UNQUOTED_END.search(window, 1)
    end = start + (stop.start() if stop else len(window))
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",.;:–—-"):
        end -= 1
    if len(text[start:end].split()) < 2:
        return None
    return start, end


def _title_case_run(doc: Doc, i: int) -> tuple[int, int] | None:
    """ "spoke on the Rise of Cities as Global Brands," — a long Title-Case phrase ending a clause."""
    n = len(doc)
    if i < n and doc[i].lower_ in {"the", "a", "an"}:
        i += 1
    first = i
    capitals = 0
    while i < n:
        token = doc[i]
        if token.is_space or "\n" in doc[i - 1].whitespace_:
            break  # a line break ends the title
        glued = i > first and not doc[i - 1].whitespace_ and not token.is_punct  # "Chinese-style", "Cloud’s"
        if token.text[:1].isupper() and token.is_alpha:
            capitals += 1
        elif not (token.lower_ in FUNCTION_WORDS or token.text in {":", "-", "–"} or glued):
            break
        i += 1
    if i == first:
        return None
    last = doc[i - 1]
    ends_clause = (
        i == n
        or doc[i].is_sent_start
        or doc[i].is_space
        or "\n" in doc[i - 1].whitespace_
        or doc[i].text in {",", ".", ";", "!", "?", ")"}
    )
    words_in_run = [t for t in doc[first:i] if t.is_alpha]
    if not ends_clause or capitals < 3 or len(words_in_run) < 5 or last.lower_ in FUNCTION_WORDS:
        return None
    return doc[first].idx, last.idx + len(last.text)


# --- speakers --------------------------------------------------------------------------------------


Speaker = Person | Organization


def _speech(ctx: ReleaseContext, trigger: Trigger) -> Speech:
    text = ctx.text
    anchor = ctx.doc[trigger.anchor]
    speaker, mention = _speaker(ctx, anchor, trigger)
    title_mention = Mention(start=trigger.start, end=trigger.end, text=text[trigger.start : trigger.end])
    role, organization = _role(ctx, speaker, mention)
    return Speech(
        doc_id=ctx.release.doc_id,
        title=normalise_space(title_mention.text),
        speaker=speaker.name if speaker is not None else None,
        speaker_title=role,
        speaker_organization=organization,
        mentions=[title_mention] + ([mention] if mention is not None else []),
    )


def _mention_at(
    records: list[Person] | list[Organization], start: int, end: int
) -> tuple[Speaker, Mention] | None:
    for record in records:
        for mention in record.mentions:
            if mention.start < end and start < mention.end:
                return record, mention
    return None


def _speaker(ctx: ReleaseContext, anchor: Token, trigger: Trigger) -> tuple[Speaker | None, Mention | None]:
    sentence = _sentence(anchor)
    subject = _subject(anchor)
    if subject is not None and not trigger.start <= subject.idx < trigger.end:
        if subject.lower_ in SUBJECT_PRONOUNS:
            return _last_person_before(ctx, sentence.start_char), None
        found = _person_through(ctx, subject)
        if found is not None:
            return found
        org = _mention_at(ctx.organizations, subject.idx, subject.idx + len(subject.text))
        if org is not None:
            return org
    in_sentence = [
        (person, mention)
        for person in ctx.people
        for mention in person.mentions
        if sentence.start_char <= mention.start
        and mention.end <= sentence.end_char
        and not (mention.start < trigger.end and trigger.start < mention.end)
    ]
    before = [pm for pm in in_sentence if pm[1].end <= anchor.idx]
    after = [pm for pm in in_sentence if pm[1].start > anchor.idx]
    if before:
        return max(before, key=lambda pm: pm[1].end)
    if after:
        return min(after, key=lambda pm: pm[1].start)
    if any(token.lower_ in SUBJECT_PRONOUNS for token in sentence):
        return _last_person_before(ctx, sentence.start_char), None
    return None, None


def _sentence(token: Token) -> Span:
    doc = token.doc
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return token.sent
    return doc[:]


def _subject(anchor: Token) -> Token | None:
    """The subject of the clause the talk word belongs to; relative "who" gives its antecedent, a
    passive "The talk was given by X" gives X."""
    if not anchor.doc.has_annotation("DEP"):
        return None
    verb = anchor
    for _ in range(8):
        if is_verb(verb) or verb.head is verb:
            break
        verb = verb.head
    if not is_verb(verb):
        return None
    for _ in range(4):
        # A misparsed headline can hang a second subject on the verb: the nearest one is the real one.
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        subject = min(subjects, key=lambda c: abs(c.i - verb.i), default=None)
        if subject is not None:
            if subject.dep_ == "nsubjpass" or subject.lower_ in TALK_NOUNS:
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            if subject.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl":
                return verb.head
            return subject
        if verb.dep_ == "acl":  # "Zhou Haoli, giving a speech entitled ..."
            return verb.head
        if verb.dep_ in {"conj", "xcomp", "advcl", "ccomp", "relcl", "pcomp"} and verb.head is not verb:
            verb = verb.head
            continue
        return None
    return None


def _person_through(ctx: ReleaseContext, token: Token) -> tuple[Speaker, Mention] | None:
    """The person named at `token`, or at the noun it describes ("a professor ... who spoke")."""
    for _ in range(8):
        found = _mention_at(ctx.people, token.idx, token.idx + len(token.text))
        if found is not None:
            return found
        if token.dep_ not in {"appos", "conj", "pobj", "prep", "compound", "amod"} or token.head is token:
            return None
        token = token.head
    return None


def _last_person_before(ctx: ReleaseContext, offset: int) -> Person | None:
    """ "He"/"she": the last person named before the sentence, if within a short distance."""
    earlier = [
        (mention.start, person)
        for person in ctx.people
        for mention in person.mentions
        if offset - 600 <= mention.start < offset
    ]
    return max(earlier, key=lambda pair: pair[0])[1] if earlier else None


def _role(
    ctx: ReleaseContext, speaker: Speaker | None, mention: Mention | None
) -> tuple[str | None, str | None]:
    """The speaker's first stated role, else an appositive right after the name ("X, Director of Y,")."""
    if not isinstance(speaker, Person):
        return None, None
    if speaker.affiliations:
        first = speaker.affiliations[0]
        return first.title, first.organization
    if mention is None:
        return None, None
    text = ctx.text
    appositive = re.match(r",[ \t](?P<role>[A-Z][^,;()\n]{1,120})", text[mention.end : mention.end + 160])
    if appositive is None:
        return None, None
    start = mention.end + appositive.start("role")
    end = mention.end + appositive.end("role")
    if text[start:end].split()[0].casefold() not in words("titles") | words("title_heads"):
        return None, None
    org = next(
        ((org, m) for org in ctx.organizations for m in org.mentions if start < m.start and m.end <= end),
        None,
    )
    if org is None:
        return normalise_space(text[start:end]), None
    role = re.sub(r"\s+(?:of|at|for|with)(?:\s+the)?\s*$", "", text[start : org[1].start])
    return normalise_space(role) or None, org[0].name

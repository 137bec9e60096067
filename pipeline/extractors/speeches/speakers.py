"""Who gives a talk found in prose, read from the parse, in this order:

1. the people a talk brings on stage: "A session titled 'X' featured A, CEO of B; C, Head of D",
   "Panelists include A and B", "a fireside chat featuring A";
2. the subject of the clause the talk word belongs to (and the people joined to it): "A will join a panel
   titled ...", "In the speech entitled ..., A explained", "The talk was given by A";
3. "a keynote by A", "the presentation 'X' by A"; a possessor: "A's presentation", "her keynote";
4. for a session, the people later sentences of its paragraph bring on stage ("The panel will bring
   together A and B"); for a talk, the nearest person in the sentence, else "he"/"she".

Candidates only: the rules in rules.py drop moderators, chairs and hosts, and organizations that host a
session.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from ...knowledge import census_names, is_common_word, words
from ...models import Mention, Organization, Person
from ..tags import VERB_TAGS, first_token_from, is_verb
from .candidates import SpeakerCandidate, TitleCandidate, is_talk_word
from .people import Named, Names

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ...context import ReleaseContext

_FOLLOW_UPS = 2  # sentences after a session's own that may name its panelists
_BACK_REFERENCES = frozenset({"it", "they", "which", "that"})
_ENTRY_LEAD_WORDS = 3  # words before the person in a list entry: "; and Dr. Ada Kim"
_DEFINITE = frozenset({"the", "this", "that"})


def speakers_of(
    ctx: ReleaseContext, names: Names, title: TitleCandidate, run_by: set[int], title_starts: list[int]
) -> list[SpeakerCandidate]:
    """Every candidate speaker of `title`, by the first reading above that names someone."""
    doc = ctx.doc
    reader = _Reader(ctx.text, doc, names, title, run_by, title_starts)
    anchor = doc[title.anchor]
    title_end = _token_index(doc, title.end)
    # A title may hold what the parser takes for a sentence end ("Code Meets Craft: Who's Steering ...", "Can
    # We Cope?"): the talk's sentence runs from the talk word's to the one after the title.
    after = first_token_from(doc, title.closed_at + 1) if title.closed_at is not None else doc[title_end]
    last = _sentence(after if after is not None else doc[title_end])
    sentence = doc[_sentence(anchor).start : max(_sentence(anchor).end, last.end)]
    found = reader.featured(sentence, after=max(anchor.i, title_end))
    if not found:
        found = reader.subject(anchor)
    if not found:
        found = reader.by_or_possessor(anchor)
    if title.session:
        found += reader.follow_ups(ctx, sentence)
    elif not found:
        found = reader.nearest(anchor, sentence)
    if not found and _is_definite(anchor):
        found = reader.look_back(sentence)
    return found


class _Reader:
    """The readings of one title's speakers; `run_by` holds the offsets where "moderated by" ends."""

    def __init__(
        self,
        text: str,
        doc: Doc,
        names: Names,
        title: TitleCandidate,
        run_by: set[int],
        title_starts: list[int],
    ) -> None:
        self.text, self.doc, self.names, self.title = text, doc, names, title
        self.run_by = run_by
        self.title_starts = title_starts

    # 1. brought on stage -------------------------------------------------------------------------

    def featured(self, sentence: Span, after: int) -> list[SpeakerCandidate]:
        verbs = words("speaker_verbs")
        for token in sentence:
            if token.i > after and token.lower_ in verbs and self._about_talk(token):
                return self._listed_after(token, sentence, "featured")
        return []

    def _about_talk(self, verb: Token) -> bool:
        """ "the session featured", "panelists include", "a chat featuring": the verb's subject is the
        talk (or it has none in a broken parse); not "the summit, which featured"."""
        talk = self.doc[self.title.anchor]
        if verb.head.i == talk.i or self.title.start <= verb.head.idx < self.title.end:
            return True  # "a chat featuring", "the session “Can We Cope?” featuring"
        between = self.text[self.title.end : verb.idx]
        if not any(char.isalnum() for char in between):
            return True  # right after the title, whatever the parse made of it
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None:
            return verb.dep_ not in {"relcl", "acl"}
        if subject.i == talk.i or subject.lower_ in words("speaker_nouns"):
            return True
        if subject.lower_ in _BACK_REFERENCES:
            return verb.dep_ != "relcl" or verb.head.i == talk.i
        return is_talk_word(subject) and subject.lower_ == talk.lower_

    def _listed_after(self, verb: Token, sentence: Span, how: str) -> list[SpeakerCandidate]:
        """The people named after `verb`: in a list of entries cut by semicolons ("A, CEO of X, who
        spoke on ...; B, Head of Y; and C"), the person opening each entry; otherwise every person up
        to the next clause (a lower-case verb outside a role). Never past the next title."""
        end = sentence.end_char
        following = [start for start in self.title_starts if start > self.title.end]
        if following:
            end = min(end, following[0])
        tokens = [t for t in self.doc[verb.i + 1 : sentence.end] if t.idx < end]
        cuts = [t.idx for t in tokens if t.text == ";"]
        if cuts:
            return self._entries([verb.idx + len(verb.text), *cuts, end], how)
        end = next((t.idx for t in tokens if self._ends_list(t)), end)
        return [self._candidate(p, m, how) for p, m in self.names.people_in(verb.idx + len(verb.text), end)]

    def _entries(self, bounds: list[int], how: str) -> list[SpeakerCandidate]:
        found = []
        for start, end in pairwise(bounds):
            people = self.names.people_in(start, end)
            opening = self.text[start : people[0][1].start] if people else ""
            if not people or len(opening.split()) > _ENTRY_LEAD_WORDS:
                break  # "...; the moderator was Zoe Hart": the list has ended
            found.append(self._candidate(*people[0], how))
        return found

    def _ends_list(self, token: Token) -> bool:
        if token.tag_ not in VERB_TAGS or not token.text.islower() or token.lower_ in words("speaker_verbs"):
            return False
        return self.names.roles[token.idx : token.idx + 1] != b"\x01"

    # 2. the subject ------------------------------------------------------------------------------

    def subject(self, anchor: Token) -> list[SpeakerCandidate]:
        subject = _subject(anchor)
        if subject is None or self.title.start <= subject.idx < self.title.end:
            return []
        if subject.lower_ in words("person_pronouns"):
            return self._pronoun(subject)
        # "Ada Kim and Leo Voss will lead ...": people joined to a real subject (not to the antecedent of
        # a relative "who", which may stand in a list of others) share the talk.
        joined = [t for t in subject.conjuncts if t.i < anchor.i] if subject.dep_ == "nsubj" else []
        found = [c for token in [subject, *joined] if (c := self._named_at(token, "subject"))]
        if joined:  # "the writer A and the author B, a fellow of C, engaged in ...": B hangs anywhere
            names = {c.name for c in found}
            start, end = subject.left_edge.idx, subject.head.idx
            found += [
                self._candidate(p, m, "subject")
                for p, m in self.names.people_in(start, end)
                if p.name not in names
            ]
        return found

    def _named_at(self, token: Token, how: str) -> SpeakerCandidate | None:
        """The person or organization named at `token` (or at the noun it describes), else a one-word
        name the text gives as the subject ("Xuemo delivered ...", "Dr. Kerr will ...")."""
        found = _person_through(self.names, token)
        if found is not None:
            return self._candidate(*found, how)
        organization = self.names.organization_at(token.idx, token.idx + len(token.text))
        if organization is not None:
            return self._candidate(*organization, how)
        if how == "subject" and _is_one_word_name(token, self.names):
            mention = Mention(start=token.idx, end=token.idx + len(token.text), text=token.text)
            return self._candidate(self.names.person_named(token.text), mention, "one-word")
        return None

    def _pronoun(self, token: Token) -> list[SpeakerCandidate]:
        sentence = _sentence(token)
        person = self.names.last_person_before(sentence.start_char)
        if person is None:
            return []
        return [SpeakerCandidate(person.name, person, None, token, "pronoun", self.title.session)]

    # 3. "by" and possessors ----------------------------------------------------------------------

    def by_or_possessor(self, anchor: Token) -> list[SpeakerCandidate]:
        for child in anchor.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and (found := self._named_at(pobj, "by")):
                        return [found]
            if child.dep_ == "poss":
                if child.lower_ in words("person_pronouns"):
                    return self._pronoun(child)
                if found := self._named_at(child, "possessive"):
                    return [found]
        return self._by_after_title()

    def _by_after_title(self) -> list[SpeakerCandidate]:
        """ "the presentation “X” by A of B": "by" right after the closing quote."""
        if self.title.closed_at is None:
            return []
        after = self.text[self.title.closed_at + 1 : self.title.closed_at + 8].lstrip(" ,")
        if not after.startswith("by "):
            return []
        by_at = self.text.index("by ", self.title.closed_at + 1)
        people = self.names.people_in(by_at, by_at + 40)
        return [self._candidate(*people[0], "by")] if people else []

    # 4. later sentences, the nearest person ------------------------------------------------------

    def follow_ups(self, ctx: ReleaseContext, sentence: Span) -> list[SpeakerCandidate]:
        """Panelists named by the next sentences of the same block: "The panel will bring together A, B"."""
        block = ctx.structure.block_at(self.doc[self.title.anchor].idx)
        found: list[SpeakerCandidate] = []
        following = sentence
        for _ in range(_FOLLOW_UPS):
            if following.end >= len(self.doc):
                break
            following = self.doc[following.end].sent
            outside = block is None or following.start_char >= block.end
            if outside or any(following.start_char <= s < following.end_char for s in self.title_starts):
                break
            verbs = words("speaker_verbs")
            for token in following:
                if token.lower_ in verbs and self._refers_back(token):
                    found += self._listed_after(token, following, "follow-up")
                    break
        return found

    def _refers_back(self, verb: Token) -> bool:
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None:
            return False
        # "The panel will bring together ...": a talk word with a definite article points back to the talk.
        the_talk = is_talk_word(subject) and any(
            c.dep_ == "det" and c.lower_ in _DEFINITE for c in subject.children
        )
        return the_talk or subject.lower_ in _BACK_REFERENCES or subject.lower_ in words("speaker_nouns")

    def look_back(self, sentence: Span) -> list[SpeakerCandidate]:
        """ "PACCS will host an event featuring Ada Kim. The session, titled “...”, examines ...": a talk
        named with "the" and nobody in its sentence belongs to the people the sentence before brings on
        stage, or to the subject that sentence gives a talk."""
        if sentence.start == 0:
            return []
        previous = self.doc[sentence.start - 1].sent
        verbs = words("speaker_verbs")
        for token in previous:
            if token.lower_ in verbs:
                return self._listed_after(token, previous, "look-back")
        for token in previous:
            if is_talk_word(token) or token.lower_ in words("delivery_verbs"):
                subject = _subject(token)
                found = self._named_at(subject, "look-back") if subject is not None else None
                if found is not None:
                    return [found]
        return []

    def nearest(self, anchor: Token, sentence: Span) -> list[SpeakerCandidate]:
        """The person named nearest before the talk word in its sentence, else nearest after it, else
        the person a "he"/"she" in the sentence points back to."""
        in_sentence = [
            (person, mention)
            for person, mention in self.names.people_in(sentence.start_char, sentence.end_char)
            if not (mention.start < self.title.end and self.title.start < mention.end)
        ]
        before = [pm for pm in in_sentence if pm[1].end <= anchor.idx]
        after = [pm for pm in in_sentence if pm[1].start > anchor.idx]
        if before:
            return [self._candidate(*max(before, key=lambda pm: pm[1].end), "nearest")]
        if after:
            return [self._candidate(*min(after, key=lambda pm: pm[1].start), "nearest")]
        pronoun = next((t for t in sentence if t.lower_ in words("person_pronouns")), None)
        return self._pronoun(pronoun) if pronoun is not None else []

    # ---------------------------------------------------------------------------------------------

    def _candidate(
        self, record: Person | Organization | None, mention: Mention, how: str
    ) -> SpeakerCandidate:
        token = _token_at(self.doc, mention.start)
        return SpeakerCandidate(
            name=record.name if record is not None else mention.text,
            record=record,
            mention=mention,
            token=token,
            how=how,
            session=self.title.session,
            run_by=_after_run_by(token, self.run_by),
        )


def _is_definite(talk: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in talk.children)


def _after_run_by(token: Token | None, run_by: set[int]) -> bool:
    """The name comes within three words after "moderated by" ("moderated by journalist Zoe Hart")."""
    if token is None:
        return False
    return any(i in run_by for i in range(max(0, token.i - 4), token.i + 1))


def _sentence(token: Token) -> Span:
    doc = token.doc
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return token.sent
    return doc[:]


def _token_index(doc: Doc, offset: int) -> int:
    span = doc.char_span(max(0, offset - 1), offset, alignment_mode="expand")
    return span.start if span is not None else 0


def _token_at(doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    # the head of the name: its last token ("Ada Kim" -> Kim) carries the name's relation in the parse
    token = span[0]
    while token.dep_ == "compound" and token.head.i > token.i:
        token = token.head
    return token


def _subject(anchor: Token) -> Token | None:
    """The subject of the clause the talk word belongs to; relative "who" gives its antecedent, a
    passive "The talk was given by X" gives X."""
    if not anchor.doc.has_annotation("DEP"):
        return None
    verb = anchor
    for _ in range(8):
        if is_verb(verb) or verb.head.i == verb.i:
            break
        verb = verb.head
    if not is_verb(verb):
        return None
    for _ in range(4):
        # A misparsed headline can hang a second subject on the verb: the nearest one is the real one.
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        subject = min(subjects, key=lambda c: abs(c.i - verb.i), default=None)
        if subject is not None:
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            if agent is not None and (subject.dep_ == "nsubjpass" or is_talk_word(subject)):
                return next((c for c in agent.children if c.dep_ == "pobj"), None)
            if is_talk_word(subject):
                return None
            if subject.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl":
                return verb.head
            return subject
        if verb.dep_ == "acl" and verb.tag_ != "VBN":  # "Wei Lanfen, giving a speech entitled ..."
            return verb.head
        if verb.dep_ == "acl" and verb.head.i == anchor.i:  # "a keynote delivered by X"
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        if verb.dep_ == "acl":  # "an event hosted by X for a keynote session": the event's clause
            above = _verb_above(verb.head)
            if above is None:
                return None
            verb = above
            continue
        if verb.dep_ in {"conj", "xcomp", "advcl", "ccomp", "relcl", "pcomp"} and verb.head.i != verb.i:
            verb = verb.head
            continue
        return None
    return None


def _verb_above(token: Token) -> Token | None:
    for _ in range(8):
        if is_verb(token):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _person_through(names: Names, token: Token) -> Named | None:
    """The person named at `token`, or at the noun it describes ("a professor ... who spoke")."""
    for _ in range(8):
        found = names.person_at(token.idx, token.idx + len(token.text))
        if found is not None:
            return found
        if token.dep_ not in {"appos", "conj", "pobj", "prep", "compound", "amod"} or token.head.i == token.i:
            return None
        token = token.head
    return None


def _is_one_word_name(token: Token, names: Names) -> bool:
    """A capitalised proper noun written alone (a pen name, a first name, "Dr. Kerr"), not part of a
    longer name, an organization or a talk word."""
    if token.tag_ != "NNP" or not token.text[:1].isupper() or not token.is_alpha or is_talk_word(token):
        return False
    if token.lower_ in words("speaker_nouns") | words("moderator_words"):
        return False
    if names.mentioned[token.idx : token.idx + 1] == b"\x01":
        return False
    # "Dr. Kerr", "the writer Xuemo" are one word; "Ada Kim" is not
    honorifics = words("honorifics")
    joined = [c for c in token.children if c.dep_ == "compound" and c.text.casefold() not in honorifics]
    if any(c.text[:1].isupper() for c in joined):
        return False
    # A name, not a capitalised word ("Attendees praised ..."): a census given name or surname, or a
    # word too rare to be an English word (a pen name).
    folded = token.text.casefold()
    return folded in census_names("given") or folded in census_names("surname") or not is_common_word(folded)

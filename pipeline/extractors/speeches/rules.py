"""The decisions of the speeches stage as ordered tables of named rules (see types.Rule): why a title is
not a talk's, why someone named with a talk is not its speaker, why a talk gets no record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...knowledge import words
from ...models import Organization
from ..tags import VERB_TAGS
from ..types import Rule
from .candidates import SpeakerCandidate, Talk, TitleCandidate, is_talk_word
from .quotes import holds_sentence_break, is_first_person, is_said

if TYPE_CHECKING:
    from spacy.tokens import Token


def _is_quotation(c: TitleCandidate) -> bool:
    """Something said, not a talk's title: `“...,” said X`, a first-person sentence (“We will grow.”), or
    more than one sentence in the quotes."""
    text = c.doc.text
    if c.closed_at is None:
        return False
    if is_said(c.doc, text, c.closed_at):
        return True
    return is_first_person(text, c.start, c.end) or holds_sentence_break(text, c.start, c.end)


def _names_gathering(c: TitleCandidate) -> bool:
    noun = c.noun_token
    return noun is not None and noun.lower_ in words("gathering_words")


def _names_other_thing(c: TitleCandidate) -> bool:
    """ "a book titled", "the section titled": the titled thing is no talk."""
    return c.noun is not None and not is_talk_word(c.noun_token)


def _names_nothing(c: TitleCandidate) -> bool:
    return c.how == "named" and c.noun is None


def _undelivered(c: TitleCandidate) -> bool:
    """ "address" and "report" are talks only when delivered ("gave a report") or qualified ("keynote
    address"): a street address or a published report is not."""
    noun = c.noun_token
    if noun is None or noun.lower_ not in words("talk_delivered_only"):
        return False
    delivered = noun.dep_ in {"dobj", "pobj", "conj"} and noun.head.lower_ in words("delivery_verbs")
    modifiers = words("talk_modifiers")
    qualified = any(child.lower_ in modifiers for child in noun.lefts)
    previous = noun.doc[noun.i - 1].lower_ if noun.i > 0 else ""
    return not (delivered or qualified or previous in modifiers)


TITLE_RULES: tuple[Rule[TitleCandidate], ...] = (
    Rule("quotation-not-title", _is_quotation),
    Rule("gathering-name-not-talk", _names_gathering),
    Rule("titled-thing-not-talk", _names_other_thing),
    Rule("named-without-talk-word", _names_nothing),
    Rule("address-not-delivered", _undelivered),
    Rule("title-is-a-name", lambda c: c.how == "details" and c.names_person),
)


def _runs_the_talk(s: SpeakerCandidate) -> bool:
    """Moderators, chairs and hosts: "moderated by X", "X will moderate", "Moderator: X", "host X"."""
    moderators = words("moderator_words")
    if s.how == "listed":  # in an event-details block the list's label decides
        return any(word.casefold() in moderators for word in s.lead.split())
    return s.run_by or (s.token is not None and _governed_by(s.token, moderators))


def _governed_by(token: Token, vocabulary: frozenset[str]) -> bool:
    """The clause the word belongs to is about running the talk ("Zoe Hart will moderate", "moderated by
    Zoe Hart"), or the word is described as its runner ("moderator Zoe Hart", "Zoe Hart, the host"; a job
    title such as "Chair of the Board" is no such description)."""
    describing = vocabulary - words("titles") - words("title_heads")
    if any(child.lower_ in describing for child in token.children if child.dep_ in {"compound", "appos"}):
        return True
    if token.dep_ == "appos" and token.head.lower_ in describing:
        return True
    head = token
    for _ in range(4):
        if head.dep_ not in {"nsubj", "nsubjpass", "pobj", "agent", "compound", "appos", "conj", "dobj"}:
            return False
        head = head.head
        if head.lower_ in vocabulary:
            return True
        if head.tag_ in VERB_TAGS:
            return False
    return False


SPEAKER_RULES: tuple[Rule[SpeakerCandidate], ...] = (
    Rule("moderator-not-speaker", _runs_the_talk),
    Rule("organization-hosts-session", lambda s: s.session and isinstance(s.record, Organization)),
)

TALK_RULES: tuple[Rule[Talk], ...] = (
    Rule("session-without-named-speaker", lambda t: t.session and not t.speakers),
)

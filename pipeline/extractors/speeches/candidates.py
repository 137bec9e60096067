"""What the speeches stage decides about: a title found in the text, a possible speaker of it, and a
talk (a title with its speakers). The named rules in rules.py read these."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...knowledge import words
from ...models import Mention, Organization, Person

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def is_talk_word(token: Token | None) -> bool:
    return token is not None and token.lower_ in words("talk_words") | words("session_words")


def is_session_word(token: Token | None) -> bool:
    """A talk several people give (a panel, a session): every named panelist is a speaker."""
    return token is not None and token.lower_ in words("session_words")


@dataclass(frozen=True)
class TitleCandidate:
    """A title and where it was found: `noun` is the titled thing ("panel", "book"), `anchor` the token
    the speaker is read from; `closed_at` is the offset of the closing quote of a quoted title."""

    doc: Doc
    start: int
    end: int
    anchor: int
    noun: int | None
    how: str  # named, quoted, on, spoke-on, topic, details
    closed_at: int | None = None
    names_person: bool = False  # the title starts with a person's name ("Keynote: Ada Kim, CEO")

    @property
    def noun_token(self) -> Token | None:
        return self.doc[self.noun] if self.noun is not None else None

    @property
    def session(self) -> bool:
        return is_session_word(self.noun_token)


Speaker = Person | Organization | None


@dataclass(frozen=True)
class SpeakerCandidate:
    """Someone the text ties to a talk, and how (`how`: subject, featured, by, possessive, follow-up,
    nearest, pronoun, one-word, listed); `lead` is the label of the details list that named them."""

    name: str
    record: Speaker
    mention: Mention | None
    token: Token | None
    how: str
    session: bool
    lead: str = ""
    run_by: bool = False  # right after "moderated by", "hosted by", "chaired by"


@dataclass
class Talk:
    """A title that passed the title rules, with the speakers that passed the speaker rules."""

    title: TitleCandidate
    speakers: list[SpeakerCandidate] = field(default_factory=list)

    @property
    def session(self) -> bool:
        return self.title.session

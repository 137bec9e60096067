"""What the stages share for one release: the release, its spaCy Doc (parsed once) and earlier results."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

from .models import Award, City, Dateline, Organization, Person, Release, Section, Speech

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass
class ReleaseContext:
    """Mutable working state of one release; each stage fills its own fields and reads earlier ones."""

    release: Release
    nlp: Language
    sections: list[Section] = field(default_factory=list)
    dateline: Dateline = field(default_factory=Dateline)
    people: list[Person] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    cities: list[City] = field(default_factory=list)
    speeches: list[Speech] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.release.text

    @cached_property
    def doc(self) -> Doc:
        """The spaCy parse of the whole text, made on first use and shared by every later stage."""
        return self.nlp(parser_text(self.release.text))

    def section(self, kind: str) -> Section | None:
        return next((s for s in self.sections if s.kind == kind), None)


# spaCy's tokenizer splits a long run of punctuation one character at a time, in quadratic time
# (50,000 quote marks take minutes). Such runs are never names, so the parser sees letters instead.
_LONG_RUN = re.compile(r"\S{1000,}")


def parser_text(text: str) -> str:
    """The text spaCy parses: the release text with every whitespace-free run of 1,000+ characters
    replaced by as many "x", so character offsets stay the same."""
    return _LONG_RUN.sub(lambda m: "x" * len(m.group()), text)


class StageFunction(Protocol):
    def __call__(self, ctx: ReleaseContext) -> None: ...

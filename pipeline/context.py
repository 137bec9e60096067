"""What the stages share for one release: the release, its spaCy Doc (parsed once) and earlier results."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from .models import Award, City, Dateline, Organization, Person, Release, Section, Speech
from .parsing import parse

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .extractors.blocks import Structure


def _no_structure() -> Structure:
    from .extractors.blocks import Structure  # here, not at the top: the extractors import this module

    return Structure("", ())


@dataclass
class ReleaseContext:
    """Mutable working state of one release; each stage fills its own fields and reads earlier ones."""

    release: Release
    nlp: Language
    sections: list[Section] = field(default_factory=list)
    structure: Structure = field(default_factory=_no_structure)
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
        """The spaCy parse of the whole text, made on first use and shared by every later stage; its
        sentences never cross the structure layer's blocks."""
        return parse(self.nlp, self.release.text, sentence_starts=self.sentence_starts())

    def sentence_starts(self) -> list[int]:
        """Where the layout says a sentence starts: every block and section of the structure stage."""
        return [block.start for block in self.structure.blocks] + [s.start for s in self.sections]

    def section(self, kind: str) -> Section | None:
        return next((s for s in self.sections if s.kind == kind), None)

"""The stage registry: run order and versions in one place. Bump a version when behaviour changes."""

from __future__ import annotations

from dataclasses import dataclass

from .context import StageFunction
from .extractors import affiliations, awards, dateline, entities, speeches, structure


@dataclass(frozen=True)
class Stage:
    name: str
    version: int
    run: StageFunction

    @property
    def id(self) -> str:
        return f"{self.name}.v{self.version}"


STAGES: tuple[Stage, ...] = (
    Stage("structure", 1, structure.extract),
    Stage("dateline", 1, dateline.extract),
    Stage("entities", 2, entities.extract),
    Stage("affiliations", 2, affiliations.extract),
    Stage("speeches", 2, speeches.extract),
    Stage("awards", 2, awards.extract),
)

"""The stage registry: run order, versions and what each stage reads and writes, in one place.

Bump a stage's version when its behaviour changes: the manifest and the cache key record the versions.
"""

from __future__ import annotations

from . import affiliations, awards, dateline, entities, joins, speeches, structure
from .types import Stage

STAGES: tuple[Stage, ...] = (
    Stage("structure", 3, structure.extract, writes=("sections", "structure")),
    Stage("dateline", 2, dateline.extract, reads=("sections",), writes=("dateline",)),
    Stage(
        "entities", 20, entities.extract, reads=("sections",), writes=("people", "organizations", "cities")
    ),
    Stage(
        "affiliations",
        23,
        affiliations.extract,
        reads=("sections", "people", "organizations"),
        writes=("people",),
    ),
    Stage(
        "speeches",
        6,
        speeches.extract,
        reads=("sections", "structure", "people", "organizations"),
        writes=("speeches",),
    ),
    Stage(
        "awards",
        10,
        awards.extract,
        reads=("sections", "structure", "people", "organizations", "cities"),
        writes=("awards",),
    ),
    Stage(
        "joins",
        6,
        joins.extract,
        reads=("people", "organizations", "speeches", "awards"),
        writes=("organizations", "people"),
    ),
)


def check_order(stages: tuple[Stage, ...]) -> None:
    """Raise when a stage reads a field that no earlier stage writes (a registry edit put it too early)."""
    written: set[str] = set()
    for stage in stages:
        missing = [field for field in stage.reads if field not in written]
        if missing:
            raise ValueError(f"stage {stage.id} reads {', '.join(missing)} before any stage writes it")
        written.update(stage.writes)

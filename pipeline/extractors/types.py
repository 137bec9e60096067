"""The types every stage shares: the stage protocol and registry row, labelled spans and named rules."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

if TYPE_CHECKING:
    from ..context import ReleaseContext


class StageFunction(Protocol):
    def __call__(self, ctx: ReleaseContext) -> None: ...


@dataclass(frozen=True)
class Stage:
    """One registry row: what runs, under which versioned name, and which context fields it reads and
    writes (the release runner checks that every field read was written by an earlier stage)."""

    name: str
    version: int
    run: StageFunction
    reads: tuple[str, ...] = ()
    writes: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.name}.v{self.version}"


@dataclass(frozen=True)
class Labelled:
    """A span of the release's text with what it is: "award", "winner", "category", "title", ..."""

    label: str
    start: int
    end: int


T = TypeVar("T")


@dataclass(frozen=True)
class Rule(Generic[T]):
    """A named decision: `test` is true when the rule applies to a candidate (drops or re-types it)."""

    name: str
    test: Callable[[T], bool]


def first_rule(rules: Sequence[Rule[T]], candidate: T) -> str | None:
    """The name of the first rule that applies to `candidate`, in table order; None when none does.
    "Why was X dropped?" is answered by this name."""
    return next((rule.name for rule in rules if rule.test(candidate)), None)

"""Word lists the rules rely on: general knowledge about places and press releases, never devset strings."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def words(name: str) -> frozenset[str]:
    """The casefolded entries of `lexicon/<name>.txt`, one per line; '#' starts a comment."""
    text = files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    entries = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(entry.casefold() for entry in entries if entry)

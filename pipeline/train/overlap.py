"""Word-shingle overlap: keeps devset and corpus text out of the training set (a test checks it too)."""

from __future__ import annotations

import re
from collections.abc import Iterable

SHINGLE_WORDS = 8
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[tuple[str, ...]]:
    """Every run of eight consecutive words, lower-cased: robust to re-wrapping and punctuation."""
    words = [w.lower() for w in _WORD.findall(text)]
    return {tuple(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def shared_share(text: str, protected: set[tuple[str, ...]]) -> float:
    """The share of the text's shingles that also occur in the protected texts."""
    own = shingles(text)
    return len(own & protected) / len(own) if own else 0.0


def protected_shingles(texts: Iterable[str]) -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for text in texts:
        found |= shingles(text)
    return found

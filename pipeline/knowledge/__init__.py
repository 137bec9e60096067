"""What the rules know, as data: word lists (`words/*.txt`) and spaCy Matcher patterns
(`patterns/*.jsonl`). General knowledge about places and press releases, never devset strings; each
fact has one home here, and files are read and checked once per process.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files
from typing import Any

from ..errors import KnowledgeError


def _read(relative: str) -> str:
    return files(__package__).joinpath(relative).read_text(encoding="utf-8")


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of `words/<name>.txt` as written, in file order; '#' starts a comment."""
    lines = (line.split("#", 1)[0].strip() for line in _read(f"words/{name}.txt").splitlines())
    return tuple(line for line in lines if line)


@cache
def words(name: str) -> frozenset[str]:
    """The casefolded entries of `words/<name>.txt`."""
    return frozenset(entry.casefold() for entry in entries(name))


@cache
def patterns(name: str) -> tuple[tuple[str, list[dict[str, Any]]], ...]:
    """(label, pattern) rows of `patterns/<name>.jsonl`, in file order, for a spaCy Matcher or
    DependencyMatcher. A token attribute written `{"IN": "@list"}` means the entries of `words/list.txt`
    (casefolded for LOWER, as written otherwise), so a word list is not copied into patterns."""
    rows = []
    for number, line in enumerate(_read(f"patterns/{name}.jsonl").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            row = json.loads(line)
            label, pattern = row["label"], row["pattern"]
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise KnowledgeError(f"patterns/{name}.jsonl line {number}: {error}") from error
        if not isinstance(label, str) or not isinstance(pattern, list) or not pattern:
            raise KnowledgeError(
                f"patterns/{name}.jsonl line {number}: needs a label and a non-empty pattern"
            )
        rows.append((label, [_expanded(token) for token in pattern]))
    return tuple(rows)


def _expanded(token: dict[str, Any]) -> dict[str, Any]:
    """A pattern token with its "@list" references replaced by the list's entries."""
    out: dict[str, Any] = {}
    for key, value in token.items():
        if key == "RIGHT_ATTRS":  # a DependencyMatcher node: its token attributes
            value = _expanded(value)
        elif isinstance(value, dict):
            value = {
                op: _list_values(key, ref[1:]) if isinstance(ref, str) and ref.startswith("@") else ref
                for op, ref in value.items()
            }
        out[key] = value
    return out


def _list_values(attribute: str, name: str) -> list[str]:
    if attribute == "LOWER":
        return sorted(words(name))
    return list(entries(name))


@cache
def census_names(kind: str) -> frozenset[str]:
    """Lower-case given names ("given") or surnames ("surname") of the 1990 US census, as shipped by the
    `names` package (5,163 given names, 88,799 surnames)."""
    import names  # the package's data files only; its random-name functions are not used

    data = files(names)
    sources = ("dist.female.first", "dist.male.first") if kind == "given" else ("dist.all.last",)
    return frozenset(
        line.split(" ", 1)[0].lower()
        for source in sources
        for line in data.joinpath(source).read_text().splitlines()
    )


def is_common_word(word: str) -> bool:
    """A word English text uses at least once in a million words (wordfreq's Zipf scale >= 3), names
    included: "saving", "brains" and "dental" are, "Okafor" is not."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= 3.0


@cache
def legal_suffixes() -> tuple[str, ...]:
    """Company-form suffixes as written ("Inc.", "Co., Ltd."), longest first."""
    return tuple(sorted(entries("legal_suffixes"), key=len, reverse=True))


@cache
def legal_suffix_regex() -> re.Pattern[str]:
    """One legal suffix as written, as a whole word; spaces and commas inside a form may vary."""
    forms = [r"[\s,]{0,3}".join(re.escape(part) for part in re.split(r"[\s,]+", s)) for s in legal_suffixes()]
    return re.compile(rf"(?<![\w.])(?:{'|'.join(forms)})(?![\w])")

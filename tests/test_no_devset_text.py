"""No devset text in the code or the tests: rules and examples are written without the evaluation set, so
its scores measure how the rules do on releases they were not written for.

Scanned: the .py, .txt, .jsonl, .tsv and .json files under pipeline/ (not the generated
stage_fingerprints.json) and under tests/ (not this file). Two checks:
- no run of six consecutive words of a devset release (words are `\\w+`, casefolded, so re-wrapping,
  punctuation and case do not hide a copied sentence);
- no name of two words or more that the gold annotations list (a person, an organization, an award, an
  award's winner, a speaker or a talk's title), written as in the gold, case and all, as whole words.
  A name is generic, and may be written, when every one of its words (casefolded) is in GENERIC_WORDS:
  function words, honour words and a few everyday category words, so "Hall of Fame", "Mentor of the
  Year", "Gold Award" or "Best SUV" do not count, while "Harbor Robotics Awards" would.
Knowledge entries the code needs as they are, though they are devset text, are in ALLOWED_LINES. The
training set has its own, looser check (test_train.py: a release may share a few eight-word runs)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

from .conftest import DEVSET, ROOT

pytestmark = pytest.mark.skipif(not DEVSET.is_dir(), reason="../shared/devset is not beside the project")

RUN_WORDS = 6
SCANNED_SUFFIXES = {".py", ".txt", ".jsonl", ".tsv", ".json"}
NOT_SCANNED = {ROOT / "pipeline" / "stage_fingerprints.json", Path(__file__).resolve()}
_WORD = re.compile(r"\w+")

_GENERIC_GROUPS = (
    "a an and at for in of on or the to",  # function words
    "award awards prize honour honor medal hall fame year best most top grand",  # honours and ranks
    "gold silver bronze platinum",  # medals
    "small business company person team player mentor rookie leader global improved show",  # categories
    "car family luxury suv ev",  # everyday categories of vehicle awards
)
GENERIC_WORDS = frozenset(word for group in _GENERIC_GROUPS for word in group.split())

# (file, whole line) of knowledge entries, not comments, that are devset text; each is needed as written.
ALLOWED_LINES = {
    # The country's official name is one of China's aliases: datelines and places write it so, and the
    # six words of "the People's Republic of China" occur in devset releases as in any other.
    (
        "pipeline/knowledge/places.tsv",
        "country\tChina\t\t\tPRC|Mainland China|People's Republic of China|the People's Republic of China",
    ),
}


class Hit(NamedTuple):
    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text!r}"


def is_generic(name: str) -> bool:
    return all(word.casefold() in GENERIC_WORDS for word in _WORD.findall(name))


def _scanned_files() -> list[Path]:
    """The code, knowledge and tests, and the documents that explain them."""
    code = [
        path
        for folder in ("pipeline", "tests")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in SCANNED_SUFFIXES and path.is_file() and path.resolve() not in NOT_SCANNED
    ]
    documents = [ROOT / "README.md", ROOT / "CHANGELOG.md", ROOT / "training" / "GUIDE.md"]
    return sorted([*code, *(path for path in documents if path.is_file())])


def _devset_runs() -> set[tuple[str, ...]]:
    runs: set[tuple[str, ...]] = set()
    for path in (DEVSET / "docs").glob("*"):
        words = [w.casefold() for w in _WORD.findall(path.read_text(encoding="utf-8"))]
        runs.update(tuple(words[i : i + RUN_WORDS]) for i in range(len(words) - RUN_WORDS + 1))
    return runs


def _gold_names() -> set[str]:
    names: set[str] = set()
    for path in (DEVSET / "gold").glob("*.json"):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for person in gold["people"]:
            names.add(person["name"])
            names.update(a["organization"] for a in person["affiliations"] if a["organization"])
        names.update(gold["organizations"])
        for speech in gold["speeches"]:
            names.update((speech["speaker"], speech["title"]))
        for award in gold["awards"]:
            names.add(award["name"])
            names.update(award["winners"])
    return {name for name in names if len(_WORD.findall(name)) >= 2 and not is_generic(name)}


def _allowed_spans(path: str, text: str) -> list[tuple[int, int]]:
    return [
        m.span()
        for allowed_path, line in ALLOWED_LINES
        if allowed_path == path
        for m in re.finditer(rf"^{re.escape(line)}$", text, re.MULTILINE)
    ]


def _hits(find: Callable[[str], list[tuple[int, int]]]) -> list[Hit]:
    """Every hit `find(text)` yields as (start, end) in the scanned files, but those on allowed lines."""
    hits = []
    for file in _scanned_files():
        path = file.relative_to(ROOT).as_posix()
        text = file.read_text(encoding="utf-8")
        allowed = _allowed_spans(path, text)
        for start, end in find(text):
            if not any(a <= start and end <= b for a, b in allowed):
                hits.append(Hit(path, text.count("\n", 0, start) + 1, text[start:end]))
    return hits


def _copied_runs(text: str, runs: set[tuple[str, ...]]) -> list[tuple[int, int]]:
    """The spans of the longest stretches of words whose every six-word run is a devset run."""
    words = list(_WORD.finditer(text))
    keys = [w.group().casefold() for w in words]
    spans, i = [], 0
    while i <= len(words) - RUN_WORDS:
        j = i
        while j <= len(words) - RUN_WORDS and tuple(keys[j : j + RUN_WORDS]) in runs:
            j += 1
        if j > i:
            spans.append((words[i].start(), words[j + RUN_WORDS - 2].end()))
            i = j + RUN_WORDS - 1
        else:
            i += 1
    return spans


def _named(text: str, names: set[str]) -> list[tuple[int, int]]:
    return [
        m.span()
        for name in sorted(names)
        if name in text
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)
    ]


def test_no_six_word_run_of_a_devset_release() -> None:
    runs = _devset_runs()
    hits = _hits(lambda text: _copied_runs(text, runs))
    assert not hits, "devset text; write invented text of the same shape:\n" + "\n".join(map(str, hits))


def test_no_devset_name() -> None:
    names = _gold_names()
    hits = _hits(lambda text: _named(text, names))
    assert not hits, "devset names; invent names of the same kind:\n" + "\n".join(map(str, hits))


def test_the_allowed_lines_are_still_there() -> None:
    """An allowed entry that changed or went away leaves the allow-list: it must stay exact."""
    missing = [
        (path, line)
        for path, line in ALLOWED_LINES
        if line not in (ROOT / path).read_text(encoding="utf-8").splitlines()
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("name", "generic"),
    [
        pytest.param("Hall of Fame", True, id="honour-phrase"),
        pytest.param("Mentor of the Year", True, id="category-of-the-year"),
        pytest.param("Best SUV", True, id="best-category"),
        pytest.param("Gold Award", True, id="medal-award"),
        pytest.param("Harbor Robotics Awards", False, id="named-award"),
        pytest.param("Ada Kim", False, id="person"),
        pytest.param("Small Business of the Tern", False, id="one-word-off-the-list"),
    ],
)
def test_a_name_is_generic_when_every_word_is_on_the_list(name: str, generic: bool) -> None:
    assert is_generic(name) is generic

"""Annotators list names by type; this marks every whole-word occurrence of each, longest first.

Run: python -m pipeline.train.spans [--check FILE ...]  (writes training/annotations.jsonl)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LABELS = ("PERSON", "ORG", "CITY", "TITLE")
MASK = "NOT_ENTITY"  # names whose inner names must stay unmarked: spans of their own, never entities
# A name inside a web or mail address ("https://acme.example/news") is part of the address, not a mention.
_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s)\]>]+|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    label: str


def _is_word_edge(text: str, index: int) -> bool:
    return index <= 0 or index >= len(text) or not (text[index - 1].isalnum() and text[index].isalnum())


def _occurrences(text: str, name: str) -> list[int]:
    found, start = [], text.find(name)
    while start != -1:
        if _is_word_edge(text, start) and _is_word_edge(text, start + len(name)):
            found.append(start)
        start = text.find(name, start + 1)
    return found


def spans_for(text: str, names: dict[str, list[str]]) -> tuple[list[Span], list[str]]:
    """Every occurrence of every listed name, longest names first; problems come back as flags."""
    flags: list[str] = []
    typed: dict[str, str] = {}
    for label in (*LABELS, MASK):
        for name in names.get(label, []):
            name = name.strip()
            if not name:
                continue
            if name in typed and typed[name] != label:
                flags.append(f"{name!r} listed as {typed[name]} and {label}")
                continue
            typed[name] = label
    taken: list[Span] = []
    occupied = [False] * len(text)
    for address in _ADDRESS.finditer(text):
        occupied[address.start() : address.end()] = [True] * (address.end() - address.start())
    for name in sorted(typed, key=lambda n: (-len(n), n)):
        starts = _occurrences(text, name)
        if not starts:
            flags.append(f"{name!r} ({typed[name]}) does not occur as a whole word")
        for start in starts:
            end = start + len(name)
            if any(occupied[start:end]):
                continue
            occupied[start:end] = [True] * (end - start)
            taken.append(Span(start, end, typed[name]))
    return sorted(taken, key=lambda s: (s.start, s.end)), flags


def load_names(path: Path) -> dict[str, list[str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if key in (*LABELS, MASK) and isinstance(value, list)}


Record = dict[str, Any]


def build(root: Path, reading: str = "names") -> tuple[list[Record], list[str]]:
    """One record per annotated release: its text and spans; flags name the release."""
    records: list[Record] = []
    flags: list[str] = []
    for names_path in sorted((root / reading).glob("*.json")):
        doc_id = names_path.stem
        text = (root / "docs" / f"{doc_id}.txt").read_text(encoding="utf-8")
        spans, doc_flags = spans_for(text, load_names(names_path))
        flags += [f"{doc_id}: {flag}" for flag in doc_flags]
        records.append({"id": doc_id, "text": text, "spans": [[s.start, s.end, s.label] for s in spans]})
    return records, flags


def annotations_jsonl(records: list[Record]) -> str:
    """The one serialisation of the spans: its hash names the training data in the shipped model's meta."""
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("training"))
    parser.add_argument("--check", nargs="*", type=Path, help="only report flags for these name files")
    args = parser.parse_args()
    if args.check is not None:
        problems = 0
        for names_path in args.check:
            text = (args.root / "docs" / f"{names_path.stem}.txt").read_text(encoding="utf-8")
            spans, flags = spans_for(text, load_names(names_path))
            problems += len(flags)
            print(f"{names_path.stem}: {len(spans)} spans" + "".join(f"\n  FLAG {f}" for f in flags))
        sys.exit(1 if problems else 0)
    records, flags = build(args.root)
    (args.root / "annotations.jsonl").write_text(annotations_jsonl(records), encoding="utf-8")
    print(f"{len(records)} releases, {sum(len(r['spans']) for r in records)} spans")
    for flag in flags:
        print("FLAG", flag)


if __name__ == "__main__":
    main()

"""Agreement between the first and the second reading: F1 of exact spans by type, over the releases
read twice. Run: python -m pipeline.train.agreement"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from pipeline.train.corpus import release_part
from pipeline.train.spans import LABELS, load_names, spans_for


def agreement(root: Path) -> dict[str, tuple[int, int, int]]:
    """(both, first only, second only) span counts per label and overall ("ALL")."""
    counts: Counter[tuple[str, str]] = Counter()
    for second_path in read_twice(root):
        first_path = root / "names" / second_path.name
        text = (root / "docs" / f"{second_path.stem}.txt").read_text(encoding="utf-8")
        end = len(release_part(text))  # what the model is trained on
        first = {s for s in spans_for(text, load_names(first_path))[0] if s.end <= end}
        second = {s for s in spans_for(text, load_names(second_path))[0] if s.end <= end}
        for label in LABELS:
            a = {s for s in first if s.label == label}
            b = {s for s in second if s.label == label}
            counts[label, "both"] += len(a & b)
            counts[label, "first"] += len(a - b)
            counts[label, "second"] += len(b - a)
    table = {
        label: (counts[label, "both"], counts[label, "first"], counts[label, "second"]) for label in LABELS
    }
    table["ALL"] = tuple(sum(row[i] for row in table.values()) for i in range(3))  # type: ignore[assignment]
    return table


def read_twice(root: Path) -> list[Path]:
    """The second readings whose release has a first reading too."""
    return [p for p in sorted((root / "second").glob("*.json")) if (root / "names" / p.name).is_file()]


def f1(both: int, first_only: int, second_only: int) -> float:
    return 2 * both / (2 * both + first_only + second_only) if both else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("training"))
    args = parser.parse_args()
    print(f"{len(read_twice(args.root))} releases read twice\n")
    print("| type | both | first only | second only | F1 |\n|---|---|---|---|---|")
    for label, (both, first, second) in agreement(args.root).items():
        print(f"| {label} | {both} | {first} | {second} | {f1(both, first, second):.3f} |")


if __name__ == "__main__":
    main()

"""A pull request's job summary from a `diff` report: the table in view, each release's changes folded,
the whole under GitHub's 1 MiB summary limit with a note of what was cut.

    python scripts/pr_summary.py build/pr-diff.md > build/pr-summary.md
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# GitHub refuses a step summary over 1 MiB; the rest of the room is for the note.
LIMIT_BYTES = 1_000_000


def summarise(report: str, limit: int = LIMIT_BYTES) -> str:
    """The report with its per-release sections folded into one <details>, cut whole sections at a
    time so that the result stays under `limit` bytes."""
    head, _, releases = report.partition("\n### ")
    sections = [f"### {section}" for section in releases.split("\n### ")] if releases else []
    kept: list[str] = []
    size = len(head.encode("utf-8")) + 200
    for section in sections:
        size += len(section.encode("utf-8")) + 1
        if size > limit:
            break
        kept.append(section)
    parts = [head.rstrip("\n"), ""]
    if sections:
        parts += ["<details><summary>Changes per release</summary>", "", *kept, "</details>", ""]
    if len(kept) < len(sections):
        parts.append(
            f"**{len(sections) - len(kept)} of {len(sections)} changed releases not shown** (the summary is "
            "capped below 1 MiB); the review page artifact and `make pr-diff` show them all."
        )
    return "\n".join(parts) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("report", type=Path, help="a markdown report of `python -m pipeline diff`")
    args = parser.parse_args()
    sys.stdout.write(summarise(args.report.read_text(encoding="utf-8")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Robustness run: every release of a corpus through the real worker pool, with per-release times.

Reports crashes (rejects from a stage, the validator or a dying worker), releases over the time budget
and the slowest releases. Exits 1 if anything crashed or ran over the budget.

    .venv/bin/python scripts/robustness.py ../shared/corpora/press-release-archive-5000.jsonl --workers 2
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from pipeline.models import Reject, Release
from pipeline.pool import ReleasePool
from pipeline.readers import iter_inputs
from pipeline.runner import load_model
from pipeline.settings import DEFAULT_MODEL, DEFAULT_TIME_BUDGET


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("inputs", nargs="+", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-budget", type=float, default=DEFAULT_TIME_BUDGET)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--slowest", type=int, default=10)
    args = parser.parse_args()

    nlp = load_model(args.model)
    read_rejects: list[Reject] = []

    def releases() -> Iterator[Release]:
        for item in iter_inputs(args.inputs):
            if isinstance(item, Reject):
                read_rejects.append(item)
            else:
                yield item

    started = time.monotonic()
    times: list[tuple[float, str, int]] = []
    failures: Counter[str] = Counter()
    examples: dict[str, str] = {}
    with ReleasePool(nlp, args.workers, args.time_budget) as pool:
        for finished in pool.map(releases()):
            times.append((finished.seconds, finished.release.doc_id, len(finished.release.text)))
            if isinstance(finished.outcome, Reject):
                failures[finished.outcome.stage] += 1
                examples.setdefault(
                    finished.outcome.stage, f"{finished.release.doc_id}: {finished.outcome.error}"
                )
            if len(times) % 500 == 0:
                print(f"  {len(times):,} releases ...", file=sys.stderr, flush=True)
    wall = time.monotonic() - started

    total = sum(t for t, _, _ in times)
    print(
        f"releases: {len(times):,}, read rejects: {len(read_rejects):,}, wall {wall:.1f}s, "
        f"extraction {total:.1f}s (mean {1000 * total / max(1, len(times)):.0f} ms)"
    )
    over = failures.pop("time-budget", 0)
    print(f"over the {args.time_budget:g} s budget: {over}")
    print(f"crashes: {sum(failures.values())} {dict(failures) or ''}")
    for stage, example in examples.items():
        print(f"  e.g. [{stage}] {example[:300]}")
    print(f"slowest {args.slowest}:")
    for seconds, doc_id, chars in sorted(times, reverse=True)[: args.slowest]:
        print(f"  {seconds:7.2f}s  {chars:>9,} chars  {doc_id}")
    return 1 if over or failures else 0


if __name__ == "__main__":
    raise SystemExit(main())

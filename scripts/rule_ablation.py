"""Does each entity filter still pay? The devset's F1 with every named rule of the entity filters left out,
one at a time, against the F1 with all of them (the model's parse is made once per release and reused).
With --sample, also how many people, organizations and cities of those releases (no gold) each rule
keeps out: a rule that changes nothing on the devset and nothing on the sample is dead weight.

    .venv/bin/python scripts/rule_ablation.py [--model NAME] [--sample releases.jsonl]
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pipeline import context
from pipeline.evaluate import evaluate, load_groups
from pipeline.extractors.entities import filters
from pipeline.models import Release
from pipeline.readers import iter_inputs
from pipeline.release import extract_release
from pipeline.runner import load_model
from pipeline.settings import DEFAULT_MODEL
from pipeline.writers import write_dataset

DEVSET = Path(__file__).resolve().parent.parent.parent / "shared" / "devset"
TABLES = ("PERSON_SHAPE_RULES", "PERSON_RULES", "ORG_RULES", "CITY_RULES")
TYPES = ("people", "organizations", "cities", "affiliations")


def _memoised(parse: Callable[..., Any]) -> Callable[..., Any]:
    """The parse depends on the text alone; the filters run after it, so one parse per release serves all."""
    docs: dict[str, Any] = {}

    def parse_once(nlp: Any, text: str, **kwargs: Any) -> Any:
        if text not in docs:
            docs[text] = parse(nlp, text, **kwargs)
        return docs[text]

    return parse_once


def scores(releases: list[Release], nlp: Any) -> dict[str, dict[str, float]]:
    """F1 per record type, for all releases and each devset group."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out"

        def records() -> Iterator[Any]:
            return (extract_release(release, nlp) for release in releases)

        write_dataset(out, records(), [], {"pipeline": "ablation"}, [])
        report = evaluate(DEVSET / "gold", out, load_groups(DEVSET / "groups.json"))
    table = {"all": {t: report.counts[t].f1 for t in TYPES}}
    table.update({g: {t: c[t].f1 for t in TYPES} for g, c in report.groups.items()})
    return table


def names_of(releases: list[Release], nlp: Any) -> set[tuple[str, str, str]]:
    """(doc_id, type, name) of every person, organization and city extracted from `releases`."""
    found: set[tuple[str, str, str]] = set()
    for release in releases:
        records = extract_release(release, nlp)
        for kind in ("people", "organizations", "cities"):
            found |= {(release.doc_id, kind, r.name) for r in getattr(records, kind)}
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--sample", type=Path, default=None, help="releases without gold: records changed")
    args = parser.parse_args()
    nlp = load_model(args.model)
    context.parse = _memoised(context.parse)  # type: ignore[assignment]
    releases = [r for r in iter_inputs([DEVSET / "docs"]) if isinstance(r, Release)]
    sample = [r for r in iter_inputs([args.sample]) if isinstance(r, Release)] if args.sample else []
    sample_base = names_of(sample, nlp) if sample else set()
    base = scores(releases, nlp)
    print(
        f"Devset F1 with every rule ({args.model}): " + ", ".join(f"{t} {base['all'][t]:.3f}" for t in TYPES)
    )
    print("\nF1 change when the rule is left out (negative: the rule pays; all / original / newer)\n")
    print("| table | rule | " + " | ".join(TYPES) + " | sample: records added / removed |")
    print("|---|---|" + "---|" * (len(TYPES) + 1))
    for table_name in TABLES:
        table = getattr(filters, table_name)
        for rule in table:
            setattr(filters, table_name, tuple(r for r in table if r is not rule))
            without = scores(releases, nlp)
            sample_without = names_of(sample, nlp) if sample else set()
            setattr(filters, table_name, table)
            cells = [
                " / ".join(f"{without[g][t] - base[g][t]:+.3f}" for g in ("all", "original", "newer"))
                for t in TYPES
            ]
            changed = f"{len(sample_without - sample_base)} / {len(sample_base - sample_without)}"
            print(f"| {table_name} | {rule.name} | " + " | ".join(cells) + f" | {changed} |", flush=True)


if __name__ == "__main__":
    main()

"""Choose the training releases from the archive: every wire and kind of release, no devset or corpus text.

Run: python -m pipeline.train.select  (writes training/docs/<id>.txt; fixed seed, so it reproduces)
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from pipeline.train.overlap import protected_shingles, shared_share

SEED = 20261130
MIN_CHARS, MAX_CHARS = 800, 12_000
MAX_PROTECTED_SHARE = 0.05
# A release's kind decides its stratum, so awards, talks and appointments are not drowned by finance wires.
KIND_CUES: dict[str, re.Pattern[str]] = {
    "awards": re.compile(r"\b(award(?:s|ed)?|winners?|honou?rees?|prize|inducted|recipients?)\b", re.I),
    "events": re.compile(r"\b(keynote|panel(?:ist)?s?|speakers?|summit|conference|webinar|fireside)\b", re.I),
    "appointments": re.compile(
        r"\b(appoint(?:s|ed|ment)|joins|hires|named (?:as )?(?:chief|president|ceo))\b", re.I
    ),
    "public": re.compile(r"\b(city council|county|mayor|governor|ministry|department of|municipal)\b", re.I),
    "finance": re.compile(r"\b(revenue|quarter|financing|nasdaq|nyse|otc|token|shareholders?)\b", re.I),
    "launches": re.compile(r"\b(launch(?:es|ed)?|introduces|unveils|now available)\b", re.I),
}
QUOTA = {
    "awards": 55,
    "events": 55,
    "appointments": 50,
    "public": 40,
    "finance": 50,
    "launches": 45,
    "other": 35,
}
# From round 3 on, releases are chosen by what the model met too rarely in rounds 1-2: names in lists
# (one per line, bullets, table rows), and international and government releases, with longer texts.
PHENOMENON_QUOTA = {"lists": 60, "international": 40}
_INTERNATIONAL = re.compile(
    r"\b(Province|Ministry|People['’]s|Municipal|Beijing|Shanghai|Shenzhen|Hong Kong|Singapore|Tokyo|Seoul|"
    r"Dubai|Mumbai|Jakarta|Manila|Bangkok|Kuala Lumpur|Sydney|London|Paris|Berlin|Nairobi|Lagos)\b"
)
MIN_LIST_BLOCKS = 6
MAX_WIRE_SHARE = 0.25
ARCHIVE = Path("../shared/corpora/press-release-archive-5000.jsonl")


def kind_of(text: str) -> str:
    """The first kind whose cue words occur at least twice (once is too often a passing mention)."""
    for kind, cue in KIND_CUES.items():
        if len(cue.findall(text)) >= 2:
            return kind
    return "other"


def phenomenon_of(text: str) -> str:
    """ "lists" when six or more blocks are list items, table rows or short lines before the trailing link
    block; else "international" when foreign or government places recur; else "other" (not chosen)."""
    from pipeline.extractors.blocks import find_blocks

    structure = find_blocks(text)
    release = [b for b in structure.blocks if b.end <= structure.trailer_start]
    listed = [b for b in release if b.kind in ("item", "row", "line")]
    if len(listed) >= MIN_LIST_BLOCKS:
        return "lists"
    return "international" if len(_INTERNATIONAL.findall(text)) >= 2 else "other"


def wire_of(release_id: str) -> str:
    return release_id.split("-", 1)[0]


def choose(
    rows: list[dict[str, str]],
    protected_texts: list[str],
    chosen_before: set[str],
    quota: dict[str, int],
    kind_of: Callable[[str], str] = kind_of,
    max_chars: int = MAX_CHARS,
) -> list[dict[str, str]]:
    """Shuffle with a fixed seed and fill each kind's quota, capping any one wire's share. Releases chosen
    in an earlier round stay out, and so do their headlines."""
    protected = protected_shingles(protected_texts)
    rng = random.Random(SEED)
    pool = [r for r in rows if MIN_CHARS <= len(r["text"]) <= max_chars]
    rng.shuffle(pool)
    quota = {**quota, "other": quota.get("other", 0)}
    wire_cap = int(sum(quota.values()) * MAX_WIRE_SHARE)
    by_kind: dict[str, list[dict[str, str]]] = defaultdict(list)
    per_wire: dict[str, int] = defaultdict(int)
    seen_heads = {_head(r["text"]) for r in rows if r["id"] in chosen_before}
    for row in pool:
        if row["id"] in chosen_before:
            continue
        kind = kind_of(row["text"])
        head = _head(row["text"])
        full = len(by_kind[kind]) >= quota[kind] or per_wire[wire_of(row["id"])] >= wire_cap
        if full or head in seen_heads:
            continue
        if shared_share(row["text"], protected) > MAX_PROTECTED_SHARE:
            continue
        by_kind[kind].append(row)
        per_wire[wire_of(row["id"])] += 1
        seen_heads.add(head)
    return sorted((r for chosen in by_kind.values() for r in chosen), key=lambda r: r["id"])


def _head(text: str) -> str:
    return text.split("\n", 1)[0].strip().lower()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--archive", type=Path, default=ARCHIVE)
    parser.add_argument("--devset", type=Path, default=Path("../shared/devset/docs"))
    parser.add_argument("--out", type=Path, default=Path("training/docs"))
    parser.add_argument(
        "--round",
        type=int,
        default=1,
        help="1: the first 330; even rounds: 166 more of the same kinds; odd rounds from 3: 100 with lists"
        " or international and government places; earlier rounds' releases stay as they are",
    )
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.archive.open(encoding="utf-8")]
    protected = [p.read_text(encoding="utf-8") for p in sorted(args.devset.glob("*.txt"))]
    protected += [p.read_text(encoding="utf-8") for p in sorted(Path("corpus").glob("*")) if p.is_file()]
    before = {p.stem for p in args.out.glob("*.txt")} if args.round > 1 else set()
    if args.round == 1 or args.round % 2 == 0:
        scale = 1.0 if args.round == 1 else 0.5
        chosen = choose(rows, protected, before, {kind: round(n * scale) for kind, n in QUOTA.items()})
    else:
        chosen = choose(rows, protected, before, PHENOMENON_QUOTA, phenomenon_of, max_chars=20_000)
    args.out.mkdir(parents=True, exist_ok=True)
    for row in chosen:
        (args.out / f"{row['id']}.txt").write_text(row["text"], encoding="utf-8")
    print(f"{len(chosen)} releases -> {args.out}")


if __name__ == "__main__":
    main()

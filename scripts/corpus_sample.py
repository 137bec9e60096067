"""The archive releases in `corpus/`: a fixed sample, so the committed dataset and every pull request's
review show a rule change's effect on real releases, not only on the seed.

About 100 releases of ../shared/corpora/press-release-archive-5000.jsonl (CC0), drawn with a fixed
seed in proportion to each wire's share of the archive (at least one from every wire), leaving out the
releases of training/ and any release that shares text with the devset or the training set (eight-word
shingles, as the training check does), in both directions: no training release may come to share more
than 5% of its text with corpus/ (the training check, tests/test_train.py), so wires whose every
release carries a long boilerplate the training set holds too (ibn) are left out. Re-running it
writes the same file:

    python scripts/corpus_sample.py ../shared/corpora/press-release-archive-5000.jsonl \
        ../shared/devset/docs training/docs --out corpus/archive-sample.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.dataset import dumps
from pipeline.train.overlap import protected_shingles, shared_share, shingles

SEED = 2026
SIZE = 112  # by the archive's shares, about 100 once the wires that cannot be admitted (ibn) drop out
MAX_SHARED = 0.05  # a release this much of whose text is in a protected text is a near-duplicate


def wire(doc_id: str) -> str:
    return doc_id.split("-", 1)[0]


def sample(
    archive: list[dict[str, str]], devset: set[tuple[str, ...]], training: dict[str, set[tuple[str, ...]]]
) -> list[dict[str, str]]:
    """SIZE releases, by wire in proportion (at least one each), in archive order."""
    by_wire: dict[str, list[dict[str, str]]] = defaultdict(list)
    for item in archive:
        by_wire[wire(item["id"])].append(item)
    guard = _TrainingGuard(training, devset)
    protected = devset.union(*training.values())
    rng = random.Random(SEED)
    chosen: list[dict[str, str]] = []
    for name in sorted(by_wire):
        candidates = by_wire[name][:]
        rng.shuffle(candidates)
        quota = max(1, round(SIZE * len(candidates) / len(archive)))
        for item in candidates:
            if quota == 0:
                break
            if item["id"] in training or shared_share(item["text"], protected) > MAX_SHARED:
                continue
            if guard.admit(shingles(item["text"])):
                chosen.append(item)
                quota -= 1
    order = {item["id"]: number for number, item in enumerate(archive)}
    return sorted(chosen, key=lambda item: order[item["id"]])


class _TrainingGuard:
    """Keeps every training release's share of text found in the protected texts and the corpus chosen
    so far at most MAX_SHARED."""

    def __init__(self, training: dict[str, set[tuple[str, ...]]], protected: set[tuple[str, ...]]) -> None:
        self.sizes = {doc: len(own) or 1 for doc, own in training.items()}
        self.shared = {doc: len(own & protected) for doc, own in training.items()}
        self.index: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for doc, own in training.items():
            for shingle in own - protected:
                self.index[shingle].append(doc)

    def admit(self, new: set[tuple[str, ...]]) -> bool:
        gained: dict[str, int] = defaultdict(int)
        for shingle in new:
            for doc in self.index.get(shingle, ()):
                gained[doc] += 1
        if any((self.shared[doc] + count) / self.sizes[doc] > MAX_SHARED for doc, count in gained.items()):
            return False
        for doc, count in gained.items():
            self.shared[doc] += count
        for shingle in new:
            self.index.pop(shingle, None)  # counted once: it is protected from now on
        return True


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("archive", type=Path)
    parser.add_argument("devset_docs", type=Path)
    parser.add_argument("training_docs", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    with args.archive.open(encoding="utf-8") as lines:  # not splitlines(): the texts hold U+2028
        archive = [json.loads(line) for line in lines if line.strip()]
    devset = protected_shingles(p.read_text(encoding="utf-8") for p in sorted(args.devset_docs.glob("*")))
    training = {p.stem: shingles(p.read_text(encoding="utf-8")) for p in sorted(args.training_docs.glob("*"))}
    chosen = sample(archive, devset, training)
    args.out.write_text("".join(dumps({"id": i["id"], "text": i["text"]}) + "\n" for i in chosen), "utf-8")
    print(f"{len(chosen)} releases written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

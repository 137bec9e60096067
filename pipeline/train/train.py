"""make train: spans from training/names, spaCy's training from en_core_web_sm's weights, the devset
scores of the result, and (with --ship) the trained pipeline written to models/ with its meta.

Run: python -m pipeline.train.train --variant own --ship
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

from pipeline.settings import BASE_MODEL, MODELS_DIR, SHIPPED_MODEL
from pipeline.train.corpus import read_annotations, split, write_docbin
from pipeline.train.spans import annotations_jsonl, build

TRAINING = Path("training")
CONFIGS = {"own": TRAINING / "config-own.cfg", "listener": TRAINING / "config-listener.cfg"}
DEVSET = Path("../shared/devset")


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_annotations(root: Path = TRAINING) -> Path:
    """training/annotations.jsonl from the name lists; stops on a flag (a name that does not occur)."""
    records, flags = build(root)
    if flags:
        raise SystemExit("fix training/names first:\n" + "\n".join(flags))
    path = root / "annotations.jsonl"
    path.write_text(annotations_jsonl(records), encoding="utf-8")
    return path


def train(variant: str, share: float, work: Path, annotations: Path | None = None) -> Path:
    """Train one variant on `share` of the training releases (from `annotations`, else built afresh from
    training/names); returns the best pipeline's folder."""
    import spacy
    from spacy.cli.train import train as spacy_train

    records = read_annotations(annotations or write_annotations())
    train_records, held_out = split(records, share)
    base = spacy.load(BASE_MODEL)  # its tokenizer makes the Docs, its NER alone gives the rehearsed places
    base.select_pipes(enable=["ner"])
    lost = write_docbin(base, train_records, work / "train.spacy", base)
    lost += write_docbin(base, held_out, work / "dev.spacy", base)
    print(f"{len(train_records)} training releases, {len(held_out)} held out, {lost} spans off token edges")
    overrides = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy")}
    spacy_train(CONFIGS[variant], work / "spacy", overrides=overrides)
    return work / "spacy" / "model-best"


def devset_scores(model: Path, work: Path) -> dict[str, dict[str, float]]:
    """F1 per record type on the devset (never trained on), for all releases and each group."""
    from pipeline.evaluate import evaluate, load_groups
    from pipeline.runner import RunOptions, run_extract

    out = work / "devset-out"
    run_extract([DEVSET / "docs"], out, RunOptions(model=str(model), workers=2))
    report = evaluate(DEVSET / "gold", out, load_groups(DEVSET / "groups.json"))
    scores = {"all": {t: round(c.f1, 3) for t, c in report.counts.items()}}
    for group, counts in report.groups.items():
        scores[group] = {t: round(c.f1, 3) for t, c in counts.items()}
    return scores


def ship(model: Path, variant: str, scores: dict[str, Any]) -> Path:
    """Copy the trained pipeline to models/ with a meta naming its data, config and devset scores."""
    data_hash = sha256_of(TRAINING / "annotations.jsonl")
    config_hash = sha256_of(CONFIGS[variant])
    target = MODELS_DIR / SHIPPED_MODEL
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(model, target)
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        name=SHIPPED_MODEL.replace("-", "_"),
        version="1.0.0+" + hashlib.sha256((data_hash + config_hash).encode()).hexdigest()[:12],
        description="en_core_web_sm's tok2vec, tagger and parser with a NER trained on training/",
        training={
            "data_sha256": data_hash,
            "config": str(CONFIGS[variant]),
            "config_sha256": config_hash,
            "base_model": BASE_MODEL,
            "seed": 0,
        },
        devset_scores=scores,
    )
    meta_path.write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--variant", choices=sorted(CONFIGS), default="own")
    parser.add_argument("--share", type=float, default=1.0, help="share of training/ to train on (curve)")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default build/train/...)")
    parser.add_argument("--ship", action="store_true", help="write the result to models/")
    parser.add_argument("--annotations", type=Path, default=None, help="train on this annotations.jsonl")
    args = parser.parse_args()
    work = args.work or Path("build/train") / f"{args.variant}-{args.share:g}"
    if args.ship and args.annotations:
        parser.error("--ship trains on training/ as it is, not on --annotations")
    model = train(args.variant, args.share, work, args.annotations)
    scores = devset_scores(model, work)
    print(json.dumps(scores, indent=1))
    (work / "devset_scores.json").write_text(json.dumps(scores, indent=1) + "\n", encoding="utf-8")
    if args.ship:
        print("shipped", ship(model, args.variant, scores))


if __name__ == "__main__":
    main()

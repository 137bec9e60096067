"""The training tools: names become spans, the split is stable, devset text stays out, the shipped
model was built from the training data as it is now."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from pipeline.models import Release
from pipeline.readers import iter_inputs
from pipeline.settings import MODELS_DIR, SHIPPED_MODEL
from pipeline.train.corpus import split, to_docs
from pipeline.train.overlap import protected_shingles, shared_share
from pipeline.train.select import MAX_PROTECTED_SHARE
from pipeline.train.spans import Span, annotations_jsonl, build, spans_for

from .conftest import DEVSET

ROOT = Path(__file__).resolve().parent.parent
TRAINING = ROOT / "training"
DEVSET_DOCS = DEVSET / "docs"


def _marked(text: str, names: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.label) for s in spans_for(text, names)[0]]


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        pytest.param(
            "Acme Holdings Inc. said Acme grew.",
            {"ORG": ["Acme", "Acme Holdings Inc."]},
            [("Acme Holdings Inc.", "ORG"), ("Acme", "ORG")],
            id="longest-name-first",
        ),
        pytest.param(
            "Ann Lee spoke at the Annual Meeting; Lee agreed.",
            {"PERSON": ["Ann Lee", "Lee", "Ann"]},
            [("Ann Lee", "PERSON"), ("Lee", "PERSON")],
            id="whole-words-only",
        ),
        pytest.param(
            "The Salem Innovation Award went to a firm in Salem.",
            {"CITY": ["Salem"], "NOT_ENTITY": ["Salem Innovation Award"]},
            [("Salem Innovation Award", "NOT_ENTITY"), ("Salem", "CITY")],
            id="place-inside-an-award-name-stays-unmarked",
        ),
        pytest.param(
            "Visit https://acme.example/acme-news or write to press@acme.example; Acme replies.",
            {"ORG": ["Acme", "acme"]},
            [("Acme", "ORG")],
            id="names-inside-addresses-unmarked",
        ),
        pytest.param(
            "Ada Kim, CEO of Harbor Robotics, in PORTLAND.",
            {"PERSON": ["Ada Kim"], "TITLE": ["CEO"], "ORG": ["Harbor Robotics"], "CITY": ["PORTLAND"]},
            [("Ada Kim", "PERSON"), ("CEO", "TITLE"), ("Harbor Robotics", "ORG"), ("PORTLAND", "CITY")],
            id="every-type",
        ),
    ],
)
def test_names_become_spans_at_every_occurrence(
    text: str, names: dict[str, list[str]], expected: list[tuple[str, str]]
) -> None:
    assert _marked(text, names) == expected


@pytest.mark.parametrize(
    ("names", "flag"),
    [
        pytest.param({"ORG": ["Acme Corp"]}, "does not occur", id="misspelt-name"),
        pytest.param({"ORG": ["Lee"], "PERSON": ["Lee"]}, "listed as PERSON and ORG", id="two-types"),
    ],
)
def test_problems_are_flagged(names: dict[str, list[str]], flag: str) -> None:
    _, flags = spans_for("Ann Lee works at Acme.", names)
    assert len(flags) == 1 and flag in flags[0]


def test_a_smaller_share_is_a_subset_and_the_held_out_part_never_moves() -> None:
    records = [{"id": f"release-{i}", "text": "", "spans": []} for i in range(50)]
    quarter, held_out = split(records, 0.25)
    whole, held_out_again = split(records)
    assert held_out == held_out_again and 0 < len(held_out) < 15  # about one in ten
    assert {r["id"] for r in quarter} < {r["id"] for r in whole}
    assert not {r["id"] for r in whole} & {r["id"] for r in held_out}


def test_adding_releases_never_moves_one_between_training_and_held_out() -> None:
    first = [{"id": f"release-{n}"} for n in range(300)]
    train, held_out = split(first)
    more_train, more_held_out = split([*first, *({"id": f"later-{n}"} for n in range(200))])
    assert {r["id"] for r in held_out} <= {r["id"] for r in more_held_out}
    assert {r["id"] for r in train} <= {r["id"] for r in more_train}
    assert 0 < len(held_out) < len(first) // 5


def test_places_the_annotation_leaves_out_are_rehearsed_from_the_base_model(nlp: object) -> None:
    text = "Acme opened in Salem, Oregon, and in France."
    spans = [[0, 4, "ORG"], [15, 20, "CITY"]]
    (doc,), _ = to_docs(nlp, {"id": "x", "text": text, "spans": spans}, base=nlp)  # type: ignore[arg-type]
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Acme", "ORG"),
        ("Salem", "GPE"),
        ("Oregon", "GPE"),
        ("France", "GPE"),
    ]


def test_a_span_off_token_edges_is_unknown_not_outside(nlp: object) -> None:
    text = "In Salem, Acme.com grew. Ada Kim agreed."
    spans = [[text.find(name), text.find(name) + len(name), label] for name, label in _NAMED]
    (doc,), unaligned = to_docs(nlp, {"id": "x", "text": text, "spans": spans})  # type: ignore[arg-type]
    assert [(e.text, e.label_) for e in doc.ents] == [("Salem", "GPE"), ("Ada Kim", "PERSON")]
    assert unaligned == 1
    assert [t.ent_iob_ for t in doc if "Acme" in t.text] == [""]
    assert doc[0].ent_iob_ == "O"


_NAMED = [("Salem", "CITY"), ("Acme", "ORG"), ("Ada Kim", "PERSON")]


@pytest.mark.skipif(not DEVSET_DOCS.is_dir(), reason="../shared/devset is not beside the project")
def test_no_devset_or_corpus_text_in_training() -> None:
    protected = [p.read_text(encoding="utf-8") for p in DEVSET_DOCS.glob("*.txt")]
    # corpus/ read as the pipeline reads it: a JSONL file's releases, not its escaped JSON.
    protected += [r.text for r in iter_inputs([ROOT / "corpus"]) if isinstance(r, Release)]
    shingles = protected_shingles(protected)
    leaks = [
        p.name
        for p in sorted((TRAINING / "docs").glob("*.txt"))
        if shared_share(p.read_text(encoding="utf-8"), shingles) > MAX_PROTECTED_SHARE
    ]
    assert leaks == []


def test_every_annotated_release_has_its_text_and_no_flags() -> None:
    records, flags = build(TRAINING)
    assert flags == []
    assert {r["id"] for r in records} <= {p.stem for p in (TRAINING / "docs").glob("*.txt")}


@pytest.mark.skipif(not (MODELS_DIR / SHIPPED_MODEL).is_dir(), reason="no trained model shipped yet")
def test_the_shipped_model_was_trained_on_training_as_it_is() -> None:
    meta = json.loads((MODELS_DIR / SHIPPED_MODEL / "meta.json").read_text(encoding="utf-8"))
    current = hashlib.sha256(annotations_jsonl(build(TRAINING)[0]).encode()).hexdigest()
    assert meta["training"]["data_sha256"] == current, "training/ changed: run `make train`, commit models/"


def test_span_type_is_ordered_by_position() -> None:
    assert sorted([Span(5, 9, "ORG"), Span(0, 3, "CITY")], key=lambda s: s.start)[0].label == "CITY"

"""The Python API: the records of a text in memory, and a dataset written from code."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import pipeline
from pipeline.errors import StageError

if TYPE_CHECKING:
    from spacy.language import Language

TEXT = (
    "Harbor Foods Opens a Plant\r\n\r\nPORTLAND, Ore., June 2, 2021 /PRNewswire/ -- Harbor Foods Inc. opened "
    'a plant in Salem. "We are growing," said Karen Mills, Chief Executive Officer of Harbor Foods.\r\n'
)


@pytest.fixture
def extractor(shared_model: Language) -> pipeline.Extractor:
    return pipeline.Extractor()


def test_extract_gives_grounded_records_of_the_normalised_text(extractor: pipeline.Extractor) -> None:
    records = extractor.extract(TEXT, doc_id="harbor")
    text = TEXT.replace("\r\n", "\n")
    (person,) = [p for p in records.people if p.name == "Karen Mills"]
    assert [(a.title, a.organization) for a in person.affiliations] == [
        ("Chief Executive Officer", "Harbor Foods")
    ]
    assert all(text[m.start : m.end] == m.text for m in person.mentions)
    assert records.document.doc_id == "harbor" and records.document.dateline.city == "PORTLAND"


def test_extract_files_writes_the_dataset_the_command_line_writes(
    extractor: pipeline.Extractor, tmp_path: Path
) -> None:
    from pipeline.cli import main

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "harbor.txt").write_text(TEXT, encoding="utf-8")
    summary = extractor.extract_files([tmp_path / "in"], tmp_path / "api", workers=0)
    assert summary.releases == 1 and summary.counts["people"] >= 1
    assert (
        main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "cli"), "--workers", "0", "--quiet"])
        == 0
    )
    for name in ("documents", "people", "organizations", "cities"):
        assert (tmp_path / "api" / f"{name}.jsonl").read_bytes() == (
            tmp_path / "cli" / f"{name}.jsonl"
        ).read_bytes()
    assert json.loads((tmp_path / "api" / "manifest.json").read_text())["counts"] == summary.counts


def test_a_failing_stage_raises_naming_it(
    extractor: pipeline.Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline import extractors
    from pipeline.extractors.types import Stage

    def broken(ctx: object) -> None:
        raise KeyError("x")

    monkeypatch.setattr(extractors, "STAGES", (*extractors.STAGES, Stage("broken", 1, broken)))
    with pytest.raises(StageError) as error:
        extractor.extract(TEXT)
    assert error.value.stage == "broken.v1"

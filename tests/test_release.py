"""extract_release() for one release, and how the runner turns a failing stage into a reject."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pipeline import extractors
from pipeline.context import ReleaseContext
from pipeline.errors import StageError
from pipeline.extractors.types import Stage
from pipeline.models import Release, ReleaseRecords
from pipeline.release import extract_release
from pipeline.runner import RunOptions, run_extract

if TYPE_CHECKING:
    from spacy.language import Language

SHORT = (
    "Willow Creek Library Opens Solar Reading Room\n\n"
    "SPOKANE, Wash., April 9, 2024 /PRNewswire/ -- The Willow Creek Library opened a solar-powered "
    'reading room on Tuesday. "Readers deserve daylight," said Priya Natarajan, director of the library.\n'
)


def release(text: str = SHORT, doc_id: str = "willow") -> Release:
    return Release(doc_id=doc_id, source=f"{doc_id}.txt", text=text, sha256="0" * 64)


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        pytest.param(SHORT, "Willow Creek Library Opens Solar Reading Room", id="with-dateline"),
        pytest.param(
            "Quiet Week at the Docks\n\nNothing moved.\n", "Quiet Week at the Docks", id="no-dateline"
        ),
    ],
)
def test_headline_is_the_first_line(nlp: Language, text: str, headline: str) -> None:
    records = extract_release(release(text), nlp)
    assert isinstance(records, ReleaseRecords)
    assert records.document.headline == headline
    assert records.document.doc_id == "willow"
    assert records.document.source == "willow.txt"


def test_every_record_belongs_to_the_release(nlp: Language) -> None:
    records = extract_release(release(), nlp)
    for group in (records.people, records.organizations, records.cities, records.speeches, records.awards):
        assert all(record.doc_id == "willow" for record in group)


def test_extract_release_is_repeatable(nlp: Language) -> None:
    assert extract_release(release(), nlp) == extract_release(release(), nlp)


def fail_on(doc_id: str | None):  # type: ignore[no-untyped-def]
    def broken(ctx: ReleaseContext) -> None:
        if doc_id is None or ctx.release.doc_id == doc_id:
            raise KeyError("no such lexicon entry")

    return broken


def break_stage(monkeypatch: pytest.MonkeyPatch, name: str, doc_id: str | None = None) -> str:
    """Swap one stage of the registry for one that raises; returns the broken stage's id."""
    replaced = tuple(replace(s, run=fail_on(doc_id)) if s.name == name else s for s in extractors.STAGES)
    monkeypatch.setattr(extractors, "STAGES", replaced)
    return next(s.id for s in replaced if s.name == name)


@pytest.mark.parametrize("name", [s.name for s in extractors.STAGES])
def test_raising_stage_becomes_stage_error_naming_it(
    nlp: Language, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    stage_id = break_stage(monkeypatch, name)
    with pytest.raises(StageError, match="KeyError") as error:
        extract_release(release(), nlp)
    assert error.value.stage == stage_id


def test_ungrounded_record_becomes_validate_stage_error(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.models import City, Mention

    def invent_city(ctx: ReleaseContext) -> None:
        ctx.cities.append(
            City(doc_id="willow", name="Atlantis", mentions=[Mention(start=0, end=6, text="Atlantis")])
        )

    replaced = (*extractors.STAGES, Stage("inventor", 1, invent_city))
    monkeypatch.setattr(extractors, "STAGES", replaced)
    with pytest.raises(StageError, match="Atlantis") as error:
        extract_release(release(), nlp)
    assert error.value.stage == "validate"


def test_runner_writes_a_reject_and_keeps_the_other_releases(
    shared_model: Language, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "alder.txt").write_text(SHORT, encoding="utf-8")
    (corpus / "birch.txt").write_text(
        "Birch Street Fair Returns\n\nThe fair returns in June.\n", encoding="utf-8"
    )
    (corpus / "cedar.txt").write_text(
        "Cedar Trail Reopens\n\nThe trail reopened after repairs.\n", encoding="utf-8"
    )
    stage_id = break_stage(monkeypatch, "awards", doc_id="birch")

    summary = run_extract([corpus], tmp_path / "out", RunOptions(workers=0))

    assert (summary.releases, summary.rejects) == (3, 1)
    rejects = [json.loads(line) for line in (tmp_path / "out" / "rejects.jsonl").read_text().splitlines()]
    assert [(r["doc_id"], r["stage"]) for r in rejects] == [("birch", stage_id)]
    assert "KeyError" in rejects[0]["error"]
    documents = (tmp_path / "out" / "documents.jsonl").read_text().splitlines()
    assert [json.loads(line)["doc_id"] for line in documents] == ["alder", "cedar"]
    for name in ("people", "organizations", "cities", "speeches", "awards"):
        lines = (tmp_path / "out" / f"{name}.jsonl").read_text().splitlines()
        assert all(json.loads(line)["doc_id"] != "birch" for line in lines)


def test_registry_reads_only_what_earlier_stages_write() -> None:
    extractors.check_order(extractors.STAGES)
    late = tuple(reversed(extractors.STAGES))
    with pytest.raises(ValueError, match=r"reads .* before any stage writes it"):
        extractors.check_order(late)

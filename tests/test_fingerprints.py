"""Stage versions follow stage code: a stage whose code or knowledge changed must get a new version."""

from __future__ import annotations

from pathlib import Path

from pipeline import extractors, fingerprints
from pipeline.extractors.types import Stage


def test_every_stage_version_has_its_recorded_fingerprint() -> None:
    recorded = fingerprints.recorded()
    for stage in extractors.STAGES:
        assert stage.id in recorded, (
            f"{stage.id} has no recorded fingerprint: run `make stage-fingerprints` and commit "
            "pipeline/stage_fingerprints.json"
        )
        assert fingerprints.fingerprint(stage) == recorded[stage.id], (
            f"the code or knowledge of {stage.id} changed: bump its version in "
            "pipeline/extractors/__init__.py, then run `make stage-fingerprints`"
        )


def test_a_stage_reads_its_helpers_and_named_knowledge() -> None:
    awards = next(s for s in extractors.STAGES if s.name == "awards")
    sources = {p.name for p in fingerprints.stage_sources(awards)}
    assert {"names.py", "blocks.py", "spans.py"} <= sources
    assert "entities.py" not in sources  # another stage is not a helper
    names = {p.name for p in fingerprints.knowledge_files(fingerprints.stage_sources(awards))}
    assert {"award_names.jsonl", "honour_heads.txt"} <= names  # a pattern file and a list it refers to


def test_a_changed_stage_changes_its_fingerprint(tmp_path: Path, monkeypatch) -> None:
    module = tmp_path / "extractors" / "toy.py"
    module.parent.mkdir()
    module.write_text('words("titles")\n', encoding="utf-8")
    monkeypatch.setattr(fingerprints, "PACKAGE", tmp_path)
    (tmp_path / "knowledge" / "words").mkdir(parents=True)
    (tmp_path / "knowledge" / "words" / "titles.txt").write_text("ceo\n", encoding="utf-8")
    stage = Stage("toy", 1, lambda ctx: None)
    before = fingerprints.fingerprint(stage)
    (tmp_path / "knowledge" / "words" / "titles.txt").write_text("ceo\nchair\n", encoding="utf-8")
    assert fingerprints.fingerprint(stage) != before

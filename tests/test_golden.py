"""Golden test: a fresh extraction of corpus/ equals the committed outputs/ byte for byte."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pipeline import runner
from pipeline.runner import run_extract
from pipeline.writers import OUTPUT_FILES

from .conftest import ROOT

if TYPE_CHECKING:
    from spacy.language import Language

COMMITTED = ROOT / "outputs"
REGENERATE = "outputs/ is stale: run `make extract`, review the diff and commit it"


def extract_corpus(out_dir: Path, nlp: Language) -> dict[str, bytes]:
    # Sources in the manifest and documents are paths as given, so extract from the repository root,
    # exactly as `make extract` does.
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)
        patch.setattr(runner, "load_model", lambda name: nlp)
        run_extract([Path("corpus")], out_dir, runner.RunOptions(workers=0))
    return {p.name: p.read_bytes() for p in sorted(out_dir.iterdir())}


@pytest.fixture(scope="module")
def fresh(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return extract_corpus(tmp_path_factory.mktemp("golden") / "outputs", nlp)


def test_fresh_extraction_writes_every_output_file(fresh: dict[str, bytes]) -> None:
    assert set(fresh) == OUTPUT_FILES


def test_committed_outputs_have_the_same_files(fresh: dict[str, bytes]) -> None:
    assert sorted(p.name for p in COMMITTED.iterdir() if p.name != ".gitkeep") == sorted(fresh), REGENERATE


@pytest.mark.parametrize("name", sorted(OUTPUT_FILES))
def test_fresh_extraction_equals_committed_file(fresh: dict[str, bytes], name: str) -> None:
    committed = COMMITTED / name
    assert committed.is_file(), f"{committed} is missing: run `make extract`"
    assert fresh[name] == committed.read_bytes(), REGENERATE


def test_extracting_twice_gives_identical_bytes(
    fresh: dict[str, bytes], nlp: Language, tmp_path: Path
) -> None:
    assert extract_corpus(tmp_path / "again", nlp) == fresh

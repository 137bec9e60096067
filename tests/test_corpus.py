"""corpus/: the seed release plus a fixed, documented archive sample that scripts/corpus_sample.py
rebuilds byte for byte, with nothing of the devset or the training set in it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.models import Release
from pipeline.readers import iter_inputs

from .conftest import ROOT

SHARED = ROOT.parent / "shared"
ARCHIVE = SHARED / "corpora" / "press-release-archive-5000.jsonl"
SAMPLE = ROOT / "corpus" / "archive-sample.jsonl"


@pytest.mark.skipif(not ARCHIVE.is_file(), reason="../shared is not beside the project")
def test_the_archive_sample_is_what_the_script_draws(tmp_path: Path) -> None:
    out = tmp_path / "sample.jsonl"
    subprocess.run(
        [
            sys.executable,
            "scripts/corpus_sample.py",
            str(ARCHIVE),
            str(SHARED / "devset" / "docs"),
            "training/docs",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert out.read_bytes() == SAMPLE.read_bytes(), "run scripts/corpus_sample.py (see its docstring)"


def test_the_archive_sample_is_about_a_hundred_releases_of_many_wires_none_in_training() -> None:
    releases = [r for r in iter_inputs([SAMPLE]) if isinstance(r, Release)]
    assert 90 <= len(releases) <= 110
    assert len({r.doc_id.split("-", 1)[0] for r in releases}) >= 10
    training = {p.stem for p in (ROOT / "training" / "docs").glob("*.txt")}
    assert {r.doc_id for r in releases} & training == set()

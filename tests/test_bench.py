"""bench/bench.py's plumbing (sample, changed copy, RSS of a child process tree); no timings asserted."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.bench import changed_copy, iter_texts, run_measured, write_sample

RELEASES = [
    {"id": "a", "text": "Acme Widgets, Inc. named Jane Roe chief executive."},
    {"id": "b", "text": "  "},  # a read reject: skipped, not counted
    {"id": "c", "text": "PARIS -- The Paris Prize went to Foo Ltd."},
    {"id": "d", "text": "One two three."},
]


def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RELEASES), encoding="utf-8")
    return path


def test_sample_holds_the_first_n_releases_and_counts_their_words(tmp_path: Path) -> None:
    sample = write_sample(corpus(tmp_path), 2, tmp_path / "sample.jsonl")
    assert sample.releases == 2
    assert sample.words == 8 + 9
    assert list(iter_texts(sample)) == [RELEASES[0]["text"], RELEASES[2]["text"]]


def test_changed_copy_changes_one_release_only(tmp_path: Path) -> None:
    sample = write_sample(corpus(tmp_path), 3, tmp_path / "sample.jsonl")
    changed, doc_id = changed_copy(sample, tmp_path / "changed.jsonl", 1)
    assert doc_id == "c"
    old, new = list(iter_texts(sample)), list(iter_texts(changed))
    assert [o == n for o, n in zip(old, new, strict=True)] == [True, False, True]
    assert new[1].startswith(old[1])


def test_peak_rss_is_read_for_the_parent_and_its_children(tmp_path: Path) -> None:
    code = (
        "import multiprocessing as mp\n"
        "def grow(): b = bytearray(150 * 2**20); import time; time.sleep(1)\n"
        "if __name__ == '__main__':\n"
        "    p = mp.get_context('fork').Process(target=grow); p.start(); p.join()\n"
    )
    run = run_measured([sys.executable, "-c", code])
    peaks = run["peak_rss_mb"]
    assert len(peaks["workers"]) == 1 and peaks["workers"][0] >= 150
    assert peaks["parent"] < 150
    assert peaks["largest_process"] == max(peaks["workers"])

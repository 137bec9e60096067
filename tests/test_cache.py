"""The cache: an unchanged release is not extracted again; anything that decides its records is in the key."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pipeline import extractors, pool
from pipeline.runner import RunOptions, run_extract

if TYPE_CHECKING:
    from spacy.language import Language

RELEASES = {
    "alpha.txt": (
        "Alpha Labs Opens Office\n\nDENVER, May 1, 2023 /PRNewswire/ -- Alpha Labs Inc. opened an office.\n"
    ),
    "beta.txt": "Beta Foods Hires CFO\n\nBeta Foods named Maria Lopez as Chief Financial Officer.\n",
    "gamma.txt": "Gamma Park Reopens\n\nThe park in Springfield reopened on Monday.\n",
}


@pytest.fixture
def counted(shared_model: Language, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The doc_ids actually extracted (not served from the cache), in order."""
    extracted: list[str] = []
    real = pool.extract_release

    def counting(release, nlp):  # type: ignore[no-untyped-def]
        extracted.append(release.doc_id)
        return real(release, nlp)

    monkeypatch.setattr(pool, "extract_release", counting)
    return extracted


def corpus_in(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in RELEASES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return corpus


def _resealed(path: Path, pattern: str, replacement: str) -> None:
    """Edit an entry's payload (first match of `pattern`) and recompute its checksum, as a careful
    tamperer would."""
    header, payload = path.read_text(encoding="utf-8").split("\n", 1)
    payload = re.sub(pattern, replacement, payload, count=1)
    meta = json.loads(header)
    meta["sha256"] = hashlib.sha256(payload.encode()).hexdigest()
    path.write_text(json.dumps(meta) + "\n" + payload, encoding="utf-8")


def run(corpus: Path, out: Path, cache: Path) -> dict[str, bytes]:
    run_extract([corpus], out, RunOptions(workers=0, cache_dir=cache))
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_unchanged_rerun_uses_the_cache_and_gives_the_same_bytes(counted: list[str], tmp_path: Path) -> None:
    corpus, cache = corpus_in(tmp_path), tmp_path / "cache"
    first = run(corpus, tmp_path / "out", cache)
    assert sorted(counted) == ["alpha", "beta", "gamma"]
    counted.clear()
    assert run(corpus, tmp_path / "out", cache) == first
    assert counted == []


def test_one_changed_file_is_the_only_one_redone(counted: list[str], tmp_path: Path) -> None:
    corpus, cache = corpus_in(tmp_path), tmp_path / "cache"
    run(corpus, tmp_path / "out", cache)
    counted.clear()
    changed = RELEASES["beta.txt"].replace("Hires CFO", "Hires New CFO")
    (corpus / "beta.txt").write_text(changed, encoding="utf-8")
    outputs = run(corpus, tmp_path / "out", cache)
    assert counted == ["beta"]
    assert b"Beta Foods Hires New CFO" in outputs["documents.jsonl"]


def test_a_new_stage_version_redoes_everything(
    counted: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, cache = corpus_in(tmp_path), tmp_path / "cache"
    run(corpus, tmp_path / "out", cache)
    counted.clear()
    bumped = tuple(replace(s, version=s.version + 1) if s.name == "awards" else s for s in extractors.STAGES)
    monkeypatch.setattr(extractors, "STAGES", bumped)
    run(corpus, tmp_path / "out", cache)
    assert sorted(counted) == ["alpha", "beta", "gamma"]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda path: path.write_bytes(path.read_bytes()[:-40]), id="half-written"),
        pytest.param(lambda path: path.write_text("not json at all\n{}", encoding="utf-8"), id="garbage"),
        pytest.param(
            lambda path: path.write_text(path.read_text(encoding="utf-8").replace("Alpha", "Alpho"), "utf-8"),
            id="payload-edited",
        ),
        pytest.param(
            lambda path: _resealed(path, r'"start":\d+,"end":\d+', '"start":1000000000,"end":1000000006'),
            id="mention-outside-the-text",
        ),
        pytest.param(
            lambda path: _resealed(path, r'"end":\d+', '"end":0'), id="mention-ending-before-it-starts"
        ),
    ],
)
def test_a_damaged_entry_is_redone_never_trusted(counted: list[str], tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    corpus, cache = corpus_in(tmp_path), tmp_path / "cache"
    first = run(corpus, tmp_path / "out", cache)
    for entry in cache.rglob("*.json"):
        if b"alpha" in entry.read_bytes():
            damage(entry)
    counted.clear()
    assert run(corpus, tmp_path / "out", cache) == first
    assert counted == ["alpha"]


def test_the_same_releases_elsewhere_are_served_from_the_cache(counted: list[str], tmp_path: Path) -> None:
    """The key is the content: another folder, file name or JSONL line is a hit, with its own source."""
    corpus, cache = corpus_in(tmp_path), tmp_path / "cache"
    run(corpus, tmp_path / "out", cache)
    counted.clear()
    moved = tmp_path / "elsewhere" / "renamed"
    moved.parent.mkdir()
    corpus.rename(moved)
    outputs = run(moved, tmp_path / "out2", cache)
    assert counted == []
    assert b"elsewhere/renamed/alpha.txt" in outputs["documents.jsonl"]
    lines = [json.dumps({"id": "padding", "text": "Padding Line\n\nNothing here."})]
    lines += [json.dumps({"id": name[:-4], "text": text}) for name, text in RELEASES.items()]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    fresh = run(tmp_path / "batch.jsonl", tmp_path / "out3", cache)
    assert counted == ["padding"]
    assert fresh["people.jsonl"] == outputs["people.jsonl"]
    assert b"batch.jsonl:2" in fresh["documents.jsonl"]


def test_the_dask_backend_uses_the_cache(counted: list[str], tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    corpus, cache = corpus_in(tmp_path), tmp_path / "cache"
    options = RunOptions(workers=1, cache_dir=cache, backend="dask")
    run_extract([corpus], tmp_path / "dask-out", options)
    entries = {p: p.stat().st_ino for p in cache.rglob("*.json")}
    assert len(entries) == 3  # filled by the workers
    run_extract([corpus], tmp_path / "dask-out", options)
    # Served, not redone: the entries are the same files (a rewrite replaces each with a new inode).
    assert {p: p.stat().st_ino for p in cache.rglob("*.json")} == entries
    assert run(corpus, tmp_path / "out", cache) == {
        p.name: p.read_bytes() for p in sorted((tmp_path / "dask-out").iterdir())
    }
    assert counted == []


def test_the_cache_is_pruned_to_its_cap_least_recently_used_first(counted: list[str], tmp_path: Path) -> None:
    import os

    corpus, cache = corpus_in(tmp_path), tmp_path / "cache"
    run(corpus, tmp_path / "out", cache)
    # Oldest first, and the release run next ("gamma", touched by its use) not among those to go.
    entries = sorted(cache.rglob("*.json"), key=lambda p: b'"gamma"' in p.read_bytes())
    assert len(entries) == 3
    for age, entry in enumerate(entries):
        os.utime(entry, (1_000_000 + age, 1_000_000 + age))
    keep = sum(p.stat().st_size for p in entries[1:])
    run_extract(
        [corpus / "gamma.txt"], tmp_path / "one", RunOptions(workers=0, cache_dir=cache, cache_max_bytes=keep)
    )
    assert not entries[0].exists() and all(p.exists() for p in entries[1:])

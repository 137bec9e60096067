"""Bad input, slow or crashing releases and interrupted runs: the batch survives and nothing is lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pipeline import extractors
from pipeline.cli import main
from pipeline.context import ReleaseContext
from pipeline.extractors.types import Stage
from pipeline.models import Release
from pipeline.pool import ReleasePool
from pipeline.runner import RunOptions, run_extract

from .conftest import ROOT

if TYPE_CHECKING:
    from spacy.language import Language

GOOD = {
    "harbor.txt": (
        "Harbor Foods Opens Second Plant\n\nPORTLAND, Ore., June 2, 2021 /PRNewswire/ -- Harbor Foods Inc. "
        'opened a plant in Salem. "We are growing," said Karen Mills, '
        "Chief Executive Officer of Harbor Foods.\n"
    ),
    "orchid.md": (
        "# Orchid Labs names new CFO\n\nAUSTIN, Texas, May 5, 2022 /PRNewswire/ -- Orchid Labs appointed "
        "Daniel Brooks as Chief Financial Officer. Brooks joins from Lakeview Capital in Dallas.\n"
    ),
}
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01" + bytes(range(256)) * 4
PDF_HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n" + bytes(range(256)) * 8


def write_good(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")


def write_bad(folder: Path) -> None:
    """One of every kind of input a scraper brings back, next to the good releases."""
    nested = folder / "nested folder" / "déjà vu"
    nested.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text(" \n\t\n", encoding="utf-8")
    (folder / "image.txt").write_bytes(PNG)
    (folder / "paper.md").write_bytes(PDF_HEADER)
    (folder / "archive.txt").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not supported")
    (folder / "broken.jsonl").write_text(
        '{"id": "ok-line", "text": "A fine line of text."}\n{"id": \n', "utf-8"
    )
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (nested / "café räume.txt").write_text("Small Café Wins Award\n\nThe café won a prize.\n", "utf-8")


def output_bytes(out: Path, skip: tuple[str, ...] = ("manifest.json", "rejects.jsonl")) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.name not in skip}


def test_good_releases_are_unaffected_by_bad_ones(
    shared_model: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Sources are paths as given: run both batches as "corpus" so the good records can be compared.
    alone, mixed = tmp_path / "alone", tmp_path / "mixed"
    write_good(alone / "corpus")
    write_good(mixed / "corpus")
    write_bad(mixed / "corpus")
    monkeypatch.chdir(alone)
    run_extract([Path("corpus")], tmp_path / "out-alone", RunOptions(workers=0))
    monkeypatch.chdir(mixed)
    summary = run_extract([Path("corpus")], tmp_path / "out-mixed", RunOptions(workers=0))

    rejects = [
        json.loads(line) for line in (tmp_path / "out-mixed" / "rejects.jsonl").read_text().splitlines()
    ]
    rejected = {Path(r["source"]).name.split(":")[0] for r in rejects}
    assert {
        "empty.txt",
        "blank.txt",
        "image.txt",
        "paper.md",
        "archive.txt",
        "notes.docx",
        "broken.jsonl",
    } <= rejected
    assert all(r["error"] for r in rejects)
    assert summary.releases == 4  # two good files, the good JSONL line, the nested café
    alone_out = output_bytes(tmp_path / "out-alone")
    mixed_out = output_bytes(tmp_path / "out-mixed")
    for name, content in alone_out.items():
        for line in content.decode().splitlines():
            assert line.encode() in mixed_out[name], f"{name}: a good release's record changed"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        pytest.param("Zürich Café Opens\n\nThe café in Zürich opened.\n", "latin-1", id="latin-1"),
        pytest.param("Zürich Café Opens\n\nThe café “opened” today.\n", "cp1252", id="cp1252"),
        pytest.param("Zürich Café Opens\n\nThe café opened today.\n", "utf-16", id="utf-16-bom"),
    ],
)
def test_non_utf8_files_are_decoded_and_recorded(
    shared_model: Language, tmp_path: Path, text: str, encoding: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "release.txt").write_bytes(text.encode(encoding))
    run_extract([corpus], tmp_path / "out", RunOptions(workers=0))
    (document,) = [
        json.loads(line) for line in (tmp_path / "out" / "documents.jsonl").read_text().splitlines()
    ]
    assert document["headline"] == "Zürich Café Opens"
    assert document["encoding"] in {encoding, "iso8859_1", "cp1252", "windows-1252", "utf-16", "latin_1"}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Acme\u200b Names\u200f New CEO\n\nJane\u200d Roe joins Acme\u202e Inc. today.\n", id="zero-width"
        ),
        pytest.param("Acme Names CEO\r\n\r\nJane Roe joins\rAcme Inc.\r\n", id="crlf-and-lone-cr"),
        pytest.param("Acme Names CEO\n\nJane Roe\x00 joins Acme\x07 Inc. today.\n", id="stray-control-chars"),
    ],
)
def test_odd_characters_are_extracted_not_rejected(shared_model: Language, tmp_path: Path, text: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "odd.txt").write_bytes(text.encode("utf-8"))
    summary = run_extract([corpus], tmp_path / "out", RunOptions(workers=0))
    assert (summary.releases, summary.rejects) == (1, 0)


def test_text_over_the_limit_is_rejected_with_the_limit_named(shared_model: Language, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_good(corpus)
    (corpus / "giant.txt").write_text("Giant Release\n\n" + "word " * 5000, encoding="utf-8")
    run_extract([corpus], tmp_path / "out", RunOptions(workers=0, max_chars=10_000))
    (reject,) = [json.loads(line) for line in (tmp_path / "out" / "rejects.jsonl").read_text().splitlines()]
    assert reject["doc_id"] == "giant"
    assert reject["stage"] == "limits"
    assert "--max-chars" in reject["error"]


def _sleep_on(doc_id: str, seconds: float) -> Stage:
    def run(ctx: ReleaseContext) -> None:
        if ctx.release.doc_id == doc_id:
            time.sleep(seconds)

    return Stage("sleepy", 1, run)


def _die_on(doc_id: str) -> Stage:
    def run(ctx: ReleaseContext) -> None:
        if ctx.release.doc_id == doc_id:
            os._exit(9)

    return Stage("crashy", 1, run)


@pytest.mark.parametrize(
    ("stage", "expected_stage", "expected_words"),
    [
        pytest.param(_sleep_on("harbor", 30), "time-budget", "--time-budget", id="over-the-time-budget"),
        pytest.param(_die_on("harbor"), "worker", "died", id="worker-process-dies"),
    ],
)
def test_a_stuck_or_dying_release_costs_only_itself(
    shared_model: Language,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    stage: Stage,
    expected_stage: str,
    expected_words: str,
) -> None:
    corpus = tmp_path / "corpus"
    write_good(corpus)
    monkeypatch.setattr(extractors, "STAGES", (*extractors.STAGES, stage))
    started = time.monotonic()
    summary = run_extract([corpus], tmp_path / "out", RunOptions(workers=1, time_budget=2))
    assert time.monotonic() - started < 25
    (reject,) = [json.loads(line) for line in (tmp_path / "out" / "rejects.jsonl").read_text().splitlines()]
    assert (reject["doc_id"], reject["stage"]) == ("harbor", expected_stage)
    assert expected_words in reject["error"]
    documents = (tmp_path / "out" / "documents.jsonl").read_text().splitlines()
    assert [json.loads(line)["doc_id"] for line in documents] == ["orchid"]
    assert summary.releases == 2


PATHOLOGICAL = {
    "commas": "Commas\n\n" + "Acme, " * 3000 + "and Foo Inc.",
    "capital-words": "Capitals\n\n" + " ".join(["Springfield"] * 4000) + " Councils.",
    "place-list": "Places\n\n" + ", ".join(["Riverton"] * 2000) + " and Lakewood Councils.",
    "open-quotes": "Quotes\n\n" + "\u201c" * 30000,
    "titles": "Titles\n\n" + "Chief Executive Officer of Acme, " * 1000,
    "dashes": "Dashes\n\n" + "- " * 10000 + "\n",
    "one-token": "Token\n\n" + "a" * 300_000,
    "list-lines": "Lines\n\n" + "Winner: Acme Widgets - Springfield\n" * 2000,
    "nested-parens": "Parens\n\n" + "(" * 5000 + "Acme" + ")" * 5000,
    "dateline-repeats": "Head\n\n" + "DALLAS, " * 3000 + "May 1, 2020 --",
}


def test_pathological_text_finishes_within_the_budget(nlp: Language) -> None:
    """No rule backtracks catastrophically: each text finishes far inside a short budget."""
    releases = [
        Release(doc_id=name, source=name, text=text, sha256="x") for name, text in PATHOLOGICAL.items()
    ]
    with ReleasePool(nlp, workers=2, budget=20) as pool:
        finished = list(pool.map(releases))
    over = [
        (f.release.doc_id, f.seconds) for f in finished if getattr(f.outcome, "stage", None) == "time-budget"
    ]
    assert over == []
    assert len(finished) == len(releases)
    assert max(f.seconds for f in finished) < 20


def _run_cli_in_background(out: Path, corpus: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipeline",
            "extract",
            str(corpus),
            "--out",
            str(out),
            "--workers",
            "1",
            "--quiet",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_kill_9_leaves_the_previous_dataset_and_the_next_run_completes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_good(corpus)
    for number in range(40):
        (corpus / f"extra-{number:02}.txt").write_text(
            f"Item {number} Announced\n\nMaria Lopez of Acme Corp. spoke in Denver about item {number}.\n",
            "utf-8",
        )
    out = tmp_path / "out"
    first = _run_cli_in_background(out, corpus)
    assert first.wait(timeout=300) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (corpus / "late.txt").write_text("Late Release\n\nA late release from Boston.\n", "utf-8")
    for delay in (0.5, 2.0, 3.5, 5.0):
        run = _run_cli_in_background(out, corpus)
        time.sleep(delay)
        run.send_signal(signal.SIGKILL)
        run.wait()
        after = {p.name: p.read_bytes() for p in out.iterdir()}
        assert after == before or _is_whole_new_run(after), f"kill after {delay}s left a mixed dataset"
    final = _run_cli_in_background(out, corpus)
    assert final.wait(timeout=300) == 0
    documents = (out / "documents.jsonl").read_text().splitlines()
    assert len(documents) == len(before["documents.jsonl"].decode().splitlines()) + 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]


def _is_whole_new_run(files: dict[str, bytes]) -> bool:
    """A run that finished before the kill landed is fine too, if its dataset is whole."""
    manifest = json.loads(files["manifest.json"])
    counts_agree = all(
        len(files[f"{name}.jsonl"].decode().splitlines()) == count
        for name, count in manifest["counts"].items()
    )
    return counts_agree and any(i["doc_id"] == "late" for i in manifest["inputs"])


def test_strict_exits_non_zero_when_something_was_rejected(
    shared_model: Language, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    write_good(corpus)
    (corpus / "empty.txt").write_bytes(b"")
    out = str(tmp_path / "out")
    assert main(["extract", str(corpus), "--out", out, "--workers", "0", "--quiet"]) == 0
    assert main(["extract", str(corpus), "--out", out, "--workers", "0", "--quiet", "--strict"]) == 2
    assert "1 rejects (--strict)" in capsys.readouterr().err


def test_usage_error_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--workers", "many"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Error: ")


def test_workers_are_recycled_and_outputs_do_not_change(nlp: Language) -> None:
    """Fresh workers every few releases (memory stays flat) give the same outcomes."""
    releases = [
        Release(doc_id=f"r{n}", source=f"r{n}", text=text, sha256="x")
        for n, text in enumerate(list(GOOD.values()) * 4)
    ]
    with ReleasePool(nlp, workers=2, budget=30, recycle_after=1000) as pool:
        steady = sorted((f.release.doc_id, f.outcome.model_dump_json()) for f in pool.map(releases))
    with ReleasePool(nlp, workers=2, budget=30, recycle_after=2) as pool:
        first_pids = {w.process.pid for w in pool.workers}
        recycled = sorted((f.release.doc_id, f.outcome.model_dump_json()) for f in pool.map(releases))
        assert first_pids.isdisjoint({w.process.pid for w in pool.workers})
    assert recycled == steady

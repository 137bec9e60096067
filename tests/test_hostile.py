"""A hostile user and a careless operator: odd options, signals, concurrent runs and tricky paths end in
a clear message or a clear reject, never a hang, an orphan, a false report or a record served unchecked."""

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
from pipeline.runner import RunOptions, run_extract

from .conftest import ROOT

if TYPE_CHECKING:
    from spacy.language import Language

RELEASE = (
    "Harbor Foods Opens a Plant\n\nHarbor Foods Inc. opened a plant in Salem, said Karen Mills, its CEO.\n"
)


def write_release(folder: Path, name: str = "harbor.txt", text: str = RELEASE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "0", "-3", "soon"])
def test_time_budget_must_be_a_finite_positive_number(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_release(tmp_path / "in")
    argv = ["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--time-budget", value]
    assert main(argv) == 1
    assert "--time-budget" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("option", "value"), [("--workers", "-1"), ("--max-chars", "0"), ("--workers", "2.5")]
)
def test_counts_are_checked_when_parsed(option: str, value: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "corpus", option, value]) == 1
    assert option in capsys.readouterr().err


def _kill_self_on(doc_id: str) -> Stage:
    def run(ctx: ReleaseContext) -> None:
        if ctx.release.doc_id == doc_id:
            os.kill(os.getpid(), signal.SIGKILL)

    return Stage("killed", 1, run)


def test_a_killed_worker_is_reported_by_its_signal(
    shared_model: Language, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    write_release(tmp_path / "in")
    write_release(tmp_path / "in", "other.txt")
    monkeypatch.setattr(extractors, "STAGES", (*extractors.STAGES, _kill_self_on("harbor")))
    run_extract([tmp_path / "in"], tmp_path / "out", RunOptions(workers=1, time_budget=20))
    (reject,) = read_jsonl(tmp_path / "out" / "rejects.jsonl")
    assert reject["stage"] == "worker"
    assert "killed by SIGKILL" in str(reject["error"])


_POOL_THEN_WAIT = """
import sys, time
from pipeline.pool import ReleasePool
pool = ReleasePool(None, workers=2, budget=30)
print(" ".join(str(w.process.pid) for w in pool.workers), flush=True)
time.sleep(600)
"""


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "sigterm"])
def test_workers_die_with_their_parent(how: signal.Signals) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", _POOL_THEN_WAIT], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    workers = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(workers) == 2
    parent.send_signal(how)
    parent.wait(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    alive = [pid for pid in workers if _alive(pid)]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert alive == []


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped by init."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state != "Z"


def test_a_symlinked_out_is_written_through_and_stays_a_link(shared_model: Language, tmp_path: Path) -> None:
    write_release(tmp_path / "in")
    run_extract([tmp_path / "in"], tmp_path / "real", RunOptions(workers=0))
    (tmp_path / "link").symlink_to("real", target_is_directory=True)
    write_release(tmp_path / "in", "second.txt")
    assert (
        main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "link"), "--workers", "0", "--quiet"])
        == 0
    )
    assert (tmp_path / "link").is_symlink()
    assert [d["doc_id"] for d in read_jsonl(tmp_path / "real" / "documents.jsonl")] == ["harbor", "second"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "link", "real"]


def test_a_read_only_out_is_refused_before_any_work(
    shared_model: Language,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_release(tmp_path / "in")
    out = tmp_path / "out"
    run_extract([tmp_path / "in"], out, RunOptions(workers=0))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    if os.geteuid() == 0:  # root writes anywhere: make the check see what a user would see
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != out and real_access(path, mode))
    else:
        out.chmod(0o555)
    try:
        assert main(["extract", str(tmp_path / "in"), "--out", str(out), "--workers", "0", "--quiet"]) == 1
    finally:
        out.chmod(0o755)
    assert "is read-only" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]


def test_deeply_nested_html_is_rejected_at_once(shared_model: Language, tmp_path: Path) -> None:
    write_release(tmp_path / "in")
    write_release(tmp_path / "in", "nested.html", "<p>Intro.</p>" + "<div><span>" * 160_000)
    started = time.monotonic()
    run_extract([tmp_path / "in"], tmp_path / "out", RunOptions(workers=0))
    assert time.monotonic() - started < 30
    (reject,) = read_jsonl(tmp_path / "out" / "rejects.jsonl")
    assert reject["doc_id"] == "nested" and "deep" in str(reject["error"])
    assert [d["doc_id"] for d in read_jsonl(tmp_path / "out" / "documents.jsonl")] == ["harbor"]


def test_nesting_depth_ignores_elements_html_closes_itself() -> None:
    from pipeline.readers import nesting_depth

    unclosed = "<ul>" + "<li><p>item <br><img src=x>" * 10_000 + "</ul>"
    assert nesting_depth(unclosed) == 1
    assert nesting_depth("<div><section><b>x</b></section></div>") == 3


def test_a_second_run_into_the_same_out_is_refused_while_the_first_writes(
    shared_model: Language, tmp_path: Path
) -> None:
    from pipeline.errors import UserError
    from pipeline.writers import DatasetWriter

    write_release(tmp_path / "in")
    with DatasetWriter(tmp_path / "out"):  # the first run, still writing
        with pytest.raises(UserError, match="another run is writing"):
            run_extract([tmp_path / "in"], tmp_path / "out", RunOptions(workers=0))
        staging = [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.new-")]
        assert len(staging) == 1  # the first run's staging folder was left alone
    run_extract([tmp_path / "in"], tmp_path / "out", RunOptions(workers=0))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out"]


@pytest.mark.parametrize("through_link", [False, True], ids=["out-inside-input", "input-links-to-parent"])
def test_the_dataset_is_never_read_back_as_input(
    shared_model: Language, tmp_path: Path, through_link: bool
) -> None:
    data = tmp_path / "data"
    write_release(data)
    if through_link:
        write_release(tmp_path / "inputs", "other.txt")
        (tmp_path / "inputs" / "up").symlink_to(data, target_is_directory=True)
    source = tmp_path / "inputs" if through_link else data
    for _ in range(3):
        summary = run_extract([source], data / "out", RunOptions(workers=0, follow_symlinks=True))
        assert summary.rejects == 0
    expected = ["other", "harbor"] if through_link else ["harbor"]
    assert [d["doc_id"] for d in read_jsonl(data / "out" / "documents.jsonl")] == sorted(expected)


def test_an_input_inside_out_is_a_user_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_release(tmp_path / "out")
    assert main(["extract", str(tmp_path / "out" / "harbor.txt"), "--out", str(tmp_path / "out")]) == 1
    assert "inside the output folder" in capsys.readouterr().err


def test_a_damaged_entry_in_a_read_only_cache_is_redone(
    shared_model: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_release(tmp_path / "in")
    cache = tmp_path / "cache"
    first = run_extract([tmp_path / "in"], tmp_path / "out", RunOptions(workers=0, cache_dir=cache))
    for entry in cache.rglob("*.json"):
        entry.write_text("damaged", encoding="utf-8")

    from pipeline.cache import ReleaseCache

    def read_only(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    class ReadOnlyPath(type(Path())):  # type: ignore[misc]
        unlink = read_only

    entry_path = ReleaseCache._path
    monkeypatch.setattr(ReleaseCache, "_path", lambda self, key: ReadOnlyPath(entry_path(self, key)))
    monkeypatch.setattr(os, "replace", read_only)
    again = run_extract([tmp_path / "in"], tmp_path / "again", RunOptions(workers=0, cache_dir=cache))
    assert again == first
    assert read_jsonl(tmp_path / "again" / "people.jsonl") == read_jsonl(tmp_path / "out" / "people.jsonl")


def test_a_full_cache_disk_leaves_no_temporary_files(
    shared_model: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    write_release(tmp_path / "in")

    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    run_extract([tmp_path / "in"], tmp_path / "out", RunOptions(workers=0, cache_dir=tmp_path / "cache"))
    assert [p.name for p in (tmp_path / "cache").rglob("*") if p.is_file()] == []


_COUNT_IN_A_SUBPROCESS = """
import sys
from pathlib import Path
from pipeline.readers import count_releases
print(count_releases([Path(sys.argv[1])]))
"""


def test_fifos_and_devices_are_not_opened_when_counting(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_release(folder)
    os.mkfifo(folder / "pipe.jsonl")
    (folder / "zero.jsonl").symlink_to("/dev/zero")
    counted = subprocess.run(
        [sys.executable, "-c", _COUNT_IN_A_SUBPROCESS, str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert counted.stdout.strip() == "1"


def test_fifos_and_devices_are_rejected_with_a_progress_bar(shared_model: Language, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_release(folder)
    os.mkfifo(folder / "pipe.jsonl")
    (folder / "zero.jsonl").symlink_to("/dev/zero")
    options = RunOptions(workers=0, progress=True, follow_symlinks=True)
    summary = run_extract([folder], tmp_path / "out", options)
    assert (summary.releases, summary.rejects) == (1, 2)
    assert {r["error"] for r in read_jsonl(tmp_path / "out" / "rejects.jsonl")} == {
        "Not a regular file; pass files or folders of releases."
    }


def test_a_line_too_long_for_max_chars_is_rejected_unread(shared_model: Language, tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "huge", "html": "<p>" + "word " * 5_000 + "</p>"}),
        json.dumps({"id": "fine", "text": RELEASE}),
    ]
    write_release(tmp_path / "in", "batch.jsonl", "\n".join(lines) + "\n")
    run_extract([tmp_path / "in"], tmp_path / "out", RunOptions(workers=0, max_chars=1_000))
    (reject,) = read_jsonl(tmp_path / "out" / "rejects.jsonl")
    assert (reject["doc_id"], reject["stage"]) == ("batch:1", "limits")
    assert "25,010 bytes" in str(reject["error"]) or "bytes" in str(reject["error"])
    assert [d["doc_id"] for d in read_jsonl(tmp_path / "out" / "documents.jsonl")] == ["fine"]


def test_rejects_go_to_disk_as_they_come_and_are_written_in_order(tmp_path: Path) -> None:
    from pipeline.models import Reject
    from pipeline.writers import DatasetWriter

    names = [f"r{number:04}" for number in range(2_000)]
    with DatasetWriter(tmp_path / "out") as writer:
        for name in reversed(names):
            writer.reject(Reject(doc_id=name, source=f"{name}.txt", stage="read", error="bad"))
        spill = next(writer.staging.glob(".rejects.jsonl.unsorted")) if writer.staging else None
        assert spill is not None and spill.stat().st_size > 2_000 * 40
        writer.commit({}, [])
    assert [r["doc_id"] for r in read_jsonl(tmp_path / "out" / "rejects.jsonl")] == names


def test_links_out_of_the_input_folder_are_followed_only_when_asked(
    shared_model: Language, tmp_path: Path
) -> None:
    write_release(tmp_path / "elsewhere", "secret.txt", "Private Notes\n\nNot a release of this corpus.\n")
    write_release(tmp_path / "in")
    (tmp_path / "in" / "secret.txt").symlink_to(tmp_path / "elsewhere" / "secret.txt")
    (tmp_path / "in" / "folder").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "in" / "inside.txt").symlink_to(tmp_path / "in" / "harbor.txt")
    run_extract([tmp_path / "in"], tmp_path / "out", RunOptions(workers=0))
    assert [d["doc_id"] for d in read_jsonl(tmp_path / "out" / "documents.jsonl")] == ["harbor", "inside"]
    rejects = read_jsonl(tmp_path / "out" / "rejects.jsonl")
    assert sorted(str(r["source"]).rsplit("/", 1)[1] for r in rejects) == ["folder", "secret.txt"]
    assert all("--follow-symlinks" in str(r["error"]) for r in rejects)
    run_extract([tmp_path / "in"], tmp_path / "out", RunOptions(workers=0, follow_symlinks=True))
    followed = {d["doc_id"] for d in read_jsonl(tmp_path / "out" / "documents.jsonl")}
    assert followed == {"harbor", "inside", "secret"}  # the second secret.txt is a duplicate reject


def test_text_followed_by_binary_is_rejected(shared_model: Language, tmp_path: Path) -> None:
    write_release(tmp_path / "in")
    (tmp_path / "in" / "padded.txt").write_bytes(RELEASE.encode() * 10 + b"\x00" * 200_000)
    run_extract([tmp_path / "in"], tmp_path / "out", RunOptions(workers=0))
    (reject,) = read_jsonl(tmp_path / "out" / "rejects.jsonl")
    assert "binary" in str(reject["error"])


def test_a_gold_file_of_the_wrong_shape_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "x.json").write_text('{"id": "x", "people": "oops"}', encoding="utf-8")
    (tmp_path / "pred").mkdir()
    assert main(["eval", "--gold", str(tmp_path / "gold"), "--pred", str(tmp_path / "pred")]) == 1
    error = capsys.readouterr().err
    assert error.startswith("Error: ") and '"people" must be a list' in error and "Traceback" not in error


@pytest.mark.parametrize("source", ["/", "{tmp}", "/dev/zero", "{tmp}/in/harbor.txt"])
def test_review_reads_only_the_file_whose_hash_was_recorded(source: str, tmp_path: Path) -> None:
    from pipeline.review import find_texts

    write_release(tmp_path / "in")
    documents = {"harbor": {"doc_id": "harbor", "source": source.format(tmp=tmp_path)}}  # no sha256: crafted
    texts, notes = find_texts(documents, None, base=tmp_path / "out")
    assert texts == {} and "harbor" in notes


@pytest.mark.parametrize(
    ("line", "doc_id", "error"),
    [
        ('{"id": true, "text": "A release."}', "batch:1", "neither a string nor a whole number"),
        ('{"id": {"a": 1}, "text": "A release."}', "batch:1", "neither a string nor a whole number"),
        ('{"id": 1.5, "text": "A release."}', "batch:1", "neither a string nor a whole number"),
        ('{"id": 7, "text": "A release."}\n{"id": "7", "text": "Another."}', "7", "Duplicate doc_id"),
    ],
)
def test_jsonl_ids_are_strings_or_whole_numbers(line: str, doc_id: str, error: str, tmp_path: Path) -> None:
    from pipeline.models import Reject
    from pipeline.readers import iter_inputs

    write_release(tmp_path, "batch.jsonl", line + "\n")
    rejects = [item for item in iter_inputs([tmp_path / "batch.jsonl"]) if isinstance(item, Reject)]
    assert [(r.doc_id, error in r.error) for r in rejects] == [(doc_id, True)]


def test_a_placeholder_in_the_title_is_not_filled_twice() -> None:
    from pipeline.review import fill_page

    page = fill_page(title="/tmp/__DATA__/out", data='{"docs": []}')
    assert page.count('{"docs": []}') == 1
    assert "<title>/tmp/__DATA__/out</title>" in page

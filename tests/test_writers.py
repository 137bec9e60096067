"""Writers: sorted, byte-stable, atomic output folders."""

from __future__ import annotations

import errno
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline import writers
from pipeline.dataset import read_records
from pipeline.errors import OutputError, UserError
from pipeline.models import (
    OUTPUT_MODELS,
    Award,
    City,
    Dateline,
    Document,
    Mention,
    Organization,
    Person,
    Reject,
    ReleaseRecords,
    Section,
    Winner,
)
from pipeline.writers import recover_interrupted, write_dataset

TEXT = "Harbor Lights Win Prize\n\nMaria Okafor of Bluefin Labs in Tacoma won the Tide Award."
MANIFEST = {"pipeline": "test", "version": "0"}


def span(text: str, needle: str) -> Mention:
    start = text.index(needle)
    return Mention(start=start, end=start + len(needle), text=needle)


def release_records(doc_id: str) -> ReleaseRecords:
    return ReleaseRecords(
        document=Document(
            doc_id=doc_id,
            source=f"in/{doc_id}.txt",
            sha256="0" * 64,
            encoding="utf-8",
            headline="Harbor Lights Win Prize",
            dateline=Dateline(),
            sections=[Section(kind="headline", start=0, end=23)],
        ),
        people=[Person(doc_id=doc_id, name="Maria Okafor", mentions=[span(TEXT, "Maria Okafor")])],
        organizations=[
            Organization(doc_id=doc_id, name="Bluefin Labs", mentions=[span(TEXT, "Bluefin Labs")])
        ],
        cities=[City(doc_id=doc_id, name="Tacoma", country="United States", mentions=[span(TEXT, "Tacoma")])],
        awards=[
            Award(
                doc_id=doc_id,
                name="Tide Award",
                winners=[Winner(name="Maria Okafor", kind="person")],
                mentions=[span(TEXT, "Tide Award"), span(TEXT, "Maria Okafor")],
            )
        ],
    )


def write(out: Path, doc_ids: list[str], rejects: list[Reject] | None = None) -> dict[str, int]:
    inputs = [{"doc_id": d, "source": f"in/{d}.txt", "sha256": "0" * 64} for d in doc_ids]
    return write_dataset(out, [release_records(d) for d in doc_ids], rejects or [], MANIFEST, inputs)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_every_output_file_is_written(tmp_path: Path) -> None:
    counts = write(tmp_path / "out", ["b", "a"])
    assert set(snapshot(tmp_path / "out")) == writers.OUTPUT_FILES
    assert counts == dict(documents=2, people=2, organizations=2, cities=2, speeches=0, awards=2, rejects=0)


def test_same_input_gives_same_bytes(tmp_path: Path) -> None:
    write(tmp_path / "one", ["m", "a", "z"])
    write(tmp_path / "two", ["m", "a", "z"])
    first = snapshot(tmp_path / "one")
    assert first == snapshot(tmp_path / "two")
    write(tmp_path / "one", ["m", "a", "z"])  # rewriting in place changes nothing either
    assert snapshot(tmp_path / "one") == first


@pytest.mark.parametrize("name", [n for n in OUTPUT_MODELS if n not in ("speeches", "rejects")])
def test_records_sorted_by_doc_id(tmp_path: Path, name: str) -> None:
    write(tmp_path / "out", ["zeta", "alpha", "mid"])
    lines = (tmp_path / "out" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["doc_id"] for line in lines] == ["alpha", "mid", "zeta"]


def test_rejects_sorted_by_doc_id(tmp_path: Path) -> None:
    rejects = [Reject(doc_id=d, source=f"{d}.txt", stage="read", error="bad") for d in ("q", "c", "k")]
    write(tmp_path / "out", [], rejects)
    lines = (tmp_path / "out" / "rejects.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["doc_id"] for line in lines] == ["c", "k", "q"]


@pytest.mark.parametrize("name", [n for n in OUTPUT_MODELS if n not in ("speeches", "rejects")])
def test_keys_in_model_order(tmp_path: Path, name: str) -> None:
    write(tmp_path / "out", ["a"])
    for line in (tmp_path / "out" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
        assert list(json.loads(line)) == list(OUTPUT_MODELS[name].model_fields)


def test_interrupted_swap_is_recovered(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write(out, ["a"])
    before = snapshot(out)
    # Killed between the two renames: the old folder sits under the backup name, no out folder.
    backup = tmp_path / ".out.previous"
    out.rename(backup)
    (tmp_path / ".out.new-abc12_45").mkdir()  # named as mkdtemp names a staging folder
    recover_interrupted(out)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize("out_name", ["*", "out"])
def test_recovery_leaves_other_folders_alone(tmp_path: Path, out_name: str) -> None:
    """A name is compared as text, never as a glob pattern; a folder holding other files is not ours."""
    others = [".thesis.new-draft", f".{out_name}.new-draft", f".{out_name}.new-abcd1234"]
    for name in others:
        (tmp_path / name).mkdir()
    (tmp_path / others[-1] / "chapter1.tex").write_text("mine", encoding="utf-8")
    write(tmp_path / out_name, ["a"])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*others, out_name])
    assert (tmp_path / others[-1] / "chapter1.tex").read_text(encoding="utf-8") == "mine"


def test_swap_killed_after_new_folder_is_in_place_keeps_the_new_one(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write(out, ["a"])
    write(tmp_path / ".out.previous", ["old"])
    after = snapshot(out)
    recover_interrupted(out)
    assert snapshot(out) == after
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_next_write_recovers_an_interrupted_swap(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write(out, ["a"])
    out.rename(tmp_path / ".out.previous")
    write(out, ["b"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert '"doc_id":"b"' in (out / "documents.jsonl").read_text(encoding="utf-8")


def failing_releases() -> Iterator[ReleaseRecords]:
    yield release_records("a")
    raise RuntimeError("extraction crashed halfway")


def test_exception_while_reading_releases_keeps_previous_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write(out, ["old"])
    before = snapshot(out)
    with pytest.raises(RuntimeError, match="halfway"):
        write_dataset(out, failing_releases(), [], MANIFEST, [])
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_exception_while_writing_files_keeps_previous_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write(out, ["old"])
    before = snapshot(out)
    real_add = writers._SortedFile.add
    calls = []

    def add_then_fail(self: writers._SortedFile, doc_id: str, line: str) -> None:
        calls.append(doc_id)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_add(self, doc_id, line)

    monkeypatch.setattr(writers._SortedFile, "add", add_then_fail)
    with pytest.raises(OutputError, match=r"No space left on device.*previous dataset there is unchanged"):
        write(out, ["new"])
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize(
    "foreign",
    [pytest.param("notes.txt", id="text-file"), pytest.param("people.csv", id="lookalike-name")],
)
def test_refuses_folder_with_foreign_files(tmp_path: Path, foreign: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / foreign).write_text("keep me", encoding="utf-8")
    with pytest.raises(UserError, match=foreign):
        write(out, ["a"])
    assert (out / foreign).read_text(encoding="utf-8") == "keep me"


def test_refuses_a_file_as_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.write_text("", encoding="utf-8")
    with pytest.raises(UserError, match="is a file"):
        write(out, ["a"])


def test_accepts_a_folder_with_only_gitkeep(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".gitkeep").touch()
    write(out, ["a"])
    assert (out / "documents.jsonl").is_file()


def test_every_output_reads_back_line_by_line_with_splitlines(tmp_path: Path) -> None:
    """U+2028, U+2029 and U+0085 are valid raw in JSON, but str.splitlines() and other tools' line
    readers break a record there: the dataset escapes them."""
    text = "Tide\u2028Award\u2029for\u0085Maria Okafor"
    start = text.index("Maria Okafor")
    records = release_records("odd\u2028id")
    records.people[0].mentions[0] = Mention(start=start, end=start + 12, text="Maria Okafor")
    reject = Reject(doc_id="bad\u2029id", source="in/bad\u0085.txt", stage="read", error="line\u2028break")
    inputs = [{"doc_id": "odd\u2028id", "source": "in/odd\u2028.txt", "sha256": "0" * 64}]
    counts = write_dataset(tmp_path / "out", [records], [reject], MANIFEST, inputs)
    for name, count in counts.items():
        lines = (tmp_path / "out" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(lines) == count
        assert all(isinstance(json.loads(line), dict) for line in lines)
    manifest = (tmp_path / "out" / "manifest.json").read_text(encoding="utf-8")
    assert "\u2028" not in manifest and json.loads(manifest)["inputs"][0]["source"] == "in/odd\u2028.txt"
    (document,) = read_records(tmp_path / "out" / "documents.jsonl")
    assert document["doc_id"] == "odd\u2028id"

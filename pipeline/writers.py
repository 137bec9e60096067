"""Sorted, atomic output: a whole new dataset appears in place, or the previous one stays."""

from __future__ import annotations

import ctypes
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import OutputError, UserError
from .models import OUTPUT_MODELS, Record, Reject, ReleaseRecords

MANIFEST = "manifest.json"
OUTPUT_FILES = frozenset({f"{name}.jsonl" for name in OUTPUT_MODELS} | {MANIFEST})


def record_line(record: Record) -> str:
    """One JSONL line: keys in model order, UTF-8 as is, no spaces; identical records, identical bytes."""
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))


def release_lines(records: ReleaseRecords) -> dict[str, list[str]]:
    """The lines a release contributes to each output file."""
    return {
        "documents": [record_line(records.document)],
        "people": [record_line(r) for r in records.people],
        "organizations": [record_line(r) for r in records.organizations],
        "cities": [record_line(r) for r in records.cities],
        "speeches": [record_line(r) for r in records.speeches],
        "awards": [record_line(r) for r in records.awards],
    }


def write_dataset(
    out_dir: Path,
    releases: Iterable[ReleaseRecords],
    rejects: Iterable[Reject],
    manifest: dict[str, Any],
    inputs: list[dict[str, str]],
) -> dict[str, int]:
    """Write every output file into a fresh folder, then swap it in for `out_dir`; returns counts per file.

    Lines go to disk as releases arrive and are put in order at the end, so memory stays flat however
    many releases there are: only a (doc_id, position) index per line is held."""
    recover_interrupted(out_dir)
    _check_owned(out_dir)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
        try:
            counts = _fill(staging, releases, rejects, manifest, inputs)
            staging.chmod(0o755)
            _swap_in(staging, out_dir)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    except OSError as error:
        raise OutputError(
            f"cannot write the dataset to {out_dir} ({error.strerror or error}); "
            "the previous dataset there is unchanged"
        ) from error
    return counts


class _SortedFile:
    """A JSONL file written in arrival order to a spill file, then copied out sorted by doc_id (stable).
    The index holds one small entry per release, not per line, so memory stays flat as batches grow."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.spill_path = path.with_name(f".{path.name}.unsorted")
        self.spill = open(self.spill_path, "wb")  # noqa: SIM115 - closed in finish()
        self.index: list[tuple[str, int, int, int]] = []
        self.lines = 0

    def add(self, doc_id: str, lines: list[str]) -> None:
        """One release's lines for this file, kept together in the order given."""
        if not lines:
            return
        data = "".join(line + "\n" for line in lines).encode("utf-8")
        self.index.append((doc_id, len(self.index), self.spill.tell(), len(data)))
        self.spill.write(data)
        self.lines += len(lines)

    def finish(self) -> int:
        self.spill.close()
        self.index.sort()
        with open(self.spill_path, "rb") as spill, open(self.path, "wb") as out:
            for _, _, offset, length in self.index:
                spill.seek(offset)
                out.write(spill.read(length))
            out.flush()
            os.fsync(out.fileno())
        self.spill_path.unlink()
        return self.lines


def _fill(
    staging: Path,
    releases: Iterable[ReleaseRecords],
    rejects: Iterable[Reject],
    manifest: dict[str, Any],
    inputs: list[dict[str, str]],
) -> dict[str, int]:
    files = {name: _SortedFile(staging / f"{name}.jsonl") for name in OUTPUT_MODELS}
    for records in releases:
        for name, new_lines in release_lines(records).items():
            files[name].add(records.document.doc_id, new_lines)
    for reject in rejects:
        files["rejects"].add(reject.doc_id, [record_line(reject)])
    counts = {name: sorted_file.finish() for name, sorted_file in files.items()}
    # `inputs` is filled while `releases` is consumed, so it is complete only here.
    ordered_inputs = sorted(inputs, key=lambda i: (i["doc_id"], i["source"]))
    full_manifest = {**manifest, "counts": counts, "inputs": ordered_inputs}
    _write_text(staging / MANIFEST, json.dumps(full_manifest, ensure_ascii=False, indent=2) + "\n")
    return counts


def _write_text(path: Path, content: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


_MKDTEMP_SUFFIX = re.compile(r"[a-z0-9_]{8}")


def _backup_of(out_dir: Path) -> Path:
    return out_dir.parent / f".{out_dir.name}.previous"


def recover_interrupted(out_dir: Path) -> None:
    """Undo a swap that was killed halfway: the previous dataset comes back, staging leftovers go."""
    backup = _backup_of(out_dir)
    if backup.exists() and not out_dir.exists():
        backup.rename(out_dir)
    elif backup.exists():
        shutil.rmtree(backup)
    for leftover in _staging_leftovers(out_dir):
        shutil.rmtree(leftover, ignore_errors=True)


def _staging_leftovers(out_dir: Path) -> list[Path]:
    """Staging folders an interrupted run left beside `out_dir`: named exactly as `mkdtemp` names ours
    (the name compared as text, never as a glob pattern: `--out '*'` must not match other folders) and
    holding nothing but output files."""
    prefix = f".{out_dir.name}.new-"
    if not out_dir.parent.is_dir():
        return []
    return [
        entry
        for entry in sorted(out_dir.parent.iterdir())
        if entry.name.startswith(prefix)
        and _MKDTEMP_SUFFIX.fullmatch(entry.name[len(prefix) :])
        and entry.is_dir()
        and not entry.is_symlink()
        and all(p.name in OUTPUT_FILES for p in entry.iterdir())
    ]


def _check_owned(out_dir: Path) -> None:
    """Refuse to replace a folder holding files this tool did not write: they would be lost."""
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise UserError(f"{out_dir} is a file; give --out a folder")
    foreign = sorted(p.name for p in out_dir.iterdir() if p.name not in OUTPUT_FILES and p.name != ".gitkeep")
    if foreign:
        raise UserError(
            f"{out_dir} holds files the pipeline did not write ({', '.join(foreign[:5])}); "
            "choose an empty or pipeline-made folder for --out"
        )


def _swap_in(staging: Path, out_dir: Path) -> None:
    """Exchange the folders in one atomic step where the system allows it (Linux renameat2), else two
    renames that recover_interrupted() repairs if a kill falls between them."""
    if out_dir.exists() and _exchange(staging, out_dir):
        shutil.rmtree(staging)  # now holds the previous dataset
    elif out_dir.exists():
        backup = _backup_of(out_dir)
        out_dir.rename(backup)
        staging.rename(out_dir)
        shutil.rmtree(backup)
    else:
        staging.rename(out_dir)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(first: Path, second: Path) -> bool:
    """Atomically swap two paths with renameat2(RENAME_EXCHANGE); False where that is unavailable."""
    if sys.platform != "linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return result == 0

"""Sorted, atomic output: a whole new dataset appears in place, or the previous one stays."""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonlines

from .dataset import dumps
from .errors import OutputError, UserError
from .models import OUTPUT_MODELS, Record, Reject, ReleaseRecords

MANIFEST = "manifest.json"
OUTPUT_FILES = frozenset({f"{name}.jsonl" for name in OUTPUT_MODELS} | {MANIFEST})


def _spill_name(file_name: str) -> str:
    """The file an output file's lines go to, unsorted, while a run writes it."""
    return f".{file_name}.unsorted"


# What a run killed while writing leaves in its staging folder besides output files: the spill files.
_STAGING_FILES = OUTPUT_FILES | {_spill_name(f"{name}.jsonl") for name in OUTPUT_MODELS}


def record_object(record: Record) -> dict[str, Any]:
    """A record as the JSON object written for it: keys in model order (a reject's `detail` only when
    it has one)."""
    return record.model_dump(mode="json", exclude_none=isinstance(record, Reject))


def record_line(record: Record) -> str:
    """One JSONL line, exactly as the writers write it (see dataset.dumps): identical records, identical
    bytes."""
    return dumps(record_object(record))


def release_objects(records: ReleaseRecords) -> dict[str, list[dict[str, Any]]]:
    """The JSON objects a release contributes to each output file."""
    return {
        "documents": [record_object(records.document)],
        "people": [record_object(r) for r in records.people],
        "organizations": [record_object(r) for r in records.organizations],
        "cities": [record_object(r) for r in records.cities],
        "speeches": [record_object(r) for r in records.speeches],
        "awards": [record_object(r) for r in records.awards],
    }


def release_lines(records: ReleaseRecords) -> dict[str, list[str]]:
    """The lines a release contributes to each output file."""
    return {name: [dumps(o) for o in objects] for name, objects in release_objects(records).items()}


def write_dataset(
    out_dir: Path,
    releases: Iterable[ReleaseRecords],
    rejects: Iterable[Reject],
    manifest: dict[str, Any],
    inputs: list[dict[str, str]],
) -> dict[str, int]:
    """Write every output file into a fresh folder, then swap it in for `out_dir`; returns counts per file.
    `inputs` may fill while `releases` is consumed."""
    with DatasetWriter(out_dir) as writer:
        for records in releases:
            writer.add(records)
        for reject in rejects:
            writer.reject(reject)
        return writer.commit(manifest, inputs)


class DatasetWriter:
    """An output folder being written. Records and rejects go to disk in a staging folder beside
    `out_dir` as they arrive, so memory stays flat however many there are (only a small index entry per
    release is held); `commit` puts them in order and swaps the whole dataset in. While it is open,
    `out_dir` is locked against a second run; left without a commit, the previous dataset stays as it was.

    A symlinked `out_dir` is written through: the link keeps pointing at the dataset."""

    def __init__(self, out_dir: Path, keep_detail: bool = False) -> None:
        self.keep_detail = keep_detail  # rejects keep their traceback (--verbose)
        self.out_dir = Path(os.path.realpath(out_dir)) if out_dir.is_symlink() else out_dir
        self.shown = out_dir
        self.staging: Path | None = None
        self.files: dict[str, _SortedFile] = {}
        self.lock: _Lock | None = None

    def __enter__(self) -> DatasetWriter:
        try:
            self.out_dir.parent.mkdir(parents=True, exist_ok=True)
            self.lock = _Lock.take(self.out_dir)
            recover_interrupted(self.out_dir)
            _check_owned(self.out_dir)
            _check_writable(self.out_dir)
            self.staging = Path(
                tempfile.mkdtemp(prefix=f".{self.out_dir.name}.new-", dir=self.out_dir.parent)
            )
            self.files = {name: _SortedFile(self.staging / f"{name}.jsonl") for name in OUTPUT_MODELS}
        except BaseException as error:
            self.__exit__(type(error), error, None)
            raise
        return self

    def add(self, records: ReleaseRecords) -> None:
        for name, objects in release_objects(records).items():
            self.files[name].add(records.document.doc_id, objects)

    def reject(self, reject: Reject) -> None:
        if reject.detail is not None and not self.keep_detail:
            reject = reject.model_copy(update={"detail": None})
        # Ordered by doc_id, then source: the same order whichever worker finished first.
        self.files["rejects"].add(f"{reject.doc_id}\0{reject.source}", [record_object(reject)])

    def commit(self, manifest: dict[str, Any], inputs: list[dict[str, str]]) -> dict[str, int]:
        """Finish every file and the manifest, then swap the dataset in; returns counts per file."""
        assert self.staging is not None
        counts = {name: sorted_file.finish() for name, sorted_file in self.files.items()}
        ordered_inputs = sorted(inputs, key=lambda i: (i["doc_id"], i["source"]))
        full_manifest = {**manifest, "counts": counts, "inputs": ordered_inputs}
        _write_text(self.staging / MANIFEST, dumps(full_manifest, indent=2) + "\n")
        self.staging.chmod(0o755)
        _swap_in(self.staging, self.out_dir)
        self.staging = None
        return counts

    def __exit__(self, exc_type: type[BaseException] | None, error: BaseException | None, _: object) -> None:
        for sorted_file in self.files.values():
            sorted_file.close()
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None
        if isinstance(error, OSError):
            raise OutputError(
                f"cannot write the dataset to {self.shown} ({error.strerror or error}); "
                "the previous dataset there is unchanged"
            ) from error


@dataclass
class _Lock:
    """An exclusive lock on writing one output folder, held as a lock file beside it (flock: the kernel
    drops it if the run dies, and the next run takes it over)."""

    path: Path
    descriptor: int

    @classmethod
    def take(cls, out_dir: Path) -> _Lock:
        path = out_dir.parent / f".{out_dir.name}.lock"
        while True:
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(descriptor)
                raise UserError(
                    f"another run is writing to {out_dir}; wait for it to end or choose another --out"
                ) from None
            with contextlib.suppress(FileNotFoundError):
                if os.stat(path).st_ino == os.fstat(descriptor).st_ino:
                    return cls(path, descriptor)
            os.close(descriptor)  # its holder removed the file as we opened it: take the new one

    def release(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        os.close(self.descriptor)


class _SortedFile:
    """A JSONL file written in arrival order to a spill file, then copied out sorted by doc_id (stable).
    The index holds one small entry per release, not per line, so memory stays flat as batches grow."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.spill_path = path.with_name(_spill_name(path.name))
        self.spill = open(self.spill_path, "wb")  # noqa: SIM115 - closed in finish()
        self.writer = jsonlines.Writer(self.spill, dumps=dumps)
        self.index: list[tuple[str, int, int, int]] = []
        self.lines = 0

    def add(self, key: str, objects: list[dict[str, Any]]) -> None:
        """One release's records for this file, kept together in the order given and sorted by `key`."""
        if not objects:
            return
        start = self.spill.tell()
        self.writer.write_all(objects)
        self.index.append((key, len(self.index), start, self.spill.tell() - start))
        self.lines += len(objects)

    def close(self) -> None:
        self.writer.close()
        self.spill.close()

    def finish(self) -> int:
        self.close()
        self.index.sort()
        with open(self.spill_path, "rb") as spill, open(self.path, "wb") as out:
            for _, _, offset, length in self.index:
                spill.seek(offset)
                out.write(spill.read(length))
            out.flush()
            os.fsync(out.fileno())
        self.spill_path.unlink()
        return self.lines


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
    holding nothing but output and spill files."""
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
        and all(p.name in _STAGING_FILES for p in entry.iterdir())
    ]


def _check_writable(out_dir: Path) -> None:
    """A read-only output folder is refused before any work: its old files could not be removed."""
    if out_dir.exists() and not os.access(out_dir, os.W_OK | os.X_OK):
        raise UserError(f"{out_dir} is read-only; make it writable or choose another --out")


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
        # Now the previous dataset; once the swap is done, failing to delete it fails nothing (the next
        # run removes what is left).
        shutil.rmtree(staging, ignore_errors=True)
    elif out_dir.exists():
        backup = _backup_of(out_dir)
        out_dir.rename(backup)
        staging.rename(out_dir)
        shutil.rmtree(backup, ignore_errors=True)
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

"""Results of earlier runs, so an unchanged release is never extracted twice.

An entry's key is made of everything that decides a release's records: its text hash, doc_id and
encoding, the stage ids and versions, the spaCy pipeline's name and version, the package version and a
hash of the package's own code and word lists (so a rule edited without a version bump still misses).
Where the input lies is not part of it: the same release under another file name, another relative
path or another JSONL line is a hit, and only its recorded `source` is updated. An entry that is
half-written, corrupt or for another key is detected, removed and redone. The cache is kept under a
size cap: the entries used least recently go first.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from . import __version__
from .errors import ValidationError as GroundingError
from .models import Release, ReleaseRecords
from .validate import check_grounded, check_joined

_PACKAGE = Path(__file__).resolve().parent


def default_cache_dir() -> Path:
    """$XDG_CACHE_HOME/press-release-pipeline, else ~/.cache/press-release-pipeline."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "press-release-pipeline"


def entry_paths(root: Path) -> list[Path]:
    """Every entry file of the cache under `root` (none when it does not exist)."""
    return list(root.glob("??/*.json")) if root.is_dir() else []


@cache
def code_hash() -> str:
    """A hash of the package's Python files and word lists: any edit changes it."""
    digest = hashlib.sha256()
    for path in sorted([*_PACKAGE.rglob("*.py"), *_PACKAGE.rglob("*.txt")]):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def run_fingerprint(stage_ids: Iterable[str], model_name: str, model_version: str) -> str:
    """What all entries of one run share: package, code, stages and model."""
    parts = [__version__, code_hash(), model_name, model_version, *stage_ids]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class ReleaseCache:
    """One file per release under `root`, written atomically, verified on every read."""

    def __init__(self, root: Path, fingerprint: str) -> None:
        self.root = root
        self.fingerprint = fingerprint

    def key(self, release: Release) -> str:
        parts = [self.fingerprint, release.doc_id, release.encoding, release.sha256]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, release: Release) -> ReleaseRecords | None:
        key = self.key(release)
        path = self._path(key)
        try:
            header, payload = path.read_text(encoding="utf-8").split("\n", 1)
            meta = json.loads(header)
            if meta["key"] != key or meta["sha256"] != hashlib.sha256(payload.encode()).hexdigest():
                raise ValueError("entry does not match its key or checksum")
            records = ReleaseRecords.model_validate_json(payload)
            check_grounded(release.text, records)  # an edited entry is checked like a fresh extraction
            check_joined(records)
            with contextlib.suppress(OSError):
                os.utime(path)  # used now: the last to go when the cache is pruned
            document = records.document.model_copy(update={"source": release.source})
            return records.model_copy(update={"document": document})
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, ValidationError, GroundingError):
            with contextlib.suppress(OSError):  # a read-only cache keeps it; it is still never served
                path.unlink(missing_ok=True)
            return None

    def put(self, release: Release, records: ReleaseRecords) -> None:
        key = self.key(release)
        path = self._path(key)
        payload = records.model_dump_json()
        header = json.dumps({"key": key, "sha256": hashlib.sha256(payload.encode()).hexdigest()})
        temporary: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(header + "\n" + payload)
            os.replace(temporary, path)
            temporary = None
        except OSError:  # a cache that cannot be written (read-only, disk full) only costs speed
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)

    def prune(self, max_bytes: int) -> int:
        """Remove the entries used least recently until the cache holds at most `max_bytes`; returns
        how many were removed. Entries of every run count, whatever their key."""
        entries = []
        for path in entry_paths(self.root):
            with contextlib.suppress(OSError):
                status = path.stat()
                entries.append((status.st_mtime, path.name, status.st_size, path))
        total = sum(size for _, _, size, _ in entries)
        removed = 0
        for _, _, size, path in sorted(entries):
            if total <= max_bytes:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
            total -= size
        return removed

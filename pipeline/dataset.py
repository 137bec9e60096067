"""Reading an output folder back: its JSONL files as dicts, with one clear error for a damaged line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import UserError


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    """The records of one output file, streamed; a missing file has none."""
    if not path.is_file():
        return
    with path.open(encoding="utf-8") as handle:
        try:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise UserError(
                        f"{path}:{number} is not valid JSON ({exc.msg}): regenerate the folder"
                    ) from exc
                if not isinstance(record, dict):
                    raise UserError(f"{path}:{number} is not a JSON object: regenerate the folder")
                yield record
        except UnicodeDecodeError as exc:
            raise UserError(f"{path} is not UTF-8 ({exc.reason}): regenerate the folder") from exc

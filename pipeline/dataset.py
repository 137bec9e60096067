"""The dataset's JSON Lines: one way to write a record as a line, one way to read an output file back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonlines

from .errors import UserError

# Valid JSON may hold these raw, but str.splitlines() and the line readers of other tools break a
# line at them; escaped, every record is one line for any reader.
_LINE_BREAKS_JSON_KEEPS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"}
_ESCAPES = str.maketrans(_LINE_BREAKS_JSON_KEEPS)


def dumps(value: Any, indent: int | None = None) -> str:
    """JSON for the dataset: keys in the order given, UTF-8 as is but for the three line breaks JSON
    keeps, no spaces (one JSONL line) unless indented; the same value gives the same bytes."""
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(value, ensure_ascii=False, separators=separators, indent=indent).translate(_ESCAPES)


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    """The records of one output file, streamed through jsonlines; a missing file has none."""
    if not path.is_file():
        return
    with path.open(encoding="utf-8", newline="\n") as handle, jsonlines.Reader(handle) as reader:
        try:
            yield from reader.iter(type=dict, skip_empty=True)
        except jsonlines.InvalidLineError as exc:
            cause = exc.__cause__
            problem = (
                f"not valid JSON ({cause.msg})"
                if isinstance(cause, ValueError) and hasattr(cause, "msg")
                else "not a JSON object"
            )
            raise UserError(f"{path}:{exc.lineno} is {problem}: regenerate the folder") from exc
        except UnicodeDecodeError as exc:
            raise UserError(f"{path} is not UTF-8 ({exc.reason}): regenerate the folder") from exc

"""Press releases in, a validated and grounded JSONL dataset out. `Extractor` is the Python API
(pipeline/api.py); it is imported on first use, so `python -m pipeline --help` stays fast."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["Extractor", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "Extractor":
        from .api import Extractor

        return Extractor
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")

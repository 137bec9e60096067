"""`python -m pipeline info`: the facts a bug report needs, gathered in one place."""

from __future__ import annotations

import platform
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from . import __version__, extractors
from .cache import default_cache_dir, entry_paths


def describe(model: str, cache_dir: Path | None = None) -> dict[str, Any]:
    """Versions, the model and where it lies, the stages with their versions, and the cache's size."""
    from .runner import load_model, model_location

    nlp = load_model(model)
    cache = cache_dir or default_cache_dir()
    entries = entry_paths(cache)
    return {
        "pipeline": __version__,
        "python": f"{platform.python_version()} ({sys.executable})",
        "platform": platform.platform(),
        "packages": {name: _version(name) for name in ("spacy", "pydantic", "click", "jsonlines", "dask")},
        "model": {
            "name": model,
            "location": str(model_location(model)),
            "version": nlp.meta.get("version"),
            "components": list(nlp.pipe_names),
        },
        "stages": [stage.id for stage in extractors.STAGES],
        "cache": {
            "folder": str(cache),
            "entries": len(entries),
            "megabytes": round(sum(p.stat().st_size for p in entries) / 1_048_576, 1),
        },
    }


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def format_text(facts: dict[str, Any]) -> str:
    """One `key: value` line per fact, nested facts indented: pasteable into an issue."""
    lines: list[str] = []

    def add(key: str, value: Any, indent: str) -> None:
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            for inner_key, inner in value.items():
                add(inner_key, inner, indent + "  ")
        elif isinstance(value, list):
            lines.append(f"{indent}{key}: {', '.join(map(str, value))}")
        else:
            lines.append(f"{indent}{key}: {value}")

    for key, value in facts.items():
        add(key, value, "")
    return "\n".join(lines)

"""JSON Schema of every output record, generated from the pydantic models."""

from __future__ import annotations

import json
from pathlib import Path

from .models import OUTPUT_MODELS


def schema_texts() -> dict[str, str]:
    """File name -> schema text; what `schemas/` must hold."""
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
        for name, model in OUTPUT_MODELS.items()
    }


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written

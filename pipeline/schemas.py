"""JSON Schema of every output file, generated from the pydantic models in serialization mode: what
the files hold as written (every field present, so every field required)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .models import OUTPUT_MODELS, Manifest, Record

DRAFT = "https://json-schema.org/draft/2020-12/schema"
ID_BASE = "urn:press-release-pipeline:schema:"


def schema_of(name: str, model: type[Record]) -> dict[str, Any]:
    """The schema of one file: `$schema` and `$id` first, then what pydantic generates."""
    generated = model.model_json_schema(mode="serialization")
    return {"$schema": DRAFT, "$id": f"{ID_BASE}{name}", **generated}


def schema_texts() -> dict[str, str]:
    """File name -> schema text; what `schemas/` must hold."""
    models: dict[str, type[Record]] = {**OUTPUT_MODELS, "manifest": Manifest}
    return {
        f"{name}.schema.json": json.dumps(schema_of(name, model), indent=2, ensure_ascii=False) + "\n"
        for name, model in models.items()
    }


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written

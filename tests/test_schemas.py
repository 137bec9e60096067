"""Committed schemas and outputs agree with the pydantic models and with the corpus text."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema
import pytest

from pipeline.models import OUTPUT_MODELS, Document, Mention, Release
from pipeline.readers import iter_inputs
from pipeline.schemas import schema_texts, write_schemas

from .conftest import ROOT

SCHEMAS = ROOT / "schemas"
OUTPUTS = ROOT / "outputs"
GROUNDED_FILES = ("people", "organizations", "cities", "speeches", "awards")


def test_schema_folder_holds_exactly_the_generated_files() -> None:
    assert sorted(p.name for p in SCHEMAS.glob("*.json")) == sorted(schema_texts()), "run `make schemas`"


@pytest.mark.parametrize("name", sorted(schema_texts()))
def test_committed_schema_is_current(name: str) -> None:
    path = SCHEMAS / name
    assert path.is_file(), f"{path} is missing: run `make schemas`"
    assert path.read_text(encoding="utf-8") == schema_texts()[name], f"{path} is stale: run `make schemas`"


def test_write_schemas_round_trips(tmp_path: Path) -> None:
    written = write_schemas(tmp_path)
    assert {p.name: p.read_text(encoding="utf-8") for p in written} == schema_texts()


def test_every_output_file_is_committed() -> None:
    expected = sorted(f"{name}.jsonl" for name in OUTPUT_MODELS)
    assert sorted(p.name for p in OUTPUTS.glob("*.jsonl")) == expected, "run `make extract`"


@pytest.mark.parametrize("name", list(OUTPUT_MODELS))
def test_every_output_line_validates(name: str) -> None:
    model = OUTPUT_MODELS[name]
    for number, line in enumerate(read_lines(name), start=1):
        record = model.model_validate_json(line)
        assert getattr(record, "doc_id", None), f"{name}.jsonl:{number} has no doc_id"


@pytest.mark.parametrize("name", list(OUTPUT_MODELS))
def test_every_output_line_matches_its_json_schema(name: str) -> None:
    """The committed schema files, not only the models, accept every committed record."""
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for number, line in enumerate(read_lines(name), start=1):
        errors = [e.message for e in validator.iter_errors(json.loads(line))]
        assert not errors, f"{name}.jsonl:{number}: {errors}"


def test_json_schema_rejects_a_record_without_mentions() -> None:
    schema = json.loads((SCHEMAS / "people.schema.json").read_text(encoding="utf-8"))
    record = {"doc_id": "d", "name": "Ada Lovelace", "affiliations": []}
    assert not jsonschema.Draft202012Validator(schema).is_valid(record)


def read_lines(name: str) -> list[str]:
    return (OUTPUTS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()


@cache
def release_texts() -> dict[str, str]:
    """doc_id -> the release text, re-read from each document's `source` through the readers."""
    texts = {}
    for line in read_lines("documents"):
        document = Document.model_validate_json(line)
        path = ROOT / document.source
        if not path.exists():  # a JSONL release: source is "file.jsonl:LINE"
            path = ROOT / document.source.rpartition(":")[0]
        found = [r for r in iter_inputs([path]) if isinstance(r, Release) and r.doc_id == document.doc_id]
        assert len(found) == 1, f"cannot re-read {document.doc_id} from {document.source}"
        assert found[0].sha256 == document.sha256, f"{document.source} changed since extraction"
        texts[document.doc_id] = found[0].text
    return texts


def assert_points_at_text(text: str, mention: Mention, where: str) -> None:
    assert 0 <= mention.start < mention.end <= len(text), f"{where}: {mention} is outside the text"
    assert text[mention.start : mention.end] == mention.text, f"{where}: {mention} does not match the text"


@pytest.mark.parametrize("name", GROUNDED_FILES)
def test_every_mention_points_at_its_text(name: str) -> None:
    texts = release_texts()
    for number, line in enumerate(read_lines(name), start=1):
        record = json.loads(line)
        text = texts[record["doc_id"]]
        for mention in record["mentions"]:
            assert_points_at_text(text, Mention.model_validate(mention), f"{name}.jsonl:{number}")


def test_document_headline_and_dateline_point_at_text() -> None:
    texts = release_texts()
    for line in read_lines("documents"):
        document = Document.model_validate_json(line)
        text = texts[document.doc_id]
        for mention in document.dateline.mentions:
            assert_points_at_text(text, mention, f"{document.doc_id} dateline")
        for section in document.sections:
            assert 0 <= section.start <= section.end <= len(text), f"{document.doc_id} {section.kind}"
        if document.headline is not None:
            assert document.headline in text


def test_a_mention_that_ends_before_it_starts_is_no_record() -> None:
    import pydantic

    from pipeline.models import Mention

    assert Mention(start=2, end=5, text="abc").end == 5
    with pytest.raises(pydantic.ValidationError):
        Mention(start=5, end=2, text="")


@pytest.mark.parametrize("name", sorted(schema_texts()))
def test_schemas_name_their_draft_and_id_and_require_what_is_always_written(name: str) -> None:
    schema = json.loads(schema_texts()[name])
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(":" + name.removesuffix(".schema.json"))
    optional = ["detail"] if name == "rejects.schema.json" else []  # written with --verbose only
    assert sorted(schema["required"]) == sorted(set(schema["properties"]) - set(optional))


def test_the_committed_manifest_matches_its_schema() -> None:
    schema = json.loads((SCHEMAS / "manifest.schema.json").read_text(encoding="utf-8"))
    manifest = json.loads((OUTPUTS / "manifest.json").read_text(encoding="utf-8"))
    assert [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(manifest)] == []
    assert manifest["counts"]["documents"] == len(manifest["inputs"])

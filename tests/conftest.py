"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from types import ModuleType

    from spacy.language import Language

    from pipeline.context import ReleaseContext

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset"  # the evaluation set: read by checks, never copied in


@pytest.fixture(scope="session")
def nlp() -> Language:
    from pipeline.runner import load_model
    from pipeline.settings import DEFAULT_MODEL

    return load_model(DEFAULT_MODEL)  # the stages are tested with the model production runs


@pytest.fixture
def shared_model(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> Language:
    """Make the runner use the session's pipeline instead of loading its own."""
    from pipeline import runner

    monkeypatch.setattr(runner, "load_model", lambda name: nlp)
    return nlp


def run_stages(nlp: Language, text: str, *extractors: ModuleType) -> ReleaseContext:
    """A context for `text` after the given stage modules ran in order: one stage's tests need only
    the stages before it."""
    from pipeline.context import ReleaseContext
    from pipeline.models import Release

    ctx = ReleaseContext(release=Release(doc_id="t", source="t.txt", text=text, sha256="x"), nlp=nlp)
    for extractor in extractors:
        extractor.extract(ctx)
    return ctx


def run_until(nlp: Language, text: str, last: str) -> ReleaseContext:
    """A context for `text` after the production registry's stages up to and including `last`, so a
    stage's tests see exactly what it sees in production."""
    from pipeline import extractors
    from pipeline.context import ReleaseContext
    from pipeline.models import Release

    names = [stage.name for stage in extractors.STAGES]
    if last not in names:
        raise ValueError(f"no stage {last!r} in the registry: {names}")
    ctx = ReleaseContext(release=Release(doc_id="t", source="t.txt", text=text, sha256="x"), nlp=nlp)
    for stage in extractors.STAGES[: names.index(last) + 1]:
        stage.run(ctx)
    return ctx

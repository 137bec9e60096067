"""Worker processes that extract releases, each release under a time budget.

A release that takes longer than the budget, or whose worker dies (a crash, the kernel's OOM killer),
costs only itself: its worker is replaced and the release becomes a reject naming the limit. Workers are
forked from the parent after the spaCy pipeline is loaded, so a replacement starts at once.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import time
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING

from .cache import ReleaseCache
from .errors import StageError
from .models import Reject, Release, ReleaseRecords
from .release import extract_release

if TYPE_CHECKING:
    from spacy.language import Language

Outcome = ReleaseRecords | Reject


def extract_or_reject(release: Release, nlp: Language, cache: ReleaseCache | None = None) -> Outcome:
    """One release's records (from the cache when it has them), or the reject that explains why there
    are none; never raises. Only records are cached: a reject may be transient."""
    cached = cache.get(release) if cache is not None else None
    if cached is not None:
        return cached
    try:
        records = extract_release(release, nlp)
        if cache is not None:
            cache.put(release, records)
        return records
    except StageError as error:
        return Reject(
            doc_id=release.doc_id,
            source=release.source,
            stage=error.stage,
            error=str(error),
            detail=_traceback(error.__cause__ or error),
        )
    except Exception as error:  # anything else is still one release's problem, not the batch's
        return Reject(
            doc_id=release.doc_id,
            source=release.source,
            stage="extract",
            error=f"{type(error).__name__}: {error}",
            detail=_traceback(error),
        )


def _traceback(error: BaseException) -> str:
    return "".join(traceback.format_exception(error)).rstrip("\n")


def over_budget_reject(release: Release, budget: float) -> Reject:
    """The reject of a release stopped for taking longer than the time budget (any backend)."""
    return Reject(
        doc_id=release.doc_id,
        source=release.source,
        stage="time-budget",
        error=f"Extraction took longer than the time budget of {budget:g} s per release and was "
        "stopped; raise it with --time-budget SECONDS.",
    )


def _die_with(parent: int) -> None:
    """Ask the kernel to kill this worker when its parent dies (Linux prctl PR_SET_PDEATHSIG): a parent
    ended by SIGTERM or kill -9 must not leave workers running and holding its stdout open."""
    if sys.platform != "linux":
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was in place
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _serve(connection: Connection, nlp: Language, cache: ReleaseCache | None, parent: int) -> None:
    """A worker's loop: a release in, its outcome and the seconds it took out, until the parent sends None."""
    _die_with(parent)
    # Ctrl-C reaches the whole process group: the parent alone answers it (one line, then it closes
    # the workers), so a worker never prints a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        release = connection.recv()
        if release is None:
            return
        started = time.perf_counter()
        outcome = extract_or_reject(release, nlp, cache)
        connection.send((outcome, time.perf_counter() - started))


def how_it_ended(code: int | None) -> str:
    """A process's end in words: "killed by SIGKILL" for a negative exit code, as the kernel's OOM
    killer and `kill -9` leave it."""
    if code is None:
        return "still running"
    if code < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-code).name}"
        return f"killed by signal {-code}"
    return f"exit code {code}"


@dataclass(frozen=True)
class Finished:
    """One release done: its outcome and the seconds its extraction took (wall time in the worker)."""

    release: Release
    outcome: Outcome
    seconds: float


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection
    release: Release | None = None
    started: float = 0.0
    done: int = 0


class ReleasePool:
    """`workers` forked processes sharing one loaded pipeline; `budget` seconds per release."""

    def __init__(
        self,
        nlp: Language,
        workers: int,
        budget: float,
        cache: ReleaseCache | None = None,
        recycle_after: int = 500,
    ) -> None:
        self.nlp = nlp
        self.cache = cache
        self.recycle_after = recycle_after
        self.budget = budget
        self.context = multiprocessing.get_context("fork")
        self.workers = [self._start() for _ in range(workers)]

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        process = self.context.Process(
            target=_serve, args=(child, self.nlp, self.cache, os.getpid()), daemon=True
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _retire(self, worker: _Worker) -> _Worker:
        """A fresh worker for one that has done `recycle_after` releases: spaCy's string store only
        grows, so a long-lived worker's memory would grow with the corpus."""
        with contextlib.suppress(OSError):
            worker.connection.send(None)
        worker.process.join(timeout=5)
        return self._replace(worker)

    def _replace(self, worker: _Worker) -> _Worker:
        worker.process.kill()
        worker.process.join()
        worker.connection.close()
        fresh = self._start()
        self.workers[self.workers.index(worker)] = fresh
        return fresh

    def map(self, releases: Iterable[Release]) -> Iterator[Finished]:
        """Outcomes in completion order (the writers sort); reads `releases` lazily."""
        pending = iter(releases)
        exhausted = False
        while True:
            for worker in list(self.workers):
                if worker.release is None and worker.done >= self.recycle_after:
                    worker = self._retire(worker)
                if worker.release is None and not exhausted:
                    release = next(pending, None)
                    if release is None:
                        exhausted = True
                        break
                    worker.release, worker.started = release, time.monotonic()
                    worker.connection.send(release)
            busy = [w for w in self.workers if w.release is not None]
            if not busy:
                return
            deadline = min(w.started for w in busy) + self.budget
            ready = wait([w.connection for w in busy], timeout=max(0.0, deadline - time.monotonic()))
            for worker in busy:
                if worker.connection in ready:
                    yield self._collect(worker)
                elif time.monotonic() - worker.started > self.budget:
                    yield self._over_budget(worker)

    def _collect(self, worker: _Worker) -> Finished:
        release = worker.release
        assert release is not None
        worker.release = None
        worker.done += 1
        try:
            outcome, seconds = worker.connection.recv()
            return Finished(release, outcome, seconds)
        except (EOFError, OSError):
            worker.process.join(timeout=5)  # reaped first: before that its exit code is unknown (None)
            code = worker.process.exitcode
            seconds = time.monotonic() - worker.started
            self._replace(worker)
            return Finished(release, self._died(release, code), seconds)

    @staticmethod
    def _died(release: Release, code: int | None) -> Reject:
        return Reject(
            doc_id=release.doc_id,
            source=release.source,
            stage="worker",
            error=f"The worker process died ({how_it_ended(code)}) while extracting this release; "
            "it may need more memory than the machine has.",
        )

    def _over_budget(self, worker: _Worker) -> Finished:
        release = worker.release
        assert release is not None
        seconds = time.monotonic() - worker.started
        self._replace(worker)
        return Finished(release, over_budget_reject(release, self.budget), seconds)

    def close(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.connection.send(None)
        for worker in self.workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
            worker.connection.close()

    def __enter__(self) -> ReleasePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

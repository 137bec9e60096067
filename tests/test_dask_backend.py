"""--backend dask: the same outcomes as the local backend, byte for byte, on a LocalCluster; a release
that fails on a worker costs only itself."""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

import pytest

from pipeline import dask_backend
from pipeline.errors import UserError
from pipeline.models import Reject, Release
from pipeline.pool import Outcome, extract_or_reject
from pipeline.settings import DEFAULT_MODEL
from pipeline.writers import record_line, release_lines

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = DEFAULT_MODEL

TEXTS = {
    "harbor": (
        "Harbor Foods Opens Second Plant\n\nPORTLAND, Ore., June 2, 2021 /PRNewswire/ -- Harbor Foods Inc. "
        'opened a plant in Salem. "We are growing," said Karen Mills, Chief Executive Officer of Harbor '
        "Foods.\n"
    ),
    "orchid": (
        "# Orchid Labs names new CFO\n\nAUSTIN, Texas, May 5, 2022 /PRNewswire/ -- Orchid Labs appointed "
        "Daniel Brooks as Chief Financial Officer. Brooks joins from Lakeview Capital in Dallas.\n"
    ),
    "keynote": (
        "Nordwind Energy at Wind Summit\n\nHAMBURG, Germany, March 3, 2023 -- Dr. Ilse Becker, Chief "
        'Technology Officer of Nordwind Energy GmbH, gave a keynote entitled "Turbines for Cold Seas" '
        "at the Wind Summit in Hamburg.\n"
    ),
    "award": (
        "Copperline Wins Design Prize\n\nDENVER, Sept. 9, 2020 /PRNewswire/ -- Copperline LLC won the 2020 "
        "Red Dot Design Award for its Atlas lamp, the company said. Contact: Maria Lopez, Copperline.\n"
    ),
}


def release(doc_id: str, text: str) -> Release:
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Release(doc_id=doc_id, source=f"{doc_id}.txt", text=text, sha256=sha256)


RELEASES = [release(doc_id, text) for doc_id, text in TEXTS.items()]


def lines(outcomes: Iterable[Outcome]) -> list[str]:
    """Every output line the outcomes give, in a stable order, as the writers would write them."""
    result: list[str] = []
    for outcome in outcomes:
        if isinstance(outcome, Reject):
            result.append("rejects " + record_line(outcome))
        else:
            result.extend(
                f"{name} {line}" for name, file_lines in release_lines(outcome).items() for line in file_lines
            )
    return sorted(result)


def _refuse_to_unpickle(doc_id: str) -> Release:
    raise RuntimeError(f"release {doc_id} cannot be unpickled")


class BrokenOnWorker(Release):
    """A release whose Dask task fails before extraction: the cluster cannot unpickle it."""

    def __reduce__(self) -> tuple[Callable[[str], Release], tuple[str]]:
        return (_refuse_to_unpickle, (self.doc_id,))


@pytest.fixture
def no_stray_processes() -> Iterator[None]:
    """Every worker process a LocalCluster started is gone when map_releases() returns."""
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    psutil = pytest.importorskip("psutil")  # a dependency of distributed
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    yield
    after = psutil.Process().children(recursive=True)
    # multiprocessing's resource tracker lives as long as this process, by design.
    stray = [p for p in after if p.pid not in before and "resource_tracker" not in " ".join(p.cmdline())]
    assert stray == []


@pytest.mark.usefixtures("no_stray_processes")
def test_local_cluster_matches_local_backend_byte_for_byte(nlp: Language) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    # batch_size=1 spreads the four releases over both workers.
    on_dask = list(dask_backend.map_releases(RELEASES, model=MODEL, workers=2, batch_size=1))
    in_process = [extract_or_reject(r, nlp) for r in RELEASES]
    assert all(not isinstance(o, Reject) for o in in_process)
    assert len(on_dask) == len(RELEASES)
    assert lines(on_dask) == lines(in_process)


@pytest.mark.usefixtures("no_stray_processes")
def test_failing_release_is_a_reject_and_its_batch_goes_on(nlp: Language) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    broken = BrokenOnWorker(**release("broken", "Broken release.\n").model_dump())
    # Stands for a bug in a stage: extracting it raises, on any backend.
    no_text = Release.model_construct(doc_id="no-text", source="no-text.txt", text=None, sha256="0" * 64)
    batch = [*RELEASES[:2], broken, no_text]
    # One batch of four: the failed batch is retried one release per task.
    on_dask = list(dask_backend.map_releases(batch, model=MODEL, workers=2, batch_size=4))
    rejects = {o.doc_id: o for o in on_dask if isinstance(o, Reject)}
    assert rejects["broken"].stage == "dask"
    # The scheduler unpickles the task first and reports the failure in its own words.
    assert rejects["broken"].error.startswith("The Dask task failed: ")
    expected = [extract_or_reject(r, nlp) for r in [*RELEASES[:2], no_text]]
    assert isinstance(expected[-1], Reject) and expected[-1].error.startswith("TypeError")
    assert lines(o for o in on_dask if o is not rejects["broken"]) == lines(expected)


@pytest.mark.usefixtures("no_stray_processes")
def test_unknown_model_is_a_user_error() -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    with pytest.raises(UserError, match=r"'no_such_model' (cannot be loaded|is not installed)"):
        list(dask_backend.map_releases(RELEASES, model="no_such_model", workers=1))


class SlowOnWorker:
    """A Dask WorkerPlugin that makes the release "slow" hang on its worker, also after a restart."""

    def setup(self, worker: object) -> None:
        original = dask_backend.extract_or_reject

        def hang_on_slow(release: Release, nlp: Language, cache: object = None) -> Outcome:
            if release.doc_id == "slow":
                time.sleep(3600)
            return original(release, nlp)

        dask_backend.extract_or_reject = hang_on_slow  # type: ignore[assignment]


@pytest.mark.usefixtures("no_stray_processes")
def test_hung_release_is_stopped_on_an_existing_cluster(nlp: Language) -> None:
    """`scheduler=` uses a running cluster; a release that never ends becomes a time-budget reject
    and its worker is restarted, while the other releases are extracted."""
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as client:
        plugin = type("SlowOnWorker", (SlowOnWorker, distributed.WorkerPlugin), {})()
        client.register_plugin(plugin, name="slow-on-worker")
        releases = [*RELEASES[:2], release("slow", "Slow Release\n\nIt never ends.\n")]
        on_dask = list(
            dask_backend.map_releases(
                releases, model=MODEL, scheduler=cluster.scheduler_address, time_budget=8.0, batch_size=1
            )
        )
        # The pipeline was loaded by the plugin on every worker, the restarted one included.
        loaded = client.run(lambda: sorted(dask_backend._MODELS))
    assert list(loaded.values()) == [[MODEL], [MODEL]]
    rejects = [o for o in on_dask if isinstance(o, Reject)]
    assert [(r.doc_id, r.stage) for r in rejects] == [("slow", "time-budget")]
    expected = [extract_or_reject(r, nlp) for r in RELEASES[:2]]
    assert lines(o for o in on_dask if not isinstance(o, Reject)) == lines(expected)


def test_release_over_the_time_budget_is_a_reject(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker-side task, run here: a release that took longer than the budget is rejected."""
    monkeypatch.setitem(dask_backend._MODELS, MODEL, nlp)
    outcomes = dask_backend._extract_batch(RELEASES[:2], MODEL, 1_000_000, time_budget=1e-9)
    assert [(o.doc_id, o.stage) for o in outcomes if isinstance(o, Reject)] == [
        ("harbor", "time-budget"),
        ("orchid", "time-budget"),
    ]


def test_without_dask_installed_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(UserError, match=r"pip install -e '\.\[dask\]'"):
        next(dask_backend.map_releases(RELEASES, model=MODEL))

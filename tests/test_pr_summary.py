"""The pull request's job summary: folded, and capped under GitHub's limit with a note."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from .conftest import ROOT

_spec = importlib.util.spec_from_file_location("pr_summary", ROOT / "scripts" / "pr_summary.py")
assert _spec and _spec.loader
pr_summary = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pr_summary)

HEAD = (
    "## Output diff: a -> b\n\n| type | added | removed | changed |\n|---|---:|---:|---:|\n"
    "| people | 1 | 0 | 0 |\n"
)


def report(releases: int, lines_each: int) -> str:
    sections = [
        f"### doc-{n:05}\n\n" + "".join(f"- people: + Person {n} {k}\n" for k in range(lines_each))
        for n in range(releases)
    ]
    return HEAD + "\n" + "\n".join(sections)


def test_small_report_is_folded_whole() -> None:
    summary = pr_summary.summarise(report(3, 2))
    assert summary.startswith(HEAD.rstrip("\n"))
    assert "<details>" in summary and summary.count("### doc-") == 3 and "not shown" not in summary


def test_large_report_is_cut_whole_sections_under_the_limit() -> None:
    summary = pr_summary.summarise(report(5_000, 20), limit=200_000)
    assert len(summary.encode("utf-8")) < 200_000
    shown = summary.count("### doc-")
    assert 0 < shown < 5_000
    assert f"{5_000 - shown} of 5000 changed releases not shown" in summary
    assert summary.count("</details>") == 1


def test_the_default_limit_is_under_one_mebibyte(tmp_path: Path) -> None:
    summary = pr_summary.summarise(report(20_000, 20))
    assert len(summary.encode("utf-8")) < 1024 * 1024

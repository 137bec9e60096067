"""The Make targets the review workflow calls, run as a person or CI would run them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .conftest import ROOT


def make(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "-s", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_check_outputs_passes_on_the_committed_dataset() -> None:
    result = make("check-outputs")
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_outputs_fails_on_a_stale_dataset(tmp_path: Path) -> None:
    stale = tmp_path / "outputs"
    shutil.copytree(ROOT / "outputs", stale)
    people = (stale / "people.jsonl").read_text(encoding="utf-8").splitlines()
    (stale / "people.jsonl").write_text("\n".join(people[1:]) + "\n", encoding="utf-8")
    result = make("check-outputs", f"OUTPUTS={stale}")
    assert result.returncode != 0
    assert "is stale" in result.stdout
    assert "| people | 1 | 0 | 0 |" in result.stdout  # the fresh extraction has the person the copy lost


def test_pr_diff_writes_the_summary_for_the_job() -> None:
    result = make("pr-diff", "BASE_REF=HEAD")
    assert result.returncode == 0, result.stderr
    report = (ROOT / "build" / "pr-diff.md").read_text(encoding="utf-8")
    assert "| type | added | removed | changed |" in report
    assert report == result.stdout


def test_review_target_writes_a_page() -> None:
    result = make("review")
    assert result.returncode == 0, result.stderr
    page = (ROOT / "build" / "review.html").read_text(encoding="utf-8")
    assert "<html" in page and "smart-city-forum-2022" in page

"""The Make targets the review workflow calls, run as a person or CI would run them."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import tomllib
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


def test_check_outputs_reports_a_mistyped_folder_as_an_error_not_as_stale(tmp_path: Path) -> None:
    result = make("check-outputs", f"OUTPUTS={tmp_path / 'typo'}")
    assert result.returncode != 0
    assert "is stale" not in result.stdout and "Error:" in result.stderr


def test_a_venv_without_pip_is_rebuilt(tmp_path: Path) -> None:
    """Debian without python3-venv leaves a venv with python but no pip; every later make failed."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").symlink_to(shutil.which("python3") or "/usr/bin/python3")
    result = make(f"VENV={venv}", f"{venv}/bin/pip")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "has no pip: rebuilding it" in result.stdout
    assert (venv / "bin" / "pip").exists()


def _pins(text: str) -> dict[str, str]:
    """name -> version of every `name==version` requirement, names normalised as pip does."""
    pins = re.findall(r'^\s*"?([A-Za-z0-9_.\-\[\]]+)==([^";\s\\]+)', text, re.MULTILINE)
    return {re.sub(r"\[.*\]", "", name).lower().replace("_", "-"): version for name, version in pins}


def test_the_lock_files_pin_what_pyproject_pins_each_with_hashes() -> None:
    """`make extract` installs from requirements/extract.lock, `make test` adds requirements/dev.lock:
    both exact, hashed and in step with pyproject.toml (`make lock` regenerates them)."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = _pins("\n".join(pyproject["dependencies"]))
    dev = _pins("\n".join(pyproject["optional-dependencies"]["dev"]))
    for lock_name, wanted in (("extract", runtime), ("dev", {**runtime, **dev})):
        text = (ROOT / "requirements" / f"{lock_name}.lock").read_text(encoding="utf-8")
        locked = _pins(text)
        assert {name: locked.get(name) for name in wanted} == wanted, f"run `make lock` ({lock_name}.lock)"
        entries = re.split(r"\n(?=[a-z0-9])", text.split("\n\n", 1)[1].strip())
        assert all("--hash=sha256:" in entry for entry in entries if "==" in entry)
    extract_lock = _pins((ROOT / "requirements" / "extract.lock").read_text(encoding="utf-8"))
    assert (dev.keys() - runtime.keys()) & extract_lock.keys() == set(), "dev tools in extract.lock"


def _imported_modules(folder: Path) -> set[str]:
    """The top-level names of every module the code under `folder` imports (relative imports aside)."""
    modules = set()
    for source in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.add(node.module.split(".")[0])
    return modules


def test_every_package_the_pipeline_imports_is_in_the_extract_lock() -> None:
    """`make extract` installs only extract.lock: a module the pipeline imports from a dev-only package
    rejected every release on a fresh clone while the dev venv hid it. The Dask backend is optional."""
    from importlib.metadata import packages_distributions

    extract_lock = _pins((ROOT / "requirements" / "extract.lock").read_text(encoding="utf-8"))
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    installed = extract_lock.keys() | _pins("\n".join(pyproject["optional-dependencies"]["dask"])).keys()
    providers = packages_distributions()
    missing = {
        module
        for module in _imported_modules(ROOT / "pipeline")
        if module in providers
        and not any(
            dist.lower().replace("_", "-").replace(".", "-") in installed | {pyproject["name"]}
            for dist in providers[module]
        )
    }
    assert missing == set()

"""The command line: help with examples, documented commands, one-line user errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.cli import cli, main
from pipeline.models import OUTPUT_MODELS

from .conftest import ROOT


def command_names() -> list[str]:
    return sorted(cli.commands)


COMMANDS = command_names()


def test_commands_are_the_documented_set() -> None:
    assert COMMANDS == ["diff", "eval", "extract", "info", "review", "schemas"]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    assert "example:" in capsys.readouterr().out


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_documented_in_readme(command: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"python -m pipeline {command}" in readme


def assert_one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("Error: ")
    assert "Traceback" not in captured.err
    assert captured.out == ""
    return lines[0]


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["extract", "{tmp}/no-such-folder", "--out", "{tmp}/out"], id="extract-missing-input"),
        pytest.param(
            ["extract", "{tmp}/here.txt", "{tmp}/gone.txt", "--out", "{tmp}/out"], id="extract-second-missing"
        ),
        pytest.param(["eval", "--gold", "{tmp}/no-gold", "--pred", "{tmp}"], id="eval-missing-gold"),
        pytest.param(["eval", "--gold", "{tmp}/gold", "--pred", "{tmp}/no-pred"], id="eval-missing-pred"),
    ],
)
def test_missing_path_is_one_error_line(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "here.txt").write_text("A Headline\n\nSome body text.\n", encoding="utf-8")
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "x.json").write_text('{"id": "x"}', encoding="utf-8")
    assert main([arg.format(tmp=tmp_path) for arg in argv]) == 1
    line = assert_one_error_line(capsys)
    assert "no-such-folder" in line or "gone.txt" in line or "no-gold" in line or "no-pred" in line
    assert not (tmp_path / "out").exists()


def test_bad_model_name_is_one_error_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("A Headline\n\nSome body text.\n", encoding="utf-8")
    argv = ["extract", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--model", "no_such_pipeline"]
    assert main(argv) == 1
    assert "no_such_pipeline" in assert_one_error_line(capsys)
    assert not (tmp_path / "out").exists()


def test_foreign_output_folder_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], shared_model: object
) -> None:
    (tmp_path / "a.txt").write_text("A Headline\n\nSome body text.\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "thesis.docx").write_bytes(b"")
    assert main(["extract", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out")]) == 1
    assert "thesis.docx" in assert_one_error_line(capsys)


def test_extract_writes_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], shared_model: object
) -> None:
    (tmp_path / "a.txt").write_text(
        "Kestrel Mills Opens a Bakery\n\nKestrel Mills opened a bakery.\n", encoding="utf-8"
    )
    assert main(["extract", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    document = json.loads((tmp_path / "out" / "documents.jsonl").read_text(encoding="utf-8"))
    assert (document["doc_id"], document["headline"]) == ("a", "Kestrel Mills Opens a Bakery")


def test_schemas_writes_every_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schemas", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert sorted(Path(line).name for line in printed) == sorted(
        [*(f"{name}.schema.json" for name in OUTPUT_MODELS), "manifest.schema.json"]
    )
    assert all(Path(line).is_file() for line in printed)


def write_jsonl(path: Path, records: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


@pytest.fixture
def tiny_eval(tmp_path: Path) -> tuple[Path, Path]:
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir()
    pred.mkdir()
    gold_doc = {
        "id": "pine",
        "dateline": {"city": "BOISE", "date": "2020-05-04"},
        "people": [{"name": "Tomas Reyes", "affiliations": []}, {"name": "Ada Brandt", "affiliations": []}],
        "organizations": ["Pinecrest Bikes"],
        "cities": ["BOISE"],
        "speeches": [],
        "awards": [],
    }
    (gold / "pine.json").write_text(json.dumps(gold_doc), encoding="utf-8")
    dateline = {"city": "Boise", "region": None, "country": None, "date": "2020-05-04", "wire": None}
    write_jsonl(pred / "documents.jsonl", [{"doc_id": "pine", "dateline": dateline}])
    write_jsonl(
        pred / "people.jsonl",
        [{"doc_id": "pine", "name": "Tomas Reyes"}, {"doc_id": "pine", "name": "Reyes"}],
    )
    write_jsonl(
        pred / "organizations.jsonl", [{"doc_id": "pine", "name": "Pinecrest Bikes, Inc.", "aliases": []}]
    )
    return gold, pred


def test_eval_prints_the_table(tiny_eval: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    gold, pred = tiny_eval
    assert main(["eval", "--gold", str(gold), "--pred", str(pred)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("| type | gold | pred | tp | precision | recall | f1 |\n")
    assert "| people | 2 | 2 | 1 | 0.500 | 0.500 | 0.500 |" in out
    assert "| organizations | 1 | 1 | 0 | 0.000 | 0.000 | 0.000 |" in out
    assert "| dateline_city | 1 | 1 | 1 | 1.000 | 1.000 | 1.000 |" in out
    assert "| cities | 1 | 0 | 0 | 0.000 | 0.000 | 0.000 |" in out
    assert "| speeches | 0 | 0 | 0 | 1.000 | 1.000 | 1.000 |" in out


def test_eval_details_and_json(tiny_eval: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    gold, pred = tiny_eval
    assert main(["eval", "--gold", str(gold), "--pred", str(pred), "--details"]) == 0
    out = capsys.readouterr().out
    assert "### pine" in out
    assert "- Ada Brandt" in out
    assert "+ Reyes" in out
    assert main(["eval", "--gold", str(gold), "--pred", str(pred), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["types"]["people"]["tp"] == 1


@pytest.mark.parametrize(
    ("releases", "counts", "reasons", "seconds", "expected"),
    [
        pytest.param(
            5000,
            {"people": 31204, "organizations": 40112, "cities": 9876, "speeches": 120, "awards": 310},
            {"The document has no text: it is empty or only whitespace.": 7, "Line N is not valid JSON": 5},
            250.2,
            "5,000 releases: 31,204 people, 40,112 organizations, 9,876 cities, 120 speeches, 310 awards; "
            "12 rejects (7: The document has no text: it is empty or only whitespace.) in 4m10s; "
            "see out/rejects.jsonl",
            id="minutes-and-rejects",
        ),
        pytest.param(
            3,
            {"people": 7},
            {},
            1.26,
            "3 releases: 7 people, 0 organizations, 0 cities, 0 speeches, 0 awards; "
            "0 rejects in 1.3s; see out",
            id="seconds-no-rejects",
        ),
    ],
)
def test_summary_line(
    releases: int, counts: dict[str, int], reasons: dict[str, int], seconds: float, expected: str
) -> None:
    from collections import Counter

    from pipeline.cli import summary_line
    from pipeline.runner import RunSummary

    rejects = sum(reasons.values())
    summary = RunSummary(releases=releases, rejects=rejects, counts=counts, reject_reasons=Counter(reasons))
    assert summary_line(summary, seconds, Path("out")) == expected


def test_eval_reads_groups_beside_the_gold(
    tiny_eval: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    gold, pred = tiny_eval
    (gold.parent / "groups.json").write_text(json.dumps({"pines": ["pine"], "none": []}), encoding="utf-8")
    assert main(["eval", "--gold", str(gold), "--pred", str(pred)]) == 0
    out = capsys.readouterr().out
    assert "\npines:\n" in out and "\nnone:\n" in out
    (gold.parent / "bad.json").write_text("[1]", encoding="utf-8")
    bad = str(gold.parent / "bad.json")
    assert main(["eval", "--gold", str(gold), "--pred", str(pred), "--groups", bad]) == 1
    assert capsys.readouterr().err.startswith("Error: ")


def test_exit_codes_are_the_readme_table() -> None:
    from pipeline import cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| (\d) \| ([^|]+?) \|$", readme, re.MULTILINE))
    codes = {
        "0": cli.EXIT_OK,
        "1": cli.EXIT_USER_ERROR,
        "2": cli.EXIT_REJECTS,
        "3": cli.EXIT_NOTHING_EXTRACTED,
        "4": cli.EXIT_CHANGED,
    }
    assert sorted(table) == sorted(codes) == [str(code) for code in sorted(codes.values())]
    assert "--strict" in table["2"] and "nothing extracted" in table["3"] and "--fail-on-change" in table["4"]


@pytest.mark.parametrize("inputs", ["empty-folder", "all-rejected"])
def test_nothing_extracted_keeps_the_previous_dataset_and_says_so(
    inputs: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], shared_model: object
) -> None:
    from pipeline.cli import EXIT_NOTHING_EXTRACTED

    (tmp_path / "good").mkdir()
    (tmp_path / "good" / "a.txt").write_text("Kestrel Mills Opens\n\nKestrel Mills opened.\n", "utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(tmp_path / "good"), "--out", str(out), "--workers", "0", "--quiet"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (tmp_path / "bad").mkdir()
    if inputs == "all-rejected":
        (tmp_path / "bad" / "empty.txt").write_text("", "utf-8")
        (tmp_path / "bad" / "blank.md").write_text("  \n", "utf-8")
    argv = ["extract", str(tmp_path / "bad"), "--out", str(out), "--workers", "0", "--quiet"]
    assert main(argv) == EXIT_NOTHING_EXTRACTED
    line = assert_one_error_line(capsys)
    assert "nothing extracted" in line and "unchanged" in line
    if inputs == "all-rejected":
        assert "all 2 inputs were rejected" in line and "no text" in line
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_diff_fail_on_change_has_its_own_exit_code(tiny_eval: tuple[Path, Path], tmp_path: Path) -> None:
    from pipeline.cli import EXIT_CHANGED, EXIT_OK

    _, pred = tiny_eval
    assert main(["diff", str(pred), str(pred), "--fail-on-change"]) == EXIT_OK
    changed = tmp_path / "changed"
    changed.mkdir()
    write_jsonl(changed / "documents.jsonl", [{"doc_id": "pine", "dateline": None}])
    assert main(["diff", str(pred), str(changed), "--fail-on-change"]) == EXIT_CHANGED
    assert main(["diff", str(pred), str(tmp_path / "typo"), "--fail-on-change"]) == 1


def test_eval_without_predictions_is_a_user_error(
    tiny_eval: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold, _ = tiny_eval
    (tmp_path / "empty").mkdir()
    assert main(["eval", "--gold", str(gold), "--pred", str(tmp_path / "empty")]) == 1
    assert "no predictions" in assert_one_error_line(capsys)


def test_no_arguments_prints_the_commands_and_version_prints_the_version(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from pipeline import __version__

    assert main([]) == 0
    help_text = capsys.readouterr().out
    assert all(command in help_text for command in COMMANDS)
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"press-release-pipeline {__version__}"


def test_info_names_versions_model_stages_and_cache(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], shared_model: object
) -> None:
    from pipeline import extractors

    assert main(["info", "--format", "json", "--cache-dir", str(tmp_path)]) == 0
    facts = json.loads(capsys.readouterr().out)
    assert facts["stages"] == [stage.id for stage in extractors.STAGES]
    assert facts["packages"]["spacy"] and facts["model"]["components"]
    assert facts["cache"] == {"folder": str(tmp_path), "entries": 0, "megabytes": 0.0}


@pytest.mark.parametrize(
    ("stdin", "doc_ids"),
    [
        pytest.param(
            '\n{"id": "k1", "text": "Kestrel Mills Opens\\n\\nKestrel Mills opened."}\n'
            '{"id": "k2", "text": "Otter Labs Hires\\n\\nOtter Labs hired Ann Lee."}\n',
            ["k1", "k2"],
            id="jsonl",
        ),
        pytest.param("Kestrel Mills Opens\n\nKestrel Mills opened a bakery.\n", ["stdin"], id="text"),
    ],
)
def test_a_dash_reads_stdin(stdin: str, doc_ids: list[str], tmp_path: Path, shared_model: object) -> None:
    import io
    import sys

    out = tmp_path / "out"
    real = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BufferedReader(io.BytesIO(stdin.encode("utf-8"))))
    try:
        assert main(["extract", "-", "--out", str(out), "--workers", "0", "--quiet"]) == 0
    finally:
        sys.stdin = real
    documents = [json.loads(line) for line in (out / "documents.jsonl").read_text().splitlines()]
    assert [d["doc_id"] for d in documents] == doc_ids
    assert all(d["source"].startswith("-") for d in documents)


def test_verbose_keeps_the_traceback_of_a_stage_that_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_model: object
) -> None:
    from pipeline import extractors
    from pipeline.context import ReleaseContext
    from pipeline.extractors.types import Stage

    def broken(ctx: ReleaseContext) -> None:
        if ctx.release.doc_id == "a":
            raise KeyError("x")

    monkeypatch.setattr(extractors, "STAGES", (*extractors.STAGES, Stage("broken", 1, broken)))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Kestrel Mills Opens\n\nKestrel Mills opened.\n", "utf-8")
    (tmp_path / "in" / "b.txt").write_text("", "utf-8")
    (tmp_path / "in" / "c.txt").write_text("Otter Labs Hires\n\nOtter Labs hired Ann Lee.\n", "utf-8")
    for flags, has_detail in (([], False), (["--verbose"], True)):
        argv = ["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--workers", "0", "--quiet"]
        main([*argv, *flags])
        rejects = {
            r["doc_id"]: r
            for r in map(json.loads, (tmp_path / "out" / "rejects.jsonl").read_text().splitlines())
        }
        assert rejects["a"]["error"] == "KeyError: 'x'"
        assert ("detail" in rejects["a"]) is has_detail
        assert "detail" not in rejects["b"]  # a read reject has no traceback to give
    assert "in broken" in rejects["a"]["detail"] and rejects["a"]["detail"].startswith("Traceback")


_INTERRUPTED_RUN = """
import os, signal, threading, time
from pipeline import runner
from pipeline.cli import main

real = runner.load_model
def load_then_interrupt(name):
    nlp = real(name)
    threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
    time.sleep(2)
    return nlp
runner.load_model = load_then_interrupt
raise SystemExit(main(["extract", "corpus", "--out", "{out}", "--workers", "2", "--no-cache"]))
"""


def test_ctrl_c_is_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = _INTERRUPTED_RUN.replace("{out}", str(tmp_path / "out"))
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 130
    assert run.stderr.strip().splitlines() == [
        "Interrupted: nothing was written; the previous dataset, if any, is unchanged."
    ]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_of_a_command_is_in_the_readme(command: str) -> None:
    """The README's command lines and `--help` come from one set of options."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    options = [
        name
        for param in cli.commands[command].params
        for name in param.opts
        if name.startswith("--") and name != "--help"
    ]
    missing = [name for name in options if name not in readme]
    assert missing == [], f"document {missing} of `{command}` in README.md"


def _extract_stdin(data: bytes, out: Path) -> int:
    import io
    import sys

    real = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BufferedReader(io.BytesIO(data)))
    try:
        return main(["extract", "-", "--out", str(out), "--workers", "0", "--quiet"])
    finally:
        sys.stdin = real


@pytest.mark.parametrize(
    ("data", "file_name"),
    [
        pytest.param(b"\n\n  Kestrel Mills Opens\n\nKestrel Mills hired Ann Lee.\n", "stdin.txt", id="text"),
        pytest.param(
            b'\xef\xbb\xbf\n\n{"id": "k1", "text": "Kestrel Mills Opens\\n\\nKestrel Mills hired Ann."}\n',
            "stdin.jsonl",
            id="jsonl-with-bom-and-blank-lines",
        ),
    ],
)
def test_stdin_is_read_as_a_file_of_the_same_bytes(
    data: bytes, file_name: str, tmp_path: Path, shared_model: object
) -> None:
    """Nothing is consumed to tell JSON Lines from text: same text, offsets, hashes and line numbers."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / file_name).write_bytes(data)
    assert (
        main(["extract", str(tmp_path / "in"), "--out", str(tmp_path / "file"), "--workers", "0", "--quiet"])
        == 0
    )
    assert _extract_stdin(data, tmp_path / "stdin") == 0

    def without_sources(name: str, out: Path) -> list[dict[str, object]]:
        records = [json.loads(line) for line in (out / f"{name}.jsonl").read_text().splitlines()]
        return [{k: v for k, v in r.items() if k != "source"} for r in records]

    for name in ("documents", "people", "organizations"):
        assert without_sources(name, tmp_path / "stdin") == without_sources(name, tmp_path / "file")
    (stdin_document,) = [
        json.loads(line) for line in (tmp_path / "stdin" / "documents.jsonl").read_text().splitlines()
    ]
    (file_document,) = [
        json.loads(line) for line in (tmp_path / "file" / "documents.jsonl").read_text().splitlines()
    ]
    assert stdin_document["source"].removeprefix("-") == file_document["source"].removeprefix(
        str(tmp_path / "in" / file_name)
    )


def test_stdin_given_twice_is_a_user_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "-", "-", "--out", "/tmp/never-written"]) == 1
    assert "more than once" in assert_one_error_line(capsys)


@pytest.mark.parametrize("which", ["input-folder", "empty-folder", "a-file"])
def test_diff_refuses_what_is_not_an_output_folder(
    which: str, tiny_eval: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, pred = tiny_eval
    other = tmp_path / which
    if which == "a-file":
        other.write_text("Kestrel Mills Opens\n", "utf-8")
    else:
        other.mkdir()
        if which == "input-folder":
            (other / "a.txt").write_text("Kestrel Mills Opens\n", "utf-8")
    assert main(["diff", str(pred), str(other), "--fail-on-change"]) == 1
    line = assert_one_error_line(capsys)
    assert ("is not a folder" if which == "a-file" else "has no documents.jsonl") in line

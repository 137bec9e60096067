"""The diff of two output folders, on small invented releases written through the real record writer."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.diff import RECORD_TYPES, diff_outputs, format_markdown, report_to_json
from pipeline.errors import UserError
from pipeline.models import (
    OUTPUT_MODELS,
    Affiliation,
    Award,
    City,
    Dateline,
    Document,
    Mention,
    Organization,
    Person,
    Record,
    Reject,
    Speech,
    Winner,
)
from pipeline.writers import record_line

FILE_OF = {model: name for name, model in OUTPUT_MODELS.items()}


def at(start: int, text: str) -> list[Mention]:
    return [Mention(start=start, end=start + len(text), text=text)]


def document(doc_id: str, **changes: object) -> Document:
    dateline = Dateline(
        city="PORTVILLE",
        country="Freedonia",
        date="2022-11-21",
        wire="PRNewswire",
        mentions=at(20, "PORTVILLE"),
    )
    base = Document(
        doc_id=doc_id,
        source=f"corpus/{doc_id}.txt",
        sha256="a" * 64,
        encoding="utf-8",
        headline="Acme Widgets names a CEO",
        dateline=dateline,
        sections=[],
    )
    return base.model_copy(update=changes)


def person(name: str, *roles: tuple[str, str | None], doc_id: str = "doc-a", start: int = 100) -> Person:
    affiliations = [Affiliation(title=title, organization=org) for title, org in roles]
    return Person(doc_id=doc_id, name=name, affiliations=affiliations, mentions=at(start, name))


def award(*winners: str, stated_count: int | None = 3) -> Award:
    return Award(
        doc_id="doc-a",
        name="Golden Oar Award",
        stated_count=stated_count,
        winners=[Winner(name=name, kind="organization") for name in winners],
        mentions=at(300, "Golden Oar Award"),
    )


def base_records() -> list[Record]:
    """Two releases: doc-a, which the cases edit, and doc-b, which never changes."""
    return [
        document("doc-a"),
        person("Mara Odell", ("CEO", "Acme Widgets")),
        Organization(doc_id="doc-a", name="Acme Widgets", mentions=at(0, "Acme Widgets")),
        Organization(doc_id="doc-a", name="Harbor Trust", mentions=at(200, "Harbor Trust")),
        City(doc_id="doc-a", name="PORTVILLE", country="Freedonia", mentions=at(20, "PORTVILLE")),
        Speech(doc_id="doc-a", title="Boats of Tomorrow", speaker="Mara Odell", mentions=at(250, "Boats")),
        award("Bar Inc", "Baz Co", "Qux plc"),
        document("doc-b"),
        person("Tom Reyes", doc_id="doc-b"),
    ]


def write_folder(folder: Path, records: list[Record]) -> Path:
    """An output folder as `extract` writes it: one JSONL file per record type, empty ones included."""
    folder.mkdir()
    lines: dict[str, list[str]] = {name: [] for name in OUTPUT_MODELS}
    for record in records:
        lines[FILE_OF[type(record)]].append(record_line(record) + "\n")
    for name, file_lines in lines.items():
        (folder / f"{name}.jsonl").write_text("".join(file_lines), encoding="utf-8")
    return folder


def folders(tmp_path: Path, edit: Callable[[list[Record]], list[Record]]) -> tuple[Path, Path]:
    old = write_folder(tmp_path / "old", base_records())
    new = write_folder(tmp_path / "new", edit(base_records()))
    return old, new


def replace(records: list[Record], index: int, **changes: object) -> list[Record]:
    records[index] = records[index].model_copy(update=changes)
    return records


@pytest.mark.parametrize(
    ("edit", "expected_line", "record_type", "counts"),
    [
        pytest.param(
            lambda r: [*r, person("Jane Roe", ("CEO", "Acme"), start=400)],
            "- people: + Jane Roe (CEO, Acme)",
            "people",
            {"added": 1, "removed": 0, "changed": 0},
            id="added-person",
        ),
        pytest.param(
            lambda r: [x for x in r if getattr(x, "name", None) != "Harbor Trust"],
            "- organizations: - Harbor Trust",
            "organizations",
            {"added": 0, "removed": 1, "changed": 0},
            id="removed-organization",
        ),
        pytest.param(
            lambda r: replace(
                r, 1, affiliations=[Affiliation(title="Chief Executive", organization="Acme Widgets")]
            ),
            "- people: 'Mara Odell' affiliations (CEO, Acme Widgets) -> (Chief Executive, Acme Widgets)",
            "people",
            {"added": 0, "removed": 0, "changed": 1},
            id="changed-affiliation-title-is-one-change",
        ),
        pytest.param(
            lambda r: replace(r, 5, title="Boats Of Tomorrow!"),
            "- speeches: 'Boats Of Tomorrow!' title 'Boats of Tomorrow' -> 'Boats Of Tomorrow!'",
            "speeches",
            {"added": 0, "removed": 0, "changed": 1},
            id="respelled-speech-title-is-one-change",
        ),
        pytest.param(
            lambda r: replace(r, 5, speaker_title="CEO", speaker_organization="Acme Widgets"),
            "- speeches: 'Boats of Tomorrow' speaker_title null -> CEO; "
            "speaker_organization null -> 'Acme Widgets'",
            "speeches",
            {"added": 0, "removed": 0, "changed": 1},
            id="speech-speaker-fields",
        ),
        pytest.param(
            lambda r: replace(r, 6, winners=[*award("Bar Inc", "Baz Co", "Qux plc", "Foo Ltd").winners]),
            "- awards: 'Golden Oar Award' winners 3 -> 4, + Foo Ltd",
            "awards",
            {"added": 0, "removed": 0, "changed": 1},
            id="award-winners-3-to-4",
        ),
        pytest.param(
            lambda r: replace(r, 6, winners=award("Foo Ltd", "Baz Co", "Qux plc").winners, complete=False),
            "- awards: 'Golden Oar Award' complete true -> false; winners + Foo Ltd, - Bar Inc",
            "awards",
            {"added": 0, "removed": 0, "changed": 1},
            id="award-winner-swapped",
        ),
        pytest.param(
            lambda r: replace(r, 0, dateline=document("doc-a").dateline.model_copy(update={"date": None})),
            "- dateline.date: 2022-11-21 -> null",
            "documents",
            {"added": 0, "removed": 0, "changed": 1},
            id="dateline-date-to-null",
        ),
        pytest.param(
            lambda r: replace(r, 0, headline="Acme Widgets names a new CEO"),
            "- headline: 'Acme Widgets names a CEO' -> 'Acme Widgets names a new CEO'",
            "documents",
            {"added": 0, "removed": 0, "changed": 1},
            id="headline-changed",
        ),
        pytest.param(
            lambda r: replace(r, 4, country=None),
            "- cities: PORTVILLE country Freedonia -> null",
            "cities",
            {"added": 0, "removed": 0, "changed": 1},
            id="city-country",
        ),
        pytest.param(
            lambda r: replace(r, 2, aliases=["AW"]),
            "- organizations: 'Acme Widgets' aliases + AW",
            "organizations",
            {"added": 0, "removed": 0, "changed": 1},
            id="organization-alias-added",
        ),
        pytest.param(
            lambda r: replace(r, 4, mentions=at(21, "PORTVILLE")),
            "- cities: PORTVILLE mentions moved",
            "cities",
            {"added": 0, "removed": 0, "changed": 1},
            id="only-mentions-moved",
        ),
        pytest.param(
            lambda r: replace(replace(r, 0, sha256="b" * 64), 4, mentions=at(21, "PORTVILLE")),
            "- text changed",
            "cities",
            {"added": 0, "removed": 0, "changed": 0},
            id="text-changed-explains-moved-mentions",
        ),
        pytest.param(
            lambda r: [
                *r,
                Reject(doc_id="doc-a", source="corpus/doc-a.txt", stage="awards.v2", error="boom"),
            ],
            "- rejects: + corpus/doc-a.txt (awards.v2: boom)",
            "rejects",
            {"added": 1, "removed": 0, "changed": 0},
            id="reject-added",
        ),
    ],
)
def test_one_edit_is_one_line(
    tmp_path: Path,
    edit: Callable[[list[Record]], list[Record]],
    expected_line: str,
    record_type: str,
    counts: dict[str, int],
) -> None:
    report = diff_outputs(*folders(tmp_path, edit))
    text = format_markdown(report, max_lines=50)
    assert report.changed
    assert report.counts[record_type] == counts
    assert text.endswith("\n")
    assert "### doc-a" in text
    assert expected_line in text.splitlines()
    assert ("mentions moved" in text) == ("mentions moved" in expected_line)
    assert "### doc-b" not in text  # unchanged releases are not listed
    assert "1 releases changed, 1 unchanged" in text


def test_summary_table_lists_every_type(tmp_path: Path) -> None:
    report = diff_outputs(*folders(tmp_path, lambda r: [*r, person("Jane Roe", start=400)]))
    lines = format_markdown(report, max_lines=50).splitlines()
    start = lines.index("| type | added | removed | changed |")
    rows = lines[start + 2 : start + 2 + len(RECORD_TYPES)]
    assert [row.split(" | ")[0].lstrip("| ") for row in rows] == list(RECORD_TYPES)
    assert "| people | 1 | 0 | 0 |" in rows


def test_identical_folders_have_no_changes(tmp_path: Path) -> None:
    report = diff_outputs(*folders(tmp_path, lambda r: r))
    text = format_markdown(report, max_lines=50)
    assert not report.changed
    assert "0 releases changed, 2 unchanged" in text
    assert "###" not in text


@pytest.mark.parametrize(
    ("max_lines", "shown", "cut"),
    [
        pytest.param(2, 2, 3, id="cut-after-two"),
        pytest.param(0, 0, 5, id="zero-shows-only-the-note"),
        pytest.param(5, 5, 0, id="exactly-fits"),
    ],
)
def test_max_lines_cuts_per_release_and_says_so(tmp_path: Path, max_lines: int, shown: int, cut: int) -> None:
    added = [person(f"Person {n}", start=400 + 20 * n) for n in range(5)]
    text = format_markdown(diff_outputs(*folders(tmp_path, lambda r: r + added)), max_lines=max_lines)
    assert sum(line.startswith("- people: + Person") for line in text.splitlines()) == shown
    note = f"… {cut} more lines cut (raise --max-lines)"
    assert (note in text) == bool(cut)


def test_release_only_on_one_side_is_all_added(tmp_path: Path) -> None:
    extra = [document("doc-c"), person("Ann Lee", doc_id="doc-c")]
    report = diff_outputs(*folders(tmp_path, lambda r: r + extra))
    assert [release.doc_id for release in report.releases] == ["doc-c"]
    assert format_markdown(report, 50).splitlines()[-2:] == [
        "- documents: + corpus/doc-c.txt 'Acme Widgets names a CEO'",
        "- people: + Ann Lee",
    ]


def test_missing_file_counts_as_empty(tmp_path: Path) -> None:
    old, new = folders(tmp_path, lambda r: r)
    (new / "rejects.jsonl").unlink()  # empty on the old side: no change
    (new / "speeches.jsonl").unlink()
    report = diff_outputs(old, new)
    assert report.counts["speeches"] == {"added": 0, "removed": 1, "changed": 0}
    assert report.counts["rejects"] == {"added": 0, "removed": 0, "changed": 0}


def test_json_report_structure(tmp_path: Path) -> None:
    edit = lambda r: [*replace(r, 4, country=None), person("Jane Roe", ("CEO", "Acme"), start=400)]  # noqa: E731
    data = report_to_json(diff_outputs(*folders(tmp_path, edit)))
    json.dumps(data)  # plain JSON data
    assert data["changed"] is True
    assert set(data["types"]) == set(RECORD_TYPES)
    assert data["types"]["people"] == {"added": 1, "removed": 0, "changed": 0}
    assert (data["releases_changed"], data["releases_unchanged"]) == (1, 1)
    [release] = data["releases"]
    assert release["doc_id"] == "doc-a"
    added, city = release["changes"]  # in file order: people before cities
    assert city == {
        "type": "cities",
        "status": "changed",
        "label": "PORTVILLE",
        "fields": [{"field": "country", "old": "Freedonia", "new": None}],
    }
    assert (added["type"], added["status"], added["record"]["name"]) == ("people", "added", "Jane Roe")


def test_invalid_json_line_names_file_and_line(tmp_path: Path) -> None:
    old, new = folders(tmp_path, lambda r: r)
    with (new / "people.jsonl").open("a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    with pytest.raises(UserError, match=r"people\.jsonl:3 is not valid JSON"):
        diff_outputs(old, new)


@pytest.mark.parametrize(
    ("edit", "flags", "code"),
    [
        pytest.param(lambda r: r[:-1], ["--fail-on-change"], 4, id="changed-fails"),
        pytest.param(lambda r: r, ["--fail-on-change"], 0, id="identical-passes"),
        pytest.param(lambda r: r[:-1], [], 0, id="changed-without-flag"),
        pytest.param(lambda r: r[:-1], ["--format", "json", "--fail-on-change"], 4, id="json-changed-fails"),
    ],
)
def test_cli_exit_code(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    edit: Callable[[list[Record]], list[Record]],
    flags: list[str],
    code: int,
) -> None:
    old, new = folders(tmp_path, edit)
    assert main(["diff", str(old), str(new), *flags]) == code
    out = capsys.readouterr().out
    if "json" in flags:
        assert json.loads(out)["changed"] is bool(code)
    else:
        assert out.startswith("## Output diff")


@pytest.mark.parametrize("missing", ["old", "new"])
def test_cli_missing_folder_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], missing: str
) -> None:
    old, new = folders(tmp_path, lambda r: r)
    paths = {"old": old, "new": new, missing: tmp_path / "absent"}
    assert main(["diff", str(paths["old"]), str(paths["new"])]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"Error: {missing} output folder {tmp_path / 'absent'} does not exist: "
        "pass a folder written by `python -m pipeline extract`\n"
    )

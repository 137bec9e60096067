"""Scoring of an output folder against gold files, on small invented releases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.errors import UserError
from pipeline.evaluate import (
    RECORD_TYPES,
    TypeCounts,
    evaluate,
    format_report,
    normalise,
    report_to_json,
)

GOLD: dict[str, Any] = {
    "id": "doc-a",
    "dateline": {"city": "PORTVILLE", "country": "Freedonia", "date": "2021-03-04", "wire": "PRNewswire"},
    "people": [
        {"name": "Mara O'Dell", "affiliations": [{"title": "CEO", "organization": "Bluefin Labs, Inc."}]},
        {"name": "Tom Reyes", "affiliations": []},
    ],
    "organizations": ["Bluefin Labs, Inc.", "Harbor Trust"],
    "cities": ["PORTVILLE", "Eastmoor"],
    "speeches": [{"speaker": "Mara O'Dell", "title": "Boats of Tomorrow"}],
    "awards": [{"name": "Golden Oar", "stated_count": 2, "winners": ["Tom Reyes", "Harbor Trust"]}],
}

PRED: dict[str, list[dict[str, Any]]] = {
    "documents": [{"doc_id": "doc-a", "dateline": {"city": "Portville", "date": "2021-03-04"}}],
    "people": [
        {
            "doc_id": "doc-a",
            "name": "Mara O’Dell",
            "affiliations": [{"title": "CEO", "organization": "Bluefin Labs Inc"}],
        },
        {"doc_id": "doc-a", "name": "Tom Reyes", "affiliations": []},
    ],
    "organizations": [
        {"doc_id": "doc-a", "name": "Bluefin Labs Inc", "aliases": []},
        {"doc_id": "doc-a", "name": "Harbor Trust", "aliases": []},
    ],
    "cities": [{"doc_id": "doc-a", "name": "Portville"}, {"doc_id": "doc-a", "name": "Eastmoor"}],
    "speeches": [{"doc_id": "doc-a", "speaker": "Mara O'Dell", "title": "Boats of Tomorrow"}],
    "awards": [
        {
            "doc_id": "doc-a",
            "name": "Golden Oar",
            "stated_count": 2,
            "winners": [{"name": "Tom Reyes", "kind": "person"}, {"name": "Harbor Trust", "kind": "other"}],
        }
    ],
}


def write_gold(folder: Path, *docs: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        (folder / f"{doc['id']}.json").write_text(json.dumps(doc), encoding="utf-8")
    return folder


def write_pred(folder: Path, files: dict[str, list[dict[str, Any]]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for stem, records in files.items():
        lines = "".join(json.dumps(record) + "\n" for record in records)
        (folder / f"{stem}.jsonl").write_text(lines, encoding="utf-8")
    return folder


def gold_doc(**fields: Any) -> dict[str, Any]:
    empty: dict[str, Any] = {
        "dateline": {},
        "people": [],
        "organizations": [],
        "cities": [],
        "speeches": [],
        "awards": [],
    }
    return {"id": "doc-a", **empty, **fields}


def pred_files(**files: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    return {stem: [{"doc_id": "doc-a", **record} for record in records] for stem, records in files.items()}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("Zhao Mei‘lin", "zhao meilin", id="curly-apostrophe-removed"),
        pytest.param("O´Brien", "obrien", id="acute-accent-apostrophe-removed"),
        pytest.param("“Quoted” `title'", "quoted title", id="quotes-removed"),
        pytest.param("Harbor Ridge Systems, Inc.", "harbor ridge systems inc", id="punctuation-to-space"),
        pytest.param("Trans-NET", "trans net", id="hyphen-to-space"),
        pytest.param("ＡＢＣ　Group", "abc group", id="nfkc-fullwidth"),
        pytest.param("Straße", "strasse", id="casefold"),
        pytest.param("  Two \n\t spaces  ", "two spaces", id="whitespace-collapsed"),
        pytest.param(None, None, id="none-stays-none"),
    ],
)
def test_normalise(raw: str | None, expected: str | None) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    ("counts", "precision", "recall", "f1"),
    [
        pytest.param(TypeCounts(), 1.0, 1.0, 1.0, id="nothing-to-find-nothing-found"),
        pytest.param(TypeCounts(fn=2), 0.0, 0.0, 0.0, id="nothing-predicted"),
        pytest.param(TypeCounts(fp=2), 0.0, 0.0, 0.0, id="nothing-in-gold"),
        pytest.param(TypeCounts(tp=1, fp=1, fn=3), 0.5, 0.25, 1 / 3, id="partial"),
    ],
)
def test_scores(counts: TypeCounts, precision: float, recall: float, f1: float) -> None:
    assert (counts.precision, counts.recall) == (precision, recall)
    assert counts.f1 == pytest.approx(f1)


def test_perfect_match(tmp_path: Path) -> None:
    report = evaluate(write_gold(tmp_path / "gold", GOLD), write_pred(tmp_path / "pred", PRED))
    for record_type, counts in report.counts.items():
        assert (counts.fp, counts.fn) == (0, 0), record_type
        assert counts.f1 == 1.0
    assert report.counts["affiliations"].tp == 1
    assert report.counts["award_winners"].tp == 2
    assert report.documents[0].missed == report.documents[0].extra == {}


@pytest.mark.parametrize(
    ("record_type", "gold", "pred", "missed", "extra"),
    [
        pytest.param(
            "people",
            gold_doc(people=[{"name": "Ann Lee"}, {"name": "Bo Kim"}]),
            pred_files(people=[{"name": "Ann Lee"}, {"name": "Cy Park"}]),
            ("Bo Kim",),
            ("Cy Park",),
            id="people",
        ),
        pytest.param(
            "organizations",
            gold_doc(organizations=["Acme Corp.", "Zenith Ltd"]),
            pred_files(organizations=[{"name": "Acme Corp"}, {"name": "Nadir Ltd"}]),
            ("Zenith Ltd",),
            ("Nadir Ltd",),
            id="organizations",
        ),
        pytest.param(
            "cities",
            gold_doc(cities=["Oldport", "Newbay"]),
            pred_files(cities=[{"name": "Oldport"}, {"name": "Newbay Heights"}]),
            ("Newbay",),
            ("Newbay Heights",),
            id="cities-no-substring-match",
        ),
        pytest.param(
            "dateline_city",
            gold_doc(dateline={"city": "OLDPORT", "date": None}),
            pred_files(documents=[{"dateline": {"city": "Newbay", "date": None}}]),
            ("OLDPORT",),
            ("Newbay",),
            id="dateline-city",
        ),
        pytest.param(
            "dateline_date",
            gold_doc(dateline={"city": None, "date": "2020-01-02"}),
            pred_files(documents=[{"dateline": {"city": None, "date": "2020-02-01"}}]),
            ("2020-01-02",),
            ("2020-02-01",),
            id="dateline-date",
        ),
        pytest.param(
            "affiliations",
            gold_doc(
                people=[
                    {
                        "name": "Ann Lee",
                        "affiliations": [
                            {"title": "CEO", "organization": "Acme"},
                            {"title": "Chair", "organization": None},
                        ],
                    }
                ]
            ),
            pred_files(
                people=[
                    {
                        "name": "Ann Lee",
                        "affiliations": [
                            {"title": "CEO", "organization": "Acme"},
                            {"title": "Chair", "organization": "Acme"},
                        ],
                    }
                ]
            ),
            ("Ann Lee", "Chair", None),
            ("Ann Lee", "Chair", "Acme"),
            id="affiliations",
        ),
        pytest.param(
            "speeches",
            gold_doc(
                speeches=[{"speaker": "Ann Lee", "title": "Tides"}, {"speaker": "Bo Kim", "title": "Reefs"}]
            ),
            pred_files(
                speeches=[{"speaker": "Ann Lee", "title": "Tides"}, {"speaker": "Ann Lee", "title": "Reefs"}]
            ),
            ("Bo Kim", "Reefs"),
            ("Ann Lee", "Reefs"),
            id="speeches",
        ),
        pytest.param(
            "award_names",
            gold_doc(awards=[{"name": "Best Pie", "winners": []}, {"name": "Best Cake", "winners": []}]),
            pred_files(awards=[{"name": "Best Pie", "winners": []}, {"name": "Best Bread", "winners": []}]),
            ("Best Cake",),
            ("Best Bread",),
            id="award-names",
        ),
        pytest.param(
            "award_winners",
            gold_doc(awards=[{"name": "Best Pie", "winners": ["Ann Lee", "Bo Kim"]}]),
            pred_files(
                awards=[
                    {
                        "name": "Best Pie",
                        "winners": [
                            {"name": "Ann Lee", "kind": "person"},
                            {"name": "Cy Park", "kind": "person"},
                        ],
                    }
                ]
            ),
            ("Best Pie", "Bo Kim"),
            ("Best Pie", "Cy Park"),
            id="award-winners",
        ),
        pytest.param(
            "stated_counts",
            gold_doc(
                awards=[{"name": "Best Pie", "stated_count": 3}, {"name": "Best Cake", "stated_count": 2}]
            ),
            pred_files(
                awards=[{"name": "Best Pie", "stated_count": 3}, {"name": "Best Cake", "stated_count": 5}]
            ),
            ("Best Cake", 2),
            ("Best Cake", 5),
            id="stated-counts",
        ),
    ],
)
def test_one_miss_and_one_extra(
    tmp_path: Path,
    record_type: str,
    gold: dict[str, Any],
    pred: dict[str, list[dict[str, Any]]],
    missed: tuple[Any, ...],
    extra: tuple[Any, ...],
) -> None:
    report = evaluate(write_gold(tmp_path / "gold", gold), write_pred(tmp_path / "pred", pred))
    single = record_type.startswith("dateline_")
    counts = report.counts[record_type]
    assert (counts.tp, counts.fp, counts.fn) == ((0, 1, 1) if single else (1, 1, 1))
    assert report.documents[0].missed == {record_type: [missed]}
    assert report.documents[0].extra == {record_type: [extra]}


@pytest.mark.parametrize(
    ("gold_names", "pred_orgs", "tp_fp_fn", "extra"),
    [
        pytest.param(
            ["International Widget Machines"],
            [{"name": "IWM", "aliases": ["International Widget Machines"]}],
            (1, 0, 0),
            [],
            id="alias-matches-gold-name",
        ),
        pytest.param(
            ["Acme"],
            [{"name": "Acme Holdings", "aliases": ["Acme"]}, {"name": "ACME", "aliases": []}],
            (1, 1, 0),
            [("Acme Holdings",)],
            id="name-match-wins-over-alias",
        ),
        pytest.param(
            ["Acme"],
            [{"name": "Acme One", "aliases": ["Acme"]}, {"name": "Acme Two", "aliases": ["Acme"]}],
            (1, 1, 0),
            [("Acme Two",)],
            id="gold-name-counted-once",
        ),
        pytest.param(
            ["Acme", "Acme Labs"],
            [{"name": "Acme Labs", "aliases": ["Acme"]}],
            (1, 0, 1),
            [],
            id="one-pred-org-matches-one-gold-name",
        ),
        pytest.param(
            ["Acme"],
            [{"name": "Acme Labs", "aliases": ["Acme L"]}, {"name": "Acme Labs", "aliases": ["Acme"]}],
            (1, 0, 0),
            [],
            id="duplicate-pred-orgs-merge-aliases",
        ),
    ],
)
def test_organization_aliases(
    tmp_path: Path,
    gold_names: list[str],
    pred_orgs: list[dict[str, Any]],
    tp_fp_fn: tuple[int, int, int],
    extra: list[tuple[str]],
) -> None:
    gold = write_gold(tmp_path / "gold", gold_doc(organizations=gold_names))
    report = evaluate(gold, write_pred(tmp_path / "pred", pred_files(organizations=pred_orgs)))
    counts = report.counts["organizations"]
    assert (counts.tp, counts.fp, counts.fn) == tp_fp_fn
    assert report.documents[0].extra.get("organizations", []) == extra


def test_affiliation_with_null_organization(tmp_path: Path) -> None:
    person = {"name": "Ann Lee", "affiliations": [{"title": "Mayor", "organization": None}]}
    gold = write_gold(tmp_path / "gold", gold_doc(people=[person]))
    report = evaluate(gold, write_pred(tmp_path / "pred", pred_files(people=[person])))
    assert report.counts["affiliations"].tp == 1
    assert report.counts["affiliations"].fp == 0


def test_a_pred_folder_without_predictions_for_the_gold_is_a_user_error(tmp_path: Path) -> None:
    """Zeros would read as a result; an empty or wrong folder is the user's mistake."""
    (tmp_path / "pred").mkdir()
    with pytest.raises(UserError, match="no predictions for any of the 1 gold documents"):
        evaluate(write_gold(tmp_path / "gold", GOLD), tmp_path / "pred")
    stray = write_pred(tmp_path / "other", {"people": [{**PRED["people"][0], "doc_id": "doc-z"}]})
    with pytest.raises(UserError, match="no predictions"):
        evaluate(write_gold(tmp_path / "gold", GOLD), stray)


def test_missing_pred_files_count_as_empty(tmp_path: Path) -> None:
    pred = write_pred(tmp_path / "pred", {"people": PRED["people"]})
    report = evaluate(write_gold(tmp_path / "gold", GOLD), pred)
    assert report.counts["people"].f1 == 1.0
    assert report.counts["cities"].fn == 2


def test_gold_doc_missing_in_pred_and_unknown_pred_docs_ignored(tmp_path: Path) -> None:
    other = {**GOLD, "id": "doc-b"}
    stray = {stem: [{**r, "doc_id": "doc-z"} for r in records] for stem, records in PRED.items()}
    pred = write_pred(tmp_path / "pred", {stem: PRED[stem] + stray[stem] for stem in PRED})
    report = evaluate(write_gold(tmp_path / "gold", GOLD, other), pred)
    assert [doc.doc_id for doc in report.documents] == ["doc-a", "doc-b"]
    assert report.documents[0].missed == report.documents[0].extra == {}
    assert report.documents[1].extra == {}
    assert set(report.documents[1].missed) == set(RECORD_TYPES)
    assert (report.counts["people"].tp, report.counts["people"].fn, report.counts["people"].fp) == (2, 2, 0)


def test_format_report_with_details(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold", gold_doc(people=[{"name": "Ann Lee"}, {"name": "Bo Kim"}]))
    pred = write_pred(tmp_path / "pred", pred_files(people=[{"name": "Ann Lee"}, {"name": "Cy Park"}]))
    text = format_report(evaluate(gold, pred), details=True)
    lines = text.splitlines()
    assert lines[0] == "| type | gold | pred | tp | precision | recall | f1 |"
    assert lines[2] == "| people | 2 | 2 | 1 | 0.500 | 0.500 | 0.500 |"
    assert [line.split(" | ")[0][2:] for line in lines[2:12]] == list(RECORD_TYPES)
    assert lines[12:] == ["", "### doc-a", "", "```diff", "people:", "- Bo Kim", "+ Cy Park", "```"]
    assert "### doc-a" not in format_report(evaluate(gold, pred))


def test_details_skip_documents_without_differences(tmp_path: Path) -> None:
    report = evaluate(write_gold(tmp_path / "gold", GOLD), write_pred(tmp_path / "pred", PRED))
    assert format_report(report, details=True) == format_report(report)


def test_report_to_json(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "gold", gold_doc(awards=[{"name": "Best Pie", "stated_count": 3}]))
    report = evaluate(gold, write_pred(tmp_path / "pred", pred_files(documents=[{"dateline": None}])))
    data = json.loads(json.dumps(report_to_json(report)))
    assert data["types"]["stated_counts"] == {
        "gold": 1,
        "pred": 0,
        "tp": 0,
        "fp": 0,
        "fn": 1,
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
    }
    assert data["documents"] == [
        {
            "doc_id": "doc-a",
            "missed": {"award_names": ["Best Pie"], "stated_counts": [["Best Pie", 3]]},
            "extra": {},
        }
    ]


@pytest.mark.parametrize("which", [pytest.param("gold", id="gold"), pytest.param("pred", id="pred")])
def test_missing_folder_is_a_user_error(tmp_path: Path, which: str) -> None:
    folders = {"gold": tmp_path / "gold", "pred": tmp_path / "pred"}
    write_gold(folders["gold"], GOLD)
    (tmp_path / "pred").mkdir()
    folders[which] = tmp_path / "absent"
    with pytest.raises(UserError, match=r"absent does not exist"):
        evaluate(folders["gold"], folders["pred"])


@pytest.mark.parametrize(
    ("file_name", "content", "message"),
    [
        pytest.param("gold/doc-a.json", "{not json", r"doc-a\.json is not valid", id="bad-gold-json"),
        pytest.param(
            "pred/people.jsonl", '{"doc_id": "doc-a"}\n[1]\n', r"people\.jsonl:2 is not", id="bad-pred-line"
        ),
    ],
)
def test_unreadable_files_are_user_errors(tmp_path: Path, file_name: str, content: str, message: str) -> None:
    write_gold(tmp_path / "gold", GOLD)
    (tmp_path / "pred").mkdir()
    (tmp_path / file_name).write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=message):
        evaluate(tmp_path / "gold", tmp_path / "pred")


def test_groups_are_scored_separately(tmp_path: Path) -> None:
    other = {**GOLD, "id": "doc-b"}
    gold = write_gold(tmp_path / "gold", GOLD, other)
    pred = write_pred(tmp_path / "pred", PRED)
    report = evaluate(gold, pred, {"first": ["doc-a"], "second": ["doc-b"]})
    assert report.groups["first"]["people"].f1 == 1.0
    assert (report.groups["second"]["people"].tp, report.groups["second"]["people"].fn) == (0, 2)
    assert report.counts["people"].tp == report.groups["first"]["people"].tp
    text = format_report(report)
    assert "\nfirst:\n" in text and "\nsecond:\n" in text
    assert report_to_json(report)["groups"]["second"]["people"]["fn"] == 2

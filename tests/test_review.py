"""The review page: data preparation in Python, and what a person sees in headless Chromium."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pipeline.cli import main
from pipeline.review import embed_json, to_utf16, utf16_offsets, write_review

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver
    from spacy.language import Language

# CI images elsewhere (GitHub runners) name their browser through these variables.
CHROMIUM = Path(os.environ.get("CHROME_BIN", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"))
ARTIFACTS = Path(__file__).resolve().parent.parent / "build" / "test-artifacts"

# Emoji (two UTF-16 units each) before the mentions: JS offsets must be shifted to stay on the names.
RELEASE = """Quillon Robotics Wins Harbor Design Prize 🚀

BOSTON, March 4, 2024 /PRNewswire/ -- 🚀🎉 Quillon Robotics announced today that Daniel Okafor, \
Director of Norvale Health, will speak at its annual meeting in Chicago.

In the speech entitled “Cloud Platforms for Rural Clinics”, Daniel Okafor, Director of Norvale Health, \
explained how small clinics can share patient records.

This year the Harbor Design Prize went to Quillon Robotics, Norvale Bank and Tesserine Labs.

Maria Gonzalez, Chief Executive Officer of Quillon Robotics, said the team was proud.
"""
DOC_ID = "harbor-2024"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory, nlp: Language) -> Path:
    """An output folder from the real extraction of RELEASE; documents.jsonl holds an absolute source."""
    from pipeline import runner

    root = tmp_path_factory.mktemp("review")
    release = root / "corpus" / f"{DOC_ID}.txt"
    release.parent.mkdir()
    release.write_text(RELEASE, encoding="utf-8")
    out = root / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(runner, "load_model", lambda name: nlp)
        runner.run_extract([release], out, runner.RunOptions(workers=0))
    return out


def _records(folder: Path, name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (folder / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]


def _page_data(page: Path) -> dict[str, Any]:
    match = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', page.read_text())
    assert match
    data: dict[str, Any] = json.loads(match[1])
    return data


def test_utf16_offsets_count_astral_characters_twice() -> None:
    text = "a🚀b😀 Jane"
    astral = utf16_offsets(text)
    start = text.index("Jane")
    assert to_utf16(start, astral) == len(text[:start].encode("utf-16-le")) // 2
    assert to_utf16(1, astral) == 1 and to_utf16(2, astral) == 3


def test_embedded_json_cannot_close_the_script_tag() -> None:
    embedded = embed_json({"text": "</script><script>alert(1)</script><!--"})
    assert "</" not in embedded and "<!--" not in embedded
    assert json.loads(embedded) == {"text": "</script><script>alert(1)</script><!--"}


def test_page_is_self_contained(extracted: Path, tmp_path: Path) -> None:
    page = write_review(extracted, tmp_path / "review.html")
    source = page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", source, re.IGNORECASE)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?[^"'>]*http""", source, re.IGNORECASE)
    assert "@import" not in source and "url(" not in source


def test_text_is_read_again_through_the_source_and_spans_are_utf16(extracted: Path, tmp_path: Path) -> None:
    data = _page_data(write_review(extracted, tmp_path / "review.html"))
    (doc,) = data["docs"]
    assert doc["text"] == RELEASE and doc["note"] is None
    person = next(row for row in doc["rows"] if row["type"] == "person" and row["label"] == "Daniel Okafor")
    start, end = person["spans"][0]
    assert RELEASE.encode("utf-16-le")[start * 2 : end * 2].decode("utf-16-le") == "Daniel Okafor"
    assert {row["type"] for row in doc["rows"]} == {
        "person",
        "organization",
        "city",
        "title",
        "talk",
        "award",
        "winner",
    }


def test_missing_text_shows_records_and_says_so(extracted: Path, tmp_path: Path) -> None:
    moved = tmp_path / "out"
    shutil.copytree(extracted, moved)
    documents = _records(moved, "documents")
    documents[0]["source"] = "nowhere/harbor-2024.txt"
    (moved / "documents.jsonl").write_text(json.dumps(documents[0]) + "\n", encoding="utf-8")
    (doc,) = _page_data(write_review(moved, tmp_path / "review.html"))["docs"]
    assert doc["text"] is None
    assert "nowhere/harbor-2024.txt" in doc["note"] and "--corpus" in doc["note"]
    assert any(row["label"] == "Maria Gonzalez" for row in doc["rows"])


def test_corpus_option_matches_by_doc_id(extracted: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": DOC_ID, "text": RELEASE}) + "\n", encoding="utf-8")
    (doc,) = _page_data(write_review(extracted, tmp_path / "review.html", corpus=corpus))["docs"]
    assert doc["text"] == RELEASE


def test_cli_writes_the_page(extracted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "page.html"
    assert main(["review", str(extracted), "--out", str(out)]) == 0
    assert out.is_file() and f"wrote {out}" in capsys.readouterr().err


def test_cli_rejects_a_folder_that_is_not_an_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["review", str(tmp_path), "--out", str(tmp_path / "r.html")]) == 1
    assert capsys.readouterr().err == (
        f"Error: {tmp_path}: no documents.jsonl here; pass an output folder of `extract`\n"
    )


def _diff_folders(extracted: Path, tmp_path: Path) -> tuple[Path, Path]:
    """old = new without Maria Gonzalez (so she is added), plus an organization new no longer has, and
    another dateline date."""
    old = tmp_path / "old"
    shutil.copytree(extracted, old)
    people = [p for p in _records(old, "people") if p["name"] != "Maria Gonzalez"]
    (old / "people.jsonl").write_text("".join(json.dumps(p) + "\n" for p in people), encoding="utf-8")
    organizations = _records(old, "organizations")
    start = RELEASE.index("PRNewswire")
    organizations.append(
        {
            "doc_id": DOC_ID,
            "name": "PRNewswire",
            "aliases": [],
            "mentions": [{"start": start, "end": start + 10, "text": "PRNewswire"}],
        }
    )
    (old / "organizations.jsonl").write_text(
        "".join(json.dumps(o) + "\n" for o in organizations), encoding="utf-8"
    )
    (document,) = _records(old, "documents")
    document["dateline"]["date"] = "2024-03-01"  # a changed date shows on the page
    (old / "documents.jsonl").write_text(json.dumps(document) + "\n", encoding="utf-8")
    return extracted, old


def test_diff_marks_added_and_removed_records(extracted: Path, tmp_path: Path) -> None:
    new, old = _diff_folders(extracted, tmp_path)
    (doc,) = _page_data(write_review(new, tmp_path / "review.html", old=old))["docs"]
    status = {(row["type"], row["label"]): row.get("status") for row in doc["rows"]}
    assert status[("person", "Maria Gonzalez")] == "added"
    assert status[("title", "Chief Executive Officer")] == "added"
    assert status[("organization", "PRNewswire")] == "removed"
    assert status[("person", "Daniel Okafor")] is None
    assert [s for s in status.values() if s] == ["added", "added", "removed"]


def _write_records(folder: Path, name: str, records: list[dict[str, Any]]) -> None:
    (folder / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def test_a_role_written_twice_is_no_change_on_the_page_as_in_diff(extracted: Path, tmp_path: Path) -> None:
    """The same title once with and once without an organization: one comparison, so an unchanged
    release is unchanged on the page too (it used to be marked changed)."""
    from pipeline.diff import diff_outputs

    folder = tmp_path / "twice"
    shutil.copytree(extracted, folder)
    people = _records(folder, "people")
    daniel = next(p for p in people if p["name"] == "Daniel Okafor")
    daniel["affiliations"] = [
        {"title": "Director", "organization": "Norvale Health", "mentions": []},
        {"title": "Director", "organization": None, "mentions": []},
    ]
    _write_records(folder, "people", people)
    copy = tmp_path / "copy"
    shutil.copytree(folder, copy)
    assert not diff_outputs(copy, folder).changed
    (doc,) = _page_data(write_review(folder, tmp_path / "review.html", old=copy))["docs"]
    assert [row for row in doc["rows"] if row.get("status")] == [] and doc["changes"] == []


def test_page_marks_are_the_changes_diff_reports(extracted: Path, tmp_path: Path) -> None:
    from pipeline.diff import diff_outputs

    old = tmp_path / "old"
    shutil.copytree(extracted, old)
    people = _records(old, "people")
    daniel = next(p for p in people if p["name"] == "Daniel Okafor")
    daniel["affiliations"] = [{"title": "Chair", "organization": "Norvale Health", "mentions": []}]
    _write_records(old, "people", people)
    cities = [c for c in _records(old, "cities") if c["name"] != "Chicago"]
    _write_records(old, "cities", cities)
    (documents,) = _records(old, "documents")
    documents["dateline"]["date"] = "2024-03-05"
    _write_records(old, "documents", [documents])

    report = diff_outputs(old, extracted)
    (release,) = report.releases
    (doc,) = _page_data(write_review(extracted, tmp_path / "review.html", old=old))["docs"]
    marked = {(row["type"], row["label"], row["status"]) for row in doc["rows"] if row.get("status")}
    assert marked == {
        ("person", "Daniel Okafor", "changed"),
        ("title", "Director", "added"),
        ("title", "Chair", "removed"),
        ("city", "Chicago", "added"),
    }
    changed_records = {(c.record_type, c.status) for c in release.changes}
    assert changed_records == {("people", "changed"), ("cities", "added"), ("documents", "changed")}
    assert doc["changes"] == ["dateline.date: 2024-03-05 -> 2024-03-04"]
    assert doc["dateline"].startswith("BOSTON") and "2024-03-04" in doc["dateline"]


# --- in the browser -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.exists()]
    if missing:
        reason = f"{', '.join(missing)} missing: apt-get install chromium chromium-driver (.ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the browser tests: {reason}")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,1000",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()


def _open(driver: WebDriver, page: Path) -> None:
    driver.get(page.resolve().as_uri())
    driver.get_log("browser")  # start each page with an empty console log


def _severe(driver: WebDriver) -> list[dict[str, Any]]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def _marks(driver: WebDriver, kind: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, f'.text mark.hl[data-type="{kind}"]')


def test_page_in_chromium(browser: WebDriver, extracted: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, write_review(extracted, tmp_path / "review.html"))

    text_box = browser.find_element(By.CSS_SELECTOR, f'section[data-doc="{DOC_ID}"] .text')
    meta = browser.find_element(By.CSS_SELECTOR, f'section[data-doc="{DOC_ID}"] .meta').text
    assert "dateline: BOSTON, 2024-03-04 (PRNewswire)" in meta
    # Overlaps (a winner that is also an organization) nest without losing or repeating text.
    assert browser.execute_script("return arguments[0].textContent", text_box) == RELEASE

    people = {mark.text: mark.get_attribute("title") for mark in _marks(browser, "person")}
    assert people["Daniel Okafor"] == "Person: Daniel Okafor"
    assert people["Maria Gonzalez"] == "Person: Maria Gonzalez"
    expected = {
        "organization": "Norvale Health",
        "city": "Chicago",
        "title": "Chief Executive Officer",
        "talk": "Cloud Platforms for Rural Clinics",
        "award": "Harbor Design Prize",
        "winner": "Tesserine Labs",
    }
    for kind, shown_text in expected.items():
        assert shown_text in [mark.text for mark in _marks(browser, kind)], kind

    legend = [item.text for item in browser.find_elements(By.CSS_SELECTOR, "#legend .legend-item")]
    assert [entry.rsplit(" ", 1)[0] for entry in legend] == [
        "Person",
        "Organization",
        "City",
        "Title",
        "Talk title",
        "Award",
        "Winner",
    ]

    assert not browser.find_element(By.ID, "diff-key").is_displayed()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "review.png"))

    # Clicking a record in the table marks its mention and brings it into view.
    row = browser.find_element(By.XPATH, '//tr[@data-type="talk"]')
    row.click()
    current = browser.find_element(By.CSS_SELECTOR, "mark.hl.current")
    assert current.text == "Cloud Platforms for Rural Clinics"
    assert "current" in (row.get_attribute("class") or "")
    in_view = "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;"
    assert browser.execute_script(in_view, current)

    # Unticking Organization hides its highlights and rows; people stay; the words stay in the text.
    organization_rows = browser.find_elements(By.CSS_SELECTOR, 'tr[data-type="organization"]')
    assert organization_rows and all(r.is_displayed() for r in organization_rows)
    browser.find_element(By.CSS_SELECTOR, '#legend input[data-type="organization"]').click()
    assert not any(mark.is_displayed() for mark in _marks(browser, "organization"))
    assert not any(
        r.is_displayed() for r in browser.find_elements(By.CSS_SELECTOR, 'tr[data-type="organization"]')
    )
    assert all(mark.is_displayed() for mark in _marks(browser, "person")) and _marks(browser, "person")
    assert "Norvale Health" in browser.find_element(By.CSS_SELECTOR, ".text").text
    browser.save_screenshot(str(ARTIFACTS / "review-filtered.png"))

    # The search box narrows the releases.
    browser.find_element(By.ID, "search").send_keys("no such release")
    assert browser.find_element(By.ID, "empty").is_displayed()

    assert _severe(browser) == []


def test_diff_page_in_chromium(browser: WebDriver, extracted: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    new, old = _diff_folders(extracted, tmp_path)
    _open(browser, write_review(new, tmp_path / "review.html", old=old))

    added = browser.find_elements(By.CSS_SELECTOR, ".text mark.st-added")
    assert "Maria Gonzalez" in [mark.text for mark in added]
    removed_mark = browser.find_element(By.CSS_SELECTOR, ".text mark.st-removed")
    assert removed_mark.text == "PRNewswire"
    assert removed_mark.get_attribute("title") == "Organization: PRNewswire (removed)"
    removed_row = browser.find_element(By.CSS_SELECTOR, "tr.record.st-removed")
    assert removed_row.is_displayed() and "PRNewswire" in removed_row.text and "removed" in removed_row.text
    assert browser.find_element(By.ID, "diff-key").is_displayed()
    changes = browser.find_element(By.CSS_SELECTOR, ".doc-changes")
    assert changes.is_displayed() and changes.text == "dateline.date: 2024-03-01 -> 2024-03-04"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "review-diff.png"))
    assert _severe(browser) == []


def test_pagination_in_chromium(browser: WebDriver, tmp_path: Path) -> None:
    """Many releases: only one page is rendered, and paging moves on."""
    from selenium.webdriver.common.by import By

    out = tmp_path / "out"
    out.mkdir()
    corpus = tmp_path / "corpus.jsonl"
    count = 45
    texts = {f"r{n:03}": f"🎉 Release {n} names Ada Lovelace." for n in range(count)}
    corpus.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in texts.items()))
    documents, people = [], []
    for doc_id, text in texts.items():
        start = text.index("Ada")
        documents.append({"doc_id": doc_id, "source": f"{corpus}:1", "headline": text})
        people.append(
            {
                "doc_id": doc_id,
                "name": "Ada Lovelace",
                "affiliations": [],
                "mentions": [{"start": start, "end": start + 12, "text": "Ada Lovelace"}],
            }
        )
    (out / "documents.jsonl").write_text("".join(json.dumps(d) + "\n" for d in documents))
    (out / "people.jsonl").write_text("".join(json.dumps(p) + "\n" for p in people))
    _open(browser, write_review(out, tmp_path / "review.html", corpus=corpus))

    assert len(browser.find_elements(By.CSS_SELECTOR, "section.release")) == 20
    assert [m.text for m in _marks(browser, "person")] == ["Ada Lovelace"] * 20
    assert "page 1 of 3 (45 releases)" in browser.find_element(By.ID, "page-info").text
    browser.find_element(By.ID, "next").click()
    browser.find_element(By.ID, "next").click()
    assert len(browser.find_elements(By.CSS_SELECTOR, "section.release")) == 5
    browser.find_element(By.ID, "search").send_keys("r007")
    sections = browser.find_elements(By.CSS_SELECTOR, "section.release")
    assert [s.get_attribute("data-doc") for s in sections] == ["r007"]
    assert _severe(browser) == []


def test_crossing_mentions_are_split_in_chromium(browser: WebDriver, tmp_path: Path) -> None:
    """Spans that cross (neither contains the other) become nested fragments; no text is lost."""
    from selenium.webdriver.common.by import By

    text = "😀👍 Dr Jane Smith Chief of Staff spoke."
    person, organization = (
        (text.index("Jane"), text.index("Smith") + 5),
        (text.index("Smith"), text.index(" of")),
    )
    out = tmp_path / "out"
    out.mkdir()
    corpus = tmp_path / "cross.txt"
    corpus.write_text(text, encoding="utf-8")
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()  # a source is read only if it matches
    document = {"doc_id": "cross", "source": str(corpus), "sha256": sha256}
    (out / "documents.jsonl").write_text(json.dumps(document) + "\n")
    for name, (start, end) in (("people", person), ("organizations", organization)):
        mention = {"start": start, "end": end, "text": text[start:end]}
        record = {"doc_id": "cross", "name": text[start:end], "mentions": [mention]}
        (out / f"{name}.jsonl").write_text(json.dumps(record) + "\n")
    _open(browser, write_review(out, tmp_path / "review.html"))

    box = browser.find_element(By.CSS_SELECTOR, ".text")
    assert browser.execute_script("return arguments[0].textContent", box) == text
    assert "".join(m.text for m in _marks(browser, "person")) == "Jane Smith"
    fragments = browser.execute_script(
        "return Array.from(document.querySelectorAll('.text mark[data-type=organization]'), "
        "m => m.textContent)"
    )
    assert fragments == ["Smith", " Chief"]
    assert _severe(browser) == []

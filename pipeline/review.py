"""Review page: one self-contained HTML file showing each release's text with its mentions highlighted.

Python does the data work (reading texts back, grounding mentions, UTF-16 offsets, diff status); a small
vanilla-JS renderer embedded in the page paginates and builds the highlighted text of shown releases only.
"""

from __future__ import annotations

import bisect
import html
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diff import LIST_FIELDS, RecordChange, change_lines, diff_outputs, load_folder
from .errors import UserError
from .models import Release
from .readers import iter_inputs

# Highlight types in legend order, with the label a reader sees.
TYPES: dict[str, str] = {
    "person": "Person",
    "organization": "Organization",
    "city": "City",
    "title": "Title",
    "talk": "Talk title",
    "award": "Award",
    "winner": "Winner",
}
RECORD_FILES = ("people", "organizations", "cities", "speeches", "awards")
_SPACES = re.compile(r"\s+")
_JSONL_LINE = re.compile(r"^(?P<path>.+\.jsonl):(?P<line>\d+)$", re.IGNORECASE)

Json = dict[str, Any]


@dataclass
class Row:
    """One row of a release's table: a record (or an affiliation title / award winner) and its spans."""

    type: str
    label: str
    detail: str
    mentions: list[Json]
    record: tuple[str, str, int] = ("", "", 0)  # (file, identity, occurrence): the key `diff` names it by
    item: str | None = None  # an affiliation or winner as `diff` shows it; None for the record's own row
    status: str | None = None
    change: str = ""
    spans: list[list[int]] = field(default_factory=list)
    unplaced: int = 0


@dataclass
class Outputs:
    """An output folder read as plain dicts, grouped by doc_id."""

    documents: dict[str, Json]
    rows: dict[str, list[Row]]
    rejects: int


def write_review(outputs: Path, html_path: Path, corpus: Path | None = None, old: Path | None = None) -> Path:
    """Write the review page of `outputs` (marking changes against `old`) to `html_path` and return it."""
    new = read_outputs(outputs)
    previous = read_outputs(old) if old is not None else None
    doc_ids = sorted(set(new.documents) | set(previous.documents if previous else ()))
    wanted = {doc_id: new.documents.get(doc_id) or _doc(previous, doc_id) for doc_id in doc_ids}
    texts, notes = find_texts(wanted, corpus, base=outputs)
    report = diff_outputs(old, outputs) if old is not None else None
    changes = {release.doc_id: release.changes for release in report.releases} if report else {}
    docs = [
        _page_doc(doc_id, new, previous, texts.get(doc_id), notes.get(doc_id), changes.get(doc_id))
        for doc_id in doc_ids
    ]
    data = {
        "types": [{"type": key, "label": label} for key, label in TYPES.items()],
        "diff": previous is not None,
        "title": f"Review of {outputs}" + (f" against {old}" if old is not None else ""),
        "rejects": new.rejects,
        "docs": docs,
    }
    page = fill_page(title=html.escape(str(data["title"])), data=embed_json(data))
    try:
        html_path.parent.mkdir(parents=True, exist_ok=True)
        # errors="replace": a lone surrogate (possible from a JSONL "\ud800") stays one UTF-16 unit.
        html_path.write_text(page, encoding="utf-8", errors="replace")
    except OSError as error:
        raise UserError(f"{html_path}: cannot write the review page ({error.strerror or error})") from None
    return html_path


def fill_page(**values: str) -> str:
    """The page with each __NAME__ placeholder replaced in one pass: a value that itself holds
    "__DATA__" (a folder name in the title) is written as it is, never substituted again."""
    return _PLACEHOLDER.sub(lambda match: values[match[1].lower()], _PAGE)


_PLACEHOLDER = re.compile(r"__(TITLE|DATA)__")


def read_outputs(folder: Path) -> Outputs:
    """Documents and table rows of an output folder, read as `diff` reads it; UserError if it is not one."""
    if not (folder / "documents.jsonl").is_file():
        raise UserError(f"{folder}: no documents.jsonl here; pass an output folder of `extract`")
    records = load_folder(folder)
    documents: dict[str, Json] = {}
    rows: dict[str, list[Row]] = {}
    for doc_id, by_type in records.items():
        if by_type.get("documents"):
            documents[doc_id] = next(iter(by_type["documents"].values()))
        found = [
            row
            for name in RECORD_FILES
            for key, record in by_type.get(name, {}).items()
            for row in record_rows(name, record, key)
        ]
        if found:
            rows[doc_id] = found
    rejects = sum(len(by_type.get("rejects", {})) for by_type in records.values())
    return Outputs(documents, rows, rejects)


def record_rows(file: str, record: Json, key: tuple[str, int] = ("", 0)) -> list[Row]:
    """The table rows of one record: the record itself, plus its affiliation titles or award winners."""
    ref = (file, *key)
    if file == "people":
        name = record["name"]
        titles = [_affiliation_text(a) for a in record.get("affiliations", [])]
        rows = [Row("person", name, "; ".join(titles), record["mentions"], ref)]
        for affiliation in record.get("affiliations", []):
            title = affiliation["title"]
            mentions = [m for m in affiliation.get("mentions", []) if _same(m["text"], title)]
            item = LIST_FIELDS["people"]["affiliations"](affiliation)
            rows.append(Row("title", title, f"{name}, {_affiliation_text(affiliation)}", mentions, ref, item))
        return rows
    if file == "organizations":
        aliases = ", ".join(record.get("aliases", []))
        detail = f"aliases: {aliases}" if aliases else ""
        return [Row("organization", record["name"], detail, record["mentions"], ref)]
    if file == "cities":
        country = record.get("country") or ""
        return [Row("city", record["name"], country, record["mentions"], ref)]
    if file == "speeches":
        title = record["title"]
        speaker = ", ".join(
            part
            for part in (
                record.get("speaker"),
                record.get("speaker_title"),
                record.get("speaker_organization"),
            )
            if part
        )
        mentions = [m for m in record["mentions"] if _same(m["text"], title)]
        return [Row("talk", title, f"by {speaker}" if speaker else "", mentions, ref)]
    name = record["name"]
    winners = record.get("winners", [])
    count = record.get("stated_count")
    detail = f"{len(winners)} winners" + (f" of {count} stated" if count is not None else "")
    if not record.get("complete", True):
        detail += ", incomplete list"
    award_mentions = [m for m in record["mentions"] if _same(m["text"], name)]
    rows = [Row("award", name, detail, award_mentions, ref)]
    for winner in winners:
        mentions = [m for m in record["mentions"] if _same(m["text"], winner["name"])]
        item = LIST_FIELDS["awards"]["winners"](winner)
        rows.append(Row("winner", winner["name"], f"{winner['kind']}, winner of {name}", mentions, ref, item))
    return rows


def _affiliation_text(affiliation: Json) -> str:
    organization = affiliation.get("organization")
    return f"{affiliation['title']} of {organization}" if organization else affiliation["title"]


def _same(a: str, b: str) -> bool:
    return _SPACES.sub(" ", a) == _SPACES.sub(" ", b)


def find_texts(
    documents: dict[str, Json | None], corpus: Path | None, base: Path
) -> tuple[dict[str, Release], dict[str, str]]:
    """Each document's release, read again from `corpus` or from its source; notes for those not found."""
    releases: dict[str, Release] = {}
    notes: dict[str, str] = {}
    if corpus is not None:
        if not corpus.exists():
            raise UserError(f"{corpus}: no such file or folder (--corpus)")
        releases = _releases([corpus], set(documents))
        for doc_id in documents:
            if doc_id not in releases:
                notes[doc_id] = f"Text not found: no release with this doc_id in {corpus}."
    else:
        by_file: dict[Path, list[str]] = defaultdict(list)
        for doc_id, doc in documents.items():
            source = str((doc or {}).get("source", ""))
            match = _JSONL_LINE.match(source)
            file = _locate(Path(match["path"] if match else source), base) if source else None
            if file is not None and not (doc or {}).get("sha256"):
                # A path read on the output folder's word alone must prove it is the text extracted.
                notes[doc_id] = (
                    f"Text not read: no sha256 is recorded to check {source} against; pass --corpus DIR."
                )
            elif file is None:
                notes[doc_id] = f"Text not found: {source} does not exist here; pass --corpus DIR."
            else:
                by_file[file].append(doc_id)
        for file, doc_ids in by_file.items():
            found = _releases([file], set(doc_ids))
            releases.update(found)
            for doc_id in doc_ids:
                if doc_id not in found:
                    notes[doc_id] = f"Text not found: {file} no longer holds this release; pass --corpus DIR."
    for doc_id, release in list(releases.items()):
        doc = documents.get(doc_id)
        if doc and doc.get("sha256") and doc["sha256"] != release.sha256:
            # Offsets only apply to the exact text they were taken from.
            del releases[doc_id]
            notes[doc_id] = f"Text not shown: {release.source} is not the text extracted (sha256)."
    return releases, notes


def _locate(source: Path, base: Path) -> Path | None:
    """Sources are relative to the cwd of the extraction: try the cwd, then the output folder's parent.
    Only a regular file is a source: an output folder may be crafted to name "/" or a device."""
    for candidate in (source, base.resolve().parent / source):
        if candidate.is_file():
            return candidate
    return None


def _releases(paths: list[Path], wanted: set[str]) -> dict[str, Release]:
    found: dict[str, Release] = {}
    for item in iter_inputs(paths):
        if isinstance(item, Release) and item.doc_id in wanted:
            found[item.doc_id] = item
    return found


def utf16_offsets(text: str) -> list[int]:
    """Code points above U+FFFF, by index: they count twice in a JS (UTF-16) string."""
    return [index for index, char in enumerate(text) if ord(char) > 0xFFFF]


def to_utf16(index: int, astral: list[int]) -> int:
    """A Python string index as the UTF-16 index JS uses for the same position."""
    return index + bisect.bisect_left(astral, index)


def place(rows: Iterable[Row], text: str) -> None:
    """Turn grounded mentions into UTF-16 spans; mentions that do not match the text are counted instead."""
    astral = utf16_offsets(text)
    for row in rows:
        for mention in row.mentions:
            start, end = mention["start"], mention["end"]
            if 0 <= start < end <= len(text) and text[start:end] == mention["text"]:
                row.spans.append([to_utf16(start, astral), to_utf16(end, astral)])
            else:
                row.unplaced += 1


def _doc(outputs: Outputs | None, doc_id: str) -> Json | None:
    return outputs.documents.get(doc_id) if outputs else None


def _page_doc(
    doc_id: str,
    new: Outputs,
    old: Outputs | None,
    release: Release | None,
    note: str | None,
    changes: list[RecordChange] | None = None,
) -> Json:
    doc = new.documents.get(doc_id) or _doc(old, doc_id) or {}
    rows = list(new.rows.get(doc_id, []))
    status = None
    document_changes: list[str] = []
    if old is not None:
        status = (
            "removed" if doc_id not in new.documents else "added" if doc_id not in old.documents else None
        )
        rows = mark_changes(rows, changes or [], same_text=_same_text(new, old, doc_id))
        document_changes = [
            line
            for c in changes or ()
            if c.record_type == "documents" and c.status == "changed"
            for line in change_lines(c)
        ]
    text = release.text if release else None
    if text is not None:
        place(rows, text)
    return {
        "id": doc_id,
        "headline": doc.get("headline") or "",
        "source": doc.get("source", ""),
        "dateline": dateline_text(doc.get("dateline")),
        "changes": document_changes,
        "status": status,
        "note": note,
        "text": text,
        "rows": [_row_json(row) for row in rows],
    }


def dateline_text(dateline: Json | None) -> str:
    """ "PORTLAND, Ore., United States, 2021-06-02 (PRNewswire)", or "" when the release has none."""
    dateline = dateline or {}
    parts = [str(dateline[key]) for key in ("city", "region", "country", "date") if dateline.get(key)]
    shown = ", ".join(parts)
    return shown + (f" ({dateline['wire']})" if dateline.get("wire") else "")


def _same_text(new: Outputs, old: Outputs, doc_id: str) -> bool:
    new_doc, old_doc = new.documents.get(doc_id), old.documents.get(doc_id)
    return bool(new_doc and old_doc and new_doc.get("sha256") == old_doc.get("sha256"))


def mark_changes(rows: list[Row], changes: list[RecordChange], same_text: bool) -> list[Row]:
    """The new rows marked by `diff`'s changes of this release, plus rows for what was removed: the page
    and `diff` make one comparison, so they never disagree. A changed record's own row says what changed;
    an affiliation or winner added or removed has its own row marked.

    Removed rows keep their mentions only when the text is unchanged: otherwise their offsets may not apply.
    """
    by_record: dict[tuple[str, str, int], list[Row]] = defaultdict(list)
    for row in rows:
        by_record[row.record].append(row)
    removed: list[Row] = []
    for change in changes:
        if change.record_type not in RECORD_FILES:
            continue
        ref = (change.record_type, *change.key)
        if change.status == "added":
            for row in by_record[ref]:
                row.status = "added"
        elif change.status == "removed" and change.record is not None:
            removed += record_rows(change.record_type, change.record, change.key)
        elif change.status == "changed":
            own = [row for row in by_record[ref] if row.item is None]
            for row in own:
                row.status, row.change = "changed", "; ".join(change_lines(change))
            removed += _list_changes(by_record[ref], change)
    for row in removed:
        row.status = "removed"
        if not same_text:
            row.mentions = []
    return rows + removed


def _list_changes(rows: list[Row], change: RecordChange) -> list[Row]:
    """Affiliation or winner rows added (marked here) and removed (returned, from the old record)."""
    removed: list[Row] = []
    for field_change in change.fields:
        if field_change.field not in ("affiliations", "winners") or change.previous is None:
            continue
        added = Counter(field_change.new) - Counter(field_change.old)
        gone = Counter(field_change.old) - Counter(field_change.new)
        for row in rows:
            if row.item is not None and added[row.item] > 0:
                added[row.item] -= 1
                row.status = "added"
        for row in record_rows(change.record_type, change.previous, change.key):
            if row.item is not None and gone[row.item] > 0:
                gone[row.item] -= 1
                removed.append(row)
    return removed


def _row_json(row: Row) -> Json:
    item: Json = {"type": row.type, "label": row.label, "detail": row.detail, "spans": row.spans}
    if row.status:
        item["status"] = row.status
    if row.change:
        item["change"] = row.change
    if row.unplaced:
        item["unplaced"] = row.unplaced
    return item


def embed_json(data: Any) -> str:
    """JSON safe inside <script type="application/json">: no "</script>" or "<!--" can end it early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_PAGE = r"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>__TITLE__</title>
<style>
:root {
  --person: #fde68a; --organization: #bfdbfe; --city: #ddd6fe; --title: #fbcfe8;
  --talk: #fed7aa; --award: #99f6e4; --winner: #d9f99d;
}
body { font: 15px/1.5 system-ui, sans-serif; margin: 0; color: #1f2937; background: #f8fafc; }
header { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid #cbd5e1;
  padding: 8px 16px; display: flex; flex-wrap: wrap; gap: 8px 20px; align-items: center; }
header h1 { font-size: 17px; margin: 0; }
#legend { display: flex; flex-wrap: wrap; gap: 4px 12px; }
.legend-item { cursor: pointer; user-select: none; white-space: nowrap; }
.swatch { padding: 0 6px; border-radius: 3px; white-space: nowrap; }
.diff-key { display: flex; gap: 10px; }
.diff-key[hidden] { display: none; }
#pager button { margin: 0 4px; }
main { padding: 12px 16px; }
.release { background: #fff; border: 1px solid #cbd5e1; border-radius: 6px; margin: 0 0 16px;
  padding: 10px 14px; }
.release h2 { font-size: 16px; margin: 0 0 2px; }
.release .meta { color: #64748b; font-size: 13px; margin-bottom: 6px; }
.release .body { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; font-family: Georgia, serif; }
.note { background: #fef3c7; border-left: 4px solid #d97706; padding: 4px 8px; margin: 4px 0; }
.doc-changes { background: #eff6ff; border-left: 4px solid #2563eb; padding: 4px 8px; margin: 4px 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; align-self: start; }
th, td { text-align: left; padding: 2px 6px; border-bottom: 1px solid #e2e8f0; vertical-align: top; }
tr.record { cursor: pointer; }
tr.record:hover, tr.record.current { background: #f1f5f9; }
tr.no-mention { cursor: default; color: #64748b; }
mark.hl { color: inherit; border-radius: 2px; padding: 1px 0; box-decoration-break: clone;
  -webkit-box-decoration-break: clone; cursor: pointer; }
mark.hl mark.hl { padding: 0; border-bottom: 2px solid #475569; }
mark.hl.current { outline: 3px solid #2563eb; outline-offset: 1px; }
.t-person { background: var(--person); } .t-organization { background: var(--organization); }
.t-city { background: var(--city); } .t-title { background: var(--title); }
.t-talk { background: var(--talk); } .t-award { background: var(--award); }
.t-winner { background: var(--winner); }
mark.st-added, .diff-key .st-added { box-shadow: inset 0 -3px 0 #16a34a; }
tr.st-added td:first-child { border-left: 4px solid #16a34a; }
.st-removed { text-decoration: line-through #dc2626; }
tr.st-removed td:first-child { border-left: 4px solid #dc2626; } tr.st-removed { color: #991b1b; }
mark.st-changed, .diff-key .st-changed { box-shadow: inset 0 -3px 0 #d97706; }
tr.st-changed td:first-child { border-left: 4px solid #d97706; }
.status { font-weight: 600; }
.badge { font-size: 12px; border-radius: 3px; padding: 0 4px; margin-left: 6px; color: #fff; }
.badge.added { background: #16a34a; } .badge.removed { background: #dc2626; }
.badge.changed { background: #d97706; }
#empty { color: #64748b; }
@media (max-width: 900px) { .release .body { grid-template-columns: 1fr; } }
</style>
</head>
<body>
<header>
  <h1 id="title"></h1>
  <div id="legend" aria-label="legend and filter by record type"></div>
  <div class="diff-key" id="diff-key" hidden>
    <span class="st-added">added</span><span class="st-removed">removed</span>
    <span class="st-changed">changed</span>
    <label><input type="checkbox" id="only-changed"> only changed releases</label>
  </div>
  <input type="search" id="search" placeholder="search doc_id or headline" size="28">
  <div id="pager"><button id="prev" type="button">&larr;</button><span id="page-info"></span><button
    id="next" type="button">&rarr;</button></div>
</header>
<main id="releases"></main>
<script type="application/json" id="review-data">__DATA__</script>
<script>
"use strict";
(function () {
  const PAGE_SIZE = 20;
  const data = JSON.parse(document.getElementById("review-data").textContent);
  const labels = Object.fromEntries(data.types.map((t) => [t.type, t.label]));
  const order = Object.fromEntries(data.types.map((t, i) => [t.type, i]));
  const shown = new Set(data.types.map((t) => t.type));
  let matching = data.docs;
  let page = 0;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined) node.setAttribute(key, value);
    }
    for (const child of children) node.append(child);
    return node;
  }

  function buildLegend() {
    const legend = document.getElementById("legend");
    const counts = {};
    for (const doc of data.docs) for (const row of doc.rows) counts[row.type] = (counts[row.type] || 0) + 1;
    for (const t of data.types) {
      const box = el("input", { type: "checkbox", checked: "", "data-type": t.type });
      box.addEventListener("change", () => {
        if (box.checked) shown.add(t.type); else shown.delete(t.type);
        render();
      });
      legend.append(el("label", { class: "legend-item", "data-type": t.type }, box, " ",
        el("span", { class: "swatch t-" + t.type }, t.label), " " + (counts[t.type] || 0)));
    }
  }

  // Split spans into properly nested <mark>s: a span crossing another's end is cut into fragments.
  function renderText(container, text, doc) {
    const spans = [];
    doc.rows.forEach((row, r) => {
      if (!shown.has(row.type)) return;
      row.spans.forEach(([s, e], m) => { if (e > s) spans.push({ s, e, row, r, m }); });
    });
    spans.sort((a, b) => a.s - b.s || b.e - a.e || order[a.row.type] - order[b.row.type] || a.r - b.r);
    const cuts = new Set([0, text.length]);
    for (const sp of spans) { cuts.add(sp.s); cuts.add(sp.e); }
    const points = Array.from(cuts).sort((a, b) => a - b);
    let active = [];
    let stack = [];
    let next = 0;
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      active = active.filter((sp) => sp.e > a);
      while (next < spans.length && spans[next].s <= a) active.push(spans[next++]);
      active.sort((x, y) => x.s - y.s || y.e - x.e || order[x.row.type] - order[y.row.type] || x.r - y.r);
      let keep = 0;
      while (keep < stack.length && keep < active.length && stack[keep].sp === active[keep]) keep++;
      stack = stack.slice(0, keep);
      for (const sp of active.slice(keep)) {
        const mark = el("mark", {
          class: "hl t-" + sp.row.type + (sp.row.status ? " st-" + sp.row.status : ""),
          "data-type": sp.row.type, "data-rec": sp.r, "data-mi": sp.m,
          title: labels[sp.row.type] + ": " + sp.row.label +
            (sp.row.status ? " (" + sp.row.status + ")" : ""),
        });
        (stack.length ? stack[stack.length - 1].node : container).append(mark);
        stack.push({ sp, node: mark });
      }
      (stack.length ? stack[stack.length - 1].node : container).append(text.slice(a, b));
    }
  }

  function jump(section, r, row, tr) {
    if (!row.spans.length) return;
    const i = Number(tr.dataset.next || 0) % row.spans.length;
    tr.dataset.next = String(i + 1);
    const mark = section.querySelector('mark[data-rec="' + r + '"][data-mi="' + i + '"]');
    if (!mark) return;
    for (const old of document.querySelectorAll(".current")) old.classList.remove("current");
    section.querySelectorAll('mark[data-rec="' + r + '"][data-mi="' + i + '"]')
      .forEach((m) => m.classList.add("current"));
    tr.classList.add("current");
    mark.scrollIntoView({ block: "center" });
  }

  function renderRelease(doc) {
    const section = el("section", { class: "release", id: "doc-" + doc.id, "data-doc": doc.id });
    const heading = el("h2", null, doc.headline || doc.id);
    if (doc.status) heading.append(el("span", { class: "badge " + doc.status }, doc.status));
    const meta = [doc.id, doc.source, doc.dateline ? "dateline: " + doc.dateline : "no dateline"];
    section.append(heading, el("div", { class: "meta" }, meta.join(" \u00b7 ")));
    if (doc.changes.length) {
      const list = el("ul", { class: "doc-changes" });
      for (const line of doc.changes) list.append(el("li", null, line));
      section.append(list);
    }
    if (doc.note) section.append(el("div", { class: "note" }, doc.note));
    const textBox = el("div", { class: "text" });
    if (doc.text !== null) renderText(textBox, doc.text, doc);
    const head = el("tr", null, el("th", null, "type"), el("th", null, "record"), el("th", null, "details"));
    if (data.diff) head.append(el("th", null, "change"));
    const table = el("table", { class: "records" }, el("thead", null, head));
    const tbody = el("tbody");
    doc.rows.forEach((row, r) => {
      if (!shown.has(row.type)) return;
      let detail = row.detail;
      if (row.unplaced) detail += (detail ? "; " : "") + row.unplaced + " mention(s) do not match the text";
      const tr = el("tr", {
        class: "record" + (row.status ? " st-" + row.status : "") + (row.spans.length ? "" : " no-mention"),
        "data-type": row.type, "data-rec": r,
        title: row.spans.length ? "show its mentions" : "no mention shown",
      }, el("td", null, el("span", { class: "swatch t-" + row.type }, labels[row.type])),
        el("td", null, row.label), el("td", null, detail));
      if (data.diff) {
        tr.append(el("td", { class: "status" }, (row.status || "") + (row.change ? ": " + row.change : "")));
      }
      tr.addEventListener("click", () => jump(section, r, row, tr));
      tbody.append(tr);
    });
    table.append(tbody);
    if (!doc.rows.length) tbody.append(el("tr", null, el("td", { colspan: "4" }, "no records")));
    textBox.addEventListener("click", (event) => {
      const mark = event.target.closest("mark.hl");
      if (!mark) return;
      for (const old of section.querySelectorAll("tr.current")) old.classList.remove("current");
      const tr = table.querySelector('tr[data-rec="' + mark.dataset.rec + '"]');
      if (tr) { tr.classList.add("current"); tr.scrollIntoView({ block: "nearest" }); }
    });
    section.append(el("div", { class: "body" }, textBox, table));
    return section;
  }

  function render() {
    const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
    page = Math.min(Math.max(page, 0), pages - 1);
    const box = document.getElementById("releases");
    box.replaceChildren();
    const slice = matching.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    for (const doc of slice) box.append(renderRelease(doc));
    if (!slice.length) box.append(el("p", { id: "empty" }, "No release matches."));
    document.getElementById("page-info").textContent =
      " page " + (page + 1) + " of " + pages + " (" + matching.length + " releases) ";
    document.getElementById("prev").disabled = page === 0;
    document.getElementById("next").disabled = page >= pages - 1;
  }

  function filter() {
    const query = document.getElementById("search").value.trim().toLowerCase();
    const onlyChanged = document.getElementById("only-changed").checked;
    matching = data.docs.filter((doc) =>
      (!query || doc.id.toLowerCase().includes(query) || doc.headline.toLowerCase().includes(query)) &&
      (!onlyChanged || doc.status || doc.rows.some((row) => row.status)));
    page = 0;
    render();
  }

  document.getElementById("title").textContent = data.title +
    " \u2014 " + data.docs.length + " releases" + (data.rejects ? ", " + data.rejects + " rejects" : "");
  document.getElementById("diff-key").hidden = !data.diff;
  document.getElementById("search").addEventListener("input", filter);
  document.getElementById("only-changed").addEventListener("change", filter);
  const turn = (step) => () => { page += step; render(); window.scrollTo(0, 0); };
  document.getElementById("prev").addEventListener("click", turn(-1));
  document.getElementById("next").addEventListener("click", turn(1));
  buildLegend();
  render();
})();
</script>
</body>
</html>
"""

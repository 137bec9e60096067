"""What changed between two output folders, per release, for reviewing a pipeline change.

Rules:
- Records are matched by identity, so an edited field is one change, not a removal plus an addition:
  documents by doc_id; people, organizations, cities and awards by (doc_id, normalised name);
  speeches by (doc_id, normalised title); rejects by (doc_id, source). Names are normalised as in eval
  (`pipeline.evaluate.normalise`: NFKC, casefold, quotes dropped, punctuation to spaces, whitespace
  collapsed); a respelling of the identity ("Acme Inc" -> "ACME, Inc.") shows as a changed name.
- Compared: documents' headline and dateline city, region, country, date and wire, plus "text changed"
  when sha256 differs (source, encoding and sections are not compared); people's affiliations;
  organizations' aliases; cities' country; speeches' speaker, speaker_title and speaker_organization;
  awards' stated_count, complete, winners and their kinds (warnings follow from these and are not
  compared); rejects' stage and error. Lists compare as multisets: reordering is not a change.
- Mentions: offsets alone moving is shown as one "mentions moved" line, only when nothing else about the
  record changed and the release text is the same (when the text changed, moved offsets are expected).
- Duplicate identities within a release are matched in file order.
- A missing file counts as empty; a missing folder is a user error. Output is sorted: releases by
  doc_id; within one, by record type (file order), then added, removed, changed, then identity.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .dataset import read_records
from .errors import UserError
from .evaluate import normalise
from .models import OUTPUT_MODELS

RECORD_TYPES = tuple(OUTPUT_MODELS)
STATUSES = ("added", "removed", "changed")

Key = tuple[str, int]
Folder = dict[str, dict[str, dict[Key, dict[str, Any]]]]  # doc_id -> record type -> identity -> record

IDENTITY = {
    "documents": "doc_id",
    "people": "name",
    "organizations": "name",
    "cities": "name",
    "speeches": "title",
    "awards": "name",
    "rejects": "source",
}
NOT_NORMALISED = frozenset({"documents", "rejects"})  # ids and paths are exact already

SCALAR_FIELDS = {
    "documents": (
        "headline",
        "dateline.city",
        "dateline.region",
        "dateline.country",
        "dateline.date",
        "dateline.wire",
    ),
    "people": ("name",),
    "organizations": ("name",),
    "cities": ("name", "country"),
    "speeches": ("title", "speaker", "speaker_title", "speaker_organization"),
    "awards": ("name", "stated_count", "complete"),
    "rejects": ("stage", "error"),
}


def _affiliation(title: Any, organization: Any) -> str:
    return f"({title}, {organization})" if organization else f"({title})"


# Record type -> list field -> how one item is shown (and compared).
LIST_FIELDS: dict[str, dict[str, Callable[[Any], str]]] = {
    "people": {"affiliations": lambda a: _affiliation(a.get("title"), a.get("organization"))},
    "organizations": {"aliases": str},
    "awards": {"winners": lambda w: str(w.get("name"))},
}


@dataclass(frozen=True)
class FieldChange:
    """One field of a changed record; list fields hold their shown items, sorted."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class RecordChange:
    """One record added, removed or changed; `record` is the whole added or removed record, `key` its
    identity within the release and `previous` the old record of a changed one (for the review page,
    which marks its rows from this same comparison)."""

    record_type: str
    status: str
    label: str
    record: dict[str, Any] | None = None
    fields: tuple[FieldChange, ...] = ()
    key: Key = ("", 0)
    previous: dict[str, Any] | None = None


@dataclass
class ReleaseDiff:
    doc_id: str
    changes: list[RecordChange]


@dataclass
class DiffReport:
    """Counts per record type and status, and the releases that changed, in doc_id order."""

    old: Path
    new: Path
    counts: dict[str, dict[str, int]]
    releases: list[ReleaseDiff]
    unchanged: int

    @property
    def changed(self) -> bool:
        return bool(self.releases)


def diff_outputs(old: Path, new: Path) -> DiffReport:
    """Compare two output folders of `extract`, release by release."""
    before, after = load_folder(old, "old"), load_folder(new, "new")
    counts = {record_type: dict.fromkeys(STATUSES, 0) for record_type in RECORD_TYPES}
    doc_ids = sorted(before.keys() | after.keys())
    releases = []
    for doc_id in doc_ids:
        changes = _diff_release(before.get(doc_id, {}), after.get(doc_id, {}))
        for change in changes:
            counts[change.record_type][change.status] += 1
        if changes:
            releases.append(ReleaseDiff(doc_id, changes))
    return DiffReport(old, new, counts, releases, len(doc_ids) - len(releases))


def format_markdown(report: DiffReport, max_lines: int) -> str:
    """A summary table, then the changed releases, each cut at `max_lines` detail lines."""
    lines = [
        f"## Output diff: {report.old} -> {report.new}",
        "",
        "| type | added | removed | changed |",
        "|---|---:|---:|---:|",
    ]
    for record_type, counts in report.counts.items():
        lines.append(f"| {record_type} | {counts['added']} | {counts['removed']} | {counts['changed']} |")
    lines += ["", f"{len(report.releases)} releases changed, {report.unchanged} unchanged"]
    for release in report.releases:
        detail = [line for change in release.changes for line in change_lines(change)]
        shown = detail[: max(max_lines, 0)]
        lines += ["", f"### {release.doc_id}", ""] + [f"- {line}" for line in shown]
        if len(detail) > len(shown):
            lines += ["", f"… {len(detail) - len(shown)} more lines cut (raise --max-lines)"]
    return "\n".join(lines) + "\n"


def report_to_json(report: DiffReport) -> dict[str, Any]:
    """The report as plain JSON data: whole records for additions and removals, old/new per field."""
    return {
        "old": str(report.old),
        "new": str(report.new),
        "changed": report.changed,
        "types": report.counts,
        "releases_changed": len(report.releases),
        "releases_unchanged": report.unchanged,
        "releases": [
            {"doc_id": release.doc_id, "changes": [_change_json(change) for change in release.changes]}
            for release in report.releases
        ],
    }


def _change_json(change: RecordChange) -> dict[str, Any]:
    data: dict[str, Any] = {"type": change.record_type, "status": change.status, "label": change.label}
    if change.record is not None:
        data["record"] = change.record
    else:
        data["fields"] = [{"field": f.field, "old": f.old, "new": f.new} for f in change.fields]
    return data


def load_folder(folder: Path, side: str = "output") -> Folder:
    """Every record of a folder by release, type and identity (the key a change names); each file is
    read once, line by line."""
    if not folder.is_dir():
        state = "is not a folder" if folder.exists() else "does not exist"
        raise UserError(
            f"{side} output folder {folder} {state}: pass a folder written by `python -m pipeline extract`"
        )
    if not (folder / "documents.jsonl").is_file():
        # Any folder would otherwise compare as an empty dataset: "everything removed", exit 4.
        raise UserError(
            f"{side} output folder {folder} has no documents.jsonl: pass a folder written by "
            "`python -m pipeline extract`"
        )
    by_doc: Folder = defaultdict(lambda: defaultdict(dict))
    for record_type in RECORD_TYPES:
        for record in read_records(folder / f"{record_type}.jsonl"):
            records = by_doc[str(record.get("doc_id"))][record_type]
            identity = _identity(record_type, record)
            occurrence = 0
            while (identity, occurrence) in records:
                occurrence += 1
            records[(identity, occurrence)] = record
    return by_doc


def _identity(record_type: str, record: dict[str, Any]) -> str:
    value = str(record.get(IDENTITY[record_type]) or "")
    return value if record_type in NOT_NORMALISED else normalise(value) or ""


def _diff_release(
    old: dict[str, dict[Key, dict[str, Any]]], new: dict[str, dict[Key, dict[str, Any]]]
) -> list[RecordChange]:
    old_document = next(iter(old.get("documents", {}).values()), {})
    new_document = next(iter(new.get("documents", {}).values()), {})
    text_changed = old_document.get("sha256") != new_document.get("sha256")
    changes = []
    for record_type in RECORD_TYPES:
        old_records, new_records = old.get(record_type, {}), new.get(record_type, {})
        for key in sorted(old_records.keys() | new_records.keys()):
            before, after = old_records.get(key), new_records.get(key)
            if before is None and after is not None:
                label = _describe(record_type, after)
                changes.append(RecordChange(record_type, "added", label, after, key=key))
            elif after is None and before is not None:
                label = _describe(record_type, before)
                changes.append(RecordChange(record_type, "removed", label, before, key=key))
            elif before is not None and after is not None:
                fields = _field_changes(record_type, before, after, text_changed)
                if fields:
                    label = _show(after.get(IDENTITY[record_type]))
                    change = RecordChange(record_type, "changed", label, None, tuple(fields), key, before)
                    changes.append(change)
    # Stable: within a type and status the identity order above stays.
    return sorted(changes, key=lambda c: (RECORD_TYPES.index(c.record_type), STATUSES.index(c.status)))


def _field_changes(
    record_type: str, old: dict[str, Any], new: dict[str, Any], text_changed: bool
) -> list[FieldChange]:
    changes = [
        FieldChange(name, _get(old, name), _get(new, name))
        for name in SCALAR_FIELDS[record_type]
        if _get(old, name) != _get(new, name)
    ]
    for name, show in LIST_FIELDS.get(record_type, {}).items():
        old_items = sorted(show(item) for item in old.get(name) or [])
        new_items = sorted(show(item) for item in new.get(name) or [])
        if old_items != new_items:
            changes.append(FieldChange(name, old_items, new_items))
    if record_type == "awards":
        old_kinds = {w.get("name"): w.get("kind") for w in old.get("winners") or []}
        new_kinds = {w.get("name"): w.get("kind") for w in new.get("winners") or []}
        rekinded = sorted(n for n in old_kinds.keys() & new_kinds.keys() if old_kinds[n] != new_kinds[n])
        if rekinded:
            changes.append(
                FieldChange(
                    "winners.kind", {n: old_kinds[n] for n in rekinded}, {n: new_kinds[n] for n in rekinded}
                )
            )
    if record_type == "documents" and text_changed:
        changes.append(FieldChange("text", old.get("sha256"), new.get("sha256")))
    if not changes and not text_changed and _offsets(old) != _offsets(new):
        changes.append(FieldChange("mentions", _offsets(old), _offsets(new)))
    return changes


def _get(record: dict[str, Any], dotted: str) -> Any:
    value: Any = record
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _offsets(record: dict[str, Any]) -> list[list[Any]]:
    mentions = record.get("mentions") or _get(record, "dateline.mentions") or []
    return [[m.get("start"), m.get("end")] for m in mentions]


def _describe(record_type: str, record: dict[str, Any]) -> str:
    """An added or removed record in one phrase: its identity and what it says."""
    name = str(record.get(IDENTITY[record_type]))
    if record_type == "documents":
        return f"{record.get('source')} {_show(record.get('headline'))}"
    if record_type == "people":
        shown = [LIST_FIELDS["people"]["affiliations"](a) for a in record.get("affiliations") or []]
        return " ".join([name, *shown])
    if record_type == "organizations" and record.get("aliases"):
        return f"{name} (aliases: {', '.join(record['aliases'])})"
    if record_type == "cities" and record.get("country"):
        return f"{name}, {record['country']}"
    if record_type == "speeches":
        speaker = record.get("speaker") or "unknown speaker"
        title = record.get("speaker_title")
        role = f" {_affiliation(title, record.get('speaker_organization'))}" if title else ""
        return f"{_show(name)} by {speaker}{role}"
    if record_type == "awards":
        winners = ", ".join(str(w.get("name")) for w in record.get("winners") or [])
        stated = f" ({record['stated_count']} stated)" if record.get("stated_count") is not None else ""
        return f"{_show(name)}{stated}: {winners}"
    if record_type == "rejects":
        return f"{name} ({record.get('stage')}: {record.get('error')})"
    return name


def change_lines(change: RecordChange) -> list[str]:
    """Markdown lines of one change; a document's fields get a line each, other records one line."""
    if change.status != "changed":
        sign = "+" if change.status == "added" else "-"
        return [f"{change.record_type}: {sign} {change.label}"]
    phrases = [_phrase(field) for field in change.fields]
    if change.record_type == "documents":
        return [f"{name}: {rest}" if rest else name for name, rest in phrases]
    shown = "; ".join(f"{name} {rest}" if rest else name for name, rest in phrases)
    return [f"{change.record_type}: {change.label} {shown}"]


def _phrase(field: FieldChange) -> tuple[str, str]:
    """A field change as (what, how): ("winners", "3 -> 4, + Foo Ltd"), ("text changed", "")."""
    if field.field == "text":
        return "text changed", ""
    if field.field == "mentions":
        return "mentions moved", ""
    if isinstance(field.old, dict):
        return field.field, ", ".join(f"{n} {field.old[n]} -> {field.new[n]}" for n in field.old)
    if isinstance(field.old, list):
        added = list((Counter(field.new) - Counter(field.old)).elements())
        removed = list((Counter(field.old) - Counter(field.new)).elements())
        if field.field != "winners" and len(added) == len(removed) == 1:
            return field.field, f"{removed[0]} -> {added[0]}"  # a retitled role reads as one edit
        parts = []
        if field.field == "winners" and len(field.old) != len(field.new):
            parts.append(f"{len(field.old)} -> {len(field.new)}")
        parts += [f"+ {item}" for item in added] + [f"- {item}" for item in removed]
        return field.field, ", ".join(parts)
    return field.field, f"{_show(field.old)} -> {_show(field.new)}"


def _show(value: Any) -> str:
    """null / true / false like JSON; strings with spaces quoted so "a -> b" stays readable."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return f"'{text}'" if not text or any(char.isspace() for char in text) else text

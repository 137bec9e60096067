"""Score an output folder against gold annotations: precision, recall and F1 per record type.

Matching rules (set-based per document, micro-averaged over the gold documents):
- Strings are normalised before comparison: NFKC, casefold, the quote and apostrophe characters
  ’ ‘ ' " “ ” ` ´ removed, every other Unicode punctuation character (category P*) replaced by a space,
  whitespace collapsed and stripped. So "Zhao Mei‘lin" == "zhao meilin" and
  "Harbor Ridge Systems, Inc." == "harbor ridge systems inc". None stays None; counts stay numbers.
- Nothing fuzzier: no substring or edit-distance matching. Duplicates within a document collapse.
- A predicted organization also matches a gold name through one of its `aliases`; each gold name and
  each predicted organization is matched at most once (names first, then aliases).
- Only documents present in gold are scored; a gold document with no predictions scores all as missed.
- Precision = tp / pred, recall = tp / gold; either is 1.0 when pred and gold are both 0 and 0.0 when
  only its denominator is 0. F1 is their harmonic mean (0 when both are 0).

Groups: a `groups.json` ({"name": [doc_id, ...]}) beside the gold folder, or given with --groups, adds a
table per group after the one for all documents (the devset's original and newer releases).

Scored types: people, organizations and cities (names); dateline_city and dateline_date (when not
null); affiliations (person, title, organization or None); speeches (speaker, title); award_names;
award_winners (award, winner); stated_counts (award, count) for non-null counts on either side.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.dataset import read_records
from pipeline.errors import UserError

RECORD_TYPES = (
    "people",
    "organizations",
    "cities",
    "dateline_city",
    "dateline_date",
    "affiliations",
    "speeches",
    "award_names",
    "award_winners",
    "stated_counts",
)
PRED_FILES = ("documents", "people", "organizations", "cities", "speeches", "awards")

# Removed before and after NFKC: NFKC turns ´ into a space plus a combining accent.
_QUOTES = dict.fromkeys(map(ord, "’‘'\"“”`´"))
_SPACES = re.compile(r"\s+")

Item = tuple[str | int | None, ...]


def normalise(value: str | None) -> str | None:
    """The comparison form of a string, so spelling noise (case, quotes, punctuation) is not an error."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", value.translate(_QUOTES)).casefold().translate(_QUOTES)
    text = "".join(" " if unicodedata.category(char).startswith("P") else char for char in text)
    return _SPACES.sub(" ", text).strip()


@dataclass
class TypeCounts:
    """Matches, extras and misses of one record type, summed over documents."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def pred(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.pred, self.gold)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.gold, self.pred)

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass
class DocDiff:
    """What one document's predictions missed and added, per record type, as originally written."""

    doc_id: str
    missed: dict[str, list[Item]] = field(default_factory=dict)
    extra: dict[str, list[Item]] = field(default_factory=dict)
    counts: dict[str, TypeCounts] = field(default_factory=dict)


@dataclass
class EvalReport:
    counts: dict[str, TypeCounts]
    documents: list[DocDiff]
    groups: dict[str, dict[str, TypeCounts]] = field(default_factory=dict)


def evaluate(gold_dir: Path, pred_dir: Path, groups: dict[str, list[str]] | None = None) -> EvalReport:
    """Compare every gold document with the predictions of the same doc_id; `groups` (name -> doc_ids)
    get their own totals."""
    gold_docs = _load_gold(gold_dir)
    pred_docs = _load_pred(pred_dir)
    if not gold_docs.keys() & pred_docs.keys():
        # Scoring zeros would pass for a result: a wrong or empty folder is the user's mistake.
        raise UserError(
            f"{pred_dir} holds no predictions for any of the {len(gold_docs)} gold documents: pass --pred "
            "the output folder of `extract` run on the gold's releases"
        )
    documents = []
    for doc_id, gold in sorted(gold_docs.items()):
        files = pred_docs.get(doc_id, {})
        gold_items = _items(gold)
        pred_items = _items(_pred_view(files))
        diff = DocDiff(doc_id)
        for record_type in RECORD_TYPES:
            if record_type == "organizations":
                missed, extra = _compare_orgs(gold_items[record_type], files.get("organizations", []))
            else:
                missed, extra = _compare(gold_items[record_type], pred_items[record_type])
            gold_count = len(_collect(gold_items[record_type]))
            diff.counts[record_type] = TypeCounts(tp=gold_count - len(missed), fp=len(extra), fn=len(missed))
            if missed:
                diff.missed[record_type] = missed
            if extra:
                diff.extra[record_type] = extra
        documents.append(diff)
    totals = {
        name: _totals([d for d in documents if d.doc_id in set(doc_ids)])
        for name, doc_ids in (groups or {}).items()
    }
    return EvalReport(_totals(documents), documents, totals)


def _totals(documents: list[DocDiff]) -> dict[str, TypeCounts]:
    counts = {record_type: TypeCounts() for record_type in RECORD_TYPES}
    for doc in documents:
        for record_type, c in doc.counts.items():
            counts[record_type].tp += c.tp
            counts[record_type].fp += c.fp
            counts[record_type].fn += c.fn
    return counts


def load_groups(path: Path) -> dict[str, list[str]]:
    """A groups file: a JSON object of group name -> list of doc_ids."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read groups file {path} ({exc}): pass --groups a JSON object") from exc
    if not isinstance(data, dict) or not all(
        isinstance(ids, list) and all(isinstance(i, str) for i in ids) for ids in data.values()
    ):
        raise UserError(f"{path} is not a JSON object of group name -> list of doc_ids")
    return {str(name): list(ids) for name, ids in data.items()}


def format_report(report: EvalReport, details: bool = False) -> str:
    """A Markdown table for all documents and one per group; with details, a diff block per document
    that differs."""
    lines = _table(report.counts)
    for name, counts in report.groups.items():
        lines += ["", f"{name}:", "", *_table(counts)]
    if details:
        for doc in report.documents:
            if not doc.missed and not doc.extra:
                continue
            lines += ["", f"### {doc.doc_id}", "", "```diff"]
            for record_type in RECORD_TYPES:
                if record_type in doc.missed or record_type in doc.extra:
                    lines.append(f"{record_type}:")
                    lines += [f"- {_show(item)}" for item in doc.missed.get(record_type, [])]
                    lines += [f"+ {_show(item)}" for item in doc.extra.get(record_type, [])]
            lines.append("```")
    return "\n".join(lines)


def _table(counts: dict[str, TypeCounts]) -> list[str]:
    lines = [
        "| type | gold | pred | tp | precision | recall | f1 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for record_type, c in counts.items():
        lines.append(
            f"| {record_type} | {c.gold} | {c.pred} | {c.tp} "
            f"| {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} |"
        )
    return lines


def report_to_json(report: EvalReport) -> dict[str, Any]:
    """The report as plain JSON data; one-value items become scalars, others lists."""

    def plain(items: dict[str, list[Item]]) -> dict[str, list[Any]]:
        return {t: [item[0] if len(item) == 1 else list(item) for item in v] for t, v in items.items()}

    def types(counts: dict[str, TypeCounts]) -> dict[str, dict[str, Any]]:
        return {
            record_type: {
                "gold": c.gold,
                "pred": c.pred,
                "tp": c.tp,
                "fp": c.fp,
                "fn": c.fn,
                "precision": c.precision,
                "recall": c.recall,
                "f1": c.f1,
            }
            for record_type, c in counts.items()
        }

    return {
        "types": types(report.counts),
        "groups": {name: types(counts) for name, counts in report.groups.items()},
        "documents": [
            {"doc_id": doc.doc_id, "missed": plain(doc.missed), "extra": plain(doc.extra)}
            for doc in report.documents
        ],
    }


def _ratio(tp: int, denominator: int, other: int) -> float:
    if denominator:
        return tp / denominator
    return 1.0 if other == 0 else 0.0


def _show(item: Item) -> str:
    return " | ".join("null" if value is None else str(value) for value in item)


def _key(item: Item) -> Item:
    return tuple(normalise(v) if isinstance(v, str) else v for v in item)


def _collect(items: Iterable[Item]) -> dict[Item, Item]:
    """Normalised key -> first original form: duplicates collapse but reports show the text."""
    collected: dict[Item, Item] = {}
    for item in items:
        collected.setdefault(_key(item), item)
    return collected


def _compare(gold_items: list[Item], pred_items: list[Item]) -> tuple[list[Item], list[Item]]:
    gold, pred = _collect(gold_items), _collect(pred_items)
    return [gold[k] for k in gold if k not in pred], [pred[k] for k in pred if k not in gold]


def _compare_orgs(gold_items: list[Item], pred_orgs: list[dict[str, Any]]) -> tuple[list[Item], list[Item]]:
    """Like _compare, but a predicted organization may claim one unclaimed gold name by an alias."""
    gold = _collect(gold_items)
    pred: dict[Item, Item] = {}
    aliases: dict[Item, dict[Item, None]] = defaultdict(dict)
    for org in pred_orgs:
        key = _key((org.get("name"),))
        pred.setdefault(key, (org.get("name"),))
        aliases[key].update(dict.fromkeys(_key((alias,)) for alias in org.get("aliases") or []))
    claimed = {key for key in pred if key in gold}
    extra = []
    for key in pred:
        if key in claimed:
            continue
        alias = next((a for a in aliases[key] if a in gold and a not in claimed), None)
        if alias is None:
            extra.append(pred[key])
        else:
            claimed.add(alias)
    return [gold[k] for k in gold if k not in claimed], extra


def _name(value: Any) -> Any:
    """Gold lists some things as plain strings where predictions have records with a name."""
    return value.get("name") if isinstance(value, dict) else value


def _items(doc: dict[str, Any]) -> dict[str, list[Item]]:
    """The scored items of one document, from a gold file or a view of the prediction records."""
    dateline = doc.get("dateline") or {}
    people = doc.get("people") or []
    awards = doc.get("awards") or []
    return {
        "people": [(_name(p),) for p in people],
        "organizations": [(_name(o),) for o in doc.get("organizations") or []],
        "cities": [(_name(c),) for c in doc.get("cities") or []],
        "dateline_city": [(dateline["city"],)] if dateline.get("city") is not None else [],
        "dateline_date": [(dateline["date"],)] if dateline.get("date") is not None else [],
        "affiliations": [
            (_name(p), a.get("title"), a.get("organization"))
            for p in people
            for a in p.get("affiliations") or []
        ],
        "speeches": [(s.get("speaker"), s.get("title")) for s in doc.get("speeches") or []],
        "award_names": [(a.get("name"),) for a in awards],
        "award_winners": [(a.get("name"), _name(w)) for a in awards for w in a.get("winners") or []],
        "stated_counts": [
            (a.get("name"), a["stated_count"]) for a in awards if a.get("stated_count") is not None
        ],
    }


def _pred_view(files: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """One document's prediction records shaped like a gold file, so one function reads both."""
    documents = files.get("documents", [])
    return {
        "dateline": documents[0].get("dateline") if documents else None,
        **{stem: files.get(stem, []) for stem in PRED_FILES if stem != "documents"},
    }


def _load_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    if not gold_dir.is_dir():
        raise UserError(f"gold folder {gold_dir} does not exist: pass --gold a folder of <id>.json files")
    paths = sorted(gold_dir.glob("*.json"))
    if not paths:
        raise UserError(f"gold folder {gold_dir} has no .json files: pass --gold a folder of <id>.json files")
    gold: dict[str, dict[str, Any]] = {}
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise UserError(f"{path} is not valid UTF-8 JSON ({exc}): fix or remove the file") from exc
        if not isinstance(data, dict):
            raise UserError(f"{path} is not a JSON object: see GOLD_SPEC.md for the format")
        problem = _shape_problem(data)
        if problem:
            raise UserError(f"{path}: {problem}; see GOLD_SPEC.md for the format")
        gold[str(data.get("id") or path.stem)] = data
    return gold


_GOLD_LISTS = ("people", "organizations", "cities", "speeches", "awards")
_NESTED_LISTS = {"people": "affiliations", "awards": "winners"}


def _shape_problem(data: dict[str, Any]) -> str | None:
    """What in a gold file is not of the type the scorer reads, if anything: a string where a list
    belongs would otherwise be scored letter by letter."""
    if not isinstance(data.get("dateline") or {}, dict):
        return '"dateline" must be an object or null'
    for key in _GOLD_LISTS:
        value = data.get(key) or []
        if not isinstance(value, list):
            return f'"{key}" must be a list, not {type(value).__name__}'
        for item in value:
            if not isinstance(item, dict | str):
                return f'each of "{key}" must be an object or a name, not {type(item).__name__}'
            nested = item.get(_NESTED_LISTS.get(key, "")) if isinstance(item, dict) else None
            if nested is not None and not (
                isinstance(nested, list) and all(isinstance(n, dict | str) for n in nested)
            ):
                return f'"{_NESTED_LISTS[key]}" of each of "{key}" must be a list of objects'
    return None


def _load_pred(pred_dir: Path) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """doc_id -> output file stem -> records; a missing file counts as empty."""
    if not pred_dir.is_dir():
        raise UserError(
            f"prediction folder {pred_dir} does not exist: run `python -m pipeline extract --out {pred_dir}`"
            " first or pass --pred an output folder"
        )
    by_doc: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for stem in PRED_FILES:
        for record in read_records(pred_dir / f"{stem}.jsonl"):
            by_doc[str(record.get("doc_id"))][stem].append(record)
    return by_doc

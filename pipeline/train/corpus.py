"""training/annotations.jsonl -> spaCy DocBins: a fixed held-out tenth for spaCy's own scoring, and a
training part that can be cut to a share of the releases for the learning curve."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

from pipeline.extractors.blocks import find_blocks
from pipeline.parsing import pieces

# The model's label for each annotated type. Cities are trained as GPE, the label en_core_web_sm gives all
# places: the entities stage tells a city from a country or state with its knowledge, as before, and the
# model keeps what it knew of places the training set has few of. TITLE spans stay for later stages.
NER_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "CITY": "GPE"}
# Countries, states and regions are not annotated (GOLD_SPEC lists cities only). So that the model does not
# learn them as "outside" and forget them, the base model's GPE spans that no annotation touches are kept.
REHEARSED = ("GPE",)
PIECE_CHARS = 3_000  # smaller examples shuffle better; cut at blank lines, where no name runs on
HELD_OUT_EVERY = 10
Record = dict[str, Any]


def _rank(doc_id: str) -> str:
    return hashlib.sha256(doc_id.encode()).hexdigest()


def read_annotations(path: Path) -> list[Record]:
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def split(records: list[Record], share: float = 1.0) -> tuple[list[Record], list[Record]]:
    """(train, held out): a release is held out when its id's hash says so (one in ten), so releases
    added later never move one between the parts and models trained before and after compare on the
    same held-out releases; `share` keeps the first part of the rest in hash order, so a smaller share
    is always a subset of a larger one."""
    ranked = sorted(records, key=lambda r: _rank(r["id"]))
    held_out = [r for r in ranked if _held_out(r["id"])]
    rest = [r for r in ranked if not _held_out(r["id"])]
    return rest[: round(len(rest) * share)], held_out


def _held_out(doc_id: str) -> bool:
    return int(_rank(doc_id), 16) % HELD_OUT_EVERY == 0


def release_part(text: str) -> str:
    """The text before an archive copy's trailing link block: GOLD_SPEC does not annotate that block,
    and annotators read its pickups and "Reddit" lines differently."""
    return text[: find_blocks(text).trailer_start]


def to_docs(nlp: Language, record: Record, base: Language | None = None) -> tuple[list[Doc], int]:
    """The release as Docs of about PIECE_CHARS characters with its entities, plus the `base` model's
    rehearsed spans where no annotation is; a span that does not fall on token edges leaves its tokens
    unknown (not "outside"), so it teaches nothing wrong. Returns the docs and how many spans were left
    unknown."""
    docs, unaligned, offset = [], 0, 0
    for piece in pieces(release_part(record["text"]), PIECE_CHARS):
        doc = nlp.make_doc(piece)
        annotated = [(s - offset, e - offset, label) for s, e, label in record["spans"]]
        annotated = [(s, e, label) for s, e, label in annotated if s >= 0 and e <= len(piece)]
        ents = _rehearsed(base, piece, annotated, doc) if base is not None else []
        missing: list[Span] = []
        for start, end, label in annotated:
            if label not in NER_LABELS:
                continue
            span = doc.char_span(start, end, label=NER_LABELS[label])
            if span is None:
                unaligned += 1
                loose = doc.char_span(start, end, alignment_mode="expand")
                if loose is not None:
                    missing.append(loose)
            else:
                ents.append(span)
        doc.set_ents(_without_overlaps(ents), missing=_without_overlaps(missing), default="outside")
        docs.append(doc)
        offset += len(piece)
    return docs, unaligned


def _rehearsed(base: Language, piece: str, annotated: list[tuple[int, int, str]], doc: Doc) -> list[Span]:
    """The base model's spans of the rehearsed labels that touch no annotated span of any type."""
    kept = []
    for ent in base(piece).ents:
        if ent.label_ not in REHEARSED:
            continue
        if any(ent.start_char < e and s < ent.end_char for s, e, _ in annotated):
            continue
        span = doc.char_span(ent.start_char, ent.end_char, label=ent.label_)
        if span is not None:
            kept.append(span)
    return kept


def _without_overlaps(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -len(s))):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def write_docbin(nlp: Language, records: list[Record], path: Path, base: Language | None = None) -> int:
    """Write the records' docs to `path`; returns the number of spans left unknown."""
    docbin, unaligned = DocBin(attrs=["ENT_IOB", "ENT_TYPE"]), 0
    for record in records:
        docs, lost = to_docs(nlp, record, base)
        unaligned += lost
        for doc in docs:
            docbin.add(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(path)
    return unaligned

"""Fingerprints of the stages: a hash of each stage's code and of the knowledge files it reads.

A stage's version says when its behaviour changed; `stage_fingerprints.json` (committed) records the
fingerprint each version had, so a test fails when a stage's code or knowledge changed and its version
did not. `python -m pipeline.fingerprints` (`make stage-fingerprints`) records a new version.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

from . import extractors
from .extractors.types import Stage

PACKAGE = Path(__file__).resolve().parent
RECORD = PACKAGE / "stage_fingerprints.json"
# words("titles"), patterns("award_names"), entries("number_words")
_KNOWLEDGE_CALL = re.compile(r"\b(?:words|entries|patterns)\(\s*\"(?P<name>[a-z_]+)\"")
_KNOWLEDGE_IMPORT = re.compile(r"from \.+knowledge import (?P<names>[^\n]+)")
_BY_NAME = frozenset({"words", "entries", "patterns", "census_names", "is_common_word"})
_SIBLING_IMPORT = re.compile(r"^from \.\.?(?P<module>[a-z_]+) import", re.MULTILINE)


def stage_sources(stage: Stage) -> list[Path]:
    """The code of a stage: its module or package, and the shared helper modules it imports
    (spans, tags, blocks, types), not other stages."""
    extractors_dir = PACKAGE / "extractors"
    package = extractors_dir / stage.name
    own = sorted(package.glob("*.py")) if package.is_dir() else [package.with_suffix(".py")]
    stages = {s.name for s in extractors.STAGES}
    helpers = {
        extractors_dir / f"{m}.py"
        for source in own
        for m in _SIBLING_IMPORT.findall(source.read_text(encoding="utf-8"))
        if m not in stages and (extractors_dir / f"{m}.py").exists()
    }
    return [*own, *sorted(helpers - set(own))]


def knowledge_files(sources: list[Path]) -> list[Path]:
    """The knowledge files a stage's code names (words("x"), patterns("x") and the word lists those
    patterns refer to); a loader imported by name (legal suffixes, places) brings the folder's own files."""
    knowledge = PACKAGE / "knowledge"
    found: set[Path] = set()
    for source in sources:
        code = source.read_text(encoding="utf-8")
        for name in (m.group("name") for m in _KNOWLEDGE_CALL.finditer(code)):
            found.update(
                p
                for p in (knowledge / "words" / f"{name}.txt", knowledge / "patterns" / f"{name}.jsonl")
                if p.exists()
            )
        imported = {
            n.strip(" ()") for m in _KNOWLEDGE_IMPORT.finditer(code) for n in m.group("names").split(",")
        }
        if imported - _BY_NAME - {""}:
            found.update(p for p in knowledge.iterdir() if p.is_file() and p.suffix in {".txt", ".tsv"})
    for pattern_file in [p for p in found if p.suffix == ".jsonl"]:
        for name in re.findall(r'"@([a-z_]+)"', pattern_file.read_text(encoding="utf-8")):
            if (knowledge / "words" / f"{name}.txt").exists():
                found.add(knowledge / "words" / f"{name}.txt")
    return sorted(found)


def fingerprint(stage: Stage) -> str:
    sources = stage_sources(stage)
    digest = hashlib.sha256()
    for path in [*sources, *knowledge_files(sources)]:
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def current() -> dict[str, str]:
    return {stage.id: fingerprint(stage) for stage in extractors.STAGES}


def recorded() -> dict[str, str]:
    return dict(json.loads(RECORD.read_text(encoding="utf-8"))) if RECORD.exists() else {}


def main(argv: list[str] | None = None) -> int:
    """Record the fingerprint of every stage version in the registry. A version already recorded with
    another fingerprint is refused (its behaviour would change silently) unless --force is given, for a
    version not yet released."""
    force = "--force" in (sys.argv[1:] if argv is None else argv)
    old, new = recorded(), current()
    changed = [sid for sid, value in new.items() if sid in old and old[sid] != value]
    if changed and not force:
        print(f"Error: {', '.join(changed)} changed: bump the version in pipeline/extractors/__init__.py")
        return 1
    RECORD.write_text(json.dumps(dict(sorted({**old, **new}.items())), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RECORD}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Readers: turn .txt, .md, .html and .jsonl inputs into `Release`s, or `Reject`s for what cannot be read.

Every offset in the dataset refers to `Release.text`, so decoding and normalisation happen here once.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from charset_normalizer import from_bytes
from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipeline.errors import ReadError, UserError
from pipeline.models import Reject, Release

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
HTML_SUFFIXES = (".html", ".htm")
STAGE = "read"

# Checked longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xfe\xff", "utf-16"),
    (b"\xff\xfe", "utf-16"),
)
# JSON may escape half of a UTF-16 pair ("\ud800"), which no UTF-8 file can hold; one character for
# one keeps every offset.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_SNIFF_CHARS = 1024
_MAX_CONTROL_SHARE = 0.1
_ALLOWED_CONTROLS = frozenset("\t\n\v\f\r")
_BINARY = "The file looks like binary data, not text."

_DROPPED_TAGS = ("script", "style", "noscript", "template", "head")
_BLOCK_TAG_NAMES = (
    "p div section article header footer main nav aside address body html h1 h2 h3 h4 h5 h6 blockquote "
    "pre hr figure figcaption details summary ul ol li dl dt dd table caption tr form fieldset"
)
_BLOCK_TAGS = frozenset(_BLOCK_TAG_NAMES.split())
_CELL_TAGS = frozenset(("td", "th"))
_PARAGRAPH = "\n\n"
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_BLANK_RUN = re.compile(r"\n{3,}")


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to normalised text and the encoding used; ReadError if it is not text."""
    text, encoding = _decode_raw(data)
    sample = text[:_SNIFF_CHARS]
    controls = sum(1 for ch in sample if (ch < " " or ch == "\x7f") and ch not in _ALLOWED_CONTROLS)
    if _nul_heavy(sample) or controls > _MAX_CONTROL_SHARE * len(sample):
        raise ReadError(_BINARY)
    return normalise(text), encoding


def _nul_heavy(sample: str) -> bool:
    """More than 1% NULs: binary data or UTF-16 without a BOM. A stray NUL in text is kept as it is."""
    return sample.count("\x00") > max(1, len(sample) // 100)


def _decode_raw(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise ReadError(
                    f"The file starts with a {encoding} byte-order mark but is not valid {encoding}."
                ) from exc
    try:
        text = data.decode("utf-8")
        if not _nul_heavy(text[:_SNIFF_CHARS]):  # many NULs mean binary, or UTF-16 without a BOM
            return text, "utf-8"
    except UnicodeDecodeError:
        pass
    # Non-UTF-8 press releases are nearly always Windows-1252; charset_normalizer still refuses cp1252
    # when it makes a mess of text written in another code page (Cyrillic, Polish...).
    match = from_bytes(data, cp_isolation=["cp1252"]).best() or from_bytes(data).best()
    if match is None:
        if b"\x00" in data[:_SNIFF_CHARS]:
            raise ReadError(_BINARY)
        raise ReadError(
            "The file is not UTF-8 and its text encoding could not be recognised; re-save it as UTF-8."
        )
    return str(match), match.encoding.replace("_", "-")


def normalise(text: str) -> str:
    """Drop a leading BOM and turn CRLF / CR into LF; nothing else, so offsets stay simple."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one blank line between blocks; never raises on bad markup."""
    tree = LexborHTMLParser(html)
    for node in tree.css(", ".join(_DROPPED_TAGS)):
        node.decompose()
    parts: list[str] = []
    # An explicit stack instead of recursion: deeply nested junk HTML must not hit the recursion limit.
    stack: list[tuple[LexborNode, bool]] = [(tree.root, False)] if tree.root is not None else []
    while stack:
        node, leaving = stack.pop()
        tag = node.tag or ""
        if leaving:
            parts.append(_PARAGRAPH if tag in _BLOCK_TAGS else " ")
            continue
        if tag == "-text":
            parts.append(_HTML_SPACE.sub(" ", node.text_content or ""))
        elif tag == "br":
            parts.append("\n")
        elif not tag.startswith("-"):  # skip comments and doctype
            if tag in _BLOCK_TAGS or tag in _CELL_TAGS:
                parts.append(_PARAGRAPH if tag in _BLOCK_TAGS else " ")
                stack.append((node, True))
            children = list(node.iter(include_text=True))
            stack.extend((child, False) for child in reversed(children))
    lines = [_HTML_SPACE.sub(" ", line).strip(" ") for line in "".join(parts).split("\n")]
    text = "\n".join("" if line.isspace() else line for line in lines)
    return normalise(_BLANK_RUN.sub("\n\n", text).strip("\n"))


def count_releases(paths: Sequence[Path]) -> int:
    """About how many releases `iter_inputs` will yield (a JSONL line counts as one), for a progress
    bar's ETA; cheap: no decoding, no parsing."""
    total = 0
    for root in paths:
        files = [root] if root.is_file() else [Path(d, f) for d, _, names in os.walk(root) for f in names]
        for path in files:
            if path.suffix.lower() == ".jsonl":
                with contextlib.suppress(OSError), open(path, "rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            elif path.suffix.lower() in SUPPORTED_SUFFIXES and not path.name.startswith("."):
                total += 1
    return total


def iter_inputs(paths: Sequence[Path]) -> Iterator[Release | Reject]:
    """Releases and read rejects for files and folders, in a deterministic order.

    Missing paths raise UserError here, before anything is read, since they are the user's mistake.
    """
    for path in paths:
        if not os.path.lexists(path):
            raise UserError(f"{path}: no such file or folder")
    return _iter_releases(paths)


def _iter_releases(paths: Sequence[Path]) -> Iterator[Release | Reject]:
    first_source: dict[str, str] = {}
    for path in paths:
        for item in _iter_path(Path(path)):
            if isinstance(item, Release):
                if item.doc_id in first_source:
                    first = first_source[item.doc_id]
                    yield _reject(
                        item.doc_id,
                        item.source,
                        f"Duplicate doc_id {item.doc_id!r}: the first one, read from {first}, wins.",
                    )
                    continue
                first_source[item.doc_id] = item.source
            yield item


def _iter_path(path: Path) -> Iterator[Release | Reject]:
    if path.is_dir():
        for relative, file, listable in _walk(path):
            source = _printable((path / relative).as_posix())
            if listable:
                yield from _read_file(file, source)
            else:
                unlisted = "Cannot list this folder; check its permissions."
                yield _reject(_printable(file.name), source, unlisted)
    else:
        yield from _read_file(path, _printable(path.as_posix()))


def _printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by Python as lone surrogates, which no JSON
    writer accepts) are written as backslash escapes, "bad\\xff.txt"."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _walk(root: Path) -> Iterator[tuple[str, Path, bool]]:
    """(relative path, path, listable) under root, sorted by relative POSIX path; hidden entries skipped.

    Each real folder is listed once, so a symlink pointing back up the tree cannot loop forever.
    """
    found: list[tuple[str, Path, bool]] = []
    seen_dirs: set[str] = set()
    pending = [root]
    while pending:
        folder = pending.pop()
        real = os.path.realpath(folder)
        if real in seen_dirs:
            continue
        seen_dirs.add(real)
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            found.append((folder.relative_to(root).as_posix(), folder, False))
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            child = Path(entry.path)
            if entry.is_dir():
                subfolders.append(child)
            else:
                found.append((child.relative_to(root).as_posix(), child, True))
        # Reversed onto the stack so folders are visited in name order: when two links reach the same
        # real folder, the same one wins on every run.
        pending.extend(reversed(subfolders))
    yield from sorted(found, key=lambda item: item[0])


def _read_file(path: Path, source: str) -> Iterator[Release | Reject]:
    doc_id = _printable(path.stem)
    suffix = path.suffix.lower()
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            yield _reject(doc_id, source, "Not a regular file; pass files or folders of releases.")
            return
    except OSError as exc:
        yield _reject(doc_id, source, f"Cannot read this file ({exc.strerror or exc}).")
        return
    if suffix not in SUPPORTED_SUFFIXES:
        shown = f"'{suffix}'" if suffix else "(no extension)"
        supported = ", ".join(SUPPORTED_SUFFIXES)
        yield _reject(doc_id, source, f"Unsupported file type {shown}; supported types are {supported}.")
        return
    if suffix == ".jsonl":
        yield from _read_jsonl(path, source)
        return
    try:
        text, encoding = decode(path.read_bytes())
    except OSError as exc:
        yield _reject(doc_id, source, f"Cannot read this file ({exc.strerror or exc}).")
        return
    except ReadError as exc:
        yield _reject(doc_id, source, str(exc))
        return
    if suffix in HTML_SUFFIXES:
        text = html_to_text(text)
    yield _release_or_reject(doc_id, source, text, encoding)


def _read_jsonl(path: Path, source: str) -> Iterator[Release | Reject]:
    """One release per line, streamed so a huge file is never held in memory."""
    try:
        with path.open("rb") as lines:
            for number, raw in enumerate(lines, start=1):
                yield from _read_jsonl_line(raw, f"{source}:{number}", f"{path.stem}:{number}", number)
    except OSError as exc:
        yield _reject(path.stem, source, f"Cannot read this file ({exc.strerror or exc}).")


def _read_jsonl_line(raw: bytes, source: str, fallback_id: str, number: int) -> Iterator[Release | Reject]:
    if number == 1:
        raw = raw.removeprefix(b"\xef\xbb\xbf")
    if not raw.strip():
        return
    try:
        item = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        yield _reject(fallback_id, source, f"Line {number} is not UTF-8, which JSON Lines requires.")
        return
    except json.JSONDecodeError as exc:
        yield _reject(fallback_id, source, f"Line {number} is not valid JSON ({exc.msg}).")
        return
    if not isinstance(item, dict):
        yield _reject(
            fallback_id, source, f'Line {number} is not a JSON object like {{"id": ..., "text": ...}}.'
        )
        return
    if item.get("id") is None:
        yield _reject(fallback_id, source, f'Line {number} has no "id" field.')
        return
    doc_id, _ = _LONE_SURROGATE.subn("\ufffd", str(item["id"]))
    body = item.get("text", item.get("html"))
    if not isinstance(body, str):
        yield _reject(doc_id, source, f'Line {number} has no "text" or "html" string.')
        return
    body, replaced = _LONE_SURROGATE.subn("\ufffd", body)
    text = normalise(body) if "text" in item else html_to_text(normalise(body))
    encoding = f"utf-8 ({replaced} unpaired surrogate escapes replaced by U+FFFD)" if replaced else "utf-8"
    yield _release_or_reject(doc_id, source, text, encoding)


def _release_or_reject(doc_id: str, source: str, text: str, encoding: str) -> Release | Reject:
    if not text.strip():
        return _reject(doc_id, source, "The document has no text: it is empty or only whitespace.")
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Release(doc_id=doc_id, source=source, text=text, sha256=sha256, encoding=encoding)


def _reject(doc_id: str, source: str, error: str) -> Reject:
    return Reject(doc_id=doc_id, source=source, stage=STAGE, error=error)

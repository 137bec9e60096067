"""Readers: turn .txt, .md, .html and .jsonl inputs into `Release`s, or `Reject`s for what cannot be read.

Every offset in the dataset refers to `Release.text`, so decoding and normalisation happen here once.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from charset_normalizer import from_bytes
from selectolax.lexbor import LexborHTMLParser, LexborNode

from pipeline.errors import ReadError, UserError
from pipeline.models import Reject, Release
from pipeline.settings import DEFAULT_MAX_CHARS

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
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")  # control characters but tab, LF, VT, FF, CR
_BINARY = "The file looks like binary data, not text."

_DROPPED_TAGS = ("script", "style", "noscript", "template", "head")
_BLOCK_TAG_NAMES = (
    "p div section article header footer main nav aside address body html h1 h2 h3 h4 h5 h6 blockquote "
    "pre hr figure figcaption details summary ul ol li dl dt dd table caption tr form fieldset"
)
_BLOCK_TAGS = frozenset(_BLOCK_TAG_NAMES.split())
_CELL_TAGS = frozenset(("td", "th"))
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
_VOID_TAGS = "area base br col embed hr img input link meta source track wbr"
_SELF_CLOSING_TAGS = "p li dt dd tr td th thead tbody tfoot option optgroup rb rt rp colgroup"
_NOT_NESTING = frozenset(f"{_VOID_TAGS} {_SELF_CLOSING_TAGS}".split())
MAX_HTML_DEPTH = 5_000
_PARAGRAPH = "\n\n"
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_BLANK_RUN = re.compile(r"\n{3,}")


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes to normalised text and the encoding used; ReadError if it is not text.

    The whole text is checked, not its start: a page of text followed by 200 KB of NULs is binary."""
    text, encoding = _decode_raw(data)
    if _nul_heavy(text) or _CONTROLS.subn("", text)[1] > _MAX_CONTROL_SHARE * len(text):
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
    """The visible text of an HTML page, one blank line between blocks; ReadError for markup nested so
    deep that parsing it would take minutes (the parser's time grows with the square of the depth)."""
    depth = nesting_depth(html)
    if depth > MAX_HTML_DEPTH:
        raise ReadError(
            f"The HTML nests elements {depth:,} deep, over the limit of {MAX_HTML_DEPTH:,}; "
            "it is not a page a parser can read in reasonable time."
        )
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


def nesting_depth(html: str) -> int:
    """How deep the page's elements nest, estimated in one pass over its tags: void elements and those
    HTML closes by itself (p, li, td...) do not count, so unclosed ones cannot inflate the estimate."""
    depth = deepest = 0
    for closing, name in _TAG.findall(html):
        name = name.lower()
        if name in _NOT_NESTING:
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


@dataclass(frozen=True)
class ReadPolicy:
    """What a run agrees to read. Inputs under `skip` (the run's own --out) are never read back; links
    leading out of the folder given are followed only when asked; no release is read into memory that
    is larger than a text of `max_chars` characters can be."""

    skip: Path | None = None
    follow_symlinks: bool = False
    max_chars: int = DEFAULT_MAX_CHARS

    @property
    def max_bytes(self) -> int:
        """4 bytes a character in UTF-8 or UTF-32, up to 12 in JSON escapes; HTML markup gets as much."""
        return 12 * self.max_chars


def count_releases(paths: Sequence[Path], policy: ReadPolicy | None = None) -> int:
    """About how many releases `iter_inputs` will yield (a JSONL line counts as one), for a progress
    bar's ETA; cheap: nothing decoded, and only regular files opened (a FIFO would block for ever, a
    link to /dev/zero never end)."""
    policy = policy or ReadPolicy()
    total = 0
    for path in paths:
        if str(path) == STDIN:
            continue
        files = [file for _, file, listable in _walk(path, policy) if listable] if path.is_dir() else [path]
        for file in files:
            suffix = file.suffix.lower()
            if suffix not in SUPPORTED_SUFFIXES or not _is_regular(file):
                continue
            if suffix == ".jsonl":
                with contextlib.suppress(OSError), open(file, "rb") as handle:
                    total += sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))
            else:
                total += 1
    return total


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def iter_inputs(paths: Sequence[Path], policy: ReadPolicy | None = None) -> Iterator[Release | Reject]:
    """Releases and read rejects for files and folders, in a deterministic order.

    Missing paths, and inputs inside the run's own output folder, raise UserError here, before anything
    is read, since they are the user's mistake.
    """
    policy = policy or ReadPolicy()
    if sum(str(path) == STDIN for path in paths) > 1:
        raise UserError("- (stdin) is given more than once; it can be read only once")
    for path in paths:
        if str(path) == STDIN:
            continue
        if not os.path.lexists(path):
            raise UserError(f"{path}: no such file or folder")
        if policy.skip is not None and _inside(Path(path), policy.skip):
            raise UserError(f"{path} is inside the output folder {policy.skip}; its files are not releases")
    return _iter_releases(paths, policy)


def _inside(path: Path, folder: Path) -> bool:
    """Whether `path` is `folder` or under it, links resolved."""
    real, container = os.path.realpath(path), os.path.realpath(folder)
    return real == container or real.startswith(container.rstrip(os.sep) + os.sep)


def _iter_releases(paths: Sequence[Path], policy: ReadPolicy) -> Iterator[Release | Reject]:
    first_source: dict[str, str] = {}
    for path in paths:
        for item in _iter_path(Path(path), policy):
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


def _iter_path(path: Path, policy: ReadPolicy) -> Iterator[Release | Reject]:
    if str(path) == STDIN:
        yield from _read_stdin(sys.stdin.buffer, policy)
    elif path.is_dir():
        for relative, file, listable in _walk(path, policy):
            source = _printable((path / relative).as_posix())
            if _leads_out(file, path, policy):
                yield _reject(_printable(file.stem), source, _OUTSIDE_LINK)
            elif listable:
                yield from _read_file(file, source, policy)
            else:
                unlisted = "Cannot list this folder; check its permissions."
                yield _reject(_printable(file.name), source, unlisted)
    else:
        yield from _read_file(path, _printable(path.as_posix()), policy)


_OUTSIDE_LINK = (
    "A symbolic link to a place outside the input folder; not followed (pass --follow-symlinks to read it)."
)


def _leads_out(path: Path, root: Path, policy: ReadPolicy) -> bool:
    """A symbolic link out of the input folder that the policy does not follow."""
    return path.is_symlink() and not policy.follow_symlinks and not _inside(path, root)


def _printable(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by Python as lone surrogates, which no JSON
    writer accepts) are written as backslash escapes, "bad\\xff.txt"."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _walk(root: Path, policy: ReadPolicy) -> Iterator[tuple[str, Path, bool]]:
    """(relative path, path, listable) under root, sorted by relative POSIX path; hidden entries skipped,
    and the output folder's. A link to a folder outside root is listed as an entry, not entered, unless
    the policy follows links.

    Each real folder is listed once, so a symlink pointing back up the tree cannot loop forever.
    """
    found: list[tuple[str, Path, bool]] = []
    seen_dirs: set[str] = set()
    pending = [root]
    while pending:
        folder = pending.pop()
        real = os.path.realpath(folder)
        if real in seen_dirs or (policy.skip is not None and _inside(folder, policy.skip)):
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
            if entry.is_dir() and not _leads_out(child, root, policy):
                subfolders.append(child)
            else:
                found.append((child.relative_to(root).as_posix(), child, True))
        # Reversed onto the stack so folders are visited in name order: when two links reach the same
        # real folder, the same one wins on every run.
        pending.extend(reversed(subfolders))
    yield from sorted(found, key=lambda item: item[0])


def _read_file(path: Path, source: str, policy: ReadPolicy) -> Iterator[Release | Reject]:
    doc_id = _printable(path.stem)
    suffix = path.suffix.lower()
    try:
        status = path.stat()
    except OSError as exc:
        yield _reject(doc_id, source, f"Cannot read this file ({exc.strerror or exc}).")
        return
    if not stat.S_ISREG(status.st_mode):
        yield _reject(doc_id, source, "Not a regular file; pass files or folders of releases.")
        return
    if suffix not in SUPPORTED_SUFFIXES:
        shown = f"'{suffix}'" if suffix else "(no extension)"
        supported = ", ".join(SUPPORTED_SUFFIXES)
        yield _reject(doc_id, source, f"Unsupported file type {shown}; supported types are {supported}.")
        return
    if suffix == ".jsonl":
        yield from _read_jsonl(path, source, policy)
        return
    if status.st_size > policy.max_bytes:
        yield _too_large(doc_id, source, "file", status.st_size, policy)
        return
    try:
        text, encoding = decode(path.read_bytes())
        if suffix in HTML_SUFFIXES:
            text = html_to_text(text)
    except OSError as exc:
        yield _reject(doc_id, source, f"Cannot read this file ({exc.strerror or exc}).")
        return
    except ReadError as exc:
        yield _reject(doc_id, source, str(exc))
        return
    yield _release_or_reject(doc_id, source, text, encoding)


STDIN = "-"


def _read_stdin(stream: BinaryIO, policy: ReadPolicy) -> Iterator[Release | Reject]:
    """`-` as an input: JSON Lines when the first thing on stdin (after a BOM and blank space) is "{",
    else one text release with doc_id "stdin"; read exactly as a file with the same bytes would be
    (nothing consumed to decide), never more than a release may hold."""
    head = stream.read1(_STDIN_HEAD) if hasattr(stream, "read1") else stream.read(_STDIN_HEAD)
    replay = io.BufferedReader(_Replay(head, stream))
    if head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{"):
        yield from _jsonl_lines(replay, STDIN, "stdin", policy)
        return
    data = replay.read(policy.max_bytes + 1)
    if len(data) > policy.max_bytes:
        rest = sum(len(chunk) for chunk in iter(lambda: replay.read(1 << 20), b""))
        yield _too_large("stdin", STDIN, "input", len(data) + rest, policy)
        return
    try:
        text, encoding = decode(data)
    except ReadError as exc:
        yield _reject("stdin", STDIN, str(exc))
        return
    yield _release_or_reject("stdin", STDIN, text, encoding)


_STDIN_HEAD = 1 << 16


class _Replay(io.RawIOBase):
    """A stream that gives `head` again, then the rest of `stream`: stdin cannot seek back."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self.head = head
        self.stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self.head[: len(buffer)] if self.head else self.stream.read(len(buffer))
        self.head = self.head[len(chunk) :] if self.head else b""
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _too_large(doc_id: str, source: str, what: str, size: int, policy: ReadPolicy) -> Reject:
    return Reject(
        doc_id=doc_id,
        source=source,
        stage="limits",
        error=f"The {what} has {size:,} bytes, more than a release within --max-chars "
        f"{policy.max_chars:,} can take ({policy.max_bytes:,}); not read (raise --max-chars to read it).",
    )


def _read_jsonl(path: Path, source: str, policy: ReadPolicy) -> Iterator[Release | Reject]:
    """One release per line, streamed so a huge file is never held in memory, nor a huge line."""
    try:
        with path.open("rb") as lines:
            yield from _jsonl_lines(lines, source, path.stem, policy)
    except OSError as exc:
        yield _reject(path.stem, source, f"Cannot read this file ({exc.strerror or exc}).")


def _jsonl_lines(handle: BinaryIO, source: str, stem: str, policy: ReadPolicy) -> Iterator[Release | Reject]:
    """The releases and rejects of a JSON Lines stream; line N is `source:N`, and `stem:N` its doc_id
    where the line gives none."""
    for number, (raw, size) in enumerate(_bounded_lines(handle, policy.max_bytes), start=1):
        line_source, fallback_id = f"{source}:{number}", f"{stem}:{number}"
        if raw is None:
            yield _too_large(fallback_id, line_source, f"line {number}", size, policy)
        else:
            yield from _read_jsonl_line(raw, line_source, fallback_id, number)


def _bounded_lines(handle: BinaryIO, limit: int) -> Iterator[tuple[bytes | None, int]]:
    """Each line with its size; a line over `limit` bytes as (None, its size), read past in chunks."""
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line, len(line)
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = handle.readline(1 << 20)
            if not line:
                break
            size += len(line)
        yield None, size


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
    if "id" not in item:
        yield _reject(fallback_id, source, f'Line {number} has no "id" field.')
        return
    doc_id = _doc_id(item["id"])
    if doc_id is None:
        shown = json.dumps(item["id"])[:40]
        error = f'Line {number} has an "id" that is neither a string nor a whole number ({shown}).'
        yield _reject(fallback_id, source, error)
        return
    body = item.get("text", item.get("html"))
    if not isinstance(body, str):
        yield _reject(doc_id, source, f'Line {number} has no "text" or "html" string.')
        return
    body, replaced = _LONE_SURROGATE.subn("\ufffd", body)
    try:
        text = normalise(body) if "text" in item else html_to_text(normalise(body))
    except ReadError as exc:
        yield _reject(doc_id, source, str(exc))
        return
    encoding = f"utf-8 ({replaced} unpaired surrogate escapes replaced by U+FFFD)" if replaced else "utf-8"
    yield _release_or_reject(doc_id, source, text, encoding)


def _doc_id(value: object) -> str | None:
    """A JSONL id as text: a string as given, a whole number in decimals (42 and "42" are then one id,
    and the second is rejected as a duplicate); True, 1.5, lists and objects have no faithful text."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _release_or_reject(doc_id: str, source: str, text: str, encoding: str) -> Release | Reject:
    if not text.strip():
        return _reject(doc_id, source, "The document has no text: it is empty or only whitespace.")
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Release(doc_id=doc_id, source=source, text=text, sha256=sha256, encoding=encoding)


def _reject(doc_id: str, source: str, error: str) -> Reject:
    return Reject(doc_id=doc_id, source=source, stage=STAGE, error=error)

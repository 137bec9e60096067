"""Readers: every input format becomes a Release, anything unreadable a Reject, never an exception."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pytest

from pipeline.errors import ReadError, UserError
from pipeline.models import Reject, Release
from pipeline.readers import SUPPORTED_SUFFIXES, decode, html_to_text, iter_inputs

LAUNCH = "Harbor Lights Ltd opened a ferry terminal in Tidewater on Monday."


def read_all(*paths: Path) -> list[Release | Reject]:
    return list(iter_inputs(list(paths)))


def only(items: list[Release | Reject]) -> Release | Reject:
    assert len(items) == 1, items
    return items[0]


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "content", "expected_text"),
    [
        pytest.param("launch.txt", LAUNCH, LAUNCH, id="txt-as-is"),
        pytest.param(
            "notes.md",
            "# Ferry news\n\n**Bold** claim.\n",
            "# Ferry news\n\n**Bold** claim.\n",
            id="md-keeps-syntax",
        ),
        pytest.param("page.html", f"<html><body><p>{LAUNCH}</p></body></html>", LAUNCH, id="html"),
        pytest.param("page.htm", "<p>Short &amp; sweet.</p>", "Short & sweet.", id="htm-entities"),
        pytest.param("upper.TXT", LAUNCH, LAUNCH, id="suffix-case-insensitive"),
    ],
)
def test_each_file_format_becomes_a_release(
    tmp_path: Path, name: str, content: str, expected_text: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    release = only(read_all(path))
    assert isinstance(release, Release)
    assert release.text == expected_text
    assert release.doc_id == path.stem
    assert release.source == path.as_posix()
    assert release.encoding == "utf-8"
    assert release.sha256 == hashlib.sha256(expected_text.encode("utf-8")).hexdigest()


def test_jsonl_lines_become_releases_with_line_sources(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "batch.jsonl",
        [
            json.dumps({"id": "first", "text": "Line one text.\r\nSecond line."}),
            "",
            json.dumps({"id": 42, "html": "<p>Alpha</p><script>x()</script><p>Beta</p>"}),
        ],
    )
    first, second = read_all(path)
    assert isinstance(first, Release) and isinstance(second, Release)
    assert (first.doc_id, first.source, first.text) == (
        "first",
        f"{path.as_posix()}:1",
        "Line one text.\nSecond line.",
    )
    assert (second.doc_id, second.source, second.text) == ("42", f"{path.as_posix()}:3", "Alpha\n\nBeta")
    assert second.encoding == "utf-8"


@pytest.mark.parametrize(
    ("line", "error_part", "doc_id"),
    [
        pytest.param('{"id": "a", "text": ', "Line 2 is not valid JSON", "batch:2", id="broken-json"),
        pytest.param('{"text": "No id here."}', 'Line 2 has no "id"', "batch:2", id="missing-id"),
        pytest.param(
            '{"id": null, "text": "Null id."}',
            "neither a string nor a whole number (null)",
            "batch:2",
            id="null-id",
        ),
        pytest.param('{"id": "b"}', 'Line 2 has no "text" or "html"', "b", id="missing-text"),
        pytest.param('{"id": "c", "text": 7}', 'Line 2 has no "text" or "html"', "c", id="text-not-string"),
        pytest.param('["id", "text"]', "Line 2 is not a JSON object", "batch:2", id="not-an-object"),
        pytest.param('{"id": "d", "text": "  \\n "}', "empty or only whitespace", "d", id="blank-text"),
    ],
)
def test_bad_jsonl_line_is_rejected_and_other_lines_still_read(
    tmp_path: Path, line: str, error_part: str, doc_id: str
) -> None:
    good = json.dumps({"id": "ok", "text": LAUNCH})
    path = write_jsonl(tmp_path / "batch.jsonl", [good, line, json.dumps({"id": "ok2", "text": LAUNCH})])
    items = read_all(path)
    assert [type(item) for item in items] == [Release, Reject, Release]
    reject = items[1]
    assert isinstance(reject, Reject)
    assert error_part in reject.error
    assert (reject.doc_id, reject.source, reject.stage) == (doc_id, f"{path.as_posix()}:2", "read")


def test_jsonl_line_that_is_not_utf8_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b'{"id": "a", "text": "caf\xe9"}\n' + json.dumps({"id": "b", "text": LAUNCH}).encode())
    reject, release = read_all(path)
    assert isinstance(reject, Reject) and "Line 1 is not UTF-8" in reject.error
    assert isinstance(release, Release) and release.doc_id == "b"


def test_jsonl_unpaired_surrogate_escapes_become_replacement_characters(tmp_path: Path) -> None:
    # Valid JSON, but "\ud800" alone is no character: it cannot be hashed or written as UTF-8.
    line = '{"id": "half\\udc00", "text": "Jane Roe of Acme \\ud83d said hi \\ud83d\\ude00 today."}'
    path = write_jsonl(tmp_path / "batch.jsonl", [line, json.dumps({"id": "b", "text": LAUNCH})])
    release, other = read_all(path)
    assert isinstance(release, Release) and isinstance(other, Release)
    assert release.doc_id == "half\ufffd"
    assert release.text == "Jane Roe of Acme \ufffd said hi \U0001f600 today."  # a real pair stays one emoji
    assert release.encoding == "utf-8 (1 unpaired surrogate escapes replaced by U+FFFD)"
    release.text.encode("utf-8")


def test_folder_is_read_recursively_in_relative_path_order(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for relative in [
        "b.txt",
        "a/z.txt",
        "a/b/c.md",
        "a.html",
        "A.txt",
        ".hidden.txt",
        ".git/x.txt",
        "a/.cache/y.txt",
    ]:
        path = corpus / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Text of {relative}.", encoding="utf-8")
    sources = [item.source for item in read_all(corpus)]
    assert sources == [
        f"{corpus.as_posix()}/{relative}" for relative in ["A.txt", "a.html", "a/b/c.md", "a/z.txt", "b.txt"]
    ]


def test_explicit_paths_keep_their_given_order_and_spelling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    Path("in/one.txt").write_text("One.", encoding="utf-8")
    Path("zeta.txt").write_text("Zeta.", encoding="utf-8")
    items = read_all(Path("zeta.txt"), Path("in"))
    assert [(item.doc_id, item.source) for item in items] == [("zeta", "zeta.txt"), ("one", "in/one.txt")]


def test_explicit_hidden_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / ".draft.txt"
    path.write_text(LAUNCH, encoding="utf-8")
    assert isinstance(only(read_all(path)), Release)


@pytest.mark.parametrize(
    ("name", "data", "error_part"),
    [
        pytest.param("empty.txt", b"", "empty or only whitespace", id="empty"),
        pytest.param("blank.txt", b" \n\t\r\n  ", "empty or only whitespace", id="whitespace-only"),
        pytest.param("bom-only.txt", b"\xef\xbb\xbf", "empty or only whitespace", id="bom-only"),
        pytest.param(
            "blank.html",
            b"<html><head><title>T</title></head><body> </body></html>",
            "empty",
            id="html-no-text",
        ),
        pytest.param("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(600), "binary", id="binary-nul-bytes"),
        pytest.param("noise.txt", bytes(range(1, 32)) * 20, "binary", id="binary-control-chars"),
        pytest.param(
            "report.pdf", b"%PDF-1.7 not a release", "Unsupported file type '.pdf'", id="unsupported"
        ),
        pytest.param("README", b"No suffix at all.", "Unsupported file type (no extension)", id="no-suffix"),
    ],
)
def test_unreadable_file_is_rejected(tmp_path: Path, name: str, data: bytes, error_part: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    reject = only(read_all(path))
    assert isinstance(reject, Reject)
    assert error_part in reject.error
    assert (reject.doc_id, reject.source, reject.stage) == (path.stem, path.as_posix(), "read")


def test_unsupported_file_inside_a_folder_is_rejected_too(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    (tmp_path / "news.txt").write_text(LAUNCH, encoding="utf-8")
    reject, release = read_all(tmp_path)
    assert isinstance(reject, Reject) and "'.png'" in reject.error
    assert isinstance(release, Release)


def test_file_that_fails_to_read_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(LAUNCH, encoding="utf-8")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    # Patched rather than chmod-ed: the tests may run as root, who can read anything.
    monkeypatch.setattr(Path, "read_bytes", refuse)
    reject = only(read_all(path))
    assert isinstance(reject, Reject)
    assert reject.error == "Cannot read this file (Permission denied)."


def test_fifo_is_rejected_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    reject = only(read_all(fifo))
    assert isinstance(reject, Reject) and "Not a regular file" in reject.error


def test_jsonl_with_bom_and_crlf_lines(tmp_path: Path) -> None:
    path = tmp_path / "win.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "w1", "text": "One."}\r\n\r\n{"id": "w2", "text": "Two."}\r\n')
    items = read_all(path)
    assert [(item.doc_id, item.source) for item in items] == [
        ("w1", f"{path.as_posix()}:1"),
        ("w2", f"{path.as_posix()}:3"),
    ]


def test_broken_symlink_is_rejected(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    reject = only(read_all(link))
    assert isinstance(reject, Reject) and "Cannot read this file" in reject.error


def test_duplicate_doc_id_keeps_the_first_and_names_it(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "acme.txt").write_text("First copy.", encoding="utf-8")
    (tmp_path / "b" / "acme.html").write_text("<p>Second copy.</p>", encoding="utf-8")
    write_jsonl(tmp_path / "c.jsonl", [json.dumps({"id": "acme", "text": "Third copy."})])
    first, second, third = read_all(tmp_path)
    assert isinstance(first, Release) and first.text == "First copy."
    for later in (second, third):
        assert isinstance(later, Reject)
        assert later.doc_id == "acme"
        assert f"read from {tmp_path.as_posix()}/a/acme.txt" in later.error


def test_nonexistent_path_is_a_user_error_before_anything_is_read(tmp_path: Path) -> None:
    present = tmp_path / "here.txt"
    present.write_text(LAUNCH, encoding="utf-8")
    missing = tmp_path / "nowhere"
    with pytest.raises(UserError, match=f"^{re.escape(str(missing))}: no such file or folder$"):
        iter_inputs([present, missing])


def test_symlink_loop_terminates(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "inner").mkdir(parents=True)
    (corpus / "inner" / "note.txt").write_text(LAUNCH, encoding="utf-8")
    (corpus / "inner" / "loop").symlink_to(corpus, target_is_directory=True)
    (corpus / "self").symlink_to(corpus / "inner", target_is_directory=True)
    items = read_all(corpus)
    releases = [item for item in items if isinstance(item, Release)]
    assert [release.source for release in releases] == [f"{corpus.as_posix()}/inner/note.txt"]


@pytest.mark.parametrize(
    ("data", "expected_text", "expected_encoding"),
    [
        pytest.param(b"plain ascii", "plain ascii", "utf-8", id="ascii"),
        pytest.param("Zürich café".encode(), "Zürich café", "utf-8", id="utf8"),
        pytest.param(b"\xef\xbb\xbfwith bom", "with bom", "utf-8-sig", id="utf8-bom"),
        pytest.param("\ufeffsmall BOM".encode("utf-16-le"), "small BOM", "utf-16", id="utf16-le-bom"),
        pytest.param("\ufeffbig BOM".encode("utf-16-be"), "big BOM", "utf-16", id="utf16-be-bom"),
        pytest.param(b"one\r\ntwo\rthree\n", "one\ntwo\nthree\n", "utf-8", id="crlf-and-cr"),
        pytest.param(b"\xef\xbb\xbfa\r\n\r\nb", "a\n\nb", "utf-8-sig", id="bom-and-crlf"),
        pytest.param(
            "The mayor said “welcome aboard” – twice.".encode("cp1252"),
            "The mayor said “welcome aboard” – twice.",
            "cp1252",
            id="cp1252",
        ),
        pytest.param(b"  tabs\tand  spaces  ", "  tabs\tand  spaces  ", "utf-8", id="whitespace-kept"),
        pytest.param("e\u0301".encode(), "e\u0301", "utf-8", id="no-unicode-normalisation"),
    ],
)
def test_decode(data: bytes, expected_text: str, expected_encoding: str) -> None:
    assert decode(data) == (expected_text, expected_encoding)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(bytes(200), id="all-nul"),
        pytest.param(b"\xff\xfe\x00", id="odd-utf16"),
    ],
)
def test_decode_raises_read_error_for_non_text(data: bytes) -> None:
    with pytest.raises(ReadError):
        decode(data)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param("Ferry to Tidewater, “soon”.".encode("cp1252"), "cp1252", id="cp1252"),
        pytest.param("\ufeffFerry\r\nto Tidewater.".encode("utf-16"), "utf-16", id="utf16"),
    ],
)
def test_release_records_the_encoding_used(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(data)
    release = only(read_all(path))
    assert isinstance(release, Release)
    assert release.encoding == encoding
    assert "\r" not in release.text and not release.text.startswith("\ufeff")
    assert release.sha256 == hashlib.sha256(release.text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(
            "<html><head><title>Hidden title</title><style>p {color: red}</style></head>"
            "<body><script>alert('no')</script><p>Kept.</p><noscript>No JS</noscript></body></html>",
            "Kept.",
            id="script-style-head-dropped",
        ),
        pytest.param(
            "<h1>Headline</h1><p>First para.</p><div>Second para.</div>",
            "Headline\n\nFirst para.\n\nSecond para.",
            id="blocks-separated",
        ),
        pytest.param("<p>Line one<br>Line two</p>", "Line one\nLine two", id="br-newline"),
        pytest.param(
            "<p>Lots   of\n\t spaces <b>and</b>  <i>inline</i> tags</p>",
            "Lots of spaces and inline tags",
            id="inline-collapse",
        ),
        pytest.param("<p>A &amp; B &lt;C&gt; &eacute;</p>", "A & B <C> é", id="entities"),
        pytest.param("<p>One</p><p></p><p> </p><br><br><p>Two</p>", "One\n\nTwo", id="one-blank-line-max"),
        pytest.param("<ul><li>Red</li><li>Blue</li></ul>", "Red\n\nBlue", id="list-items"),
        pytest.param(
            "<table><tr><td>Q1</td><td>9%</td></tr><tr><td>Q2</td><td>7%</td></tr></table>",
            "Q1 9%\n\nQ2 7%",
            id="table-rows",
        ),
        pytest.param(
            "<p>Unclosed <b>bold <div>and <<weird>> stuff", "Unclosed bold\n\nand <> stuff", id="malformed"
        ),
        pytest.param("<!-- only a comment -->", "", id="comment-only"),
        pytest.param("", "", id="empty"),
        pytest.param("<div>" * 5000 + "Deep.", "Deep.", id="deeply-nested"),
    ],
)
def test_html_to_text(html: str, expected: str) -> None:
    assert html_to_text(html) == expected


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".html", ".htm", ".jsonl")


def test_a_file_name_that_is_not_utf8_is_read_under_an_escaped_name(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Headline\n\nBody text.", encoding="utf-8")
    Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"bad\xff.txt"))).write_text("Headline\n\nMore.")
    items = list(iter_inputs([tmp_path]))
    assert [(type(i).__name__, i.doc_id) for i in items] == [("Release", "bad\\xff"), ("Release", "good")]
    assert all(i.source.encode("utf-8") for i in items)  # no lone surrogate: every writer accepts it

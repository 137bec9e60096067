"""Dateline stage: city, region, country, date and wire across the wires' dateline styles."""

from __future__ import annotations

import pytest
import spacy

from pipeline.context import ReleaseContext
from pipeline.extractors import dateline
from pipeline.models import Release

NLP = spacy.blank("en")
BODY = "Acme Widgets opened a new plant on the river today. The plant will employ 40 people."


def run(text: str) -> ReleaseContext:
    ctx = ReleaseContext(release=Release(doc_id="t", source="t.txt", text=text, sha256="x"), nlp=NLP)
    dateline.extract(ctx)
    return ctx


CASES = [
    pytest.param(
        "CHENGDU, China, Oct. 14, 2021 /PRNewswire/ -- ",
        ("CHENGDU", None, "China", "2021-10-14", "PRNewswire"),
        id="prnewswire-with-country",
    ),
    pytest.param(
        "TAMPA, Fla., Sept. 3, 2024 /PRNewswire/ — ",
        ("TAMPA", "Fla.", "United States", "2024-09-03", "PRNewswire"),
        id="prnewswire-ap-state-em-dash",
    ),
    pytest.param(
        "NEW YORK--(BUSINESS WIRE)--",
        ("NEW YORK", None, None, None, "Business Wire"),
        id="business-wire-double-hyphen",
    ),
    pytest.param(
        "BOSTON–(BUSINESS WIRE)–", ("BOSTON", None, None, None, "Business Wire"), id="business-wire-en-dash"
    ),
    pytest.param(
        "Fort Myers, FL, June 12, 2023 (GLOBE NEWSWIRE) -- ",
        ("Fort Myers", "FL", "United States", "2023-06-12", "GlobeNewswire"),
        id="globenewswire-titlecase-two-word-city",
    ),
    pytest.param(
        "HALTOM CITY, TX, March 11, 2024 /24-7PressRelease/ -- ",
        ("HALTOM CITY", "TX", "United States", "2024-03-11", "24-7 Press Release"),
        id="24-7-press-release",
    ),
    pytest.param(
        "PITTSBURGH, PA, March 14, 2005—",
        ("PITTSBURGH", "PA", "United States", "2005-03-14", None),
        id="no-wire-em-dash-glued",
    ),
    pytest.param(
        "Chicago (May 2, 2008) - ", ("Chicago", None, None, "2008-05-02", None), id="date-in-parentheses"
    ),
    pytest.param(
        "Sydney, Australia 29 May 2020 – ",
        ("Sydney", None, "Australia", "2020-05-29", None),
        id="day-first-without-comma",
    ),
    pytest.param(
        "LAS VEGAS, NV - August 5, 2025 (NEWMEDIAWIRE) - ",
        ("LAS VEGAS", "NV", "United States", "2025-08-05", "NewMediaWire"),
        id="newmediawire",
    ),
    pytest.param(
        "Denver, Colorado (Newsworthy.ai) Friday Aug 29, 2025 @ 5:30 PM Central — ",
        ("Denver", "Colorado", "United States", "2025-08-29", "Newsworthy"),
        id="newsworthy-weekday-and-time",
    ),
    pytest.param(
        "LISBON, PORTUGAL - [Media OutReach Newswire](https://example.com/) - 29 July 2026 - ",
        ("LISBON", None, "Portugal", "2026-07-29", "Media OutReach Newswire"),
        id="markdown-link-wire",
    ),
    pytest.param(
        "LEEDS, UK, 4 March 2024 /EZ Newswire/ -- ",
        ("LEEDS", None, "United Kingdom", "2024-03-04", "EZ Newswire"),
        id="uk-abbreviation",
    ),
    pytest.param(
        "HANGZHOU, Zhejiang, June 2, 2023 /PRNewswire/ -- ",
        ("HANGZHOU", "Zhejiang", "China", "2023-06-02", "PRNewswire"),
        id="chinese-province",
    ),
    pytest.param(
        "AUSTIN, TX / PR Karma / May 5, 2024 11:09\n\n",
        ("AUSTIN", "TX", "United States", "2024-05-05", "PR Karma"),
        id="pr-karma-slashes",
    ),
    pytest.param(
        "ATLANTA, Georgia, May 5, 2024 /PRNewswire/ -- ",
        ("ATLANTA", "Georgia", "United States", "2024-05-05", "PRNewswire"),
        id="us-state-named-like-a-country",
    ),
    pytest.param(
        "CALGARY, Alberta, May 5, 2024 /CNW/ -- ",
        ("CALGARY", "Alberta", "Canada", "2024-05-05", "CNW"),
        id="province-gives-its-country",
    ),
    pytest.param(
        "DENVER, CO., May 5, 2024 /PRNewswire/ -- ",
        ("DENVER", "CO.", "United States", "2024-05-05", "PRNewswire"),
        id="stray-dot-after-state-code",
    ),
    pytest.param(
        "SINGAPORE, May 5, 2024 /PRNewswire/ -- ",
        ("SINGAPORE", None, "Singapore", "2024-05-05", "PRNewswire"),
        id="city-state-is-its-own-country",
    ),
    pytest.param("June 9, 2023\n\n", (None, None, None, "2023-06-09", None), id="date-only-line"),
    pytest.param("(NewsUSA) - ", (None, None, None, None, "NewsUSA"), id="wire-only"),
    pytest.param("", (None, None, None, None, None), id="no-dateline"),
    pytest.param(
        "On June 9, 2023, the mayor of Springfield spoke. ",
        (None, None, None, None, None),
        id="date-in-prose-is-not-a-dateline",
    ),
]


@pytest.mark.parametrize(("prefix", "expected"), CASES)
def test_dateline_fields(prefix: str, expected: tuple[str | None, ...]) -> None:
    ctx = run(f"Acme Opens a Plant\n\n{prefix}{BODY}\n")
    d = ctx.dateline
    assert (d.city, d.region, d.country, d.date, d.wire) == expected


@pytest.mark.parametrize(("prefix", "expected"), CASES)
def test_mentions_are_grounded(prefix: str, expected: tuple[str | None, ...]) -> None:
    ctx = run(f"# Acme Opens a Plant\n\n{prefix}{BODY}\n")
    for m in ctx.dateline.mentions:
        assert ctx.text[m.start : m.end] == m.text
    if expected[0] is not None:
        assert expected[0] in [m.text for m in ctx.dateline.mentions]


def test_place_named_only_in_body_is_not_a_dateline() -> None:
    ctx = run("Acme Opens a Plant\n\nAcme will open its plant in Denver, Colorado next spring.\n")
    assert ctx.dateline.city is None


def test_unparsable_date_gives_none() -> None:
    assert dateline.parse_date("Smarch 45, 20x5") is None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("\n\n\n", id="blank"),
        pytest.param("\x00\ufffd" * 5000, id="junk"),
        pytest.param("Title\n\n" + "DALLAS, " * 3000, id="repeated-places"),
        pytest.param("Title\n\n" + "A" * 100_000, id="one-huge-word"),
    ],
)
def test_odd_text_never_raises(text: str) -> None:
    run(text)


def test_find_dateline_offsets() -> None:
    text = "Head\n\nXIAMEN , April 18, 2022 (GLOBE NEWSWIRE) — Body."
    found = dateline.find_dateline(text, 5)
    assert found is not None and found.city is not None and found.date is not None
    assert text[found.city[0] : found.city[1]] == "XIAMEN"
    assert text[found.date[0] : found.date[1]] == "April 18, 2022"
    assert text[found.start : found.end] == "XIAMEN , April 18, 2022 (GLOBE NEWSWIRE) —"

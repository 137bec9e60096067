"""The knowledge loaders: legal suffixes and places read from their one file each, and checked."""

from __future__ import annotations

import re

import pytest

from pipeline import knowledge
from pipeline.errors import KnowledgeError
from pipeline.knowledge import (
    country_of,
    is_city_state,
    is_legal_suffix,
    is_region,
    is_us_state_code,
    legal_suffix_regex,
    legal_suffixes,
    region_country,
)


def test_legal_suffixes_come_longest_first() -> None:
    suffixes = legal_suffixes()
    assert [len(s) for s in suffixes] == sorted((len(s) for s in suffixes), reverse=True)
    assert suffixes.index("Co., Ltd.") < suffixes.index("Co.")
    assert "Holdings" in suffixes
    assert "Holdings" not in legal_suffixes(droppable_only=True)


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        pytest.param("Inc.", "Inc.", id="dotted"),
        pytest.param("Inc", "Inc", id="without-dot"),
        pytest.param("Incorporated", "Incorporated", id="long-form-before-its-prefix"),
        pytest.param("Co., Ltd. announced", "Co., Ltd.", id="longest-form-first"),
        pytest.param("Co.,Ltd.", "Co.,Ltd.", id="comma-without-space"),
        pytest.param("Co. Ltd.", "Co. Ltd.", id="space-without-comma"),
        pytest.param("Pty Ltd", "Pty Ltd", id="two-words"),
        pytest.param("Holdings", "Holdings", id="part-of-name-suffix-is-a-suffix"),
        pytest.param("inc.", None, id="case-as-written"),
        pytest.param("Acme", None, id="no-suffix"),
    ],
)
def test_legal_suffix_regex_matches_one_suffix_as_written(text: str, matched: str | None) -> None:
    found = legal_suffix_regex().match(text)
    assert (found.group() if found else None) == matched


@pytest.mark.parametrize(
    ("text", "droppable"),
    [
        pytest.param("Acme, Inc.", True, id="inc"),
        pytest.param("Acme PLC", True, id="plc"),
        pytest.param("Acme Holdings", False, id="holdings-is-part-of-the-name"),
    ],
)
def test_droppable_only_leaves_out_part_of_name_suffixes(text: str, droppable: bool) -> None:
    at_end = legal_suffix_regex(droppable_only=True).pattern + "$"
    assert (re.search(at_end, text) is not None) == droppable


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        pytest.param("Ltd.", True, id="as-written"),
        pytest.param("LTD", True, id="any-case"),
        pytest.param("Co.,Ltd.", True, id="glued-form"),
        pytest.param("Holdings", True, id="part-of-name"),
        pytest.param("Group", False, id="an-organization-word-but-no-legal-form"),
    ],
)
def test_is_legal_suffix(word: str, expected: bool) -> None:
    assert is_legal_suffix(word) is expected


@pytest.mark.parametrize(
    ("name", "country"),
    [
        pytest.param("France", "France", id="standard-name"),
        pytest.param("U.S.", "United States", id="abbreviation"),
        pytest.param("USA", "United States", id="abbreviation-without-dots"),
        pytest.param("the Netherlands", "Netherlands", id="with-article"),
        pytest.param("SCOTLAND", "United Kingdom", id="part-of-a-country-any-case"),
        pytest.param("Singapore", "Singapore", id="city-state-that-is-a-country"),
        pytest.param("Hong Kong", None, id="city-state-that-is-not-a-country"),
        pytest.param("Ontario", None, id="province"),
        pytest.param("U.S", None, id="dots-count"),
    ],
)
def test_country_of(name: str, country: str | None) -> None:
    assert country_of(name) == country


@pytest.mark.parametrize(
    ("name", "country"),
    [
        pytest.param("Florida", "United States", id="us-state-name"),
        pytest.param("FL", "United States", id="postal-code"),
        pytest.param("Fla.", "United States", id="ap-abbreviation"),
        pytest.param("New York", "United States", id="state-named-like-its-city"),
        pytest.param("WA", "United States", id="shared-code-reads-as-the-first-row"),
        pytest.param("NSW", "Australia", id="province-code"),
        pytest.param("British Columbia", "Canada", id="province-name"),
        pytest.param("Zhejiang", "China", id="chinese-province"),
        pytest.param("Asia", None, id="area-has-no-country"),
        pytest.param("France", None, id="country-is-no-region"),
    ],
)
def test_region_country(name: str, country: str | None) -> None:
    assert region_country(name) == country


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("Ontario", True, id="province"),
        pytest.param("Texas", True, id="us-state"),
        pytest.param("Washington State", True, id="form-of-a-state"),
        pytest.param("Asia-Pacific", True, id="area-form"),
        pytest.param("New York", False, id="name-prose-means-as-a-city"),
        pytest.param("FL", False, id="codes-are-not-prose-regions"),
        pytest.param("France", False, id="country"),
    ],
)
def test_is_region(name: str, expected: bool) -> None:
    assert is_region(name) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("TX", True, id="postal-code"),
        pytest.param("Calif.", True, id="ap-abbreviation"),
        pytest.param("N.Y.", True, id="dotted-abbreviation"),
        pytest.param("M.D.", False, id="doctor-is-not-md"),
        pytest.param("ON", False, id="canadian-code"),
        pytest.param("Texas", False, id="full-name"),
    ],
)
def test_is_us_state_code(name: str, expected: bool) -> None:
    assert is_us_state_code(name) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("Singapore", True, id="city-state"),
        pytest.param("Macao", True, id="other-spelling"),
        pytest.param("Paris", False, id="city"),
        pytest.param("France", False, id="country"),
    ],
)
def test_is_city_state(name: str, expected: bool) -> None:
    assert is_city_state(name) is expected


HEADER = "kind\tname\tcountry\tcodes\tforms\tcity\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("kind\tname\n", "places.tsv line 1: the header must be", id="wrong-header"),
        pytest.param(HEADER + "town\tParis\n", "places.tsv line 2: unknown kind 'town'", id="unknown-kind"),
        pytest.param(HEADER + "country\n", "places.tsv line 2: expected 2 to 6", id="too-few-cells"),
        pytest.param(HEADER + "country\tFrance\t\t\t\t\textra\n", "line 2: expected 2 to 6", id="too-many"),
        pytest.param(
            HEADER + "us-state\tOhio\n", "line 2: a us-state needs a country", id="state-no-country"
        ),
        pytest.param(
            HEADER + "country\tFrance\tEurope\n", "line 2: a country takes no country", id="country-in"
        ),
        pytest.param(
            HEADER + "country\tFrance\t\tFR\n", "line 2: a country takes no codes", id="country-codes"
        ),
        pytest.param(HEADER + "country\tFrance\t\t\tFR||Fr.\n", "line 2: an empty value", id="empty-form"),
        pytest.param(HEADER + "country\tFrance\t\t\tFrance\n", "line 2: a value is listed twice", id="twice"),
        pytest.param(
            HEADER + "country\tFrance\t\t\t\tyes\n", 'line 2: the last cell is "city"', id="bad-flag"
        ),
        pytest.param(
            HEADER + "country\tFrance\t\t\t\tcity\n", "line 2: a country is not marked", id="city-flag"
        ),
        pytest.param(
            HEADER + "country\tFrance\n\nregion\tBavaria\tGermany\n",
            "places.tsv line 4: country 'Germany' is not a listed country",
            id="unknown-country",
        ),
    ],
)
def test_malformed_places_file_names_file_and_line(
    monkeypatch: pytest.MonkeyPatch, content: str, message: str
) -> None:
    monkeypatch.setattr(knowledge, "_read", lambda relative: content)
    with pytest.raises(KnowledgeError, match=re.escape(message)):
        knowledge.places.__wrapped__()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("Inc.\tkept\n", "legal_suffixes.txt line 1: expected a suffix", id="unknown-flag"),
        pytest.param(
            "# comment\nInc.\nLtd.\nInc.\n", "legal_suffixes.txt line 4: 'Inc.' is listed twice", id="twice"
        ),
    ],
)
def test_malformed_legal_suffixes_file_names_file_and_line(
    monkeypatch: pytest.MonkeyPatch, content: str, message: str
) -> None:
    monkeypatch.setattr(knowledge, "_read", lambda relative: content)
    with pytest.raises(KnowledgeError, match=re.escape(message)):
        knowledge._legal_suffix_rows.__wrapped__()


def test_a_missing_word_list_is_a_knowledge_error() -> None:
    with pytest.raises(KnowledgeError, match=re.escape("words/no_such_list.txt: no such file")):
        knowledge.entries.__wrapped__("no_such_list")

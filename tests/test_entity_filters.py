"""The entity filters' named rules: which rule drops a name is asserted, not only that it is dropped."""

from __future__ import annotations

import pytest

from pipeline.extractors.entities.filters import (
    CITY_RULES,
    ORG_RULES,
    PERSON_RULES,
    PERSON_SHAPE_RULES,
    Seen,
    rejected_by,
)


@pytest.mark.parametrize(
    ("seen", "rule"),
    [
        pytest.param(Seen("Harbor Innovation Summit"), "event name", id="event-name"),
        pytest.param(Seen("Acme Hotel"), "venue word", id="venue"),
        pytest.param(Seen("Audit and Risk Committee"), "board committee", id="board-committee"),
        pytest.param(Seen("Foo Newswire"), "newswire", id="newswire"),
        pytest.param(Seen("www.acme.example"), "ends in lower case", id="address-in-lower-case"),
        pytest.param(Seen("2031 Harbor Partners"), "year or ordinal first", id="year-first"),
        pytest.param(Seen("Research Department", after=" of Acme"), "department of a parent", id="sub-unit"),
        pytest.param(Seen("Vice President"), "job title", id="job-title"),
        pytest.param(Seen("Harbor Robotics, Inc."), None, id="company-kept"),
        pytest.param(Seen("Barclays plc"), None, id="company-form-in-lower-case-kept"),
        pytest.param(Seen("eQuorum"), None, id="brand-in-lower-case-kept"),
        pytest.param(Seen("nuvio Foods LLC"), None, id="lower-case-name-before-company-form-kept"),
        pytest.param(Seen("a Nevada Corporation"), "starts in lower case", id="article-first"),
        pytest.param(Seen("das Ökosystem"), "starts in lower case", id="lower-case-phrase"),
        pytest.param(Seen("Ministry of Transport"), None, id="ministry-kept"),
    ],
)
def test_organization_rules(seen: Seen, rule: str | None) -> None:
    assert rejected_by(ORG_RULES, seen) == rule


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        pytest.param("Ada", "not two to five words", id="one-word"),
        pytest.param("Mark R.", "cut after an initial", id="initial-last"),
        pytest.param("Dick's Sporting Goods", "possessive inside", id="possessive-shop"),
        pytest.param("Jane Foundation", "organization or event word", id="org-word"),
        pytest.param("Ada KIM", "word in capitals", id="capitals"),
        pytest.param("Ada Kim", None, id="a-name"),
        pytest.param("Ludwig van Beethoven", None, id="particle"),
    ],
)
def test_person_shape_rules(name: str, rule: str | None) -> None:
    assert rejected_by(PERSON_SHAPE_RULES, Seen(name)) == rule


def test_a_phrase_of_the_release_s_own_words_is_no_person() -> None:
    seen = Seen("Bright Futures", common=frozenset({"bright", "futures"}))
    assert rejected_by(PERSON_RULES, seen) == "phrase of common words"


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        pytest.param("France", "country, region or state", id="country"),
        pytest.param("Sichuan Province", "province or state word", id="province"),
        pytest.param("Dr.", "honorific", id="honorific"),
        pytest.param("Calif", "state code cut short", id="state-code"),
        pytest.param("Harbor Convention Group", "organization or event word", id="org-word"),
        pytest.param("Qinglan District", None, id="district-kept"),
        pytest.param("Springfield", None, id="town-kept"),
    ],
)
def test_city_rules(name: str, rule: str | None) -> None:
    assert rejected_by(CITY_RULES, Seen(name)) == rule

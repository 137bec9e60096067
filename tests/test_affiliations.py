"""The affiliations stage, one pattern family per case, on sentences written for these tests."""

from __future__ import annotations

import pytest

from pipeline.extractors import affiliations, dateline, entities, structure

from .conftest import run_stages

HEADLINE = "Northwind Robotics reports a quiet quarter\n\n"
DATELINE = "BOSTON, March 3, 2022 /PRNewswire/ -- "


def roles(nlp, body: str) -> dict[str, set[tuple[str, str | None]]]:
    text = HEADLINE + DATELINE + body
    ctx = run_stages(nlp, text, structure, dateline, entities, affiliations)
    for person in ctx.people:
        for role in person.affiliations:
            assert all(text[m.start : m.end] == m.text for m in role.mentions)
    return {p.name: {(a.title, a.organization) for a in p.affiliations} for p in ctx.people}


@pytest.mark.parametrize(
    ("body", "person", "expected"),
    [
        pytest.param(
            "Maria Gonzalez, Chief Executive Officer of Brightwater Analytics, opened the meeting.",
            "Maria Gonzalez",
            {("Chief Executive Officer", "Brightwater Analytics")},
            id="name-title-of-org",
        ),
        pytest.param(
            '"We are ready," said Tomas Berger, senior analyst at Halvorsen Research Group.',
            "Tomas Berger",
            {("senior analyst", "Halvorsen Research Group")},
            id="said-name-title-at-org",
        ),
        pytest.param(
            "Priya Natarajan, Director of the Materials Testing Department of the Coastal Energy Institute, "
            "presented the results.",
            "Priya Natarajan",
            {("Director of the Materials Testing Department", "Coastal Energy Institute")},
            id="sub-unit-stays-in-title",
        ),
        pytest.param(
            "Ahmed Karimi, Vice Chairman of the Lakeside Trade Council and Executive Director of the "
            "Harbor Logistics Association, spoke first.",
            "Ahmed Karimi",
            {
                ("Vice Chairman", "Lakeside Trade Council"),
                ("Executive Director", "Harbor Logistics Association"),
            },
            id="two-roles-joined-by-and",
        ),
        pytest.param(
            "The visit was led by Prime Minister Elena Marsh and trade officials.",
            "Elena Marsh",
            {("Prime Minister", None)},
            id="title-before-name",
        ),
        pytest.param(
            "Jonas Weller, President and Chief Operating Officer, will lead the review.",
            "Jonas Weller",
            {("President and Chief Operating Officer", None)},
            id="compound-title-without-organization",
        ),
        pytest.param(
            "Lena Fischer, a researcher at the Nordic Ocean Institute, joined the panel.",
            "Lena Fischer",
            {("researcher", "Nordic Ocean Institute")},
            id="article-before-title",
        ),
    ],
)
def test_roles(nlp, body: str, person: str, expected: set[tuple[str, str | None]]) -> None:
    assert roles(nlp, body)[person] == expected


def test_the_company_resolves_to_the_issuer(nlp) -> None:
    body = (
        "Northwind Robotics Inc. today announced that the Company has appointed Clara Oduya as "
        "Chief Financial Officer. Oduya joins from a regional bank."
    )
    assert ("Chief Financial Officer", "Northwind Robotics Inc.") in roles(nlp, body)["Clara Oduya"]


def test_replace_gives_the_title_to_the_subject(nlp) -> None:
    body = (
        "Marcus Hale, Chief Financial Officer of Northwind Robotics, left in May. "
        "Rita Gomez will replace Hale as Chief Financial Officer."
    )
    found = roles(nlp, body)
    assert ("Chief Financial Officer", None) in found["Rita Gomez"] or any(
        title == "Chief Financial Officer" for title, _ in found["Rita Gomez"]
    )
    assert all(title != "Chief Financial Officer" or org for title, org in found["Marcus Hale"])


def test_titled_list_after_a_colon(nlp) -> None:
    body = (
        "Northwind Robotics said the Company will add three independent directors: Sara Lindqvist; "
        "Omar Haddad; and Julia Brandt."
    )
    found = roles(nlp, body)
    for name in ("Sara Lindqvist", "Omar Haddad", "Julia Brandt"):
        assert {title for title, _ in found[name]} == {"independent directors"}


def test_contact_block_lines(nlp) -> None:
    body = (
        "Northwind Robotics builds warehouse robots.\n\n"
        "Media contact:\nNorthwind Robotics\nDana Whitlock\nHead of Communications\n"
    )
    expected = {("Head of Communications", "Northwind Robotics")}
    assert roles(nlp, body)["Dana Whitlock"] == expected


def test_quotes_and_plain_mentions_give_no_roles(nlp) -> None:
    body = "Peter Osei visited the plant on Tuesday and met the engineers."
    assert roles(nlp, body)["Peter Osei"] == set()


def test_portfolio_list_stays_in_the_title(nlp) -> None:
    body = "Kenji Arakawa, Minister of Agriculture, Forestry and Fisheries, visited the farm."
    assert roles(nlp, body)["Kenji Arakawa"] == {("Minister of Agriculture, Forestry and Fisheries", None)}


def test_possessive_organization_before_title(nlp) -> None:
    ctx_roles = roles(nlp, "Nora Quist, Brightwater Analytics's founder and CEO, spoke at the launch.")
    assert ctx_roles["Nora Quist"] == {("founder and CEO", "Brightwater Analytics")}


def test_title_never_swallows_another_person(nlp) -> None:
    body = "Sarah Johnson, Managing Director Michael Brown and Regional Director of Tallis Foods, met staff."
    assert all("Michael Brown" not in title for title, _ in roles(nlp, body)["Sarah Johnson"])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "Daniel Reyes, President of KORVAX Labs North America, opened the plant.",
            {("President", "KORVAX Labs North America")},
            id="unrecognised-employer-after-of",
        ),
        pytest.param(
            "Daniel Reyes, Vice President of Marketing, opened the plant.",
            {("Vice President of Marketing", None)},
            id="business-function-is-not-an-employer",
        ),
    ],
)
def test_title_of_name(nlp, body: str, expected: set[tuple[str, str | None]]) -> None:
    assert roles(nlp, body)["Daniel Reyes"] == expected


def test_appointment_with_an_unrecognised_employer(nlp) -> None:
    body = "The board appointed Daniel Reyes as President of KORVAX Labs North America last week."
    found = roles(nlp, body)["Daniel Reyes"]
    assert {title for title, _ in found} == {"President"}
    assert all(org and org.startswith("KORVAX Labs") for _, org in found)

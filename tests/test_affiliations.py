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
            "Quillon Bio named Rena Vollmer its medical lead.\n\nMost recently, she served as Chief Science "
            "Officer at Halvorsen Therapeutics. She is Chair of the Coastal College of Surgeons.",
            "Rena Vollmer",
            {("Chief Science Officer", "Halvorsen Therapeutics"), ("Chair", "Coastal College of Surgeons")},
            id="biography-pronoun-holds-the-role",
        ),
        pytest.param(
            "About Harbor Lane Brands\n\nThe Kestrel Foods unit grew. Led by CEO Dana Whitlow, Harbor Lane "
            "Brands is home to nine bakery franchises.",
            "Dana Whitlow",
            {("CEO", "Harbor Lane Brands")},
            id="led-by-title-name-then-the-organization-it-leads",
        ),
        pytest.param(
            "Sales rose. Backed by CEO Dana Whitlow, Harbor Lane Brands opened nine bakeries.",
            "Dana Whitlow",
            {("CEO", None)},
            id="backed-by-is-no-leadership",
        ),
        pytest.param(
            "Rena Vollmer met Tom Okafor in May. He served as Chief Science Officer at Halvorsen Labs.",
            "Tom Okafor",
            set(),
            id="pronoun-with-two-people-named-before-it-is-nobody",
        ),
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
        pytest.param(
            "Mei Tan, Vice-Chair of the Harbor Council, Chair of the Delta Shipping Council and Fellow of "
            "the Royal Society of Tides, opened the forum.",
            "Mei Tan",
            {
                ("Vice-Chair", "Harbor Council"),
                ("Chair", "Delta Shipping Council"),
                ("Fellow", "Royal Society of Tides"),
            },
            id="chain-of-roles",
        ),
        pytest.param(
            "Karl Jensen was Chief Science Officer at Vireo Therapeutics and now Chief Executive "
            "at Zentra Bio.",
            "Karl Jensen",
            {("Chief Science Officer", "Vireo Therapeutics"), ("Chief Executive", "Zentra Bio")},
            id="was-title-of-one-and-now-title-at-another",
        ),
        pytest.param(
            "Omar Vance has served as president of the Bay Surveyors Guild, the Coastal Pilots "
            "League and the "
            "Elm Society.",
            "Omar Vance",
            {
                ("president", "Bay Surveyors Guild"),
                ("president", "Coastal Pilots League"),
                ("president", "Elm Society"),
            },
            id="one-title-several-organizations",
        ),
        pytest.param(
            "Quillon's chief economist Ana Ruiz expects slower growth.",
            "Ana Ruiz",
            {("chief economist", "Quillon")},
            id="possessive-organization-lower-case-title-before-name",
        ),
        pytest.param(
            "The panel includes Varo College Provost Dr. Elias Moen and Head of Law Dr. Rita Oakes.",
            "Elias Moen",
            {("Provost", "Varo College")},
            id="honorific-between-title-and-name",
        ),
        pytest.param(
            "The panel includes Varo College Provost Dr. Elias Moen and Head of Law Dr. Rita Oakes.",
            "Rita Oakes",
            {("Head of Law", None)},
            id="second-titled-name-in-a-row",
        ),
        pytest.param(
            "Maria Lindgren, head of Digital Collections at the Norland Museum, curated the show.",
            "Maria Lindgren",
            {("head of Digital Collections", "Norland Museum")},
            id="sub-unit-in-title-parent-is-the-organization",
        ),
        pytest.param(
            "Speakers:\n\n* Nora Blix, CEO, Fathom Robotics\n* Paul Okafor - Deputy Chair, Clean "
            "Water Alliance\n\n"
            "More text follows here.",
            "Nora Blix",
            {("CEO", "Fathom Robotics")},
            id="list-line-name-title-organization",
        ),
        pytest.param(
            "Speakers:\n\n* Nora Blix, CEO, Fathom Robotics\n* Paul Okafor - Deputy Chair, Clean "
            "Water Alliance\n\n"
            "More text follows here.",
            "Paul Okafor",
            {("Deputy Chair", "Clean Water Alliance")},
            id="list-line-name-dash-title",
        ),
        pytest.param(
            "Lena Ostrova, co-chair of the Tidewater Alliance, and Paul Quist, director-general of "
            "the Maritime "
            "Bureau, signed the pact.",
            "Paul Quist",
            {("director-general", "Maritime Bureau")},
            id="hyphenated-title-word",
        ),
        pytest.param(
            "Jackie Moss, Vice President, Global Supply Strategy & Analytics at Eastern Silicon, spoke.",
            "Jackie Moss",
            {("Vice President, Global Supply Strategy & Analytics", "Eastern Silicon")},
            id="title-with-comma-qualifier-then-at-organization",
        ),
        pytest.param(
            "Panel:\n\n* Gail Hart, Associate Director - Staffing (Scouting, Field Ops and QA), "
            "Brightline Labs"
            "\n\nMore text.",
            "Gail Hart",
            {("Associate Director - Staffing (Scouting, Field Ops and QA)", "Brightline Labs")},
            id="parenthesis-with-commas-stays-in-title",
        ),
        pytest.param(
            "Panel:\n\n* John Nyko, Director, Office of Career Services, Florida Coastal "
            "University\n\nMore text.",
            "John Nyko",
            {("Director, Office of Career Services", "Florida Coastal University")},
            id="office-part-belongs-to-the-title",
        ),
        pytest.param(
            "Panel:\n\n* Kim Vale, Vice President of Cloud Services, Norvik Labs\n\nMore text.",
            "Kim Vale",
            {("Vice President of Cloud Services", "Norvik Labs")},
            id="business-line-after-of-then-employer",
        ),
        pytest.param(
            "Panel:\n\n* Ivo Karst, Sr. Director of Behavioral Science, Sounding Board\n\nMore text.",
            "Ivo Karst",
            {("Sr. Director of Behavioral Science", "Sounding Board")},
            id="employer-whose-name-ends-in-a-title-word",
        ),
        pytest.param(
            "Vice President Jane Rowe of Acme Robotics Inc. said sales rose.",
            "Jane Rowe",
            {("Vice President", "Acme Robotics Inc.")},
            id="title-name-of-a-long-organization",
        ),
        pytest.param(
            "Professor Chao Qin from Zhejiang University spoke.",
            "Chao Qin",
            {("Professor", "Zhejiang University")},
            id="title-name-from-organization",
        ),
        pytest.param(
            "The ribbon was cut by the Mayor of Eastbrook, Ana Reis, on Monday.",
            "Ana Reis",
            {("Mayor of Eastbrook", None)},
            id="place-inside-a-title-set-off-before-the-name",
        ),
        pytest.param(
            "Northwind Robotics' founder, Jane Rowe, said sales rose.",
            "Jane Rowe",
            {("founder", "Northwind Robotics")},
            id="organization-possessive-title-comma-name",
        ),
        pytest.param(
            "We thank our partners, Jane Rowe, Tom Vale and Ana Reis, for their help.",
            "Tom Vale",
            set(),
            id="a-plural-before-a-list-of-names-is-no-title",
        ),
        pytest.param(
            "Former Harwick Bank executive Tomas Lind joined the board.",
            "Tomas Lind",
            {("executive", "Harwick Bank")},
            id="organization-then-lower-case-title-before-name",
        ),
        pytest.param(
            "Brightwater Analytics spokesperson Dana Cole declined to comment.",
            "Dana Cole",
            {("spokesperson", "Brightwater Analytics")},
            id="organization-spokesperson-name",
        ),
        pytest.param(
            "Tom Reyes, President and CEO of Voxa Systems, said the deal closes soon. Voxa Systems "
            "President & "
            "CEO Tom Reyes added more.",
            "Tom Reyes",
            {("President and CEO", "Voxa Systems")},
            id="same-role-written-twice-is-one",
        ),
        pytest.param(
            "Rita Holm, a noted futurist and author, spoke.",
            "Rita Holm",
            set(),
            id="description-is-no-title",
        ),
        pytest.param(
            "Dana Cole, founder, Brindle Works Inc. was started in 2019 to help growers.",
            "Dana Cole",
            {("founder", "Brindle Works Inc.")},
            id="organization-opening-the-next-clause",
        ),
        pytest.param(
            "Coaches:\n\n* Morgan Kell — Leadership Coach, Morgan Kell Consulting\n\nMore text.",
            "Morgan Kell",
            {("Leadership Coach", "Morgan Kell Consulting")},
            id="employer-named-after-the-person",
        ),
        pytest.param(
            "Coaches:\n\n* Helen Pratt — HR Leader, Fractional VP, Author, Consultant & Speaker, Ridgeway "
            "Partners\n\nMore text.",
            "Helen Pratt",
            {("HR Leader", "Ridgeway Partners")},
            id="list-of-roles-ending-in-the-employer",
        ),
        pytest.param(
            "Dr. Edwin Gault, M.D. Appointed Chief Business Development Officer Dr. Edwin Gault has joined "
            "Northwind Robotics.",
            "Edwin Gault",
            {("Chief Business Development Officer", None)},
            id="dotted-degree-and-heading-verb-before-title",
        ),
        pytest.param(
            "Harbor Robotics, a maker of warehouse arms, today announced the appointment of Dana "
            "Whitfield as its new Chief Commercial Officer.",
            "Dana Whitfield",
            {("Chief Commercial Officer", "Harbor Robotics")},
            id="as-its-title-belongs-to-the-subject",
        ),
        pytest.param(
            "The board of the Coastal Pilots League named Omar Reyes as its next Executive Director on "
            "Monday.",
            "Omar Reyes",
            {("Executive Director", "Coastal Pilots League")},
            id="as-its-title-subject-holds-the-organization-and-a-weekday-ends-it",
        ),
        pytest.param(
            "Bayview Learning Center, a nonprofit in Salem, announces Rita Osei, former program lead at "
            "Greenway Trust, as its new Executive Director.",
            "Rita Osei",
            {("former program lead", "Greenway Trust"), ("Executive Director", "Bayview Learning Center")},
            id="apposition-between-the-appointee-and-as",
        ),
        pytest.param(
            "Tom Becker joins Northwind Robotics. Becker previously held the position of Head of "
            "Outreach at Bayview Learning Center.",
            "Tom Becker",
            {("Head of Outreach", "Bayview Learning Center")},
            id="held-the-position-of",
        ),
        pytest.param(
            "Earlier in her career, Dr. Nina Holm held research roles as a professor of marine biology at "
            "the Norland Ocean Institute, where she served as Co-Chair of the Reef and Coastal Ecology "
            "Program and Director of the Reef Survey Program.",
            "Nina Holm",
            {
                ("professor of marine biology", "Norland Ocean Institute"),
                ("Co-Chair of the Reef and Coastal Ecology Program", "Norland Ocean Institute"),
                ("Director of the Reef Survey Program", "Norland Ocean Institute"),
            },
            id="where-clause-roles-and-programs-as-sub-units",
        ),
        pytest.param(
            "Spencer Holt, founder of Holt Trial Lawyers and a board-certified civil trial lawyer, was "
            "selected.",
            "Spencer Holt",
            {("founder", "Holt Trial Lawyers")},
            id="hyphenated-adjective-is-no-second-title",
        ),
        pytest.param(
            "Harbor Mills is co-owned by Frank Ames, who is also a well-respected guild member. Mia Lund, "
            "Co-Managing Partner of Lund Labs, spoke.",
            "Frank Ames",
            set(),
            id="a-description-opening-with-a-hyphenated-adjective-is-no-title",
        ),
        pytest.param(
            "The honorees:\n\nMentor of the Year – Nora Blix\n\nChief Operating Officer – Harbor Robotics\n\n"
            "Rookie of the Year – Tom Okafor\n\nDirector of Sales, Greenfield Bank\n",
            "Nora Blix",
            {("Chief Operating Officer", "Harbor Robotics")},
            id="labelled-name-line-then-role-line",
        ),
        pytest.param(
            "Nora Blix, CEO of Harbor Robotics, spoke.\n\nContact:\n\nName: Nora Blix\n\nPosition: CEO\n\n"
            "Email: nora@example.com\n",
            "Nora Blix",
            {("CEO", "Harbor Robotics")},
            id="field-labels-and-a-title-alone-is-the-one-with-its-organization",
        ),
        pytest.param(
            "Nora Blix, CEO of Harbor Robotics, spoke. Later, CEO Nora Blix thanked the staff.",
            "Nora Blix",
            {("CEO", "Harbor Robotics")},
            id="a-title-alone-is-the-one-written-with-its-organization",
        ),
        pytest.param(
            "The ceremony was opened by Councilwoman Ana Ruiz.",
            "Ana Ruiz",
            {("Councilwoman", None)},
            id="elected-office-before-the-name",
        ),
        pytest.param(
            "The panel included former Congressman Tom Becker. Former Congressman Becker spoke first.",
            "Tom Becker",
            {("former Congressman", None)},
            id="a-lower-case-former-belongs-to-the-title-before-the-name",
        ),
        pytest.param(
            '"We are pleased," said Jane Roe, Vice President for Academic Affairs.',
            "Jane Roe",
            {("Vice President for Academic Affairs", None)},
            id="for-a-function-is-part-of-the-title",
        ),
        pytest.param(
            "Panel:\n\n* Jane Roe, Head of Research — Moderator\n* Omar Reyes, Chief Economist — Keynote\n",
            "Jane Roe",
            {("Head of Research — Moderator", None)},
            id="a-session-role-after-the-dash-is-no-employer",
        ),
        pytest.param(
            "Brightwell Health announced that Omar Reyes, formerly of Tessaro Labs, has joined the company "
            "as "
            "its Chief Financial Officer.",
            "Omar Reyes",
            {("Chief Financial Officer", "Brightwell Health")},
            id="as-its-skips-the-organization-inside-the-appointees-apposition",
        ),
        pytest.param(
            '"We are pleased," said Jane Roe, newly-appointed Chief Executive Officer of Brightwell Health.',
            "Jane Roe",
            {("Chief Executive Officer", "Brightwell Health")},
            id="a-hyphenated-newly-appointed-opens-the-role",
        ),
        pytest.param(
            "Jane Roe's career has served as a bridge between local artists and global audiences.",
            "Jane Roe",
            set(),
            id="a-lower-case-phrase-after-and-is-no-title",
        ),
        pytest.param(
            "The gala was hosted by Emily Reyes, an award-winning radio producer and Head of Programming "
            "for The Harbor Dispatch, a weekly paper.",
            "Emily Reyes",
            {("Head of Programming", "The Harbor Dispatch")},
            id="a-description-then-and-a-title-for-an-organization",
        ),
        pytest.param(
            "Hosted by Justin Marsh, the show reaches a statewide and national audience interested in "
            "cities.",
            "Justin Marsh",
            set(),
            id="a-clause-before-and-is-no-description",
        ),
        pytest.param(
            "Panelists:\n\n* Jason Lund, Director of Network and Storage Platform Operations – Corvane\n"
            "* Nora Blix, Vice President – Sales\n",
            "Jason Lund",
            {("Director of Network and Storage Platform Operations", "Corvane")},
            id="a-name-after-the-dash-ending-a-list-line-is-the-employer",
        ),
    ],
)
def test_roles(nlp, body: str, person: str, expected: set[tuple[str, str | None]]) -> None:
    assert roles(nlp, body)[person] == expected


PANEL = (
    "WHO: Panel members include:\n\n* Nadia Brook, Chief Executive Officer – Lumivault\n"
    "* Ravi Menon, Chief Product and Revenue Officer, Latin America – Orbis Grid\n"
    "* Cole Harper, Senior Vice President, Land Acquisition – GRANITE DATAWORKS\n\nAbout Lumivault\n"
)


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        pytest.param("Nadia Brook", {("Chief Executive Officer", "Lumivault")}, id="title-dash-employer"),
        pytest.param(
            "Ravi Menon",
            {("Chief Product and Revenue Officer, Latin America", "Orbis Grid")},
            id="region-qualifier-then-dash-employer",
        ),
        pytest.param(
            "Cole Harper",
            {("Senior Vice President, Land Acquisition", "GRANITE DATAWORKS")},
            id="employer-the-model-missed-after-the-dash",
        ),
    ],
)
def test_list_lines_name_title_dash_employer(nlp, person: str, expected: set[tuple[str, str | None]]) -> None:
    assert roles(nlp, PANEL)[person] == expected


def test_the_company_resolves_to_the_issuer(nlp) -> None:
    body = (
        "Northwind Robotics Inc. today announced that the Company has appointed Clara Oduya as "
        "Chief Financial Officer. Oduya joins from a regional bank."
    )
    assert ("Chief Financial Officer", "Northwind Robotics Inc.") in roles(nlp, body)["Clara Oduya"]


def test_the_company_is_the_opening_subject_not_the_first_organization_mentioned(nlp) -> None:
    body = (
        "Following a review by Harbor Audit Partners, Northwind Robotics Inc. today announced that the "
        "Company has appointed Clara Oduya as Chief Financial Officer."
    )
    assert roles(nlp, body)["Clara Oduya"] == {("Chief Financial Officer", "Northwind Robotics Inc.")}


def test_the_company_is_the_organization_of_the_about_heading(nlp) -> None:
    body = (
        "Harbor Audit Partners reviewed the accounts. The Company has appointed Clara Oduya as Chief "
        "Financial Officer.\n\nAbout Lakeside Freight Ltd.\n\nLakeside Freight Ltd. moves goods by rail."
    )
    assert roles(nlp, body)["Clara Oduya"] == {("Chief Financial Officer", "Lakeside Freight Ltd.")}


def test_a_title_naming_its_employer_gets_no_issuer(nlp) -> None:
    body = (
        "Northwind Robotics Inc. today announced that the Company grew. Phillip Mertz, Co-founder and CEO "
        "of pgEdgy, joined the board."
    )
    assert roles(nlp, body)["Phillip Mertz"] == {("Co-founder and CEO of pgEdgy", None)}


def test_the_name_ending_a_said_clause_is_the_employer(nlp) -> None:
    assert roles(nlp, '"We grew," said Israel Krall, CEO & Co-Founder, Hyrova.')["Israel Krall"] == {
        ("CEO & Co-Founder", "Hyrova")
    }


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

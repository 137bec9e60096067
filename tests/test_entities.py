"""The entities stage on short releases written for these tests."""

from __future__ import annotations

import pytest

from pipeline.context import ReleaseContext
from pipeline.extractors import dateline, entities, structure
from pipeline.extractors.entities.candidate import Candidate
from pipeline.extractors.entities.propose import _trimmed, places_by_evidence

from .conftest import run_stages, run_until

HEADLINE = "A short headline for a test release\n\n"
DATELINE = "DENVER, Colo., May 4, 2021 /PRNewswire/ -- "


def run(nlp, body: str) -> ReleaseContext:
    text = HEADLINE + DATELINE + body
    return run_stages(nlp, text, structure, dateline, entities)


def names(records) -> list[str]:
    return [r.name for r in records]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "Maria Gonzalez, Chief Executive Officer of Brightwater Analytics, said the results were strong.",
            ["Maria Gonzalez"],
            id="name-with-title",
        ),
        pytest.param(
            "The board welcomed Mr. Daniel Okafor. Okafor previously led sales at a bank in Ohio.",
            ["Daniel Okafor"],
            id="honorific-dropped-and-surname-joins",
        ),
        pytest.param(
            "Shares of Quillon Robotics Inc. (NASDAQ: QRBT) rose after the announcement.",
            [],
            id="no-person-in-ticker-sentence",
        ),
        pytest.param(
            "Treasurer Frerichs spoke after Helen Frerichs arrived at the hall in Springfield.",
            ["Helen Frerichs"],
            id="role-word-before-surname",
        ),
        pytest.param(
            "The depot opens in May.\n\nMedia contact: Lena Moritz +1 (845) 555-0199\n",
            ["Lena Moritz"],
            id="phone-number-after-a-contact-name",
        ),
        pytest.param(
            '"The year was strong," said T.J. Varga, president of Merrow Freight Inc.',
            ["T.J. Varga"],
            id="run-together-initials-before-a-surname",
        ),
    ],
)
def test_people(nlp, body: str, expected: list[str]) -> None:
    assert names(run(nlp, body).people) == expected


def test_short_mentions_point_at_their_words(nlp) -> None:
    ctx = run(nlp, "Angela Whitfield joins the board. Whitfield served at Norvale Bank for a decade.")
    (person,) = ctx.people
    assert [m.text for m in person.mentions] == ["Angela Whitfield", "Whitfield"]
    assert all(ctx.text[m.start : m.end] == m.text for m in person.mentions)


@pytest.mark.parametrize(
    ("body", "present", "absent"),
    [
        pytest.param(
            "Teravolt Energy Holdings, Inc. signed an agreement with Halden Shipping Ltd. on Tuesday.",
            ["Teravolt Energy Holdings, Inc.", "Halden Shipping Ltd."],
            [],
            id="legal-suffixes-kept",
        ),
        pytest.param(
            "The company trades on the NYSE and announced its results through Business Wire.",
            [],
            ["NYSE", "Business Wire"],
            id="exchange-and-wire-are-not-organizations",
        ),
        pytest.param(
            "The Global Robotics Summit 2024 will be held at the Riverside Convention Center in Denver.",
            [],
            ["Global Robotics Summit 2024", "Riverside Convention Center"],
            id="events-and-venues-are-not-organizations",
        ),
        pytest.param(
            "The National Council for Water Safety (NCWS) issued a statement. NCWS will meet again in June.",
            ["National Council for Water Safety"],
            ["NCWS"],
            id="acronym-becomes-alias",
        ),
        pytest.param(
            "She previously worked at Pellham Media and Orbis Data Technologies before joining.",
            ["Pellham Media", "Orbis Data Technologies"],
            ["Pellham Media and Orbis Data Technologies"],
            id="coordinated-companies-split",
        ),
        pytest.param(
            "The Audit Committee of Carvello Foods Corporation approved the plan.",
            ["Carvello Foods Corporation"],
            ["Audit Committee"],
            id="board-committee-is-not-an-organization",
        ),
        pytest.param(
            "She joined The Marlow Group in 2020 after ten years at Pellham Media.",
            ["The Marlow Group", "Pellham Media"],
            ["Marlow Group"],
            id="a-capitalised-the-inside-a-sentence-is-part-of-the-name",
        ),
        pytest.param(
            "The Norvik Institute of Tides studies waves. Its director joined in May.",
            ["Norvik Institute of Tides"],
            ["The Norvik Institute of Tides"],
            id="a-the-opening-a-sentence-is-not",
        ),
        pytest.param(
            "Its clients include Greenfield Bank, Harbor Robotics, Velmont Tile Works, Pell Robotics, Sorrel "
            "Hill Dairy and Corvane Freight.",
            ["Velmont Tile Works", "Sorrel Hill Dairy", "Corvane Freight"],
            [],
            id="members-between-and-after-known-organizations",
        ),
        pytest.param(
            "The study cites Greenfield Bank, Harbor Robotics, Pell Robotics, MP4, Marlow J and Corvane "
            "Freight.",
            ["Corvane Freight"],
            ["MP4", "Marlow J"],
            id="codes-and-cited-authors-are-no-members",
        ),
        pytest.param(
            "Its clients include Greenfield Bank, Harbor Robotics, Pell Robotics, Corvane Freight, Tessel "
            "Group, and Marsh & Quist Partners.",
            ["Tessel Group", "Marsh & Quist Partners"],
            ["Quist Partners"],
            id="an-oxford-comma-and-an-ampersand-inside-the-last-name",
        ),
        pytest.param(
            "Silver sponsors are Greenfield Bank, Harbor Robotics, Pell Robotics and Omar Reyes.",
            [],
            ["Omar Reyes"],
            id="a-person-the-model-read-stays-a-person",
        ),
    ],
)
def test_organizations(nlp, body: str, present: list[str], absent: list[str]) -> None:
    found = names(run(nlp, body).organizations)
    for name in present:
        assert name in found
    for name in absent:
        assert name not in found


@pytest.mark.parametrize(
    "paragraph",
    [
        "Vantor Gold Corp (TSXV:VGC) said drilling will resume in May.",
        "Quillstone Holdings announced a new chief financial officer on Monday.",
    ],
)
def test_a_paragraph_may_open_with_the_company_name(nlp, paragraph: str) -> None:
    """Sentences start at every block, and a paragraph often opens with the company: a run of proper
    nouns ending in an organization word is a name there too, though NER missed it."""
    ctx = run_until(nlp, f"# Company news\n\n{paragraph}\n\nThe rest follows.", "entities")
    assert paragraph.split(" (")[0].split(" announced")[0] in names(ctx.organizations)


def test_acronym_is_listed_as_alias(nlp) -> None:
    ctx = run(nlp, "The National Council for Water Safety (NCWS) issued a statement. NCWS will meet in June.")
    council = next(o for o in ctx.organizations if o.name == "National Council for Water Safety")
    assert council.aliases == ["NCWS"]
    assert [m.text for m in council.mentions].count("NCWS") == 2


@pytest.mark.parametrize(
    ("body", "name", "count"),
    [
        pytest.param(
            "Lumora Systems, Inc. builds sensors. Customers of Lumora Systems include two airlines.",
            "Lumora Systems, Inc.",
            2,
            id="inc",
        ),
        pytest.param(
            "Shares of Tarvent Mining PLC rose. Tarvent Mining said output doubled.",
            "Tarvent Mining PLC",
            2,
            id="upper-case-plc",
        ),
    ],
)
def test_legal_suffix_variants_are_one_organization(nlp, body: str, name: str, count: int) -> None:
    found = [o for o in run(nlp, body).organizations if o.name.startswith(name.split()[0])]
    assert names(found) == [name]
    assert len(found[0].mentions) == count


@pytest.mark.parametrize(
    ("body", "present", "absent"),
    [
        pytest.param(
            "The tour visits Chicago, Detroit and Cleveland before returning home.",
            ["DENVER", "Chicago", "Detroit", "Cleveland"],
            [],
            id="dateline-city-and-body-cities",
        ),
        pytest.param(
            "The firm has offices in Germany, Texas and Ontario.",
            ["DENVER"],
            ["Germany", "Texas", "Ontario"],
            id="countries-states-provinces-are-not-cities",
        ),
        pytest.param(
            "Awards went to Xinhe District and Baoyun County for their transit projects.",
            ["Xinhe District", "Baoyun County"],
            [],
            id="district-level-places",
        ),
        pytest.param(
            "The tour stops in Mobile, Frankfurt and Island before heading to Kingdom.",
            ["Mobile", "Frankfurt"],
            ["Island", "Kingdom"],
            id="one-word-cities-that-are-words-must-be-towns",
        ),
        pytest.param(
            "Grants went to Wallaroo, Tumbarra, Kellington and Moorvale Councils for flood work.",
            ["Wallaroo", "Tumbarra", "Kellington", "Moorvale"],
            ["Moorvale Councils"],
            id="list-of-councils",
        ),
    ],
)
def test_cities(nlp, body: str, present: list[str], absent: list[str]) -> None:
    found = names(run(nlp, body).cities)
    for name in present:
        assert name in found
    for name in absent:
        assert name not in found


def test_dateline_city_carries_the_dateline_country(nlp) -> None:
    ctx = run(nlp, "Nothing else happens here.")
    denver = next(c for c in ctx.cities if c.name == "DENVER")
    assert denver.country == "United States"


def test_list_lines_give_organizations_and_cities(nlp) -> None:
    body = (
        "Winners were announced:\n\n"
        "WINNER: Copperleaf Bakery - Tacoma\n"
        "Finalist: Norden Tool Works, Inc. - Olympia\n"
        "Finalist: Bright Fern Nursery - Everett\n"
    )
    ctx = run(nlp, body)
    assert {"Copperleaf Bakery", "Norden Tool Works, Inc.", "Bright Fern Nursery"} <= set(
        names(ctx.organizations)
    )
    assert {"Tacoma", "Olympia", "Everett"} <= set(names(ctx.cities))
    assert names(ctx.people) == []


def test_quoted_titles_hold_no_entities(nlp) -> None:
    ctx = run(nlp, 'Jonas Berg gave a talk titled "How Paris Learned From Tokyo" at the forum.')
    assert names(ctx.cities) == ["DENVER"]
    assert names(ctx.people) == ["Jonas Berg"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("\n\n\n", id="blank-lines"),
        pytest.param("A" * 5000, id="one-long-token"),
        pytest.param(", " * 3000, id="many-commas"),
        pytest.param("Ünïcödé ☃ — “quoted” ‘text’ \u200b\u202e", id="unicode-junk"),
    ],
)
def test_odd_text_never_raises(nlp, text: str) -> None:
    ctx = run_stages(nlp, text, structure, dateline, entities)
    for record in [*ctx.people, *ctx.organizations, *ctx.cities]:
        assert all(text[m.start : m.end] == m.text for m in record.mentions)


@pytest.mark.parametrize(
    ("body", "absent_people", "absent_cities"),
    [
        pytest.param(
            "Read more about Legal QuandariesThe firm at Texaswww.example.com today.",
            ["Legal QuandariesThe"],
            ["Texaswww"],
            id="scraped-text-with-lost-spaces",
        ),
        pytest.param(
            "Promoting Healthy Lives is the theme chosen by Carla Mendes this year.",
            ["Promoting Healthy Lives"],
            [],
            id="verb-first-phrase",
        ),
        pytest.param(
            "The volunteers met at St. Louis and later in Ft. Myers with Mark R. from the club.",
            ["Mark R."],
            [],
            id="name-cut-at-an-initial",
        ),
    ],
)
def test_phrases_that_are_not_names(
    nlp, body: str, absent_people: list[str], absent_cities: list[str]
) -> None:
    ctx = run(nlp, body)
    for name in absent_people:
        assert name not in names(ctx.people)
    for name in absent_cities:
        assert name not in names(ctx.cities)


def test_city_with_abbreviated_saint(nlp) -> None:
    assert "St. Louis" in names(run(nlp, "The company moved its offices to St. Louis last spring.").cities)


def test_list_tail_joined_by_and_is_two_places(nlp) -> None:
    ctx = run(nlp, "Grants went to Springfield, Riverton and Lakewood for new parks.")
    assert "Riverton and Lakewood" not in names(ctx.organizations)


def test_credentials_after_a_name_are_not_organizations(nlp) -> None:
    ctx = run(nlp, "The study was led by Janet Morales, MPH, and Peter Quill, RN, at the county clinic.")
    assert not {"MPH", "RN"} & set(names(ctx.organizations))


def test_short_image_labels_hold_no_names_but_captions_do(nlp) -> None:
    body = (
        "![Maria Gonzalez](https://cdn.example.com/Daniel-Okafor.jpg)\n\n"
        "The plant opened on Monday.\n\n"
        "![Founders Daniel Okafor and Lena Brandt at the new plant](https://cdn.example.com/f.jpg)\n\n"
    )
    ctx = run(nlp, body)
    assert names(ctx.people) == ["Daniel Okafor", "Lena Brandt"]
    assert all(m.start > body.index("Founders") for p in ctx.people for m in p.mentions)


@pytest.mark.parametrize(
    ("body", "city", "person"),
    [
        pytest.param(
            "She is also the head coach for the Chagrin Falls, Ohio, Tigers.",
            "Chagrin Falls",
            None,
            id="state",
        ),
        pytest.param(
            "The clinic was founded by David Pulver, MD, in 1990 in Boca Raton, Fla. and grew.",
            "Boca Raton",
            "David Pulver",
            id="credential-is-no-state",
        ),
    ],
)
def test_a_name_followed_by_its_state_is_a_place(nlp, body: str, city: str, person: str | None) -> None:
    ctx = run(nlp, body)
    assert city in names(ctx.cities)
    assert city not in names(ctx.people)
    assert names(ctx.people) == ([person] if person else [])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "Guests enjoy Lunch Break sessions and Space Saving shelves, said Maria Gonzalez, the owner.",
            ["Maria Gonzalez"],
            id="phrases",
        ),
        pytest.param(
            "Hidden Brains won the contract, according to Daniel Okafor.", ["Daniel Okafor"], id="company"
        ),
        # Names outside the census lists stay people when their words are not common English words.
        pytest.param(
            "Vivid Dental welcomed Dr. Tejas Mehta and Ngozi Okafor to its team.",
            ["Tejas Mehta", "Ngozi Okafor"],
            id="brand-beside-people",
        ),
    ],
)
def test_phrases_of_common_words_are_not_people(nlp, body: str, expected: list[str]) -> None:
    assert names(run(nlp, body).people) == expected


def test_navigation_links_and_newswires_are_not_organizations(nlp) -> None:
    body = (
        "Quillon Robotics Inc. opened a plant in Dayton. Read more at "
        "[Quillon Robotics](https://example.com/Norvale-Bank).\n\n"
        "About FoodTechNewsWire\n\nFoodTechNewsWire is a news service for investors.\n\n"
        "---\n\n[Original/Source Press Release](https://example.com/pr/123)\n"
    )
    found = names(run(nlp, body).organizations)
    assert "Quillon Robotics Inc." in found
    assert not any("Original" in n or "Source" in n or "NewsWire" in n or "Norvale" in n for n in found)


@pytest.mark.parametrize(
    ("name", "evidence"),
    [
        pytest.param("Harbor Foundation", True, id="org-head-word"),
        pytest.param("Quillon Robotics Inc.", True, id="legal-suffix"),
        pytest.param("Grace Hall", False, id="given-name-and-surname"),
        pytest.param("Foundation", False, id="one-word"),
        pytest.param("Ada Kim", False, id="a-person"),
    ],
)
def test_evidence_of_an_organization(name: str, evidence: bool) -> None:
    from pipeline.extractors.entities.propose import has_org_evidence

    assert has_org_evidence(name) is evidence


def test_a_person_typed_span_with_an_organization_word_is_retyped_not_dropped() -> None:
    from pipeline.extractors.entities.candidate import Candidate
    from pipeline.extractors.entities.propose import person_by_title

    text = "Funding came from the Tidewater Foundation."
    start = text.index("Tidewater")
    cand = Candidate("person", start, start + len("Tidewater Foundation"))
    assert person_by_title(text, cand).kind == "org"


@pytest.mark.parametrize(
    "listing",
    [
        pytest.param(
            "The 2031 Coastal Builders honorees are:\n\nHarwick Stone Partners LLC\n\n"
            "Lumen Glassworks Inc.\n\nTidewater Foundation\n",
            id="one-name-per-line",
        ),
        pytest.param(
            "The 2031 Coastal Builders honorees are:\n\n* Harwick Stone Partners LLC – Salem\n"
            "* Lumen Glassworks Inc. – Dover\n* Tidewater Foundation – Kent\n",
            id="bullets-with-a-place",
        ),
    ],
)
def test_names_standing_alone_in_a_list_are_organizations_by_their_form(nlp, listing: str) -> None:
    organizations = names(run(nlp, listing).organizations)
    assert {"Harwick Stone Partners LLC", "Lumen Glassworks Inc.", "Tidewater Foundation"} <= set(
        organizations
    )


def test_a_name_cut_before_its_company_form_is_read_from_its_first_word(nlp) -> None:
    ctx = run(nlp, "The agreement with nuvio Foods LLC was signed in Boston on Monday.")
    assert "nuvio Foods LLC" in names(ctx.organizations)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        pytest.param("Nora Castillo", "person", id="given-name-and-surname"),
        pytest.param("Jordan Life", "org", id="country-first"),
        pytest.param("Grace Hall Foundation", "org", id="organization-word"),
        pytest.param("Harbor Robotics", "org", id="no-given-name"),
    ],
)
def test_an_organization_typed_span_with_a_person_s_name_is_a_person(name: str, kind: str) -> None:
    from pipeline.extractors.entities.candidate import Candidate
    from pipeline.extractors.entities.propose import person_by_title

    text = f"{name} will speak at the summit."
    assert person_by_title(text, Candidate("org", 0, len(name))).kind == kind


def test_a_name_followed_by_a_title_among_its_next_words_is_a_person() -> None:
    from pipeline.extractors.entities.candidate import Candidate
    from pipeline.extractors.entities.propose import person_by_title

    text = "Yaya Lim, Global BD Director of CoinHarbor, joined the panel."
    assert person_by_title(text, Candidate("org", 0, len("Yaya Lim"))).kind == "person"


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        pytest.param(
            "Acme said its co-founder and CEO, Tavi Oruno, will speak.",
            "Tavi Oruno",
            "person",
            id="title-after-a-possessive",
        ),
        pytest.param(
            "The deal was signed by CEO Tavi Oruno on Monday.",
            "Tavi Oruno",
            "person",
            id="title-right-before",
        ),
        pytest.param(
            "Guests heard Tavi Oruno, deputy director of the Port Office.",
            "Tavi Oruno",
            "person",
            id="lower-case-title-after",
        ),
        pytest.param(
            "Ada Kim, CEO, Harbor Robotics, spoke.",
            "Harbor Robotics",
            "org",
            id="an-employer-after-a-title-and-comma",
        ),
        pytest.param(
            "We named a partner Harbor Robotics in May.",
            "Harbor Robotics",
            "org",
            id="partner-is-no-title-before-a-name",
        ),
        pytest.param(
            "Chief Medical Officer\n\nHarbor Robotics grew.",
            "Harbor Robotics",
            "org",
            id="a-title-on-the-line-above",
        ),
    ],
)
def test_a_title_next_to_an_organization_typed_name_makes_it_a_person(
    text: str, name: str, kind: str
) -> None:
    from pipeline.extractors.entities.candidate import Candidate
    from pipeline.extractors.entities.propose import person_by_title

    start = text.index(name)
    assert person_by_title(text, Candidate("org", start, start + len(name))).kind == kind


@pytest.mark.parametrize(
    ("body", "absent", "present"),
    [
        pytest.param(
            "Harbor Robotics ships today. Follow us on LinkedIn and Instagram for updates.",
            ["LinkedIn", "Instagram"],
            ["Harbor Robotics"],
            id="platforms-named-as-channels",
        ),
        pytest.param(
            "Harbor Robotics sells Final Expense (FE) plans under the Affordable Care Act (ACA) rules, "
            "with a grant from the Jewish Federations of North America (JFNA).",
            ["FE", "ACA"],
            ["Harbor Robotics"],
            id="acronym-of-a-phrase-that-is-no-organization",
        ),
    ],
)
def test_names_that_are_not_organizations_here(nlp, body: str, absent: list[str], present: list[str]) -> None:
    found = names(run(nlp, body).organizations)
    assert not set(absent) & set(found)
    assert set(present) <= set(found)


def test_credentials_after_a_full_name_do_not_make_it_an_organization(nlp) -> None:
    ctx = run(nlp, "Joseph H. Powell, AIA, LEED AP, is a principal with Harwick Stone Architects.")
    assert "Joseph H. Powell" in names(ctx.people)


def test_a_list_of_towns_each_with_its_province_gives_the_towns(nlp) -> None:
    ctx = run(
        nlp,
        "The award went to five counties, including Tonglu in Zhejiang, Pingnan in Fujian, Lushi in Henan, "
        "Zhuolu in Hebei and Fengjie in Chongqing.",
    )
    assert {"Tonglu", "Pingnan", "Lushi", "Zhuolu", "Fengjie"} <= set(names(ctx.cities))


def _candidates(text: str, spans: list[tuple[str, str]]) -> list[Candidate]:
    starts = [text.index(written) for _, written in spans]
    return [
        Candidate(kind, start, start + len(written))
        for (kind, written), start in zip(spans, starts, strict=True)
    ]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "spans", "place", "kind"),
    [
        pytest.param(
            "Offices in Paris and Lyon.", [("city", "Lyon")], "Lyon", "city", id="gazetteer-knows-it"
        ),
        pytest.param(
            "A farm in Cecil County.",
            [("city", "Cecil County")],
            "Cecil County",
            "city",
            id="place-word-ends-it",
        ),
        pytest.param(
            "Dana Ruiz - Greensburg, IN\n",
            [("city", "Greensburg")],
            "Greensburg",
            "city",
            id="state-code-follows",
        ),
        pytest.param(
            "The awards went to Tonglu in Zhejiang.",
            [("city", "Tonglu")],
            "Tonglu",
            "city",
            id="in-a-province-follows",
        ),
        pytest.param(
            "A ranch near Bexwold opened.",
            [("city", "Bexwold")],
            "Bexwold",
            "city",
            id="place-preposition-before",
        ),
        pytest.param(
            "Councils of Wendale, Corrin and Melbourne won.",
            [("city", "Wendale"), ("city", "Corrin"), ("city", "Melbourne")],
            "Corrin",
            "city",
            id="listed-beside-a-known-city",
        ),
        pytest.param(
            "WINNER: Cedarvale Orchards - Lutherville\n",
            [("org", "Cedarvale Orchards"), ("city", "Lutherville")],
            "Lutherville",
            "city",
            id="town-after-a-named-winner-on-a-list-line",
        ),
        pytest.param(
            "* Ann Lee, Chief Sustainability Officer – Tallowmere\n",
            [("city", "Tallowmere")],
            "Tallowmere",
            None,
            id="employer-after-a-title-is-no-place",
        ),
        pytest.param(
            "The grant came from Brightwell Quay.",
            [("city", "Brightwell Quay")],
            "Brightwell Quay",
            None,
            id="no-evidence-no-place",
        ),
    ],
)
def test_places_need_evidence(text: str, spans: list[tuple[str, str]], place: str, kind: str | None) -> None:
    found = {text[c.start : c.end]: c.kind for c in places_by_evidence(text, _candidates(text, spans))}
    assert found.get(place) == kind


@pytest.mark.parametrize(
    ("text", "short", "name"),
    [
        pytest.param(
            "Norla Skin makes serums. Norla Skin ships in May. Ask Norla Skin.",
            "Norla",
            "Norla Skin",
            id="the-same-word-follows-every-time",
        ),
        pytest.param(
            "Quill Rational sells tools. Quill bought it. Quill Rational grew. Quill won.",
            "Quill",
            "Quill",
            id="written-alone-too-often",
        ),
        pytest.param("Pell CEO Ada Kim spoke. Pell CEO Bo Lin left.", "Pell", "Pell", id="a-title-follows"),
    ],
)
def test_a_word_that_always_follows_a_name_is_part_of_it(nlp, text: str, short: str, name: str) -> None:
    from pipeline.extractors.entities.candidate import Candidate
    from pipeline.extractors.entities.group import group_organizations

    ctx = run(nlp, text)
    start = ctx.text.index(short)
    (org,) = group_organizations(ctx, [Candidate("org", start, start + len(short))], frozenset())
    assert org.name == name
    assert all(ctx.text[m.start : m.end] == m.text for m in org.mentions)


@pytest.mark.parametrize(
    ("line", "pieces"),
    [
        pytest.param("About Ad GuildFounded in 1952", ["About Ad Guild", " in 1952"], id="opener-glued"),
        pytest.param("About VorlexVorlex is fast", ["About Vorlex", "Vorlex is fast"], id="repeat-glued"),
        pytest.param(
            "Research InstituteThe QA Institute", ["Research Institute", "The QA Institute"], id="the"
        ),
        pytest.param("Follow us on LinkedIn today", ["Follow us on LinkedIn today"], id="camel-case-brand"),
    ],
)
def test_a_heading_glued_to_its_paragraph_is_cut(line: str, pieces: list[str]) -> None:
    from pipeline.extractors.entities.propose import _unglued

    assert [line[s:e] for s, e in _unglued(line, 0, len(line))] == pieces


def test_a_brand_written_glued_more_than_once_is_not_cut() -> None:
    from pipeline.extractors.entities.propose import _unglued

    text = "PlushThis toys. Buy PlushThis now."
    assert [text[s:e] for s, e in _unglued(text, 0, len(text))] == [text]


def test_a_name_grown_by_its_next_word_joins_the_record_that_holds_it(nlp) -> None:
    from pipeline.extractors.entities.candidate import Candidate
    from pipeline.extractors.entities.group import group_organizations

    ctx = run(nlp, "Zil Money Corp. ships. Zil Money grew. Zil Money hired. Zil Money won.")
    text = ctx.text
    long_start = text.index("Zil Money Corp.")
    short = [
        i
        for i in range(len(text))
        if text.startswith("Zil Money grew", i) or text.startswith("Zil Money hi", i)
    ]
    candidates = [Candidate("org", long_start, long_start + len("Zil Money Corp."))]
    candidates += [Candidate("org", i, i + len("Zil")) for i in short]
    (org,) = group_organizations(ctx, candidates, frozenset())
    assert org.name == "Zil Money Corp."


@pytest.mark.parametrize(
    ("body", "present", "absent"),
    [
        pytest.param(
            "Most Improved went to Dan & Irene Reyes of Norwalk.", ["Dan", "Irene Reyes"], [], id="couple"
        ),
        pytest.param(
            "The duo Josh & Patty Brickey hosted. Josh Brickey thanked the crowd.",
            ["Josh Brickey", "Patty Brickey"],
            ["Josh"],
            id="named-in-full-elsewhere",
        ),
        pytest.param(
            "Brokers Pat Kent and Parker Walter represented the seller.",
            [],
            ["Kent"],
            id="end-of-another-name",
        ),
    ],
)
def test_the_given_name_before_a_couple_s_surname_is_a_person(
    nlp, body: str, present: list[str], absent: list[str]
) -> None:
    found = names(run(nlp, body).people)
    assert all(name in found for name in present), found
    assert not any(name in found for name in absent), found


@pytest.mark.parametrize(
    ("body", "present", "absent"),
    [
        pytest.param(
            "Winners •\tRookie of the Year – Dana Poe - Lutherville, MD "
            "•\tTeam Player – Lee Vance - Urbandale, IA",
            ["Lutherville", "Urbandale"],
            [],
            id="flattened-list-towns",
        ),
        pytest.param("The clinic opened in Urbandale, IA last May.", ["Urbandale"], [], id="in-town-code"),
        pytest.param(
            "Speakers:\n\n- Andrey Espinoza, MD\n- Lena Moss, MD\n", [], ["Andrey Espinoza"], id="doctor"
        ),
    ],
)
def test_a_town_before_a_state_code_is_a_city(nlp, body: str, present: list[str], absent: list[str]) -> None:
    found = names(run(nlp, body).cities)
    assert all(name in found for name in present), found
    assert not any(name in found for name in absent), found


def test_a_list_line_after_a_title_or_an_honour_names_no_place(nlp) -> None:
    body = (
        "Honorees:\n\nSpecial Honour – Tavi Oruno\nChief Sustainability Officer – Pellworth Foods\n"
        "Quillon Robotics – Tacoma\nNorvik Labs – Olympia\n"
    )
    cities = names(run(nlp, body).cities)
    assert "Olympia" in cities
    assert "Tavi Oruno" not in cities and "Pellworth Foods" not in cities


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("Flights to Hong Kong resume.", "city", id="city-state"),
        pytest.param("Our new office in Coral Gables opens.", "city", id="known-city"),
        pytest.param("“We grew,” said Albert Li, Head of Business at MC Prime.", "person", id="titled"),
    ],
)
def test_a_person_typed_name_that_geonames_knows_as_a_city_is_a_city(text: str, kind: str) -> None:
    from pipeline.extractors.entities.candidate import Candidate
    from pipeline.extractors.entities.propose import place_by_region

    for name in ("Hong Kong", "Coral Gables", "Albert Li"):
        if name in text:
            start = text.index(name)
            assert place_by_region(text, Candidate("person", start, start + len(name))).kind == kind


def test_a_longer_name_the_text_describes_as_a_company_is_kept(nlp) -> None:
    from pipeline.extractors.entities.candidate import Candidate
    from pipeline.extractors.entities.group import group_organizations

    ctx = run(
        nlp,
        "Quill Cell Medicines, a biotechnology company, grew. Quill hired. Quill® Cell Medicines won.",
    )
    text = ctx.text
    spans = [
        ("Quill Cell Medicines", 0),
        ("Quill", text.index("Quill hired")),
        ("Quill® Cell Medicines", 0),
    ]
    candidates = [
        Candidate("org", (start := text.index(name, offset)), start + len(name)) for name, offset in spans
    ]
    found = sorted(org.name for org in group_organizations(ctx, candidates, frozenset()))
    assert found == ["Quill", "Quill Cell Medicines"]


def test_a_longer_name_that_is_not_described_is_a_product(nlp) -> None:
    from pipeline.extractors.entities.candidate import Candidate
    from pipeline.extractors.entities.group import group_organizations

    ctx = run(nlp, "Quill Cloud Studio ships today. Quill hired staff.")
    text = ctx.text
    candidates = [
        Candidate("org", (start := text.index(name)), start + len(name))
        for name in ("Quill Cloud Studio", "Quill")
    ]
    assert [org.name for org in group_organizations(ctx, candidates, frozenset())] == ["Quill"]


@pytest.mark.parametrize(
    ("text", "short", "name"),
    [
        pytest.param(
            "Norla Inc. grew. Norla Inc. hired. Norla Inc. won.",
            "Norla",
            "Norla",
            id="a-company-form-is-no-tail",
        ),
        pytest.param(
            "Pell Rising Star Awards went out. Pell Rising Star Awards grew. Pell Rising Star Awards won.",
            "Pell",
            "Pell",
            id="the-word-opens-an-award-name",
        ),
    ],
)
def test_words_that_do_not_grow_a_name(nlp, text: str, short: str, name: str) -> None:
    from pipeline.extractors.entities.candidate import Candidate
    from pipeline.extractors.entities.group import group_organizations

    ctx = run(nlp, text)
    start = ctx.text.index(short)
    (org,) = group_organizations(ctx, [Candidate("org", start, start + len(short))], frozenset())
    assert org.name == name


def test_capital_codes_after_post_nominals_are_credentials_not_organizations(nlp) -> None:
    ctx = run(nlp, "Dr. Ada Moreno, MD, FACC, FSCAI, will lead the unit at Harbor Health.")
    assert not {"FACC", "FSCAI"} & set(names(ctx.organizations))
    listed = run(nlp, "The board named Ana Ruiz, CEO, IBM, as chair; Acme, IBM and Oracle agreed.")
    assert "IBM" in names(listed.organizations)  # no post-nominal before it: a company
    employer = run(
        nlp, "Panelists include Jane Roe, PhD, NASA; Omar Reyes, MD, UCLA; and Ana Ruiz, MBA, IBM."
    )
    assert {"NASA", "UCLA"} <= set(names(employer.organizations))  # the run ends with the employer


def test_a_generational_suffix_belongs_to_the_name(nlp) -> None:
    ctx = run(
        nlp, "The award went to Bob Lund III, and John Marsh IV thanked the jury. Phase II trials began."
    )
    assert {"Bob Lund III", "John Marsh IV"} <= set(names(ctx.people))


@pytest.mark.parametrize(
    ("text", "cut", "kept"),
    [
        pytest.param(
            "Dr. Luis Ferrer-Quintana of Lakeshore College spoke.",
            "Dr. Luis Ferrer",
            "Luis Ferrer-Quintana",
            id="double-barrelled-surname",
        ),
        pytest.param(
            "including Pete Lund-Chief Marketing Officer-Hansons", "Pete Lund", "Pete Lund", id="glued-title"
        ),
        pytest.param("Jane Roe-Led Startup Raises Seed Round", "Jane Roe", "Jane Roe", id="glued-participle"),
    ],
)
def test_a_person_span_the_model_cut_keeps_its_surname_half_and_suffix(
    text: str, cut: str, kept: str
) -> None:
    """The model sometimes stops at a double-barrelled surname's hyphen; a title glued on is no surname."""
    start = text.index(cut)
    spans = list(_trimmed(text, start, start + len(cut), "person"))
    assert [text[s:e] for s, e in spans] == [kept]


@pytest.mark.parametrize(
    ("name", "person"),
    [
        pytest.param("T.J. Varga", True, id="initials-before-a-surname"),
        pytest.param("Nora A.S. Lindqvist", True, id="middle-initials"),
        pytest.param("U.S. Tom Marsh", False, id="a-country-is-no-initials"),
        pytest.param("D.C. Tiller", False, id="a-district-is-no-initials"),
        pytest.param("Varga T.J.", False, id="initials-last"),
    ],
)
def test_run_together_initials_open_a_name_but_never_end_it(name: str, person: bool) -> None:
    from pipeline.extractors.entities.filters import looks_like_person

    assert looks_like_person(name) is person

"""The awards stage on short releases written for these tests."""

from __future__ import annotations

import pytest

from pipeline.context import ReleaseContext
from pipeline.extractors import affiliations, awards, dateline, entities, structure
from pipeline.extractors.awards.counts import number_value

from .conftest import run_stages

HEADLINE = "A short headline for a test release\n\n"
DATELINE = "DENVER, Colo., May 4, 2021 /PRNewswire/ -- "


def run(nlp, body: str) -> ReleaseContext:
    text = HEADLINE + DATELINE + body
    return run_stages(nlp, text, structure, dateline, entities, awards)


def summary(ctx: ReleaseContext) -> list[tuple[str, list[str]]]:
    return [(a.name, [w.name for w in a.winners]) for a in ctx.awards]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "Brightwater Analytics won the Regional Innovation Award for its flood sensors.",
            [("Regional Innovation Award", ["Brightwater Analytics"])],
            id="x-won-the-award",
        ),
        pytest.param(
            "This year the Harbor Design Prize went to Quillon Robotics, Norvale Bank and Tesserine Labs.",
            [("Harbor Design Prize", ["Quillon Robotics", "Norvale Bank", "Tesserine Labs"])],
            id="award-went-to-list",
        ),
        pytest.param(
            "Winners of the Coastal Builder Awards include Marlow Homes, Pinecrest Construction and "
            "Gable & Sons.",
            [("Coastal Builder Awards", ["Marlow Homes", "Pinecrest Construction", "Gable & Sons"])],
            id="winners-include",
        ),
        pytest.param(
            "Oakridge Foods, Kestrel Mills and Sunfield Dairy were named winners of the "
            "Prairie Export Award.",
            [("Prairie Export Award", ["Oakridge Foods", "Kestrel Mills", "Sunfield Dairy"])],
            id="list-were-named-winners",
        ),
        pytest.param(
            "Ravenwood Schools Inc., a charter network, was recognized as the winner of "
            "the Civic Trust Award.",
            [("Civic Trust Award", ["Ravenwood Schools Inc."])],
            id="appositive-is-not-a-winner",
        ),
    ],
)
def test_sentence_patterns(nlp, body: str, expected) -> None:
    assert summary(run(nlp, body)) == expected


def test_heading_with_winner_lines_skips_finalists(nlp) -> None:
    body = (
        "The chamber announced its honorees.\n\n"
        "Employer of the Year\n"
        "WINNER: Copperleaf Bakery - Tacoma\n"
        "Finalist: Northgate Cycles - Olympia\n\n"
        "Newcomer of the Year\n"
        "WINNER: Bluewater Kayaks - Everett\n"
    )
    assert summary(run(nlp, body)) == [
        ("Employer of the Year", ["Copperleaf Bakery"]),
        ("Newcomer of the Year", ["Bluewater Kayaks"]),
    ]


def test_award_colon_winner_lines(nlp) -> None:
    body = "The guild honoured its members.\n\n- Craft Medal: Tobias Renner\n- Mentor Award: Alina Petrescu\n"
    assert summary(run(nlp, body)) == [
        ("Craft Medal", ["Tobias Renner"]),
        ("Mentor Award", ["Alina Petrescu"]),
    ]


def test_markdown_table(nlp) -> None:
    body = (
        "Results were announced.\n\n"
        "| Award | Winner |\n|---|---|\n"
        "| Green Fleet Award | Halvorsen Freight |\n"
        "| Safety Honour | Dunmore Logistics |\n"
    )
    assert summary(run(nlp, body)) == [
        ("Green Fleet Award", ["Halvorsen Freight"]),
        ("Safety Honour", ["Dunmore Logistics"]),
    ]


def test_count_and_including_make_an_incomplete_record(nlp) -> None:
    ctx = run(
        nlp,
        "A total of 12 towns won the Clean Streets Award, including Springfield, Riverton, Lakewood, etc.",
    )
    (award,) = ctx.awards
    assert award.stated_count == 12
    assert [w.name for w in award.winners] == ["Springfield", "Riverton", "Lakewood"]
    assert award.complete is False


def test_places_in_a_list_keep_the_first_name(nlp) -> None:
    ctx = run(
        nlp,
        "The Smart Town Award went to three towns, including Alderby in Kent, Brisford in Essex and Colham.",
    )
    (award,) = ctx.awards
    assert award.stated_count == 3
    assert [w.name for w in award.winners] == ["Alderby", "Brisford", "Colham"]


def test_smaller_stated_count_is_a_warning(nlp) -> None:
    ctx = run(
        nlp, "Two firms, Quillon Robotics, Norvale Bank and Tesserine Labs, won the Harbor Design Prize."
    )
    (award,) = ctx.awards
    assert award.stated_count == 2
    assert len(award.winners) == 3
    assert award.warnings


def test_mentions_ground_name_and_winners(nlp) -> None:
    ctx = run(nlp, "Brightwater Analytics won the Regional Innovation Award.")
    (award,) = ctx.awards
    texts = [m.text for m in award.mentions]
    assert texts == ["Regional Innovation Award", "Brightwater Analytics"]
    assert all(ctx.text[m.start : m.end] == m.text for m in award.mentions)


def test_award_without_winners_is_no_record(nlp) -> None:
    assert run(nlp, "The Regional Innovation Award ceremony will take place in June.").awards == []


@pytest.mark.parametrize(
    ("written", "value"),
    [
        pytest.param("25", 25, id="digits"),
        pytest.param("seven", 7, id="word"),
        pytest.param("Ten", 10, id="capitalised-word"),
        pytest.param("twenty-five", 25, id="hyphenated"),
    ],
)
def test_number_value(written: str, value: int) -> None:
    assert number_value(written) == value


def test_winner_with_role_words_is_the_person(nlp) -> None:
    from pipeline.extractors import affiliations, speeches

    text = (
        "Chamber honors local leaders\n\nBOSTON, May 2, 2023 /PRNewswire/ -- The Civic Leader Award went to "
        "County Commissioner Michael Johnson and Deputy Mayor Sarah Williams.\n"
    )
    ctx = run_stages(nlp, text, structure, dateline, entities, affiliations, speeches, awards)
    (award,) = ctx.awards
    assert [w.name for w in award.winners] == ["Michael Johnson", "Sarah Williams"]
    assert {w.kind for w in award.winners} == {"person"}


def test_a_winners_title_is_no_winner(nlp) -> None:
    body = (
        "Jane Roe, MPH, Health Director for Eastfield County Public Health, was awarded the Health "
        "Director of the Year Award. The award honors service."
    )
    ctx = run_stages(nlp, HEADLINE + DATELINE + body, structure, dateline, entities, affiliations, awards)
    assert summary(ctx) == [("Health Director of the Year Award", ["Jane Roe"])]


def test_a_phrase_opening_with_a_verb_is_no_winner(nlp) -> None:
    text = (
        "# Bright Start Award: Celebrating Ten Years of Family Care\n\n"
        + DATELINE
        + "The Bright Start Award marks its tenth season this year."
    )
    assert run_stages(nlp, text, structure, dateline, entities, awards).awards == []

"""The awards stage on short releases written for these tests, run after the production stages."""

from __future__ import annotations

import pytest

from pipeline.context import ReleaseContext
from pipeline.extractors.awards.counts import number_value
from pipeline.extractors.awards.leads import why_not_a_lead
from pipeline.extractors.awards.winners import why_not_a_winner

from .conftest import run_until

HEADLINE = "A short headline for a test release\n\n"
DATELINE = "DENVER, Colo., May 4, 2031 /PRNewswire/ -- "


def run(nlp, body: str) -> ReleaseContext:
    return run_until(nlp, HEADLINE + DATELINE + body, "awards")


def summary(ctx: ReleaseContext) -> list[tuple[str, list[str]]]:
    return [(a.name, [w.name for w in a.winners]) for a in ctx.awards]


PROSE = [
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
        "Winners of the Coastal Builder Awards include Marlow Homes, Pinecrest Homes and Gable & Sons.",
        [("Coastal Builder Awards", ["Marlow Homes", "Pinecrest Homes", "Gable & Sons"])],
        id="winners-of-include",
    ),
    pytest.param(
        "Ravenwood Schools Inc., a charter network, was recognized as a winner of the Civic Trust Award.",
        [("Civic Trust Award", ["Ravenwood Schools Inc."])],
        id="appositive-is-not-a-winner",
    ),
    pytest.param(
        "The panel also granted two Special Merit Awards to Mara Quint of Fathom Ltd and Leo Voss.",
        [("Special Merit Awards", ["Mara Quint", "Leo Voss"])],
        id="granted-to",
    ),
    pytest.param(
        "The Tidewater Gala honored its volunteers. The night's top honor, the Beacon Award, went to "
        "Harlow Fisheries.",
        [("Beacon Award", ["Harlow Fisheries"])],
        id="plain-honour-word-with-the-name-in-apposition",
    ),
    pytest.param(
        "Ada Kim received the Lighthouse Medal. The inaugural honor went to Norvik Labs.",
        [("Lighthouse Medal", ["Ada Kim", "Norvik Labs"])],
        id="honour-word-points-to-the-award-last-named",
    ),
    pytest.param(
        "Pell Robotics announced today that it has been named to the Growth 500 list.",
        [("Growth 500", ["Pell Robotics"])],
        id="it-is-the-reporting-company",
    ),
    pytest.param(
        "The Quarry Trust has announced Jana Holm as the recipient of its 2031 Stewardship Award.",
        [("2031 Stewardship Award", ["Jana Holm"])],
        id="announced-x-as-the-recipient",
    ),
    pytest.param(
        "Orrin Vale has received over 40 awards, including the Marlow Medal of Science and the Tasman "
        "Prize for Engineering.",
        [("Marlow Medal of Science", ["Orrin Vale"]), ("Tasman Prize for Engineering", ["Orrin Vale"])],
        id="awards-listed-after-including",
    ),
    pytest.param(
        "The Harbor Sailing Hall of Fame inducted its Class of 2031: Ada Kim, Leo Voss and Mara Quint.",
        [("Harbor Sailing Hall of Fame", ["Ada Kim", "Leo Voss", "Mara Quint"])],
        id="hall-of-fame-class",
    ),
    pytest.param(
        "Pell Robotics won the 2031 Founders Pitch Competition in Austin.",
        [("2031 Founders Pitch Competition", ["Pell Robotics"])],
        id="competition-without-award-word",
    ),
    pytest.param(
        "Kestrel Mills was named one of the “Best Employers for Women 2031” by the magazine.",
        [("Best Employers for Women 2031", ["Kestrel Mills"])],
        id="quoted-ranking-after-named-one-of",
    ),
    pytest.param(
        "The Harbor Chamber gave its Fisher Awards this week. Regional winners were Dunmore Bakery (Bread), "
        "Halvard Mills (Flour) and Orla Foods (Snacks).",
        [("Fisher Awards", ["Dunmore Bakery", "Halvard Mills", "Orla Foods"])],
        id="prose-that-never-repeats-the-name",
    ),
    pytest.param(
        "The Sandbar Awards were presented on Friday. Dunmore Bakery was recognized in the Retail category, "
        "while Halvard Mills and Orla Foods were honoured in the Trade category.",
        [("Sandbar Awards", ["Dunmore Bakery", "Halvard Mills", "Orla Foods"])],
        id="categories-in-prose-go-to-the-award",
    ),
]


PROSE_MORE = [
    pytest.param(
        "Corvel Systems received the Rivergate Cloud Award and the Harbor Security Award.",
        [("Rivergate Cloud Award", ["Corvel Systems"]), ("Harbor Security Award", ["Corvel Systems"])],
        id="two-named-awards-joined-by-and",
    ),
    pytest.param(
        "Corvel Systems won the 2031 Channel Partner of the Year Award.",
        [("2031 Channel Partner of the Year Award", ["Corvel Systems"])],
        id="partner-inside-an-award-name",
    ),
    pytest.param(
        "The Orchid Prize went to Tamsin Roe, Quenby Labs and Marcus Bellweather.",
        [("Orchid Prize", ["Tamsin Roe", "Quenby Labs", "Marcus Bellweather"])],
        id="people-and-a-company-in-one-list",
    ),
    pytest.param(
        "The Orchid Prize went to José Núñez, Ana María O’Neill and D’Angelo Ruiz.",
        [("Orchid Prize", ["José Núñez", "Ana María O’Neill", "D’Angelo Ruiz"])],
        id="names-beyond-ascii",
    ),
    pytest.param(
        "The Boise Chamber today announced the 2031 Gem Award winners: Quenby Labs, Halvern Biotech and "
        "Corvel Systems.",
        [("2031 Gem Award", ["Quenby Labs", "Halvern Biotech", "Corvel Systems"])],
        id="winner-noun-then-colon-list",
    ),
    pytest.param(
        "Several companies won the Orchid Prize, including Corvel Systems and Halvern Biotech.",
        [("Orchid Prize", ["Corvel Systems", "Halvern Biotech"])],
        id="uncounted-subject-then-including",
    ),
    pytest.param(
        "The winners will be honored in four categories, including Fleet Safety, Cold Storage and the "
        "Harbor Logistics Program of the Year.",
        [],
        id="including-list-of-categories-names-no-winner",
    ),
    pytest.param(
        "The judges selected Quenby Labs as the Judges’ Choice Award winner. The audience selected "
        "Halvern Biotech as the winner of the People's Choice Award.",
        [("Judges’ Choice Award", ["Quenby Labs"]), ("People's Choice Award", ["Halvern Biotech"])],
        id="owner-before-choice-award",
    ),
    pytest.param(
        "Riverton Council and Halvern Expo selected 36 companies as winners of the 2031 Gem Awards.",
        [],
        id="active-verb-its-object-won-not-its-subject",
    ),
    pytest.param(
        "Quenby Arts will stage Brightlines, the musical that was the recipient of the 2030 Orchid Prize. "
        "Halvern Biotech, which was the winner of the 2030 Gem Award, opened a plant.",
        [("2030 Gem Award", ["Halvern Biotech"])],
        id="relative-clause-names-its-antecedent",
    ),
    pytest.param(
        "Dr. Tamsin Roe trained at Halvern Health Center in Boise, where she was the recipient of the "
        "Orchid Prize.",
        [("Orchid Prize", ["Tamsin Roe"])],
        id="where-clause-pronoun-points-to-the-sentence-subject",
    ),
    pytest.param(
        "Her novel Salt Roads won the 2031 Harbor Book Award. Past Orchid Prize recipients have included "
        "Corvel Systems and Halvern Biotech.",
        [("Orchid Prize", ["Corvel Systems", "Halvern Biotech"])],
        id="pronoun-is-no-winner-and-past-is-no-part-of-a-name",
    ),
    pytest.param(
        "Corvel Systems ranked No. 14 on the 2031 Growth 500 list of the fastest-growing companies.",
        [("Growth 500", ["Corvel Systems"])],
        id="a-rank-is-no-winner",
    ),
    pytest.param(
        "Winners of the 2031 Gem State Business Awards were: Small Business of the Year, Quenby Labs; "
        "Innovator of the Year, Halvern Biotech; and Nonprofit of the Year, Sagebrush Food Bank.",
        [
            ("Small Business of the Year", ["Quenby Labs"]),
            ("Innovator of the Year", ["Halvern Biotech"]),
            ("Nonprofit of the Year", ["Sagebrush Food Bank"]),
        ],
        id="category-comma-winner-pairs",
    ),
    pytest.param(
        "Tamsin Roe will be inducted into the Idaho Tech Hall of Fame in June.",
        [("Idaho Tech Hall of Fame", ["Tamsin Roe"])],
        id="a-name-does-not-grow-over-a-month",
    ),
    pytest.param(
        "Dr. Tamsin Roe is a cardiologist at Boise Heart Clinic. The Gem Award will be presented to Dr. Roe.",
        [("Gem Award", ["Tamsin Roe"])],
        id="honorific-and-surname-is-the-full-name",
    ),
    pytest.param(
        "The Rivergate Cloud Award was won by Corvel Systems.",
        [("Rivergate Cloud Award", ["Corvel Systems"])],
        id="passive-won-by",
    ),
    pytest.param(
        "The Boise Chamber of Commerce named Tamsin Roe its 2031 Citizen of the Year.",
        [("2031 Citizen of the Year", ["Tamsin Roe"])],
        id="named-someone-its-title",
    ),
    pytest.param(
        "Tamsin Roe, Delphine Okafor and Marcus Bellweather were named finalists for the 2031 Orchid Prize.",
        [],
        id="finalists-in-prose-are-no-winners",
    ),
    pytest.param(
        "The 2031 Rivergate Cloud Awards recognize companies in three categories: Security, Analytics and "
        "Storage.",
        [],
        id="what-an-award-recognizes-is-no-winner",
    ),
    pytest.param(
        "Corvel Systems won the Gem Award in 2029. Tamsin Roe, who joined Corvel in 2020, has earned wide "
        "recognition for her work on soil sensors.",
        [("Gem Award", ["Corvel Systems"])],
        id="recognition-is-no-pointer-to-an-award",
    ),
    pytest.param(
        "Congratulations to Tamsin Roe, this year's Orchid Leadership Prize winner.",
        [],
        id="first-word-is-no-winner",
    ),
]


@pytest.mark.parametrize(("body", "expected"), PROSE_MORE)
def test_prose_more(nlp, body: str, expected) -> None:
    assert summary(run(nlp, body)) == expected


@pytest.mark.parametrize(("body", "expected"), PROSE)
def test_prose(nlp, body: str, expected) -> None:
    assert summary(run(nlp, body)) == expected


LISTS = [
    pytest.param(
        "The (3) 2031 Coastal Builders Award Winners are (listed alphabetically):\n\nHarwick Stone\n\n"
        "Lumen Glassworks\n\nOrla Foods\n\nThe builders met in May.\n",
        [("2031 Coastal Builders Award", ["Harwick Stone", "Lumen Glassworks", "Orla Foods"])],
        id="count-heading-then-bare-lines",
    ),
    pytest.param(
        "The 2031 Lantern Award winners are:\n\n* Retail – Copperleaf Goods https://copperleaf.example\n"
        "* Trade – Pell Robotics https://pell.example\n",
        [("Retail", ["Copperleaf Goods"]), ("Trade", ["Pell Robotics"])],
        id="lead-then-category-dash-winner-link",
    ),
    pytest.param(
        "The gala closed the week.  2031 Lantern Award Winners •\tBest Newcomer – Ada Kim - Tacoma, WA "
        "•\tMentor of the Year – Leo Voss & Mara Quint - Olympia, WA  The guild thanks its sponsors.",
        [("Best Newcomer", ["Ada Kim"]), ("Mentor of the Year", ["Leo Voss", "Mara Quint"])],
        id="flattened-bullets-with-places",
    ),
    pytest.param(
        "The 2031 Harbor Innovation Awards were presented on Friday.\n\nHonorees included: - Norvik Labs "
        "(Energy, Gold Award) - Pell Robotics (Mobility, Silver Award)\n",
        [("Gold Award", ["Norvik Labs"]), ("Silver Award", ["Pell Robotics"])],
        id="flattened-dash-run-winner-and-bracketed-category",
    ),
    pytest.param(
        "The guild named its 2031 winners:\n\nMentor of Merit – Priya Volkov Put forward by the Elm Street "
        "Guild, "
        "Priya Volkov has coached young sailors for a decade.\n",
        [("Mentor of Merit", ["Priya Volkov"])],
        id="flattened-item-and-its-description",
    ),
    pytest.param(
        "The 2031 Tide Awards were given.\n\nInnovator of the Year\n- sponsored by Harbor University\n"
        "Ada Kim\n\nBuilder of the Year\n- sponsored by Pell Robotics\nLeo Voss\n",
        [("Innovator of the Year", ["Ada Kim"]), ("Builder of the Year", ["Leo Voss"])],
        id="heading-sponsor-bullet-then-winner-line",
    ),
    pytest.param(
        "The chamber announced its honorees.\n\nEmployer of the Year\nWINNER: Copperleaf Bakery - Tacoma\n"
        "Finalist: Northgate Cycles - Olympia\n\nNewcomer of the Year\nWINNER: Bluewater Kayaks - Everett\n",
        [("Employer of the Year", ["Copperleaf Bakery"]), ("Newcomer of the Year", ["Bluewater Kayaks"])],
        id="heading-then-winner-label-lines-skip-finalists",
    ),
    pytest.param(
        "The guild honoured its members.\n\n- Craft Medal: Tobias Renner\n- Mentor Award: Alina Petrescu\n",
        [("Craft Medal", ["Tobias Renner"]), ("Mentor Award", ["Alina Petrescu"])],
        id="award-colon-winner-items-without-a-lead",
    ),
    pytest.param(
        "Seven advocates were honored through the 2031 Voice Awards.\n\nWinners include:\n\n"
        "* Volunteer Hero: Lana Moss, Tacoma\tLana Moss cared for her husband.\n\n"
        "* Neighbor Hero: Greta Lund, Olympia\tGreta Lund walked again.\n",
        [
            ("2031 Voice Awards", ["Lana Moss", "Greta Lund"]),
            ("Volunteer Hero", ["Lana Moss"]),
            ("Neighbor Hero", ["Greta Lund"]),
        ],
        id="categories-with-descriptions-and-a-counted-overall-award",
    ),
    pytest.param(
        "The Harbor Awards were announced.\n\nThe 2031 Harbor Award finalists are:\n\n* Dunmore Bakery\n"
        "* Halvard Mills\n",
        [],
        id="finalists-are-no-winners",
    ),
    pytest.param(
        "Results were announced.\n\n| Award | Winner |\n|---|---|\n"
        "| Green Fleet Award | Halvorsen Freight |\n| Safety Honour | Dunmore Logistics |\n",
        [("Green Fleet Award", ["Halvorsen Freight"]), ("Safety Honour", ["Dunmore Logistics"])],
        id="markdown-table",
    ),
    pytest.param(
        "Acme Tanks is the winner of the 2031 Pinnacle Awards.\n\nHonors for Acme Tanks include:\n\n"
        "* Gold for Company of the Year – Metals and Mining\n* Silver for Achievement in Growth\n",
        [
            ("2031 Pinnacle Awards", ["Acme Tanks"]),
            ("Gold for Company of the Year – Metals and Mining", ["Acme Tanks"]),
            ("Silver for Achievement in Growth", ["Acme Tanks"]),
        ],
        id="a-list-of-the-awards-one-winner-received",
    ),
]


LISTS_MORE = [
    pytest.param(
        "The Boise Chamber announced the 2031 Gem State Business Award winners:\n\n1. Quenby Labs\n"
        "2. Halvern Biotech\n3. Sagebrush Food Bank\n",
        [("2031 Gem State Business Award", ["Quenby Labs", "Halvern Biotech", "Sagebrush Food Bank"])],
        id="numbered-list",
    ),
    pytest.param(
        "The 2031 Gem Award winners are:* Corvel Systems\n* Halvern Biotech\n* Quenby Labs\n",
        [("2031 Gem Award", ["Corvel Systems", "Halvern Biotech", "Quenby Labs"])],
        id="first-bullet-glued-to-the-colon",
    ),
    pytest.param(
        "The 2031 Gem Award winners are:\n\n* Nonprofit of the Year – Boise Rescue Mission\n"
        "* Employer of the Year – Quenby Labs\n",
        [("Nonprofit of the Year", ["Boise Rescue Mission"]), ("Employer of the Year", ["Quenby Labs"])],
        id="winner-named-after-a-city",
    ),
    pytest.param(
        "The 2031 Gem State Business Award winners are:\n\n* Quenby Labs – Small Business of the Year\n"
        "* Halvern Biotech – Innovator of the Year\n",
        [("Small Business of the Year", ["Quenby Labs"]), ("Innovator of the Year", ["Halvern Biotech"])],
        id="winner-dash-category",
    ),
    pytest.param(
        "The 2031 Gem Award winners are:\n\n- Boise, Idaho: Corvel Systems\n",
        [("2031 Gem Award", ["Corvel Systems"])],
        id="a-place-label-is-no-award",
    ),
    pytest.param(
        "Corvel Cloud, winner of the 2030 Rivergate Cloud Award, now includes:\n\n- Data Lineage Explorer\n"
        "- Policy Studio\n",
        [("2030 Rivergate Cloud Award", ["Corvel Cloud"])],
        id="a-winners-features-are-no-winners",
    ),
    pytest.param(
        "The 2031 Gem Award winners are:\n\nGold:\n- Corvel Systems\n- Halvern Biotech\n\nSilver:\n"
        "- Quenby Labs\n",
        [("Gold", ["Corvel Systems", "Halvern Biotech"]), ("Silver", ["Quenby Labs"])],
        id="sub-leads-name-categories",
    ),
    pytest.param(
        "The 2031 Gem Awards went out.\n\n---\n\n[Original Press Release](https://x.example/a)\n\n"
        "Pickup - [https://y.example](https://y.example/b)\n",
        [],
        id="the-trailing-link-block-is-not-read",
    ),
]


@pytest.mark.parametrize(("body", "expected"), LISTS_MORE)
def test_lists_more(nlp, body: str, expected) -> None:
    assert summary(run(nlp, body)) == expected


@pytest.mark.parametrize(("body", "expected"), LISTS)
def test_lists(nlp, body: str, expected) -> None:
    assert summary(run(nlp, body)) == expected


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


def test_a_couple_is_two_winners_a_company_with_and_is_one(nlp) -> None:
    body = (
        "The 2031 Shore Award winners are:\n\n* Most Improved – Dan & Irene Reyes - Tacoma, WA\n"
        "* Best Store – Pruitt & Kaine - Olympia, WA\n"
    )
    assert summary(run(nlp, body)) == [
        ("Most Improved", ["Dan", "Irene Reyes"]),
        ("Best Store", ["Pruitt & Kaine"]),
    ]


def test_mentions_ground_name_and_winners(nlp) -> None:
    ctx = run(nlp, "Brightwater Analytics won the Regional Innovation Award.")
    (award,) = ctx.awards
    assert [m.text for m in award.mentions] == ["Regional Innovation Award", "Brightwater Analytics"]
    assert all(ctx.text[m.start : m.end] == m.text for m in award.mentions)


def test_a_short_mention_is_written_as_the_full_name(nlp) -> None:
    body = "Envara Financial Systems builds ledgers. Additionally, Envara won the Ledger Innovation Award."
    assert summary(run(nlp, body)) == [("Ledger Innovation Award", ["Envara Financial Systems"])]


def test_award_without_winners_is_no_record(nlp) -> None:
    assert run(nlp, "The Regional Innovation Award ceremony will take place in June.").awards == []


@pytest.mark.parametrize(
    ("written", "value"),
    [
        pytest.param("25", 25, id="digits"),
        pytest.param("seven", 7, id="word"),
        pytest.param("Ten", 10, id="capitalised-word"),
        pytest.param("twenty-five", 25, id="hyphenated"),
        pytest.param("2031x", None, id="not-a-number"),
    ],
)
def test_number_value(written: str, value: int | None) -> None:
    assert number_value(written) == value


def test_winner_with_role_words_is_the_person(nlp) -> None:
    ctx = run(
        nlp,
        "The Civic Leader Award went to County Commissioner Michael Johnson and Deputy Mayor Sarah Williams.",
    )
    (award,) = ctx.awards
    assert [w.name for w in award.winners] == ["Michael Johnson", "Sarah Williams"]
    assert {w.kind for w in award.winners} == {"person"}


def test_a_winners_title_is_no_winner(nlp) -> None:
    body = (
        "Jane Roe, MPH, Health Director for Eastfield County Public Health, was awarded the Health "
        "Director of the Year Award. The award honors service."
    )
    assert summary(run(nlp, body)) == [("Health Director of the Year Award", ["Jane Roe"])]


@pytest.mark.parametrize(
    ("body", "piece", "rule"),
    [
        pytest.param(
            "Winners: Celebrating Ten Years of Care",
            "Celebrating Ten Years of Care",
            "opens with a verb",
            id="verb",
        ),
        pytest.param("Winners: Finalist Acme", "Finalist Acme", "not a winner", id="finalist"),
        pytest.param("The prize went to Two Harbors.", "Two Harbors", "count", id="count"),
        pytest.param("The prize went on May 4 to Acme.", "May 4", "date", id="date"),
        pytest.param("Winners: “Small Data” by Acme", "“Small Data”", "quoted title", id="quoted"),
    ],
)
def test_why_a_piece_is_no_winner(nlp, body: str, piece: str, rule: str) -> None:
    ctx = run(nlp, body)
    start = ctx.text.index(piece)
    assert why_not_a_winner(ctx, start, start + len(piece), "other") == rule


@pytest.mark.parametrize(
    ("lead", "rule"),
    [
        pytest.param("The 2031 Harbor Award finalists are:", "names non-winners", id="finalists"),
        pytest.param("Judges included:", "not about winners", id="judges"),
        pytest.param("Best EV: Norden Atlas", "item-shaped", id="label-with-content"),
        pytest.param("The winners were chosen in May.", "sentence without a colon", id="sentence"),
        pytest.param("The 2031 winners are:", None, id="a-lead"),
    ],
)
def test_why_a_block_is_no_lead(nlp, lead: str, rule: str | None) -> None:
    ctx = run(nlp, "The guild met.\n\n" + lead + "\n\n* Ada Kim\n")
    block = next(b for b in ctx.structure.blocks if ctx.text[b.start : b.end] == lead)
    assert why_not_a_lead(ctx, block) == rule


COUNTED = (
    "Harbor Savings Bank honored four local teachers at its annual Lantern Awards dinner in May.\n\n"
    "Ada Moreno of Birchwood Elementary will build a reading garden. Tom Okafor of Ridge Middle "
    "School plans a robotics club.\n\n"
    "At Lakeview High School, Priya Shah will launch a podcast. Dana Whitfield of Elm Academy will "
    "start a school orchestra.\n\n"
    "“These teachers inspire us,” said Karen Bell, President of Harbor Savings Bank.\n"
)


def test_winners_named_one_by_one_after_a_count(nlp) -> None:
    (award,) = run(nlp, COUNTED).awards
    assert award.name == "Lantern Awards"
    assert award.stated_count == 4
    assert [w.name for w in award.winners] == ["Ada Moreno", "Tom Okafor", "Priya Shah", "Dana Whitfield"]


def test_a_count_that_the_names_after_it_do_not_match_gives_no_winners(nlp) -> None:
    assert run(nlp, COUNTED.replace("four local teachers", "five local teachers")).awards == []


def test_an_owner_is_not_part_of_the_award_name(nlp) -> None:
    body = "Harbor Savings Bank’s 2031 Lantern Awards went to Ada Moreno and Tom Okafor."
    assert summary(run(nlp, body)) == [("2031 Lantern Awards", ["Ada Moreno", "Tom Okafor"])]


def test_a_stated_number_of_categories_counts_the_overall_award(nlp) -> None:
    body = (
        "The 2031 Coastal Drive Awards (CDA) recognized the best new vehicles in 3 categories.\n\n"
        "The 2031 CDA winners are:\n\n* Best EV: Norvik Volta\n* Best SUV: Pell Ranger\n"
        "* Best Truck: Quill Hauler\n\nThe jury met in May.\n"
    )
    awards = {a.name: (a.stated_count, [w.name for w in a.winners]) for a in run(nlp, body).awards}
    assert awards["2031 Coastal Drive Awards"] == (3, ["Norvik Volta", "Pell Ranger", "Quill Hauler"])
    assert awards["Best EV"] == (None, ["Norvik Volta"])


def kinds(ctx: ReleaseContext) -> dict[str, str]:
    return {w.name: w.kind for a in ctx.awards for w in a.winners}


EMPLOYER_LIST = (
    "The 2031 Harbor Employer Award winners are:\n\n"
    "- Best Culture Program: Brightwater Analytics Inc.\n"
    "- Best Wellbeing Program: Kestrel Holdings LLC\n"
    "- Best Training Program: Quillmark\n"
    "- Best Hiring Strategy: Tovara Health\n"
    "- Best Fleet Program: Orvik 2400\n"
    "- Best Mentoring Program: Arvel Gomez\n\n"
    "The awards were presented in Boston.\n"
)


def test_unknown_winners_among_organizations_are_organizations(nlp) -> None:
    found = kinds(run(nlp, EMPLOYER_LIST))
    assert found["Quillmark"] == "organization"
    assert found["Tovara Health"] == "organization"
    assert found["Orvik 2400"] == "other"  # a model number: a product
    assert found["Arvel Gomez"] == "other"  # reads as a person's name


def test_unknown_winners_among_people_keep_their_kind(nlp) -> None:
    body = (
        "The 2031 Harbor Mentor Award winners are:\n\n"
        "- Mentor of the Year: Nora Blix\n"
        "- Coach of the Year: Tom Okafor\n"
        "- Volunteer of the Year: Dana Cole\n"
        "- Best Culture Program: Brightwater Analytics Inc.\n"
        "- Best Training Program: Quillmark\n\n"
        "The awards were presented in Boston.\n"
    )
    assert kinds(run(nlp, body))["Quillmark"] == "other"


def test_unknown_winners_among_people_are_people_with_records(nlp) -> None:
    body = (
        "The 2031 Harbor Mentor Award winners are:\n\n"
        "- Mentor of the Year: Nora Blix\n"
        "- Coach of the Year: Tom Okafor\n"
        "- Volunteer of the Year: Dana Cole\n"
        "- Rookie of the Year: Wendeline Marsh\n"
        "- Best Team: Tribe Called Quest\n\n"
        "The awards were presented in Boston.\n"
    )
    ctx = run_until(nlp, HEADLINE + DATELINE + body, "joins")
    assert kinds(ctx)["Wendeline Marsh"] == "person"
    assert kinds(ctx)["Tribe Called Quest"] == "other"  # common English words: no person's name
    band = run_until(
        nlp,
        HEADLINE
        + DATELINE
        + "The 2031 Harbor Music Award honorees are Jane Roe, Omar Reyes, Ana Ruiz and the "
        "Grace Notes.",
        "joins",
    )
    assert kinds(band)["Grace Notes"] == "other"  # "the" before it: a band, not a person
    assert "Wendeline Marsh" in {p.name for p in ctx.people}

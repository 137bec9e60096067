"""The speeches stage on short releases written for these tests, run through the production stages."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
import spacy

from pipeline import extractors  # first: pipeline.context and the stages import each other
from pipeline.context import ReleaseContext
from pipeline.models import Affiliation
from pipeline.models import Release as ReleaseModel

from .conftest import run_until

speeches = extractors.speeches

HEADLINE = "A short headline for a test release\n\n"
DATELINE = "DENVER, Colo., May 4, 2021 /PRNewswire/ -- "


def run(nlp, body: str) -> ReleaseContext:
    return run_until(nlp, HEADLINE + DATELINE + body, "speeches")


def pairs(ctx: ReleaseContext) -> list[tuple[str | None, str]]:
    return ordered((s.speaker, s.title) for s in ctx.speeches)


def ordered(found: Iterable[tuple[str | None, str]]) -> list[tuple[str | None, str]]:
    return sorted(found, key=lambda pair: (pair[1], pair[0] or ""))


DETAILS = """Norvale Health will take part in the Harbour Data Forum.

WHAT: Panel: Ports in 2040

WHEN: Tuesday, May 18, 2021 | 2:30 p.m. – 3:15 p.m. MT

WHO: Panelists:

* Robert Chen, Chief Executive Officer, Norvale Health
* Laura Bennett, Head of Research, Brightwater Analytics

Moderator:

* Thomas Brennan, Partner, Fathom Ltd

To register, visit the forum's website.
"""


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "Maria Gonzalez put forward three proposals for regional freight in her keynote speech "
            "entitled “Rivers, Roads and the Future of Freight”.",
            [("Maria Gonzalez", "Rivers, Roads and the Future of Freight")],
            id="keynote-entitled-speaker-before",
        ),
        pytest.param(
            "In the speech entitled “Cloud Platforms for Rural Clinics”, Daniel Okafor, Director of Norvale "
            "Health, explained how small clinics can share patient records.",
            [("Daniel Okafor", "Cloud Platforms for Rural Clinics")],
            id="speech-entitled-speaker-after",
        ),
        pytest.param(
            "Helen Frerichs explained a new approach to water pricing in the speech entitled "
            "“Water as a Shared Ledger”.",
            [("Helen Frerichs", "Water as a Shared Ledger")],
            id="speech-entitled-at-sentence-end",
        ),
        pytest.param(
            "Angela Whitfield gave a talk titled 'Small Ports, Big Data' at the annual meeting.",
            [("Angela Whitfield", "Small Ports, Big Data")],
            id="talk-titled-straight-single-quotes",
        ),
        pytest.param(
            'Rachel Moore gave a presentation titled "Open Data for Small Towns" to the council.',
            [("Rachel Moore", "Open Data for Small Towns")],
            id="presentation-titled-straight-double-quotes",
        ),
        pytest.param(
            "Later, Thomas Brennan shared lessons from coastal towns under the topic of "
            "“Resilient Harbours after the Storm”.",
            [("Thomas Brennan", "Resilient Harbours after the Storm")],
            id="under-the-topic-of",
        ),
        pytest.param(
            "Priya Raman addressed the students on the topic of “Batteries That Outlast Their Cars”.",
            [("Priya Raman", "Batteries That Outlast Their Cars")],
            id="on-the-topic-of",
        ),
        pytest.param(
            "Priya Raman will lead a workshop on the topic of Pricing Freight for Small Fleets, a format "
            "she has taught for years.",
            [("Priya Raman", "Pricing Freight for Small Fleets")],
            id="on-the-topic-of-unquoted",
        ),
        pytest.param(
            "Marcus Hale delivered a keynote speech, 'Why Bridges Fail', to an audience of engineers.",
            [("Marcus Hale", "Why Bridges Fail")],
            id="keynote-speech-comma-quoted",
        ),
        pytest.param(
            "Sofia Martinez will give a presentation on “Soil Carbon Markets in Northern Europe” next week.",
            [("Sofia Martinez", "Soil Carbon Markets in Northern Europe")],
            id="presentation-on-quoted",
        ),
        pytest.param(
            "Kenji Watanabe delivered a lecture entitled “Quiet Cities: Noise, Health and Urban Design” on "
            "Monday.",
            [("Kenji Watanabe", "Quiet Cities: Noise, Health and Urban Design")],
            id="title-with-colon",
        ),
        pytest.param(
            "Ahmed Farouk delivered a keynote speech entitled Trade Corridors and Regional Growth: Lessons "
            "from the Gulf. The audience included ministers.",
            [("Ahmed Farouk", "Trade Corridors and Regional Growth: Lessons from the Gulf")],
            id="entitled-without-quotes",
        ),
        pytest.param(
            "Speakers included Laura Bennett, a professor at Hillcrest University who spoke on the Rise of "
            "Coastal Cities as Global Trade Hubs, and Omar Haddad, who gave a speech entitled “Ports That "
            "Think”.",
            [
                ("Laura Bennett", "Rise of Coastal Cities as Global Trade Hubs"),
                ("Omar Haddad", "Ports That Think"),
            ],
            id="relative-clauses-spoke-on-title-case",
        ),
        pytest.param(
            "The presentation, titled “Edge Computing in Rural Hospitals,” was given by Dr. Kelly Brown.",
            [("Kelly Brown", "Edge Computing in Rural Hospitals")],
            id="passive-given-by",
        ),
        pytest.param(
            "Nora Castillo joined the firm in 2019. She gave a talk titled “Hiring for Curiosity” to the "
            "graduates.",
            [("Nora Castillo", "Hiring for Curiosity")],
            id="pronoun-from-previous-sentence",
        ),
        pytest.param(
            "Grace Liu gave a talk titled 'Who's Afraid of Robots' to the engineers.",
            [("Grace Liu", "Who's Afraid of Robots")],
            id="apostrophe-inside-single-quotes",
        ),
        pytest.param(
            "A presentation titled “Forecasting Demand from Orbit” closed the morning.",
            [(None, "Forecasting Demand from Orbit")],
            id="talk-without-named-speaker-keeps-its-title",
        ),
        # Sessions and panels: one record per panelist, moderators and hosts excluded.
        pytest.param(
            "A session titled 'Ports in 2040' featured Ada Kim, CEO of Norvale Health; Leo Voss, Head of "
            "Brightwater Analytics; and Mia Lund, Director of Fathom Ltd. It was moderated by Zoe Hart.",
            [("Ada Kim", "Ports in 2040"), ("Leo Voss", "Ports in 2040"), ("Mia Lund", "Ports in 2040")],
            id="session-featured-semicolon-list",
        ),
        pytest.param(
            "The panel discussion “Harbours After Coal” brought together Ada Kim and Leo Voss, moderated by "
            "Zoe Hart of Fathom Ltd.",
            [("Ada Kim", "Harbours After Coal"), ("Leo Voss", "Harbours After Coal")],
            id="panel-brought-together-moderated-by",
        ),
        pytest.param(
            "Norvale Health will present a panel discussion entitled “Data at Sea” at the summit. "
            "Moderated by Zoe Hart, Partner at Fathom Ltd, the panel will bring together Ada Kim, CEO of "
            "Brightwater Analytics, and Leo Voss, Head of Research at Norvale Health.",
            [("Ada Kim", "Data at Sea"), ("Leo Voss", "Data at Sea")],
            id="panelists-in-the-next-sentence",
        ),
        pytest.param(
            "Brightwater Analytics will host an evening featuring Ada Kim, who will present new research. "
            "The session, titled “Maps Without Borders,” covers open data for harbours.",
            [("Ada Kim", "Maps Without Borders")],
            id="the-session-named-after-its-speaker",
        ),
        pytest.param(
            "The summit opens with a keynote by Mara Quint, CEO of Fathom Ltd, titled 'Small Data, Big "
            "Ships'.",
            [("Mara Quint", "Small Data, Big Ships")],
            id="titled-away-from-the-talk-word",
        ),
        pytest.param(
            "Priya Raman joined Norvale Health in 2019. Her presentation is titled “Batteries That Outlast "
            "Their Cars”.",
            [("Priya Raman", "Batteries That Outlast Their Cars")],
            id="her-presentation-is-titled",
        ),
        pytest.param(
            "Leo Voss will also participate in the session titled, “Rivers as Roads,” at the Denver Freight "
            "Summit.",
            [("Leo Voss", "Rivers as Roads")],
            id="session-titled-comma",
        ),
        pytest.param(
            "Dr. Ada Kerr will join a panel titled “Roads Ahead” on Monday, and Dr. Kerr will then "
            "participate in a second panel, “Harbor Roads,” on Tuesday.",
            [("Ada Kerr", "Harbor Roads"), ("Ada Kerr", "Roads Ahead")],
            id="second-panel-short-name-resolved",
        ),
        pytest.param(
            "Leo Voss will sit down for a fireside chat titled 'Building in Public' with the audience.",
            [("Leo Voss", "Building in Public")],
            id="fireside-chat",
        ),
        pytest.param(
            "Ada Kim will lead a masterclass entitled “Pricing for Small Fleets” in June.",
            [("Ada Kim", "Pricing for Small Fleets")],
            id="masterclass",
        ),
        pytest.param(
            "Leo Voss hosted a webinar called “Cold Chains Explained” featuring Ada Kim and Mia Lund.",
            [("Ada Kim", "Cold Chains Explained"), ("Mia Lund", "Cold Chains Explained")],
            id="webinar-featuring-host-excluded",
        ),
        pytest.param(
            "Daniel Okafor gave a speech at the panel on “Future Ports and Clean Shipping” on Tuesday.",
            [("Daniel Okafor", "Future Ports and Clean Shipping")],
            id="speech-at-a-titled-panel",
        ),
        pytest.param(
            "Robert Chen is set to deliver a session titled “Hiring at Sea” in June.",
            [("Robert Chen", "Hiring at Sea")],
            id="passive-subject-without-agent",
        ),
        pytest.param(
            "Robert Chen made an appearance at a gala hosted by Norvale Health for a keynote session titled "
            "“Harbours at Night.”",
            [("Robert Chen", "Harbours at Night")],
            id="session-inside-a-participle-clause",
        ),
        pytest.param(
            "The closing session, “Can Ports Go Green?” featuring Robert Chen and Laura Bennett, will ask "
            "how harbours can cut emissions.",
            [("Laura Bennett", "Can Ports Go Green?"), ("Robert Chen", "Can Ports Go Green?")],
            id="question-title-then-featuring",
        ),
        pytest.param(
            "The writer Xuemo and the author Laura Bennett, a fellow of the Denver Arts Society, engaged in "
            "a dialogue on “Literature After Machines” in London.",
            [("Laura Bennett", "Literature After Machines"), ("Xuemo", "Literature After Machines")],
            id="dialogue-of-coordinated-subjects",
        ),
        pytest.param(
            "Xuemo delivered a lecture titled “Deserts and Memory” to the students.",
            [("Xuemo", "Deserts and Memory")],
            id="one-word-speaker-as-subject",
        ),
        pytest.param(
            DETAILS,
            [("Laura Bennett", "Ports in 2040"), ("Robert Chen", "Ports in 2040")],
            id="event-details",
        ),
    ],
)
def test_speeches(nlp, body: str, expected: list[tuple[str | None, str]]) -> None:
    assert pairs(run(nlp, body)) == ordered(expected)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            "“We are thrilled with the results,” said Maria Gonzalez, Chief Executive Officer of Brightwater "
            "Analytics.",
            id="said-quote",
        ),
        pytest.param(
            "In his speech, “We must move faster on ports,” said Daniel Okafor.",
            id="said-quote-after-speech-word",
        ),
        pytest.param(
            "In her keynote speech, “We will double our exports by 2030.” Maria Gonzalez then left.",
            id="first-person-quotation-after-speech-word",
        ),
        pytest.param(
            "Maria Gonzalez remarked during her opening speech, “Freight is changing fast. Ports that wait "
            "will lose.”",
            id="two-sentence-quotation-after-speech-word",
        ),
        pytest.param(
            '"You can learn a lot in our four-hour workshops," Laura Bennett said. "Come early."',
            id="quote-glued-to-a-talk-word",
        ),
        pytest.param(
            "At the theme forum of “Green Ports, Clean Seas”, Daniel Okafor talked about shipping.",
            id="forum-name",
        ),
        pytest.param(
            "The summit was held under the theme of 'Connected Futures' in Denver.",
            id="event-theme",
        ),
        pytest.param(
            "Norvale Health will host a conference titled “Ports in 2040” in May.",
            id="conference-name",
        ),
        pytest.param(
            "A session titled 'Data Without Borders' featured three speakers from Norvale Health.",
            id="session-without-named-speaker",
        ),
        pytest.param(
            "Zoe Hart will moderate a panel titled “Open Ports” at the summit.",
            id="panel-with-only-a-moderator",
        ),
        pytest.param(
            "Brightwater Analytics published a report titled “The Rise of Warehouse Robots” last week.",
            id="published-report",
        ),
        pytest.param(
            "Maria Gonzalez said in her speech that the freight market is growing.",
            id="speech-without-title",
        ),
        pytest.param(
            "Maria Gonzalez gave a speech on Chapter 4 of the Book of Revelation.",
            id="short-title-case-topic",
        ),
        pytest.param(
            "Helen Frerichs wrote a book titled “Rivers of Salt” in 2010.",
            id="book-title",
        ),
        pytest.param(
            "Helen Frerichs has written several books on the topic of Harbour Logistics.",
            id="books-on-the-topic-of",
        ),
    ],
)
def test_not_speeches(nlp, body: str) -> None:
    assert pairs(run(nlp, body)) == []


@pytest.mark.parametrize(
    ("body", "dropped"),
    [
        pytest.param(
            "In his speech, “We must move faster on ports,” said Daniel Okafor.",
            ("title", "We must move faster on ports", "quotation-not-title"),
            id="quotation-not-title",
        ),
        pytest.param(
            "Norvale Health will host a conference titled “Ports in 2040” in May.",
            ("title", "Ports in 2040", "gathering-name-not-talk"),
            id="gathering-name-not-talk",
        ),
        pytest.param(
            "Helen Frerichs wrote a book titled “Rivers of Salt” in 2010.",
            ("title", "Rivers of Salt", "titled-thing-not-talk"),
            id="titled-thing-not-talk",
        ),
        pytest.param(
            "Letters reach the company at the address “Harbour House, Denver” every day.",
            ("title", "Harbour House, Denver", "address-not-delivered"),
            id="address-not-delivered",
        ),
        pytest.param(
            "Leo Voss will moderate a panel titled “Open Ports” at the summit.",
            ("speaker", "Leo Voss", "moderator-not-speaker"),
            id="moderator-not-speaker",
        ),
        pytest.param(
            DETAILS,
            ("speaker", "Thomas Brennan", "moderator-not-speaker"),
            id="moderator-list-not-speakers",
        ),
        pytest.param(
            "Norvale Health will present a panel titled “Open Ports” at the summit.",
            ("speaker", "Norvale Health", "organization-hosts-session"),
            id="organization-hosts-session",
        ),
        pytest.param(
            "A session titled 'Data Without Borders' featured three speakers from Norvale Health.",
            ("talk", "Data Without Borders", "session-without-named-speaker"),
            id="session-without-named-speaker",
        ),
        pytest.param(
            "The day closes with a keynote.\n\nKeynote: Ada Kim, Chief Executive Officer, Norvale Health\n",
            ("title", "Ada Kim, Chief Executive Officer, Norvale Health", "title-is-a-name"),
            id="title-is-a-name",
        ),
    ],
)
def test_rule_that_dropped(nlp, body: str, dropped: tuple[str, str, str]) -> None:
    _, decisions = speeches.judge(run(nlp, body))
    assert speeches.Dropped(*dropped) in decisions


def test_mentions_ground_title_then_speaker(nlp) -> None:
    ctx = run(
        nlp,
        "In the speech entitled “Cloud Platforms for Rural Clinics”, Daniel Okafor, Director of Norvale "
        "Health, explained how small clinics can share patient records.",
    )
    (speech,) = ctx.speeches
    assert [m.text for m in speech.mentions] == ["Cloud Platforms for Rural Clinics", "Daniel Okafor"]
    assert all(ctx.text[m.start : m.end] == m.text for m in speech.mentions)


def test_short_mention_resolves_to_full_name(nlp) -> None:
    ctx = run(
        nlp,
        "Angela Whitfield joined Norvale Health in 2015. Later that day, Whitfield gave a talk titled "
        "“Clinics Without Waiting Rooms” to the board.",
    )
    (speech,) = ctx.speeches
    assert speech.speaker == "Angela Whitfield"
    assert [m.text for m in speech.mentions] == ["Clinics Without Waiting Rooms", "Whitfield"]


def test_role_from_the_same_sentence(nlp) -> None:
    ctx = run(
        nlp,
        "In the speech entitled “Cloud Platforms for Rural Clinics”, Daniel Okafor, Director of Norvale "
        "Health, explained how small clinics can share patient records.",
    )
    (speech,) = ctx.speeches
    assert (speech.speaker_title, speech.speaker_organization) == ("Director", "Norvale Health")


def test_role_from_the_persons_first_affiliation(nlp) -> None:
    ctx = run_until(
        nlp, HEADLINE + DATELINE + "Robert Chen gave a talk titled “Why Bridges Fail”.", "affiliations"
    )
    (person,) = ctx.people
    person.affiliations = [Affiliation(title="Chief Engineer", organization=None)]
    speeches.extract(ctx)
    (speech,) = ctx.speeches
    assert (speech.speaker, speech.speaker_title, speech.speaker_organization) == (
        "Robert Chen",
        "Chief Engineer",
        None,
    )


def test_same_title_twice_is_one_speech(nlp) -> None:
    ctx = run(
        nlp,
        "Marcus Hale gave a talk titled “Why Bridges Fail” in May. Attendees praised the talk titled "
        "“Why Bridges Fail” for its clarity.",
    )
    assert pairs(ctx) == [("Marcus Hale", "Why Bridges Fail")]


def test_pipeline_without_parser_still_finds_quoted_titles() -> None:
    ctx = ReleaseContext(
        release=ReleaseModel(
            doc_id="t", source="t.txt", text="She gave a talk titled “Why Bridges Fail” in May.", sha256="x"
        ),
        nlp=spacy.blank("en"),
    )
    speeches.extract(ctx)
    assert pairs(ctx) == [(None, "Why Bridges Fail")]

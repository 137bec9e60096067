"""The speeches stage on short releases written for these tests."""

from __future__ import annotations

import pytest
import spacy

from pipeline.context import ReleaseContext
from pipeline.extractors import dateline, entities, speeches, structure
from pipeline.models import Affiliation
from pipeline.models import Release as ReleaseModel

from .conftest import run_stages

HEADLINE = "A short headline for a test release\n\n"
DATELINE = "DENVER, Colo., May 4, 2021 /PRNewswire/ -- "


def context(nlp, body: str) -> ReleaseContext:
    text = HEADLINE + DATELINE + body
    return run_stages(nlp, text, structure, dateline, entities)


def run(nlp, body: str) -> ReleaseContext:
    ctx = context(nlp, body)
    speeches.extract(ctx)
    return ctx


def pairs(ctx: ReleaseContext) -> list[tuple[str | None, str]]:
    return [(s.speaker, s.title) for s in ctx.speeches]


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
            id="no-speaker-named",
        ),
    ],
)
def test_speeches(nlp, body: str, expected: list[tuple[str | None, str]]) -> None:
    assert pairs(run(nlp, body)) == expected


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
            "At the theme forum of “Green Ports, Clean Seas”, Daniel Okafor talked about shipping.",
            id="forum-name",
        ),
        pytest.param(
            "The summit was held under the theme of 'Connected Futures' in Denver.",
            id="event-theme",
        ),
        pytest.param(
            "A session titled 'Data Without Borders' featured three speakers from Norvale Health.",
            id="session-name",
        ),
        pytest.param(
            "Daniel Okafor gave a speech at the panel on “Future Ports and Clean Shipping” on Tuesday.",
            id="panel-name-after-speech",
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
    ],
)
def test_not_speeches(nlp, body: str) -> None:
    assert pairs(run(nlp, body)) == []


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
    ctx = context(nlp, "Robert Chen gave a talk titled “Why Bridges Fail” to the engineers.")
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

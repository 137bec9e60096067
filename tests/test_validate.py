"""The grounding check: every extracted string must be read back from the text through its mentions."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.errors import ValidationError
from pipeline.models import (
    Award,
    City,
    Dateline,
    Document,
    Mention,
    Organization,
    Person,
    ReleaseRecords,
    Section,
    Speech,
    Winner,
)
from pipeline.validate import check_grounded, normalise_space

TEXT = (
    "Quarry Bells Ring Again\n\n"
    "OSLO, Norway, March 3, 2021 -- Ingrid Solberg of Fjordline Analytics (FLA) spoke in Bergen "
    'on "Cold Data,\nWarm Hearts" and the Aurora Prize went to Bergen.'
)


def m(needle: str, nth: int = 0, text: str = TEXT) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Mention(start=start, end=start + len(needle), text=needle)


def records(**changes: Any) -> ReleaseRecords:
    """A fully grounded release; keyword arguments replace one list or the document's dateline."""
    document = Document(
        doc_id="q",
        source="q.txt",
        sha256="0" * 64,
        encoding="utf-8",
        headline="Quarry Bells Ring Again",
        dateline=changes.pop("dateline", Dateline(city="OSLO", date="2021-03-03", mentions=[m("OSLO")])),
        sections=changes.pop("sections", [Section(kind="headline", start=0, end=23)]),
    )
    base: dict[str, Any] = {
        "people": [Person(doc_id="q", name="Ingrid Solberg", mentions=[m("Ingrid Solberg")])],
        "organizations": [
            Organization(
                doc_id="q",
                name="Fjordline Analytics",
                aliases=["FLA"],
                mentions=[m("Fjordline Analytics"), m("FLA")],
            )
        ],
        "cities": [City(doc_id="q", name="Bergen", mentions=[m("Bergen"), m("Bergen", 1)])],
        "speeches": [
            Speech(
                doc_id="q",
                title="Cold Data, Warm Hearts",
                speaker="Ingrid Solberg",
                mentions=[m("Cold Data,\nWarm Hearts")],
            )
        ],
        "awards": [
            Award(
                doc_id="q",
                name="Aurora Prize",
                winners=[Winner(name="Bergen", kind="city")],
                mentions=[m("Aurora Prize"), m("Bergen", 1)],
            )
        ],
    }
    base.update(changes)
    return ReleaseRecords(document=document, **base)


def test_grounded_release_passes() -> None:
    check_grounded(TEXT, records())


def test_release_without_records_passes() -> None:
    check_grounded(
        TEXT, records(dateline=Dateline(), people=[], organizations=[], cities=[], speeches=[], awards=[])
    )


def test_one_word_speaker_written_at_its_mention_passes() -> None:
    speech = Speech(
        doc_id="q",
        title="Cold Data, Warm Hearts",
        speaker="Ingrid",
        mentions=[m("Cold Data,\nWarm Hearts"), m("Ingrid")],
    )
    check_grounded(TEXT, records(people=[], speeches=[speech]))


def test_whitespace_is_the_declared_normalisation() -> None:
    assert normalise_space(" Cold Data,\n Warm\tHearts ") == "Cold Data, Warm Hearts"


def shifted(needle: str, by: int) -> Mention:
    good = m(needle)
    return Mention(start=good.start + by, end=good.end + by, text=needle)


BAD = [
    pytest.param(
        {"people": [Person(doc_id="q", name="Ingrid Solberg", mentions=[shifted("Ingrid Solberg", 1)])]},
        "reads",
        id="person-offset-off-by-one",
    ),
    pytest.param(
        {
            "cities": [
                City(
                    doc_id="q",
                    name="Bergen",
                    mentions=[Mention(start=len(TEXT) - 2, end=len(TEXT) + 4, text="Bergen")],
                )
            ]
        },
        "outside the text",
        id="city-offset-past-end",
    ),
    pytest.param(
        {"cities": [City(doc_id="q", name="Bergen", mentions=[Mention(start=10, end=10, text="")])]},
        "outside the text",
        id="empty-mention",
    ),
    pytest.param(
        {"people": [Person(doc_id="q", name="Ingrid Solberg", mentions=[m("Fjordline Analytics")])]},
        "not the text of any of its mentions",
        id="person-name-matches-no-mention",
    ),
    pytest.param(
        {
            "organizations": [
                Organization(
                    doc_id="q",
                    name="Fjordline Analytics",
                    aliases=["FA"],
                    mentions=[m("Fjordline Analytics")],
                )
            ]
        },
        "'FA' is not the text",
        id="alias-without-mention",
    ),
    pytest.param(
        {
            "speeches": [
                Speech(doc_id="q", title="Warm Data", speaker=None, mentions=[m("Cold Data,\nWarm Hearts")])
            ]
        },
        "not the text of any",
        id="speech-title-differs",
    ),
    pytest.param(
        {
            "speeches": [
                Speech(
                    doc_id="q",
                    title="Cold Data, Warm Hearts",
                    speaker="Solveig",
                    mentions=[m("Cold Data,\nWarm Hearts")],
                )
            ]
        },
        "speaker 'Solveig' is not a person or organization",
        id="speaker-neither-record-nor-written",
    ),
    pytest.param(
        {
            "awards": [
                Award(
                    doc_id="q",
                    name="Aurora Prize",
                    winners=[Winner(name="Oslo", kind="city")],
                    mentions=[m("Aurora Prize")],
                )
            ]
        },
        "winner 'Oslo' has no mention",
        id="award-winner-without-mention",
    ),
    pytest.param(
        {"dateline": Dateline(city="Bergen", mentions=[m("OSLO")])},
        "dateline.city",
        id="dateline-city-not-its-mention",
    ),
    pytest.param(
        {"sections": [Section(kind="body", start=30, end=len(TEXT) + 1)]},
        "section body",
        id="section-past-end",
    ),
]


@pytest.mark.parametrize(("changes", "message"), BAD)
def test_ungrounded_record_raises(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        check_grounded(TEXT, records(**changes))

"""The joins stage and its check: organizations named by other records are organization records."""

from __future__ import annotations

import pytest

from pipeline.context import ReleaseContext
from pipeline.errors import ValidationError
from pipeline.extractors import joins
from pipeline.models import (
    Affiliation,
    Award,
    Document,
    Mention,
    Organization,
    Person,
    Release,
    ReleaseRecords,
    Speech,
    Winner,
)
from pipeline.validate import check_joined

TEXT = (
    "Lena Holt, director of operations at Brindle Quay, opened the day. Brindle Quay hosts the fair.\n"
    "Marrow Labs, Inc. won the Lantern Award. Marrow Labs thanked the jury.\n"
    "Owen Pike of the Tarn Guild gave the talk 'Small Harbors'."
)


def _mention(text: str, written: str) -> Mention:
    start = text.index(written)
    return Mention(start=start, end=start + len(written), text=written)


def _context(people: list[Person], speeches: list[Speech], awards: list[Award]) -> ReleaseContext:
    release = Release(doc_id="t", source="t.txt", text=TEXT, sha256="x")
    ctx = ReleaseContext(release=release, nlp=None)  # type: ignore[arg-type]  # joins never parses
    marrow = Organization(
        doc_id="t", name="Marrow Labs, Inc.", mentions=[_mention(TEXT, "Marrow Labs, Inc.")]
    )
    ctx.organizations = [marrow]
    ctx.people, ctx.speeches, ctx.awards = people, speeches, awards
    return ctx


def _holt() -> Person:
    role = Affiliation(
        title="director of operations",
        organization="Brindle Quay",
        mentions=[_mention(TEXT, "director of operations"), _mention(TEXT, "Brindle Quay")],
    )
    return Person(doc_id="t", name="Lena Holt", affiliations=[role], mentions=[_mention(TEXT, "Lena Holt")])


def _award(winner: str) -> Award:
    return Award(
        doc_id="t",
        name="Lantern Award",
        winners=[Winner(name=winner, kind="organization")],
        mentions=[_mention(TEXT, "Lantern Award"), _mention(TEXT, winner)],
    )


def _talk() -> Speech:
    return Speech(
        doc_id="t",
        title="Small Harbors",
        speaker="Owen Pike",
        speaker_organization="Tarn Guild",
        mentions=[_mention(TEXT, "Small Harbors"), _mention(TEXT, "Owen Pike")],
    )


@pytest.mark.parametrize(
    ("people", "speeches", "awards", "name", "written"),
    [
        pytest.param(
            [_holt()], [], [], "Brindle Quay", ["Brindle Quay", "Brindle Quay"], id="role-organization"
        ),
        pytest.param([], [_talk()], [], "Tarn Guild", ["Tarn Guild"], id="talk-speaker-organization"),
    ],
)
def test_a_named_organization_becomes_a_record_at_every_occurrence(
    people: list[Person], speeches: list[Speech], awards: list[Award], name: str, written: list[str]
) -> None:
    ctx = _context(people, speeches, awards)
    joins.extract(ctx)
    record = next(org for org in ctx.organizations if org.name == name)
    assert [m.text for m in record.mentions] == written
    assert all(TEXT[m.start : m.end] == m.text for m in record.mentions)


def test_a_winner_written_without_its_legal_suffix_becomes_an_alias() -> None:
    ctx = _context([], [], [_award("Marrow Labs")])
    joins.extract(ctx)
    assert [org.name for org in ctx.organizations] == ["Marrow Labs, Inc."]
    assert ctx.organizations[0].aliases == ["Marrow Labs"]
    assert [m.text for m in ctx.organizations[0].mentions] == [
        "Marrow Labs, Inc.",
        "Marrow Labs",
        "Marrow Labs",
    ]


def _records(ctx: ReleaseContext) -> ReleaseRecords:
    document = Document(doc_id="t", source="t.txt", sha256="x", encoding="utf-8", headline=None,
                        dateline=ctx.dateline, sections=[])  # fmt: skip
    return ReleaseRecords(
        document=document,
        people=ctx.people,
        organizations=ctx.organizations,
        speeches=ctx.speeches,
        awards=ctx.awards,
    )


def test_the_check_names_an_organization_no_record_holds_and_passes_once_joined() -> None:
    ctx = _context([_holt()], [_talk()], [_award("Marrow Labs")])
    with pytest.raises(ValidationError, match="'Brindle Quay' is named by a record"):
        check_joined(_records(ctx))
    joins.extract(ctx)
    check_joined(_records(ctx))


def test_a_name_that_is_no_whole_word_is_grounded_where_the_role_wrote_it() -> None:
    text = "Ada Roe, head of sales at Quay-based Tidewell, spoke."
    release = Release(doc_id="t", source="t.txt", text=text, sha256="x")
    ctx = ReleaseContext(release=release, nlp=None)  # type: ignore[arg-type]  # joins never parses
    role = Affiliation(
        title="head of sales",
        organization="Quay-",
        mentions=[_mention(text, "head of sales"), _mention(text, "Quay-")],
    )
    ctx.people = [
        Person(doc_id="t", name="Ada Roe", affiliations=[role], mentions=[_mention(text, "Ada Roe")])
    ]
    joins.extract(ctx)
    assert [(org.name, [m.text for m in org.mentions]) for org in ctx.organizations] == [("Quay-", ["Quay-"])]
    check_joined(_records(ctx))


def _person_award(*winners: str) -> Award:
    return Award(
        doc_id="t",
        name="Lantern Award",
        winners=[Winner(name=w, kind="person") for w in winners],
        mentions=[_mention(TEXT, "Lantern Award"), *(_mention(TEXT, w) for w in winners)],
    )


def test_a_winning_person_becomes_a_people_record_unless_a_record_holds_the_name() -> None:
    ctx = _context([_holt()], [], [_person_award("Owen Pike", "Holt")])
    joins.extract(ctx)
    people = {p.name: p for p in ctx.people}
    assert set(people) == {"Lena Holt", "Owen Pike"}  # "Holt" is part of Lena Holt's name
    assert [(m.start, m.text) for m in people["Owen Pike"].mentions] == [
        (TEXT.index("Owen Pike"), "Owen Pike")
    ]
    assert people["Owen Pike"].affiliations == []

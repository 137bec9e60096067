"""The grounding check: a record that cannot be traced to the text is never written."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .errors import ValidationError
from .models import Award, Mention, Organization, Person, ReleaseRecords, Speech

_SPACE = re.compile(r"\s+")


def normalise_space(value: str) -> str:
    """The one declared normalisation of an extracted string: whitespace runs become one space."""
    return _SPACE.sub(" ", value).strip()


def check_mention(text: str, mention: Mention, what: str) -> None:
    if not 0 <= mention.start < mention.end <= len(text):
        raise ValidationError(f"{what}: mention {mention.start}-{mention.end} is outside the text")
    if text[mention.start : mention.end] != mention.text:
        raise ValidationError(
            f"{what}: mention {mention.start}-{mention.end} reads {text[mention.start : mention.end]!r}, "
            f"not {mention.text!r}"
        )


def check_named(text: str, value: str | None, mentions: list[Mention], what: str) -> None:
    """Every mention points at its text, and `value` is the (space-normalised) text of one of them."""
    for mention in mentions:
        check_mention(text, mention, what)
    if value is not None and normalise_space(value) not in {normalise_space(m.text) for m in mentions}:
        raise ValidationError(f"{what}: {value!r} is not the text of any of its mentions")


def check_grounded(text: str, records: ReleaseRecords) -> None:
    """Raise ValidationError unless every extracted string of the release is grounded in `text`."""
    doc = records.document
    for section in doc.sections:
        if not 0 <= section.start <= section.end <= len(text):
            raise ValidationError(
                f"section {section.kind}: {section.start}-{section.end} is outside the text"
            )
    check_named(text, doc.dateline.city, doc.dateline.mentions, "dateline.city")
    org_names = {normalise_space(org.name) for org in records.organizations}
    person_names = {normalise_space(person.name) for person in records.people}
    for person in records.people:
        check_named(text, person.name, person.mentions, f"person {person.name!r}")
        for role in person.affiliations:
            what = f"person {person.name!r}: affiliation {role.title!r}"
            check_named(text, role.title, role.mentions, what)
            # The organization is written at the role, or resolved ("the Company") to a named organization.
            written = {normalise_space(m.text) for m in role.mentions}
            if (
                role.organization is not None
                and normalise_space(role.organization) not in written | org_names
            ):
                raise ValidationError(
                    f"{what}: organization {role.organization!r} is neither written nor known"
                )
    for org in records.organizations:
        for name in (org.name, *org.aliases):
            check_named(text, name, org.mentions, f"organization {org.name!r}")
    for city in records.cities:
        check_named(text, city.name, city.mentions, f"city {city.name!r}")
    for speech in records.speeches:
        check_named(text, speech.title, speech.mentions, f"speech {speech.title!r}")
        # A speaker is a person or an organization, or a one-word name written at its mention ("Xuemo").
        written_speakers = {normalise_space(m.text) for m in speech.mentions[1:]}
        known = person_names | org_names | written_speakers
        if speech.speaker is not None and normalise_space(speech.speaker) not in known:
            raise ValidationError(
                f"speech {speech.title!r}: speaker {speech.speaker!r} is not a person or organization "
                "and is not written at the speech's mentions"
            )
    for award in records.awards:
        check_named(text, award.name, award.mentions, f"award {award.name!r}")
        mentioned = {normalise_space(m.text) for m in award.mentions}
        for winner in award.winners:
            if normalise_space(winner.name) not in mentioned:
                raise ValidationError(f"award {award.name!r}: winner {winner.name!r} has no mention")


def organization_names(organizations: Iterable[Organization]) -> set[str]:
    """The names and aliases of the organization records, as the join compares them."""
    return {normalise_space(n) for org in organizations for n in (org.name, *org.aliases)}


def named_organizations(
    people: Iterable[Person], speeches: Iterable[Speech], awards: Iterable[Award]
) -> Iterator[str]:
    """Every organization another record names: a role's, a talk speaker's, a winner's of that kind."""
    for person in people:
        yield from (normalise_space(r.organization) for r in person.affiliations if r.organization)
    yield from (normalise_space(s.speaker_organization) for s in speeches if s.speaker_organization)
    for award in awards:
        yield from (normalise_space(w.name) for w in award.winners if w.kind == "organization")


def check_joined(records: ReleaseRecords) -> None:
    """Raise ValidationError unless every organization named by another record is an organization
    record (or alias) of the same release, so the output files join."""
    known = organization_names(records.organizations)
    for name in named_organizations(records.people, records.speeches, records.awards):
        if name not in known:
            raise ValidationError(f"organization {name!r} is named by a record but is not in organizations")

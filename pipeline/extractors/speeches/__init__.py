"""The speeches stage: one record per titled talk and speaker.

Titles come from prose (titles.py: a talk word or a naming word and a quoted or unquoted title, "on the
topic of ...") and from event-details blocks (details.py: "WHAT: Panel: <title>" with "WHO: Panelists:"
lists). Speakers come from the parse and the entities stage's people (speakers.py). The named rules of
rules.py drop quotations, names of gatherings and other titled things, moderators, chairs and hosts, and
sessions with no named speaker; `judge` tells which rule dropped what.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...context import ReleaseContext
from ...models import Mention, Person, Speech
from ...validate import normalise_space
from ..types import first_rule
from .candidates import SpeakerCandidate, Talk, TitleCandidate
from .details import details_talks
from .people import Names
from .rules import SPEAKER_RULES, TALK_RULES, TITLE_RULES
from .speakers import speakers_of
from .titles import find_titles, matches

_ROLE_REACH = 200  # characters after a speaker's name where the role given with it is looked for


@dataclass(frozen=True)
class Dropped:
    """A candidate a rule dropped: "title", "speaker" or "talk", its text and the rule's name."""

    what: str
    text: str
    rule: str


def extract(ctx: ReleaseContext) -> None:
    """Fill ctx.speeches with every titled talk and each of its speakers."""
    talks, _ = judge(ctx)
    ctx.speeches = _records(ctx, talks)


def judge(ctx: ReleaseContext) -> tuple[list[Talk], list[Dropped]]:
    """The talks that pass every rule, and what each rule dropped."""
    names = Names(ctx)
    found = matches(ctx.doc)
    run_by = {end for label, _, end in found if label == "RUN_BY"}
    prose = find_titles(ctx, found, names.mentioned)
    starts = [title.start for title in prose]
    listed = list(details_talks(ctx, names))
    titles = [
        replace(title, names_person=names.person_at(title.start, title.start + 1) is not None)
        for title in prose + [title for title, _ in listed]
    ]
    talks: list[Talk] = []
    dropped: list[Dropped] = []
    for index, title in enumerate(titles):
        title_text = ctx.text[title.start : title.end]
        rule = first_rule(TITLE_RULES, title)
        if rule is not None:
            dropped.append(Dropped("title", title_text, rule))
            continue
        talk = Talk(title)
        if index < len(prose):
            candidates = speakers_of(ctx, names, title, run_by, starts)
        else:
            candidates = listed[index - len(prose)][1]
        for speaker in candidates:
            rule = first_rule(SPEAKER_RULES, speaker)
            if rule is None:
                talk.speakers.append(speaker)
            else:
                dropped.append(Dropped("speaker", speaker.name, rule))
        rule = first_rule(TALK_RULES, talk)
        if rule is None:
            talks.append(talk)
        else:
            dropped.append(Dropped("talk", title_text, rule))
    return talks, dropped


def _records(ctx: ReleaseContext, talks: list[Talk]) -> list[Speech]:
    """One record per title and speaker. A talk named again ("the talk titled X") keeps the speaker it
    was first given, a session gathers every panelist, and a title some record names a speaker for gets
    no speakerless record."""
    with_speaker = {_key(ctx, talk.title) for talk in talks if talk.speakers}
    records: dict[tuple[str, str], Speech] = {}
    given: set[str] = set()
    for talk in sorted(talks, key=lambda t: t.title.start):
        key = _key(ctx, talk.title)
        if not talk.speakers and key not in with_speaker:
            records.setdefault((key, ""), _speech(ctx, talk.title, None))
        if key in given and not talk.session:
            continue
        for speaker in talk.speakers:
            records.setdefault((key, speaker.name.casefold()), _speech(ctx, talk.title, speaker))
            given.add(key)
    return list(records.values())


def _key(ctx: ReleaseContext, title: TitleCandidate) -> str:
    return normalise_space(ctx.text[title.start : title.end]).casefold()


def _speech(ctx: ReleaseContext, title: TitleCandidate, speaker: SpeakerCandidate | None) -> Speech:
    title_mention = Mention(start=title.start, end=title.end, text=ctx.text[title.start : title.end])
    role, organization = _role(speaker)
    speaker_mentions = [speaker.mention] if speaker is not None and speaker.mention is not None else []
    return Speech(
        doc_id=ctx.release.doc_id,
        title=normalise_space(title_mention.text),
        speaker=speaker.name if speaker is not None else None,
        speaker_title=role,
        speaker_organization=organization,
        mentions=[title_mention, *speaker_mentions],
    )


def _role(speaker: SpeakerCandidate | None) -> tuple[str | None, str | None]:
    """The role stated right after the speaker's name, else the person's first stated role."""
    if speaker is None or not isinstance(speaker.record, Person) or not speaker.record.affiliations:
        return None, None
    affiliations = speaker.record.affiliations
    if speaker.mention is not None:
        at = speaker.mention.end
        near = [a for a in affiliations if a.mentions and at <= a.mentions[0].start < at + _ROLE_REACH]
        if near:
            affiliations = sorted(near, key=lambda a: a.mentions[0].start)
    return affiliations[0].title, affiliations[0].organization

"""The joins stage: every organization another record names is an organization record of the release,
and every person named as a winner a people record.

Affiliations, talks and award winners name organizations the entity stage can miss or cut differently
("Corvane" read from "Officer at Corvane"). The output files join only when each such name is a record
of `organizations.jsonl` or one of its aliases; `validate.check_joined` enforces it. A name that matches
a record by its grouping key ("Acme" for "Acme, Inc.", "Ad guild" for "Ad Guild") becomes an alias of it;
any other becomes a record of its own, grounded at every whole-word occurrence of its name.
"""

from __future__ import annotations

import re

from ..context import ReleaseContext
from ..models import Mention, Organization, Person
from ..validate import named_organizations, normalise_space, organization_names
from .entities.group import org_key


def extract(ctx: ReleaseContext) -> None:
    """Add to ctx.organizations the organizations named by people's roles, talks and award winners,
    and to ctx.people the people named as winners."""
    _join_winning_people(ctx)
    for name in named_organizations(ctx.people, ctx.speeches, ctx.awards):
        if name in organization_names(ctx.organizations):
            continue
        found = {
            (m.start, m.end): m for m in [*_occurrences(ctx.text, name), *_written_at_records(ctx, name)]
        }
        mentions = sorted(found.values(), key=lambda m: m.start)
        if not mentions:
            continue  # a grounded record writes the name it refers to; check_joined reports it if not
        owner = _same_key(ctx.organizations, name)
        if owner is not None:
            merged = {(m.start, m.end): m for m in [*owner.mentions, *mentions]}
            joined = owner.model_copy(
                update={
                    "aliases": sorted({*owner.aliases, name}),
                    "mentions": sorted(merged.values(), key=lambda m: m.start),
                }
            )
            ctx.organizations = [joined if org is owner else org for org in ctx.organizations]
        else:
            ctx.organizations = [
                *ctx.organizations,
                Organization(doc_id=ctx.release.doc_id, name=name, mentions=mentions),
            ]


def _written_at_records(ctx: ReleaseContext, name: str) -> list[Mention]:
    """Where the records naming `name` wrote it: a name cut oddly ("Massachusetts-") is no whole word."""
    written = [m for p in ctx.people for role in p.affiliations for m in role.mentions[1:]]
    written += [m for award in ctx.awards for m in award.mentions]
    return [m for m in written if normalise_space(m.text) == name]


def _same_key(organizations: list[Organization], name: str) -> Organization | None:
    key = org_key(name)
    return next((o for o in organizations if key in {org_key(n) for n in (o.name, *o.aliases)}), None)


def _occurrences(text: str, name: str) -> list[Mention]:
    """Every whole-word occurrence of `name`, with any run of whitespace where it has a space."""
    pattern = r"(?<![\w&\-])" + r"\s+".join(map(re.escape, name.split())) + r"(?![\w&\-])"
    return [Mention(start=m.start(), end=m.end(), text=m.group()) for m in re.finditer(pattern, text)]


def _join_winning_people(ctx: ReleaseContext) -> None:
    """A winner of kind person that no people record names, nor is part of or holds one of its names as
    written ("Roe" beside "Jane Roe", "Roe Consulting" beside "Roe"), becomes a people record with no
    role, grounded at each whole-word occurrence."""
    known = [normalise_space(n) for p in ctx.people for n in {p.name, *(m.text for m in p.mentions)}]
    for award in ctx.awards:
        for winner in award.winners:
            name = winner.name
            if winner.kind != "person" or any(_word_in(name, k) or _word_in(k, name) for k in known):
                continue
            mentions = _occurrences(ctx.text, name)
            if mentions:
                ctx.people = [*ctx.people, Person(doc_id=ctx.release.doc_id, name=name, mentions=mentions)]
                known.append(name)


def _word_in(part: str, whole: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(part)}(?!\w)", whole) is not None

"""The entities stage: people, organizations and cities.

spaCy's NER proposes spans; rules that know press releases trim them (articles, possessives, line breaks),
drop what is not a name (wire services, tickers, events, awards, venues, job titles, jargon), add what NER
misses (company-form suffixes, district-level places, places in lists of places, "Company - City" list
lines) and group mentions into one record per person, organization and city.
"""

from __future__ import annotations

from ...context import ReleaseContext
from ..spans import occupied
from .filters import common_words
from .group import group_cities, group_organizations, group_people, with_repeats
from .propose import (
    fill_list_gaps,
    homogenise_lists,
    outside_zones,
    person_by_title,
    place_by_region,
    places_by_evidence,
    propose_candidates,
    resolve_overlaps,
    shut_zones,
    with_couples,
)


def extract(ctx: ReleaseContext) -> None:
    """Fill ctx.people, ctx.organizations and ctx.cities."""
    text = ctx.text
    common = common_words(text)
    shut = shut_zones(ctx)
    candidates = list(outside_zones(text, propose_candidates(ctx, common), shut))
    candidates = resolve_overlaps(ctx, candidates)
    candidates = homogenise_lists(text, [person_by_title(text, c) for c in candidates])
    candidates = fill_list_gaps(text, candidates)
    candidates = places_by_evidence(text, [place_by_region(text, c) for c in candidates])
    candidates = with_couples(text, candidates)
    people = group_people(ctx, [c for c in candidates if c.kind == "person"], common)
    person_words = {w for p in people for w in p.name.split()}
    organizations = group_organizations(
        ctx, [c for c in candidates if c.kind == "org" and text[c.start : c.end] not in person_words], common
    )
    taken = [(m.start, m.end) for p in people for m in p.mentions] + shut
    taken += [(m.start, m.end) for org in organizations for m in org.mentions]
    marks = occupied(len(text), taken)
    organizations = [with_repeats(text, org, marks) for org in organizations]
    cities = group_cities(
        ctx, [c for c in candidates if c.kind == "city" and text[c.start : c.end] not in person_words], common
    )
    ctx.people, ctx.organizations, ctx.cities = people, organizations, cities

"""The people and organizations of a release (the entities stage's records), looked up by offset."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from ...models import Mention, Organization, Person
from ..spans import occupied

if TYPE_CHECKING:
    from ...context import ReleaseContext

Named = tuple[Person | Organization, Mention]


class Names:
    """Every person and organization mention of a release, by offset."""

    def __init__(self, ctx: ReleaseContext) -> None:
        self.people = sorted(((m, p) for p in ctx.people for m in p.mentions), key=lambda pm: pm[0].start)
        self.organizations = [(m, o) for o in ctx.organizations for m in o.mentions]
        self._starts = [m.start for m, _ in self.people]
        spans = [(m.start, m.end) for m, _ in [*self.people, *self.organizations]]
        self.mentioned = occupied(len(ctx.text), spans)
        roles = [(m.start, m.end) for p in ctx.people for a in p.affiliations for m in a.mentions]
        self.roles = occupied(len(ctx.text), roles)
        self._records = ctx.people

    def person_at(self, start: int, end: int) -> Named | None:
        """The person mentioned over text[start:end]."""
        for mention, person in self.people[max(0, bisect_left(self._starts, start) - 1) :]:
            if mention.start >= end:
                break
            if start < mention.end:
                return person, mention
        return None

    def organization_at(self, start: int, end: int) -> Named | None:
        for mention, organization in self.organizations:
            if mention.start < end and start < mention.end:
                return organization, mention
        return None

    def people_in(self, start: int, end: int) -> list[tuple[Person, Mention]]:
        """Person mentions that start inside text[start:end], in text order."""
        i = bisect_left(self._starts, start)
        found = []
        while i < len(self.people) and self.people[i][0].start < end:
            found.append((self.people[i][1], self.people[i][0]))
            i += 1
        return found

    def person_named(self, word: str) -> Person | None:
        """The one person whose name begins or ends with `word` ("Kerr" -> "Ewan Kerr")."""
        folded = word.casefold()
        matching = [
            p
            for p in self._records
            if folded in {p.name.split()[0].casefold(), p.name.split()[-1].casefold()}
        ]
        return matching[0] if len(matching) == 1 else None

    def last_person_before(self, offset: int, reach: int = 600) -> Person | None:
        """ "He"/"she": the last person named in the `reach` characters before `offset`."""
        i = bisect_left(self._starts, offset) - 1
        if i >= 0 and self.people[i][0].start >= offset - reach:
            return self.people[i][1]
        return None

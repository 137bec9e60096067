"""The affiliations stage. Relation extraction arrives with issue 4; until then it finds nothing."""

from __future__ import annotations

from ..context import ReleaseContext


def extract(ctx: ReleaseContext) -> None:
    """Leaves `ctx.affiliations` as the earlier stages left it."""

"""extract_release(): every stage, in registry order, on one release. Pure: reads nothing else."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from . import extractors
from .context import ReleaseContext
from .errors import StageError, ValidationError
from .models import Award, City, Document, Organization, Person, Release, ReleaseRecords, Speech
from .validate import check_grounded, check_joined

R = TypeVar("R", Person, Organization, City, Speech, Award)

if TYPE_CHECKING:
    from spacy.language import Language


def extract_release(release: Release, nlp: Language) -> ReleaseRecords:
    """All records of one release, validated against its text; raises on a record it cannot ground."""
    ctx = ReleaseContext(release=release, nlp=nlp)
    # Looked up per call, not bound at import, so the registry stays the one place that decides the run.
    extractors.check_order(extractors.STAGES)
    for stage in extractors.STAGES:
        try:
            stage.run(ctx)
        except Exception as error:  # a bug or odd text in one stage must only cost this release
            raise StageError(stage.id, f"{type(error).__name__}: {error}") from error
    headline = ctx.section("headline")
    document = Document(
        doc_id=release.doc_id,
        source=release.source,
        sha256=release.sha256,
        encoding=release.encoding,
        headline=release.text[headline.start : headline.end] if headline else None,
        dateline=ctx.dateline,
        sections=ctx.sections,
    )
    records = ReleaseRecords(
        document=document,
        people=_by_first_mention(ctx.people),
        organizations=_by_first_mention(ctx.organizations),
        cities=_by_first_mention(ctx.cities),
        speeches=_by_first_mention(ctx.speeches),
        awards=_by_first_mention(ctx.awards),
    )
    try:
        check_grounded(release.text, records)
        check_joined(records)
    except ValidationError as error:
        raise StageError("validate", str(error)) from error
    return records


def _by_first_mention(records: list[R]) -> list[R]:
    """The contract's order inside a release: by first mention, then by the string itself."""
    return sorted(records, key=lambda r: (min(m.start for m in r.mentions), r.model_dump_json()))

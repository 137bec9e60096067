"""Property tests: whatever the text, no stage raises and every mention points at its string."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import extractors
from pipeline.context import ReleaseContext
from pipeline.models import Mention, Release
from pipeline.release import extract_release

if TYPE_CHECKING:
    from spacy.language import Language

# Fragments that wake the rules up: names, titles, company forms, datelines, quotes, lists, markdown.
FRAGMENTS = [
    "Jane Roe", "Mr. Wang", "Roe", ", Chief Executive Officer of ", "Acme Widgets, Inc.", " (NYSE: ACM)",
    "BOSTON, May 1, 2024 /PRNewswire/ -- ", "NEW YORK--(BUSINESS WIRE)--", " said ", "\u201c", "\u201d", '"',
    " entitled ", " keynote speech ", " Award", " went to ", ", and ", " including ", " a total of 12 cities",
    "Springfield", " District", " Councils", "\n", "\n\n", "###", "# ", "**", " - ", "WINNER: ", "Finalist: ",
    "| Award | Winner |\n|---|---|\n", " as ", " appointed ", ":", ";", "(", ")", "’s ", "About Acme\n",
]  # fmt: skip

release_texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=60).map("".join),
)


def check(text: str, mentions: list[Mention]) -> None:
    for mention in mentions:
        assert 0 <= mention.start <= mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=release_texts)
def test_every_stage_survives_any_text(nlp: Language, text: str) -> None:
    ctx = ReleaseContext(release=Release(doc_id="p", source="p.txt", text=text, sha256="x"), nlp=nlp)
    for stage in extractors.STAGES:
        stage.run(ctx)  # raises on failure: that is the property
        for section in ctx.sections:
            assert 0 <= section.start <= section.end <= len(text)
        check(text, ctx.dateline.mentions)
        for record in [*ctx.people, *ctx.organizations, *ctx.cities, *ctx.speeches, *ctx.awards]:
            check(text, record.mentions)
        for person in ctx.people:
            for role in person.affiliations:
                check(text, role.mentions)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=release_texts)
def test_every_release_passes_the_grounding_check(nlp: Language, text: str) -> None:
    extract_release(Release(doc_id="p", source="p.txt", text=text, sha256="x"), nlp)

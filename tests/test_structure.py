"""Structure stage: section spans of a release."""

from __future__ import annotations

import pytest
import spacy

from pipeline.context import ReleaseContext
from pipeline.extractors import structure
from pipeline.models import Release

NLP = spacy.blank("en")


def sections(text: str) -> list[tuple[str, str]]:
    ctx = ReleaseContext(release=Release(doc_id="t", source="t.txt", text=text, sha256="x"), nlp=NLP)
    structure.extract(ctx)
    starts = [s.start for s in ctx.sections]
    assert starts == sorted(starts)
    return [(s.kind, text[s.start : s.end]) for s in ctx.sections]


CASES = [
    pytest.param(
        "Acme Opens a Plant\n\nDENVER, CO, May 1, 2024 /PRNewswire/ -- Acme opened a plant.\n",
        [
            ("headline", "Acme Opens a Plant"),
            ("dateline", "DENVER, CO, May 1, 2024 /PRNewswire/ --"),
            ("body", "Acme opened a plant."),
        ],
        id="headline-dateline-body",
    ),
    pytest.param(
        "# **Acme Opens a Plant**\n\nDENVER--(BUSINESS WIRE)--Acme opened a plant.\n",
        [
            ("headline", "Acme Opens a Plant"),
            ("dateline", "DENVER--(BUSINESS WIRE)--"),
            ("body", "Acme opened a plant."),
        ],
        id="markdown-headline",
    ),
    pytest.param(
        "Acme Opens a Plant\n\nForty new jobs on the river\n\n"
        "Oslo, Norway 3 May 2024 – Acme opened a plant.\n",
        [
            ("headline", "Acme Opens a Plant"),
            ("subheadline", "Forty new jobs on the river"),
            ("dateline", "Oslo, Norway 3 May 2024 –"),
            ("body", "Acme opened a plant."),
        ],
        id="subheadline",
    ),
    pytest.param(
        "Acme Opens a Plant\n\nAcme opened a plant. It has forty workers.\n\nSecond paragraph.\n",
        [
            ("headline", "Acme Opens a Plant"),
            ("body", "Acme opened a plant. It has forty workers.\n\nSecond paragraph."),
        ],
        id="no-dateline",
    ),
    pytest.param(
        "Acme Opens a Plant\n\nMAY 1, 2024 – Acme opened a plant.\n\n"
        "**About Acme**\n\nAcme makes widgets.\n\nABOUT BOLT CO\n\nBolt makes bolts.\n\n"
        "Media Contact:\nJane Roe, jane@example.com\n\n###\n",
        [
            ("headline", "Acme Opens a Plant"),
            ("dateline", "MAY 1, 2024 –"),
            ("body", "Acme opened a plant."),
            ("about", "**About Acme**\n\nAcme makes widgets."),
            ("about", "ABOUT BOLT CO\n\nBolt makes bolts."),
            ("contact", "Media Contact:\nJane Roe, jane@example.com"),
            ("end_mark", "###"),
        ],
        id="about-contact-end-mark",
    ),
    pytest.param(
        "Acme Opens a Plant\n\nDENVER, CO, May 1, 2024 /PRNewswire/ -- Acme opened a plant.\n\n"
        "SOURCE Acme Widgets\n\n-30-\n",
        [
            ("headline", "Acme Opens a Plant"),
            ("dateline", "DENVER, CO, May 1, 2024 /PRNewswire/ --"),
            ("body", "Acme opened a plant."),
            ("contact", "SOURCE Acme Widgets"),
            ("end_mark", "-30-"),
        ],
        id="source-trailer-and-dash-30",
    ),
    pytest.param(
        "Acme Opens a Plant\n\nAcme opened a plant.\n\nFor more information, contact Jane Roe.\n\n# # #\n",
        [
            ("headline", "Acme Opens a Plant"),
            ("body", "Acme opened a plant."),
            ("contact", "For more information, contact Jane Roe."),
            ("end_mark", "# # #"),
        ],
        id="for-more-information-contact",
    ),
    pytest.param("", [], id="empty"),
    pytest.param("   \n\n  \n", [], id="blank"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sections(text: str, expected: list[tuple[str, str]]) -> None:
    assert sections(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("\x00\ufffd\u202e" * 4000, id="junk"),
        pytest.param("#\n**\n###\n", id="only-marks"),
        pytest.param("Title\n\n" + "About us\n" * 2000, id="many-about-lines"),
    ],
)
def test_odd_text_never_raises(text: str) -> None:
    sections(text)

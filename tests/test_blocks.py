"""The structure layer: blocks of releases written for these tests, one case per layout."""

from __future__ import annotations

import pytest

from pipeline.extractors.blocks import find_blocks


def blocks(text: str) -> list[tuple[str, str]]:
    structure = find_blocks(text)
    return [(b.kind, text[b.start : b.end]) for b in structure.blocks]


CASES = [
    pytest.param(
        "# Harbor Guild Names Winners\n\nThe guild met on Monday. It named winners.\n",
        [
            ("heading", "Harbor Guild Names Winners"),
            ("paragraph", "The guild met on Monday. It named winners."),
        ],
        id="markdown-heading-and-paragraph",
    ),
    pytest.param(
        "The winners are:\n\n* Retail – Copperleaf Goods\n* Trade – Pell Robotics\n",
        [
            ("line", "The winners are:"),
            ("item", "Retail – Copperleaf Goods"),
            ("item", "Trade – Pell Robotics"),
        ],
        id="bulleted-list",
    ),
    pytest.param(
        "Ranked firms:\n1. Dunmore Bakery\n2) Halvard Mills\n",
        [("line", "Ranked firms:"), ("item", "Dunmore Bakery"), ("item", "Halvard Mills")],
        id="numbered-list",
    ),
    pytest.param(
        "The gala closed the week.  2031 Lantern Winners •\tRetail – Copperleaf Goods •\tTrade – Orla Foods"
        "  Lantern is a charity.",
        [
            ("paragraph", "The gala closed the week."),
            ("line", "2031 Lantern Winners"),
            ("item", "Retail – Copperleaf Goods"),
            ("item", "Trade – Orla Foods"),
            ("paragraph", "Lantern is a charity."),
        ],
        id="flattened-bullets-and-soft-breaks",
    ),
    pytest.param(
        "Honorees included: - Norvik Labs (Energy, Gold Award) - Pell Robotics (Mobility, Silver Award)\n",
        [
            ("line", "Honorees included:"),
            ("item", "Norvik Labs (Energy, Gold Award)"),
            ("item", "Pell Robotics (Mobility, Silver Award)"),
        ],
        id="dash-run-after-colon",
    ),
    pytest.param(
        "Tides Medal: Ana Reis, Eastbrook\tAna Reis has mapped the bay for thirty years.\n",
        [
            ("line", "Tides Medal: Ana Reis, Eastbrook"),
            ("paragraph", "Ana Reis has mapped the bay for thirty years."),
        ],
        id="tab-separates-description",
    ),
    pytest.param(
        "**2031 Honorees**\n\n| Category | Winner |\n|---|---|\n| Retail | Copperleaf Goods |\n",
        [
            ("heading", "2031 Honorees"),
            ("row", "| Category | Winner |"),
            ("row", "| Retail | Copperleaf Goods |"),
        ],
        id="bold-heading-and-table",
    ),
    pytest.param(
        "Range – Acme and Sons, a maker of stoves since 1921, opened a plant in the valley.",
        [
            (
                "paragraph",
                "Range – Acme and Sons, a maker of stoves since 1921, opened a plant in the valley.",
            )
        ],
        id="a-dash-in-prose-is-no-list",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_blocks(text: str, expected: list[tuple[str, str]]) -> None:
    assert blocks(text) == expected


def test_nested_items_and_table_cells() -> None:
    text = "Finalists:\n- Energy\n  - Norvik Labs\n- Mobility\n\n| A | **B** |\n"
    structure = find_blocks(text)
    assert [(b.kind, b.depth, text[b.start : b.end]) for b in structure.blocks[:4]] == [
        ("line", 0, "Finalists:"),
        ("item", 0, "Energy"),
        ("item", 1, "Norvik Labs"),
        ("item", 0, "Mobility"),
    ]
    assert [text[s:e] for s, e in structure.blocks[-1].cells] == ["A", "B"]


LISTS = [
    pytest.param(
        "Winners include:\n\n* Volunteer Hero: Ana Reis\tAna Reis cared for her son.\n\n"
        "* Neighbor Hero: Leo Voss\tLeo Voss walked again.\n\nJudges met in May.\n",
        ["Volunteer Hero: Ana Reis", "Neighbor Hero: Leo Voss"],
        id="items-with-descriptions-between",
    ),
    pytest.param(
        "The (3) 2031 Coastal Builders Award Winners are (listed alphabetically):\n\nHarwick Stone\n\n"
        "Lumen Glassworks\n\nOrla Foods\n\nThe builders were honored in May.\n",
        ["Harwick Stone", "Lumen Glassworks", "Orla Foods"],
        id="bare-lines",
    ),
    pytest.param(
        "Winners:\n\n| Category | Winner |\n|---|---|\n| Retail | Copperleaf Goods |\n\nMore text.\n",
        ["| Category | Winner |", "| Retail | Copperleaf Goods |"],
        id="table-rows",
    ),
    pytest.param("The winners are below.\n\nThe gala was held in May in the old hall.\n", [], id="no-list"),
]


@pytest.mark.parametrize(("text", "expected"), LISTS)
def test_list_after_lead(text: str, expected: list[str]) -> None:
    structure = find_blocks(text)
    items = structure.list_after(structure.blocks[0])
    assert [text[b.start : b.end] for b in items] == expected


def test_block_at_offset() -> None:
    text = "First line here\n\nA paragraph that ends.\n"
    structure = find_blocks(text)
    assert structure.block_at(text.index("paragraph")) == structure.blocks[1]
    assert structure.block_at(text.index("\n")) is None


def test_lists_are_runs_of_items_lines_or_rows_before_the_link_block() -> None:
    text = (
        "Winners\n\n* Harwick Stone\n* Lumen Glassworks\n* Tidewater Mills\n\nA paragraph that says more, "
        "and ends.\n\nOne\n\nTwo\n\n---\n\n[Original](https://a.example)\n\n[Pickup](https://b.example)\n"
    )
    lists = find_blocks(text).lists()
    assert [[text[b.start : b.end] for b in run] for run in lists] == [
        ["Harwick Stone", "Lumen Glassworks", "Tidewater Mills"]
    ]

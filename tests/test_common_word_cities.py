"""The committed list of one-word city names that are also English words is what its script makes."""

from __future__ import annotations

from scripts.common_word_cities import OUTPUT, render


def test_committed_list_matches_a_fresh_build() -> None:
    assert OUTPUT.read_text(encoding="utf-8") == render(), "run scripts/common_word_cities.py"


def test_list_holds_towns_named_like_words_and_no_plain_words() -> None:
    names = set(OUTPUT.read_text(encoding="utf-8").split())
    assert {"phoenix", "reading", "mobile", "frankfurt"} <= names
    assert not {"kingdom", "island", "activate", "trumpet"} & names

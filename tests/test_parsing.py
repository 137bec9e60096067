"""A release's text becomes one Doc: masked punctuation walls, long texts parsed in pieces."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.parsing import parse, parser_text, pieces

if TYPE_CHECKING:
    from spacy.language import Language

PARAGRAPH = (
    "Jane Roe, chief executive officer of Acme Robotics Inc., said the plant in Dayton, Ohio will open "
    "in March. The company thanked Governor John Smith for his support.\n\n"
)


def test_long_runs_of_punctuation_are_masked_with_the_same_length() -> None:
    text = "Hello " + "!" * 1500 + " world"
    masked = parser_text(text)
    assert len(masked) == len(text)
    assert masked.startswith("Hello xxx") and masked.endswith("x world")


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        pytest.param(
            "one two\n\nthree four\n\nfive", 14, ["one two\n\n", "three four\n\n", "five"], id="blank-lines"
        ),
        pytest.param(
            "aaa bbb\n\n\n  ccc ddd", 12, ["aaa bbb\n\n\n  ", "ccc ddd"], id="blank-run-stays-whole"
        ),
        pytest.param(
            "a first line\na second line\nthird",
            15,
            ["a first line\n", "a second line\n", "third"],
            id="wrapped-lines",
        ),
        pytest.param(
            "words without any line at all", 12, ["words ", "without any ", "line at all"], id="wall-of-text"
        ),
        pytest.param("x" * 25, 10, ["x" * 10, "x" * 10, "x" * 5], id="no-space-at-all"),
        pytest.param("short\n\ntext", 100, ["short\n\ntext"], id="under-the-limit"),
    ],
)
def test_pieces_cut_at_the_last_break_inside_the_limit(text: str, limit: int, expected: list[str]) -> None:
    assert list(pieces(text, limit)) == expected


def test_a_blank_line_is_preferred_to_a_later_line_break() -> None:
    text = "first paragraph\n\nsecond line\nthird line and more"
    first, *_ = pieces(text, 35)
    assert first == "first paragraph\n\n"


@given(st.text(alphabet=st.sampled_from("ab \n\t."), max_size=300), st.integers(min_value=1, max_value=40))
def test_pieces_always_join_back_into_the_text(text: str, limit: int) -> None:
    parts = list(pieces(text, limit))
    assert "".join(parts) == text
    assert all(parts[:-1]), "no empty piece before the end"
    # A piece goes over the limit only by the whitespace run it ends with.
    assert all(len(part.rstrip()) <= limit for part in parts)


def test_a_long_text_is_parsed_in_pieces_into_one_doc_with_the_same_offsets(nlp: Language) -> None:
    text = PARAGRAPH * 12
    limit = len(PARAGRAPH) * 3 + 5
    doc = parse(nlp, text, limit=limit)
    assert doc.text == text
    whole = parse(nlp, text, limit=len(text))
    assert [t.idx for t in doc] == [t.idx for t in whole]
    people = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
    assert len(people) == 24
    assert all(text[s:e] in ("Jane Roe", "John Smith") for s, e in people)
    assert doc.has_annotation("DEP") and doc.has_annotation("TAG")
    # Every piece boundary is a sentence boundary, and no sentence crosses a blank line.
    starts = {s.start_char for s in doc.sents}
    assert {i * len(PARAGRAPH) for i in range(12)} <= starts
    assert all("\n\n" not in s.text.strip() for s in doc.sents)


def test_a_text_under_the_limit_is_one_call(nlp: Language) -> None:
    calls: list[str] = []

    def counting(text: str):  # type: ignore[no-untyped-def]
        calls.append(text)
        return nlp(text)

    parse(counting, PARAGRAPH * 2)
    assert calls == [PARAGRAPH * 2]
    parse(counting, PARAGRAPH * 4, limit=len(PARAGRAPH) * 2)
    assert calls[1:] == [PARAGRAPH * 2, PARAGRAPH * 2]


LAYOUT = (
    "# Firm news\n\nMarta Quill is a partner with Lindqvist Design of Philadelphia, Pa. Founded in 1996, "
    "the firm designs schools.\n\n- Libraries\n- Campus halls\n"
)


def test_preset_starts_begin_sentences_and_ner_reads_as_a_plain_run(nlp: Language) -> None:
    """The parser takes the layout's starts; NER sees the parser's own boundaries, so a name never runs
    into the next sentence ("Pa. Founded") and its entities are those of a plain nlp(text)."""
    starts = [LAYOUT.index(s) for s in ("Firm", "Marta", "Libraries", "Campus")]
    doc = parse(nlp, LAYOUT, sentence_starts=starts)
    assert {s.start_char for s in doc.sents} >= set(starts)
    plain = nlp(LAYOUT)
    assert [(e.text, e.label_) for e in doc.ents] == [(e.text, e.label_) for e in plain.ents]
    assert "Pa. Founded" not in [e.text for e in doc.ents]


@pytest.mark.parametrize(
    ("listens", "own"),
    [
        pytest.param(True, False, id="ner-listening-to-shared-tok2vec"),
        pytest.param(False, True, id="own-tok2vec"),
    ],
)
def test_a_listening_ner_is_told_from_one_with_its_own_tok2vec(listens: bool, own: bool) -> None:
    import spacy

    from pipeline.parsing import _has_own_tok2vec

    nlp = spacy.blank("en")
    if listens:
        nlp.add_pipe("tok2vec")
        config = {"model": {"@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner"}}
        config["model"]["tok2vec"] = {"@architectures": "spacy.Tok2VecListener.v1", "width": 96}
        ner = nlp.add_pipe("ner", config=config)
    else:
        ner = nlp.add_pipe("ner")
    ner.add_label("ORG")
    nlp.initialize()
    assert _has_own_tok2vec(ner) is own

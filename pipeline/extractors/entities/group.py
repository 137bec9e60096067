"""Grouping mentions into records: a surname joins its full name, "Acme, Inc." and "Acme" are one
organization, an acronym is an alias, a city keeps the country written after it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ...context import ReleaseContext
from ...knowledge import (
    is_legal_suffix,
    is_region,
    words,
)
from ...models import City, Mention, Organization, Person
from ...validate import normalise_space
from ..spans import whole_word_occurrences
from .candidate import Candidate
from .filters import (
    LEGAL_SUFFIX_AT_END,
    Seen,
    is_country,
    is_place_name,
    org_rejected,
    person_rejected,
    strip_legal_suffix,
)
from .propose import COMPASS_REGION


def group_people(ctx: ReleaseContext, candidates: list[Candidate], common: frozenset[str]) -> list[Person]:
    """Full names become people; a lone surname or given name joins the full name it shortens."""
    text = ctx.text
    full: dict[str, list[Mention]] = {}
    short: list[Candidate] = []
    for cand in candidates:
        name = normalise_space(text[cand.start : cand.end])
        seen = Seen(name, common=common, ctx=ctx, cand=cand)
        couple_given_name = cand.anchored and " " not in name  # "Chris" of "Chris & Jo Lee"
        if person_rejected(seen) is None or couple_given_name:
            full.setdefault(name, []).append(
                Mention(start=cand.start, end=cand.end, text=text[cand.start : cand.end])
            )
        elif " " not in name:
            short.append(cand)
    # A "name" that contains another full name plus more words is a brand ("Atelier Nina Varga").
    names = [n for n in full if not any(o != n and " " in o and f" {o} " in f" {n} " for o in full)]
    surnames = {n: n.split() for n in names}
    taken = [m for name in names for m in full[name]]
    for token in _short_mentions(ctx, surnames, short, taken):
        owner = _owner_of(token, surnames, full)
        if owner is not None:
            full[owner].append(token)
    return [
        Person(doc_id=ctx.release.doc_id, name=name, mentions=sorted(full[name], key=lambda m: m.start))
        for name in names
    ]


def _short_mentions(
    ctx: ReleaseContext, names: dict[str, list[str]], short: list[Candidate], taken: list[Mention]
) -> Iterator[Mention]:
    """Later lone surnames or given names of known people, wherever NER put them (or missed them)."""
    parts = {p for tokens in names.values() for p in (tokens[0], tokens[-1]) if len(p) > 2}
    if not parts:
        return
    spans = {(c.start, c.end) for c in short if ctx.text[c.start : c.end] in parts}
    spans |= {(t.idx, t.idx + len(t.text)) for t in ctx.doc if t.text in parts}
    for start, end in sorted(spans):
        if not any(m.start <= start and end <= m.end for m in taken):
            yield Mention(start=start, end=end, text=ctx.text[start:end])


def _owner_of(mention: Mention, names: dict[str, list[str]], full: dict[str, list[Mention]]) -> str | None:
    """The person a short mention refers to: by surname first, else by the first name written first."""
    by_last = [n for n, tokens in names.items() if tokens[-1] == mention.text]
    by_first = [n for n, tokens in names.items() if tokens[0] == mention.text]
    for group in (by_last, by_first):
        earlier = [n for n in group if full[n][0].start < mention.start]
        if len(earlier) == 1:
            return earlier[0]
        if earlier:
            return max(earlier, key=lambda n: max(m.start for m in full[n] if m.start < mention.start))
    return None


def group_organizations(
    ctx: ReleaseContext, candidates: list[Candidate], common: frozenset[str]
) -> list[Organization]:
    """Group organization mentions: "Acme" and "Acme, Inc." are one; an "(ABC)" acronym is an alias."""
    text = ctx.text
    groups: dict[str, list[Mention]] = {}
    for cand in candidates:
        name = text[cand.start : cand.end]
        before, after = text[max(0, cand.start - 40) : cand.start], text[cand.end : cand.end + 5]
        if org_rejected(Seen(normalise_space(name), before, after, common, ctx, cand)):
            continue
        groups.setdefault(org_key(name), []).append(Mention(start=cand.start, end=cand.end, text=name))
    for key in _product_keys(text, groups):
        del groups[key]
    _join_truncated(text, groups)
    _join_cut_tails(text, groups)
    aliases = _acronym_aliases(text, groups)
    records = []
    for key, mentions in groups.items():
        if key in aliases:
            continue  # an acronym: its mentions belong to the organization it abbreviates
        alias_mentions = [m for acronym, owner in aliases.items() if owner == key for m in groups[acronym]]
        name = max((normalise_space(m.text) for m in mentions), key=_fullest)
        alias_names = sorted({normalise_space(m.text) for m in alias_mentions})
        records.append(
            Organization(
                doc_id=ctx.release.doc_id,
                name=name,
                aliases=alias_names,
                mentions=sorted(
                    {(m.start, m.end): m for m in mentions + alias_mentions}.values(), key=lambda m: m.start
                ),
            )
        )
    return records


def _fullest(name: str) -> tuple[int, bool, str]:
    """The longest form names a record, written without ® or ™ when the text has both forms."""
    plain = re.sub(r"[®™©]", "", name)
    return len(plain), plain == name, name


def _join_truncated(text: str, groups: dict[str, list[Mention]]) -> None:
    """NER sometimes drops a first word ("Vance Corporation" in "Elliot Vance Corporation"): such
    mentions join the longer name they are the tail of, when the text before them supplies the rest."""
    for key in list(groups):
        for longer in groups:
            if longer != key and longer.endswith(" " + key):
                head = longer[: -len(key)]
                if all(text[max(0, m.start - len(head)) : m.start].casefold() == head for m in groups[key]):
                    groups[longer].extend(
                        Mention(start=m.start - len(head), end=m.end, text=text[m.start - len(head) : m.end])
                        for m in groups.pop(key)
                    )
                break


_AWARD_AFTER = re.compile(r"(?: [A-Z][\w’'\-]*){0,3} (?:Awards?|Prizes?|Honou?rs?|Medals?)\b")
_NEXT_WORD = re.compile(r" (?P<word>[A-Z][A-Za-z0-9&\-]*)(?=[\s,;:.!?)’']|$)")


def _join_cut_tails(text: str, groups: dict[str, list[Mention]]) -> None:
    """NER sometimes drops a last word ("LUMERA" of "LUMERA SKIN"): when at least three times in four
    that the text writes a name (and twice or more) the same capitalised word follows, that word is part
    of it, and those places are the name's mentions ("IBM" written alone two times in five keeps "IBM
    Rational" a product); a grown name that another group already holds ("Zil Money" of "Zil Money
    Corp.") joins it. A title ("Acme CEO"), a place or a month after it is not."""
    stops = words("titles") | words("title_heads") | words("corporate_title_words") | words("months")
    for key in list(groups):
        mentions = groups.get(key)
        if not mentions:
            continue
        written = min((m.text for m in mentions), key=len)
        places = list(whole_word_occurrences(text, written))
        following = Counter(m.group("word") for _, end in places if (m := _NEXT_WORD.match(text, end)))
        if not following:
            continue
        word, times = following.most_common(1)[0]
        if times < 2 or times * 4 < len(places) * 3 or word.casefold() in stops:
            continue
        if word in {"The", "A", "An", "In", "On"} or is_place_name(word) or is_region(word):
            continue
        if is_legal_suffix(word + ".") and any(text.startswith(f" {word}.", end) for _, end in places):
            continue  # "Focus Universal Inc.": the company form is read with its period elsewhere
        in_awards = sum(bool(_AWARD_AFTER.match(text, end + len(word) + 1)) for _, end in places)
        if in_awards * 2 >= times:
            continue  # "Insurance Business America Rising Star Awards": the word opens an award's name
        others = [m for other, ms in groups.items() if other != key for m in ms]
        grown = [
            (start, end + len(word) + 1)
            for start, end in places
            if text.startswith(" " + word, end) and not any(m.start <= start < m.end for m in others)
        ]
        target = org_key(f"{written} {word}")
        if not grown and target not in groups:
            continue  # every place is inside a longer name ("Stonegate Capital Partners")
        kept = [m for m in mentions if not any(s <= m.start < e for s, e in grown)]
        new = [*kept, *(Mention(start=s, end=e, text=text[s:e]) for s, e in grown)]
        if target != key and target in groups:
            del groups[key]
            key = target
            new += groups[key]
        groups[key] = sorted({(m.start, m.end): m for m in new}.values(), key=lambda m: m.start)


def with_repeats(text: str, org: Organization, taken: bytearray) -> Organization:
    """NER misses some repeats of a name it found elsewhere ("Acme" right after a dateline); every
    whole-word occurrence of a name outside shut zones, people and other mentions (`taken`, marked by
    character) is a mention too."""
    known = {(m.start, m.end) for m in org.mentions}
    added: list[Mention] = []
    for written in sorted({m.text for m in org.mentions}, key=len, reverse=True):
        if len(written) < 3:
            continue
        for start, end in whole_word_occurrences(text, written):
            if (
                (start, end) in known
                or taken.find(1, start, end) >= 0
                or any(m.start < end and start < m.end for m in added)
            ):
                continue
            added.append(Mention(start=start, end=end, text=written))
    if not added:
        return org
    return org.model_copy(update={"mentions": sorted([*org.mentions, *added], key=lambda m: m.start)})


_DESCRIBED = re.compile(r",\s(?:a|an|the)\s")
_LINE_END = re.compile(r"[®™]?[ \t]*(?:\n|$)")


def _about_heading(text: str, mention: Mention) -> bool:
    """ "About Acme Cell Medicines" on a line of its own."""
    after_about = mention.start >= 6 and text.startswith("About ", mention.start - 6)
    return after_about and _LINE_END.match(text, mention.end) is not None


def _product_keys(text: str, groups: dict[str, list[Mention]]) -> list[str]:
    """ "Acme Cloud Studio" beside "Acme" is a product or division of Acme, unless its name says it is
    a body of its own ("Acme Research Institute", "Acme Co., Ltd.") or the text describes it as one
    ("Acme Cell Medicines, a biotechnology company", an "About" heading)."""
    found = []
    for key, mentions in groups.items():
        if any(LEGAL_SUFFIX_AT_END.search(m.text) for m in mentions):
            continue
        about = any(_about_heading(text, m) for m in mentions)
        described = about or any(_DESCRIBED.match(text, m.end) for m in mentions)
        for other in groups:
            if other != key and (key.startswith(other + " ") or key.startswith(other + "-")):
                rest = key[len(other) + 1 :]
                if described and rest != other:
                    break  # "Halvern Cell Medicines, a biotechnology company": the company itself
                last = rest.rsplit(" ", 1)[-1]
                regional = bool(COMPASS_REGION.fullmatch(" " + rest.title())) or is_region(rest)
                if rest == other or (not regional and last not in words("org_heads")):
                    found.append(key)  # also "Hyro Hyro", a glued heading
                    break
    return found


def org_key(name: str) -> str:
    """Grouping key, space-normalised, without a company-form suffix, case-insensitive (the joins stage
    matches names by it too)."""
    key = strip_legal_suffix(normalise_space(re.sub(r"\s?[®™©]", "", name))).casefold()
    return key[4:] if key.startswith("the ") else key  # "The Harbor Daily Ledger" == "Harbor Daily Ledger"


def _acronym_aliases(text: str, groups: dict[str, list[Mention]]) -> dict[str, str]:
    """acronym key -> owner key, for "Long Name (LN)" written in the text."""
    aliases: dict[str, str] = {}
    for key, mentions in list(groups.items()):
        for mention in list(mentions):
            after = re.match(r"\s?\((?P<acronym>[A-Z][A-Za-z&]{1,9})\)", text[mention.end : mention.end + 14])
            if not after:
                continue
            acronym = after.group("acronym")
            initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w’'\-]*", mention.text) if w[0].isupper())
            if _is_subsequence(acronym.upper(), initials.upper()):
                aliases.setdefault(acronym.casefold(), key)
                start = mention.end + after.start("acronym")
                groups.setdefault(acronym.casefold(), []).append(
                    Mention(start=start, end=start + len(acronym), text=acronym)
                )
    return {k: v for k, v in aliases.items() if k != v}


def _is_subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return bool(short) and all(ch in letters for ch in short)


def group_cities(ctx: ReleaseContext, candidates: list[Candidate], common: frozenset[str]) -> list[City]:
    """Cities as written; the dateline city first, with the dateline's country."""
    text = ctx.text
    dateline = ctx.dateline
    groups: dict[str, list[Mention]] = {}
    countries: dict[str, str | None] = {}
    if dateline.city is not None:
        city_mention = next((m for m in dateline.mentions if m.text == dateline.city), None)
        if city_mention is not None:
            key = normalise_space(dateline.city).casefold()
            groups[key] = [city_mention]
            countries[key] = dateline.country
    for cand in candidates:
        name = text[cand.start : cand.end]
        if not is_place_name(name, common):
            continue
        key = normalise_space(name).casefold()
        mention = Mention(start=cand.start, end=cand.end, text=name)
        if any(m.start == mention.start for m in groups.get(key, [])):
            continue
        groups.setdefault(key, []).append(mention)
        countries.setdefault(key, _country_after(text, cand.end))
    return [
        City(
            doc_id=ctx.release.doc_id,
            name=normalise_space(mentions[0].text),
            country=countries.get(key),
            mentions=sorted(mentions, key=lambda m: m.start),
        )
        for key, mentions in groups.items()
    ]


def _country_after(text: str, end: int) -> str | None:
    """ "Paris, France" -> "France"."""
    match = re.match(r", ([A-Z][A-Za-z.]{1,20}(?: [A-Z][A-Za-z.]{1,20}){0,2})", text[end : end + 40])
    if match and is_country(match.group(1)):
        return match.group(1)
    return None

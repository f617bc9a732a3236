"""Values in the school's words, read as the contract's: Yes -> Y, "K - SEN Support" -> K, "GB5; GB7" -> 5;7.

Each distinct value is looked up once. A value the vocabulary does not know is left as it is, for
the contract check to report; a value that could mean two things is reported here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from bot.records.import_vocab import ImportVocabulary, key
from bot.records.problems import Collector
from bot.records.vocab import parse_academic_year


@dataclass(frozen=True)
class Translation:
    """One of the school's values and the contract value it was read as (shown by --dry-run)."""

    column: str
    original: str
    value: str
    rows: int


def _changes(values: pd.Series, lookup: dict[str, str], column: str) -> tuple[pd.Series, list[Translation]]:
    changed = {v: t for v, t in lookup.items() if t != v}
    if not changed:
        return values, []
    counts = values[values.isin(list(changed))].value_counts()
    notes = [Translation(column, v, changed[v], int(n)) for v, n in counts.items()]
    return values.map(changed).fillna(values), notes


def words(table, column: str, vocab: ImportVocabulary, own: dict[str, str], out: Collector) -> list[Translation]:
    """Translate a vocabulary column in place; ``own`` is the mapping file's values for it (by key)."""
    frame = table.frame
    known, unclear = vocab.values[column], vocab.ambiguous_values.get(column, {})
    lookup, ambiguous = {}, {}
    for value in pd.unique(frame[column]):
        k = key(value)
        if not value:
            continue
        if k in own:
            lookup[value] = own[k]
        elif k in known:
            lookup[value] = known[k]
        elif k in unclear:
            ambiguous[value] = unclear[k]
    if ambiguous:
        out.rows(
            table,
            frame[column].isin(list(ambiguous)),
            column,
            lambda v: f"{v!r} is not a {column.replace('_', ' ')} on its own: it could mean "
            f"{' or '.join(ambiguous[v])}; write which one, or name it under 'values:' in a mapping file",
        )
    frame[column], notes = _changes(frame[column], lookup, column)
    return notes


def academic_years(table, column: str) -> list[Translation]:
    """2024/2025 -> 2024/25 (the contract's form); anything else is left for the check."""
    frame = table.frame
    lookup = {}
    for value in pd.unique(frame[column]):
        m = re.fullmatch(r"(\d{4})\s*/\s*(\d{4})", value)
        if m and int(m.group(2)) == int(m.group(1)) + 1:
            lookup[value] = f"{m.group(1)}/{m.group(2)[2:]}"
        elif value and parse_academic_year(value.replace(" ", "")) is not None:
            lookup[value] = value.replace(" ", "")
    frame[column], notes = _changes(frame[column], lookup, column)
    return notes


_BENCH_WORDS = re.compile(r"gatsby|benchmarks?|gb|bm")
_BENCH_LIST = re.compile(r"^[\s;,/&+]*[1-8](?:(?:[\s;,/&+]|and)+[1-8])*[\s;,/&+]*$")


def _benchmarks(value: str) -> str | None:
    text = _BENCH_WORDS.sub(" ", value.casefold())
    if not _BENCH_LIST.match(text):
        return None
    return ";".join(sorted(set(re.findall(r"[1-8]", text)), key=int))


def benchmarks(table, out: Collector) -> list[Translation]:
    """ "5;7", "5, 7", "GB5; GB7" -> "5;7" (sorted, once each); anything else is a problem."""
    frame = table.frame
    lookup, bad = {}, []
    for value in pd.unique(frame["benchmarks"]):
        if value:
            canonical = _benchmarks(value)
            if canonical is None:
                bad.append(value)
            else:
                lookup[value] = canonical
    out.rows(
        table,
        frame["benchmarks"].isin(bad),
        "benchmarks",
        lambda v: f"{v!r} is not a list of Gatsby benchmark numbers 1-8 (e.g. 5;7, 5, 7 or GB5; GB7)",
    )
    translated, notes = _changes(frame["benchmarks"], lookup, "benchmarks")
    frame["benchmarks"] = translated
    return [n for n in notes if n.original.replace(" ", "") != n.value]  # "5; 7" for 5;7 is no translation

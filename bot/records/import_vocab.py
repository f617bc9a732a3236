"""The headings, sheet names and values the importer understands (bot/content/import_headings.yml)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.records.contract import ALL_COLUMNS, TABLES, VOCABULARIES

HEADINGS_FILE = Path(__file__).resolve().parent.parent / "content" / "import_headings.yml"


def key(text) -> str:
    """How headings and values are compared: case, spacing and punctuation do not matter."""
    return re.sub(r"[\W_]+", "", str(text).casefold())


@dataclass(frozen=True)
class AmbiguousHeading:
    heading: str
    could_be: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class ImportVocabulary:
    tables: dict[str, str]  # key of a file or sheet name -> contract table
    headings: dict[str, str]  # key of a heading -> contract column
    accepted: dict[str, tuple[str, ...]]  # contract column -> the headings listed for it (for messages)
    ambiguous_headings: dict[str, AmbiguousHeading]  # key -> entry
    values: dict[str, dict[str, str]]  # column -> key of a value -> contract value
    ambiguous_values: dict[str, dict[str, tuple[str, ...]]]  # column -> key of a value -> possible contract values

    def table_for(self, name: str) -> str | None:
        """The table a file or sheet name stands for ("Pupils", "pupils.csv", "Student List")."""
        return self.tables.get(key(re.sub(r"\.(csv|xlsx|xlsm)$", "", str(name).strip(), flags=re.I)))

    def column_for(self, heading: str) -> str | None:
        return self.headings.get(key(heading))


class _Checked:
    """Collects the content file's keys so that one word never means two things."""

    def __init__(self, path: Path, what: str):
        self.path, self.what, self.seen = path, what, {}

    def add(self, word, meaning: str) -> str:
        if not isinstance(word, str) or not key(word):
            raise ValueError(f"{self.path}: {self.what}: {word!r} must be written as text (quote it)")
        k = key(word)
        if self.seen.get(k, meaning) != meaning:
            raise ValueError(f"{self.path}: {self.what}: {word!r} is listed for both {self.seen[k]} and {meaning}")
        self.seen[k] = meaning
        return k


def _tables(data: dict, path: Path) -> dict[str, str]:
    checked = _Checked(path, "tables")
    out = {}
    for table in TABLES:
        for name in [table] + list(data.get(table) or []):
            out[checked.add(name, table)] = table
    return out


def _headings(data: dict, ambiguous: Iterable[dict], path: Path):
    checked = _Checked(path, "headings")
    headings, accepted = {}, {}
    for column in ALL_COLUMNS:
        listed = tuple(data.get(column) or ())
        accepted[column] = listed
        for heading in (column,) + listed:
            headings[checked.add(heading, column)] = column
    unknown = set(data) - set(ALL_COLUMNS)
    if unknown:
        raise ValueError(f"{path}: headings: {sorted(unknown)} are not contract columns")
    entries = {}
    for item in ambiguous:
        could_be = tuple(item["could_be"])
        if not set(could_be) <= set(ALL_COLUMNS):
            raise ValueError(f"{path}: ambiguous heading {item['heading']!r}: {could_be} are not all contract columns")
        k = checked.add(item["heading"], "an ambiguous heading")
        entries[k] = AmbiguousHeading(item["heading"], could_be, str(item.get("note") or ""))
    return headings, accepted, entries


def _values(data: dict, ambiguous: dict, path: Path):
    values, unclear = {}, {}
    for column, allowed in VOCABULARIES.items():
        checked = _Checked(path, f"values of {column}")
        table = values[column] = {}
        for value in allowed:
            if value:
                table[checked.add(value, value)] = value
        for value, words in (data.get(column) or {}).items():
            value = "" if value is None else str(value)
            if value not in allowed:
                raise ValueError(f"{path}: values of {column}: {value!r} is not a contract value")
            for word in words:
                table[checked.add(word, value)] = value
        unclear[column] = {}
        for word, candidates in (ambiguous.get(column) or {}).items():
            if not set(candidates) <= set(allowed):
                raise ValueError(f"{path}: ambiguous values of {column}: {candidates} are not all contract values")
            unclear[column][checked.add(word, "an ambiguous value")] = tuple(candidates)
    return values, unclear


@lru_cache(maxsize=4)
def load(path: Path = HEADINGS_FILE) -> ImportVocabulary:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    headings, accepted, ambiguous = _headings(data.get("headings") or {}, data.get("ambiguous_headings") or [], path)
    values, unclear = _values(data.get("values") or {}, data.get("ambiguous_values") or {}, path)
    return ImportVocabulary(_tables(data.get("tables") or {}, path), headings, accepted, ambiguous, values, unclear)

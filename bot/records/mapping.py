"""The school's own mapping file (`coach import --map mapping.yml`): headings and values it names.

pupils:
  pupil_id: Student Ref            # contract column: the school's heading
  disadvantaged: PP Flag
activities:
  title: Event Name
values:
  activity_type:
    Careers Fair: employer_encounter   # the school's value: the contract value
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.records.contract import TABLES, VOCABULARIES
from bot.records.db import RecordsError
from bot.records.import_vocab import ImportVocabulary, key


@dataclass(frozen=True)
class Mapping:
    path: Path | None = None
    columns: dict[str, dict[str, str]] = field(default_factory=dict)  # table -> contract column -> heading
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # column -> key of a value -> contract value

    def headings_for(self, table: str) -> dict[str, str]:
        return self.columns.get(table, {})


NO_MAPPING = Mapping()


def _fail(path: Path, reason: str) -> RecordsError:
    return RecordsError(f"{path}: {reason}; nothing was imported.")


def _columns(path: Path, table: str, entries) -> dict[str, str]:
    if not isinstance(entries, dict):
        raise _fail(path, f"{table}: write each column as 'contract_column: Your Heading'")
    spec, out, seen = TABLES[table], {}, {}
    for column, heading in entries.items():
        if column not in spec.columns:
            raise _fail(path, f"{table}: {column!r} is not a column of {spec.file} ({', '.join(spec.columns)})")
        if not isinstance(heading, str) or not heading.strip():
            raise _fail(path, f"{table}: {column}: give the heading as text")
        if key(heading) in seen:
            raise _fail(path, f"{table}: the heading {heading!r} is named for both {seen[key(heading)]} and {column}")
        seen[key(heading)] = column
        out[column] = heading.strip()
    return out


def _values(path: Path, entries) -> dict[str, dict[str, str]]:
    if not isinstance(entries, dict):
        raise _fail(path, "values: write them as 'column: {Your Value: contract_value}'")
    out: dict[str, dict[str, str]] = {}
    for column, pairs in entries.items():
        allowed = VOCABULARIES.get(column)
        if allowed is None:
            raise _fail(path, f"values: {column!r} has no fixed values ({', '.join(VOCABULARIES)} do)")
        if not isinstance(pairs, dict):
            raise _fail(path, f"values: {column}: write each as 'Your Value: contract_value'")
        for word, value in pairs.items():
            value = "" if value is None else str(value)
            if value not in allowed:
                raise _fail(path, f"values: {column}: {value!r} is not one of {', '.join(v for v in allowed if v)}")
            out.setdefault(column, {})[key(word)] = value
    return out


def load(path: Path | None, vocab: ImportVocabulary) -> Mapping:
    """Read and check a mapping file; RecordsError with the reason when it is not right."""
    if path is None:
        return NO_MAPPING
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise _fail(path, "the mapping file does not exist") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise _fail(path, f"not a readable YAML file ({exc})") from None
    if not isinstance(data, dict):
        raise _fail(path, "expected sections pupils:, activities:, destinations: and values:")
    columns, values = {}, {}
    for section, entries in data.items():
        table = vocab.table_for(str(section))
        if str(section) == "values":
            values = _values(path, entries)
        elif table:
            columns[table] = _columns(path, table, entries)
        else:
            raise _fail(path, f"{section!r} is not a section (pupils, activities, destinations or values)")
    return Mapping(path, columns, values)

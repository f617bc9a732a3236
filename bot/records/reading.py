"""One table read into the contract's form: its headings mapped, its values translated, its dates parsed."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from bot.records import dates, values
from bot.records.contract import DATE_COLUMNS, TABLES, VOCABULARIES, YEAR_COLUMNS
from bot.records.headings import ColumnMapping, HeadingResult, resolve
from bot.records.import_vocab import ImportVocabulary, key
from bot.records.mapping import Mapping
from bot.records.problems import Collector, Place
from bot.records.sources import RawTable

PARSED_DATE = {"left_on": "left_date", "date": "when"}  # the frame column holding each date column's dates


@dataclass
class Table:
    """A table in the contract's columns (text, translated), with ``_line`` and parsed dates."""

    name: str
    place: Place
    frame: pd.DataFrame
    headings: dict[str, str]  # contract column -> the school's heading


@dataclass(frozen=True)
class TableReport:
    """What the importer understood of one table (shown by `coach import --dry-run`)."""

    table: str
    place: Place
    rows: int
    checksum: str
    columns: tuple[ColumnMapping, ...]
    absent: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    unnamed: int = 0
    dates: tuple[dates.DateReading, ...] = ()
    translations: tuple[values.Translation, ...] = ()


def _frame(raw: RawTable, name: str, found: HeadingResult) -> pd.DataFrame:
    n = len(raw.data)
    columns = {}
    for column in TABLES[name].columns:
        m = found.mapped.get(column)
        columns[column] = raw.data[m.position] if m else pd.Series([""] * n, dtype=object)
    frame = pd.DataFrame(columns, index=pd.RangeIndex(n))
    frame["_line"] = raw.lines
    return frame


# Columns where an Excel date cell is surely a mistake (Excel turns "1/2" or "2024-25" into a date as it is typed).
NOT_DATES = ("pupil_id", "activity_id", "cohort", "leaving_year", "benchmarks", "nccis_code") + tuple(VOCABULARIES)


def _excel_dates_in_wrong_columns(table: Table, raw: RawTable, found: HeadingResult, out: Collector) -> None:
    for column, m in found.mapped.items():
        cells = raw.excel_dates.get(m.position)
        if column in NOT_DATES and cells:
            mask = pd.Series(table.frame.index.isin(list(cells)), index=table.frame.index)
            out.rows(
                table,
                mask,
                column,
                lambda v, column=column: f"the cell is an Excel date ({v}), not a {column} value: Excel may have "
                f"turned what was typed into a date; format the column as Text and retype it",
            )


def _translate(table: Table, raw: RawTable, found: HeadingResult, vocab: ImportVocabulary, mapping: Mapping, out: Collector):
    _excel_dates_in_wrong_columns(table, raw, found, out)
    notes: list[values.Translation] = []
    for column in YEAR_COLUMNS.get(table.name, ()):
        notes += values.academic_years(table, column)
    for column in TABLES[table.name].columns:
        if column in VOCABULARIES:
            notes += values.words(table, column, vocab, mapping.values.get(column, {}), out)
    if table.name == "activities":
        notes += values.benchmarks(table, out)
    readings = []
    for column in DATE_COLUMNS.get(table.name, ()):
        m = found.mapped.get(column)
        excel = raw.excel_dates.get(m.position, set()) if m else set()
        table.frame[PARSED_DATE[column]], reading = dates.read(table, column, excel, out)
        if m:
            readings.append(reading)
    return tuple(notes), tuple(readings)


def _warnings(raw: RawTable, found: HeadingResult, warnings: list[str]) -> None:
    place = raw.source.place
    if raw.skipped:
        where = ", ".join(str(n) for n in raw.skipped)
        units = place.unit + ("s" if len(raw.skipped) > 1 else "")
        warnings.append(f"{place.label}: the header is on {place.unit} {raw.header_line}; skipped the title above it " f"({units} {where})")
    if found.ignored:
        warnings.append(f"{place.label}: ignored extra column(s): {', '.join(found.ignored)}")
    unnamed = [i for i, h in enumerate(raw.headers) if not key(h) and (raw.data[i] != "").any()]
    if unnamed:
        warnings.append(f"{place.label}: ignored {len(unnamed)} column(s) with values but no heading")


def read_table(
    raw: RawTable, vocab: ImportVocabulary, mapping: Mapping, out: Collector, warnings: list[str]
) -> tuple[Table | None, TableReport]:
    """The table in contract form (None when its headings are not right) and what was understood."""
    name, place = raw.source.table, raw.source.place
    found = resolve(raw.headers, name, vocab, mapping.headings_for(name))
    for p in found.problems:
        out.add(place, raw.header_line, p.column, p.reason, p.heading)
    _warnings(raw, found, warnings)
    report = TableReport(
        name, place, len(raw.data), raw.checksum, tuple(found.mapped.values()), tuple(found.absent), tuple(found.ignored), found.unnamed
    )
    if found.problems:
        return None, report
    table = Table(name, place, _frame(raw, name, found), {c: m.heading for c, m in found.mapped.items()})
    notes, readings = _translate(table, raw, found, vocab, mapping, out)
    return table, replace(report, dates=readings, translations=notes)

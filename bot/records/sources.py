"""Find the three tables (CSV files, .xlsx files, or the sheets of one workbook) and read them as text.

A table is read as it stands: a header row (the first non-empty row) and text cells, trimmed.
Excel date cells become ISO dates and are remembered as such, so the date check knows that they
are not open to a day/month mix-up. Nothing here knows the contract's columns.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import pandas as pd

from bot.records.contract import TABLE_ORDER
from bot.records.import_vocab import ImportVocabulary
from bot.records.problems import Collector, Place

SPREADSHEETS = (".xlsx", ".xlsm")
READABLE = (".csv",) + SPREADSHEETS
UNREADABLE = {".xls": "the old Excel format", ".ods": "an OpenDocument spreadsheet", ".numbers": "a Numbers file"}


@dataclass(frozen=True)
class Source:
    table: str  # pupils, activities or destinations
    path: Path
    sheet: str | None = None  # for a spreadsheet

    @property
    def place(self) -> Place:
        return Place(self.path.name, self.sheet or "", TABLE_ORDER.index(self.table))


@dataclass
class RawTable:
    source: Source
    headers: list[str]
    header_line: int
    data: pd.DataFrame  # columns 0..n-1, text, trimmed
    lines: list[int]  # the line (CSV) or row (sheet) of each data row
    excel_dates: dict[int, set[int]]  # column position -> data rows whose cell was an Excel date
    checksum: str
    skipped: list[int] = field(default_factory=list)  # lines or rows above the header (a report's title)


def _folder_problem(out: Collector, path: Path, reason: str) -> None:
    out.add(Place(path.name or str(path), "", -1), 0, "", reason)


def find(path: Path, vocab: ImportVocabulary, out: Collector, warnings: list[str]) -> dict[str, Source]:
    """The source of each table: files in a folder, or the sheets of one workbook."""
    path = Path(path)
    if path.is_file() and path.suffix.lower() in SPREADSHEETS:
        return _workbook_sheets(path, vocab, out, warnings)
    if not path.is_dir():
        _folder_problem(
            out,
            path,
            "not a folder or a workbook: give the folder that holds pupils, activities and "
            "destinations (.csv or .xlsx), or one .xlsx workbook with a sheet for each",
        )
        return {}
    found: dict[str, list[Path]] = {t: [] for t in TABLE_ORDER}
    odd: dict[str, Path] = {}
    for f in sorted(path.iterdir()):
        table = vocab.table_for(f.stem) if f.is_file() and not f.name.startswith(("~$", ".")) else None
        if table and f.suffix.lower() in READABLE:
            found[table].append(f)
        elif table and f.suffix.lower() in UNREADABLE:
            odd[table] = f
    books = [f.name for f in sorted(path.iterdir()) if f.suffix.lower() in SPREADSHEETS and not f.name.startswith("~$")]
    if not any(found.values()) and not odd and books:
        _folder_problem(
            out,
            path,
            f"the folder has no pupils, activities or destinations file; to import the workbook "
            f"{books[0]}, give its path: coach import {path / books[0]}",
        )
        return {}
    sources = {}
    for table, files in found.items():
        place = Place(f"{table}.csv", "", TABLE_ORDER.index(table))
        if len(files) > 1:
            out.add(place, 0, "", f"{' and '.join(f.name for f in files)} could each be the {table} file; keep only one")
        elif files and files[0].suffix.lower() == ".csv":
            sources[table] = Source(table, files[0])
        elif files:
            sheet = _single_sheet(files[0], table, vocab, out)
            if sheet:
                sources[table] = Source(table, files[0], sheet)
        elif table in odd:
            out.add(place, 0, "", f"{odd[table].name} is {UNREADABLE[odd[table].suffix.lower()]}: " f"save it as .xlsx or as CSV UTF-8")
        else:
            out.add(place, 0, "", f"file is missing (expected {path / place.file}, or {table}.xlsx)")
    return sources


def _sheet_names(path: Path, out: Collector, place: Place) -> list[str] | None:
    try:
        wb = _open(path)
    except _Unreadable as exc:
        out.add(place, 0, "", str(exc))
        return None
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def _single_sheet(path: Path, table: str, vocab: ImportVocabulary, out: Collector) -> str | None:
    place = Place(path.name, "", TABLE_ORDER.index(table))
    names = _sheet_names(path, out, place)
    if names is None:
        return None
    if len(names) == 1:
        return names[0]
    named = [n for n in names if vocab.table_for(n) == table]
    if len(named) == 1:
        return named[0]
    out.add(
        place,
        0,
        "",
        f"the workbook has {len(names)} sheets ({', '.join(names)}); " f"name the one to import {table!r} or keep only that sheet",
    )
    return None


def _workbook_sheets(path: Path, vocab: ImportVocabulary, out: Collector, warnings: list[str]) -> dict[str, Source]:
    names = _sheet_names(path, out, Place(path.name, "", -1))
    if names is None:
        return {}
    by_table: dict[str, list[str]] = {t: [] for t in TABLE_ORDER}
    for n in names:
        table = vocab.table_for(n)
        if table:
            by_table[table].append(n)
    sources, ignored = {}, [n for n in names if not vocab.table_for(n)]
    for table, sheets in by_table.items():
        place = Place(path.name, "", TABLE_ORDER.index(table))
        if len(sheets) > 1:
            out.add(place, 0, "", f"sheets {' and '.join(sheets)} could each be the {table} sheet; keep only one")
        elif sheets:
            sources[table] = Source(table, path, sheets[0])
        else:
            out.add(place, 0, "", f"the workbook has no sheet for {table} (its sheets: {', '.join(names)}); " f"name one {table!r}")
    if ignored:
        warnings.append(f"{path.name}: ignored sheet(s): {', '.join(ignored)}")
    return sources


class _Unreadable(Exception):
    pass


def _open(path: Path):
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _Unreadable(
            f"not a readable .xlsx workbook ({type(exc).__name__}: {exc}); " f"if it is password-protected, save an unprotected copy"
        ) from None


def read(source: Source, out: Collector) -> RawTable | None:
    """Read one table as text; None (with its problem recorded) when it cannot be read at all."""
    if source.sheet is not None:
        return _read_sheet(source, out)
    return _read_csv(source, out)


def _read_csv(source: Source, out: Collector) -> RawTable | None:
    raw = source.path.read_bytes()
    checksum = hashlib.sha256(raw).hexdigest()
    place = source.place
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        out.add(place, line, "", f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x} at position {exc.start}); " f"save it as CSV UTF-8")
        return None
    if not text.strip():
        out.add(place, 0, "", "the file is empty (a header row is required)")
        return None
    try:
        frame = pd.read_csv(io.StringIO(text), header=None, dtype=str, keep_default_na=False, skip_blank_lines=True)
        lines = _line_numbers(text, len(frame))
    except pd.errors.ParserError:  # rows of different lengths (or a title line): read it record by record
        try:
            frame, lines = _ragged_csv(text)
        except csv.Error as exc:
            out.add(place, 0, "", f"not a readable CSV file: {exc}")
            return None
    frame = frame.fillna("")
    for col in frame.columns:
        frame[col] = frame[col].astype(str).str.strip()
    header = _header_index((frame != "").sum(axis=1).tolist())
    sep = next((c for c in ";\t|" if frame.shape[1] == 1 and c in frame.iloc[header, 0]), None)
    if sep:
        out.add(
            place, lines[header], "", f"the values are separated by {sep!r}, not commas: save the file as " f"CSV UTF-8 (comma delimited)"
        )
        return None
    data = frame.iloc[header + 1 :].reset_index(drop=True)
    return RawTable(source, frame.iloc[header].tolist(), lines[header], data, lines[header + 1 :], {}, checksum, lines[:header])


def _header_index(filled: list[int]) -> int:
    """The header is the first row with two or more cells filled: a report's title line above it is skipped."""
    return next((i for i, n in enumerate(filled) if n >= 2), 0)


def _ragged_csv(text: str) -> tuple[pd.DataFrame, list[int]]:
    """Rows padded to the longest; the line each record starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, lines, last = [], [], 0
    for row in reader:
        if any(cell.strip() for cell in row):
            rows.append(row)
            lines.append(last + 1)
        last = reader.line_num
    width = max(len(r) for r in rows)
    return pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=str), lines


def _line_numbers(text: str, n: int) -> list[int]:
    """The line of each record: pandas skips blank lines, so count from the text."""
    numbers = [i + 1 for i, line in enumerate(text.splitlines()) if line.strip()]
    if len(numbers) != n:  # quoted newlines inside fields: fall back to record order
        return list(range(1, n + 1))
    return numbers


def _cell(value) -> tuple[str, bool]:
    """A cell as text, and whether it was an Excel date."""
    if value is None:
        return "", False
    if isinstance(value, datetime):
        return value.date().isoformat(), True
    if isinstance(value, date):
        return value.isoformat(), True
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), False
    if isinstance(value, float) and value.is_integer():
        return str(int(value)), False
    if isinstance(value, time):
        return value.isoformat(), False
    return str(value).strip(), False


def _read_sheet(source: Source, out: Collector) -> RawTable | None:
    place = source.place
    checksum = hashlib.sha256(source.path.read_bytes()).hexdigest()
    try:
        wb = _open(source.path)
    except _Unreadable as exc:
        out.add(place, 0, "", str(exc))
        return None
    try:
        ws = wb[source.sheet]
        ws.reset_dimensions()  # some programs write wrong dimensions; read every row there is
        rows, lines, dates = _sheet_rows(ws.iter_rows(min_row=1, values_only=True))
    finally:
        wb.close()
    if not rows:
        out.add(place, 0, "", "the sheet is empty (a header row is required)")
        return None
    header = _header_index([sum(1 for c in r if c) for r in rows])
    width = max(len(r) for r in rows)
    body = [r + [""] * (width - len(r)) for r in rows[header + 1 :]]
    data = pd.DataFrame(body, columns=range(width), dtype=str) if body else pd.DataFrame({i: pd.Series(dtype=str) for i in range(width)})
    excel_dates = {c: {r - header - 1 for r in rs if r > header} for c, rs in dates.items()}
    headers = rows[header] + [""] * (width - len(rows[header]))
    return RawTable(source, headers, lines[header], data, lines[header + 1 :], excel_dates, checksum, lines[:header])


def _sheet_rows(values):
    """Non-empty rows as text, their row numbers, and (column -> row indexes) of Excel date cells."""
    rows: list[list[str]] = []
    lines: list[int] = []
    dates: dict[int, set[int]] = {}
    for number, row in enumerate(values, start=1):
        cells = [_cell(v) for v in row]
        if not any(text for text, _ in cells):
            continue
        for col, (_, is_date) in enumerate(cells):
            if is_date:
                dates.setdefault(col, set()).add(len(rows))
        rows.append([text for text, _ in cells])
        lines.append(number)
    return rows, lines, dates

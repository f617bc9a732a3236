"""Reading a date column: ISO YYYY-MM-DD, UK DD/MM/YYYY or Excel date cells, never guessed month first.

A column is read in one format. Excel date cells are dates already and fit any column. Of the
text dates, a column of ISO dates is read as ISO, and a column of DD/MM/YYYY dates as day first,
even when every one of them could be read either way (the records are English). A column that
mixes ISO and DD/MM/YYYY text, or holds a date that only reads month first (07/18/2023), is
refused rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from bot.records.problems import Collector

ISO = "YYYY-MM-DD"
UK = "DD/MM/YYYY"
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_ISO_RE = re.compile(r"^(\d{4})([-/.])(\d{2})\2(\d{2})" + _TIME + "$")  # year first: 2024-07-19 (or 2024/07/19)
_DMY_RE = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})" + _TIME + "$")
_SHORT_RE = re.compile(r"^\d{1,2}([/.-])\d{1,2}\1\d{2}$")


@dataclass(frozen=True)
class DateReading:
    """How a date column was read (shown by `coach import --dry-run`)."""

    column: str
    format: str  # ISO, UK, "mixed", or "" when the column has no text dates
    text_dates: int  # rows with a date written as text
    excel_dates: int  # rows with an Excel date cell
    note: str = ""


@dataclass(frozen=True)
class _Shape:
    kind: str  # "iso", "dmy", "short" or "bad"
    parts: tuple[int, int, int] = (0, 0, 0)  # (first, second, year) for dmy; (year, month, day) for iso


def _shape(text: str) -> _Shape:
    m = _ISO_RE.match(text)
    if m:
        return _Shape("iso", (int(m.group(1)), int(m.group(3)), int(m.group(4))))
    m = _DMY_RE.match(text)
    if m:
        return _Shape("dmy", (int(m.group(1)), int(m.group(3)), int(m.group(4))))
    return _Shape("short" if _SHORT_RE.match(text) else "bad")


def _as_date(year: int, month: int, day: int) -> pd.Timestamp | None:
    try:
        return pd.Timestamp(date(year, month, day))
    except ValueError:
        return None


def _not_a_date(value: str, shape: _Shape, column_format: str) -> str:
    example = "19/07/2024" if column_format == UK else "2024-07-19"
    if shape.kind == "short":
        return f"{value!r} is not a date with the year in full (write it as 19/07/2024 or 2024-07-19)"
    if value.isascii() and value.isdigit():
        return f"{value!r} is not a date but a number (in Excel, format the cells as dates)"
    if shape.kind in ("iso", "dmy"):
        return f"{value!r} is not a date: there is no such day (the column reads as {column_format}, e.g. {example})"
    return f"{value!r} is not a date like {example} (write dates as DD/MM/YYYY or YYYY-MM-DD)"


def read(table, column: str, excel_cells: set[int], out: Collector) -> tuple[pd.Series, DateReading]:
    """Parsed dates (NaT where empty or refused) and how the column was read; problems go to ``out``."""
    values = table.frame[column]
    is_excel = pd.Series(values.index.isin(list(excel_cells)), index=values.index)
    text = (values != "") & ~is_excel
    shapes = {v: _shape(v) for v in pd.unique(values[text])}
    counts = values[text].value_counts()
    n_iso = int(sum(counts[v] for v, s in shapes.items() if s.kind == "iso"))
    n_dmy = int(sum(counts[v] for v, s in shapes.items() if s.kind == "dmy"))
    if n_iso and n_dmy:
        return _refuse_mixed(table, column, values, text, shapes, (n_iso, n_dmy), out), DateReading(
            column, "mixed", n_iso + n_dmy, int(is_excel.sum()), "ISO and DD/MM/YYYY dates mixed: refused"
        )
    fmt = ISO if n_iso else (UK if n_dmy else "")
    parsed, note = _parse(shapes, fmt)
    _report_bad(table, column, values, text, shapes, parsed, fmt, out)
    result = values.map(parsed).where(text, None)
    result = pd.to_datetime(result.where(~is_excel, values), format="%Y-%m-%d", errors="coerce")
    return result, DateReading(column, fmt, n_iso + n_dmy, int(is_excel.sum()), note)


def _parse(shapes: dict[str, _Shape], fmt: str) -> tuple[dict[str, str | None], str]:
    """Each distinct text date as ISO text (None when it is no date), and a note on how the column was read."""
    parsed: dict[str, str | None] = {}
    day_first_only = month_first_only = 0
    for value, s in shapes.items():
        if s.kind == "iso":
            ts = _as_date(*s.parts)
        elif s.kind == "dmy":
            first, second, year = s.parts
            day_first_only += first > 12 >= second
            month_first_only += second > 12 >= first
            ts = None if second > 12 >= first else _as_date(year, second, first)
        else:
            ts = None
        parsed[value] = ts.date().isoformat() if ts is not None else None
    note = ""
    if fmt == UK and not day_first_only and not month_first_only:
        note = "every date could be read either way; read day first (DD/MM/YYYY), as UK dates are"
    elif fmt == UK and month_first_only:
        note = "month-first dates found: refused"
    return parsed, note


def _report_bad(table, column, values, text, shapes, parsed, fmt, out: Collector) -> None:
    day_first = next((v for v, s in shapes.items() if s.kind == "dmy" and s.parts[0] > 12 >= s.parts[1]), None)

    def reason(value: str) -> str:
        s = shapes[value]
        if s.kind == "dmy" and s.parts[1] > 12 >= s.parts[0]:
            also = f"; this column also has day-first dates such as {day_first}" if day_first else ""
            return (
                f"{value!r} only reads month first (MM/DD/YYYY, US style){also}: dates must be DD/MM/YYYY or "
                f"YYYY-MM-DD, so the column is refused rather than guessed; re-export it with UK or ISO dates"
            )
        return _not_a_date(value, s, fmt or ISO)

    bad = text & values.isin([v for v, iso in parsed.items() if iso is None])
    out.rows(table, bad, column, reason)


def _refuse_mixed(table, column, values, text, shapes, counts, out: Collector) -> pd.Series:
    n_iso, n_dmy = counts
    kinds = values.map({v: s.kind for v, s in shapes.items()}).where(text, "")
    first = {k: int(table.frame.loc[text & (kinds == k), "_line"].iloc[0]) for k in ("iso", "dmy")}
    minority = "dmy" if n_dmy <= n_iso else "iso"
    unit = table.place.unit
    out.add(
        table.place,
        first[minority],
        column,
        f"the column mixes ISO dates (YYYY-MM-DD: {n_iso} rows, the first on {unit} {first['iso']}) and "
        f"DD/MM/YYYY dates ({n_dmy} rows, the first on {unit} {first['dmy']}); a mixed column may have been "
        f"changed by a spreadsheet, so it is refused rather than guessed: write every date in one format",
        table.headings.get(column, ""),
    )
    other = text & ~kinds.isin(["iso", "dmy"])
    out.rows(table, other, column, lambda v: _not_a_date(v, shapes[v], ISO))
    return pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")

"""What an import understood of the school's files, and its plain-text account for `coach import --dry-run`.

The account names headings, formats, value translations and row counts; it never shows a pupil id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.records.dates import ISO, UK
from bot.records.problems import Problem
from bot.records.reading import TableReport

MAX_VALUES = 12  # translations shown for each column
_ROWS = {"pupils": "pupil", "activities": "activity row", "destinations": "destination"}
_HOW = {"contract name": "", "MIS heading": "", "mapping file": " (from the mapping file)"}


@dataclass
class Understanding:
    source: Path
    tables: list[TableReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def rows(self) -> dict[str, int]:
        return {t.table: t.rows for t in self.tables}


def _n(count: int, what: str) -> str:
    return f"{count:,} {what}" + ("" if count == 1 else "s")


def _columns(t: TableReport) -> list[str]:
    width = max([len(m.heading) for m in t.columns] + [len(h) for h in t.ignored] + [8])
    entries = [(m.position, f"  {m.heading:<{width}}  -> {m.column}{_HOW.get(m.how, '')}") for m in t.columns]
    lines = [text for _, text in sorted(entries)]
    lines += [f"  {h:<{width}}  (ignored: not a contract column)" for h in t.ignored]
    if t.absent:
        lines.append(f"  not in the file (optional, so empty for every row): {', '.join(t.absent)}")
    return lines


def _date(d) -> str:
    parts = []
    if d.text_dates:
        fmt = {ISO: "ISO YYYY-MM-DD", UK: "DD/MM/YYYY (UK, day first)"}.get(d.format, d.format)
        parts.append(f"{d.text_dates:,} written as {fmt}")
    if d.excel_dates:
        parts.append(f"{d.excel_dates:,} Excel date cells")
    text = " and ".join(parts) or "no dates"
    return f"  dates   {d.column}: {text}" + (f"; {d.note}" if d.note else "")


def _values(t: TableReport) -> list[str]:
    by_column: dict[str, list] = {}
    for tr in t.translations:
        by_column.setdefault(tr.column, []).append(tr)
    lines = []
    for column, items in by_column.items():
        items = sorted(items, key=lambda tr: -tr.rows)
        for i, tr in enumerate(items[:MAX_VALUES]):
            lead = f"  values  {column}: " if i == 0 else ""
            lines.append(f"{lead:<{12 + len(column)}}{tr.original!r} -> {tr.value or '(empty)'} ({_n(tr.rows, 'row')})")
        if len(items) > MAX_VALUES:
            lines.append(" " * (12 + len(column)) + f"and {len(items) - MAX_VALUES} more")
    return lines


def describe(u: Understanding) -> str:
    """The dry run's account: each table's source, columns, dates, values and rows."""
    lines = [f"Dry run of {u.source}: nothing was written.", ""]
    for t in u.tables:
        lines.append(f"{t.table}: {t.place.label} ({_n(t.rows, 'row')})")
        lines += _columns(t)
        lines += [_date(d) for d in t.dates if d.text_dates or d.excel_dates]
        lines += _values(t)
        lines.append("")
    for w in u.warnings:
        if "ignored extra column(s)" not in w:  # already shown with the table's columns
            lines.append(f"warning: {w}")
    if u.problems:
        lines.append(f"The records would be rejected: {len(u.problems)} problem(s), listed below.")
    else:
        counts = ", ".join(_n(n, _ROWS[table]) for table, n in u.rows.items())
        lines.append(
            f"The records are valid. Importing them (without --dry-run) would replace the school's records " f"with these: {counts}."
        )
    return "\n".join(lines)

"""Import problems: each with its place (file or sheet, line or row, column) and reason."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from bot.records.db import RecordsError

MAX_LISTED = 50


@dataclass(frozen=True)
class Place:
    """Where a table came from: a CSV file, or a sheet of a workbook."""

    file: str  # the file's name, e.g. pupils.csv or school.xlsx
    sheet: str = ""  # the sheet, for a workbook
    order: int = 0  # the contract's order of the three files, for sorting problems

    @property
    def unit(self) -> str:
        return "row" if self.sheet else "line"

    @property
    def label(self) -> str:
        return f"{self.file}, sheet {self.sheet}" if self.sheet else self.file


@dataclass(frozen=True)
class Problem:
    file: str
    line: int  # the header is line 1; 0 when the problem is with the whole file
    column: str  # the contract column
    reason: str
    sheet: str = ""
    heading: str = ""  # the school's heading for the column, when it is not the contract's name
    order: int = field(default=0, compare=False)

    def __str__(self) -> str:
        where = self.file + (f", sheet {self.sheet}" if self.sheet else "")
        if self.line:
            where += f", {'row' if self.sheet else 'line'} {self.line}"
        if self.column and self.heading and self.heading != self.column:
            where += f", column {self.heading} ({self.column})"
        elif self.column or self.heading:
            where += f", column {self.column or self.heading}"
        return f"{where}: {self.reason}"


class ImportFailed(RecordsError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(self.report())

    def report(self, verb: str = "rejected") -> str:
        lines = [f"Import {verb}: {len(self.problems)} problem(s); nothing was written."]
        lines += [f"  - {p}" for p in self.problems[:MAX_LISTED]]
        if len(self.problems) > MAX_LISTED:
            lines.append(f"  ... and {len(self.problems) - MAX_LISTED} more.")
        return "\n".join(lines)


Reason = str | Callable[[str], str]


class Collector:
    """Every problem of an import, at most one for each cell."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._cells: set[tuple[str, str, int, str]] = set()

    def add(self, place: Place, line: int, column: str, reason: str, heading: str = "") -> None:
        cell = (place.file, place.sheet, line, column)
        if line and column and cell in self._cells:
            return
        self._cells.add(cell)
        self.problems.append(Problem(place.file, line, column, reason, place.sheet, heading, place.order))

    def rows(self, table, mask: pd.Series | None, column: str, reason: Reason) -> None:
        """A problem for each row of ``table`` (a records Table) where ``mask`` is true."""
        frame = table.frame
        bad = frame.loc[mask] if mask is not None else frame
        if bad.empty:
            return
        heading = table.headings.get(column, "")
        values = bad[column].tolist() if column in bad else [""] * len(bad)
        texts: dict[str, str] = {}
        for line, value in zip(bad["_line"].tolist(), values):
            if callable(reason):
                text = texts.get(value) or texts.setdefault(value, reason(value))
            else:
                text = reason
            self.add(table.place, int(line), column, text, heading)

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.order, p.line))

    def fail_if_any(self) -> None:
        if self.problems:
            raise ImportFailed(self.sorted())

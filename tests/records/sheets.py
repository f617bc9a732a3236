"""Real .xlsx files for the importer tests, written with openpyxl (dates as Excel date cells)."""

from __future__ import annotations

import csv
import io
import textwrap
from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from bot.records import schema


def rows(text: str) -> list[list]:
    """Inline CSV text (dedented) as rows of text."""
    return [r for r in csv.reader(io.StringIO(textwrap.dedent(text).strip("\n")))]


def workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A workbook with these sheets, in order; cells keep their Python types (date -> Excel date cell)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    wb.remove(wb.active)
    for title, data in sheets.items():
        ws = wb.create_sheet(title)
        for row in data:
            ws.append(row)
        for line in ws.iter_rows():
            for cell in line:
                if isinstance(cell.value, date):
                    cell.number_format = "DD/MM/YYYY"
    wb.save(path)
    return path


def school_xlsx(
    folder: Path,
    pupils: list[list],
    activities: list[list] | None = None,
    destinations: list[list] | None = None,
    sheet: str | None = None,
) -> Path:
    """pupils.xlsx, activities.xlsx and destinations.xlsx, one sheet each (named ``sheet`` or after the file)."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = {
        "pupils": pupils,
        "activities": activities or [["activity_id", "date", "activity_type", "title", "pupil_id"]],
        "destinations": destinations or [["pupil_id", "leaving_year", "stage", "destination"]],
    }
    for name, data in tables.items():
        workbook(folder / f"{name}.xlsx", {sheet or name.title(): data})
    return folder


def set_cell(path: Path, sheet: str, ref: str, value) -> None:
    wb = load_workbook(path)
    wb[sheet][ref] = value
    wb.save(path)


def dump(engine) -> dict[str, list]:
    """Every row of every table, for 'nothing changed' checks."""
    out = {}
    with engine.connect() as conn:
        for table in schema.metadata.sorted_tables:
            out[table.name] = sorted(tuple(str(v) for v in row) for row in conn.execute(select(table)))
    return out


def records(engine) -> dict[str, list]:
    """The school's records without database ids: pupils, activities, participation and destinations."""
    out = {}
    with engine.connect() as conn:
        for table in (schema.pupils, schema.activities, schema.participation, schema.destinations):
            cols = [c for c in table.columns if c.name != "school_id"]
            out[table.name] = sorted(tuple(str(v) for v in row) for row in conn.execute(select(*cols)))
    return out

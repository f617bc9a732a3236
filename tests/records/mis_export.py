"""The demo school written as a school's MIS and careers platform would export it.

Headings as SIMS, Arbor or Bromcom name them, values in words, UK dates, Excel date cells, and a
column or two the contract does not have. Every value means the same as in the contract CSVs, so
an import of either must give the same records and the same figures.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path

from openpyxl import Workbook

SEX = {"F": "Female", "M": "Male", "": ""}
PP = {"Y": "Yes", "N": "No", "": ""}
SEN = {"N": "N - No Special Educational Need", "K": "K - SEN Support", "E": "E - Education, Health and Care Plan"}
ACTIVITY = {
    "employer_encounter": "Employer Encounter",
    "workplace_experience": "Work Experience",
    "provider_encounter": "Provider Encounter",
    "personal_guidance": "Careers Interview",
    "careers_lesson": "Careers Lesson",
    "labour_market_information": "LMI",
    "higher_education_visit": "University Visit",
    "parent_engagement": "Parents Evening",
    "other": "Other Activity",
}
STAGE = {"ks4": "KS4", "16-18": "KS5"}
DESTINATION = {
    "school_sixth_form": "School Sixth Form",
    "sixth_form_college": "Sixth Form College",
    "further_education": "FE College",
    "other_education": "Other Education or Training",
    "higher_education": "University",
    "apprenticeship": "Apprenticeship",
    "employment": "Employment",
    "not_sustained": "NEET",
    "not_captured": "Not Known",
    "": "",
}


def _read(folder: Path, name: str) -> list[dict]:
    with open(folder / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _uk(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


def _benchmarks(text: str, i: int) -> str:
    if not text:
        return ""
    styles = ["; ".join(f"GB{b}" for b in text.split(";")), ", ".join(text.split(";")), text]
    return styles[i % 3]


def tables(demo_dir: Path, excel_dates: bool) -> dict[str, list[list]]:
    """The three tables as rows (a header first); dates as date objects when ``excel_dates``."""
    when: Callable[[str], object] = (lambda d: date.fromisoformat(d) if d else None) if excel_dates else _uk
    pupils = [["UPN", "Reg Group", "Year 11 Cohort", "Gender", "Pupil Premium", "SEN Status", "Leaving Date"]]
    for i, r in enumerate(_read(demo_dir, "pupils.csv")):
        left = _uk(r["left_on"]) if i % 5 == 0 else when(r["left_on"])  # some typed as text, as happens
        pupils.append([r["pupil_id"], f"{10 + i % 3}X", r["cohort"], SEX[r["sex"]], PP[r["disadvantaged"]], SEN[r["sen"]], left])
    acts = [["Activity ID", "Date", "Activity Type", "Activity Title", "Organisation", "Gatsby Benchmarks", "Student ID"]]
    for r in _read(demo_dir, "activities.csv"):
        acts.append(
            [
                r["activity_id"],
                when(r["date"]),
                ACTIVITY[r["activity_type"]],
                r["title"],
                r["partner"],
                _benchmarks(r["benchmarks"], int(r["activity_id"].split("-")[1])),
                r["pupil_id"],
            ]
        )
    dests = [["UPN", "Leaving Year", "Key Stage", "Destination", "NCCIS Activity Code"]]
    for r in _read(demo_dir, "destinations.csv"):
        code = int(r["nccis_code"]) if (excel_dates and r["nccis_code"]) else r["nccis_code"]
        dests.append([r["pupil_id"], r["leaving_year"], STAGE[r["stage"]], DESTINATION[r["destination"]], code])
    return {"pupils": pupils, "activities": acts, "destinations": dests}


def _sheet(wb: Workbook, title: str, rows: list[list]) -> None:
    ws = wb.create_sheet(title)
    for row in rows:
        ws.append(row)
    for cell in ws["B"] if title.lower().startswith("act") else ():
        if isinstance(cell.value, date):
            cell.number_format = "DD/MM/YYYY"


def write_xlsx(demo_dir: Path, folder: Path) -> Path:
    """pupils.xlsx, activities.xlsx and destinations.xlsx, with Excel date cells."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables(demo_dir, excel_dates=True).items():
        wb = Workbook()
        wb.remove(wb.active)
        _sheet(wb, {"pupils": "Student List", "activities": "Export", "destinations": "Destinations"}[name], rows)
        wb.save(folder / f"{name}.xlsx")
    return folder


def write_workbook(demo_dir: Path, path: Path) -> Path:
    """One workbook with a sheet for each table (and a notes sheet, ignored)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    wb.active.title = "Notes"
    wb.active.append(["Exported from the MIS for the careers lead"])
    for name, rows in tables(demo_dir, excel_dates=True).items():
        _sheet(wb, name.title(), rows)
    wb.save(path)
    return path


def write_csv(demo_dir: Path, folder: Path) -> Path:
    """pupils.csv, activities.csv and destinations.csv with MIS headings and UK dates (DD/MM/YYYY text)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables(demo_dir, excel_dates=False).items():
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8-sig") as fh:
            csv.writer(fh).writerows(rows)
    return folder

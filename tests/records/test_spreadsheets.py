"""Spreadsheets: .xlsx files or one workbook, with the same line-level errors (sheet, row, column); bad ones change nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from bot.app import cli
from bot.records import importer, schema
from bot.records.importer import ImportFailed
from tests.conftest import write_school
from tests.records.sheets import dump, school_xlsx, set_cell, workbook

PUPILS = [
    ["UPN", "Year 11 Cohort", "Gender", "Pupil Premium", "SEN Status", "Leaving Date"],
    ["U1", "2024/25", "Female", "Yes", "K - SEN Support", None],
    ["U2", "2024/25", "Male", "No", "None", date(2025, 7, 18)],
    ["U3", "2025/26", "Female", True, "EHCP", None],
]
ACTS = [
    ["Activity ID", "Date", "Activity Type", "Title", "Employer", "Gatsby Benchmarks", "UPN"],
    ["A1", date(2024, 10, 10), "Employer Encounter", "Careers fair", "NHS", 5, "U1"],
    ["A1", date(2024, 10, 10), "Employer Encounter", "Careers fair", "NHS", 5, "U2"],
    ["A2", "20/01/2025", "Personal Guidance", "Guidance interview", "Adviser", "GB8", "U1"],
]
DESTS = [
    ["UPN", "Leaving Year", "Stage", "Destination", "NCCIS Code"],
    ["U1", "2024/25", "KS4", "School Sixth Form", None],
    ["U2", "2024/25", "Key Stage 4", None, 310],
]


@pytest.fixture
def folder(tmp_path):
    return school_xlsx(tmp_path / "good", PUPILS, ACTS, DESTS)


@pytest.fixture
def loaded(engine, folder):
    importer.import_folder(engine, folder, "Tiny School")
    return engine


def reject(engine, path):
    with pytest.raises(ImportFailed) as exc:
        importer.import_folder(engine, path, "Tiny School")
    return exc.value.problems


def test_xlsx_files_import_with_typed_cells(loaded):
    with loaded.connect() as conn:
        pupils = sorted(
            conn.execute(
                select(schema.pupils.c.pupil_id, schema.pupils.c.disadvantaged, schema.pupils.c.sen, schema.pupils.c.left_on)
            ).all()
        )
        assert pupils == [("U1", True, "K", None), ("U2", False, "N", date(2025, 7, 18)), ("U3", True, "E", None)]
        assert sorted(conn.execute(select(schema.activities.c.activity_id, schema.activities.c.date)).all()) == [
            ("A1", date(2024, 10, 10)),
            ("A2", date(2025, 1, 20)),
        ]
        assert dict(conn.execute(select(schema.destinations.c.pupil_id, schema.destinations.c.destination)).all()) == {
            "U1": "school_sixth_form",
            "U2": "apprenticeship",
        }  # the NCCIS code was a number cell


def test_the_import_log_has_each_file_and_its_checksum(loaded, folder):
    import hashlib

    files = importer.import_log(loaded)[0]["files"]
    assert set(files) == {"pupils.xlsx, sheet Pupils", "activities.xlsx, sheet Activities", "destinations.xlsx, sheet Destinations"}
    assert files["activities.xlsx, sheet Activities"]["rows"] == 3
    assert files["pupils.xlsx, sheet Pupils"]["sha256"] == hashlib.sha256((folder / "pupils.xlsx").read_bytes()).hexdigest()


def test_one_workbook_with_a_sheet_for_each(engine, tmp_path):
    path = workbook(
        tmp_path / "school.xlsx", {"Read me": [["notes"]], "Students": PUPILS, "Careers Activities": ACTS, "Destinations": DESTS}
    )
    result = importer.import_folder(engine, path, "Tiny School")
    assert result.rows == {
        "school.xlsx, sheet Students": 3,
        "school.xlsx, sheet Careers Activities": 3,
        "school.xlsx, sheet Destinations": 2,
    }
    assert "school.xlsx: ignored sheet(s): Read me" in result.warnings


def test_a_bad_cell_is_reported_by_sheet_row_and_column(loaded, folder):
    before = dump(loaded)
    set_cell(folder / "pupils.xlsx", "Pupils", "E3", "Statement")
    set_cell(folder / "activities.xlsx", "Activities", "G4", "U9")
    problems = reject(loaded, folder)
    assert [str(p) for p in problems] == [
        "pupils.xlsx, sheet Pupils, row 3, column SEN Status (sen): 'Statement' is not an SEN code "
        "(N, K, E or empty; or None, SEN Support, EHCP)",
        "activities.xlsx, sheet Activities, row 4, column UPN (pupil_id): pupil 'U9' is not in pupils.xlsx, sheet Pupils",
    ]
    assert dump(loaded) == before


def test_rows_are_the_sheets_own_even_with_blank_rows_and_a_late_header(loaded, tmp_path):
    sheet = [[None], ["UPN", "Cohort"], ["U1", "2024/25"], [None, None], ["U2", "2024/99"]]
    problems = reject(loaded, school_xlsx(tmp_path / "gaps", sheet))
    assert [(p.sheet, p.line, p.column) for p in problems] == [("Pupils", 5, "cohort")]


def test_a_report_title_above_the_header_is_skipped(engine, loaded, tmp_path):
    sheet = [["Pupil list exported 17/07/2026"], [None], ["Forename", "Cohort"], ["Ann", "2024/25"]]
    problems = reject(loaded, school_xlsx(tmp_path / "late", sheet))
    assert [(p.sheet, p.line, p.column) for p in problems] == [("Pupils", 3, "pupil_id")]  # on the header's row
    sheet[2][0] = "UPN"
    result = importer.import_folder(engine, school_xlsx(tmp_path / "titled", sheet), "Tiny School")
    assert "pupils.xlsx, sheet Pupils: the header is on row 3; skipped the title above it (row 1)" in result.warnings
    folder = write_school(tmp_path / "csv", "Pupil list\nUPN,Cohort\nU1,2024/25\n")
    result = importer.import_folder(engine, folder, "Tiny School")
    assert "pupils.csv: the header is on line 2; skipped the title above it (line 1)" in result.warnings


@pytest.mark.parametrize(
    "case,reason",
    [
        ("both csv and xlsx", "pupils.csv and pupils.xlsx could each be the pupils file; keep only one"),
        ("old xls", "pupils.xls is the old Excel format: save it as .xlsx or as CSV UTF-8"),
        ("not a workbook", "not a readable .xlsx workbook"),
        ("empty sheet", "the sheet is empty"),
        ("several sheets", "the workbook has 2 sheets (Sheet A, Sheet B)"),
    ],
)
def test_files_that_cannot_be_read(loaded, folder, case, reason):
    before = dump(loaded)
    if case == "both csv and xlsx":
        (folder / "pupils.csv").write_text("pupil_id,cohort\nU1,2024/25\n")
    elif case == "old xls":
        (folder / "pupils.xlsx").rename(folder / "pupils.xls")
    elif case == "not a workbook":
        (folder / "pupils.xlsx").write_text("UPN,Cohort\n")
    elif case == "empty sheet":
        workbook(folder / "pupils.xlsx", {"Pupils": []})
    else:
        workbook(folder / "pupils.xlsx", {"Sheet A": PUPILS, "Sheet B": PUPILS})
    problems = reject(loaded, folder)
    assert len(problems) == 1 and reason in problems[0].reason, problems
    assert dump(loaded) == before


def test_a_workbook_without_a_sheet_for_each_table(loaded, tmp_path):
    path = workbook(tmp_path / "school.xlsx", {"Pupils": PUPILS, "Activities": ACTS, "Pupil": PUPILS})
    problems = reject(loaded, path)
    reasons = [p.reason for p in problems]
    assert "sheets Pupils and Pupil could each be the pupils sheet; keep only one" in reasons
    assert any("the workbook has no sheet for destinations" in r for r in reasons)


def test_mixed_csv_and_xlsx_files_in_one_folder(engine, tmp_path, folder):
    (folder / "destinations.xlsx").unlink()
    write_school(tmp_path / "csv", "pupil_id,cohort\nU1,2024/25\n")  # just for its header-only files
    (folder / "destinations.csv").write_text("UPN,Leaving Year,Stage,Destination\nU1,2024/25,KS4,Employment\n")
    result = importer.import_folder(engine, folder, "Tiny School")
    assert set(result.rows) == {"pupils.xlsx, sheet Pupils", "activities.xlsx, sheet Activities", "destinations.csv"}


def test_cli_bad_spreadsheet_exits_non_zero_and_changes_nothing(loaded, folder, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("COACH_DATABASE_URL", str(loaded.url))
    before = dump(loaded)
    set_cell(folder / "destinations.xlsx", "Destinations", "C2", "Year 12")
    assert cli.main(["import", str(folder), "--school", "Tiny School"]) == 2
    err = capsys.readouterr().err
    assert "Import rejected: 1 problem(s); nothing was written." in err
    assert "destinations.xlsx, sheet Destinations, row 2, column Stage (stage): 'Year 12' is not a stage" in err
    assert dump(loaded) == before


def test_a_csv_saved_with_semicolons_says_so(loaded, tmp_path):
    folder = write_school(tmp_path / "semi", "UPN;Cohort\nU1;2024/25\n")
    problems = reject(loaded, folder)
    assert [(p.file, p.line) for p in problems] == [("pupils.csv", 1)]
    assert "separated by ';', not commas" in problems[0].reason


def test_a_folder_holding_only_a_workbook_says_to_give_the_workbook(loaded, tmp_path):
    workbook(tmp_path / "export" / "school.xlsx", {"Pupils": PUPILS, "Activities": ACTS, "Destinations": DESTS})
    [p] = reject(loaded, tmp_path / "export")
    assert "to import the workbook school.xlsx, give its path: coach import" in p.reason
    assert importer.import_folder(loaded, tmp_path / "export" / "school.xlsx", "Tiny School").rows


def test_an_excel_date_where_no_date_belongs(loaded, folder):
    """Excel turns benchmarks typed as 1/2 into 1 February: refused with the reason, not misread."""
    set_cell(folder / "activities.xlsx", "Activities", "F2", date(2026, 2, 1))
    set_cell(folder / "activities.xlsx", "Activities", "F3", date(2026, 2, 1))
    problems = reject(loaded, folder)
    assert [(p.line, p.column) for p in problems] == [(2, "benchmarks"), (3, "benchmarks")]
    assert problems[0].reason.startswith("the cell is an Excel date (2026-02-01), not a benchmarks value")


def test_sheets_named_like_the_files(engine, tmp_path):
    path = workbook(tmp_path / "school.xlsx", {"pupils.csv": PUPILS, "activities.csv": ACTS, "destinations.csv": DESTS})
    assert len(importer.import_folder(engine, path, "Tiny School").rows) == 3

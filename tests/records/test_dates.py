"""Dates: ISO, DD/MM/YYYY and Excel date cells are read; a column is never guessed month first."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from bot.records import importer, schema
from bot.records.importer import ImportFailed
from tests.conftest import write_school
from tests.records.sheets import dump, rows, school_xlsx

HEADER = "pupil_id,cohort,left_on\n"


def pupils_with(*left: str) -> str:
    return HEADER + "".join(f"P{i},2024/25,{d}\n" for i, d in enumerate(left, start=1))


def left_dates(engine) -> dict:
    with engine.connect() as conn:
        return dict(conn.execute(select(schema.pupils.c.pupil_id, schema.pupils.c.left_on)).all())


def reject(engine, folder):
    with pytest.raises(ImportFailed) as exc:
        importer.import_folder(engine, folder, "Tiny School")
    return exc.value.problems


@pytest.fixture
def loaded(engine, tmp_path):
    importer.import_folder(engine, write_school(tmp_path / "first", pupils_with("2024-07-19")), "Tiny School")
    return engine


def test_uk_dates_are_read_day_first(engine, tmp_path):
    folder = write_school(tmp_path / "uk", pupils_with("18/07/2023", "03/04/2024", "", "1/9/2024", "05.06.2024"))
    importer.import_folder(engine, folder, "Tiny School")
    assert left_dates(engine) == {
        "P1": date(2023, 7, 18),
        "P2": date(2024, 4, 3),
        "P3": None,
        "P4": date(2024, 9, 1),
        "P5": date(2024, 6, 5),
    }


def test_a_column_that_could_be_read_either_way_is_read_as_uk(engine, tmp_path):
    folder = write_school(tmp_path / "either", pupils_with("03/04/2024", "05/06/2024"))
    records = importer.understand(folder)
    assert not records.understanding.problems
    reading = records.understanding.tables[0].dates[0]
    assert reading.format == "DD/MM/YYYY" and "read day first" in reading.note
    importer.import_folder(engine, folder, "Tiny School")
    assert left_dates(engine) == {"P1": date(2024, 4, 3), "P2": date(2024, 6, 5)}


def test_iso_dates_and_times_as_exported(engine, tmp_path):
    folder = write_school(tmp_path / "iso", pupils_with("2024-07-19", "2023-07-18 00:00:00", "2023/07/14"))
    importer.import_folder(engine, folder, "Tiny School")
    assert left_dates(engine) == {"P1": date(2024, 7, 19), "P2": date(2023, 7, 18), "P3": date(2023, 7, 14)}


def test_a_date_that_only_reads_month_first_is_refused(loaded, tmp_path):
    before = dump(loaded)
    problems = reject(loaded, write_school(tmp_path / "us", pupils_with("18/07/2023", "07/18/2023", "03/04/2024")))
    assert [(p.file, p.line, p.column) for p in problems] == [("pupils.csv", 3, "left_on")]
    assert "'07/18/2023' only reads month first (MM/DD/YYYY" in problems[0].reason
    assert "also has day-first dates such as 18/07/2023" in problems[0].reason
    assert "refused rather than guessed" in problems[0].reason
    assert dump(loaded) == before


def test_a_us_column_is_refused_not_half_read(loaded, tmp_path):
    """Every date of a US export: the ambiguous ones are not read day first behind the school's back."""
    problems = reject(loaded, write_school(tmp_path / "us", pupils_with("07/18/2023", "03/04/2024", "12/25/2023")))
    assert [p.line for p in problems] == [2, 4] and all("only reads month first" in p.reason for p in problems)


def test_iso_and_uk_mixed_in_a_column_is_refused(loaded, tmp_path):
    before = dump(loaded)
    problems = reject(loaded, write_school(tmp_path / "mixed", pupils_with("2024-07-19", "2023-07-18", "18/07/2023")))
    assert len(problems) == 1
    p = problems[0]
    assert (p.file, p.line, p.column) == ("pupils.csv", 4, "left_on")  # the first date of the rarer format
    assert "mixes ISO dates (YYYY-MM-DD: 2 rows, the first on line 2) and DD/MM/YYYY dates (1 rows, the first on line 4)" in p.reason
    assert "write every date in one format" in p.reason
    assert dump(loaded) == before


@pytest.mark.parametrize(
    "good,value,reason",
    [
        ("18/07/2023", "31/02/2024", "there is no such day (the column reads as DD/MM/YYYY"),
        ("2023-07-18", "2024-02-30", "there is no such day (the column reads as YYYY-MM-DD"),
        ("18/07/2023", "14/03/25", "with the year in full"),
        ("18/07/2023", "45125", "a number (in Excel, format the cells as dates)"),
        ("18/07/2023", "next Tuesday", "not a date like 19/07/2024"),
        ("18/07/2023", "13/13/2024", "there is no such day"),
    ],
)
def test_values_that_are_no_date(loaded, tmp_path, good, value, reason):
    problems = reject(loaded, write_school(tmp_path / "bad", pupils_with(good, value)))
    assert [(p.line, p.column) for p in problems] == [(3, "left_on")] and "not a date" in problems[0].reason
    assert reason in problems[0].reason, problems[0].reason


def test_excel_date_cells_fit_any_column(engine, tmp_path):
    """Date cells are dates already: they mix with UK text dates, or with ISO text, without ambiguity."""
    sheet = [
        ["UPN", "Cohort", "Leaving Date"],
        ["P1", "2024/25", datetime(2023, 7, 18)],
        ["P2", "2024/25", "03/04/2024"],
        ["P3", "2024/25", date(2024, 4, 5)],
        ["P4", "2024/25", None],
    ]
    importer.import_folder(engine, school_xlsx(tmp_path / "cells", sheet), "Tiny School")
    assert left_dates(engine) == {"P1": date(2023, 7, 18), "P2": date(2024, 4, 3), "P3": date(2024, 4, 5), "P4": None}
    reading = importer.understand(tmp_path / "cells").understanding.tables[0].dates[0]
    assert (reading.format, reading.text_dates, reading.excel_dates) == ("DD/MM/YYYY", 1, 2)
    sheet[2][2] = "2024-04-03"
    importer.import_folder(engine, school_xlsx(tmp_path / "cells-iso", sheet), "Tiny School")
    assert left_dates(engine)["P2"] == date(2024, 4, 3)


def test_text_dates_mixed_in_a_sheet_are_refused_with_the_row(loaded, tmp_path):
    sheet = [
        ["UPN", "Cohort", "Leaving Date"],
        ["P1", "2024/25", "2023-07-18"],
        ["P2", "2024/25", "03/04/2024"],
        ["P3", "2024/25", "2024-04-05"],
    ]
    problems = reject(loaded, school_xlsx(tmp_path / "mixed", sheet))
    assert len(problems) == 1
    p = problems[0]
    assert (p.file, p.sheet, p.line, p.column, p.heading) == ("pupils.xlsx", "Pupils", 3, "left_on", "Leaving Date")
    assert str(p).startswith("pupils.xlsx, sheet Pupils, row 3, column Leaving Date (left_on): the column mixes ISO dates")
    assert "the first on row 2" in p.reason


def test_activity_dates_follow_the_same_rules(loaded, tmp_path):
    acts = rows("""
        activity_id,date,activity_type,title,pupil_id
        A1,14/10/2024,employer_encounter,Careers fair,P1
        A2,10/14/2024,employer_encounter,Careers fair,P1
        """)
    text = "\n".join(",".join(r) for r in acts) + "\n"
    problems = reject(loaded, write_school(tmp_path / "acts", pupils_with(""), text))
    assert [(p.file, p.line, p.column) for p in problems] == [("activities.csv", 3, "date")]
    assert "only reads month first" in problems[0].reason

"""Values in the school's words are read as the contract's; unknown or ambiguous ones are refused by line."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.records import importer, schema
from bot.records.importer import ImportFailed
from tests.conftest import write_school


def one_pupil(engine, tmp_path, sex="", disadvantaged="", sen="", cohort="2024/25"):
    folder = write_school(tmp_path / "p", f'pupil_id,cohort,sex,disadvantaged,sen\nP1,{cohort},{sex},{disadvantaged},"{sen}"\n')
    importer.import_folder(engine, folder, "Tiny School")
    with engine.connect() as conn:
        return conn.execute(
            select(schema.pupils.c.sex, schema.pupils.c.disadvantaged, schema.pupils.c.sen, schema.pupils.c.cohort_end)
        ).one()


@pytest.mark.parametrize(
    "written,expected",
    [
        ("Yes", True),
        ("No", False),
        ("Y", True),
        ("n", False),
        ("TRUE", True),
        ("false", False),
        ("1", True),
        ("0", False),
        ("", False),
        ("Pupil Premium", True),
    ],
)
def test_disadvantaged(engine, tmp_path, written, expected):
    assert one_pupil(engine, tmp_path, disadvantaged=written).disadvantaged is expected


@pytest.mark.parametrize(
    "written,expected",
    [
        ("E - Education, Health and Care Plan", "E"),
        ("EHCP", "E"),
        ("EHC Plan", "E"),
        ("K - SEN Support", "K"),
        ("SEN Support", "K"),
        ("None", "N"),
        ("N - No Special Educational Need", "N"),
        ("", "N"),
        ("k", "K"),
    ],
)
def test_sen(engine, tmp_path, written, expected):
    assert one_pupil(engine, tmp_path, sen=written).sen == expected


@pytest.mark.parametrize("written,expected", [("Female", "F"), ("male", "M"), ("F", "F"), ("Not known", None)])
def test_sex(engine, tmp_path, written, expected):
    assert one_pupil(engine, tmp_path, sex=written).sex == expected


def test_academic_year_in_full(engine, tmp_path):
    assert one_pupil(engine, tmp_path, cohort="2024/2025").cohort_end == 2025


ACTS = "activity_id,date,activity_type,title,benchmarks,pupil_id\n"


@pytest.mark.parametrize(
    "written,expected",
    [
        ("Employer Encounter", "employer_encounter"),
        ("employer encounter", "employer_encounter"),
        ("Work Experience", "workplace_experience"),
        ("Provider Encounter", "provider_encounter"),
        ("Careers Interview", "personal_guidance"),
        ("LMI", "labour_market_information"),
        ("University Visit", "higher_education_visit"),
        ("careers_lesson", "careers_lesson"),
    ],
)
def test_activity_types(engine, tmp_path, written, expected):
    folder = write_school(tmp_path / "a", "pupil_id,cohort\nP1,2024/25\n", ACTS + f"A1,2024-10-10,{written},Talk,,P1\n")
    importer.import_folder(engine, folder, "Tiny School")
    with engine.connect() as conn:
        assert conn.execute(select(schema.activities.c.activity_type)).scalar() == expected


@pytest.mark.parametrize(
    "written,expected,mask",
    [
        ("5;7", "5;7", 0b1010000),
        ("5, 7", "5;7", 0b1010000),
        ("GB5; GB7", "5;7", 0b1010000),
        ("7;5;5", "5;7", 0b1010000),
        ("Benchmark 8", "8", 0b10000000),
        ("gb1,gb2", "1;2", 0b11),
        ("", "", 0),
        ("4", "4", 0b1000),
    ],
)
def test_benchmarks(engine, tmp_path, written, expected, mask):
    folder = write_school(tmp_path / "b", "pupil_id,cohort\nP1,2024/25\n", ACTS + f'A1,2024-10-10,other,Talk,"{written}",P1\n')
    importer.import_folder(engine, folder, "Tiny School")
    with engine.connect() as conn:
        assert conn.execute(select(schema.activities.c.benchmarks)).scalar() == expected
        assert conn.execute(select(schema.participation.c.benchmarks)).scalar() == mask


DESTS = "pupil_id,leaving_year,stage,destination,nccis_code\n"


@pytest.mark.parametrize(
    "stage,destination,expected",
    [
        ("KS4", "School Sixth Form", ("ks4", "school_sixth_form")),
        ("Key Stage 4", "FE College", ("ks4", "further_education")),
        ("16-18", "Apprenticeship", ("16-18", "apprenticeship")),
        ("KS5", "University", ("16-18", "higher_education")),
        ("Key Stage 5", "NEET", ("16-18", "not_sustained")),
        ("ks4", "sixth-form college", ("ks4", "sixth_form_college")),
    ],
)
def test_stages_and_destinations_in_words(engine, tmp_path, stage, destination, expected):
    folder = write_school(tmp_path / "d", "pupil_id,cohort\nP1,2024/25\n", None, DESTS + f"P1,2024/25,{stage},{destination},\n")
    importer.import_folder(engine, folder, "Tiny School")
    with engine.connect() as conn:
        assert tuple(conn.execute(select(schema.destinations.c.stage, schema.destinations.c.destination)).one()) == expected


def test_a_destination_in_words_still_has_to_agree_with_its_nccis_code(engine, tmp_path):
    folder = write_school(tmp_path / "d", "pupil_id,cohort\nP1,2024/25\n", None, DESTS + "P1,2024/25,KS4,FE College,310\n")
    with pytest.raises(ImportFailed) as exc:
        importer.import_folder(engine, folder, "Tiny School")
    assert "'further_education' disagrees with NCCIS code 310 (apprenticeship)" in exc.value.problems[0].reason


@pytest.mark.parametrize(
    "file,text,column,reason",
    [
        (
            "destinations",
            DESTS + "P1,2024/25,ks4,Sixth Form,\n",
            "destination",
            "'Sixth Form' is not a destination on its own: it could mean school_sixth_form or sixth_form_college",
        ),
        ("destinations", DESTS + "P1,2024/25,ks4,College,\n", "destination", "could mean further_education or sixth_form_college"),
        (
            "activities",
            ACTS + "A1,2024-10-10,Careers Talk,Talk,,P1\n",
            "activity_type",
            "could mean employer_encounter or provider_encounter or careers_lesson",
        ),
        ("destinations", DESTS + "P1,2024/25,Year 12,employment,\n", "stage", "'Year 12' is not a stage"),
        ("activities", ACTS + "A1,2024-10-10,Careers Chat,Talk,,P1\n", "activity_type", "'Careers Chat' is not an activity type"),
        ("activities", ACTS + "A1,2024-10-10,other,Talk,GB9,P1\n", "benchmarks", "not a list of Gatsby benchmark numbers 1-8"),
    ],
)
def test_ambiguous_or_unknown_values_are_refused(engine, tmp_path, file, text, column, reason):
    tables = {"activities": None, "destinations": None, file: text}
    folder = write_school(tmp_path / "bad", "pupil_id,cohort\nP1,2024/25\n", tables["activities"], tables["destinations"])
    with pytest.raises(ImportFailed) as exc:
        importer.import_folder(engine, folder, "Tiny School")
    [p] = exc.value.problems
    assert (p.file, p.line, p.column) == (f"{file}.csv", 2, column) and reason in p.reason, p

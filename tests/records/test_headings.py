"""Headings: MIS names understood whatever their case, spacing and punctuation; nothing ambiguous is guessed."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.records import import_vocab, importer, schema
from bot.records.db import RecordsError
from bot.records.headings import resolve
from bot.records.importer import ImportFailed
from tests.conftest import write_school
from tests.records.sheets import dump

VOCAB = import_vocab.load()

# The issue's list: every one of these headings names that column.
ISSUE_HEADINGS = {
    "pupil_id": ["UPN", "Pupil ID", "Student ID", "Admission Number", "Adno"],
    "cohort": ["Cohort", "Year 11 Cohort", "Leaving Cohort"],
    "sex": ["Gender", "Sex"],
    "disadvantaged": ["Pupil Premium", "PP", "Disadvantaged", "PP Eligible"],
    "sen": ["SEN", "SEN Status", "SEN Provision", "SEND"],
    "left_on": ["Leaving Date", "Date of Leaving", "Left", "Left On"],
    "partner": ["Partner", "Organisation", "Employer", "Provider"],
    "benchmarks": ["Benchmarks", "Gatsby Benchmarks"],
    "leaving_year": ["Leaving Year"],
    "nccis_code": ["NCCIS Code", "NCCIS Activity Code"],
}
TABLE_OF = {
    "pupil_id": "pupils",
    "cohort": "pupils",
    "sex": "pupils",
    "disadvantaged": "pupils",
    "sen": "pupils",
    "left_on": "pupils",
    "partner": "activities",
    "benchmarks": "activities",
    "leaving_year": "destinations",
    "nccis_code": "destinations",
}


@pytest.mark.parametrize("column,heading", [(c, h) for c, hs in ISSUE_HEADINGS.items() for h in hs])
def test_every_mis_heading_of_the_issue(column, heading):
    for variant in (
        heading,
        heading.upper(),
        heading.lower().replace(" ", "_"),
        f"  {heading.replace(' ', '-')}  ",
        heading.replace(" ", ""),
    ):
        found = resolve([variant], TABLE_OF[column], VOCAB)
        m = found.mapped[column]  # "Pupil ID" is the contract's own name, written differently
        assert m.heading == variant and m.how == (
            "contract name" if import_vocab.key(heading) == import_vocab.key(column) else "MIS heading"
        ), variant


def test_contract_names_in_any_case_and_punctuation():
    found = resolve(["PUPIL-ID", "Cohort ", "left on"], "pupils", VOCAB)
    assert {c: m.how for c, m in found.mapped.items()} == {
        "pupil_id": "contract name",
        "cohort": "contract name",
        "left_on": "contract name",
    }


def test_the_contract_name_wins_over_an_mis_heading(engine, tmp_path):
    """A file with both pupil_id and UPN imports as before: UPN is an extra column."""
    folder = write_school(tmp_path / "both", "pupil_id,UPN,cohort\nP1,A123,2024/25\n")
    result = importer.import_folder(engine, folder, "Tiny School")
    assert any("ignored extra column(s): UPN" in w for w in result.warnings)
    with engine.connect() as conn:
        assert conn.execute(select(schema.pupils.c.pupil_id)).scalar() == "P1"


def test_a_whole_mis_export_imports(engine, tmp_path):
    folder = write_school(
        tmp_path / "mis",
        "UPN,Year 11 Cohort,Gender,Pupil Premium,SEN Status,Leaving Date\n"
        "A1,2024/25,Female,Yes,K - SEN Support,18/07/2025\nA2,2024/25,Male,No,None,\n",
        "Activity ID,Date,Activity Type,Title,Employer,Gatsby Benchmarks,Pupil ID\n"
        'E1,14/10/2024,Employer Encounter,Careers fair,NHS,"GB5; GB7",A1\n',
        "Admission Number,Leaving Year,Stage,Destination,NCCIS Code\nA1,2024/25,Key Stage 4,Apprenticeship,310\n",
    )
    importer.import_folder(engine, folder, "Tiny School")
    with engine.connect() as conn:
        assert conn.execute(select(schema.activities.c.benchmarks, schema.activities.c.partner)).one() == ("5;7", "NHS")
        assert conn.execute(select(schema.destinations.c.destination)).scalar() == "apprenticeship"


def reject(engine, folder, **kw):
    with pytest.raises(ImportFailed) as exc:
        importer.import_folder(engine, folder, "Tiny School", **kw)
    return exc.value.problems


@pytest.fixture
def loaded(engine, tmp_path):
    importer.import_folder(engine, write_school(tmp_path / "first", "pupil_id,cohort\nP1,2024/25\n"), "Tiny School")
    return engine


def test_a_heading_that_could_mean_two_columns_is_refused(loaded, tmp_path):
    before = dump(loaded)
    acts = "activity_id,date,Activity,pupil_id\nA1,2024-10-10,Careers fair,P1\n"
    problems = reject(loaded, write_school(tmp_path / "bad", "pupil_id,cohort\nP1,2024/25\n", acts))
    by_column = {p.column: p for p in problems}
    assert set(by_column) == {"activity_type", "title"}
    p = by_column["title"]
    assert (p.file, p.line, p.heading) == ("activities.csv", 1, "Activity")
    assert "the heading 'Activity' could mean title or activity_type" in p.reason
    assert "activities: {title: Activity}" in p.reason and "--map" in p.reason
    assert dump(loaded) == before


def test_an_ambiguous_heading_is_refused_for_an_optional_column_too(loaded, tmp_path):
    dests = "pupil_id,leaving_year,stage,destination,Code\nP1,2024/25,ks4,employment,320\n"
    problems = reject(loaded, write_school(tmp_path / "bad", "pupil_id,cohort\nP1,2024/25\n", None, dests))
    assert [(p.column, p.heading) for p in problems] == [("nccis_code", "Code")]
    assert "could mean sen or nccis_code" in problems[0].reason


def test_an_ambiguous_heading_not_needed_is_only_ignored(engine, tmp_path):
    folder = write_school(tmp_path / "fine", "UPN,Cohort,Year,FSM,Pupil Premium\nA1,2024/25,11,Y,N\n")
    result = importer.import_folder(engine, folder, "Tiny School")
    assert any("ignored extra column(s): Year, FSM" in w for w in result.warnings)


def test_fsm_is_not_taken_for_pupil_premium(loaded, tmp_path):
    problems = reject(loaded, write_school(tmp_path / "fsm", "UPN,Cohort,FSM\nA1,2024/25,Y\n"))
    assert [p.column for p in problems] == ["disadvantaged"]
    assert "free school meals is not the same as pupil premium" in problems[0].reason


def test_two_headings_that_could_be_one_column_are_refused(loaded, tmp_path):
    before = dump(loaded)
    problems = reject(loaded, write_school(tmp_path / "two", "UPN,Adno,Cohort\nA1,1001,2024/25\n"))
    assert [(p.file, p.line, p.column) for p in problems] == [("pupils.csv", 1, "pupil_id")]
    assert "the headings 'UPN' and 'Adno' could each be pupil_id; keep one" in problems[0].reason
    assert dump(loaded) == before


def test_a_missing_column_says_which_headings_would_do(loaded, tmp_path):
    problems = reject(loaded, write_school(tmp_path / "none", "Ref,Cohort\nA1,2024/25\n"))
    p = problems[0]
    assert (p.line, p.column) == (1, "pupil_id") and "required column is missing from the header" in p.reason
    assert "UPN" in p.reason and "Admission Number" in p.reason and "--map" in p.reason


def write_map(tmp_path, text: str):
    path = tmp_path / "mapping.yml"
    path.write_text(text)
    return path


def test_map_names_any_other_column_and_resolves_a_clash(engine, tmp_path):
    folder = write_school(
        tmp_path / "own",
        "UPN,Adno,Intake,FSM Ever 6\nA1,1001,2024/25,Y\nA2,1002,2024/25,N\n",
        "Event Code,When,Kind,Event Title,Adno\nE1,14/10/2024,Careers Fair,Fair,1001\n",
    )
    mapping = write_map(
        tmp_path,
        """
pupils:
  pupil_id: adno          # case does not matter
  cohort: Intake
  disadvantaged: FSM Ever 6
activities.csv:
  activity_id: Event Code
  date: When
  activity_type: Kind
  title: Event Title
values:
  activity_type:
    Careers Fair: employer_encounter
""",
    )
    result = importer.import_folder(engine, folder, "Tiny School", mapping_file=mapping)
    assert any("ignored extra column(s): UPN" in w for w in result.warnings)
    with engine.connect() as conn:
        assert sorted(conn.execute(select(schema.pupils.c.pupil_id, schema.pupils.c.disadvantaged)).all()) == [
            ("1001", True),
            ("1002", False),
        ]
        assert conn.execute(select(schema.activities.c.activity_type)).scalar() == "employer_encounter"
    u = importer.understand(folder, mapping).understanding
    assert {m.column: m.how for m in u.tables[0].columns}["pupil_id"] == "mapping file"


def test_map_naming_a_heading_the_file_lacks(loaded, tmp_path):
    mapping = write_map(tmp_path, "pupils:\n  pupil_id: Student Ref\n")
    problems = reject(loaded, write_school(tmp_path / "f", "pupil_id,cohort\nP1,2024/25\n"), mapping_file=mapping)
    assert [(p.line, p.column) for p in problems] == [(1, "pupil_id")]
    assert "names the heading 'Student Ref' for pupil_id, but the header has no such heading" in problems[0].reason


@pytest.mark.parametrize(
    "text,reason",
    [
        ("pupils:\n  pupil_ref: Student Ref\n", "'pupil_ref' is not a column of pupils.csv"),
        ("pupils:\n  pupil_id: Ref\n  cohort: ref\n", "the heading 'ref' is named for both pupil_id and cohort"),
        ("learners:\n  pupil_id: Ref\n", "'learners' is not a section"),
        ("values:\n  sen:\n    Statement: S\n", "'S' is not one of N, K, E"),
        ("values:\n  title:\n    Fair: x\n", "'title' has no fixed values"),
        ("pupils: [unclosed\n", "not a readable YAML file"),
    ],
)
def test_a_wrong_mapping_file_is_refused_clearly(loaded, tmp_path, text, reason):
    before = dump(loaded)
    with pytest.raises(RecordsError) as exc:
        importer.import_folder(
            loaded, write_school(tmp_path / "f", "pupil_id,cohort\nP1,2024/25\n"), "Tiny School", mapping_file=write_map(tmp_path, text)
        )
    assert reason in str(exc.value) and "mapping.yml" in str(exc.value)
    assert dump(loaded) == before


def test_the_content_file_refuses_a_heading_listed_for_two_columns(tmp_path):
    path = tmp_path / "headings.yml"
    path.write_text("headings:\n  pupil_id: [Ref]\n  activity_id: [REF]\n")
    with pytest.raises(ValueError, match="'REF' is listed for both pupil_id and activity_id"):
        import_vocab.load(path)
    path.write_text("values:\n  disadvantaged:\n    Y: [Yes]\n")  # unquoted, YAML reads it as true
    with pytest.raises(ValueError, match="must be written as text"):
        import_vocab.load(path)


def test_the_shipped_content_file_is_consistent():
    vocab = import_vocab.load()
    assert vocab.column_for("Gatsby Benchmarks") == "benchmarks" and vocab.table_for("Students") == "pupils"
    for entry in vocab.ambiguous_headings.values():
        assert import_vocab.key(entry.heading) not in vocab.headings

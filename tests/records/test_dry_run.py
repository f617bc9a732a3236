"""`coach import --dry-run`: what the importer understood (columns, dates, values, rows), and nothing written."""

from __future__ import annotations

import re

import pytest

from bot.app import cli
from bot.records import db, importer
from tests.conftest import write_school
from tests.records.sheets import dump

PUPILS = (
    "Adno,Year 11 Cohort,Gender,PP,SEND,Date of Leaving,Tutor Group\n"
    "ZX-9001,2024/25,Female,Y,EHCP,03/04/2025,10A\nZX-9002,2024/25,Male,N,,,10B\n"
)
ACTS = (
    "Activity ID,Date,Activity Type,Title,Provider,Benchmarks,Adno\n"
    'A1,05/03/2025,Provider Encounter,T levels talk,College,"7, 5",ZX-9001\n'
)
DESTS = "Adno,Leaving Year,Stage,Destination\nZX-9001,2024/25,KS4,Apprenticeship\n"


def squash(text: str) -> str:
    """The dry run's text with its column padding taken out."""
    return re.sub(r" {2,}", " ", text)


@pytest.fixture
def env(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    monkeypatch.setenv("COACH_DATABASE_URL", url)
    monkeypatch.delenv("COACH_SCHOOL", raising=False)
    return url


def test_dry_run_shows_what_it_understood(tmp_path, env, capsys):
    folder = write_school(tmp_path / "mis", PUPILS, ACTS, DESTS)
    assert cli.main(["import", str(folder), "--dry-run"]) == 0
    out = squash(capsys.readouterr().out)
    assert out.startswith(f"Dry run of {folder}: nothing was written.")
    for expected in [
        "pupils: pupils.csv (2 rows)",
        " Adno -> pupil_id",
        " Year 11 Cohort -> cohort",
        " PP -> disadvantaged",
        " SEND -> sen",
        " Date of Leaving -> left_on",
        " Tutor Group (ignored: not a contract column)",
        " dates left_on: 1 written as DD/MM/YYYY (UK, day first); every date could be read either way; "
        "read day first (DD/MM/YYYY), as UK dates are",
        " values sex: 'Female' -> F (1 row)",
        " values sen: 'EHCP' -> E (1 row)",
        "activities: activities.csv (1 row)",
        " Provider -> partner",
        " values activity_type: 'Provider Encounter' -> provider_encounter (1 row)",
        " values benchmarks: '7, 5' -> 5;7 (1 row)",
        "destinations: destinations.csv (1 row)",
        "not in the file (optional, so empty for every row): nccis_code",
        "The records are valid. Importing them (without --dry-run) would replace the school's records with these: "
        "2 pupils, 1 activity row, 1 destination.",
    ]:
        assert expected in out, expected
    assert "ZX-900" not in out  # never a pupil id


def test_dry_run_writes_nothing(tmp_path, env, capsys):
    engine = db.make_engine(env)
    importer.import_folder(engine, write_school(tmp_path / "first", "pupil_id,cohort\nP1,2024/25\n"), "Tiny School")
    before = dump(engine)
    folder = write_school(tmp_path / "mis", PUPILS, ACTS, DESTS)
    assert cli.main(["import", str(folder), "--school", "Tiny School", "--dry-run"]) == 0
    assert dump(engine) == before and len(importer.import_log(engine)) == 1


def test_dry_run_with_problems_shows_them_and_exits_non_zero(tmp_path, env, capsys):
    folder = write_school(tmp_path / "bad", PUPILS.replace("EHCP", "Statement"), ACTS.replace("05/03/2025", "03/25/2025"), DESTS)
    assert cli.main(["import", str(folder), "--dry-run"]) == 2
    captured = capsys.readouterr()
    assert "The records would be rejected: 2 problem(s), listed below." in captured.out
    assert " Adno -> pupil_id" in squash(captured.out)  # what it did understand is still shown
    assert "Import would be rejected: 2 problem(s); nothing was written." in captured.err
    assert "pupils.csv, line 2, column SEND (sen): 'Statement' is not an SEN code" in captured.err
    assert "activities.csv, line 2, column Date (date): '03/25/2025' only reads month first" in captured.err
    assert not (tmp_path / "coach.db").exists()


def test_dry_run_and_map_together(tmp_path, env, capsys):
    folder = write_school(tmp_path / "own", "Ref,Intake\nR1,2024/25\n")
    mapping = tmp_path / "mapping.yml"
    mapping.write_text("pupils:\n  pupil_id: Ref\n  cohort: Intake\n")
    assert cli.main(["import", str(folder), "--dry-run", "--map", str(mapping)]) == 0
    out = squash(capsys.readouterr().out)
    assert " Ref -> pupil_id (from the mapping file)" in out and " Intake -> cohort (from the mapping file)" in out
    assert cli.main(["import", str(folder), "--dry-run"]) == 2
    assert "required column is missing from the header" in capsys.readouterr().err


def test_cli_import_with_map(tmp_path, env, capsys):
    folder = write_school(tmp_path / "own", "Ref,Intake\nR1,2024/25\n")
    mapping = tmp_path / "mapping.yml"
    mapping.write_text("pupils:\n  pupil_id: Ref\n  cohort: Intake\n")
    assert cli.main(["import", str(folder), "--school", "Own School", "--map", str(mapping)]) == 0
    assert "Imported records for Own School: 1 rows from pupils.csv" in capsys.readouterr().out
    assert cli.main(["import", str(folder), "--school", "Own School", "--map", str(tmp_path / "nope.yml")]) == 2
    assert "the mapping file does not exist; nothing was imported" in capsys.readouterr().err

"""The importer: every bad-input case fails cleanly (file, line, column) and leaves the database as it was."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.records import importer, schema
from bot.records.importer import ImportFailed
from tests.conftest import write_school

PUPILS = """
pupil_id,cohort,sex,disadvantaged,sen,left_on
P1,2024/25,F,Y,N,
P2,2024/25,M,N,K,
P3,2025/26,F,,E,2025-03-14
"""
ACTS = """
activity_id,date,activity_type,title,partner,benchmarks,pupil_id
A1,2024-10-10,employer_encounter,Careers fair,NHS,5,P1
A1,2024-10-10,employer_encounter,Careers fair,NHS,5,P2
A1,2024-10-10,employer_encounter,Careers fair,NHS,5,P2
A2,2025-01-20,personal_guidance,Guidance interview,Adviser,8,P1
"""
DESTS = """
pupil_id,leaving_year,stage,destination,nccis_code
P1,2024/25,ks4,school_sixth_form,
P2,2024/25,ks4,,310
"""


def dump(engine):
    out = {}
    with engine.connect() as conn:
        for table in schema.metadata.sorted_tables:
            out[table.name] = sorted(tuple(str(v) for v in row) for row in conn.execute(select(table)))
    return out


@pytest.fixture
def loaded(engine, tmp_path):
    importer.import_folder(engine, write_school(tmp_path / "good", PUPILS, ACTS, DESTS), "Tiny School")
    return engine


def test_good_import_counts_and_derivation(loaded):
    with loaded.connect() as conn:
        assert conn.execute(select(schema.pupils.c.pupil_id)).all().__len__() == 3
        # The same pupil listed twice for one activity counts once.
        assert len(conn.execute(select(schema.participation)).all()) == 3
        rows = dict(conn.execute(select(schema.destinations.c.pupil_id, schema.destinations.c.destination)).all())
    assert rows == {"P1": "school_sixth_form", "P2": "apprenticeship"}  # 310 -> apprenticeship


def test_reimport_replaces_snapshot_and_logs(loaded, tmp_path):
    folder = write_school(tmp_path / "second", PUPILS.replace("P3,2025/26,F,,E,2025-03-14\n", ""), ACTS, DESTS)
    importer.import_folder(loaded, folder, "Tiny School")
    with loaded.connect() as conn:
        assert len(conn.execute(select(schema.pupils)).all()) == 2
    log = importer.import_log(loaded)
    assert len(log) == 2 and log[0]["files"]["pupils.csv"]["rows"] == 2
    assert len(log[0]["files"]["activities.csv"]["sha256"]) == 64


def test_bom_extra_columns_and_whitespace(engine, tmp_path):
    folder = write_school(
        tmp_path / "bom",
        PUPILS.replace("pupil_id,cohort", "pupil_id,notes,cohort")
        .replace("P1,2024/25", "P1,hello, 2024/25 ")
        .replace("P2,2024/25", "P2,x,2024/25")
        .replace("P3,2025/26", "P3,y,2025/26"),
        ACTS,
        DESTS,
    )
    raw = (folder / "pupils.csv").read_bytes()
    (folder / "pupils.csv").write_bytes(b"\xef\xbb\xbf" + raw)
    result = importer.import_folder(engine, folder, "Tiny School")
    assert any("notes" in w for w in result.warnings)


BAD_CASES = [
    # (description, file to change, replacement function, expected (file, line, column, reason fragment))
    ("missing column", "pupils.csv", lambda t: t.replace("pupil_id,cohort,", "pupil_id,"), ("pupils.csv", 1, "cohort", "missing")),
    ("bad date", "activities.csv", lambda t: t.replace("2025-01-20", "2025-02-30"), ("activities.csv", 5, "date", "not a date")),
    # DD/MM/YYYY is a date now (issue 16); a two-digit year still is not.
    ("bad date format", "pupils.csv", lambda t: t.replace("2025-03-14", "14/03/25"), ("pupils.csv", 4, "left_on", "not a date")),
    ("bad academic year", "pupils.csv", lambda t: t.replace("P2,2024/25", "P2,2024/26"), ("pupils.csv", 3, "cohort", "academic year")),
    (
        "unknown activity type",
        "activities.csv",
        lambda t: t.replace("personal_guidance", "careers_chat"),
        ("activities.csv", 5, "activity_type", "not an activity type"),
    ),
    (
        "unknown destination",
        "destinations.csv",
        lambda t: t.replace("school_sixth_form", "sixth_form"),
        ("destinations.csv", 2, "destination", "not a destination"),
    ),
    ("unknown SEN code", "pupils.csv", lambda t: t.replace("N,K,", "N,S,"), ("pupils.csv", 3, "sen", "SEN code")),
    ("unknown benchmark", "activities.csv", lambda t: t.replace(",8,P1", ",9,P1"), ("activities.csv", 5, "benchmarks", "benchmark")),
    ("unknown NCCIS code", "destinations.csv", lambda t: t.replace(",,310", ",,999"), ("destinations.csv", 3, "nccis_code", "NCCIS")),
    ("duplicate pupil", "pupils.csv", lambda t: t + "P1,2024/25,F,N,N,\n", ("pupils.csv", 5, "pupil_id", "duplicate")),
    (
        "duplicate destination",
        "destinations.csv",
        lambda t: t + "P1,2024/25,ks4,further_education,\n",
        ("destinations.csv", 4, "pupil_id", "already has"),
    ),
    (
        "activity for unknown pupil",
        "activities.csv",
        lambda t: t.replace("Adviser,8,P1", "Adviser,8,P9"),
        ("activities.csv", 5, "pupil_id", "not in pupils.csv"),
    ),
    (
        "activity rows disagree",
        "activities.csv",
        lambda t: t.replace("Careers fair,NHS,5,P2\nA1", "Careers fair,BT,5,P2\nA1", 1),
        ("activities.csv", 3, "partner", "on line 2"),
    ),
    (
        "destination disagrees with NCCIS",
        "destinations.csv",
        lambda t: t.replace(",,310", ",employment,310"),
        ("destinations.csv", 3, "destination", "disagrees"),
    ),
    (
        "destination and code both empty",
        "destinations.csv",
        lambda t: t.replace(",,310", ",,"),
        ("destinations.csv", 3, "destination", "required"),
    ),
]


@pytest.mark.parametrize("desc,file,change,expected", BAD_CASES, ids=[c[0] for c in BAD_CASES])
def test_bad_input_rejected_database_unchanged(loaded, tmp_path, desc, file, change, expected):
    before = dump(loaded)
    folder = write_school(tmp_path / "bad", PUPILS, ACTS, DESTS)
    (folder / file).write_text(change((folder / file).read_text()))
    with pytest.raises(ImportFailed) as exc:
        importer.import_folder(loaded, folder, "Tiny School")
    problems = exc.value.problems
    f, line, col, reason = expected
    assert any(p.file == f and p.line == line and p.column == col and reason in p.reason for p in problems), problems
    assert "nothing was written" in exc.value.report()
    assert dump(loaded) == before


def test_not_utf8(loaded, tmp_path):
    before = dump(loaded)
    folder = write_school(tmp_path / "latin", PUPILS, ACTS, DESTS)
    (folder / "activities.csv").write_bytes((folder / "activities.csv").read_bytes().replace(b"Careers fair", b"Caf\xe9 fair", 1))
    with pytest.raises(ImportFailed) as exc:
        importer.import_folder(loaded, folder, "Tiny School")
    p = exc.value.problems[0]
    assert (p.file, p.line) == ("activities.csv", 2) and "not UTF-8" in p.reason
    assert dump(loaded) == before


@pytest.mark.parametrize("case", ["empty", "missing"])
def test_empty_or_missing_file(loaded, tmp_path, case):
    before = dump(loaded)
    folder = write_school(tmp_path / case, PUPILS, ACTS, DESTS)
    if case == "empty":
        (folder / "destinations.csv").write_text("")
    else:
        (folder / "destinations.csv").unlink()
    with pytest.raises(ImportFailed) as exc:
        importer.import_folder(loaded, folder, "Tiny School")
    assert exc.value.problems[0].file == "destinations.csv"
    assert ("empty" if case == "empty" else "missing") in exc.value.problems[0].reason
    assert dump(loaded) == before


def test_every_problem_reported_at_once_and_listing_capped(engine, tmp_path):
    rows = "".join(f"X{i},20xx/yy,Q,Z,W,nope\n" for i in range(60))
    folder = write_school(tmp_path / "many", "pupil_id,cohort,sex,disadvantaged,sen,left_on\n" + rows)
    with pytest.raises(ImportFailed) as exc:
        importer.import_folder(engine, folder, "Tiny School")
    assert len(exc.value.problems) == 300  # five bad values on each of 60 rows
    report = exc.value.report()
    assert "... and 250 more." in report and report.count("\n  - ") == 50


def test_cli_import_error_exit_code(tmp_path, monkeypatch, capsys):
    from bot.app import cli

    monkeypatch.setenv("COACH_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    folder = write_school(tmp_path / "cli", PUPILS.replace("P2,2024/25", "P2,2024-25"), ACTS, DESTS)
    assert cli.main(["import", str(folder), "--school", "Tiny School"]) == 2
    err = capsys.readouterr().err
    assert "pupils.csv, line 3, column cohort" in err
    good = write_school(tmp_path / "cli-good", PUPILS, ACTS, DESTS)
    assert cli.main(["import", str(good), "--school", "Tiny School"]) == 0
    assert cli.main(["imports"]) == 0
    assert "Tiny School" in capsys.readouterr().out


def test_two_imports_at_once_one_lands_whole_other_fails_cleanly(tmp_path, demo_dir):
    """Two processes import for the same school at the same moment: never a mixed snapshot."""
    import subprocess
    import sys

    from bot.records.db import make_engine
    from tests.conftest import ROOT

    url = f"sqlite:///{tmp_path / 'race.db'}"
    engine = make_engine(url)
    small = write_school(tmp_path / "small", PUPILS, ACTS, DESTS)
    code = (
        "import sys; from pathlib import Path; from bot.records import db, importer\n"
        "eng = db.make_engine(sys.argv[1])\n"
        "try:\n    importer.import_folder(eng, Path(sys.argv[2]), 'Race School'); print('landed')\n"
        "except importer.ImportConflict as e:\n    print('conflict')\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, url, str(folder)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
        for folder in (demo_dir, small)
    ]
    outcomes = sorted(p.communicate(timeout=120)[0].strip() for p in procs)
    with engine.connect() as conn:
        n_pupils = len(conn.execute(select(schema.pupils)).all())
        n_imports = len(conn.execute(select(schema.imports)).all())
    demo_pupils = len((demo_dir / "pupils.csv").read_text().splitlines()) - 1
    assert n_pupils in (3, demo_pupils)  # exactly one whole snapshot, never a mix
    if outcomes == ["conflict", "landed"]:
        assert n_imports == 1
    else:  # one finished before the other began checking: both land in turn, the last one whole
        assert outcomes == ["landed", "landed"] and n_imports == 2

"""The demo school as a school's MIS exports it gives exactly the records and figures of the contract CSVs.

Three exports of the same records: .xlsx files (MIS headings, values in words, Excel date cells
with some dates typed as UK text), one workbook with a sheet for each, and CSV files with UK
dates. Each is imported with the real `coach import` into its own database, and the whole of
`coach evidence --json` (and the text) must equal the contract-CSV import's.
"""

from __future__ import annotations

import contextlib
import io
import json

import pytest

from bot.app import cli
from bot.records import db, demo
from tests.records import mis_export
from tests.records.sheets import records


def _coach(*argv: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    assert code == 0, err.getvalue()
    return out.getvalue()


def _import_and_evidence(path, dbfile):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COACH_DATABASE_URL", f"sqlite:///{dbfile}")
        mp.delenv("COACH_SCHOOL", raising=False)
        _coach("import", str(path), "--school", demo.DEMO_SCHOOL)
        as_json = json.loads(_coach("evidence", "--json"))
        as_text = _coach("evidence")
    return as_json, as_text, records(db.make_engine(f"sqlite:///{dbfile}"))


@pytest.fixture(scope="module")
def exports(tmp_path_factory, demo_dir):
    root = tmp_path_factory.mktemp("mis")
    return {
        "xlsx files": mis_export.write_xlsx(demo_dir, root / "xlsx"),
        "one workbook": mis_export.write_workbook(demo_dir, root / "school.xlsx"),
        "csv, UK dates": mis_export.write_csv(demo_dir, root / "csv"),
    }


@pytest.fixture(scope="module")
def contract(tmp_path_factory, demo_dir):
    """`coach evidence` (JSON and text) and the records, from the contract CSVs."""
    return _import_and_evidence(demo_dir, tmp_path_factory.mktemp("contract") / "contract.db")


@pytest.mark.parametrize("kind", ["xlsx files", "one workbook", "csv, UK dates"])
def test_mis_export_gives_the_same_evidence_as_the_contract_csvs(exports, contract, kind, tmp_path):
    as_json, as_text, rows = _import_and_evidence(exports[kind], tmp_path / "mis.db")
    expected_json, expected_text, expected_rows = contract
    assert as_json == expected_json  # the whole `coach evidence --json` output
    assert as_text == expected_text
    assert rows == expected_rows  # and the very same records underneath
    assert expected_json["destinations"]["ks4"] and expected_json["provider_access"] and expected_json["flags"]


def test_the_export_really_is_mis_style(exports):
    """Guard against the test passing vacuously: the export has none of the contract's headings or values."""
    from openpyxl import load_workbook

    wb = load_workbook(exports["one workbook"], read_only=True)
    pupils = list(wb["Pupils"].iter_rows(values_only=True))
    acts = list(wb["Activities"].iter_rows(values_only=True))
    assert pupils[0][:3] == ("UPN", "Reg Group", "Year 11 Cohort") and "pupil_id" not in pupils[0]
    assert {r[5] for r in pupils[1:]} == {"N - No Special Educational Need", "K - SEN Support", "E - Education, Health and Care Plan"}
    assert {r[4] for r in pupils[1:]} == {"Yes", "No"}
    kinds = {type(r[6]).__name__ for r in pupils[1:] if r[6]}
    assert kinds == {"datetime", "str"}  # Excel date cells, and some dates typed as UK text
    assert any(isinstance(r[6], str) and int(r[6][:2]) > 12 for r in pupils[1:] if r[6])
    assert {type(r[1]).__name__ for r in acts[1:]} == {"datetime"}
    assert any(str(r[5]).startswith("GB") for r in acts[1:]) and any(", " in str(r[5]) for r in acts[1:])
    text = (exports["csv, UK dates"] / "activities.csv").read_text(encoding="utf-8-sig")
    assert "Employer Encounter" in text and "employer_encounter" not in text


def test_dry_run_of_the_export_explains_it_and_writes_nothing(exports, tmp_path, monkeypatch, capsys):
    dbfile = tmp_path / "never.db"
    monkeypatch.setenv("COACH_DATABASE_URL", f"sqlite:///{dbfile}")
    assert cli.main(["import", str(exports["one workbook"]), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert not dbfile.exists()  # not even an empty database
    for expected in (
        "pupils: school.xlsx, sheet Pupils (1,10",
        "UPN             -> pupil_id",
        "Leaving Date    -> left_on",
        "Reg Group       (ignored: not a contract column)",
        "left_on: 108 written as DD/MM/YYYY (UK, day first) and 416 Excel date cells",
        "'K - SEN Support' -> K",
        "'Employer Encounter' -> employer_encounter",
        "'GB1; GB2' -> 1;2",
        "'KS5' -> 16-18",
        "'FE College' -> further_education",
        "warning: school.xlsx: ignored sheet(s): Notes",
        "The records are valid",
    ):
        assert expected in out, expected
    assert "NFA-" not in out  # no pupil id

"""Docs that must agree with the code: the CLI reference and the project's copy of the records contract."""

import re
from pathlib import Path

from bot.app.docs import _subparsers, reference
from bot.records.contract import TABLES, VOCABULARIES

ROOT = Path(__file__).resolve().parent.parent


def test_cli_reference_is_generated_from_the_parser():
    assert (ROOT / "docs" / "cli.md").read_text(
        encoding="utf-8"
    ) == reference(), "docs/cli.md is out of date: run `.venv/bin/python -m bot.app.docs > docs/cli.md`"


def test_every_command_is_documented():
    from bot.app.cli import build_parser

    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = [name for name in _subparsers(build_parser()) if f"## coach {name}\n" not in text]
    assert missing == []


def _contract_tables() -> dict:
    """{file stem: [(column, required, values text)]} from docs/records-contract.md."""
    text = (ROOT / "docs" / "records-contract.md").read_text(encoding="utf-8")
    tables = {}
    for stem, body in re.findall(r"### (\w+)\.csv[^\n]*\n(.*?)(?=\n### |\n## )", text, re.S):
        rows = re.findall(r"^\| (\w+) \| ([^|]+) \| ([^|]+) \|$", body, re.M)
        tables[stem] = [(c, r.strip(), v.strip()) for c, r, v in rows if c != "column"]
    return tables


def test_records_contract_columns_agree_with_the_importer():
    tables = _contract_tables()
    assert set(tables) == set(TABLES)
    for stem, rows in tables.items():
        spec = TABLES[stem]
        assert sorted(c for c, _, _ in rows) == sorted(spec.columns), stem
        required = {c for c, r, _ in rows if r == "yes"}  # "yes, unless nccis_code is given" is checked by the importer
        assert required == set(spec.required), stem


def test_records_contract_vocabularies_agree_with_the_importer():
    values = {c: v for rows in _contract_tables().values() for c, _, v in rows}
    for column in ("activity_type", "destination"):
        listed = re.findall(r"`(\w+)`", values[column])
        assert listed == [v for v in VOCABULARIES[column] if v], column
    assert re.findall(r"`([\w-]+)`", values["stage"])[:2] == list(VOCABULARIES["stage"])

"""Digits that are not ASCII ("²", "٣") are refused as values, never crash the importer."""

import pytest

from bot.records import db, importer
from tests.conftest import write_school


def test_superscript_digits_in_a_code_and_a_date_are_line_level_errors(tmp_path):
    folder = write_school(
        tmp_path / "csv",
        """
        pupil_id,cohort,left_on
        P1,2024/25,²²²²
        """,
        destinations="""
        pupil_id,leaving_year,stage,destination,nccis_code
        P1,2024/25,ks4,,²¹⁰
        """,
    )
    engine = db.make_engine(f"sqlite:///{tmp_path / 'r.db'}")
    with pytest.raises(importer.ImportFailed) as failed:
        importer.import_folder(engine, folder, "Tiny School")
    report = str(failed.value)
    assert "pupils.csv" in report and "destinations.csv" in report and "left_on" in report and "nccis_code" in report

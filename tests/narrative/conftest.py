"""Fixtures for the narrative: a fresh copy of the demo school per test, and a CSV editor for re-imports."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from bot.evidence.measures import Evidence
from bot.records import db, demo, importer


@pytest.fixture
def demo_copy(tmp_path, demo_dir):
    """(engine, folder): the demo school imported into its own database, its CSV files in a folder to edit."""
    folder = tmp_path / "school"
    shutil.copytree(demo_dir, folder)
    eng = db.make_engine(f"sqlite:///{tmp_path / 'coach.db'}")
    importer.import_folder(eng, folder, demo.DEMO_SCHOOL)
    return eng, folder


def fresh(eng) -> Evidence:
    return Evidence(eng, demo.DEMO_SCHOOL)


def edit_csv(path, change) -> None:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame = change(frame)
    frame.to_csv(path, index=False)

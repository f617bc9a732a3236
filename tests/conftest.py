"""Shared fixtures: tiny schools from inline CSV, the demo school, and (once per session) the real stack."""

from __future__ import annotations

import dataclasses
import textwrap
from pathlib import Path

import pytest

from bot import config

config.quiet_third_party()
from bot.records import db, demo, importer  # noqa: E402 (after quiet_third_party, on purpose)

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "coach.tar.gz"


def write_school(folder: Path, pupils: str, activities: str = None, destinations: str = None) -> Path:
    """Write the three CSV files from inline text (dedented); missing ones get just a header."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "pupils.csv": pupils,
        "activities.csv": activities or "activity_id,date,activity_type,title,partner,benchmarks,pupil_id\n",
        "destinations.csv": destinations or "pupil_id,leaving_year,stage,destination,nccis_code\n",
    }
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return folder


@pytest.fixture
def engine(tmp_path):
    return db.make_engine(f"sqlite:///{tmp_path / 'records.db'}")


@pytest.fixture
def school(tmp_path):
    """Factory: build a tiny school from inline CSV and import it; returns the engine."""

    def make(pupils, activities=None, destinations=None, name="Tiny School", engine=None):
        eng = engine or db.make_engine(f"sqlite:///{tmp_path / 'tiny.db'}")
        importer.import_folder(eng, write_school(tmp_path / "csv", pupils, activities, destinations), name)
        return eng

    return make


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory):
    return demo.write(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="session")
def demo_engine(tmp_path_factory, demo_dir):
    eng = db.make_engine(f"sqlite:///{tmp_path_factory.mktemp('demodb') / 'coach.db'}")
    importer.import_folder(eng, demo_dir, demo.DEMO_SCHOOL)
    return eng


@pytest.fixture(scope="session")
def demo_evidence(demo_engine):
    from bot.evidence import Evidence

    return Evidence(demo_engine, demo.DEMO_SCHOOL)


from bot.app.servers import free_port  # noqa: E402


def stack_settings(tmp: Path, **overrides) -> config.Settings:
    base = config.load()
    values = dict(
        home=ROOT,
        database_url=f"sqlite:///{tmp / 'coach.db'}",
        tracker_store_url=f"sqlite:///{tmp / 'tracker.db'}",
        rasa_port=free_port(),
        actions_port=free_port(),
        host="127.0.0.1",
        school=None,
    )
    values.update(overrides)
    return dataclasses.replace(base, **values)


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """The real action server and Rasa server, with the demo school, for the whole session."""
    if not MODEL.exists():
        pytest.fail("No trained model: run the tests with `make test`, which trains it first.")
    from bot.app.servers import Stack

    tmp = tmp_path_factory.mktemp("stack")
    settings = stack_settings(tmp)
    eng = db.make_engine(settings.database_url)
    importer.import_folder(eng, demo.write(tmp / "demo"), demo.DEMO_SCHOOL)
    s = Stack(settings).start(timeout=240)
    yield s
    s.stop()


def terminal_chat(stack, lines: list[str]) -> str:
    """What `coach chat` prints for these typed lines, against the session's stack."""
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "chat", "--url", stack.rasa_url],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=300,
    ).stdout


@pytest.fixture
def chat(stack):
    """A fresh conversation: chat('hi') -> list of bot texts (buttons appended as '[title]')."""
    import uuid

    from bot.app.terminal import post

    sender = f"test-{uuid.uuid4().hex[:10]}"

    def say(message: str):
        out = []
        for m in post(stack.rasa_url, sender, message):
            if m.get("text"):
                out.append(m["text"])
            for b in m.get("buttons") or []:
                out.append(f"[{b['title']}]")
        return out

    say.sender = sender
    return say


def pytest_collection_modifyitems(config, items):
    # Fast tests first; the full-stack ones share one server start at the end.
    items.sort(key=lambda item: "stack" in item.keywords or "tests/stack" in str(item.fspath))

"""`coach check` on the demo school: text and --json, from a file and from standard input."""

import json
import os
import subprocess
import sys

from bot.records import db, demo, importer

TEXT = "Last year 96% of our Year 11 leavers went into a sustained destination, against 94% nationally. Our target is 98%."


def _run(tmp_path, *args, stdin=None):
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    if not (tmp_path / "coach.db").exists():
        importer.import_folder(db.make_engine(url), demo.write(tmp_path / "demo"), demo.DEMO_SCHOOL)
    env = dict(os.environ, COACH_DATABASE_URL=url)
    return subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "check", *args], input=stdin, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_json_from_stdin(tmp_path):
    out = _run(tmp_path, "--json", "-", stdin=TEXT)
    assert out.returncode == 0, out.stderr
    claims = json.loads(out.stdout)["claims"]
    assert [(c["said"], c["verdict"], c["subject"], c["measure"], c["true_figure"], c["count"], c["base"]) for c in claims] == [
        ("96%", "mismatch", "school", "destinations_ks4", "94.8", 92, 97),
        ("94%", "reference", "national", "national_ks4_sustained", "94.1", None, None),
        ("98%", "unchecked", "target", "", "", None, None),
    ]


def test_check_text_from_a_file(tmp_path):
    (tmp_path / "answer.txt").write_text(TEXT, encoding="utf-8")
    out = _run(tmp_path, str(tmp_path / "answer.txt"))
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == (
        "1. [mismatch] You said 96%; your records show 92 of 97 (94.8%) for KS4 2024/25 leavers "
        "(sustained education, apprenticeship or employment)."
    )
    assert out.stdout.splitlines()[2] == "3. [unchecked] I didn't check 98%: it is a target, not something your records hold."

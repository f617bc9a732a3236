"""The set-up scripts: Python 3.10 detection with a clear message, the pinned versions, the CLI."""

import os
import subprocess
import sys

from tests.conftest import ROOT


def test_find_python_explains_what_to_install_when_there_is_none(tmp_path):
    env = {"PATH": str(tmp_path), "HOME": str(tmp_path), "PYENV_ROOT": str(tmp_path / "none")}
    r = subprocess.run(["/bin/sh", str(ROOT / "scripts/find-python.sh")], env=env, capture_output=True, text=True)
    assert r.returncode == 1
    assert "needs Python 3.10" in r.stderr and "pyenv install 3.10" in r.stderr and "PYTHON=" in r.stderr


def test_find_python_rejects_a_wrong_override(tmp_path):
    env = dict(os.environ, PYTHON=sys.executable + "-not-there")
    r = subprocess.run(["/bin/sh", str(ROOT / "scripts/find-python.sh")], env=env, capture_output=True, text=True)
    assert r.returncode == 1 and "is not a working Python 3.10" in r.stderr


def test_constraints_pin_the_stack():
    pins = dict(
        line.strip().split("==", 1)
        for line in (ROOT / "constraints.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    )
    assert pins["rasa"] == "3.6.21" and pins["rasa-sdk"].startswith("3.6.")
    assert pins["spacy"].startswith("3.4.") and pins["SQLAlchemy"].startswith("1.4.")
    assert "rasa-pro" not in pins


def test_coach_help():
    r = subprocess.run([sys.executable, "-m", "bot.app.cli", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0
    for cmd in ("chat", "import", "imports", "demo", "evidence", "reference", "serve", "transcripts", "purge"):
        assert cmd in r.stdout
    assert "Traceback" not in r.stderr and "Warning" not in r.stderr


def test_every_package_the_code_imports_is_declared():
    import ast
    import re
    from importlib.metadata import packages_distributions

    pyproject = (ROOT / "pyproject.toml").read_text()
    declared = {m.lower().replace("_", "-") for m in re.findall(r'"([A-Za-z0-9_.-]+)(?:[<>=!~\[]|")', pyproject)}
    dists = packages_distributions()
    imported = set()
    for folder in ("bot", "actions"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    imported |= {a.name.split(".")[0] for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    imported.add(node.module.split(".")[0])
    third_party = {d.lower().replace("_", "-") for name in imported if name in dists for d in dists[name]}
    assert sorted(third_party - declared - {"careers-inspection-coach"}) == []

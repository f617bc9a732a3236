"""Configuration: read only in bot/config.py, every variable in the README's table, no side effect at import."""

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_only_the_config_module_reads_the_environment():
    readers = [
        str(p.relative_to(ROOT))
        for folder in ("bot", "actions")
        for p in (ROOT / folder).rglob("*.py")
        if re.search(r"os\.environ|getenv\(", p.read_text(encoding="utf-8")) and p.name != "config.py"
    ]
    assert readers == []


def test_every_setting_is_in_the_readmes_table():
    names = set(re.findall(r'"(COACH_[A-Z_]+)"', (ROOT / "bot" / "config.py").read_text(encoding="utf-8")))
    table = (ROOT / "README.md").read_text(encoding="utf-8")
    assert sorted(n for n in names if f"`{n}`" not in table) == []


def test_importing_the_package_changes_no_environment():
    code = "import os; before = dict(os.environ); import bot, bot.config, bot.evidence.check; print(before == dict(os.environ))"
    env = {"PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    assert out.stdout.strip() == "True", out.stderr

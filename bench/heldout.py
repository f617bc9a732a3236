"""Read the held-out sets (never used in training)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
_ANN = re.compile(r"\[([^\]]+)\]\(([a-z_]+)\)")


def strip_annotations(text: str) -> tuple[str, list[tuple[str, int, int]]]:
    """'[Year 10](year_group) had' -> ('Year 10 had', [('year_group', 0, 7)])."""
    out, ents, pos = [], [], 0
    last = 0
    for m in _ANN.finditer(text):
        out.append(text[last : m.start()])
        pos += len(text[last : m.start()])
        ents.append((m.group(2), pos, pos + len(m.group(1))))
        out.append(m.group(1))
        pos += len(m.group(1))
        last = m.end()
    out.append(text[last:])
    return "".join(out), ents


def evidence_nlu() -> list[dict]:
    data = yaml.safe_load((ROOT / "tests/heldout/evidence_nlu.yml").read_text())
    rows = []
    for block in data["nlu"]:
        for line in block["examples"].splitlines():
            line = line.strip()
            if line.startswith("- "):
                text, ents = strip_annotations(line[2:].strip())
                rows.append({"text": text, "intent": block["intent"], "entities": ents})
    return rows


def knowledge() -> list[dict]:
    return yaml.safe_load((ROOT / "tests/heldout/knowledge.yml").read_text())["questions"]


def knowledge_staff() -> list[dict]:
    """The held-out staff knowledge questions (never trained on; the earlier sets are training data now)."""
    paths = [ROOT / f"tests/heldout/knowledge_staff{n}.yml" for n in (7, 10)]
    return [i for p in paths if p.exists() for i in yaml.safe_load(p.read_text())["items"]]


def themes() -> list[dict]:
    return yaml.safe_load((ROOT / "tests/heldout/themes.yml").read_text())["questions"]

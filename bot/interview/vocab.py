"""The interview vocabulary file (bot/content/interview.yml)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

VOCAB_FILE = Path(__file__).resolve().parent.parent / "content" / "interview.yml"


@lru_cache(maxsize=1)
def load(path: Path = VOCAB_FILE) -> dict:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))

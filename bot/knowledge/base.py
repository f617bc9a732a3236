"""The knowledge topics (bot/content/knowledge.yml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

KNOWLEDGE_FILE = Path(__file__).resolve().parent.parent / "content" / "knowledge.yml"


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    year: str
    answer: str
    source: str
    theme: str | None
    see_also: tuple[str, ...]
    examples: tuple[str, ...]

    @property
    def short_title(self) -> str:
        """The title up to its colon or bracket, for a button: "Gatsby Benchmark 8"."""
        return self.title.split(":")[0].split(" (")[0][:60]


@lru_cache(maxsize=1)
def topics(path: Path = KNOWLEDGE_FILE) -> dict[str, Topic]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    out = {}
    for t in data["topics"]:
        out[t["id"]] = Topic(
            t["id"],
            t["title"].strip(),
            str(t["year"]).strip(),
            t["answer"].strip(),
            t["source"].strip(),
            t.get("theme"),
            tuple(t.get("see_also") or ()),
            tuple(t["examples"]),
        )
    for t in out.values():
        for other in t.see_also:
            if other not in out:
                raise ValueError(f"{path}: topic {t.id} points to unknown topic {other!r}")
    return out

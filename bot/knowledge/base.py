"""The knowledge topics (bot/content/knowledge.yml) and the staff questions written for them (bot/content/staff_questions/)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

KNOWLEDGE_FILE = Path(__file__).resolve().parent.parent / "content" / "knowledge.yml"
STAFF_QUESTIONS_DIR = KNOWLEDGE_FILE.parent / "staff_questions"


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


@lru_cache(maxsize=1)
def staff_questions(folder: Path = STAFF_QUESTIONS_DIR) -> tuple[tuple[str, str], ...]:
    """(topic id, question) for every in-domain question in the staff question sets: more phrasings for the topic
    matcher, typed the way staff type. A question for a topic that does not exist is an error, not skipped."""
    known, out = topics(), []
    for f in sorted(Path(folder).glob("*.yml")):
        for item in yaml.safe_load(f.read_text(encoding="utf-8"))["items"]:
            if item["topic"] == "out_of_scope":
                continue
            if item["topic"] not in known:
                raise ValueError(f"{f}: question {item['id']} is for unknown topic {item['topic']!r}")
            out.append((item["topic"], str(item["text"]).strip()))
    return tuple(out)

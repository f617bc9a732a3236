"""The mock interview question bank (bot/content/question_bank.yml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot import vocabulary
from bot.interview.rubric import Concept, Point

BANK_FILE = Path(__file__).resolve().parent.parent / "content" / "question_bank.yml"
THEMES: dict[str, str] = vocabulary.theme_titles()  # "Personal guidance (Gatsby Benchmark 8)"
THEME_NAMES: dict[str, str] = vocabulary.theme_names()  # "Personal guidance"
THEME_BENCHMARK = {t: i for i, t in enumerate(list(THEMES)[:8], start=1)}
AUDIENCES = {"careers_leader": "careers leader", "senior_leader": "senior leader", "governor": "governor"}
CRITERIA = ("evidence", "specificity", "impact", "inclusion", "statutory")


@dataclass(frozen=True)
class Probe:
    lacks: str
    text: str


@dataclass(frozen=True)
class Question:
    id: str
    theme: str
    audience: tuple[str, ...]
    difficulty: int
    text: str
    rephrase: str
    probes: tuple[Probe, ...]
    strong_answer: tuple[str, ...]
    red_flags: tuple[str, ...]
    measures: tuple[str, ...]
    about: str = ""  # what the question asks about, as a phrase: "where Year 13 leavers go"
    topic: Concept = None  # words that show an answer is on the question's subject
    points: tuple[Point, ...] = ()  # the strong-answer points with their concepts and weights
    flags: tuple[Point, ...] = ()  # the red flags with their concepts


@lru_cache(maxsize=1)
def load(path: Path = BANK_FILE) -> dict[str, Question]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    out: dict[str, Question] = {}
    for q in data["questions"]:
        if q["theme"] not in THEMES:
            raise ValueError(f"{path}: question {q['id']} has unknown theme {q['theme']!r}")
        out[q["id"]] = _question(q, f"{path}: question {q['id']}")
    return out


def _question(q: dict, where: str) -> Question:
    points = tuple(Point.parse(p, f"{where} strong_answer") for p in q["strong_answer"])
    flags = tuple(Point.parse(p, f"{where} red_flags") for p in q["red_flags"])
    probes = tuple(Probe(p["lacks"], p["text"].strip()) for p in q["probes"])
    if any(p.probe is not None and not 0 <= p.probe < len(probes) for p in points):
        raise ValueError(f"{where}: a point names a probe the question does not have")
    if not q.get("about") or not q.get("topic"):
        raise ValueError(f"{where}: 'about' and 'topic' are required")
    return Question(
        q["id"],
        q["theme"],
        tuple(q["audience"]),
        int(q["difficulty"]),
        q["text"].strip(),
        q["rephrase"].strip(),
        probes,
        tuple(p.text for p in points),
        tuple(f.text for f in flags),
        tuple(q.get("measures") or ()),
        str(q["about"]).strip(),
        Concept.parse(q["topic"]),
        points,
        flags,
    )


def by_theme(theme: str) -> list[Question]:
    return [q for q in load().values() if q.theme == theme]


def for_measure(measure: str) -> list[Question]:
    return [q for q in load().values() if measure in q.measures]

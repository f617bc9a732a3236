"""What the coach says about one answer, the probe it asks, and the summary's rubric lines.

Feedback is built from a ``Judgement`` (bot.interview.judge): did the answer address the question,
the points covered with the words that showed them, the heaviest point missing, red flags heard.
The claim check's verdicts and a figure from the records are added by the engine. No Ofsted grade.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.interview.bank import THEME_NAMES, Question
from bot.interview.judge import Judgement, index_of
from bot.interview.rubric import PointResult, concepts_found

if TYPE_CHECKING:
    from bot.interview.state import Turn

LONG_FACTOR = 1.5  # an answer taking this many times the pace "ran long"


@dataclass(frozen=True)
class ProbeChoice:
    text: str
    lacks: str  # the point it asks for (its text), or "question" when the answer missed the question


@dataclass
class TurnResult:
    """The rubric part of a finished turn, as stored in the interview state (``as_dict``)."""

    addresses: bool
    score: float
    points: list[dict]
    red_flags: list[dict]
    answer_about: str | None = None
    seconds: float | None = None

    @classmethod
    def of(cls, j: Judgement, seconds: float | None) -> TurnResult:
        return cls(
            j.addresses,
            j.score,
            [p.as_dict() for p in j.points],
            [{"text": f.text, "found": list(f.found)} for f in j.flags_heard],
            j.answer_about,
            seconds,
        )

    def as_dict(self) -> dict:
        return {
            "addresses": self.addresses,
            "score": self.score,
            "points": self.points,
            "red_flags": self.red_flags,
            "answer_about": self.answer_about,
            "seconds": self.seconds,
        }

    @classmethod
    def from_dict(cls, d: dict) -> TurnResult:
        return cls(d["addresses"], d["score"], d["points"], d["red_flags"], d.get("answer_about"), d.get("seconds"))

    @property
    def covered(self) -> int:
        return sum(1 for p in self.points if p["covered"])


def probe_for(q: Question, j: Judgement, style: str) -> ProbeChoice | None:
    """The follow-up: the question again when the answer missed it; else a probe for the heaviest missing point."""
    if not j.addresses:
        return ProbeChoice(q.rephrase, "question")
    missing = j.missing()
    if not missing or (style != "challenging" and missing[0].weight < 2):
        return None
    point = missing[0]
    return ProbeChoice(_probe_text(q, point), point.text)


def _probe_text(q: Question, point: PointResult) -> str:
    """The bank probe linked to the point, else the bank probe sharing most of its words, else one built from it."""
    if point.probe is not None:
        return q.probes[point.probe].text
    spec = next(p for p in q.points if p.text == point.text)
    best: tuple[int, str] = (0, "")
    for probe in q.probes:
        n = len(concepts_found(spec.concepts, index_of(probe.text)))
        if n > best[0]:
            best = (n, probe.text)
    if best[0]:
        return best[1]
    return f"A strong answer would also cover this: {point.text}. What would you say about that?"


def point_line(p: PointResult) -> str:
    said = ", ".join(f'"{w}"' for w in p.found)
    return f"- {p.text} (you said {said})" if said else f"- {p.text}"


def lines_for(j: Judgement) -> list[str]:
    """The rubric lines of the feedback: the question missed, or the points covered, the point to add, red flags."""
    if not j.addresses:
        lines = [j.off_topic_line()]
        missing = j.missing()
        if missing:
            lines.append(f"What a strong answer to this question covers first: {missing[0].text}.")
        return lines
    covered = j.covered
    lines = [f"Points covered: {len(covered)} of {len(j.points)}" + (":" if covered else ".")]
    lines += [point_line(p) for p in covered]
    missing = j.missing()
    if missing:
        lines.append(f"Most worth adding: {missing[0].text}.")
    for f in j.flags_heard:
        said = ", ".join(f'"{w}"' for w in f.found)
        lines.append(f"Red flag: {f.text} (you said {said}).")
    return lines


def minutes(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds / 60:.1f} min"


def pace_seconds(settings: dict) -> float | None:
    total, n = settings.get("minutes") or 0, settings.get("length") or 0
    return total * 60 / n if total and n else None


def ran_long(seconds: float | None, settings: dict) -> bool:
    pace = pace_seconds(settings)
    return bool(pace and seconds is not None and seconds > LONG_FACTOR * pace)


# ------------------------------------------------------------------ the summary
def _answered(turns: list[Turn]) -> list[tuple[int, Turn, TurnResult]]:
    """(question number, turn, its result) for the answered turns."""
    return [(i, t, TurnResult.from_dict(t.rubric)) for i, t in enumerate(turns, 1) if t.answered]


def question_lines(turns: list[Turn], settings: dict) -> list[str]:
    out = []
    results = {i: r for i, _, r in _answered(turns)}
    for i, t in enumerate(turns, 1):
        theme = THEME_NAMES[t.theme]
        r = results.get(i)
        if r is None:
            out.append(f"Q{i} ({theme}): skipped")
            continue
        line = f"Q{i} ({theme}): {r.covered} of {len(r.points)} points"
        if not r.addresses:
            line += f"; the answer was about {r.answer_about or 'something else'}"
        if r.seconds is not None:
            line += f"; {minutes(r.seconds)}" + (" (ran long)" if ran_long(r.seconds, settings) else "")
        out.append(line)
    return out


def theme_shares(turns: list[Turn]) -> dict[str, tuple[int, int]]:
    """Per theme: points covered, points in all (answered questions only)."""
    out: dict[str, tuple[int, int]] = {}
    for _, t, r in _answered(turns):
        c, n = out.get(t.theme, (0, 0))
        out[t.theme] = (c + r.covered, n + len(r.points))
    return out


def most_missed(turns: list[Turn], limit: int = 3) -> list[str]:
    """The points most often missed (heaviest first among equals)."""
    counts: Counter = Counter()
    weight: dict[str, int] = {}
    for _, _, r in _answered(turns):
        for p in r.points:
            if not p["covered"]:
                counts[p["text"]] += 1
                weight[p["text"]] = max(weight.get(p["text"], 0), p["weight"])
    return sorted(counts, key=lambda k: (-counts[k], -weight[k]))[:limit]


def timing_lines(turns: list[Turn], settings: dict) -> list[str]:
    timed = [(i, r.seconds) for i, _, r in _answered(turns) if r.seconds is not None]
    if not timed:
        return []
    total = sum(s for _, s in timed)
    line = f"Time: {minutes(total)} in all over {len(timed)} answered question{'s' if len(timed) != 1 else ''}"
    if settings.get("minutes"):
        line += f" (paced for {settings['minutes']} minutes, about {minutes(pace_seconds(settings))} a question)"
    out = [line + "."]
    long = [f"Q{i} ({minutes(s)})" for i, s in timed if ran_long(s, settings)]
    if long:
        out.append(
            "Answers that ran long: "
            + ", ".join(long)
            + ". In the real interview, make the point first and keep the detail for follow-ups."
        )
    return out


def practise_next(turns: list[Turn]) -> tuple[str, str | None] | None:
    """The theme with the lowest share of points covered, and its heaviest missed point."""
    shares = theme_shares(turns)
    if not shares:
        return None
    theme = min(shares, key=lambda k: (shares[k][0] / (shares[k][1] or 1), k))
    missed = [p for _, t, r in _answered(turns) if t.theme == theme for p in r.points if not p["covered"]]
    point = max(missed, key=lambda p: p["weight"])["text"] if missed else None
    return theme, point

"""The interview feedback on the graded set (tests/interview/graded_answers.yml, written before the code).

`python -m bench.graded [--labelled]` prints the figures and every miss; `bench.run --only graded` records them.
Each question is matched to the bank as `coach assess` does (bank wording and other wording alike),
then every answer is judged against that question's rubric:

- strong above vague: every strong answer scores higher than every vague answer to the same question;
- off-topic answers said to miss the question; strong answers said to miss it (should be none);
- point coverage: each (answer, point) pair, covered or not, against the labels; red flags likewise;
- question matching: the bank question chosen for the 18 questions in other wording.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
GRADED = ROOT / "tests" / "interview" / "graded_answers.yml"


@dataclass
class Tally:
    agree: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.agree += int(ok)
        self.total += 1

    @property
    def rate(self) -> float:
        return self.agree / self.total if self.total else 0.0


@dataclass
class GradedScore:
    questions: int = 0
    answers: int = 0
    strong_above_vague: Tally = field(default_factory=Tally)
    off_topic_flagged: Tally = field(default_factory=Tally)
    strong_flagged: int = 0
    strong_total: int = 0
    points: Tally = field(default_factory=Tally)
    points_by_kind: dict[str, Tally] = field(default_factory=dict)
    red_flags: Tally = field(default_factory=Tally)
    matched: Tally = field(default_factory=Tally)
    matched_by_wording: dict[str, Tally] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        def t(x: Tally) -> dict:
            return {"agree": x.agree, "total": x.total, "rate": round(x.rate, 4)}

        return {
            "questions": self.questions,
            "answers": self.answers,
            "strong_above_vague": t(self.strong_above_vague),
            "off_topic_flagged": t(self.off_topic_flagged),
            "strong_flagged": self.strong_flagged,
            "strong_total": self.strong_total,
            "points": t(self.points),
            "points_by_kind": {k: t(v) for k, v in sorted(self.points_by_kind.items())},
            "red_flags": t(self.red_flags),
            "matched": t(self.matched),
            "matched_by_wording": {k: t(v) for k, v in sorted(self.matched_by_wording.items())},
        }


def load(path: Path = GRADED) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]


def score(path: Path = GRADED, labelled: bool = False) -> GradedScore:
    """The figures with each question matched to the bank as `coach assess` does, or (``labelled``) with the
    bank question the set names: the rubric alone, without the question matching."""
    from bot.interview import bank
    from bot.interview.judge import judge, match_question

    s = GradedScore()
    for gq in load(path):
        s.questions += 1
        m = match_question(gq["text"])
        ok = m.near and m.question.id == gq["bank_id"]
        s.matched.add(ok)
        s.matched_by_wording.setdefault(gq["wording"], Tally()).add(ok)
        if not ok:
            s.misses.append(f"{gq['id']}: matched {m.question.id} ({m.similarity:.2f}, near={m.near}), labelled {gq['bank_id']}")
        q = bank.load()[gq["bank_id"]] if labelled else m.question
        scores: dict[str, list[float]] = {}
        for n, a in enumerate(gq["answers"]):
            s.answers += 1
            j = judge(q, a["text"])
            scores.setdefault(a["kind"], []).append(j.score)
            _answer(s, gq, n, a, j, q.id == gq["bank_id"])
        if scores.get("strong") and scores.get("vague"):
            above = min(scores["strong"]) > max(scores["vague"])
            s.strong_above_vague.add(above)
            if not above:
                s.misses.append(f"{gq['id']}: strong {scores['strong']} not above vague {scores['vague']}")
    return s


def _answer(s: GradedScore, gq: dict, n: int, a: dict, j, labelled_question: bool) -> None:
    where = f"{gq['id']}[{n}] {a['kind']}"
    if a["kind"] == "off_topic":
        s.off_topic_flagged.add(not j.addresses)
        if j.addresses:
            s.misses.append(f"{where}: off-topic answer said to address the question (score {j.score})")
    if a["kind"] == "strong":
        s.strong_total += 1
        if not j.addresses:
            s.strong_flagged += 1
            s.misses.append(f"{where}: strong answer said to miss the question ({j.answer_about})")
    if not labelled_question:
        return  # the labels are indices into another question's points
    covers, flags = set(a.get("covers") or ()), set(a.get("red_flags") or ())
    kind = s.points_by_kind.setdefault(a["kind"], Tally())
    for i, p in enumerate(j.points):
        ok = p.covered == (i in covers)
        s.points.add(ok)
        kind.add(ok)
        if not ok:
            s.misses.append(
                f"{where}: point {i} {'covered' if p.covered else 'missed'} ({', '.join(p.found)}), "
                f"labelled {'covered' if i in covers else 'not covered'}: {p.text}"
            )
    for i, f in enumerate(j.red_flags):
        ok = f.covered == (i in flags)
        s.red_flags.add(ok)
        if not ok:
            s.misses.append(
                f"{where}: red flag {i} {'heard' if f.covered else 'not heard'} ({', '.join(f.found)}), "
                f"labelled {'heard' if i in flags else 'absent'}: {f.text}"
            )


def main(argv=None) -> int:
    import json

    s = score(labelled="--labelled" in (argv or []))
    print(json.dumps(s.as_dict(), indent=2))
    print(f"\n{len(s.misses)} misses:")
    for m in s.misses:
        print(" -", m)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

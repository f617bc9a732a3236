"""One prepared answer to any question, judged as the mock interview judges it: `coach assess` and the chat's
"rate my answer to <question>: <answer>" / "how does this answer sound: <answer>".

The question is matched to the nearest bank question (or, when none is near, the best-fitting question of
its theme); with no question, the bank question the answer fits best is used and said.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.interview import feedback
from bot.interview.judge import Judgement, QuestionMatch, best_other, index_of, judge, match_question

CLAIM_KEYS = ("said", "verdict", "subject", "measure", "true_figure", "count", "base", "message")


@dataclass
class Assessment:
    match: QuestionMatch
    judgement: Judgement
    claims: list = field(default_factory=list)  # Verdicts, mismatches first
    figure: str | None = None  # a figure from the records to cite
    guessed: bool = False  # no question was given: the answer's best-fitting question was used

    def as_dict(self) -> dict:
        j = self.judgement
        return {
            "question": self.match.as_dict(),
            "addresses_question": j.addresses,
            "score": j.score,
            "points": [{"text": p.text, "covered": p.covered, "found": list(p.found)} for p in j.points],
            "red_flags": [{"text": f.text, "found": list(f.found)} for f in j.flags_heard],
            "claims": [{k: v.as_dict()[k] for k in CLAIM_KEYS} for v in self.claims],
        }

    def text(self) -> str:
        m, j = self.match, self.judgement
        if self.guessed:
            head = f'You didn\'t say which question; this reads as an answer to: "{m.question.text}"'
        elif m.near:
            head = f'Judged against the bank question "{m.question.text}" (similarity {m.similarity:.2f})'
        else:
            head = (
                f"No bank question is close to that one; judged against the {m.question.theme.replace('_', ' ')} "
                f"question it fits best: \"{m.question.text}\""
            )
        lines = [head + ".", f"Score: {j.score:.2f} (the weighted share of a strong answer's points covered; not an Ofsted grade)."]
        lines += feedback.lines_for(j)
        lines += [c.message for c in self.claims if c.verdict != "unchecked"] + [c.message for c in self.claims if c.verdict == "unchecked"]
        if self.figure:
            lines.append(f"A figure to cite: {self.figure}.")
        return "\n".join(lines)


def assess(question: str | None, answer: str, evidence=None) -> Assessment:
    """Judge ``answer`` against ``question`` (any wording), checking its figures when ``evidence`` is given."""
    guessed = not (question or "").strip()
    match = _guess(answer) if guessed else match_question(question, answer)
    j = judge(match.question, answer)
    claims, figure = [], None
    if evidence is not None:
        from bot.evidence.check import ClaimChecker, by_weight

        claims = by_weight(ClaimChecker(evidence).check(answer, question=question or match.question.text))
        if match.question.measures and not any(c.verdict == "mismatch" for c in claims):
            from bot.evidence.headlines import for_measures

            figs = for_measures(evidence, match.question.measures, limit=1)
            figure = figs[0] if figs else None
    return Assessment(match, j, claims, figure, guessed)


def _guess(answer: str) -> QuestionMatch:
    """The bank question the answer fits best (its points, then its topic words)."""
    other, fit = best_other(_NoQuestion, index_of(answer))
    if other is None:
        from bot.interview import bank

        other = next(iter(bank.load().values()))
    return QuestionMatch(other, "", round(fit.share, 2), True)


class _NoQuestion:
    id = None

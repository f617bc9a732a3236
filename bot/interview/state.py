"""The mock interview's state as typed dataclasses.

The interview lives in one Rasa slot as a JSON dict (so it survives a restart with the tracker store,
and saved transcripts keep the same shape); ``State.from_dict`` and ``State.as_dict`` convert at that
boundary, and the engine works on the dataclasses.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field, fields


@dataclass
class Turn:
    """One question: the answer, any follow-up, the judgement and the feedback given."""

    id: str
    theme: str
    question: str
    answer: str = ""
    probe: str | None = None
    probe_answer: str = ""
    probe_lacks: str | None = None  # the point the probe asks for, or "question" when the answer missed it
    criteria: dict = field(default_factory=dict)  # the five general criteria, for the transcript table
    claims: list[dict] = field(default_factory=list)  # the claim check's verdicts (Verdict.as_dict, plus "shown")
    feedback: list[str] = field(default_factory=list)
    skipped: bool = False
    asked_at: float | None = None  # the timestamp of the message before the question was put
    rubric: dict | None = None  # feedback.TurnResult.as_dict(): points, red flags, score, seconds

    @property
    def answered(self) -> bool:
        return not self.skipped and self.rubric is not None

    @classmethod
    def from_dict(cls, d: dict) -> Turn:
        known = {f.name for f in fields(cls)}
        return cls(**{k: copy.deepcopy(v) for k, v in d.items() if k in known})

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class State:
    id: str
    seed: int
    settings: dict  # Settings.__dict__ (the slot keeps plain values)
    questions: list[str]
    started_at: str  # ISO time the interview started (from the request's timestamp when known)
    index: int = 0
    stage: str = "question"  # "question" or "probe"
    prompt: str = "question"  # what to say while waiting: "question", "rephrase", "probe" or "none"
    turns: list[Turn] = field(default_factory=list)
    asked_at: float | None = None  # when the current question was put
    finished: bool = False
    stopped: bool = False

    @classmethod
    def from_dict(cls, d: dict) -> State:
        known = {f.name for f in fields(cls)} - {"turns"}
        values = {k: copy.deepcopy(v) for k, v in d.items() if k in known}
        return cls(**values, turns=[Turn.from_dict(t) for t in d.get("turns", [])])

    def as_dict(self) -> dict:
        out = {f.name: copy.deepcopy(getattr(self, f.name)) for f in fields(self) if f.name != "turns"}
        out["turns"] = [t.as_dict() for t in self.turns]
        return out

    @property
    def last(self) -> Turn:
        return self.turns[-1]

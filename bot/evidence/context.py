"""The evidence conversation's context: the saved query and the question waiting for an answer, typed.

The chat works on `EvidenceContext`; the Rasa slot holds a plain dict. `EvidenceContext.from_slot` and
`EvidenceContext.to_slot` are the only conversions, used at the slot boundary (actions/evidence.py).
A malformed slot value (an old or tampered tracker) loses only its malformed part: it is never an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields, replace

from bot.evidence.measures import GROUPS

MEASURES = ("destinations", "not_sustained", "missing", "coverage", "by16", "provider_access", "benchmarks", "flags")
_OPTIONAL_INT = ("year", "cohort", "phase", "benchmark")
_OPTIONAL_STR = ("stage", "category", "activity_type", "scope")


@dataclass
class Query:
    """What one evidence question asks for, after follow-ups and entities are applied."""

    measure: str
    stage: str | None = None
    year: int | None = None
    group: str = "all"
    category: str | None = None
    activity_type: str | None = None
    year_groups: list[int] = field(default_factory=list)
    cohort: int | None = None
    phase: int | None = None
    trend: bool = False
    compare: bool = False
    benchmark: int | None = None
    scope: str | None = None  # "national" or "local": what a comparison is with

    @classmethod
    def from_slot(cls, saved: object) -> Query | None:
        """The query from its slot form, or None when there is none or it is not well formed."""
        if not isinstance(saved, dict) or saved.get("measure") not in MEASURES:
            return None
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in saved.items() if k in names}
        ok = (
            all(values.get(k) is None or _is_int(values[k]) for k in _OPTIONAL_INT)
            and all(values.get(k) is None or isinstance(values[k], str) for k in _OPTIONAL_STR)
            and values.get("group", "all") in GROUPS
            and all(isinstance(values.get(k, False), bool) for k in ("trend", "compare"))
            and isinstance(values.get("year_groups", []), list)
            and all(isinstance(y, int) for y in values.get("year_groups", []))
        )
        return cls(**values) if ok else None

    def to_slot(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Pending:
    """A question asked back ("Which activity do you mean?", "Which school?"), re-run with the answer."""

    intent: str
    text: str
    entities: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, intent: str, text: str, entities: Sequence[tuple[str, str]]) -> Pending:
        return cls(intent, text, tuple((str(label), str(value)) for label, value in entities))

    @classmethod
    def from_slot(cls, saved: object) -> Pending | None:
        if not (isinstance(saved, dict) and isinstance(saved.get("intent"), str) and isinstance(saved.get("text"), str)):
            return None
        ents = saved.get("entities") or []
        if not isinstance(ents, list | tuple) or not all(isinstance(e, list | tuple) and len(e) == 2 for e in ents):
            return None
        return cls(saved["intent"], saved["text"], tuple((e[0], e[1]) for e in ents))

    def to_slot(self) -> dict:
        return {"intent": self.intent, "text": self.text, "entities": [list(e) for e in self.entities]}


@dataclass(frozen=True)
class EvidenceContext:
    """The previous evidence question (for follow-ups) and the question asked back, if any."""

    query: Query | None = None
    pending: Pending | None = None

    @classmethod
    def from_slot(cls, saved: object) -> EvidenceContext:
        """The context from the `evidence_context` slot; anything malformed is left out."""
        if not isinstance(saved, dict):
            return cls()
        return cls(Query.from_slot(saved.get("query")), Pending.from_slot(saved.get("pending")))

    def to_slot(self) -> dict:
        """The slot's plain dict: {"query": {...}, "pending": {...}}, each only when set."""
        out: dict = {}
        if self.query is not None:
            out["query"] = self.query.to_slot()
        if self.pending is not None:
            out["pending"] = self.pending.to_slot()
        return out

    def with_query(self, q: Query | None) -> EvidenceContext:
        return replace(self, query=None if q is None else replace(q, year_groups=list(q.year_groups)))

    def with_pending(self, pending: Pending | None) -> EvidenceContext:
        return replace(self, pending=pending)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)

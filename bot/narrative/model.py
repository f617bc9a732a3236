"""The narrative of one school: its sections with their reasons, and the date of the records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine

from bot.evidence.measures import Evidence
from bot.narrative import store
from bot.narrative.sections import Section, build_sections
from bot.records.importer import import_log


@dataclass(frozen=True)
class Explained:
    section: Section
    reasons: tuple[store.StoredReason, ...]

    @property
    def needs_review(self) -> bool:
        return any(r.status(self.section.flag.figure) == "review" for r in self.reasons)


@dataclass(frozen=True)
class Narrative:
    school: str
    records_date: datetime | None  # the latest import
    records_source: str
    items: tuple[Explained, ...]
    retired: tuple[store.StoredReason, ...]  # reasons for flags that no longer apply

    @property
    def explained(self) -> int:
        return sum(1 for i in self.items if i.reasons)

    def item(self, key: str) -> Explained | None:
        return next((i for i in self.items if i.section.key == key), None)


def build(engine: Engine, ev: Evidence, sections: list[Section] | None = None) -> Narrative:
    store.ensure_table(engine)
    sections = build_sections(ev) if sections is None else sections
    reasons = store.reasons_for(engine, ev.school)
    keys = {s.key for s in sections}
    items = tuple(Explained(s, tuple(reasons.get(s.key, ()))) for s in sections)
    retired = tuple(r for k, rs in reasons.items() if k not in keys for r in rs)
    log = import_log(engine, ev.school)
    latest = log[0] if log else None
    return Narrative(ev.school, latest["imported_at"] if latest else None, latest["source"] if latest else "", items, retired)

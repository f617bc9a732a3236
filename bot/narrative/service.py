"""What the command line, the actions and the web channel call: one school's narrative, reasons, pack and gaps."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from bot.evidence.measures import Evidence, cached_evidence
from bot.narrative import checking, model, pack, store
from bot.narrative.checking import FigureCheck
from bot.narrative.sections import Section, build_sections


@dataclass(frozen=True)
class Added:
    reason: store.StoredReason
    checks: tuple[FigureCheck, ...]

    @property
    def mismatches(self) -> list[FigureCheck]:
        return [c for c in self.checks if c.verdict == "mismatch"]


def evidence(engine: Engine, school: str, settings) -> Evidence:
    return cached_evidence(engine, school, settings.min_group_size, settings.flag_gap)


def sections(ev: Evidence) -> list[Section]:
    """The sections for this snapshot of the records (remembered with the Evidence until the next import)."""
    cached = ev._memo.get(("narrative_sections",))
    if cached is None:
        cached = build_sections(ev)
        ev._memo[("narrative_sections",)] = cached
    return cached


def narrative(engine: Engine, ev: Evidence) -> model.Narrative:
    return model.build(engine, ev, sections(ev))


def find_section(ev: Evidence, key: str) -> Section | None:
    return next((s for s in sections(ev) if s.key == key), None)


def add_reason(engine: Engine, ev: Evidence, key: str, text: str) -> Added:
    """Store the careers lead's reason for a flag, with the claim check on every figure in it."""
    section = find_section(ev, key)
    if section is None:
        raise ValueError(f"no flag {key!r} for {ev.school} now (see `coach narrative --flags`)")
    store.ensure_table(engine)
    checks = tuple(checking.check_reason(ev, section, text))
    return Added(store.add_reason(engine, ev.school, key, text, section.flag.figure, checks), checks)


def confirm(engine: Engine, ev: Evidence, key: str) -> int:
    section = find_section(ev, key)
    if section is None:
        raise ValueError(f"no flag {key!r} for {ev.school} now")
    return store.confirm(engine, ev.school, key, section.flag.figure)


def make_pack(engine: Engine, ev: Evidence) -> pack.Pack:
    return pack.build(engine, ev)


def pack_name(school: str, when: datetime | None = None) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", school.lower()).strip("-") or "school"
    return f"evidence-pack-{slug}-{(when or datetime.utcnow()):%Y-%m-%d}"


def write_pack(engine: Engine, ev: Evidence, out_dir: Path) -> tuple[pack.Pack, Path]:
    p = make_pack(engine, ev)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{pack_name(ev.school)}.html"
    path.write_text(p.html, encoding="utf-8")
    return p, path

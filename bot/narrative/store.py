"""The careers lead's reasons, per school and flag (table `narrative_reasons`).

An import replaces a school's pupils, activities and destinations, never these rows. Whether a reason still
stands is worked out against the current flags: "current" (same figure), "review" (the flag's figure changed
since the reason was written) or "retired" (the flag no longer applies: the reason is kept, out of the pack).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Engine

from bot.evidence.figures import Figure
from bot.narrative.checking import FigureCheck
from bot.records import schema
from bot.records.db import school_id

R = schema.narrative_reasons
MAX_REASON = 2000


@dataclass(frozen=True)
class StoredReason:
    id: int
    flag_key: str
    reason: str
    figure: str  # "count/base" when written
    checks: tuple[FigureCheck, ...]
    added_at: datetime

    def status(self, current: Figure | None) -> str:
        if current is None:
            return "retired"
        return "current" if signature(current) == self.figure else "review"


def signature(figure: Figure) -> str:
    return f"{figure.count}/{figure.base}"


def ensure_table(engine: Engine) -> None:
    R.create(engine, checkfirst=True)


def _sid(engine: Engine, school: str) -> int:
    sid = school_id(engine, school)
    if sid is None:
        raise ValueError(f"no school called {school!r}")
    return sid


def add_reason(engine: Engine, school: str, flag_key: str, text: str, figure: Figure, checks: Sequence[FigureCheck]) -> StoredReason:
    text = " ".join((text or "").split())[:MAX_REASON]
    if not text:
        raise ValueError("a reason needs some text")
    row = {
        "school_id": _sid(engine, school),
        "flag_key": flag_key,
        "reason": text,
        "figure": signature(figure),
        "checks": json.dumps([c.as_dict() for c in checks]),
        "added_at": datetime.utcnow().replace(microsecond=0),
    }
    with engine.begin() as conn:
        rid = conn.execute(R.insert().values(**row)).inserted_primary_key[0]
    return _from_row({**row, "id": rid})


def reasons_for(engine: Engine, school: str) -> dict[str, list[StoredReason]]:
    """Every stored reason of the school, by flag key, oldest first."""
    sid = school_id(engine, school)
    out: dict[str, list[StoredReason]] = {}
    if sid is None:
        return out
    with engine.connect() as conn:
        for row in conn.execute(select(R).where(R.c.school_id == sid).order_by(R.c.id)):
            r = _from_row(row._mapping)
            out.setdefault(r.flag_key, []).append(r)
    return out


def confirm(engine: Engine, school: str, flag_key: str, figure: Figure) -> int:
    """The careers lead has reviewed the reasons for a changed figure: they stand for the new one."""
    with engine.begin() as conn:
        return conn.execute(
            update(R).where(R.c.school_id == _sid(engine, school), R.c.flag_key == flag_key).values(figure=signature(figure))
        ).rowcount


def remove(engine: Engine, school: str, flag_key: str, reason_id: int | None = None) -> int:
    q = delete(R).where(R.c.school_id == _sid(engine, school), R.c.flag_key == flag_key)
    if reason_id is not None:
        q = q.where(R.c.id == reason_id)
    with engine.begin() as conn:
        return conn.execute(q).rowcount


def _from_row(row) -> StoredReason:
    checks = tuple(FigureCheck(**c) for c in json.loads(row["checks"] or "[]"))
    return StoredReason(row["id"], row["flag_key"], row["reason"], row["figure"], checks, row["added_at"])

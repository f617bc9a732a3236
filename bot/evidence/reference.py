"""Reference figures: national ones shipped with the project, local ones loaded by a school."""

from __future__ import annotations

import csv
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from bot import vocabulary
from bot.evidence.figures import Reference
from bot.records import schema
from bot.records.db import RecordsError, ensure_school
from bot.records.vocab import DESTINATIONS, STAGES, academic_year_label, parse_academic_year

NATIONAL_FILE = Path(__file__).resolve().parent.parent / "content" / "reference_national.csv"
COLUMNS = ("scope", "stage", "leaving_year", "pupil_group", "category", "percent", "source")
OPTIONAL = ("release",)  # which release the figure is from ("2020/21 destinations release, provisional")
CATEGORIES = DESTINATIONS + ("sustained", "education")
GROUP_KEYS = tuple(vocabulary.group_names())

ALLOWED = {
    "scope": "the authority's name as replies show it, such as Anyshire LA; not national",
    "stage": " or ".join(STAGES),
    "leaving_year": "a leaving year such as 2024/25",
    "pupil_group": ", ".join(GROUP_KEYS),
    "category": ", ".join(CATEGORIES),
    "percent": "a number from 0 to 100",
    "source": "where the figure comes from, with its date",
}
Key = tuple[str, int, str, str]  # stage, leaving_end, group, category


def read_reference_file(path: Path, local: bool = False) -> list[dict]:
    """Parse and check a reference CSV; raises RecordsError listing every bad line.

    In a local authority's file (`local`) the scope names the authority as replies show it
    ("Anyshire LA"); "national" there would label a local figure national, so it is refused."""
    problems, rows = [], []
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RecordsError(f"{path}: file not found") from None
    except UnicodeDecodeError:
        raise RecordsError(f"{path}: the file is not UTF-8") from None
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise RecordsError(f"{path}, line 1: missing column(s) {', '.join(missing)}")
    for line, raw in enumerate(reader, start=2):
        row = {k: (raw.get(k) or "").strip() for k in COLUMNS + OPTIONAL}
        end = parse_academic_year(row["leaving_year"])
        try:
            value = Decimal(row["percent"])
            ok_value = Decimal(0) <= value <= Decimal(100)
        except InvalidOperation:
            ok_value = False
        for col, ok in (
            ("scope", bool(row["scope"]) and not (local and row["scope"].lower() == "national")),
            ("stage", row["stage"] in STAGES),
            ("leaving_year", end is not None),
            ("pupil_group", row["pupil_group"] in GROUP_KEYS),
            ("category", row["category"] in CATEGORIES),
            ("percent", ok_value),
            ("source", bool(row["source"])),
        ):
            if not ok:
                problems.append(f"{path}, line {line}, column {col}: {row[col]!r} is not valid ({ALLOWED[col]})")
        if not problems:
            rows.append({**row, "leaving_end": end, "percent": value})
    if problems:
        raise RecordsError("Reference file rejected; nothing was loaded.\n" + "\n".join("  - " + p for p in problems[:50]))
    return rows


@lru_cache(maxsize=1)
def national() -> dict[Key, Reference]:
    return {
        (r["stage"], r["leaving_end"], r["pupil_group"], r["category"]): Reference(
            r["percent"], r["scope"], academic_year_label(r["leaving_end"]), r["source"]
        )
        for r in read_reference_file(NATIONAL_FILE)
    }


@lru_cache(maxsize=1)
def national_releases() -> dict[Key, str]:
    """The release each national figure comes from, as the answer names it."""
    return {
        (r["stage"], r["leaving_end"], r["pupil_group"], r["category"]): r["release"]
        for r in read_reference_file(NATIONAL_FILE)
        if r["release"]
    }


def release(stage: str, leaving_end: int, group: str, category: str) -> str | None:
    return national_releases().get((stage, leaving_end, group, category))


def load_local(engine: Engine, path: Path, school: str | None) -> int:
    """Replace the local reference figures (for one school, or for every school when none named)."""
    rows = read_reference_file(path, local=True)
    with engine.begin() as conn:
        sid = ensure_school(conn, school) if school else None
        t = schema.reference_figures
        conn.execute(delete(t).where(t.c.school_id == sid if sid is not None else t.c.school_id.is_(None)))
        if rows:
            conn.execute(
                t.insert(),
                [
                    {
                        "school_id": sid,
                        "scope": r["scope"],
                        "stage": r["stage"],
                        "leaving_end": r["leaving_end"],
                        "pupil_group": r["pupil_group"],
                        "category": r["category"],
                        "percent": str(r["percent"]),
                        "source": r["source"],
                    }
                    for r in rows
                ],
            )
    return len(rows)


def local(engine: Engine, school_id: int | None) -> dict[Key, Reference]:
    t = schema.reference_figures
    q = select(t).where((t.c.school_id == school_id) | t.c.school_id.is_(None))
    out: dict[Key, Reference] = {}
    with engine.connect() as conn:
        for r in conn.execute(q.order_by(t.c.school_id.is_(None).desc())):  # school-specific rows win
            out[(r.stage, r.leaving_end, r.pupil_group, r.category)] = Reference(
                Decimal(r.percent), r.scope, academic_year_label(r.leaving_end), r.source
            )
    return out

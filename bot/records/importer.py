"""Import a school's records (shared/records-contract.md) as one snapshot.

The records come as three CSV or .xlsx files in a folder, or as one workbook with a sheet for each
(sources.py). Each table is read into the contract's form (reading.py: headings, values, dates),
then checked (checks.py); every problem is collected (file or sheet, line or row, column, reason)
before anything is written. A valid snapshot replaces the school's previous one in a single
transaction and is logged with row counts and checksums. `understand` does all but the writing,
for `coach import --dry-run`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from bot.records import checks, import_vocab, mapping, schema, sources
from bot.records.contract import TABLE_ORDER, TABLES
from bot.records.db import RecordsError, ensure_school
from bot.records.problems import MAX_LISTED, Collector, ImportFailed, Problem  # noqa: F401  (the importer's API)
from bot.records.reading import Table, read_table
from bot.records.understanding import Understanding, describe  # noqa: F401

FILES = tuple(spec.file for spec in TABLES.values())
COLUMNS = {spec.file: {"required": list(spec.required), "optional": list(spec.optional)} for spec in TABLES.values()}
Progress = Callable[[str, int], None] | None


class ImportConflict(RecordsError):
    """Another import for the same school landed while this one was being checked."""


@dataclass
class ImportResult:
    school: str
    rows: dict[str, int]  # the file (or workbook sheet) -> rows
    checksums: dict[str, str]
    warnings: list[str] = field(default_factory=list)
    participations: int = 0


@dataclass
class Records:
    """The three tables in contract form, checked, and what was understood of them."""

    tables: dict[str, Table]
    understanding: Understanding

    @property
    def log(self) -> dict[str, dict]:
        return {t.place.label: {"rows": t.rows, "sha256": t.checksum, "table": t.table} for t in self.understanding.tables}


def _check(tables: dict[str, Table], out: Collector) -> None:
    known = checks.pupils(tables["pupils"], out) if "pupils" in tables else None
    where = tables["pupils"].place.label if "pupils" in tables else ""
    if "activities" in tables:
        checks.activities(tables["activities"], known, where, out)
    if "destinations" in tables:
        checks.destinations(tables["destinations"], known, where, out)


def understand(path: Path, mapping_file: Path | None = None, progress: Progress = None) -> Records:
    """Read and check the records without writing anything; the problems are in ``understanding``."""
    vocab = import_vocab.load()
    chosen = mapping.load(mapping_file, vocab)
    out = Collector()
    u = Understanding(Path(path))
    tables: dict[str, Table] = {}
    found = sources.find(Path(path), vocab, out, u.warnings)
    for name in TABLE_ORDER:
        raw = sources.read(found[name], out) if name in found else None
        if raw is None:
            continue
        table, report = read_table(raw, vocab, chosen, out, u.warnings)
        u.tables.append(report)
        if table is not None:
            tables[name] = table
        if progress:
            progress(report.place.label, report.rows)
    _check(tables, out)
    u.problems = out.sorted()
    return Records(tables, u)


def validate(path: Path, progress: Progress = None, mapping_file: Path | None = None) -> Records:
    """The records, read and checked; ImportFailed (every problem) when any is wrong."""
    records = understand(path, mapping_file, progress)
    if records.understanding.problems:
        raise ImportFailed(records.understanding.problems)
    return records


def benchmark_mask(benchmarks: str) -> int:
    """'5;7' -> 0b1010000 (bit b-1 for benchmark b)."""
    return sum(1 << (int(b) - 1) for b in set(benchmarks.split(";")) if b.isascii() and b.isdigit())


def _none(value: str) -> str | None:
    return value or None


def _pupil_rows(p: pd.DataFrame) -> list[dict]:
    return [
        {
            "pupil_id": pid,
            "cohort_end": int(ce),
            "sex": _none(sex),
            "disadvantaged": dis == "Y",
            "sen": sen or "N",
            "left_on": (ld.date() if not pd.isna(ld) else None),
        }
        for pid, ce, sex, dis, sen, ld in zip(p["pupil_id"], p["cohort_end"], p["sex"], p["disadvantaged"], p["sen"], p["left_date"])
    ]


def _activity_rows(acts: pd.DataFrame):
    first = acts.drop_duplicates("activity_id", keep="first")
    activity_rows = [
        {"activity_id": aid, "date": when.date(), "activity_type": atype, "title": title, "partner": _none(partner), "benchmarks": bm}
        for aid, when, atype, title, partner, bm in zip(
            first["activity_id"], first["when"], first["activity_type"], first["title"], first["partner"], first["benchmarks"]
        )
    ]
    part = acts.drop_duplicates(["activity_id", "pupil_id"], keep="first")
    masks = {bm: benchmark_mask(bm) for bm in pd.unique(part["benchmarks"])}
    participation_rows = [
        {"activity_id": aid, "pupil_id": pid, "activity_type": atype, "date": when.date(), "benchmarks": masks[bm]}
        for aid, pid, atype, when, bm in zip(part["activity_id"], part["pupil_id"], part["activity_type"], part["when"], part["benchmarks"])
    ]
    return activity_rows, participation_rows


def _destination_rows(d: pd.DataFrame) -> list[dict]:
    return [
        {"pupil_id": pid, "stage": stage, "leaving_end": int(le), "destination": final, "nccis_code": int(code) if code else None}
        for pid, stage, le, final, code in zip(d["pupil_id"], d["stage"], d["leaving_end"], d["final"], d["nccis_code"])
    ]


def import_folder(engine: Engine, folder: Path, school: str, progress: Progress = None, mapping_file: Path | None = None) -> ImportResult:
    """Read and check the records (a folder of files, or a workbook) and, only if all is valid, replace the
    school's snapshot."""
    folder = Path(folder)
    if not school or not school.strip():
        raise RecordsError("Name the school the records belong to (--school NAME).")
    name = school.strip()
    seen = _latest_import(engine, name)
    records = validate(folder, progress, mapping_file)
    t = records.tables
    activity_rows, participation_rows = _activity_rows(t["activities"].frame)
    data = {
        "pupils": _pupil_rows(t["pupils"].frame),
        "activities": activity_rows,
        "participation": participation_rows,
        "destinations": _destination_rows(t["destinations"].frame),
    }
    log = records.log
    try:
        with engine.begin() as conn:
            ensure_school(conn, name)
    except IntegrityError:  # another import created the school a moment ago
        pass
    try:
        _replace(engine, name, seen, data, log, folder, progress)
    except OperationalError as exc:
        raise RecordsError(f"The records database is busy or unavailable ({exc.orig}); nothing was written. Try again.") from None
    return ImportResult(
        name,
        {f: v["rows"] for f, v in log.items()},
        {f: v["sha256"] for f, v in log.items()},
        records.understanding.warnings,
        len(participation_rows),
    )


def _replace(
    engine, name: str, seen: int | None, data: dict[str, list[dict]], log: dict[str, dict], folder: Path, progress: Progress
) -> None:
    with engine.begin() as conn:
        # The first statement writes, so the transaction holds the write lock from the start (SQLite
        # and PostgreSQL alike); then check that no other import for the school landed meanwhile.
        conn.execute(schema.schools.update().where(schema.schools.c.name == name).values(name=name))
        sid = conn.execute(select(schema.schools.c.id).where(schema.schools.c.name == name)).scalar()
        if _latest_import(conn, name) != seen:
            raise ImportConflict(
                f"Another import for {name} finished while this one was being checked; "
                f"nothing was written. Run this import again if it should replace that one."
            )
        for table in (schema.participation, schema.destinations, schema.activities, schema.pupils):
            conn.execute(delete(table).where(table.c.school_id == sid))
        for table in (schema.pupils, schema.activities, schema.participation, schema.destinations):
            rows = data[table.name]
            for start in range(0, len(rows), 50_000):
                chunk = rows[start : start + 50_000]
                for row in chunk:
                    row["school_id"] = sid
                conn.execute(table.insert(), chunk)
                if progress:
                    progress(f"writing {table.name}", len(chunk))
        conn.execute(
            schema.imports.insert().values(
                school_id=sid,
                imported_at=datetime.utcnow(),
                source=str(folder.resolve()),
                files=json.dumps(log),
            )
        )


def _latest_import(bind, school: str) -> int | None:
    from sqlalchemy import func, select

    q = select(func.max(schema.imports.c.id)).select_from(schema.imports.join(schema.schools)).where(schema.schools.c.name == school)
    if isinstance(bind, Engine):
        with bind.connect() as conn:
            return conn.execute(q).scalar()
    return bind.execute(q).scalar()


def import_log(engine: Engine, school: str | None = None) -> list[dict]:
    from sqlalchemy import select

    q = (
        select(schema.imports, schema.schools.c.name.label("school"))
        .join(schema.schools, schema.schools.c.id == schema.imports.c.school_id)
        .order_by(schema.imports.c.imported_at.desc(), schema.imports.c.id.desc())
    )
    if school:
        q = q.where(schema.schools.c.name == school)
    with engine.connect() as conn:
        return [
            {"school": r.school, "imported_at": r.imported_at, "source": r.source, "files": json.loads(r.files)} for r in conn.execute(q)
        ]

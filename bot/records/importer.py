"""Import a school's three CSV files (shared/records-contract.md) as one snapshot.

pandas reads and validates every file; every problem is collected (file, line, column, reason)
before anything is written; a valid snapshot replaces the school's previous one in a single
transaction and is logged with row counts and checksums.
"""
from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Dict, List, Optional

import pandas as pd
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.engine import Engine

from bot.records import schema
from bot.records.db import RecordsError, ensure_school
from bot.records.vocab import ACTIVITY_TYPES, DESTINATIONS, SEN_CODES, STAGES, nccis_destination, parse_academic_year

FILES = ("pupils.csv", "activities.csv", "destinations.csv")
COLUMNS = {
    "pupils.csv": {"required": ["pupil_id", "cohort"], "optional": ["sex", "disadvantaged", "sen", "left_on"]},
    "activities.csv": {
        "required": ["activity_id", "date", "activity_type", "title", "pupil_id"],
        "optional": ["partner", "benchmarks"],
    },
    "destinations.csv": {
        "required": ["pupil_id", "leaving_year", "stage"],
        "optional": ["destination", "nccis_code"],
    },
}
MAX_LISTED = 50
_DATE_RE = r"^\d{4}-\d{2}-\d{2}$"
_BENCH_RE = r"^[1-8](;[1-8])*$"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int  # the header is line 1; 0 when the problem is with the whole file
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}" + (f", line {self.line}" if self.line else "") + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.reason}"


class ImportConflict(RecordsError):
    """Another import for the same school landed while this one was being checked."""


class ImportFailed(RecordsError):
    def __init__(self, problems: List[Problem]):
        self.problems = problems
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f"Import rejected: {len(self.problems)} problem(s); nothing was written."]
        lines += [f"  - {p}" for p in self.problems[:MAX_LISTED]]
        if len(self.problems) > MAX_LISTED:
            lines.append(f"  ... and {len(self.problems) - MAX_LISTED} more.")
        return "\n".join(lines)


@dataclass
class ImportResult:
    school: str
    rows: Dict[str, int]
    checksums: Dict[str, str]
    warnings: List[str] = field(default_factory=list)
    participations: int = 0


class _Collector:
    def __init__(self) -> None:
        self.problems: List[Problem] = []

    def add(self, file: str, line: int, column: str, reason: str) -> None:
        self.problems.append(Problem(file, line, column, reason))

    def rows(self, file: str, frame: pd.DataFrame, mask, column: str, reason) -> None:
        """Record a problem for each row where ``mask`` is true (reason may be a callable of the value)."""
        bad = frame.loc[mask] if mask is not None else frame
        if bad.empty:
            return
        for line, value in zip(bad["_line"].tolist(), bad[column].tolist() if column in bad else [""] * len(bad)):
            text = reason(value) if callable(reason) else reason
            self.problems.append(Problem(file, int(line), column, text))


def _read(path: Path, name: str, out: _Collector, warnings: List[str]):
    """Read one CSV as strings; None (with problems recorded) when it cannot be read at all."""
    if not path.exists():
        out.add(name, 0, "", f"file is missing (expected {path})")
        return None, None
    raw = path.read_bytes()
    checksum = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        out.add(name, line, "", f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x} at position {exc.start}); save it as CSV UTF-8")
        return None, checksum
    if not text.strip():
        out.add(name, 0, "", "the file is empty (a header row is required)")
        return None, checksum
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=False)
    except pd.errors.ParserError as exc:
        out.add(name, 0, "", f"not a readable CSV file: {exc}")
        return None, checksum
    frame.columns = [str(c).strip() for c in frame.columns]
    spec = COLUMNS[name]
    missing = [c for c in spec["required"] if c not in frame.columns]
    for col in missing:
        out.add(name, 1, col, "required column is missing from the header")
    extra = [c for c in frame.columns if c not in spec["required"] + spec["optional"]]
    if extra:
        warnings.append(f"{name}: ignored extra column(s): {', '.join(extra)}")
    if missing:
        return None, checksum
    for col in spec["optional"]:
        if col not in frame.columns:
            frame[col] = ""
    frame = frame[spec["required"] + spec["optional"]].copy()
    for col in frame.columns:
        frame[col] = frame[col].astype(str).str.strip()
    # Physical line numbers: pandas skips blank lines, so count from the text itself.
    frame["_line"] = _line_numbers(text, len(frame))
    return frame, checksum


def _line_numbers(text: str, n: int) -> List[int]:
    lines = text.splitlines()
    numbers = [i + 1 for i, line in enumerate(lines) if i > 0 and line.strip()]
    if len(numbers) != n:  # quoted newlines inside fields: fall back to record order
        return list(range(2, n + 2))
    return numbers


def _dates(frame: pd.DataFrame, column: str):
    """Parsed dates (NaT where invalid) for ISO YYYY-MM-DD strings."""
    values = frame[column]
    iso = values.str.match(_DATE_RE)
    parsed = pd.to_datetime(values.where(iso), format="%Y-%m-%d", errors="coerce")
    return parsed


def _years(frame: pd.DataFrame, column: str) -> pd.Series:
    return frame[column].map(parse_academic_year)


def validate(folder: Path, progress: Optional[Callable[[str, int], None]] = None):
    """Read and check the three files. Returns (frames, checksums, warnings) or raises ImportFailed."""
    folder = Path(folder)
    out = _Collector()
    warnings: List[str] = []
    frames, checksums = {}, {}
    if not folder.is_dir():
        raise ImportFailed([Problem(str(folder), 0, "", "not a folder: give the folder that holds pupils.csv, activities.csv and destinations.csv")])
    for name in FILES:
        frame, checksum = _read(folder / name, name, out, warnings)
        frames[name] = frame
        if checksum:
            checksums[name] = checksum
        if progress and frame is not None:
            progress(name, len(frame))

    pupils = frames["pupils.csv"]
    known_ids = None
    if pupils is not None:
        f = "pupils.csv"
        ids = pupils["pupil_id"]
        out.rows(f, pupils, ids == "", "pupil_id", "pupil_id is required")
        out.rows(f, pupils, ids.str.len() > 64, "pupil_id", "pupil_id is longer than 64 characters")
        dup = ids.duplicated(keep="first") & (ids != "")
        out.rows(f, pupils, dup, "pupil_id", "duplicate pupil_id (each pupil appears once)")
        pupils["cohort_end"] = _years(pupils, "cohort")
        out.rows(f, pupils, pupils["cohort_end"].isna(), "cohort", lambda v: f"{v!r} is not an academic year like 2024/25")
        out.rows(f, pupils, ~pupils["sex"].isin(["", "F", "M"]), "sex", lambda v: f"{v!r} is not F, M or empty")
        out.rows(f, pupils, ~pupils["disadvantaged"].isin(["", "Y", "N"]), "disadvantaged", lambda v: f"{v!r} is not Y, N or empty")
        out.rows(f, pupils, ~pupils["sen"].isin(("",) + SEN_CODES), "sen", lambda v: f"{v!r} is not an SEN code (N, K, E or empty)")
        left = _dates(pupils, "left_on")
        out.rows(f, pupils, (pupils["left_on"] != "") & left.isna(), "left_on", lambda v: f"{v!r} is not a date like 2024-07-19")
        pupils["left_date"] = left
        known_ids = set(ids)

    acts = frames["activities.csv"]
    if acts is not None:
        f = "activities.csv"
        out.rows(f, acts, acts["activity_id"] == "", "activity_id", "activity_id is required")
        out.rows(f, acts, acts["title"] == "", "title", "title is required")
        when = _dates(acts, "date")
        out.rows(f, acts, when.isna(), "date", lambda v: f"{v!r} is not a date like 2024-03-14" if v else "date is required")
        acts["when"] = when
        out.rows(f, acts, ~acts["activity_type"].isin(ACTIVITY_TYPES), "activity_type",
                 lambda v: f"{v!r} is not an activity type ({', '.join(ACTIVITY_TYPES)})")
        bm = acts["benchmarks"].str.replace(" ", "", regex=False)
        out.rows(f, acts, (bm != "") & ~bm.str.match(_BENCH_RE), "benchmarks",
                 lambda v: f"{v!r} is not a list of Gatsby benchmark numbers 1-8 separated by ';'")
        acts["benchmarks"] = bm.map(lambda s: ";".join(sorted(set(s.split(";")), key=int)) if s and all(p in "12345678" for p in s.split(";")) else s)
        out.rows(f, acts, acts["pupil_id"] == "", "pupil_id", "pupil_id is required")
        if known_ids is not None:
            out.rows(f, acts, (acts["pupil_id"] != "") & ~acts["pupil_id"].isin(known_ids), "pupil_id",
                     lambda v: f"pupil {v!r} is not in pupils.csv")
        # Rows that share an activity_id must agree on its details.
        detail = ["date", "activity_type", "title", "partner", "benchmarks"]
        firsts = acts.drop_duplicates("activity_id", keep="first").set_index("activity_id")
        for col in detail:
            expected = acts["activity_id"].map(firsts[col])
            mismatch = (acts[col] != expected) & (acts["activity_id"] != "")
            if mismatch.any():
                first_line = acts["activity_id"].map(firsts["_line"])
                bad = acts.loc[mismatch]
                for line, aid, value, exp, fl in zip(bad["_line"], bad["activity_id"], bad[col], expected[mismatch], first_line[mismatch]):
                    out.add(f, int(line), col, f"activity {aid!r} has {col} {value!r} here but {exp!r} on line {int(fl)}")

    dests = frames["destinations.csv"]
    if dests is not None:
        f = "destinations.csv"
        out.rows(f, dests, dests["pupil_id"] == "", "pupil_id", "pupil_id is required")
        if known_ids is not None:
            out.rows(f, dests, (dests["pupil_id"] != "") & ~dests["pupil_id"].isin(known_ids), "pupil_id",
                     lambda v: f"pupil {v!r} is not in pupils.csv")
        dests["leaving_end"] = _years(dests, "leaving_year")
        out.rows(f, dests, dests["leaving_end"].isna(), "leaving_year", lambda v: f"{v!r} is not an academic year like 2023/24")
        out.rows(f, dests, ~dests["stage"].isin(STAGES), "stage", lambda v: f"{v!r} is not a stage (ks4 or 16-18)")
        dup = dests.duplicated(["pupil_id", "stage"], keep="first") & (dests["pupil_id"] != "")
        out.rows(f, dests, dup, "pupil_id", lambda v: f"pupil {v!r} already has a destination for this stage")
        code_ok = dests["nccis_code"].str.fullmatch(r"\d{3}")
        derived = dests["nccis_code"].where(code_ok, "").map(lambda c: nccis_destination(int(c)) if c else None)
        has_code = dests["nccis_code"] != ""
        out.rows(f, dests, has_code & derived.isna(), "nccis_code", lambda v: f"{v!r} is not a known NCCIS activity code")
        dest = dests["destination"]
        out.rows(f, dests, (dest != "") & ~dest.isin(DESTINATIONS), "destination",
                 lambda v: f"{v!r} is not a destination category ({', '.join(DESTINATIONS)})")
        out.rows(f, dests, (dest == "") & ~has_code, "destination", "destination is required when nccis_code is empty")
        disagree = (dest != "") & dest.isin(DESTINATIONS) & derived.notna() & (dest != derived)
        if disagree.any():
            bad = dests.loc[disagree]
            for line, d, code, der in zip(bad["_line"], bad["destination"], bad["nccis_code"], derived[disagree]):
                out.add(f, int(line), "destination", f"{d!r} disagrees with NCCIS code {code} ({der})")
        dests["final"] = dest.where(dest != "", derived)

    if out.problems:
        out.problems.sort(key=lambda p: (FILES.index(p.file) if p.file in FILES else -1, p.line))
        raise ImportFailed(out.problems)
    return frames, checksums, warnings


def benchmark_mask(benchmarks: str) -> int:
    """'5;7' -> 0b1010000 (bit b-1 for benchmark b)."""
    return sum(1 << (int(b) - 1) for b in set(benchmarks.split(";")) if b.isdigit())


def _none(value: str) -> Optional[str]:
    return value or None


def import_folder(engine: Engine, folder: Path, school: str, progress: Optional[Callable[[str, int], None]] = None) -> ImportResult:
    """Validate the three files and, only if all is valid, replace the school's snapshot."""
    folder = Path(folder)
    if not school or not school.strip():
        raise RecordsError("Name the school the records belong to (--school NAME).")
    seen = _latest_import(engine, school.strip())
    frames, checksums, warnings = validate(folder, progress)
    pupils, acts, dests = frames["pupils.csv"], frames["activities.csv"], frames["destinations.csv"]

    pupil_rows = [
        {
            "pupil_id": pid,
            "cohort_end": int(ce),
            "sex": _none(sex),
            "disadvantaged": dis == "Y",
            "sen": sen or "N",
            "left_on": (ld.date() if not pd.isna(ld) else None),
        }
        for pid, ce, sex, dis, sen, ld in zip(pupils["pupil_id"], pupils["cohort_end"], pupils["sex"],
                                               pupils["disadvantaged"], pupils["sen"], pupils["left_date"])
    ]
    first = acts.drop_duplicates("activity_id", keep="first")
    activity_rows = [
        {"activity_id": aid, "date": when.date(), "activity_type": atype, "title": title, "partner": _none(partner), "benchmarks": bm}
        for aid, when, atype, title, partner, bm in zip(first["activity_id"], first["when"], first["activity_type"],
                                                       first["title"], first["partner"], first["benchmarks"])
    ]
    part = acts.drop_duplicates(["activity_id", "pupil_id"], keep="first")
    masks = {}
    participation_rows = [
        {"activity_id": aid, "pupil_id": pid, "activity_type": atype, "date": when.date(),
         "benchmarks": masks.get(bm) if bm in masks else masks.setdefault(bm, benchmark_mask(bm))}
        for aid, pid, atype, when, bm in zip(part["activity_id"], part["pupil_id"], part["activity_type"], part["when"],
                                             part["benchmarks"])
    ]
    destination_rows = [
        {"pupil_id": pid, "stage": stage, "leaving_end": int(le), "destination": final,
         "nccis_code": int(code) if code else None}
        for pid, stage, le, final, code in zip(dests["pupil_id"], dests["stage"], dests["leaving_end"],
                                               dests["final"], dests["nccis_code"])
    ]
    rows = {"pupils.csv": len(pupils), "activities.csv": len(acts), "destinations.csv": len(dests)}

    name = school.strip()
    try:
        with engine.begin() as conn:
            ensure_school(conn, name)
    except IntegrityError:  # another import created the school a moment ago
        pass
    try:
        _replace(engine, name, seen, pupil_rows, activity_rows, participation_rows, destination_rows, rows, checksums, folder, progress)
    except OperationalError as exc:
        raise RecordsError(f"The records database is busy or unavailable ({exc.orig}); nothing was written. Try again.") from None
    return ImportResult(name, rows, checksums, warnings, len(participation_rows))


def _replace(engine, name, seen, pupil_rows, activity_rows, participation_rows, destination_rows, rows, checksums, folder, progress):
    with engine.begin() as conn:
        # The first statement writes, so the transaction holds the write lock from the start (SQLite
        # and PostgreSQL alike); then check that no other import for the school landed meanwhile.
        conn.execute(schema.schools.update().where(schema.schools.c.name == name).values(name=name))
        sid = conn.execute(select(schema.schools.c.id).where(schema.schools.c.name == name)).scalar()
        if _latest_import(conn, name) != seen:
            raise ImportConflict(f"Another import for {name} finished while this one was being checked; "
                                 f"nothing was written. Run this import again if it should replace that one.")
        for table in (schema.participation, schema.destinations, schema.activities, schema.pupils):
            conn.execute(delete(table).where(table.c.school_id == sid))
        for table, data in ((schema.pupils, pupil_rows), (schema.activities, activity_rows),
                            (schema.participation, participation_rows), (schema.destinations, destination_rows)):
            for start in range(0, len(data), 50_000):
                chunk = data[start:start + 50_000]
                for row in chunk:
                    row["school_id"] = sid
                conn.execute(table.insert(), chunk)
                if progress:
                    progress(f"writing {table.name}", len(chunk))
        conn.execute(schema.imports.insert().values(
            school_id=sid, imported_at=datetime.utcnow(), source=str(folder.resolve()),
            files=json.dumps({f: {"rows": rows[f], "sha256": checksums[f]} for f in FILES}),
        ))


def _latest_import(bind, school: str) -> Optional[int]:
    from sqlalchemy import func, select

    q = (select(func.max(schema.imports.c.id)).select_from(schema.imports.join(schema.schools))
         .where(schema.schools.c.name == school))
    if isinstance(bind, Engine):
        with bind.connect() as conn:
            return conn.execute(q).scalar()
    return bind.execute(q).scalar()


def import_log(engine: Engine, school: Optional[str] = None) -> List[dict]:
    from sqlalchemy import select

    q = (select(schema.imports, schema.schools.c.name.label("school"))
         .join(schema.schools, schema.schools.c.id == schema.imports.c.school_id)
         .order_by(schema.imports.c.imported_at.desc(), schema.imports.c.id.desc()))
    if school:
        q = q.where(schema.schools.c.name == school)
    with engine.connect() as conn:
        return [{"school": r.school, "imported_at": r.imported_at, "source": r.source, "files": json.loads(r.files)}
                for r in conn.execute(q)]

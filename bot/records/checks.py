"""The contract's rules for each table, on tables already read into the contract's form (reading.py)."""

from __future__ import annotations

import pandas as pd

from bot.records.problems import Collector
from bot.records.vocab import ACTIVITY_TYPES, DESTINATIONS, SEN_CODES, STAGES, nccis_destination, parse_academic_year

ACTIVITY_DETAILS = ("date", "activity_type", "title", "partner", "benchmarks")


def _years(frame: pd.DataFrame, column: str) -> pd.Series:
    lookup = {v: parse_academic_year(v) for v in pd.unique(frame[column])}
    return frame[column].map(lookup)


def _unknown_pupils(table, known: set[str] | None, where: str, out: Collector) -> None:
    ids = table.frame["pupil_id"]
    out.rows(table, ids == "", "pupil_id", "pupil_id is required")
    if known is not None:
        out.rows(table, (ids != "") & ~ids.isin(known), "pupil_id", lambda v: f"pupil {v!r} is not in {where}")


def pupils(table, out: Collector) -> set[str]:
    """Check pupils; returns the pupil ids (for the other two tables)."""
    p = table.frame
    ids = p["pupil_id"]
    out.rows(table, ids == "", "pupil_id", "pupil_id is required")
    out.rows(table, ids.str.len() > 64, "pupil_id", "pupil_id is longer than 64 characters")
    out.rows(table, ids.duplicated(keep="first") & (ids != ""), "pupil_id", "duplicate pupil_id (each pupil appears once)")
    p["cohort_end"] = _years(p, "cohort")
    out.rows(table, p["cohort_end"].isna(), "cohort", lambda v: f"{v!r} is not an academic year like 2024/25")
    out.rows(table, ~p["sex"].isin(["", "F", "M"]), "sex", lambda v: f"{v!r} is not F, M or empty (or Female, Male)")
    out.rows(
        table,
        ~p["disadvantaged"].isin(["", "Y", "N"]),
        "disadvantaged",
        lambda v: f"{v!r} is not Y, N or empty (or Yes/No, True/False, 1/0)",
    )
    out.rows(
        table,
        ~p["sen"].isin(("",) + SEN_CODES),
        "sen",
        lambda v: f"{v!r} is not an SEN code (N, K, E or empty; or None, SEN Support, EHCP)",
    )
    return set(ids)


def activities(table, known: set[str] | None, where: str, out: Collector) -> None:
    """Check activities; ``known`` holds the pupil ids of the pupils table (``where``), when it could be read."""
    a = table.frame
    out.rows(table, a["activity_id"] == "", "activity_id", "activity_id is required")
    out.rows(table, a["title"] == "", "title", "title is required")
    out.rows(table, (a["date"] == "") & a["when"].isna(), "date", "date is required")
    out.rows(
        table,
        ~a["activity_type"].isin(ACTIVITY_TYPES),
        "activity_type",
        lambda v: f"{v!r} is not an activity type ({', '.join(ACTIVITY_TYPES)})" if v else "activity_type is required",
    )
    _unknown_pupils(table, known, where, out)
    _activities_agree(table, out)


def _activities_agree(table, out: Collector) -> None:
    """Rows that share an activity_id must agree on its details."""
    a = table.frame
    firsts = a.drop_duplicates("activity_id", keep="first").set_index("activity_id")
    first_line = None
    for col in ACTIVITY_DETAILS:
        expected = a["activity_id"].map(firsts[col])
        compare = "when" if col == "date" else col  # the same day, however the cell was written
        mismatch = (a[compare] != a["activity_id"].map(firsts[compare])) & (a["activity_id"] != "")
        if not mismatch.any():
            continue
        if first_line is None:
            first_line = a["activity_id"].map(firsts["_line"])
        bad = a.loc[mismatch]
        unit = table.place.unit
        for line, aid, value, exp, fl in zip(bad["_line"], bad["activity_id"], bad[col], expected[mismatch], first_line[mismatch]):
            out.add(
                table.place,
                int(line),
                col,
                f"activity {aid!r} has {col} {value!r} here but {exp!r} on {unit} {int(fl)}",
                table.headings.get(col, ""),
            )


def destinations(table, known: set[str] | None, where: str, out: Collector) -> None:
    d = table.frame
    _unknown_pupils(table, known, where, out)
    d["leaving_end"] = _years(d, "leaving_year")
    out.rows(table, d["leaving_end"].isna(), "leaving_year", lambda v: f"{v!r} is not an academic year like 2023/24")
    out.rows(table, ~d["stage"].isin(STAGES), "stage", lambda v: f"{v!r} is not a stage (ks4 or 16-18; or KS4, Key Stage 4, KS5)")
    dup = d.duplicated(["pupil_id", "stage"], keep="first") & (d["pupil_id"] != "")
    out.rows(table, dup, "pupil_id", lambda v: f"pupil {v!r} already has a destination for this stage")
    _destination_codes(table, out)


def _destination_codes(table, out: Collector) -> None:
    """destination and nccis_code: either given, known, and in agreement; the category is kept in ``final``."""
    d = table.frame
    codes = d["nccis_code"]
    lookup = {c: (nccis_destination(int(c)) if len(c) == 3 and c.isascii() and c.isdigit() else None) for c in pd.unique(codes)}
    derived = codes.map(lookup)
    has_code = codes != ""
    out.rows(table, has_code & derived.isna(), "nccis_code", lambda v: f"{v!r} is not a known NCCIS activity code")
    dest = d["destination"]
    out.rows(
        table,
        (dest != "") & ~dest.isin(DESTINATIONS),
        "destination",
        lambda v: f"{v!r} is not a destination category ({', '.join(DESTINATIONS)}; or in words, e.g. FE College)",
    )
    out.rows(table, (dest == "") & ~has_code, "destination", "destination is required when nccis_code is empty")
    disagree = (dest != "") & dest.isin(DESTINATIONS) & derived.notna() & (dest != derived)
    if disagree.any():
        bad = d.loc[disagree]
        for line, value, code, der in zip(bad["_line"], bad["destination"], bad["nccis_code"], derived[disagree]):
            out.add(
                table.place,
                int(line),
                "destination",
                f"{value!r} disagrees with NCCIS code {code} ({der})",
                table.headings.get("destination", ""),
            )
    d["final"] = dest.where(dest != "", derived)

"""`coach gaps`: its file against an independent pandas reading of the CSV files, on the demo school and a test school."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from bot.app import cli
from bot.evidence.measures import Evidence
from bot.narrative import gaps
from bot.records import demo

TINY_PUPILS = """
pupil_id,cohort,sex,disadvantaged,sen,left_on
T1,2027/28,F,N,N,
T2,2027/28,M,Y,N,
T3,2027/28,M,N,N,2025-07-01
T4,2025/26,F,N,K,
T5,2025/26,M,Y,N,
T6,2028/29,F,N,N,
T7,2025/26,M,N,E,2025-10-15
"""
TINY_ACTIVITIES = """
activity_id,date,activity_type,title,partner,benchmarks,pupil_id
E0,2025-06-01,employer_encounter,Summer fair,Acme,5,T2
E1,2025-10-01,employer_encounter,Careers fair,Acme,5,T1
G1,2025-03-01,personal_guidance,Guidance,Adviser Co,8,T4
P1,2025-10-10,provider_encounter,College talk,Town College,7,T4
P1,2025-10-10,provider_encounter,College talk,Town College,7,T5
P2,2025-11-20,provider_encounter,Apprenticeship talk,Trainer Ltd,7,T4
"""


def independent(folder, activity="employer_encounter", year_group=None):
    """The three lists by the contract's definitions, read with pandas: {(list, year group): set of pupil ids}."""
    p = pd.read_csv(folder / "pupils.csv", dtype=str, keep_default_na=False)
    a = pd.read_csv(folder / "activities.csv", dtype=str, keep_default_na=False)
    a["when"] = pd.to_datetime(a["date"]).dt.date
    last = a["when"].max()
    ay = last.year + 1 if last.month >= 9 else last.year
    p["yg"] = 11 - (p["cohort"].str[:4].astype(int) + 1 - ay)
    left = pd.to_datetime(p["left_on"].replace("", None)).dt.date
    roll = p[p["yg"].between(7, 13) & (left.isna() | (left >= date(ay - 1, 9, 1)))]
    if year_group:
        roll = roll[roll["yg"] == year_group]
    out = {}
    this_year = a[(a["activity_type"] == activity) & (a["when"] >= date(ay - 1, 9, 1)) & (a["when"] <= date(ay, 8, 31))]
    for yg, grp in roll.groupby("yg"):
        out[("activity", yg)] = set(grp["pupil_id"]) - set(this_year["pupil_id"])
    pg = a[(a["activity_type"] == "personal_guidance") & (a["when"] <= date(ay, 8, 31))]
    y11 = roll[roll["yg"] == 11]
    if len(y11):
        out[("personal_guidance_by_16", 11)] = set(y11["pupil_id"]) - set(pg["pupil_id"])
    prov = a[a["activity_type"] == "provider_encounter"]
    for yg, grp in roll.groupby("yg"):
        first = {8: 8, 9: 8, 10: 10, 11: 10, 12: 12, 13: 12}.get(yg)
        if first is None:
            continue
        start = date(ay - 1 - (yg - first), 9, 1)
        end = date(ay + (first + 1 - yg), 2, 28)
        if not start <= last <= end:
            continue
        inside = prov[(prov["when"] >= start) & (prov["when"] <= end)].drop_duplicates(["activity_id", "pupil_id"])
        had = inside.groupby("pupil_id")["activity_id"].nunique()
        out[("provider_access", yg)] = {pid for pid in grp["pupil_id"] if had.get(pid, 0) < 2}
    return {k: v for k, v in out.items() if v}


def from_file(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, skiprows=1)
    got = {}
    for (lst, yg), grp in frame.groupby(["list", "year_group"]):
        got[(lst, int(yg))] = set(grp["pupil_id"])
    return first, frame, got


def run_gaps(engine_url, out, *extra):
    import os

    old = os.environ.get("COACH_DATABASE_URL")
    os.environ["COACH_DATABASE_URL"] = engine_url
    try:
        assert cli.main(["gaps", "--out", str(out), *extra]) == 0
    finally:
        if old is None:
            os.environ.pop("COACH_DATABASE_URL")
        else:
            os.environ["COACH_DATABASE_URL"] = old


@pytest.mark.parametrize("extra", [(), ("--year-group", "9"), ("--activity", "workplace_experience"), ("--year-group", "11")])
def test_demo_gaps_file_equals_pandas(demo_engine, demo_dir, tmp_path, extra, capsys):
    out = tmp_path / "gaps.csv"
    run_gaps(str(demo_engine.url), out, *extra)
    first, frame, got = from_file(out)
    opts = dict(zip(extra[::2], extra[1::2]))
    want = independent(
        demo_dir, opts.get("--activity", "employer_encounter"), int(opts["--year-group"]) if "--year-group" in opts else None
    )
    assert got == want
    assert first.startswith("# Lists pupils on roll in") and demo.DEMO_SCHOOL in first and " made 20" in first
    assert set(frame["deadline"][frame["list"] == "provider_access"]) <= {"2027-02-28"}
    printed = capsys.readouterr().out
    assert f"{len(frame)} row(s) written" in printed and not any(pid in printed for pid in frame["pupil_id"])


def test_demo_counts_match_the_evidence(demo_evidence):
    g = gaps.find(demo_evidence)
    by = {(c.list, c.year_group): (c.missing, c.base) for c in g.counts}
    assert by[("activity", 9)] == (38, 113)  # Evidence: 75 of 113 had one
    assert by[("personal_guidance_by_16", 11)] == (8, 104)  # Evidence: 96 of 104 by 16


def test_tiny_school_gaps(school, tmp_path):
    eng = school(TINY_PUPILS, TINY_ACTIVITIES)
    folder = tmp_path / "csv"
    out = tmp_path / "tiny.csv"
    run_gaps(str(eng.url), out)
    _, frame, got = from_file(out)
    assert got == independent(folder)
    assert got == {
        ("activity", 8): {"T6"},
        ("activity", 9): {"T2"},
        ("activity", 11): {"T4", "T5", "T7"},
        ("personal_guidance_by_16", 11): {"T5", "T7"},
        ("provider_access", 8): {"T6"},
        ("provider_access", 9): {"T1", "T2"},
        ("provider_access", 11): {"T5", "T7"},
    }
    t5 = frame[(frame["pupil_id"] == "T5") & (frame["list"] == "provider_access")].iloc[0]
    assert (t5["had"], t5["needs"], t5["deadline"], t5["note"]) == ("1", "1", "2026-02-28", "phase 2")
    text = gaps.chat_text(gaps.find(Evidence(eng, "Tiny School")))
    assert "Year 11: 2 of 3 pupils without personal guidance by 16" in text and "coach gaps" in text
    assert not any(f"T{i}" in text for i in range(1, 8))

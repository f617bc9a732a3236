"""The demo school's figures, checked against an independent pandas reading of its CSV files."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from bot.evidence import GROUPS
from bot.records.vocab import SUSTAINED


@pytest.fixture(scope="module")
def frames(demo_dir):
    p = pd.read_csv(demo_dir / "pupils.csv", dtype=str, keep_default_na=False)
    a = pd.read_csv(demo_dir / "activities.csv", dtype=str, keep_default_na=False)
    d = pd.read_csv(demo_dir / "destinations.csv", dtype=str, keep_default_na=False)
    p["cohort_end"] = p["cohort"].str[:4].astype(int) + 1
    p["left"] = pd.to_datetime(p["left_on"].replace("", None))
    a["when"] = pd.to_datetime(a["date"])
    codes = {
        "210": "school_sixth_form",
        "310": "apprenticeship",
        "320": "employment",
        "230": "further_education",
        "220": "sixth_form_college",
        "240": "higher_education",
        "540": "not_sustained",
        "810": "not_captured",
        "270": "other_education",
    }
    d["dest"] = d["destination"].where(d["destination"] != "", d["nccis_code"].map(codes))
    d["end"] = d["leaving_year"].str[:4].astype(int) + 1
    return p, a, d


def in_group(p: pd.DataFrame, group: str) -> pd.Series:
    return {
        "all": p["pupil_id"] != "",
        "disadvantaged": p["disadvantaged"] == "Y",
        "not_disadvantaged": p["disadvantaged"] != "Y",
        "send": p["sen"].isin(["K", "E"]),
        "sen_k": p["sen"] == "K",
        "sen_e": p["sen"] == "E",
        "no_sen": ~p["sen"].isin(["K", "E"]),
        "female": p["sex"] == "F",
        "male": p["sex"] == "M",
    }[group]


def on_roll(p, ay_end):
    return p["left"].isna() | (p["left"] >= pd.Timestamp(date(ay_end - 1, 9, 1)))


@pytest.mark.parametrize("group", list(GROUPS))
def test_ks4_destinations_every_year_and_group(frames, demo_evidence, group):
    p, _, d = frames
    ids = set(p.loc[in_group(p, group), "pupil_id"])
    for year in demo_evidence.destination_years("ks4"):
        rows = d[(d["stage"] == "ks4") & (d["end"] == year) & d["pupil_id"].isin(ids)]
        f = demo_evidence.destinations("ks4", year, group).figures["sustained"]
        assert (f.count, f.base) == (int(rows["dest"].isin(SUSTAINED).sum()), len(rows)), (group, year)


def test_employer_coverage_every_year_group(frames, demo_evidence):
    p, a, _ = frames
    span = demo_evidence.span()
    for ay in range(span.first_activity_year, span.this_year + 1):
        took = set(
            a[
                (a["activity_type"] == "employer_encounter")
                & (a["when"] >= pd.Timestamp(date(ay - 1, 9, 1)))
                & (a["when"] <= pd.Timestamp(date(ay, 8, 31)))
            ]["pupil_id"]
        )
        for c in demo_evidence.coverage("employer_encounter", ay):
            base = p[(p["cohort_end"] == ay + 11 - c.year_group) & on_roll(p, ay)]
            assert (c.figure.count, c.figure.base) == (int(base["pupil_id"].isin(took).sum()), len(base))


def test_provider_access_every_phase(frames, demo_evidence):
    p, a, _ = frames
    pe = a[a["activity_type"] == "provider_encounter"]
    results = demo_evidence.provider_access_all()
    assert results
    for r in results:
        inside = pe[(pe["when"] >= pd.Timestamp(r.window_start)) & (pe["when"] <= pd.Timestamp(r.window_end))]
        per_pupil = inside.groupby("pupil_id")["activity_id"].nunique()
        cohort = int(r.cohort[:4]) + 1
        second = cohort - 11 + r.years[1]
        base = p[(p["cohort_end"] == cohort) & on_roll(p, second)]
        met = int(base["pupil_id"].map(per_pupil).fillna(0).ge(2).sum())
        assert (r.figure.count, r.figure.base) == (met, len(base))


def test_demo_shows_the_cases_an_inspector_probes(demo_evidence):
    kinds = {f.kind for f in demo_evidence.flags()}
    assert {"disadvantaged_gap", "employer_encounters", "provider_access", "missing_destinations"} <= kinds
    missed = [r for r in demo_evidence.provider_access_all() if r.cohort == "2025/26" and r.phase == 2][0]
    assert missed.encounters_held == 1 and missed.figure.count == 0  # the second talk fell after 28 February
    sizes = [f.size for f in demo_evidence.flags()]
    assert sizes == sorted(sizes, reverse=True)
    small = [demo_evidence.destinations("ks4", y, "sen_e").figures["sustained"] for y in demo_evidence.destination_years("ks4")]
    assert any(f.suppressed for f in small)  # an EHC plan group too small to report
    moved = demo_evidence.missing_destinations(2025)
    assert moved.count == 4


def test_demo_is_deterministic(tmp_path):
    from bot.records import demo

    a, b = demo.write(tmp_path / "a"), demo.write(tmp_path / "b")
    for name in ("pupils.csv", "activities.csv", "destinations.csv"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
    assert 1000 <= len((a / "pupils.csv").read_text().splitlines()) - 1 <= 1200


def test_coach_demo_and_evidence_cli(tmp_path, monkeypatch, capsys):
    from bot.app import cli

    monkeypatch.setenv("COACH_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("COACH_HOME", str(tmp_path))
    assert cli.main(["demo"]) == 0
    assert cli.main(["demo", "--if-empty"]) == 0
    capsys.readouterr()
    assert cli.main(["evidence"]) == 0
    out = capsys.readouterr().out
    assert "KS4 destinations" in out and "What an inspector may pick up on" in out and "Provider access" in out
    assert cli.main(["evidence", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["school"] and data["flags"] and data["provider_access"] and data["destinations"]["ks4"]
    assert "NFA-" not in out and "NFA-" not in json.dumps(data)  # no pupil id anywhere

"""Every definition in the records contract, on tiny schools with hand-computed figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.evidence import Evidence
from bot.evidence.figures import Figure, Reference, percent, round_half_away
from bot.records.vocab import cohort_for, nccis_destination, year_group

PUPILS = """
pupil_id,cohort,sex,disadvantaged,sen,left_on
P1,2024/25,F,Y,N,
P2,2024/25,M,N,K,
P3,2024/25,F,N,E,2023-03-15
P4,2024/25,M,,,
P5,2024/25,F,Y,N,2024-09-01
P6,2024/25,M,N,N,2024-08-31
P7,2025/26,F,N,N,
P8,2025/26,M,Y,N,
"""
ACTS = """
activity_id,date,activity_type,title,partner,benchmarks,pupil_id
E1,2024-10-10,employer_encounter,Employer talk,NHS,5,P1
E1,2024-10-10,employer_encounter,Employer talk,NHS,5,P2
E2,2024-08-31,employer_encounter,Summer talk,BT,5,P4
E3,2025-06-01,employer_encounter,Year 10 talk,Arup,5,P7
PE1,2023-11-01,provider_encounter,College talk,College,7,P1
PE1,2023-11-01,provider_encounter,College talk,College,7,P2
PE1,2023-11-01,provider_encounter,College talk,College,7,P4
PE1,2023-11-01,provider_encounter,College talk,College,7,P5
PE2,2025-02-28,provider_encounter,Apprenticeships talk,Training Ltd,7,P1
PE2,2025-02-28,provider_encounter,Apprenticeships talk,Training Ltd,7,P2
PE3,2025-03-01,provider_encounter,T levels talk,UTC,7,P4
PE4,2023-06-01,provider_encounter,Year 9 talk,College,7,P5
PG1,2025-01-20,personal_guidance,Guidance interview,Adviser,8,P1
PG2,2025-09-15,personal_guidance,Late interview,Adviser,8,P2
PG3,2023-03-01,personal_guidance,Early interview,Adviser,8,P3
"""
DESTS = """
pupil_id,leaving_year,stage,destination,nccis_code
P1,2024/25,ks4,school_sixth_form,
P2,2024/25,ks4,,310
P3,2024/25,ks4,employment,320
P4,2024/25,ks4,not_captured,
"""


@pytest.fixture
def ev(school):
    return Evidence(school(PUPILS, ACTS, DESTS), min_group=1)


def test_year_group_formula_and_cohorts():
    assert year_group(2026, 2025) == 10  # cohort 2025/26 is in Year 10 in 2024/25 (the contract's example)
    assert cohort_for(10, 2025) == 2026
    assert cohort_for(9, 2026) == 2028


@pytest.mark.parametrize(
    "count,base,expected",
    [
        (118, 131, "90.1"),
        (1, 8, "12.5"),
        (1, 16, "6.3"),
        (5, 16, "31.3"),
        (2, 3, "66.7"),
        (1, 6, "16.7"),
        (3, 3, "100.0"),
        (0, 7, "0.0"),
        (1, 40, "2.5"),
        (1, 80, "1.3"),
    ],
)
def test_rounding_half_away_from_zero(count, base, expected):
    assert str(percent(count, base)) == expected


def test_gap_rounding_negative_half():
    assert round_half_away(Decimal("-2.25")) == Decimal("-2.3")
    assert round_half_away(Decimal("2.25")) == Decimal("2.3")
    ref = Reference(Decimal("94.1"), "national", "2019/20", "test")
    f = Figure(9, 10, 5, ref)
    assert f.gap == Decimal("-4.1") and f.flagged
    assert Figure(911, 1000, 5, ref).gap == Decimal("-3.0") and Figure(911, 1000, 5, ref).flagged  # 3.0 or more
    assert not Figure(912, 1000, 5, ref).flagged  # -2.9


def test_suppression():
    f = Figure(2, 4, 5)
    assert f.suppressed and f.percent is None and "too small to report" in f.text()
    assert f.as_dict()["count"] is None and f.as_dict()["base"] is None
    assert not Figure(2, 5, 5).suppressed


def test_employer_encounter_coverage_on_roll(ev):
    # Year 11 in 2024/25: P1, P2, P4, P5 on roll (P3 left 2023, P6 left 31 Aug 2024; P5 left 1 Sept 2024 = on roll).
    # E1 reached P1 and P2; E2 (31 Aug 2024) is in 2023/24.
    [c] = ev.coverage("employer_encounter", 2025, [11])
    assert (c.figure.count, c.figure.base, str(c.figure.percent)) == (2, 4, "50.0")
    [c10] = ev.coverage("employer_encounter", 2025, [10])
    assert (c10.figure.count, c10.figure.base) == (1, 2)  # P7 of P7, P8
    [prev] = ev.coverage("employer_encounter", 2024, [10])
    assert (prev.figure.count, prev.figure.base) == (1, 5)  # 2023/24: P4 (E2) of P1, P2, P4, P5, P6 (P3 left in March 2023)


def test_group_filters(ev):
    [dis] = ev.coverage("employer_encounter", 2025, [11], "disadvantaged")
    assert (dis.figure.count, dis.figure.base) == (1, 2)  # P1 of P1, P5
    [send] = ev.coverage("employer_encounter", 2025, [11], "send")
    assert (send.figure.count, send.figure.base) == (1, 1)  # P2 (K); P3 (E) not on roll
    [girls] = ev.coverage("employer_encounter", 2025, [11], "female")
    assert (girls.figure.count, girls.figure.base) == (1, 2)


def test_by_16(ev):
    r = ev.by_16("personal_guidance", 2025)
    # Base: cohort 2024/25 on roll in 2024/25 (P1, P2, P4, P5); PG2 is after 31 Aug 2025; P3 left.
    assert (r.figure.count, r.figure.base, str(r.figure.percent)) == (1, 4, "25.0")


def test_provider_access_28_february_cut_off(ev):
    r = ev.provider_access(2025, 2)
    assert (r.window_start, r.window_end) == (date(2023, 9, 1), date(2025, 2, 28))
    # P1, P2: PE1 + PE2 (on 28 Feb counts). P4: PE3 on 1 March does not. P5: PE4 is before the window.
    assert (r.figure.count, r.figure.base, str(r.figure.percent)) == (2, 4, "50.0")
    assert r.encounters_held == 2
    p1 = ev.provider_access(2025, 1)
    assert (p1.window_start, p1.window_end) == (date(2021, 9, 1), date(2023, 2, 28))


def test_provider_access_leap_year(school):
    pupils = "pupil_id,cohort,sex,disadvantaged,sen,left_on\nL1,2023/24,F,N,N,\n"
    acts = (
        "activity_id,date,activity_type,title,partner,benchmarks,pupil_id\n"
        "X1,2022-10-01,provider_encounter,Talk,C,7,L1\nX2,2024-02-29,provider_encounter,Talk,C,7,L1\n"
    )
    ev = Evidence(school(pupils, acts), min_group=1)
    r = ev.provider_access(2024, 2)
    assert r.window_end == date(2024, 2, 28) and r.figure.count == 0  # 29 Feb 2024 is after the cut-off


def test_destinations_rates_and_nccis(ev):
    bd = ev.destinations("ks4", 2025)
    # Rows: P1 sixth form, P2 apprenticeship (310), P3 employment (moved school but has a row), P4 not captured.
    s = bd.figures["sustained"]
    assert (s.count, s.base, str(s.percent)) == (3, 4, "75.0")
    assert bd.figures["apprenticeship"].count == 1 and bd.figures["not_captured"].count == 1
    assert (bd.figures["education"].count, bd.figures["education"].base) == (1, 4)
    send = ev.destinations("ks4", 2025, "send").figures["sustained"]
    assert (send.count, send.base) == (2, 2)
    assert ev.destinations("ks4", 2025, "disadvantaged").figures["sustained"].base == 1


def test_leavers_without_destination(ev):
    m = ev.missing_destinations(2025)
    # On roll in Year 11 in 2024/25: P1, P2, P4, P5; P5 has no row. P3 and P6 are not on roll.
    assert (m.count, m.leavers) == (1, 4)


def test_this_year_and_last_leavers(ev):
    span = ev.span()
    assert span.this_year == 2026  # latest activity 2025-09-15 is in 2025/26
    assert span.last_leavers["ks4"] == 2025


@pytest.mark.parametrize(
    "code,dest",
    [
        (210, "school_sixth_form"),
        (220, "sixth_form_college"),
        (230, "further_education"),
        (240, "higher_education"),
        (250, "other_education"),
        (290, "other_education"),
        (310, "apprenticeship"),
        (320, "employment"),
        (381, "employment"),
        (410, "other_education"),
        (460, "other_education"),
        (530, "not_sustained"),
        (680, "not_sustained"),
        (810, "not_captured"),
        (830, "not_captured"),
        (300, None),
        (390, None),
        (700, None),
        (840, None),
    ],
)
def test_nccis_bands(code, dest):
    assert nccis_destination(code) == dest


def test_national_reference_and_flag(school):
    rows = "".join(f"N{i},2019/20,F,N,N,2020-07-20\n" for i in range(10))
    dests = "".join(f"N{i},2019/20,ks4,{'further_education' if i < 9 else 'not_sustained'},\n" for i in range(10))
    ev = Evidence(
        school(
            "pupil_id,cohort,sex,disadvantaged,sen,left_on\n" + rows, None, "pupil_id,leaving_year,stage,destination,nccis_code\n" + dests
        )
    )
    f = ev.destinations("ks4", 2020).figures["sustained"]
    assert str(f.percent) == "90.0" and str(f.reference.percent) == "94.1" and str(f.gap) == "-4.1" and f.flagged
    # Sustained below the national figure and not sustained above it are both worse than the national picture.
    assert [fl.question for fl in ev.flags() if fl.kind == "destinations_vs_reference"] == [
        "Why is this worse than the national picture, and what are you doing about it?"
    ] * 2
    # No national figure for a year we hold none for: never invented.
    assert ev.destinations("ks4", 2020, "female").figures["sustained"].reference is None


def test_suppressed_group_in_destinations(school):
    ev = Evidence(school(PUPILS, ACTS, DESTS))  # default minimum group size 5
    f = ev.destinations("ks4", 2025).figures["sustained"]
    assert f.suppressed and f.percent is None


def test_local_reference(tmp_path, school):
    from bot.evidence.reference import load_local

    eng = school(PUPILS, ACTS, DESTS)
    ref = tmp_path / "la.csv"
    ref.write_text(
        "scope,stage,leaving_year,pupil_group,category,percent,source\n"
        "Anyshire LA,ks4,2024/25,all,sustained,92.5,Anyshire council 2025\n"
    )
    assert load_local(eng, ref, None) == 1
    ev = Evidence(eng, min_group=1)
    assert ev.reference("ks4", 2025, "all", "sustained", scope="local").percent == Decimal("92.5")
    bad = tmp_path / "bad.csv"
    bad.write_text("scope,stage,leaving_year,pupil_group,category,percent,source\nX,ks5,2024/25,all,sustained,120,s\n")
    from bot.records.db import RecordsError

    with pytest.raises(RecordsError, match="line 2"):
        load_local(eng, bad, None)
    national = tmp_path / "national.csv"
    national.write_text("scope,stage,leaving_year,pupil_group,category,percent,source\nnational,ks4,2024/25,all,sustained,93,s\n")
    with pytest.raises(RecordsError, match=r"column scope: 'national' is not valid \(the authority's name"):
        load_local(eng, national, None)
    assert ev.reference("ks4", 2025, "all", "sustained", scope="local").percent == Decimal("92.5")

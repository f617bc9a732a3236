"""Flags to sections: every flag of Evidence.flags() has a section; keys are stable; context and references are real."""

from __future__ import annotations

from collections import Counter

from bot.narrative import text
from bot.narrative.flags import all_flags
from bot.narrative.sections import build_sections


def test_every_evidence_flag_has_a_section(demo_evidence):
    sections = build_sections(demo_evidence)
    by_kind = Counter(s.flag.kind for s in sections)
    for f in demo_evidence.flags():
        same = [s for s in sections if s.flag.kind == f.kind and f"{s.flag.figure.count} of {s.flag.figure.base}" in f.message]
        assert same, f.message
    assert Counter(f.kind for f in demo_evidence.flags()) <= by_kind
    assert {"falling_trend", "send_gap", "not_sustained_share", "benchmark"} <= set(by_kind)  # the narrative's own kinds


def test_keys_are_unique_and_name_the_figure_not_its_value(demo_evidence):
    keys = [f.key for f in all_flags(demo_evidence)]
    assert len(keys) == len(set(keys)) == 16
    assert "gap:disadvantaged:ks4:2025" in keys and "coverage:employer_encounter:2026:9" in keys and "pa:2026:2" in keys


def test_a_section_has_figure_trend_reference_context_and_question(demo_evidence):
    s = next(s for s in build_sections(demo_evidence) if s.key == "ref:national:16-18:2023:all:sustained")
    assert text.figure_line(s).endswith("29 of 34 (85.3%).")
    assert [p.label for p in s.trend] == ["2022/23 leavers", "2023/24 leavers", "2024/25 leavers"]
    line = text.reference_line(s)
    assert "national 78.7% for 2022/23 leavers" in line and "+6.6 points" in line and "16-18 destination measures" in line
    ctx = text.context_line(s)
    assert "2022/23 leavers with a destination row: 34;" in ctx and "leavers whose activity was not captured: 2 of 34" in ctx
    assert s.flag.question == "What explains this being better than the national picture, and how do you keep it there?"


def test_no_reference_for_the_year_names_the_nearest_with_its_own_year(demo_evidence):
    s = next(s for s in build_sections(demo_evidence) if s.key == "gap:disadvantaged:ks4:2025")
    assert s.reference is None and s.nearest.leaving_year == "2021/22"
    assert "(a different year)" in text.reference_line(s)


def test_small_groups_are_suppressed_in_trends(demo_evidence):
    s = next(s for s in build_sections(demo_evidence) if s.key == "trend:16-18:send")
    assert "too small to report" in text.trend_line(s)
    assert s.flag.compare.text() == "5 of 6 (83.3%)"  # the fall is measured from the first year that can be reported


def test_context_of_an_activity_flag(demo_evidence):
    s = next(s for s in build_sections(demo_evidence) if s.key == "coverage:employer_encounter:2026:9")
    assert [c.text() for c in s.context][:2] == ["113", "23 of 113 (20.4%)"]
    assert [p.figure.text() for p in s.trend][-1] == "75 of 113 (66.4%)"


def test_a_local_authority_figure_flags_with_its_own_source(demo_copy, tmp_path):
    from bot.evidence import reference as refs
    from bot.records import demo
    from tests.narrative.conftest import fresh

    eng, _ = demo_copy
    la = tmp_path / "la.csv"
    la.write_text(
        "scope,stage,leaving_year,pupil_group,category,percent,source\n"
        "Northshire LA,ks4,2024/25,all,sustained,98.0,Northshire County Council NCCIS return 2025\n",
        encoding="utf-8",
    )
    refs.load_local(eng, la, demo.DEMO_SCHOOL)
    s = next(s for s in build_sections(fresh(eng)) if s.key == "ref:local:ks4:2025:all:sustained")
    line = text.reference_line(s)
    assert "Northshire LA 98.0% for 2024/25 leavers; the gap is -3.2 points" in line and "NCCIS return 2025" in line
    assert "Northshire LA picture" in s.flag.question

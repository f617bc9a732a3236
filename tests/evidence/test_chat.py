"""Evidence questions in plain English against the demo school, with follow-ups."""

from __future__ import annotations

import pytest

from bot import nlp, spelling
from bot.evidence.chat import EvidenceChat
from bot.evidence.context import EvidenceContext
from bot.evidence.measures import ACTIVITY_LABELS
from bot.rasa.payloads import render
from bot.records.vocab import ACTIVITY_TYPES


class Convo:
    def __init__(self, ev):
        self.chat = EvidenceChat(ev)
        self.context = EvidenceContext()

    def ask(self, intent, text):
        # As in the NLU pipeline: the entity ruler reads the text after typo correction.
        ents = [] if text.startswith("/") else [(e.label, e.value) for e in nlp.entities(spelling.corrected_text(text))]
        reply = self.chat.answer(intent, text, ents, self.context)
        self.context = reply.context
        return reply


@pytest.fixture
def convo(demo_evidence):
    return Convo(demo_evidence)


def test_unstated_stage_answers_both_then_follow_ups(convo, demo_evidence):
    r = convo.ask("ask_destinations", "what were our destinations last year?")
    assert r.text == (
        "2024/25 leavers, both stages (KS4 first):\n"
        "- KS4 (Year 11 leavers): 92 of 97 leavers (94.8%) in a sustained destination.\n"
        "- 16-18 (sixth-form leavers): 33 of 43 leavers (76.7%) in a sustained destination.\n"
        'Say "KS4" or "sixth form" for the full breakdown of either.'
    )
    assert [render(b) for b in r.buttons] == [
        ("KS4 in detail", '/followup{"year_group": "KS4"}'),
        ("16-18 in detail", '/followup{"year_group": "sixth form"}'),
    ]
    r = convo.ask("followup", "KS4")
    lines = r.text.split("\n")
    assert lines[0] == "KS4 2024/25 leavers: 92 of 97 leavers (94.8%) in a sustained destination."
    assert lines[2] == (
        "There is no national figure for 2024/25 leavers in the reference figures I hold; the nearest are for "
        "2015/16, 2019/20 leavers (national, 2019/20 leavers, 2020/21 destinations release, provisional "
        "(since superseded): 94.1%)."
    )
    assert lines[3] == "4 of the 101 2024/25 Year 11 leavers have no destination recorded (not in these figures)."
    r = convo.ask("followup", "and for disadvantaged pupils?")
    assert r.text.split("\n")[:2] == [
        "KS4 2024/25 leavers, disadvantaged pupils: 28 of 33 leavers (84.8%) in a sustained destination.",
        "school sixth form 9 (27.3%); further education college 12 (36.4%); sixth form college 3 (9.1%); "
        "employment 3 (9.1%); other education 1 (3.0%); not sustained 4 (12.1%); activity not captured 1 (3.0%).",
    ]
    assert "gap is 15.2 points" in r.text
    r = convo.ask("ask_comparison", "how does that compare nationally?")
    assert r.text == (
        "KS4 2024/25 leavers, disadvantaged pupils: 28 of 33 leavers (84.8%) in a sustained destination.\n"
        "There is no national figure for 2024/25 leavers (disadvantaged pupils) in the reference figures I hold; the "
        "nearest are for 2021/22 leavers (national, 2021/22 leavers, 2022/23 destinations release; a newer release "
        "(2023/24, 2022/23 leavers) exists: 86.1%)."
    )
    r = convo.ask("followup", "what about the year before?")
    f = demo_evidence.destinations("ks4", 2024, "disadvantaged").figures["sustained"]
    assert r.text.startswith(f"KS4 2023/24 leavers, disadvantaged pupils: {f.text('leavers')} in a sustained destination.")
    r = convo.ask("followup", "and for SEND pupils?")
    assert r.text.split("\n")[0].startswith("KS4 2023/24 leavers, pupils with SEND")


def test_reference_gap_and_flag(convo):
    r = convo.ask("ask_destinations", "KS4 destinations for disadvantaged pupils in 2021/22")
    assert (
        "National figure (national, 2021/22 leavers, 2022/23 destinations release; a newer release (2023/24, 2022/23 leavers) "
        "exists): 86.1%. You are 0.9 points above it."
    ) in r.text.split("\n")
    assert r.text.startswith("KS4 2021/22 leavers, disadvantaged pupils: 20 of 23 leavers (87.0%) in a sustained destination.")
    assert "explain" not in r.text  # under the 3.0-point threshold
    r = convo.ask("ask_destinations", "our sixth form leavers' destinations in 2022/23")
    assert r.text.startswith("16-18 2022/23 leavers: 29 of 34 leavers (85.3%) in a sustained destination.")
    assert (
        "National figure (national, 2022/23 leavers, 2023/24 destinations release): 78.7%. You are 6.6 points above it. "
        "A gap of 3.0 points or more is one an inspector may ask you to explain."
    ) in r.text.split("\n")


def test_sixteen_to_eighteen_and_trend(convo, demo_evidence):
    r = convo.ask("ask_destinations", "show me five years of sixth form leavers' destinations")
    assert r.text.startswith("16-18 destinations")
    assert "- 2022/23: 29 of 34 leavers (85.3%) (national 78.7%, 2023/24 destinations release)" in r.text.split("\n")
    r = convo.ask("ask_destinations", "KS4 destinations trend")
    assert r.text.count("\n- ") == 5 and "Change over the period" in r.text


def test_category_question(convo, demo_evidence):
    r = convo.ask("ask_destinations", "how many of our year 11 leavers went into apprenticeships last year?")
    f = demo_evidence.destinations("ks4", 2025).figures["apprenticeship"]
    assert "went to apprenticeship" in r.text and f.text("leavers") in r.text


def test_not_sustained_and_missing(convo, demo_evidence):
    r = convo.ask("ask_not_sustained", "how many of our KS4 leavers were NEET last year?")
    assert demo_evidence.destinations("ks4", 2025).figures["not_sustained"].text("leavers") in r.text
    r = convo.ask("ask_data_gaps", "how many leavers have no destination recorded?")
    assert "4 of the 101 pupils who were on roll in Year 11 in 2024/25" in r.text


def test_missing_destinations_are_year_11s_and_say_so_for_sixth_form_leavers(convo):
    r = convo.ask("ask_data_gaps", "how many leavers have no destination recorded from last year")
    assert r.context.query.stage == "both"  # every leaver asked about, at a school with a sixth form: both stages
    assert r.text.split("\n")[:1] + r.text.split("\n")[2:3] == [
        "4 of the 101 pupils who were on roll in Year 11 in 2024/25 have no KS4 destination recorded. They are a data gap "
        "and are left out of every destination rate.",
        "Sixth-form leavers: missing destinations are counted for Year 11 leavers only; a sixth-form leaver with no "
        "16-18 row is simply not in the 16-18 rates.",
    ]
    r = convo.ask("followup", "what about 2022/23")
    assert r.context.query.stage == "both" and r.context.query.year == 2023  # a follow-up keeps the stage it had
    r = convo.ask("ask_data_gaps", "y11 leavers with no destination recorded 2023/24")
    assert r.context.query.stage == "ks4" and "Sixth-form leavers" not in r.text
    r = convo.ask("ask_data_gaps", "how many sixth form leavers have we got no record of where they went, last yr")
    assert r.context.query.stage == "16-18"
    assert r.text.split("\n")[:2] == [
        "Missing destinations are counted for Year 11 leavers only (pupils on roll in Year 11 with no KS4 destination row); "
        "a sixth-form leaver with no 16-18 row is simply not in the 16-18 rates. Here are the Year 11 leavers:",
        "4 of the 101 pupils who were on roll in Year 11 in 2024/25 have no KS4 destination recorded. They are a data gap "
        "and are left out of every destination rate.",
    ]


def test_a_short_year_after_the_16_18_stage_is_the_year(convo):
    r = convo.ask("ask_destinations", "employment dests 16-18 22/23")
    assert (r.context.query.stage, r.context.query.year) == ("16-18", 2023)


def test_employer_encounters_by_year_group_and_follow_up(convo, demo_evidence):
    r = convo.ask("ask_activity_coverage", "employer encounters by year group this year")
    assert "in 2025/26" in r.text and r.text.count("- Year ") == 7
    assert (
        "expects every pupil" in r.text
        and (
            "3 points or more short of that: Year 9 (66.4%), Year 12 (94.9%). Just below every pupil: Year 7, Year 10, Year 11, Year 13.\n"
        )
        in r.text
    )
    r = convo.ask("followup", "and year 10?")
    [c] = demo_evidence.coverage("employer_encounter", 2026, [10])
    assert f"2025/26: {c.figure.text('Year 10 pupils')}" in r.text
    r = convo.ask("followup", "what about last year?")
    [c] = demo_evidence.coverage("employer_encounter", 2025, [10])
    assert "2024/25" in r.text and c.figure.text("Year 10 pupils") in r.text


def test_activity_question_without_type_asks_back_for_several_year_groups(convo):
    r = convo.ask("ask_activity_coverage", "how many pupils took part in careers activities this year?")
    assert "Which activity" in r.text and r.buttons


def test_activity_question_without_type_for_one_year_group_gives_every_activity(convo, demo_evidence):
    r = convo.ask("ask_activity_coverage", "how many year 8s took part this year?")
    lines = [f"- {ACTIVITY_LABELS[a]}: {demo_evidence.coverage(a, 2026, [8])[0].figure.text()}" for a in ACTIVITY_TYPES]
    assert r.text.splitlines()[1:-1] == lines


def test_by_16(convo, demo_evidence):
    r = convo.ask("ask_activity_coverage", "did every year 11 get personal guidance by 16?")
    assert demo_evidence.by_16("personal_guidance", 2026).figure.text("pupils") in r.text


def test_provider_access_by_cohort(convo, demo_evidence):
    r = convo.ask("ask_provider_access", "are we meeting provider access for this year's Year 11?")
    assert "2025/26 cohort" in r.text and "phase 2" in r.text and "0 of 104 pupils (0.0%)" in r.text
    r = convo.ask("ask_provider_access", "provider access for our current year 9s")
    assert "2027/28 cohort" in r.text and "phase 1" in r.text
    r = convo.ask("ask_provider_access", "provider encounters for the 2024/25 leavers")
    assert "2024/25 cohort" in r.text and "phase 1" in r.text and "phase 2" in r.text


def test_benchmarks_and_flags(convo):
    r = convo.ask("ask_benchmarks", "how are we doing on gatsby 5")
    assert "Benchmark 5:" in r.text and "Benchmark 6:" not in r.text
    r = convo.ask("ask_flags", "what will the inspector pick up on?")
    assert r.text.startswith("What an inspector may pick up on") and "1. Provider access" in r.text


def test_plain_answers_when_records_hold_nothing(convo):
    r = convo.ask("ask_destinations", "KS4 destinations for 2015/16")
    assert "no KS4 destinations for 2015/16 leavers" in r.text and "2020/21 to 2024/25" in r.text
    r = convo.ask("followup", "and year 9?")
    assert "Destinations are recorded for pupils leaving Year 11" in r.text


def test_follow_up_without_context(convo):
    r = convo.ask("followup", "and for girls?")
    assert "What would you like me to look at" in r.text


def test_no_pupil_id_in_any_reply(demo_evidence, demo_engine):
    """Sweep every measure and group: no reply contains any pupil id in the database."""
    from sqlalchemy import select

    from bot.evidence.measures import GROUPS
    from bot.records import schema

    with demo_engine.connect() as conn:
        ids = {r[0] for r in conn.execute(select(schema.pupils.c.pupil_id))}
    texts = []
    for group in GROUPS:
        c = Convo(demo_evidence)
        for intent, text in [
            ("ask_destinations", "KS4 destinations last year"),
            ("ask_destinations", "16-18 destinations trend"),
            ("ask_not_sustained", "KS4 NEET last year"),
            ("ask_data_gaps", "leavers without a destination"),
            ("ask_activity_coverage", "employer encounters by year group"),
            ("ask_activity_coverage", "work experience by 16"),
            ("ask_provider_access", "provider access"),
            ("ask_benchmarks", "benchmark coverage"),
            ("ask_flags", "what will the inspector pick up on"),
        ]:
            texts.append(c.ask(intent, text).text)
            texts.append(c.chat.answer("followup", "", [("pupil_group", group)], c.context).text)
    blob = "\n".join(texts)
    assert len(ids) > 1000
    assert not [i for i in ids if i in blob]


# ---------------------------------------------------------------- issue 14: what staff actually type


@pytest.mark.parametrize(
    "text,stage",
    [
        ("destinations for our GCSE leavers", "KS4"),
        ("Year 11 destinations last year", "KS4"),
        ("Y11 destinations", "KS4"),
        ("KS4 destinations", "KS4"),
        ("sixth form destinations last year", "16-18"),
        ("A level leavers' destinations", "16-18"),
        ("Year 13 destinations", "16-18"),
        ("post-16 leavers destinations", "16-18"),
    ],
)
def test_stage_words_answer_rather_than_ask(convo, text, stage):
    r = convo.ask("ask_destinations", text)
    assert r.text.split(" 2024/25 leavers")[0] == stage and r.buttons == []
    assert convo.context.query.stage == {"KS4": "ks4", "16-18": "16-18"}[stage]


def test_disadvantaged_destinations_without_a_stage_answer_both(convo):
    r = convo.ask("ask_destinations", "How did disadvantaged pupils do for destinations last year?")
    assert r.text.split("\n")[:3] == [
        "2024/25 leavers, disadvantaged pupils, both stages (KS4 first):",
        "- KS4 (Year 11 leavers): 28 of 33 leavers (84.8%) in a sustained destination.",
        "- 16-18 (sixth-form leavers): 12 of 15 leavers (80.0%) in a sustained destination.",
    ]


@pytest.fixture(scope="module")
def no_sixth_form(tmp_path_factory, demo_dir):
    from bench.staff_sets import no_sixth_form as strip
    from bot.evidence import Evidence
    from bot.records import db, demo, importer

    tmp = tmp_path_factory.mktemp("nosixth")
    eng = db.make_engine(f"sqlite:///{tmp / 'c.db'}")
    importer.import_folder(eng, strip(demo_dir, tmp / "csv"), demo.DEMO_SCHOOL)
    return Evidence(eng, demo.DEMO_SCHOOL)


def test_school_without_a_sixth_form_gets_ks4_straight_away(no_sixth_form):
    c = Convo(no_sixth_form)
    r = c.ask("ask_destinations", "what were our destinations last year?")
    assert r.text.split("\n")[0] == "KS4 2024/25 leavers: 92 of 97 leavers (94.8%) in a sustained destination." and r.buttons == []
    r = c.ask("ask_destinations", "sixth form destinations last year")
    assert r.text == "Your records hold no 16-18 destinations."
    assert c.context.query.measure == "destinations" and c.context.query.stage == "16-18"


def test_year_11_comparison_in_one_message(convo):
    r = convo.ask("ask_destinations", "How do our year 11 destinations compare with the national average?")
    assert r.text == (
        "KS4 2024/25 leavers: 92 of 97 leavers (94.8%) in a sustained destination.\n"
        "There is no national figure for 2024/25 leavers in the reference figures I hold; the nearest are for "
        "2015/16, 2019/20 leavers (national, 2019/20 leavers, 2020/21 destinations release, provisional "
        "(since superseded): 94.1%)."
    )


def test_new_measure_replaces_the_previous_one_and_compares_with_the_la(convo):
    convo.ask("ask_activity_coverage", "employer encounters by year group this year")
    r = convo.ask("ask_destinations", "compare our destinations with the local authority")
    q = convo.context.query
    assert (q.measure, q.stage, q.compare, q.scope) == ("destinations", "both", True, "local")
    assert r.text.split("\n")[1] == (
        "- KS4 (Year 11 leavers): 92 of 97 leavers (94.8%) in a sustained destination. No local authority "
        "figure for 2024/25 leavers is loaded. Load your authority's figures with `coach reference FILE` "
        "(the same columns as the national file) to compare with them."
    )


def test_la_comparison_uses_a_loaded_local_figure(demo_engine, tmp_path):
    from bot.evidence import Evidence, reference
    from bot.records import demo

    path = tmp_path / "la.csv"
    path.write_text(
        "scope,stage,leaving_year,pupil_group,category,percent,source\n"
        "Northshire LA,ks4,2024/25,all,sustained,93.5,Northshire tracking 2025\n",
        encoding="utf-8",
    )
    reference.load_local(demo_engine, path, demo.DEMO_SCHOOL)
    try:
        c = Convo(Evidence(demo_engine, demo.DEMO_SCHOOL))
        c.ask("ask_destinations", "KS4 destinations last year")
        r = c.ask("ask_comparison", "and against the local authority?")
        assert r.text.split("\n")[-1] == "Local figure (Northshire LA, 2024/25 leavers): 93.5%. You are 1.3 points above it."
    finally:
        empty = tmp_path / "empty.csv"
        empty.write_text("scope,stage,leaving_year,pupil_group,category,percent,source\n", encoding="utf-8")
        reference.load_local(demo_engine, empty, demo.DEMO_SCHOOL)


def test_follow_up_with_a_new_measure_keeps_stage_year_and_group(convo):
    convo.ask("ask_destinations", "sixth form destinations for girls in 2023/24")
    r = convo.ask("followup", "and the NEET figure?")
    q = convo.context.query
    assert (q.measure, q.stage, q.year, q.group) == ("not_sustained", "16-18", 2024, "female")
    assert r.text.startswith("16-18 2023/24 leavers, girls: ")
    convo.ask("ask_activity_coverage", "employer encounters for year 10")
    convo.ask("followup", "and provider access?")
    q = convo.context.query
    assert (q.measure, q.year_groups, q.phase) == ("provider_access", [10], 2)


def test_a_new_group_or_year_keeps_the_measure(convo):
    convo.ask("ask_not_sustained", "KS4 NEET in 2023/24")
    convo.ask("followup", "and for boys?")
    q = convo.context.query
    assert (q.measure, q.stage, q.year, q.group) == ("not_sustained", "ks4", 2024, "male")
    convo.ask("followup", "and 22/23?")
    assert (convo.context.query.measure, convo.context.query.year) == ("not_sustained", 2023)
    convo.ask("followup", "and for everyone else?")
    assert convo.context.query.group == "female"


def test_work_experience_before_the_end_of_year_11_is_by_16_whatever_the_intent(convo, demo_evidence):
    r = convo.ask("ask_destinations", "What proportion of the 2024/25 cohort did work experience before the end of Year 11?")
    f = demo_evidence.by_16("workplace_experience", 2025).figure
    assert r.text.split("\n")[0] == f"- Workplace experience by 16, 2024/25 Year 11 cohort: {f.text('pupils')}"
    assert convo.context.query.measure == "by16"


def test_typos_and_shorthand_are_read(convo, demo_evidence):
    r = convo.ask("ask_destinations", "destiantions for yr 11 leavers 2023/24")
    assert r.text.split("\n")[0] == "KS4 2023/24 leavers: 106 of 114 leavers (93.0%) in a sustained destination."
    r = convo.ask("ask_activity_coverage", "wex yr10 2024/25")
    [c] = demo_evidence.coverage("workplace_experience", 2025, [10])
    assert r.text.split("\n")[0] == f"2024/25: {c.figure.text('Year 10 pupils')} had at least workplace experience."


def test_comparisons_for_measures_without_a_national_figure(convo):
    convo.ask("ask_benchmarks", "benchmark coverage this year")
    r = convo.ask("ask_comparison", "how does that compare nationally?")
    assert r.text.split("\n")[-2 if "An inspector may ask" in r.text else -1] == (
        "Nationally, schools met 5.96 of the 8 benchmarks on average in 2024/25 (Compass self-evaluation, the last year on the "
        "original benchmarks). That compares with your Compass result for 2024/25, not with these records, and not with a "
        "2025/26 result on the refreshed benchmarks."
    )


@pytest.mark.parametrize(
    "context",
    [
        "oops",
        ["a"],
        {"query": "x"},
        {"query": {"measure": "destinations", "year": "2024"}},
        {"query": {"measure": "nonsense"}},
        {"query": {"measure": "coverage", "year_groups": ["7"]}},
        {"pending": {"intent": 3}},
        {"pending": {"intent": "ask_destinations", "text": "x", "entities": [1]}},
    ],
)
def test_a_malformed_saved_context_is_ignored(convo, context):
    r = convo.chat.answer("followup", "and for girls?", [("pupil_group", "female")], EvidenceContext.from_slot(context))
    assert r.text.startswith("What would you like me to look at?")


def test_a_phase_named_outright(convo):
    convo.ask("ask_provider_access", "provider access for the 2023/24 cohort, phase 3 only")
    assert (convo.context.query.cohort, convo.context.query.phase) == (2024, 3)


def test_a_new_measure_intent_after_an_opener_is_a_new_question(convo):
    convo.ask("ask_not_sustained", "KS4 NEET in 2023/24")
    convo.ask("ask_benchmarks", "and now the benchmark coverage please")
    assert convo.context.query.measure == "benchmarks"


@pytest.mark.parametrize(
    "text,activity,year_groups",
    [
        ("1:1 careers guidance y11 last year", "personal_guidance", [11]),
        ("How many Year 10 pupils have visited a university this year?", "higher_education_visit", [10]),
        ("How many Year 13s have seen the careers adviser in 2025/26?", "personal_guidance", [13]),
        ("How many Year 12 students have had at least one provider encounter this year?", "provider_encounter", [12]),
        ("wex this year yr10 yr12", "workplace_experience", [10, 12]),
        ("careers guidance meetings so far for y8, y9 & y10", "personal_guidance", [8, 9, 10]),
    ],
)
def test_an_activity_the_reader_names_is_the_question_s_activity(convo, text, activity, year_groups):
    convo.ask("ask_activity_coverage", text)
    q = convo.context.query
    assert (q.measure, q.activity_type, q.year_groups) == ("coverage", activity, year_groups)


@pytest.mark.parametrize(
    "intent,text,expect",
    [
        ("ask_destinations", "dests vs LA last yr", {"measure": "destinations", "compare": True, "scope": "local", "year": 2025}),
        ("ask_not_sustained", "neet numbers v LA 2022/23", {"measure": "not_sustained", "compare": True, "scope": "local", "year": 2023}),
        ("ask_destinations", "post 16 destinations of last years yr 11s", {"measure": "destinations", "stage": "ks4"}),
        (
            "ask_destinations",
            "sixth form leavers who didnt stick at their destination 2023/24",
            {"measure": "not_sustained", "stage": "16-18"},
        ),
        ("ask_destinations", "how many leavers did we never get a destination for", {"measure": "missing"}),
        (
            "ask_data_gaps",
            "year 13 leavers recorded as activity not captured last year",
            {"measure": "destinations", "category": "not_captured"},
        ),
        ("ask_not_sustained", "not sustained send ks4 last yr", {"measure": "not_sustained", "group": "send", "year": 2025}),
        ("ask_activity_coverage", "girls yr 8 employer encounters last yr", {"year": 2025, "year_groups": (8,), "group": "female"}),
        ("ask_activity_coverage", "6th formers emplyer encouters 25/26", {"year_groups": (12, 13), "activity_type": "employer_encounter"}),
        ("ask_activity_coverage", "ehcp wex before end of y11, last years cohort", {"measure": "by16", "cohort": 2025, "group": "sen_e"}),
    ],
)
def test_staff_shorthand_is_read_into_the_query(convo, intent, text, expect):
    convo.ask(intent, text)
    q = convo.context.query
    assert {k: (tuple(getattr(q, k)) if k == "year_groups" else getattr(q, k)) for k in expect} == expect


def test_last_years_year_11_stays_that_cohort_through_a_comparison_and_across_two_year_groups(convo):
    r = convo.ask("ask_activity_coverage", "wex by 16 last years year 11")
    assert r.context.query.cohort == 2025
    r = convo.ask("ask_comparison", "compare with the national average")
    assert r.context.query.cohort == 2025  # no year named: the same Year 11, not this year's
    r = convo.ask("ask_provider_access", "how many encounters with providers did last years year 11 get in y10 and y11")
    assert (r.context.query.cohort, r.context.query.phase) == (2025, 2)


def test_sixth_form_destinations_at_a_school_without_one_keep_the_year_asked(no_sixth_form):
    c = Convo(no_sixth_form)
    r = c.ask("ask_destinations", "sixth form destinations 2022/23")
    assert r.text == "Your records hold no 16-18 destinations." and c.context.query.year == 2023
    r = c.ask("followup", "what about y11 then")
    assert (r.context.query.stage, r.context.query.year) == ("ks4", 2023)


def test_compared_with_the_council_is_a_local_comparison():
    from bot.evidence import query

    said = query.about("ks4 not sustained last year compared to the council")
    assert (said.measure, said.compare) == ("not_sustained", "local")


def test_a_comparison_of_both_stages_says_which_national_figures_there_are(convo):
    convo.ask("ask_destinations", "what were our destinations last year?")
    r = convo.ask("ask_comparison", "how does that compare nationaly")
    assert r.text.splitlines()[1:3] == [
        "- KS4 (Year 11 leavers): 92 of 97 leavers (94.8%) in a sustained destination. There is no national figure for "
        "2024/25 leavers in the reference figures I hold; the nearest are for 2015/16, 2019/20 leavers (national, 2019/20 "
        "leavers, 2020/21 destinations release, provisional (since superseded): 94.1%).",
        "- 16-18 (sixth-form leavers): 33 of 43 leavers (76.7%) in a sustained destination. There is no national figure for "
        "2024/25 leavers in the reference figures I hold; the nearest are for 2022/23 leavers (national, 2022/23 leavers, "
        "2023/24 destinations release: 78.7%).",
    ]

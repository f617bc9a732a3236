"""Issue 14: a benchmark number or a named duty decides the topic; content follows the revised brief."""

import pytest

from bot.evidence import reference
from bot.knowledge import answers, search
from bot.knowledge.base import topics

NEW_TOPICS = [
    "website_requirements",
    "careers_impact_system",
    "quality_in_careers_standard",
    "careers_hubs",
    "la_tracking_duties",
    "ladder_of_support",
    "work_experience_safety",
    "career_development_framework",
    "longer_term_destinations",
    "post16_review_2025",
]


@pytest.mark.parametrize("n", range(1, 9))
def test_a_benchmark_number_decides_the_topic(n):
    for text in (f"What does Gatsby benchmark {n} require?", f"gb{n}?", f"benchmrak {n}", f"tell me about bm {n}"):
        assert search.find_topic(text).key == f"gatsby_benchmark_{n}", text


@pytest.mark.parametrize(
    "text,topic",
    [
        ("What's the Baker clause?", "provider_access_overview"),
        ("whats the baker clause", "provider_access_overview"),
        ("what did Ofsted say in 2021 about the Baker clause?", "baker_clause_ofsted_reporting"),
        ("what is the September Guarantee?", "september_guarantee"),
        ("explain the ladder of support", "ladder_of_support"),
        ("is the careers impact system compulsory?", "careers_impact_system"),
        ("what is compass+", "compass_plus"),
        ("What do we have to publish on our website about careers?", "website_requirements"),
    ],
)
def test_named_duties_and_tools(text, topic):
    assert search.find_topic(text).key == topic


def test_named_duty_narrows_but_the_model_still_chooses():
    assert search.candidates("does the provider access duty apply to year 12?") == frozenset(
        {
            "provider_access_overview",
            "provider_access_phases",
            "provider_access_what_counts",
            "provider_access_policy",
            "baker_clause_ofsted_reporting",
            "ladder_of_support",
        }
    )
    assert search.candidates("what's the weather") == frozenset()


def test_every_route_points_at_a_topic():
    by_number, named = search.routes()
    known = set(topics())
    assert all(ts <= known for ts in by_number.values())
    assert all(r.topics <= known for r in named)


def test_new_topics_exist_and_are_found_from_their_phrasings():
    t = topics()
    assert set(NEW_TOPICS) <= set(t)
    for tid in NEW_TOPICS:
        hits = sum(1 for e in t[tid].examples if (m := search.find_topic(e)) and m.key == tid)
        assert hits >= 6, tid


def test_revised_claims():
    t = topics()
    b8 = t["gatsby_benchmark_8"].answer
    assert '"trained to an appropriate level"' in b8 and "Level 6 is recommended, not required" in b8 and "at Level 6 or above" not in b8
    assert "Level 6 is recommended, not a legal requirement" in t["careers_adviser_level6"].answer
    old = t["framework_2019_2025_careers"].answer
    assert "unlikely to be judged outstanding" in old and "could not be\" outstanding for this, so don't repeat that claim" in old
    assert "in force from 2 January 2018" in t["provider_access_policy"].answer
    assert "required since January 2018" in t["website_requirements"].answer
    assert "legal requirement since September 2018" in t["website_requirements"].answer
    ks4 = t["national_ks4_destinations"].answer
    assert "2015/16 KS4 leavers: about 94%" in ks4 and "it is not a figure for 2016/17 leavers" in ks4
    assert "marked provisional and has been superseded" in ks4
    send = t["send_destinations_national"].answer
    assert "that is for 2015/16 to 2019/20 leavers, and these figures include special schools" in send
    avg = t["gatsby_national_averages"].answer
    assert "don't compare a 2025/26 Compass result with it" in avg and "that it is the hardest benchmark is not confirmed" in avg
    for tid, topic in t.items():
        assert "hardest to meet" not in topic.answer, tid
        assert "qualified to Level 6" not in topic.answer, tid


def test_reference_figures_name_leaving_year_and_release():
    assert reference.release("ks4", 2020, "all", "sustained") == "2020/21 destinations release, provisional (since superseded)"
    assert reference.release("ks4", 2016, "all", "sustained") == "2016/17 destinations release (October 2018)"
    assert reference.release("16-18", 2023, "all", "sustained") == "2023/24 destinations release"
    national = reference.national()
    assert ("ks4", 2017, "all", "sustained") not in national and national[("ks4", 2016, "all", "sustained")].percent == 94
    assert set(reference.national_releases()) == set(national)


def test_knowledge_answer_for_a_misspelt_benchmark():
    r = answers.knowledge("what does benchmrak 8 require")
    assert r.topic == "gatsby_benchmark_8" and r.text.split("\n")[0] == "Gatsby Benchmark 8: personal guidance"


@pytest.mark.parametrize(
    "text,topic",
    [
        ("national average for y11 sustained destinations", "national_ks4_destinations"),
        ("how do ehcp leavers do nationally after year 11", "send_destinations_national"),
        ("how far behind are disadvantaged pupils nationally for sustained destinations after year 11", "disadvantaged_gap"),
    ],
)
def test_national_destinations_of_a_named_stage_or_group(text, topic):
    assert search.find_topic(text).key == topic


def test_an_in_domain_question_fitting_no_topic_gets_the_nearest_said_to_be_the_nearest():
    text = "careers fair raffle prizes"
    assert search.find_topic(text) is None
    m, nearest = search.answer_topic(text)
    assert m is not None and nearest
    reply = answers.knowledge(text).text
    assert reply.startswith("I have no answer that fits that question closely; this is the nearest topic I hold:\n")
    assert search.answer_topic("how do I reset my printer password") == (None, False)

"""The knowledge base, theme recognition and example questions."""

import re

import pytest
import yaml

from bot.interview.bank import THEMES
from bot.knowledge import answers, search
from bot.knowledge.base import topics
from bot.rasa.payloads import render
from tests.conftest import ROOT

REQUIRED = [
    "renewed_framework_2025",
    "report_card_grades",
    "careers_in_renewed_framework",
    "gatsby_2024_refresh",
    "meaningful_definition",
    "provider_access_overview",
    "provider_access_phases",
    "provider_access_policy",
    "independent_careers_guidance_duty",
    "careers_leader",
    "website_requirements",
    "governors_role",
    "destination_measures",
    "sustained_destination",
    "neet_not_known",
    "september_guarantee",
    "nccis_activity_codes",
    "send_preparing_for_adulthood",
    "careers_adviser_level6",
    "work_experience_expectations",
    "compass_tool",
    "compass_plus",
    "evidence_to_have_ready",
    "who_inspectors_talk_to",
    "ofsted_review_2013",
    "ofsted_review_2023",
] + [f"gatsby_benchmark_{i}" for i in range(1, 9)]


def test_at_least_50_topics_each_dated_and_sourced():
    t = topics()
    assert len(t) >= 50
    assert set(REQUIRED) <= set(t)
    for topic in t.values():
        # A property, not a choice of answers: each topic is dated, or says plainly that its date is unconfirmed.
        assert re.search(r"(19|20)\d\d", topic.year) or "not confirmed" in topic.year, topic.id
        assert topic.source and topic.answer and len(topic.examples) >= 8
        assert topic.theme is None or topic.theme in THEMES


@pytest.mark.parametrize("topic_id", sorted(topics()))
def test_each_topic_found_from_its_own_phrasings(topic_id):
    t = topics()[topic_id]
    hits = sum(1 for e in t.examples[:4] if (m := search.find_topic(e)) and m.key == topic_id)
    assert hits >= 3, topic_id


def test_held_out_topic_accuracy_floor():
    held = yaml.safe_load((ROOT / "tests/heldout/knowledge.yml").read_text())["questions"]
    right = sum(1 for q in held if (m := search.find_topic(q["text"])) and m.key == q["topic"])
    assert right / len(held) >= 0.75  # measured figure in bench/results.md


def test_held_out_theme_accuracy_floor():
    held = yaml.safe_load((ROOT / "tests/heldout/themes.yml").read_text())["questions"]
    assert len(held) >= 60
    right = sum(1 for q in held if search.find_theme(q["text"]).key == q["theme"])
    assert right / len(held) >= 0.65


def test_knowledge_reply_states_year_and_points_onward():
    r = answers.knowledge("when do the provider encounters have to happen?")
    assert r.topic == "provider_access_phases"
    assert "28 February" in r.text and "(Rule or finding dated:" in r.text and "Ask me about:" in r.text
    assert any(p.startswith("/start_interview") for _, p in map(render, r.buttons))


def test_unknown_knowledge_question():
    assert "don't have a reliable answer" in answers.knowledge("what's the weather in Leeds").text


def test_how_to_answer_with_school_figures(demo_evidence):
    r = answers.how_to_answer("How should I answer this: how do you make sure every pupil meets an employer every year?", demo_evidence)
    assert "Encounters with employers (Gatsby Benchmark 5)" in r.text
    assert "A strong answer:" in r.text and "Your figures to use:" in r.text and "2025/26" in r.text
    assert render(r.buttons[0])[1] == '/start_interview{"interview_theme": "employer_encounters"}'


def test_how_to_answer_destinations(demo_evidence):
    r = answers.how_to_answer("what's a good answer to 'how do you use destination data?'", demo_evidence)
    assert "Destinations" in r.text.split("\n")[0] and "92 of 97" in r.text


def test_how_to_answer_gives_the_rule_behind_the_question():
    r = answers.how_to_answer("what do i say if the inspector asks whether our careers adviser is properly qualified")
    assert r.topic == "careers_adviser_level6"
    assert r.text.split("\n")[:2] == [
        "That question is about Personal guidance (Gatsby Benchmark 8).",
        "What the rules say (Careers advisers: 'an appropriate level' and Level 6 (recommended)): "
        + topics()["careers_adviser_level6"].answer
        + f" (Dated: {topics()['careers_adviser_level6'].year}. Source: {topics()['careers_adviser_level6'].source}.)",
    ]


def test_example_questions_say_what_inspectors_look_at_unless_a_list_is_asked_for():
    r = answers.example_questions("what will the inspector ask the careers leader")
    assert r.topic == "interview_themes" and r.text.startswith("What inspectors look at (")
    assert answers.example_questions("show me example questions about employer encounters").topic is None


def test_how_to_answer_takes_a_rule_of_the_questions_own_theme():
    r = answers.how_to_answer("what do i say if the inspector asks how we know our careers programme works")
    assert r.topic == "evaluating_impact" and "What the rules say (" in r.text


def test_how_to_answer_without_a_rule_that_fits_says_none():
    r = answers.how_to_answer("how should I answer: tell me about yourself")
    assert r.topic is None and "What the rules say" not in r.text


@pytest.mark.parametrize(
    "text,expect",
    [
        ("show me example questions about employer encounters", "about encounters with employers"),
        ("what do they ask governors?", "for a governor"),
        ("what will they ask pupils?", "focus groups"),
    ],
)
def test_example_questions(text, expect):
    assert expect in answers.example_questions(text).text


@pytest.mark.parametrize(
    "text,topic",
    [
        ("tell me what the eight gatsby benchmark are", "gatsby_benchmarks_overview"),
        ("what good send transition looks like", "send_preparing_for_adulthood"),
        ("transition planning for send pupils in year 9", "send_preparing_for_adulthood"),
    ],
)
def test_all_eight_benchmarks_and_send_transition_decide_the_topic(text, topic):
    assert search.find_topic(text).key == topic


@pytest.mark.parametrize(
    "text,topic",
    [
        ("the labour market information benchmark - what does it ask of schools", "gatsby_benchmark_2"),
        ("what does the personal guidance benchmark say about who delivers it", "gatsby_benchmark_8"),
        ("explain the experiences of workplaces benchmark", "gatsby_benchmark_6"),
    ],
)
def test_a_benchmark_named_by_its_title_is_that_benchmark(text, topic):
    assert search.find_topic(text).key == topic

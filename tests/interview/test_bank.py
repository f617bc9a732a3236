"""The question bank's shape, as the mock interview issue defines it."""

from collections import Counter

from bot.interview import bank
from bot.interview.bank import AUDIENCES, CRITERIA, THEMES

MEASURES = {
    "destinations_ks4",
    "destinations_16_18",
    "not_sustained",
    "leavers_without_destination",
    "disadvantaged_gap",
    "employer_encounters",
    "workplace_experience",
    "provider_encounters",
    "personal_guidance",
    "careers_lessons",
    "labour_market_information",
    "higher_education_visits",
    "parent_engagement",
    "workplace_experience_by_16",
    "personal_guidance_by_16",
    "provider_access",
    "benchmark_coverage",
}


def test_bank_has_at_least_80_questions_across_the_nine_themes():
    qs = list(bank.load().values())
    assert len(qs) >= 80
    assert set(Counter(q.theme for q in qs)) == set(THEMES)
    assert min(Counter(q.theme for q in qs).values()) >= 8


def test_every_question_is_complete():
    for q in bank.load().values():
        assert q.text and q.rephrase and q.rephrase != q.text
        assert set(q.audience) <= set(AUDIENCES) and q.audience
        assert q.difficulty in (1, 2, 3)
        assert 1 <= len(q.probes) <= 3 and all(p.lacks in CRITERIA for p in q.probes)
        assert q.strong_answer and q.red_flags
        assert set(q.measures) <= MEASURES

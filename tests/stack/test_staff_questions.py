"""Issue 14: the questions staff actually typed, through Rasa's REST channel with the real servers.

Each reply is checked whole (or line by line where the reply ends with a question from the
interview bank, which another part of the project revises).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.stack

KS4_LAST_YEAR = "KS4 2024/25 leavers: 92 of 97 leavers (94.8%) in a sustained destination."
NO_NATIONAL_KS4 = (
    "There is no national figure for 2024/25 leavers in the reference figures I hold; the nearest are for 2015/16, "
    "2019/20 leavers (national, 2019/20 leavers, 2020/21 destinations release, provisional (since superseded): 94.1%)."
)


def lines(replies):
    return "\n".join(replies).split("\n")


def test_gcse_leavers_are_ks4(chat):
    out = lines(chat("destinations for our GCSE leavers"))
    assert out[0] == KS4_LAST_YEAR and out[2] == NO_NATIONAL_KS4
    assert not any(line.startswith("Which leavers") for line in out)


def test_disadvantaged_destinations_answer_both_stages(chat):
    out = lines(chat("How did disadvantaged pupils do for destinations last year?"))
    assert out == [
        "2024/25 leavers, disadvantaged pupils, both stages (KS4 first):",
        "- KS4 (Year 11 leavers): 28 of 33 leavers (84.8%) in a sustained destination.",
        "- 16-18 (sixth-form leavers): 12 of 15 leavers (80.0%) in a sustained destination.",
        'Say "KS4" or "sixth form" for the full breakdown of either.',
        "[KS4 in detail]",
        "[16-18 in detail]",
    ]


def test_year_11_destinations_against_national(chat):
    assert lines(chat("How do our year 11 destinations compare with the national average?")) == [KS4_LAST_YEAR, NO_NATIONAL_KS4]


def test_compare_with_the_la_compares_the_measure_named(chat):
    assert (
        lines(chat("employer encounters by year group this year"))[0]
        == "Pupils with at least an employer encounter in 2025/26, by year group:"
    )
    out = lines(chat("compare our destinations with the local authority"))
    no_la = (
        "No local authority figure for 2024/25 leavers is loaded. Load your authority's figures with `coach reference FILE` "
        "(the same columns as the national file) to compare with them."
    )
    assert out[:3] == [
        "2024/25 leavers, both stages (KS4 first):",
        f"- KS4 (Year 11 leavers): 92 of 97 leavers (94.8%) in a sustained destination. {no_la}",
        f"- 16-18 (sixth-form leavers): 33 of 43 leavers (76.7%) in a sustained destination. {no_la}",
    ]


def test_work_experience_before_the_end_of_year_11(chat):
    out = lines(chat("What proportion of the 2024/25 cohort did work experience before the end of Year 11?"))
    assert out[0] == "- Workplace experience by 16, 2024/25 Year 11 cohort: 98 of 101 pupils (97.0%)"


def test_gatsby_benchmark_8(chat):
    out = lines(chat("What does Gatsby benchmark 8 require?"))
    assert out[0] == "Gatsby Benchmark 8: personal guidance"
    assert out[1].startswith(
        'Benchmark 8, "Personal guidance", in its 2024 wording (statutory from September 2025), expects every '
        'pupil to have a guidance meeting with a careers adviser "trained to an appropriate level" by age 16'
    )
    assert (
        out[2]
        == "(Rule or finding dated: Gatsby Benchmark 8, 2024 refresh (statutory from September 2025). Source: CEC gatsby-benchmark-8; gatsbybenchmarks.org.uk.)"
    )


def test_baker_clause_is_in_scope(chat):
    out = lines(chat("What's the Baker clause?"))
    assert out[0] == "Provider access legislation (the Baker clause)"
    assert out[1].startswith(
        "Provider access legislation, formerly known as the Baker clause, means schools must let education "
        "and training providers talk to pupils."
    )


def test_website_question_gets_the_website_topic(chat):
    out = lines(chat("What do we have to publish on our website about careers?"))
    assert out[0] == "What to publish on the careers web page (required since 2018)"
    assert out[1] == (
        "Publishing careers information on the school website has been a legal requirement since September 2018 "
        "(under the School Information (England) Regulations, as the statutory guidance says). The guidance (May "
        "2025 edition, in force from September 2025) expects your careers web page to include:"
    )


def test_typos_and_shorthand_over_rest(chat):
    out = lines(chat("destiantions for yr 11 leavers 2023/24"))
    assert out[0] == "KS4 2023/24 leavers: 106 of 114 leavers (93.0%) in a sustained destination."
    out = lines(chat("what does benchmrak 5 ask for?"))
    assert out[0] == "Gatsby Benchmark 5: encounters with employers and employees"

"""The claim check against the demo school's records: verdicts and the figures they quote."""

import pytest

from bot.evidence.check import ClaimChecker

CASES = [
    (
        "96% of our Year 11 leavers went into a sustained destination last year.",
        "mismatch",
        "You said 96%; your records show 92 of 97 (94.8%) for KS4 2024/25 leavers (sustained education, apprenticeship or employment).",
    ),
    (
        "95% of our KS4 leavers sustained a destination in 2024/25.",
        "match",
        "You said 95%, which agrees with your records: 92 of 97 (94.8%) for KS4 2024/25 leavers (sustained education, apprenticeship or employment).",
    ),
    (
        "About 90% of our disadvantaged Year 11 leavers sustained a destination last year.",
        "mismatch",
        "You said about 90%; your records show 28 of 33 (84.8%) for KS4 2024/25 leavers, disadvantaged pupils (sustained education, apprenticeship or employment).",
    ),
    (
        "Every Year 9 met an employer this year: 100% of them.",
        "mismatch",
        "You said every Year 9; your records show 75 of 113 (66.4%) for Year 9 with at least an employer encounter in 2025/26.",
    ),
    (
        "98% of Year 11 had personal guidance by 16.",
        "mismatch",
        "You said 98%; your records show 96 of 104 (92.3%) for personal guidance by 16, 2025/26 Year 11 cohort.",
    ),
    (
        "We got 75% attendance at our open evening.",
        "unchecked",
        "I didn't check 75%: it comes from a source your records don't hold (a survey, Compass, exam or staff figures).",
    ),
]


@pytest.mark.parametrize("text,verdict,message", CASES)
def test_first_verdict_against_demo(demo_evidence, text, verdict, message):
    first = ClaimChecker(demo_evidence).check(text)[0]
    assert (first.verdict, first.message) == (verdict, message)


def test_the_issue_example_is_not_a_false_accusation(demo_evidence):
    text = (
        "Last year 95% of our Year 11 leavers went into sustained education, employment or training, against 94% nationally. "
        "Disadvantaged pupils were lower at 85%, so this year every pupil premium pupil gets two guidance interviews."
    )
    got = [(v.said, v.verdict, v.subject, v.measure, v.count, v.base) for v in ClaimChecker(demo_evidence).check(text)]
    assert got == [
        ("95%", "match", "school", "destinations_ks4", 92, 97),
        ("94%", "reference", "national", "national_ks4_sustained", None, None),
        ("85%", "match", "school", "destinations_ks4", 28, 33),
    ]


def test_every_number_in_a_mismatch_comes_from_the_records(demo_evidence):
    [c] = ClaimChecker(demo_evidence).check("12% of our Year 11 leavers were NEET last year.")
    f = demo_evidence.destinations("ks4", 2025).figures["not_sustained"]
    assert (c.verdict, c.true_figure, c.count, c.base) == ("mismatch", f"{f.percent:.1f}", f.count, f.base)


def test_unstated_stage_is_not_an_accusation(demo_evidence):
    [c] = ClaimChecker(demo_evidence).check("12% of our leavers were NEET last year.")
    assert c.verdict == "unchecked" and "KS4 2024/25 leavers" in c.message and "16-18 2024/25 leavers" in c.message


def test_small_group_is_not_checked(demo_evidence):
    [c] = ClaimChecker(demo_evidence).check("100% of our 16-18 leavers with SEND in 2022/23 sustained a destination.")
    assert c.verdict == "unchecked" and "too small to report" in c.message


def test_a_figure_equal_to_a_national_one_is_not_called_wrong(demo_evidence):
    [c] = ClaimChecker(demo_evidence).check("In 2024/25 94.1% of Year 11 leavers were in a sustained destination.")
    assert c.verdict == "unchecked" and "national figure for 2019/20 leavers (94.1%)" in c.message


def test_a_named_cohort_and_its_window_pick_the_provider_access_figure(demo_evidence):
    # The cohort is named by where it is now; the other year groups say when the encounters happened.
    text = (
        "Our Year 8 and 9 provider encounters worked: this year's Year 10s were 111 of 112 by the February of Year 9, "
        "but this year's Year 11 are at 10% for the Year 10-11 window so far. "
        "Last year's Year 11 managed 100% in Years 10 and 11."
    )
    got = [(v.said, v.verdict, v.count, v.base) for v in ClaimChecker(demo_evidence).check(text)]
    assert got == [("111 of 112", "match", 111, 112), ("10%", "mismatch", 0, 104), ("100%", "match", 101, 101)]


def test_year_groups_written_with_a_slash_are_not_a_fraction(demo_evidence):
    text = "For Y10/11 provider access this year's Year 11 are on 0% so far."
    got = [(v.said, v.verdict) for v in ClaimChecker(demo_evidence).check(text)]
    assert got == [("0%", "match")]


def test_typos_are_read_as_meant(demo_evidence):
    text = "In 2023/24 our dissadvantaged Year 11 leavers were in sustained destiantions at 88.2%."
    got = [(v.said, v.verdict, v.count, v.base) for v in ClaimChecker(demo_evidence).check(text)]
    assert got == [("88.2%", "match", 30, 34)]


def test_a_count_of_pupils_for_an_activity_is_the_schools(demo_evidence):
    # "for provider encounters" names what the pupils had, not a non-pupil unit ("6 of the 8 benchmarks").
    text = "This year's Year 10s were 111 of 112 for provider encounters when they were in Year 9."
    got = [(v.said, v.verdict, v.count, v.base) for v in ClaimChecker(demo_evidence).check(text)]
    assert got == [("111 of 112", "match", 111, 112)]

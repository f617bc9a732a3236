"""Claims in answers checked against the demo school's records."""
import pytest

from bot.interview.claims import ClaimChecker

CASES = [
    ("96% of our Year 11 leavers went into a sustained destination last year.", "mismatch",
     "You said 96%; your records show 92 of 97 (94.8%) for KS4 2024/25 leavers."),
    ("95% of our KS4 leavers sustained a destination in 2024/25.", "match", "92 of 97 (94.8%)"),
    ("94.8% of our leavers sustained their destination.", "match", "92 of 97 (94.8%)"),
    ("About 90% of our disadvantaged leavers sustained a destination last year.", "mismatch", "28 of 33 (84.8%) for KS4 2024/25 leavers, disadvantaged pupils"),
    ("Every Year 9 met an employer this year: 100% of them.", "mismatch", "75 of 113 (66.4%) for Year 9 meeting an employer in 2025/26"),
    ("All of Year 11 had two provider encounters by February, so 100% met provider access.", "mismatch", "0 of 104 (0.0%)"),
    ("98% of Year 11 had personal guidance by 16.", "mismatch", "for personal guidance by 16 for the 2025/26 Year 11 cohort"),
    ("We got 75% attendance at our open evening.", "unchecked", "can't check 75%"),
]


@pytest.mark.parametrize("text,status,fragment", CASES)
def test_claims_against_demo(demo_evidence, text, status, fragment):
    claims = ClaimChecker(demo_evidence).check(text)
    assert claims, text
    assert claims[0].status == status, claims
    assert fragment in claims[0].message


def test_every_number_in_a_verdict_comes_from_the_records(demo_evidence):
    [c] = ClaimChecker(demo_evidence).check("12% of our leavers were NEET last year.")
    f = demo_evidence.destinations("ks4", 2025).figures["not_sustained"]
    assert c.status == "mismatch" and c.true_figure == f.text()


def test_small_group_is_not_checked(demo_evidence):
    claims = ClaimChecker(demo_evidence).check("100% of our leavers with an EHC plan in 2021/22 sustained a destination.")
    assert claims[0].status == "unchecked"

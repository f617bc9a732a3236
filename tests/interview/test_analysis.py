"""Answer analysis on answers of known quality (table-driven)."""

import pytest

from bot.interview.analysis import analyse

STRONG = (
    "Since 2022 we have tracked every leaver in Compass+. In 2024/25, 92 of 97 Year 11 leavers (94.8%) sustained a "
    "destination, up from 93.0% the year before. Disadvantaged pupils and pupils with SEND get an extra guidance "
    "interview with our Level 6 adviser in Year 10, and we work with Northfield College on taster days. Our provider "
    "access policy statement is published on the website, and we review it against the Gatsby Benchmarks."
)
VAGUE = "We do lots of things for careers and the pupils really enjoy them."
NO_INCLUSION = (
    "In 2024/25 we ran 17 employer talks for Year 9 and Year 10 with Arup and the NHS; 92% of pupils took part "
    "and feedback surveys showed confidence improved. This meets Gatsby Benchmark 5."
)

CASES = [
    ("strong", STRONG, {"evidence": "secure", "specificity": "secure", "impact": "secure", "inclusion": "secure", "statutory": "secure"}),
    ("vague", VAGUE, {"evidence": "missing", "impact": "missing", "inclusion": "missing", "statutory": "missing"}),
    ("no inclusion", NO_INCLUSION, {"evidence": "secure", "specificity": "secure", "inclusion": "missing"}),
    ("empty", "", {"evidence": "missing", "specificity": "missing", "impact": "missing", "inclusion": "missing", "statutory": "missing"}),
    ("very long", STRONG * 60, {"evidence": "secure", "inclusion": "secure"}),
]


@pytest.mark.parametrize("name,text,expected", CASES, ids=[c[0] for c in CASES])
def test_criteria(name, text, expected):
    a = analyse(text)
    for criterion, level in expected.items():
        assert a.criteria[criterion].level == level, (criterion, a.criteria[criterion])


def test_findings_are_explained():
    a = analyse(STRONG)
    assert "Northfield College" in a.criteria["specificity"].found
    assert any("94.8%" in f for f in a.criteria["evidence"].found)
    assert not any(f in ("11", "6") for f in a.criteria["evidence"].found)  # "Year 11", "Level 6" are names

"""Figures as careers leads write them: what `find_values` finds, and what each is worth."""

from decimal import Decimal

import pytest

from bot.evidence.numbers import find_values


@pytest.mark.parametrize(
    "text,found",
    [
        ("Y12 two thirds done, Y13 a third, the rest after the mocks", [("two thirds", "66.7"), ("a third", "33.3")]),
        ("our Year 9s all had two encounters by February", [("all", "100")]),
        ("the rest of the year group, who were all sustained", [("all", "100")]),
        ("it came right down to under 3 points in 2022/23 from 15.3 points", [("under 3 points", "3"), ("15.3 points", "15.3")]),
        ("the gap was 15.3 points, down to under 3 by 2022/23", [("15.3 points", "15.3"), ("under 3", "3")]),
        ("we run it two and a half days a week, with half of them going to college", [("half", "50")]),
        ("For Y10/11 provider access we are on 0%", [("0%", "0")]),
    ],
    ids=["shares", "all-after-subject", "who-were-all", "under-points", "bare-after-points", "not-two-and-a-half", "year-slash"],
)
def test_figures_found(text, found):
    assert [(v.said, str(v.value)) for v in find_values(text)] == found


def test_a_decimal_said_in_words_is_a_percentage_not_a_gap():
    (v,) = find_values("eighty-seven point five per cent of them stayed on")
    assert (v.said, v.kind, v.value, v.places) == ("eighty-seven point five per cent", "percent", Decimal("87.5"), 1)


def test_a_rate_said_aloud_without_per_cent_is_a_percentage():
    found = [
        (v.said, v.kind, v.value)
        for v in find_values("Seven of eight sustained, eighty-seven point five. Down twelve points two years running.")
    ]
    assert found == [
        ("Seven of eight", "fraction", Decimal("87.5")),
        ("eighty-seven point five", "percent", Decimal("87.5")),
        ("twelve points", "points", Decimal("12")),
    ]

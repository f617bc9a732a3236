"""Judging an answer against its question's rubric: on topic or not, points with the words found, score."""

import pytest

from bot.interview import bank
from bot.interview.feedback import ProbeChoice, lines_for, probe_for
from bot.interview.judge import judge, match_question

LEADER = (
    "I am the careers leader. I did the careers leader training through the hub in 2023 and I get a day a week "
    "protected for the role, and I report to the deputy head."
)


def test_an_answer_about_another_question_is_told_so_and_asked_again():
    q = bank.load()["DE08"]
    j = judge(q, LEADER)
    assert (j.addresses, j.score, j.answer_about) == (False, 0.0, "the careers leader's role, time, training and authority")
    assert lines_for(j) == [
        "That answer is about the careers leader's role, time, training and authority; the question asked about where "
        "sixth-form students go after Year 13.",
        "What a strong answer to this question covers first: Knows 16 to 18 destinations across all routes.",
    ]
    assert probe_for(q, j, "supportive") == ProbeChoice(q.rephrase, "question")


def test_points_covered_show_the_words_and_the_heaviest_missing_point_comes_next():
    q = bank.load()["PL02"]
    j = judge(q, LEADER)
    assert j.addresses and j.score == 0.62  # (2 + 3) of 8 weight
    assert lines_for(j) == [
        "Points covered: 2 of 4:",
        '- Names the careers leader and explains their line of accountability to a senior leader (you said "careers leader", "report to")',
        '- Describes protected time and relevant training for the role (you said "day a week", "training")',
        "Most worth adding: Shows the careers leader can influence subject leaders and the timetable.",
    ]
    # the missing points, heaviest first
    assert [p.text for p in j.missing()] == [q.points[2].text, q.points[3].text]


def test_red_flags_are_heard_with_their_words():
    q = bank.load()["PL02"]
    j = judge(q, "It's me, I report to the deputy head, but I'm on a full timetable and do careers in my PPA time.")
    assert [(f.text, f.found) for f in j.flags_heard] == [(q.flags[0].text, ["full timetable"])]
    assert lines_for(j)[-1] == f'Red flag: {q.flags[0].text} (you said "full timetable").'


def test_a_vague_answer_addresses_the_question_but_scores_nothing():
    j = judge(bank.load()["PL03"], "Governors are really supportive of careers and the link governor is very interested.")
    assert (j.addresses, j.score, [p.covered for p in j.points]) == (True, 0.0, [False, False, False])


def test_probe_is_chosen_by_the_missing_point():
    q = bank.load()["PL02"]
    j = judge(q, "I'm the careers leader and I report to the deputy head.")
    # the heaviest missing point (time and training, weight 3) is linked to the bank's probe about time
    assert probe_for(q, j, "supportive") == ProbeChoice(q.probes[0].text, q.points[1].text)


def test_no_probe_for_a_light_missing_point_from_a_supportive_inspector():
    q = bank.load()["PL02"]
    full = LEADER + " I sit on the middle leaders group and heads of department show me their schemes of work."
    j = judge(q, full)
    assert [p.text for p in j.missing()] == [q.points[3].text] and q.points[3].weight == 1
    assert probe_for(q, j, "supportive") is None
    assert probe_for(q, j, "challenging").lacks == q.points[3].text


@pytest.mark.parametrize(
    "asked,bank_id",
    [
        ("Who is your careers leader, and what time, training and authority do they have to do the job?", "PL02"),
        ("Who is in charge of careers here, and do they get enough time and training?", "PL02"),
        ("Where do your sixth formers end up after Year 13?", "DE08"),
    ],
)
def test_questions_in_other_words_find_their_bank_question(asked, bank_id):
    m = match_question(asked)
    assert (m.near, m.question.id) == (True, bank_id)


def test_a_question_far_from_the_bank_is_judged_by_its_theme():
    m = match_question(
        "Tell me about the money side of things for careers",
        "We have a budget of £3,000 a year for careers staffing, agreed by the headteacher.",
    )
    assert (m.near, m.question.theme, m.as_dict()["id"]) == (False, "programme_leadership", None)
    assert m.question.id == "PL08"  # the theme's question the answer fits best

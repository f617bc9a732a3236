"""`coach assess` (text and --json) on the demo school, and the chat's two ways of asking."""

import json
import os
import subprocess
import sys

import pytest

from actions.assess import split_request
from bot.interview.assess import assess

ANSWER = (
    "It's me, I'm the careers leader and I'm line managed by our deputy head. I get a day a week protected for it "
    "and I did the careers leader training through the hub in 2023. Last year 96% of our Year 11 leavers went into "
    "a sustained destination."
)
MISMATCH = (
    "You said 96%; your records show 92 of 97 (94.8%) for KS4 2024/25 leavers (sustained education, apprenticeship " "or employment)."
)


def run(demo_engine, *args, stdin=ANSWER):
    env = dict(os.environ, COACH_DATABASE_URL=str(demo_engine.url))
    return subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "assess", *args, "-"], input=stdin, env=env, capture_output=True, text=True, timeout=120
    )


def test_assess_json_on_the_demo_school(demo_engine):
    r = run(demo_engine, "--json", "--question", "Who runs careers here, and do they get enough time and training?")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["question"] == {
        "id": "PL02",
        "text": "Who is your careers leader, and what time, training and authority do they have to do the job?",
        "theme": "programme_leadership",
        "similarity": out["question"]["similarity"],
        "rubric": "PL02",
    }
    assert 0.3 <= out["question"]["similarity"] <= 1.0
    assert (out["addresses_question"], out["score"], out["red_flags"]) == (True, 0.62, [])
    assert [(p["covered"], p["found"]) for p in out["points"]] == [
        (True, ["It's me", "line managed"]),
        (True, ["day a week", "training"]),
        (False, []),
        (False, []),
    ]
    assert out["claims"] == [
        {
            "said": "96%",
            "verdict": "mismatch",
            "subject": "school",
            "measure": "destinations_ks4",
            "true_figure": "94.8",
            "count": 92,
            "base": 97,
            "message": MISMATCH,
        }
    ]


def test_assess_text_off_topic_scores_zero(demo_engine):
    r = run(
        demo_engine,
        "--question",
        "Where do your sixth-form students go after Year 13, including apprenticeships and " "employment as well as university?",
        stdin=ANSWER.split(" Last year")[0],
    )
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().split("\n")
    assert lines[:3] == [
        'Judged against the bank question "Where do your sixth-form students go after Year 13, including apprenticeships and '
        'employment as well as university?" (similarity 1.00).',
        "Score: 0.00 (the weighted share of a strong answer's points covered; not an Ofsted grade).",
        "That answer is about the careers leader's role, time, training and authority; the question asked about where "
        "sixth-form students go after Year 13.",
    ]
    assert lines[-1] == "A figure to cite: 16-18 2024/25 leavers in a sustained destination: 33 of 43 leavers (76.7%)."


def test_assess_without_a_question_says_which_it_used(demo_evidence):
    a = assess(None, ANSWER.split(" Last year")[0], demo_evidence)
    assert a.match.question.id == "PL02" and a.text().startswith(
        "You didn't say which question; this reads as an answer to: \"Who is your careers leader,"
    )


@pytest.mark.parametrize(
    "message,expected",
    [
        (
            "how does this answer sound: we track every leaver with the local authority",
            (None, "we track every leaver with the local authority"),
        ),
        ("How does my answer sound? Governors get a report twice a year.", (None, "Governors get a report twice a year.")),
        (
            "rate my answer to who is your careers leader: it's me, I report to the deputy head",
            ("who is your careers leader", "it's me, I report to the deputy head"),
        ),
        (
            "please rate my answer to where do your pupils go after year 11? 94% sustained last year",
            ("where do your pupils go after year 11?", "94% sustained last year"),
        ),
        (
            "can you score my answer to the question how do governors oversee careers: the full board gets a report",
            ("how do governors oversee careers", "the full board gets a report"),
        ),
        ("rate this answer: we keep destinations for three years", (None, "we keep destinations for three years")),
    ],
)
def test_the_chat_request_is_split_into_question_and_answer(message, expected):
    assert split_request(message) == expected

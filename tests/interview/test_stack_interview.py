"""The rubric feedback, probes, summary and the 20-minute interview through the real stack (REST and terminal)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bot.interview import bank
from tests.conftest import terminal_chat
from tests.stack.interview_expect import Interview

pytestmark = pytest.mark.stack

LEADER = (
    "It's me, I'm the careers leader and I'm line managed by our deputy head. I get a day a week protected for it "
    "and I did the careers leader training through the hub in 2023."
)


def joined(replies):
    return "\n".join(replies)


def test_interview_over_rest_shows_points_probes_and_summary(chat):
    out = joined(chat("a 20-minute interview on programme leadership"))
    assert "Mock inspection interview: 8 questions on programme and leadership, paced for 20 minutes" in out
    assert "about 2.5 min a question" in out and "Question 1 of 8" in out
    interview = Interview(out)

    def say(message):
        return joined(chat(message))

    for _ in range(3):  # the questions are drawn at random: each reply is the one the rubric gives for the question asked
        out = interview.answer(say, LEADER)
        if interview.followed_up is not None:
            out = interview.answer(say, "We review it every year with the governors.")
        assert "What worked" not in out and "Time on this question:" in out
    out = joined(chat("stop"))
    assert "Interview stopped: 3 of 8 questions answered" in out and "By theme: Programme and leadership" in out
    assert "Points most often missed:" in out and "paced for 20 minutes, about 2.5 min a question" in out
    assert "Practise next: Programme and leadership" in out and "Transcript saved" in out


def test_off_topic_answer_over_rest_is_told_so(chat):
    chat("interview me on destinations")
    q = None
    for _ in range(12):  # find a destinations question the careers-leader answer misses
        out = joined(chat(LEADER))
        if "That answer is about the careers leader's role" in out:
            q = out
            break
        chat("skip")
    assert q is not None and "the question asked about" in q and "Follow-up:" in q
    assert "What worked" not in q and "Points covered" not in q


def test_rate_my_answer_in_the_chat(chat):
    out = joined(chat("rate my answer to who is your careers leader and what time do they get? " + LEADER))
    assert 'Judged against the bank question "Who is your careers leader' in out
    assert "Points covered: 2 of 4:" in out and "Score: 0.62" in out
    out = joined(chat("how does this answer sound: " + LEADER + " 96% of our Year 11 leavers went into a sustained destination last year."))
    assert "You didn't say which question" in out
    assert "You said 96%; your records show 92 of 97 (94.8%) for KS4 2024/25 leavers" in out


def test_20_minute_interview_in_the_terminal_with_its_transcript(stack, tmp_path):
    lines = ["a 20-minute interview", LEADER, "skip", LEADER, "skip", "stop"]
    out = terminal_chat(stack, lines)
    assert "paced for 20 minutes" in out and "Interview stopped" in out
    assert "Time:" in out and "min in all over" in out and "Transcript saved (number" in out
    tid = out.split("Transcript saved (number ")[1].split(")")[0]
    env = dict(os.environ, COACH_DATABASE_URL=stack.settings.database_url)
    r = subprocess.run(
        [sys.executable, "-m", "bot.app.cli", "transcripts", "--export", tid, "--format", "md", "--out", str(tmp_path / "t.md")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    md = (tmp_path / "t.md").read_text()
    assert "Time on this question:" in md and "min in all over" in md and "paced for 20 minutes" in md
    assert any(q.text in md for q in bank.load().values())


@pytest.mark.parametrize(
    "message",
    [
        "How does this answer sound? We survey pupils, parents, staff and employers every summer and act on it.",
        "what do you think of this answer: governors get a careers report every term with the destinations",
        "Could you rate my answer to how do you evaluate your programme: we survey pupils, parents and employers each year.",
        "score my answer to where do your year 11s go? 92 of 97 sustained a destination last year, most at Kingsway College.",
        "how does this answer sound:\n\nOur careers leader has a day a week.\n\nShe did the hub training in 2023 and reports to the deputy head.",
    ],
)
def test_rate_my_answer_phrasings_reach_the_assessment(chat, message):
    out = joined(chat(message))
    assert "Score: " in out and "not an Ofsted grade" in out, out

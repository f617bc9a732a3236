"""The one reply an interview answer must get, worked out in-process from the question the stack asked.

The stack draws its questions at random (a fresh seed per interview), so a stack test reads the question from
the reply ("Question 2 of 8 (Destinations):\\n<text>") and asks the interview's own rubric (bot.interview) what
follows from it: the follow-up it probes with, or the feedback's first line and the next question.
"""

from __future__ import annotations

import re

from bot.interview import bank, feedback
from bot.interview.judge import judge

_ASKED = re.compile(r"Question (\d+) of (\d+) \([^)]*\):\n([^\n]+)")
_STYLE = re.compile(r"by a (challenging|supportive) inspector")


def style(intro: str) -> str:
    """The inspector's style, as the interview's intro states it."""
    m = _STYLE.search(intro)
    assert m, intro
    return m.group(1)


def asked(reply: str) -> tuple[bank.Question, int, int]:
    """The question the reply asks, with its number and the interview's length."""
    m = _ASKED.search(reply)
    assert m, reply
    [q] = [q for q in bank.load().values() if q.text == m.group(3)]
    return q, int(m.group(1)), int(m.group(2))


def after_answer(reply_with_question: str, answer: str, inspector: str) -> list[str]:
    """What the reply to ``answer`` must contain: the follow-up, or the feedback's first line and the next question."""
    q, n, total = asked(reply_with_question)
    probe = feedback.probe_for(q, judge(q, answer), inspector)
    if probe is not None:
        return [f"Follow-up: {probe.text}"]
    return [feedback_start(q, answer)] + ([f"Question {n + 1} of {total}"] if n < total else [])


def missing(fragments: list[str], reply: str) -> list[str]:
    """The fragments the reply lacks (an empty list when it is the one right reply)."""
    return [f for f in fragments if f not in reply]


def probes(reply_with_question: str, answer: str, inspector: str) -> bool:
    """Whether the interview follows ``answer`` up rather than giving the feedback."""
    q, _, _ = asked(reply_with_question)
    return feedback.probe_for(q, judge(q, answer), inspector) is not None


def feedback_start(q: bank.Question, full_answer: str) -> str:
    """The feedback's first line for the whole answer (with any follow-up answer, after a newline)."""
    return feedback.lines_for(judge(q, full_answer.strip()))[0]


class Interview:
    """Follows one stack interview: each answer's one right reply, from the question on screen and any follow-up."""

    def __init__(self, intro_and_first_question: str):
        self.inspector = style(intro_and_first_question)
        self.screen = intro_and_first_question  # the reply that asked the current question
        self.followed_up: str | None = None  # the first answer, while its follow-up is waiting for an answer
        self.prompt = _ASKED.search(intro_and_first_question).group(0)  # what "repeat the question" shows

    def expect(self, answer: str) -> list[str]:
        """The fragments the reply to ``answer`` must hold."""
        q, n, total = asked(self.screen)
        if self.followed_up is None:
            return after_answer(self.screen, answer, self.inspector)
        following = [f"Question {n + 1} of {total}"] if n < total else []
        return [feedback_start(q, self.followed_up + "\n" + answer.strip())] + following

    def answer(self, say, answer: str) -> str:
        """Send ``answer`` with ``say`` (message -> reply text), check the reply is the one expected, and follow on."""
        expected = self.expect(answer)
        reply = say(answer)
        assert not missing(expected, reply), (expected, reply)
        if self.followed_up is None and expected[0].startswith("Follow-up: "):
            self.followed_up, self.prompt = answer.strip(), expected[0]
        else:
            self.followed_up = None
            if _ASKED.search(reply):
                self.screen, self.prompt = reply, _ASKED.search(reply).group(0)
        return reply

    def skip(self, say) -> str:
        """Send "skip": a follow-up waiting ends with the feedback on the first answer; a question is skipped."""
        q, n, total = asked(self.screen)
        first = [feedback_start(q, self.followed_up)] if self.followed_up is not None else ["Skipped."]
        expected = first + ([f"Question {n + 1} of {total}"] if n < total else [])
        reply = say("skip")
        assert not missing(expected, reply), (expected, reply)
        self.followed_up = None
        self.screen = reply
        if _ASKED.search(reply):
            self.prompt = _ASKED.search(reply).group(0)
        return reply

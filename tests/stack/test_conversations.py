"""Full stack: the trained assistant and the action server, through Rasa's REST channel."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bot.knowledge.base import topics
from tests.conftest import terminal_chat
from tests.stack.interview_expect import Interview

pytestmark = pytest.mark.stack


def joined(replies):
    return "\n".join(replies)


def test_greet_help_and_bot_challenge(chat):
    assert "Careers Inspection Coach" in joined(chat("hi"))
    out = joined(chat("what can you do?"))
    assert "Mock inspection interview" in out and "Your careers evidence" in out and "What inspectors look for" in out
    assert "automated assistant" in joined(chat("are you a bot?"))
    assert "Goodbye" in joined(chat("bye"))


def test_out_of_scope_and_gibberish(chat):
    assert "outside what I can help with" in joined(chat("what's the weather like tomorrow?"))
    out = joined(chat("zxqv blorp"))  # no word the language pipeline knows: classified out of scope, not the fallback
    assert out.startswith("That's outside what I can help with") and "I'm not sure what you mean" not in out, out


EVIDENCE_SCRIPTS = [
    # (message, fragment expected in the reply)
    [
        ("What were our KS4 destinations last year?", "KS4 2024/25 leavers: 92 of 97 leavers (94.8%)"),
        ("And for disadvantaged pupils?", "28 of 33 leavers (84.8%)"),
        ("How does that compare nationally?", "no national figure for 2024/25 leavers (disadvantaged pupils)"),
        ("What about the year before?", "2023/24 leavers, disadvantaged pupils"),
        ("and for SEND pupils?", "pupils with SEND"),
    ],
    [
        ("what were our destinations last year?", "2024/25 leavers, both stages (KS4 first)"),
        ('/followup{"year_group": "sixth form"}', "16-18 2024/25 leavers"),
    ],
    [
        ("show me our sixth form destinations trend", "16-18 destinations"),
        ("how many of our year 11 leavers were NEET last year?", "did not sustain education"),
    ],
    [
        ("employer encounters by year group this year", "Year 9: 75 of 113 (66.4%)"),
        ("and year 10?", "Year 10 pupils"),
        ("what about last year?", "2024/25"),
    ],
    [
        ("did every year 11 get personal guidance by 16?", "Personal guidance by 16"),
        ("how many year 10s did work experience this year?", "workplace experience"),
    ],
    [
        ("are we meeting provider access for this year's year 11?", "0 of 104 pupils (0.0%)"),
        ("provider access for our current year 9s", "2027/28 cohort"),
    ],
    [
        ("how many leavers have no destination recorded?", "4 of the 101 pupils"),
        ("what will the inspector pick up on?", "What an inspector may pick up on"),
        ("how are we doing on gatsby 5", "Benchmark 5:"),
    ],
]


def test_each_terminal_chat_is_a_new_conversation(stack):
    """A second `coach chat` does not resume the first one's interview."""
    first = terminal_chat(stack, ["grill me on employer encounters"])
    second = terminal_chat(stack, ["what were our KS4 destinations last year?"])
    assert "Question 1 of 8" in first
    assert "92 of 97 leavers (94.8%)" in second and "Question 2 of 8" not in second


@pytest.mark.parametrize("script", EVIDENCE_SCRIPTS, ids=[s[0][0][:40] for s in EVIDENCE_SCRIPTS])
def test_evidence_conversations(chat, script):
    for message, fragment in script:
        out = joined(chat(message))
        assert fragment in out, (message, out)


def test_mock_interview_over_rest(chat):
    out = joined(chat("grill me on destinations"))
    assert "Mock inspection interview: 8 questions on destinations" in out and "Question 1 of 8" in out
    interview = Interview(out)

    def say(message):
        return joined(chat(message))

    assert "Hint:" in joined(chat("give me a hint"))
    assert "Question 1 of 8" in joined(chat("repeat the question"))
    out = joined(chat("what do you mean?"))
    assert "Question 1 of 8" not in out and out.strip()
    out = interview.answer(say, "96% of our Year 11 leavers went into a sustained destination last year.")
    assert (
        "You said 96%; your records show 92 of 97 (94.8%) for KS4 2024/25 leavers (sustained education, apprenticeship or employment)."
        in out
    )
    # An answer that sounds like a greeting, and one containing the word stop, are answers: the reply is the one
    # the interview's rubric gives for the question on screen (drawn at random), not a greeting.
    out = interview.answer(say, "Hello! We never stop tracking: every leaver is followed up in October with the local authority.")
    assert "Careers Inspection Coach" not in out
    interview.skip(say)
    out = joined(chat("stop"))
    assert "Interview stopped" in out and "Claims that did not match your records" in out and "Transcript saved" in out
    assert "Careers Inspection Coach" in joined(chat("hello"))  # back to normal conversation


def test_stop_as_first_answer(chat):
    chat("start a mock interview")
    out = joined(chat("stop"))
    assert "Interview stopped: 0 of 8" in out


def test_how_to_answer_and_examples(chat):
    out = joined(chat("how should I answer this: how do you know your careers programme is making a difference?"))
    assert "A strong answer:" in out and "Want to practise" in out
    assert "for a governor" in joined(chat("what do they ask governors?"))


KNOWLEDGE = sorted(topics())


@pytest.mark.parametrize("topic_id", KNOWLEDGE)
def test_every_knowledge_topic_in_conversation(chat, topic_id):
    t = topics()[topic_id]
    answered = 0
    for phrase in t.examples[:3]:
        if t.title in joined(chat(phrase)):
            answered += 1
    assert answered >= 2, topic_id


def test_terminal_chat(stack):
    out = terminal_chat(stack, ["hi", "what can you do?", "what were our KS4 destinations last year?"])
    assert "coach> Hello!" in out and "Mock inspection interview" in out and "92 of 97 leavers (94.8%)" in out


@pytest.mark.parametrize("script", EVIDENCE_SCRIPTS, ids=[s[0][0][:40] for s in EVIDENCE_SCRIPTS])
def test_evidence_conversations_in_the_terminal_chat(stack, script):
    out = terminal_chat(stack, [m if not m.startswith("/followup") else "2" for m, _ in script])
    for _, fragment in script:
        assert fragment in out, fragment


def test_mock_interview_and_knowledge_in_the_terminal_chat(stack, tmp_path):
    out = terminal_chat(
        stack,
        [
            "grill me on employer encounters",
            "give me a hint",
            "Every Year 9 pupil met an employer this year: 100% of them, at our Arup careers fair.",
            "We also run mock interviews with local employers for SEND pupils.",
            "stop",
            "what is the provider access legislation?",
            "how should I answer this: how do you use destination data?",
        ],
    )
    assert "Question 1 of 8" in out and "Hint:" in out
    assert "You said every Year 9; your records show 75 of 113 (66.4%) for Year 9 with at least an employer encounter in 2025/26." in out
    assert "Interview stopped" in out and "Transcript saved (number" in out
    assert "Provider access legislation" in out and "A strong answer:" in out
    tid = out.split("Transcript saved (number ")[1].split(")")[0]
    env = dict(__import__("os").environ, COACH_DATABASE_URL=stack.settings.database_url)
    for fmt in ("md", "html"):
        r = subprocess.run(
            [sys.executable, "-m", "bot.app.cli", "transcripts", "--export", tid, "--format", fmt, "--out", str(tmp_path / f"t.{fmt}")],
            env=env,
            capture_output=True,
            text=True,
        )
        assert r.returncode == 0
        assert "You said every Year 9; your records show 75 of 113 (66.4%)" in (tmp_path / f"t.{fmt}").read_text()
    listing = subprocess.run([sys.executable, "-m", "bot.app.cli", "transcripts"], env=env, capture_output=True, text=True).stdout
    assert f"{tid:>4}" in listing and "stopped" in listing


def test_every_knowledge_topic_in_the_terminal_chat(stack):
    """One terminal session asks each topic (first two phrasings) and a 'how should I answer' question."""
    ts = [topics()[k] for k in KNOWLEDGE]
    lines = [p for t in ts for p in t.examples[:2]] + ["how should I answer this: how do you support pupils with SEND into work?"]
    out = terminal_chat(stack, lines)
    missing = [t.id for t in ts if t.title not in out]
    assert not missing, missing
    assert "A strong answer:" in out and "Want to practise" in out


CHECK_THIS = (
    "check this: Last year 96% of our Year 11 leavers went into sustained education, employment or training, "
    "against 94% nationally. Disadvantaged pupils were lower at 85%."
)
CHECK_REPLY = (
    "1. [mismatch] You said 96%; your records show 92 of 97 (94.8%) for KS4 2024/25 leavers (sustained education, "
    "apprenticeship or employment).\n"
    "2. [match] You said 85%, which agrees with your records: 28 of 33 (84.8%) for KS4 2024/25 leavers, disadvantaged "
    "pupils (sustained education, apprenticeship or employment).\n"
    "3. [reference] 94% is a national figure: it agrees with the national figure I hold for 2019/20 leavers, 94.1% "
    "(I hold none for 2024/25 leavers)."
)


def test_check_this_over_rest(chat):
    [reply] = chat(CHECK_THIS)
    assert reply.startswith(CHECK_REPLY)


def test_check_this_in_the_terminal_chat(stack):
    out = terminal_chat(stack, [CHECK_THIS])
    assert CHECK_REPLY.split("\n")[0] in out and "2. [match] You said 85%" in out and "3. [reference] 94% is a national figure" in out
